"""The rule that keeps a decision and its arena's status in agreement.

A decision whose outcome says what the arena is now (suspended: on hold; resumed, renewed,
continued: active; ended or left: ending) gives the arena that status when it is recorded,
unless the arena's status already agrees or a later decision stands instead. The decision and
the status change are written, each with its audit entry, in one transaction.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy

from utsyn.audit import actions
from utsyn.audit.services import recording, save_with_log

from .models import Arena

STATUS_FROM_DECISION = actions.register(
    "arenas.arena.status_decided", gettext_lazy("applied the status of a decision to")
)

# Only these fields of a decision decide whether it still sets the status: correcting the text
# of an old decision does not undo a change of status made since.
STATUS_DECIDING_FIELDS = {"outcome", "decided_on"}


@transaction.atomic
def record_decision(form, user, **extra):
    """Saves a decision form with its log entry and, where its outcome implies a status, the
    arena's status. Returns the decision; `decision.applied_status` is the status it set (None
    when the arena's status was left as it was)."""
    creating = form.instance.pk is None
    decision = save_with_log(form, user, **extra)
    decides = creating or STATUS_DECIDING_FIELDS & set(form.changed_data)
    decision.applied_status = apply_decision_status(decision, user) if decides else None
    return decision


def apply_decision_status(decision, user):
    """Gives the arena the status the decision implies; returns it, or None if nothing changed."""
    implied = decision.implied_status()
    if implied is None or decision.is_superseded():
        return None
    status, agreeing = implied
    arena = Arena.objects.select_for_update().get(pk=decision.arena_id)
    if arena.status in agreeing:
        return None
    with recording(STATUS_FROM_DECISION, arena, user):
        arena.status = status
        arena.status_date = decision.decided_on
        # The decision's own rules gave a suspension its date and reason, which on hold needs.
        arena.status_reason = decision.text
        arena.save()
    return status
