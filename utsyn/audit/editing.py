"""Editing with the audit trail: the form mixins that remember what the form was opened with,
and the page that saves a form with its log entry."""

from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from utsyn.core.concurrency import ConcurrencyMixin, EditConflict, ObjectActionForm, form_status
from utsyn.core.values import plain_values

from .models import LogEntry
from .services import audit_values, delete_to_bin, in_batch, save_with_log


class LoggedStateMixin:
    """Tells the concurrency check who made the change that stopped a save: the log entries
    of the form's object."""

    instance: Any  # the model form's

    def state_log(self, name):
        return LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(self.instance),
            object_id=self.instance.pk,
        )


class AuditedFormMixin(LoggedStateMixin, ConcurrencyMixin):
    """Remembers the object's values when the form is built, so the log shows the change;
    refuses to save over a change made after the user opened the form."""

    instance: Any

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.pk is not None
        self.initial_audit_values = audit_values(self.instance) if stored else {}
        # Inside a batch (an import) the raw values are kept too, so that it can be undone.
        self.initial_raw_values = plain_values(self.instance) if stored and in_batch() else None


class AuditedActionForm(LoggedStateMixin, ObjectActionForm):
    """An action on an object (approve, return) refused like an edit when the object changed."""


def form_page(request, form, template, context, on_saved, **extra):
    """Shows an edit form, or saves it with its audit entry and goes on with `on_saved(obj)`.

    `extra` sets fields the form does not show (the arena of an assessment, the plan of an item).
    When someone else changed the object after the form was opened, nothing is saved and the
    form comes back with what changed (409).
    """
    if request.method == "POST" and form.is_valid():
        try:
            obj = save_with_log(form, request.user, **extra)
        except EditConflict:
            pass
        else:
            messages.success(request, _("Saved."))
            return on_saved(obj)
    return render(request, template, {"form": form, **context}, status=form_status(form))


def confirm_delete_page(request, obj, template, context, next_url):
    """GET asks for confirmation; POST moves the object to the bin (restorable from there)."""
    if request.method == "POST":
        delete_to_bin(obj, request.user)
        messages.success(request, _("“%(name)s” was moved to the bin.") % {"name": obj})
        return redirect(next_url)
    return render(request, template, context)
