"""The queries behind the plan pages, each a fixed number of database round trips."""

from django.db.models import Prefetch, Q

from . import outline
from .models import Plan, PlanItem
from .tree import build_tree


def plans_for_list():
    """The organisation's plans for the list and its downloads, in a single query."""
    return Plan.objects.select_related("adopted_by", "implements").order_by("type", "title")


def plan_tree(plan):
    """All items of the plan in reading order, with their units and rolled-up progress."""
    items = PlanItem.objects.filter(plan=plan).select_related("responsible_unit")
    return build_tree(list(items), plan)


def level_below(plan, parent):
    """The level a new item gets under the parent (an item of `plan_tree`), or at the top:
    its number and name, and how many levels the plan names; the name is "" below the last."""
    level = parent.place.child_level if parent else 0
    return {"number": level + 1, "name": plan.level_name(level), "count": len(plan.levels())}


def ordered_plans(plans):
    """Plans in the order of the plans' list (type, then title): the order in which rounds,
    to-do lists, their downloads and reports go through several plans."""
    return sorted(plans, key=lambda plan: (plan.type, plan.title, plan.pk))


def items_in_tree_order(plans, items=None):
    """The items of the plans (all, or those of the queryset given), plan by plan in the
    order of the plans' list and each plan in its tree's reading order, each with its `place`.

    The one tree order and the one inheritance of units for whatever lists items of several
    plans: a round's tasks, a to-do list, the round's downloads. One query for the items.
    """
    plans = ordered_plans(plans)
    if items is None:
        items = PlanItem.objects.filter(plan__in=plans)
    by_plan = {}
    for item in items:
        by_plan.setdefault(item.plan_id, []).append(item)
    ordered = []
    for rank, plan in enumerate(plans):
        rows = by_plan.get(plan.pk, [])
        places = outline.places(rows, plan.levels(), plan.followed_up_level_indexes())
        for item in rows:
            if item.pk in places:
                item.place = places[item.pk]
                item.place.plan_rank = rank
        ordered += sorted((row for row in rows if row.pk in places), key=tree_order_key)
    return ordered


def places_in_plans(plans):
    """{item id: its `outline.Place`} for every item of the plans, in one query."""
    rows = PlanItem.objects.filter(plan__in=plans).only(*outline.OUTLINE_FIELDS)
    return {item.pk: item.place for item in items_in_tree_order(plans, rows)}


def tree_order_key(item):
    """Sorts items (or anything with their `place`) plan by plan, each in reading order."""
    return (item.place.plan_rank, item.place.order)


def items_for_page(queryset):
    return queryset.select_related("plan", "parent", "responsible_unit").prefetch_related(
        "collaborating_units",
        "contact_persons",
        "sdg_goals",
        "sdg_targets",
        "arenas",
        Prefetch("serves", queryset=PlanItem.objects.select_related("plan")),
        Prefetch("served_by", queryset=PlanItem.objects.select_related("plan")),
    )


def covered_items(unit_ids, items):
    """Which of `items` the units look after, as a condition for a choice of items: those whose
    responsible unit, their own or inherited, or one of whose collaborators is among them."""
    inherited = outline.effective_unit_ids(list(items.only(*outline.OUTLINE_FIELDS)))
    own = {pk for pk, unit_id in inherited.items() if unit_id in unit_ids}
    return Q(pk__in=own) | Q(collaborating_units__in=unit_ids)


def responsible_unit_ids_of(items):
    """The units responsible for any of the items, their own or inherited, and their
    collaborators: one query for what the items inherit (none when every item names its unit
    or has its `place`), and the collaborators unless prefetched."""
    unplaced = [
        item
        for item in items
        if not item.responsible_unit_id and item.parent_id and getattr(item, "place", None) is None
    ]
    inherited = {}
    if unplaced:
        rows = PlanItem.objects.filter(plan__in={item.plan_id for item in unplaced})
        inherited = outline.effective_unit_ids(list(rows.only(*outline.OUTLINE_FIELDS)))
    ids = set()
    for item in items:
        place = getattr(item, "place", None)
        unit_id = item.responsible_unit_id or (place.unit_id if place else inherited.get(item.pk))
        ids |= {unit_id} if unit_id else set()
        ids |= {unit.pk for unit in item.collaborating_units.all()}
    return ids
