"""Editing with the audit trail: the form mixins that remember what the form was opened with,
the page that saves a form with its log entry, and the one page that deletes to the bin."""

from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from utsyn.core.concurrency import ConcurrencyMixin, EditConflict, ObjectActionForm, form_status
from utsyn.core.deletion import Deletable, referring_rows, refused_for
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


def form_page(request, form, template, context, on_saved, *, save=save_with_log, **extra):
    """Shows an edit form, or saves it with its audit entry and goes on with `on_saved(obj)`.

    `extra` sets fields the form does not show (the arena of an assessment, the plan of an item).
    `save` is the service that saves the form, when saving does more than `save_with_log` (it
    takes the same arguments and calls it). When someone else changed the object after the form
    was opened, nothing is saved and the form comes back with what changed (409).
    """
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form, request.user, **extra)
        except EditConflict:
            pass
        else:
            messages.success(request, _("Saved."))
            return on_saved(obj)
    return render(request, template, {"form": form, **context}, status=form_status(form))


def confirm_and_bin(
    request,
    obj: Deletable,
    *,
    back_url: str,
    next_url: str | None = None,
    name: object = None,
    question: str | None = None,
    back_label: str | None = None,
):
    """Every delete page. GET asks "Delete …?" with what goes along, or says why the object
    cannot be deleted now (`obj.deletion_blocker()`); POST moves it to the bin (restorable
    from there) and goes on to `next_url`. A refused POST deletes nothing and answers 409.

    `back_url` is where Cancel and the breadcrumb (`back_label`) lead, and where a deletion
    goes on to unless `next_url` says otherwise (the page of a deleted object is gone).
    `name` is how the messages name the object (its str by default); `question` replaces
    "Delete <name>?".
    """
    name = str(obj if name is None else name)
    blocker = obj.deletion_blocker()
    if request.method == "POST" and blocker is None:
        try:
            delete_to_bin(obj, request.user)
        except (ProtectedError, RestrictedError) as error:
            # A reference made since the check: the database refused, nothing was written.
            blocker = obj.deletion_blocker() or refused_for(referring_rows(error))
        else:
            messages.success(request, _("“%(name)s” was moved to the bin.") % {"name": name})
            return redirect(next_url or back_url)
    context = {
        "question": question or _("Delete %(name)s?") % {"name": name},
        "blocker": blocker,
        "consequences": None if blocker else obj.deletion_consequences(),
        "back_url": back_url,
        "back_label": back_label or _("Back"),
    }
    status = 409 if blocker and request.method == "POST" else 200
    return render(request, "audit/confirm_delete.html", context, status=status)
