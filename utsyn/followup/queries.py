"""Read-side queries of follow-up rounds, each a fixed number of database round trips."""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery

from utsyn.organisations.models import Unit
from utsyn.plans.models import Plan, PlanItem
from utsyn.plans.queries import places_in_plans, tree_order_key

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

    A task counts as done once submitted: the unit has done its part. The units come in the
    plans' tree order of their first item, then those with arena reviews only (by name), then
    the tasks of no unit.
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
    first = _first_item_of_each_unit(round_)
    no_item = (len(first),)
    return sorted(
        rows.values(),
        key=lambda row: (
            row.unit is None,
            first.get(row.unit.pk, no_item) if row.unit else no_item,
            str(row.unit or ""),
        ),
    )


def _first_item_of_each_unit(round_):
    """{unit id: tree order key of the unit's first item in the round}."""
    tasks = list(round_.item_updates.values_list("unit_id", "item_id", "item__plan_id"))
    places = places_in_plans(Plan.objects.filter(pk__in={plan_id for *_rest, plan_id in tasks}))
    first = {}
    for unit_id, item_id, _plan_id in tasks:
        place = places.get(item_id)
        if unit_id is not None and place is not None:
            key = (place.plan_rank, place.order)
            first[unit_id] = min(first.get(unit_id, key), key)
    return first


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
    """The round's status updates and arena reviews, all or for some units.

    The updates come in the plans' tree order (`utsyn.plans.queries.tree_order_key`), each
    item with its `place` (its label, level and unit as the plan page shows them).
    """
    updates = round_.item_updates.select_related("item__plan", "unit")
    reviews = round_.arena_reviews.select_related("arena", "unit")
    if unit_ids is not None:
        updates = updates.filter(unit__in=unit_ids)
        reviews = reviews.filter(unit__in=unit_ids)
    elif no_unit:
        updates = updates.filter(unit__isnull=True)
        reviews = reviews.filter(unit__isnull=True)
    return with_places(list(updates)), list(reviews)


def with_places(updates):
    """The status updates in the plans' tree order, each item given its `place` (one query)."""
    if not updates:
        return updates
    plans = {update.item.plan_id: update.item.plan for update in updates}
    places = places_in_plans(list(plans.values()))
    for update in updates:
        update.item.place = places[update.item_id]
    return sorted(updates, key=lambda update: (tree_order_key(update.item), update.pk))


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
