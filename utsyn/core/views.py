from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from utsyn.audit.services import delete_to_bin, save_with_log


def form_page(request, form, template, context, on_saved, **extra):
    """Shows an edit form, or saves it with its audit entry and goes on with `on_saved(obj)`.

    `extra` sets fields the form does not show (the arena of an assessment, the plan of an item).
    """
    if request.method == "POST" and form.is_valid():
        obj = save_with_log(form, request.user, **extra)
        messages.success(request, _("Saved."))
        return on_saved(obj)
    return render(request, template, {"form": form, **context}, status=400 if form.errors else 200)


def confirm_delete_page(request, obj, template, context, next_url):
    """GET asks for confirmation; POST moves the object to the bin (restorable from there)."""
    if request.method == "POST":
        delete_to_bin(obj, request.user)
        messages.success(request, _("“%(name)s” was moved to the bin.") % {"name": obj})
        return redirect(next_url)
    return render(request, template, context)
