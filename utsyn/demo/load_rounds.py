"""Loads the `[[rounds]]` tables of the demo files (see SCHEMA.md).

Rounds are built the way a coordinator builds them, through the follow-up services: the round
is opened and its tasks made by `sync_tasks`, each task is filled in and submitted like an
editor would, then approved or returned, and a past round is closed. A round that already
exists is left exactly as it is (a closed round cannot change), so loading again does nothing.
Rounds are processed oldest first, so that each item ends with its latest approved status.
"""

import datetime

from django.utils import timezone

from utsyn.audit import actions
from utsyn.audit.services import audit_values, diff, log_action
from utsyn.followup.models import ArenaReview, ItemUpdate, Round, TaskState
from utsyn.followup.services import approve, close_round, return_task, sync_tasks, task_action

from .load_plans import arenas_named, lookup

# What the demo files may set on a task, besides its state.
TASK_FIELDS = {
    ItemUpdate: ["status", "progress", "text", "internal_note"],
    ArenaReview: ArenaReview.CRITERIA_FIELDS,
}
TASK_KEYS = {"item", "arena", "state", "by", "return_comment"}
SUBMITTED_STATES = {TaskState.SUBMITTED, TaskState.RETURNED, TaskState.APPROVED}


def load_rounds(organisation, files, plans, items, users, coordinator):
    definitions = [round_ for data in files for round_ in data.get("rounds", [])]
    if definitions and coordinator is None:
        raise ValueError(f"{organisation.slug} has rounds but no demo administrator to run them.")
    for data in sorted(definitions, key=lambda round_: round_["period_start"]):
        if not Round.objects.filter(organisation=organisation, name=data["name"]).exists():
            _round(organisation, data, plans, items, users, coordinator)


def require_illustrative(data):
    """Invented demo data must say so: the seeds hold no follow-up and no figures."""
    if data.get("is_illustrative") is not True:
        raise ValueError(f"“{data['name']}” is invented and needs is_illustrative = true.")
    return True


def _round(organisation, data, plans, items, users, coordinator):
    round_ = Round(
        organisation=organisation,
        name=data["name"],
        period_kind=data["period_kind"],
        period_start=datetime.date.fromisoformat(data["period_start"]),
        period_end=datetime.date.fromisoformat(data["period_end"]),
        due_date=datetime.date.fromisoformat(data["due_date"]),
        instructions=data.get("instructions", "").strip(),
        is_illustrative=require_illustrative(data),
    )
    round_.full_clean()
    round_.save()
    round_.plans.set([lookup(plans, key, "plan") for key in data.get("plans", [])])
    round_.arenas.set(arenas_named(organisation, data.get("arenas", [])))
    log_action(actions.CREATED, round_, coordinator)
    sync_tasks(round_)
    for update in data.get("updates", []):
        task = round_.item_updates.get(item=lookup(items, update["item"], "item"))
        _fill(task, update, users, coordinator)
    for review in data.get("reviews", []):
        task = round_.arena_reviews.get(arena__name=review["arena"])
        _fill(task, review, users, coordinator)
    if data.get("closed", False):
        _close(round_, coordinator)


def _fill(task, data, users, coordinator):
    """Fills in a task as its unit would, then reviews it as the coordinator would."""
    fields = TASK_FIELDS[type(task)]
    unknown = set(data) - TASK_KEYS - set(fields)
    if unknown:
        raise ValueError(f"Unknown keys for {task}: {sorted(unknown)}")
    state = TaskState(data.get("state", TaskState.TO_DO))
    if state == TaskState.TO_DO:
        return
    before = audit_values(task)
    for name in fields:
        if name in data:
            setattr(task, name, data[name])
    user = users[data.get("by", coordinator.username)]
    task.state = TaskState.SUBMITTED if state in SUBMITTED_STATES else TaskState.DRAFT
    if task.state == TaskState.SUBMITTED:
        task.submitted_at = timezone.now()
        task.submitted_by = user
    task.full_clean()
    task.save()
    changes = diff(before, audit_values(task))
    if changes:
        submitted = task.state == TaskState.SUBMITTED
        log_action(task_action(task, "submitted" if submitted else "saved"), task, user, changes)
    if state == TaskState.APPROVED:
        approve(task, coordinator)
    elif state == TaskState.RETURNED:
        return_task(task, coordinator, data["return_comment"])


def _close(round_, coordinator):
    for tasks in (round_.item_updates, round_.arena_reviews):
        pending = tasks.exclude(state=TaskState.APPROVED)
        if pending.exists():
            raise ValueError(f"{round_} is closed with tasks not approved: {list(pending)}")
    close_round(round_, coordinator)
