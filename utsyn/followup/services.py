"""The rules of a follow-up round: opening, filling in, submitting, reviewing, closing.

Every entry point (views, the demo loader, commands) goes through these functions, so each rule
lives here once. Each function writes its change and its audit entry in one transaction.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from utsyn.arenas.models import Assessment
from utsyn.audit import actions
from utsyn.audit.services import audit_values, diff, log_action, recording
from utsyn.plans.queries import items_in_tree_order

from .models import ArenaReview, ItemUpdate, Round, RoundClosedError, TaskState

# What the history says a round's people did, for status updates and for arena reviews.
for _kind in ("update", "review"):
    actions.register(f"followup.{_kind}.saved", gettext_lazy("saved as draft"))
    actions.register(f"followup.{_kind}.submitted", gettext_lazy("submitted"))
    actions.register(f"followup.{_kind}.approved", gettext_lazy("approved"))
    actions.register(f"followup.{_kind}.returned", gettext_lazy("returned"))
ROUND_CLOSED = actions.register("followup.round.closed", gettext_lazy("closed"))
STATUS_RECORDED = actions.register(
    "followup.item.status_recorded", gettext_lazy("given the approved status")
)


def task_action(task, what):
    """The action code for a task: "followup.update.approved", "followup.review.returned" …"""
    return f"followup.{'update' if isinstance(task, ItemUpdate) else 'review'}.{what}"


def followed_up_items(round_):
    """The items a round asks about, in the plans' tree order, each with its `place`: the
    items of the levels each plan follows up and those marked as followed up, never those
    marked not to be nor sections (`utsyn.plans.outline.is_followed_up`).

    Adding items below an item never takes it out of a round: what is asked depends on the
    item's level, not on whether it has sub-items.
    """
    return [item for item in items_in_tree_order(round_.plans.all()) if item.place.is_followed_up]


@transaction.atomic
def sync_tasks(round_):
    """Makes one task per covered item and arena; drops untouched tasks no longer covered.

    Each task goes to the unit responsible when the round opens: the item's own responsible
    unit or else the one it inherits from the nearest item above it, and the arena's
    operational unit (else its responsible body). Status and progress start from the item's
    current values, so that an editor only changes what changed.
    """
    if not round_.is_open:
        raise RoundClosedError(_closed_message())
    items = followed_up_items(round_)
    existing = set(round_.item_updates.values_list("item_id", flat=True))
    ItemUpdate.objects.bulk_create(
        ItemUpdate(
            organisation_id=round_.organisation_id,
            round=round_,
            item=item,
            unit_id=item.place.unit_id,
            status=item.status,
            progress=item.progress,
        )
        for item in items
        if item.pk not in existing
    )
    asked = [item.pk for item in items]
    round_.item_updates.filter(state=TaskState.TO_DO).exclude(item__in=asked).delete()

    arenas = round_.arenas.all()
    existing = set(round_.arena_reviews.values_list("arena_id", flat=True))
    ArenaReview.objects.bulk_create(
        ArenaReview(
            organisation_id=round_.organisation_id,
            round=round_,
            arena=arena,
            unit_id=arena.operational_unit_id or arena.responsible_id,
        )
        for arena in arenas
        if arena.pk not in existing
    )
    round_.arena_reviews.filter(state=TaskState.TO_DO).exclude(arena__in=arenas).delete()


def _closed_message():
    from django.utils.translation import gettext

    return gettext("This round is closed; its updates can no longer change.")


@transaction.atomic
def save_task(form, user, submit=False):
    """Saves an editor's draft, or submits it for the coordinator's approval.

    Raises `EditConflict`, writing nothing, when the task changed after the form was opened.
    """
    form.check_concurrency()
    task = form.instance
    before = form.initial_audit_values
    task = form.save(commit=False)
    if submit:
        task.state = TaskState.SUBMITTED
        task.submitted_at = timezone.now()
        task.submitted_by = user
    else:
        task.state = TaskState.DRAFT
    task.save()
    changes = diff(before, audit_values(task))
    if submit or changes:
        log_action(task_action(task, "submitted" if submit else "saved"), task, user, changes)
    return task


@transaction.atomic
def approve(task, user):
    """Approves a submitted task and records it: the item's status, or the arena's assessment."""
    with recording(task_action(task, "approved"), task, user, always=True):
        _approve(task, user)
    return task


def _approve(task, user):
    task.state = TaskState.APPROVED
    task.return_comment = ""
    task.reviewed_at = timezone.now()
    task.reviewed_by = user
    if isinstance(task, ItemUpdate):
        _record_item_status(task, user)
    else:
        task.assessment = _record_assessment(task, user)
    task.save()


def _record_item_status(update, user):
    item = update.item
    with recording(STATUS_RECORDED, item, user):
        item.status = update.status
        item.progress = update.progress
        item.save()


def _record_assessment(review, user):
    assessment = Assessment(
        organisation_id=review.organisation_id,
        arena=review.arena,
        assessed_on=timezone.localdate(),
        assessor=review.unit,
        reference=str(review.round)[:60],
        **{name: getattr(review, name) for name in ArenaReview.CRITERIA_FIELDS},
    )
    assessment.save()
    log_action(actions.CREATED, assessment, user)
    return assessment


@transaction.atomic
def return_task(task, user, comment):
    """Sends a submitted task back to its unit with the coordinator's comment."""
    with recording(task_action(task, "returned"), task, user, always=True):
        task.state = TaskState.RETURNED
        task.return_comment = comment
        task.reviewed_at = timezone.now()
        task.reviewed_by = user
        task.save()
    return task


@transaction.atomic
def close_round(round_, user):
    """Closes the round for good: from now on none of its tasks can change."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        raise RoundClosedError(_closed_message())
    with recording(ROUND_CLOSED, round_, user, always=True):
        round_.status = Round.Status.CLOSED
        round_.closed_at = timezone.now()
        round_.save()
    return round_
