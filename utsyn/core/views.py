from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _

from utsyn.audit.services import save_with_log


def form_page(request, form, template, context, on_saved, **extra):
    """Shows an edit form, or saves it with its audit entry and goes on with `on_saved(obj)`.

    `extra` sets fields the form does not show (the arena of an assessment, the plan of an item).
    """
    if request.method == "POST" and form.is_valid():
        obj = save_with_log(form, request.user, **extra)
        messages.success(request, _("Saved."))
        return on_saved(obj)
    return render(request, template, {"form": form, **context}, status=400 if form.errors else 200)
