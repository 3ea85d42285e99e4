"""The audit trail and the deletion bin, shared by every domain model.

Call `save_with_log` when saving a form, `delete_to_bin` to delete and `restore` to undo a
deletion. Each writes its change and its log entry in one transaction.
"""

import datetime
import decimal

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import IntegrityError, models, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone

from utsyn.core.concurrency import ConcurrencyMixin

from .models import LogEntry


class RestoreError(Exception):
    pass


def _plain(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float | decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return str(value)


def audit_values(obj):
    """The object's editable fields as readable strings, for comparing before and after."""
    values = {}
    for field in obj._meta.concrete_fields:
        if not field.editable or field.primary_key or field.name == "organisation":
            continue
        if field.is_relation:
            related = getattr(obj, field.name)
            values[field.name] = str(related) if related is not None else None
        elif field.choices:
            values[field.name] = str(getattr(obj, f"get_{field.name}_display")()) or None
        elif isinstance(field, models.DecimalField) and getattr(obj, field.name) is not None:
            # The form's value (1500) and the stored one (1500.00) must compare equal.
            values[field.name] = (
                f"{decimal.Decimal(getattr(obj, field.name)):.{field.decimal_places}f}"
            )
        else:
            values[field.name] = _plain(getattr(obj, field.name)) or None
    if obj.pk:
        for field in obj._meta.many_to_many:
            values[field.name] = sorted(str(item) for item in getattr(obj, field.name).all())
    return values


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


def log(obj, action, user, changes=None, snapshot=None):
    """Records a change. `user` is the request's user (anonymous for a visitor) or None when
    Utsyn makes the change itself."""
    subject = obj.audit_subject()
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
        changes=changes or {},
        snapshot=snapshot,
    )


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
        log(obj, LogEntry.Action.CREATED if creating else LogEntry.Action.CHANGED, user, changes)
    return obj


class AuditedFormMixin(ConcurrencyMixin):
    """Remembers the object's values when the form is built, so the log shows the change;
    refuses to save over a change made after the user opened the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial_audit_values = audit_values(self.instance) if self.instance.pk else {}


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
        for instance in batch
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
    entry = log(obj, LogEntry.Action.DELETED, user, snapshot=snapshot)
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
    return _plain(value)


@transaction.atomic
def restore(entry, user):
    """Puts back what a deletion removed, with the same identities, and logs the restore."""
    if not entry.in_bin:
        raise RestoreError("Not in the bin")
    try:
        with transaction.atomic():
            for restored in serializers.deserialize("python", entry.snapshot["rows"]):
                restored.object._keep_timestamps = True
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
    log(obj, LogEntry.Action.RESTORED, user)
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
