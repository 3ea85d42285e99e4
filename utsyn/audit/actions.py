"""The kinds of change the audit trail records, and how the history names each.

An app registers the actions its services perform (`register("followup.task.approved",
_("approved"))`) at import of the module that performs them; `log_action` refuses an action
nobody registered, so that every entry can be shown in the reader's language. The four
generic actions keep the codes they always had, so old entries read as before.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ActionType:
    code: str
    label: object  # a lazy translation: the history shows it in the reader's language

    def __str__(self):
        return self.code


_REGISTRY: dict[str, ActionType] = {}


def register(code, label):
    """Adds an action type; registering the same code again with the same label is harmless."""
    existing = _REGISTRY.get(code)
    if existing is not None and str(existing.label) != str(label):
        raise ValueError(f"The audit action {code!r} is registered with another label")
    _REGISTRY[code] = ActionType(code, label)
    return code


def action_type(code):
    """The registered action; an unknown code (from an app removed since) keeps its code."""
    return _REGISTRY.get(code) or ActionType(code, code)


def is_registered(code):
    return code in _REGISTRY


def registered():
    return dict(_REGISTRY)


CREATED = register("created", _("created"))
CHANGED = register("changed", _("changed"))
DELETED = register("deleted", _("deleted"))
RESTORED = register("restored", _("restored"))
IMPORTED = register("imported", _("imported"))
UNDONE = register("undone", _("undone"))
