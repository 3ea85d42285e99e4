"""The audit trail and the deletion bin, shared by every domain model.

Call `save_with_log` when saving a form, `log_action` (or the `recording` block around a
change) for anything a service does, `delete_to_bin` to delete and `restore` to undo a
deletion. Each writes its change and its log entry in one transaction. Changes made in one
step (an import) go inside `batch()` and can be undone together with `undo_batch`.
"""

import contextvars
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import IntegrityError, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _

from utsyn.core.values import json_value, plain_values

from . import actions
from .models import LogBatch, LogEntry


class RestoreError(Exception):
    pass


class UndoError(Exception):
    """The batch cannot be undone now; the message says why, in the user's language."""


_current_batch: contextvars.ContextVar[LogBatch | None] = contextvars.ContextVar(
    "utsyn_audit_batch", default=None
)


def audit_values(obj):
    """The object's editable values as the history shows them, for comparing before and after."""
    return plain_values(obj, readable=True)


def diff(before, after):
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def actor_of(user):
    """A signed-in user is a person; an anonymous one a visitor of a public page; no user at
    all (a command, a scheduled job) is Utsyn itself."""
    if user is None:
        return LogEntry.Actor.SYSTEM
    return LogEntry.Actor.PERSON if user.is_authenticated else LogEntry.Actor.VISITOR


def log_action(action, obj, user, data=None, *, snapshot=None, before=None):
    """Records that `user` did `action` (a registered code, `audit.actions`) to `obj`, with
    `data` the changed fields ({name: [before, after]}). `user` is the request's user
    (anonymous for a visitor) or None when Utsyn makes the change itself. Inside `batch()` the
    entry joins the batch, with the raw values `before` the change so that it can be undone."""
    if not actions.is_registered(action):
        raise ValueError(f"Unregistered audit action {action!r}: register it in audit.actions")
    subject = obj.audit_subject()
    current = _current_batch.get()
    return LogEntry.objects.create(
        organisation_id=obj.organisation_id,
        user=user if user and user.is_authenticated else None,
        actor=actor_of(user),
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        changes=data or {},
        snapshot=snapshot,
        batch=current,
        before=before if current is not None else None,
    )


def in_batch():
    return _current_batch.get() is not None


@contextmanager
def recording(action, obj, user, *, always=False):
    """Logs `action` with what changed in `obj` between entering and leaving the block (the
    block saves it). Nothing is logged when nothing changed, unless `always`: an approval
    is worth recording even when the values stay."""
    creating = obj.pk is None
    before = {} if creating else audit_values(obj)
    raw_before = None if creating or not in_batch() else plain_values(obj)
    yield obj
    changes = diff(before, audit_values(obj))
    if changes or always or creating:
        log_action(action, obj, user, changes, before=raw_before)


@contextmanager
def batch(organisation, action, user, description=""):
    """Groups every entry logged inside the block, in one transaction, so that they can be
    undone together. `action` names the whole (e.g. "imported")."""
    with transaction.atomic():
        the_batch = LogBatch.objects.create(
            organisation=organisation,
            action=action,
            description=str(description)[:300],
            user=user if user and user.is_authenticated else None,
            actor=actor_of(user),
        )
        token = _current_batch.set(the_batch)
        try:
            yield the_batch
        finally:
            _current_batch.reset(token)


@transaction.atomic
def undo_batch(the_batch, user):
    """Undoes every change of the batch, newest first: created rows go to the bin, deleted
    ones come back, changed ones get their values back. Refused, with nothing changed, when
    one of its objects was changed after the batch by something else."""
    the_batch = LogBatch.objects.select_for_update().get(pk=the_batch.pk)
    if the_batch.undone_at is not None:
        raise UndoError(_("This has already been undone."))
    entries = list(the_batch.entries.select_related("content_type").order_by("-pk"))
    for entry in entries:
        later = LogEntry.objects.filter(
            content_type=entry.content_type_id, object_id=entry.object_id, pk__gt=entry.pk
        ).exclude(batch=the_batch)
        if later.exists():
            raise UndoError(
                _("“%(object)s” was changed afterwards; nothing was undone.")
                % {"object": entry.object_repr}
            )
    for entry in entries:
        _undo_entry(entry, user)
    the_batch.undone_at = timezone.now()
    the_batch.undone_by = user if user and user.is_authenticated else None
    the_batch.save(update_fields=["undone_at", "undone_by"])
    return the_batch


def _undo_entry(entry, user):
    model = entry.content_type.model_class()
    obj = model._base_manager.filter(pk=entry.object_id).first()
    if entry.action == actions.DELETED:
        if entry.in_bin:
            restore(entry, user)
    elif entry.action == actions.CREATED:
        if obj is not None:
            delete_to_bin(obj, user)
    elif entry.before is not None and obj is not None:
        with recording(actions.UNDONE, obj, user):
            _put_back(obj, entry.before)


def _put_back(obj, raw):
    m2m = {field.name: field for field in obj._meta.many_to_many}
    for name, value in raw.items():
        if name in m2m:
            continue
        field = obj._meta.get_field(name)
        setattr(obj, field.attname, field.to_python(value))
    obj.save()
    for name, value in raw.items():
        if name in m2m:
            getattr(obj, name).set(value)


@transaction.atomic
def save_with_log(form, user, **extra):
    """Saves a ModelForm and records what changed. `extra` sets fields the form does not show.

    Raises `EditConflict` (and writes nothing) when someone else changed the object after the
    user opened the form: see `utsyn.core.concurrency`.
    """
    form.check_concurrency()
    instance = form.instance
    creating = instance.pk is None
    before = {} if creating else form.initial_audit_values
    obj = form.save(commit=False)
    for name, value in extra.items():
        setattr(obj, name, value)
    obj.save()
    form.save_m2m()
    changes = diff(before, audit_values(obj))
    if creating or changes:
        action = actions.CREATED if creating else actions.CHANGED
        log_action(action, obj, user, changes, before=getattr(form, "initial_raw_values", None))
    return obj


def _collect(obj):
    collector = Collector(using=router.db_for_write(type(obj)))
    collector.collect([obj])
    rows = [instance for instances in collector.data.values() for instance in instances]
    for queryset in collector.fast_deletes:
        rows.extend(queryset)
    # Rows that only lose a reference (on_delete=SET_NULL) get it back on restore.
    updates = [
        {
            "model": instance._meta.label_lower,
            "pk": instance.pk,
            "field": field.attname,
            "value": getattr(instance, field.attname),
        }
        for (field, _value), batches in collector.field_updates.items()
        for batch in batches
        for instance in batch  # type: ignore[attr-defined]  # a list of rows, not one
    ]
    return rows, updates


@transaction.atomic
def delete_to_bin(obj, user):
    """Deletes the object and everything that goes with it, keeping a copy to restore from."""
    rows, updates = _collect(obj)
    # Parents first, so that restoring in this order satisfies every foreign key.
    rows.sort(key=lambda row: _depth(type(row)))
    snapshot = {
        "rows": serializers.serialize("python", rows),
        "updates": updates,
    }
    for row in snapshot["rows"]:
        for name, value in row["fields"].items():
            row["fields"][name] = _jsonable(value)
    entry = log_action(actions.DELETED, obj, user, snapshot=snapshot)
    obj.delete()
    return entry


def _depth(model, seen=()):
    parents = [
        field.related_model
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model not in (model, *seen)
    ]
    return 1 + max((_depth(parent, (*seen, model)) for parent in parents), default=0)


def _jsonable(value):
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    return json_value(value)


@transaction.atomic
def restore(entry, user):
    """Puts back what a deletion removed, with the same identities, and logs the restore."""
    if not entry.in_bin:
        raise RestoreError("Not in the bin")
    try:
        with transaction.atomic():
            for restored in serializers.deserialize("python", entry.snapshot["rows"]):
                setattr(restored.object, "_keep_timestamps", True)  # noqa: B010  # see core.models
                restored.save(save_m2m=False)
            for update in entry.snapshot["updates"]:
                model = _model(update["model"])
                model._base_manager.filter(pk=update["pk"]).update(
                    **{update["field"]: update["value"]}
                )
    except IntegrityError as error:
        raise RestoreError(str(error)) from error
    entry.restored_at = timezone.now()
    entry._allow_update = True
    entry.save(update_fields=["restored_at"])
    obj = entry.content_type.model_class()._base_manager.get(pk=entry.object_id)
    log_action(actions.RESTORED, obj, user)
    return obj


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


def history(subject):
    """The log entries shown on an object's page, newest first, with their users."""
    return LogEntry.objects.filter(
        organisation_id=subject.organisation_id,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
    ).select_related("user", "content_type")
