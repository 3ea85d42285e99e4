"""Optimistic concurrency: nobody saves over a change they have not seen.

Every form that edits something that already exists carries, in a hidden field, the state
the user saw when opening it (signed, so that it cannot be forged). Saving compares that state
with the stored one inside the transaction that writes, with the row locked
(`select_for_update()` on PostgreSQL; on SQLite the IMMEDIATE transactions of the settings
serialise writers). When someone else changed it meanwhile, nothing is written: the form comes
back with HTTP 409, a table of what changed (value when opened, value now, who and when), the
user's own input kept, and the hidden state renewed, so that saving again deliberately saves
over the other change.

The rule lives here once:

- model forms get it through `utsyn.audit.forms.AuditedFormMixin`, which every
  `OrganisationModelForm` (and the membership form) inherits; `save_with_log` checks;
- forms that act on an object without editing its fields (approving or returning a task)
  inherit `ObjectActionForm` (`utsyn.audit.forms.AuditedActionForm`, which also says who
  made the change that stopped them);
- a form over something other than one row (a report's own texts) inherits
  `ConcurrencyMixin` and overrides the hooks `state_key`, `read_state`, `state_label`,
  `state_display` and `state_log`.

The code that writes calls `form.check_concurrency()` first thing in its transaction; it raises
`EditConflict`, and the view renders the form again with `form_status(form)`.

What is compared: every editable value of the object, not only the fields the form shows. A
change to a field the form does not show still means the user's page was stale, and some of
them decide what saving means (a task submitted, approved or returned by someone else must not
silently go back to "draft"). Values are compared raw (keys, not names; choice values, not
labels), so that a renamed unit or another interface language is no conflict. A form can leave
out fields that other actions rearrange and that it never writes (`concurrency_exempt`, e.g. a
plan item's place in the tree): those are taken from the locked row, so an older value is
never written back.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .values import plain_values

STATE_FIELD = "opened_state"
SALT = "utsyn.core.concurrency"

CONFLICT_MESSAGE = gettext_lazy(
    "Someone else changed this while you were editing. Nothing was saved."
)
UNREADABLE_MESSAGE = gettext_lazy(
    "Nothing was saved: the form did not say which version you started from (the page may be "
    "old or damaged). Check your input against what is stored now and save again."
)
DELETED_MESSAGE = gettext_lazy(
    "Someone else deleted this while you were editing. Nothing was saved. An administrator "
    "can restore it from the bin."
)


class EditConflict(Exception):
    """Raised by `check_concurrency`; the form holds the conflict and its message."""


@dataclass
class ChangedValue:
    label: str
    opened: str
    now: str
    entry: Any  # the log entry saying who changed it and when, if the log tells

    @property
    def who(self):
        return self.entry.who if self.entry else None


@dataclass
class Conflict:
    changes: list = field(default_factory=list)  # ChangedValue rows
    deleted: bool = False
    unreadable: bool = False


def form_status(form):
    """The HTTP status of a form page shown again: 409 after a conflict, 400 with errors."""
    if getattr(form, "conflict", None):
        return 409
    return 400 if form.errors else 200


# ---------------------------------------------------------------------------------- values


def state_of(obj):
    """The object's editable values, raw: {field name: value}; keys of related rows."""
    return plain_values(obj)


def display(model_field, raw):
    """A raw value of `state_of` as the reader knows it."""
    if raw in (None, "", []):
        return "–"
    if model_field.many_to_many:
        related = model_field.related_model._base_manager.filter(pk__in=raw)
        return ", ".join(sorted(str(obj) for obj in related)) or _("(deleted)")
    if model_field.is_relation:
        obj = model_field.related_model._base_manager.filter(pk=raw).first()
        return str(obj) if obj is not None else _("(deleted)")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(raw, raw))
    if isinstance(model_field, models.BooleanField):
        return _("Yes") if raw else _("No")
    if isinstance(
        model_field,
        models.DateField | models.TimeField | models.DecimalField | models.FloatField,
    ):
        value = model_field.to_python(raw)
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.localize(value)
    return str(raw)


# ---------------------------------------------------------------------------------- tokens


def make_token(key, state):
    payload = {"k": key, "t": timezone.now().isoformat(), "s": state}
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token, key):
    """The payload of a token made for `key`, or None when missing, forged or for another."""
    if not isinstance(token, str) or not token:
        return None
    try:
        payload = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("k") != key:
        return None
    if not isinstance(payload.get("s"), dict):
        return None
    try:
        payload["t"] = datetime.datetime.fromisoformat(payload["t"])
    except (KeyError, TypeError, ValueError):
        return None
    return payload


# ---------------------------------------------------------------------------------- forms


class ConcurrencyMixin:
    """Gives a form the hidden state it was opened with, and `check_concurrency()`.

    The hooks below describe one saved model instance, `self.instance`; a form about
    something else overrides them.
    """

    # Provided by the form this is mixed into (and `instance` by a model form or the action).
    instance: Any
    is_bound: bool
    fields: Any
    initial: Any
    data: Any
    _errors: Any
    full_clean: Any
    add_prefix: Any
    add_error: Any

    # Fields of the object that other actions change, that the form never writes, and that
    # are therefore not a conflict (they are taken from the locked row when saving).
    concurrency_exempt: tuple[str, ...] = ()
    conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.concurrency_key = self.state_key()
        if self.concurrency_key is None:
            return
        # No id: several forms of one page (a task, its approval) carry one each.
        self.fields[STATE_FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput(attrs={"id": False})
        )
        if not self.is_bound:
            self.initial[STATE_FIELD] = make_token(
                self.concurrency_key, self.read_state(lock=False)
            )

    # ------------------------------------------------------------------ hooks

    def state_key(self):
        """What the form edits, as a string; None when it creates something new."""
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None:
            return None
        return f"{instance._meta.label_lower}:{instance.pk}"

    def read_state(self, lock):
        """The stored state, raw; None when it is gone. `lock`: inside the saving transaction,
        lock what is read until it commits."""
        if not lock:
            return state_of(self.instance)
        queryset = type(self.instance)._base_manager.filter(pk=self.instance.pk)
        self._locked = queryset.select_for_update().first()
        return state_of(self._locked) if self._locked is not None else None

    def state_label(self, name):
        if name in self.fields:
            return capfirst(self.fields[name].label or name)
        try:
            return capfirst(self.instance._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:  # removed since the form was opened
            return name

    def state_display(self, name, raw):
        try:
            model_field = self.instance._meta.get_field(name)
        except FieldDoesNotExist:
            return "–" if raw in (None, "", []) else str(raw)
        return display(model_field, raw)

    def state_log(self, name):
        """The log entries that may tell who changed `name`, newest first; None when no log
        is kept. The audit trail's forms (`utsyn.audit.forms`) read theirs."""
        return None

    def after_check(self):
        """Called when the check passed, still inside the transaction and with the lock."""
        for name in self.concurrency_exempt:
            attname = self.instance._meta.get_field(name).attname
            setattr(self.instance, attname, getattr(self._locked, attname))

    # ------------------------------------------------------------------ the check

    def check_concurrency(self):
        """Call first thing inside the transaction that writes. Raises `EditConflict`, with
        the conflict on the form, when the stored state is no longer the one the user opened.
        """
        if self.concurrency_key is None:
            return
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("check_concurrency() must run inside the saving transaction")
        if self._errors is None:  # not validated yet: errors can be added only after
            self.full_clean()
        current = self.read_state(lock=True)
        opened = read_token(self.data.get(self.add_prefix(STATE_FIELD)), self.concurrency_key)
        if current is None:
            self._refuse(Conflict(deleted=True), DELETED_MESSAGE)
        if opened is None:
            self._refuse(Conflict(unreadable=True), UNREADABLE_MESSAGE, current)
        names = [
            name
            for name in dict.fromkeys([*current, *opened["s"]])
            if name not in self.concurrency_exempt and opened["s"].get(name) != current.get(name)
        ]
        if not names:
            self.after_check()
            return
        changes = [
            ChangedValue(
                label=str(self.state_label(name)),
                opened=str(self.state_display(name, opened["s"].get(name))),
                now=str(self.state_display(name, current.get(name))),
                entry=self._changed_by(name, opened["t"]),
            )
            for name in names
        ]
        self._refuse(Conflict(changes=changes), CONFLICT_MESSAGE, current)

    def _changed_by(self, name, since):
        log = self.state_log(name)
        if log is None:
            return None
        entries = log.filter(timestamp__gte=since).select_related("user")
        entries = list(entries[:50])
        changed = [entry for entry in entries if name in entry.changes]
        return (changed or entries or [None])[0]

    def _refuse(self, conflict, message, current=None):
        self.conflict = conflict
        self.add_error(None, message)
        if current is not None:
            # Submitting again saves over what is stored now: the user has been shown it.
            self.data = self.data.copy()
            self.data[self.add_prefix(STATE_FIELD)] = make_token(self.concurrency_key, current)
        raise EditConflict


class ObjectActionForm(ConcurrencyMixin, forms.Form):
    """A form that acts on a stored object without editing its fields (approve, return):
    refused like an edit when the object changed after the page was opened."""

    def __init__(self, *args, instance, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
