"""Read-side queries of follow-up rounds, each a fixed number of database round trips."""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery

from utsyn.organisations.models import Unit
from utsyn.plans.models import PlanItem

from .models import ArenaReview, ItemUpdate, Round, TaskState

DONE_STATES = {TaskState.SUBMITTED, TaskState.APPROVED}


@dataclass
class Completeness:
    unit: Unit | None
    counts: dict = field(default_factory=dict)

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def done(self):
        return sum(self.counts.get(state, 0) for state in DONE_STATES)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    def count(self, state):
        return self.counts.get(state, 0)


def completeness_by_unit(round_):
    """One row per responsible unit (None: tasks of no unit), with its tasks counted by state.

    A task counts as done once submitted: the unit has done its part.
    """
    rows = {}
    for model in (ItemUpdate, ArenaReview):
        counts = (
            model.objects.filter(round=round_)
            .values_list("unit_id", "state")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for unit_id, state, n in counts:
            row = rows.setdefault(unit_id, Completeness(unit=None))
            row.counts[state] = row.counts.get(state, 0) + n
    units = Unit.objects.in_bulk([pk for pk in rows if pk is not None])
    for unit_id, row in rows.items():
        row.unit = units.get(unit_id)
    return sorted(rows.values(), key=lambda row: (row.unit is None, str(row.unit or "")))


def round_totals(rounds):
    """{round id: Completeness over all units}, for the list of rounds."""
    totals = {round_.pk: Completeness(unit=None) for round_ in rounds}
    for model in (ItemUpdate, ArenaReview):
        counts = (
            model.objects.filter(round__in=rounds)
            .values_list("round_id", "state")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for round_id, state, n in counts:
            row = totals[round_id]
            row.counts[state] = row.counts.get(state, 0) + n
    return totals


def rounds_for_list():
    """The organisation's rounds, each with its `completeness` over all units."""
    rounds = list(Round.objects.all())
    totals = round_totals(rounds)
    for round_ in rounds:
        round_.completeness = totals[round_.pk]
    return rounds


def tasks_for(round_, unit_ids=None, no_unit=False):
    """The round's status updates and arena reviews, all or for some units."""
    updates = round_.item_updates.select_related("item__plan", "unit").order_by(
        "item__plan__title", "item__position", "item_id"
    )
    reviews = round_.arena_reviews.select_related("arena", "unit")
    if unit_ids is not None:
        updates = updates.filter(unit__in=unit_ids)
        reviews = reviews.filter(unit__in=unit_ids)
    elif no_unit:
        updates = updates.filter(unit__isnull=True)
        reviews = reviews.filter(unit__isnull=True)
    return list(updates), list(reviews)


def latest_approved_updates(plan):
    """{item id: the item's most recent approved status update}, over every round.

    The database picks each item's latest update, so that a plan followed up for many years
    loads one update per item, not every update of every round.
    """
    latest = (
        ItemUpdate.objects.filter(item=OuterRef("pk"), state=TaskState.APPROVED)
        .order_by("-round__period_end", "-pk")
        .values("pk")[:1]
    )
    ids = PlanItem.objects.filter(plan=plan).values(update=Subquery(latest))
    updates = ItemUpdate.objects.filter(pk__in=ids).select_related("round").order_by()
    return {update.item_id: update for update in updates}


def timeline(item):
    """The item's status updates round by round, newest round first."""
    return list(
        item.updates.select_related("round", "unit", "submitted_by", "reviewed_by").order_by(
            "-round__period_end", "-pk"
        )
    )
