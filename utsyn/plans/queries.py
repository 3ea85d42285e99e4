"""The queries behind the plan pages, each a fixed number of database round trips."""

from django.db.models import Prefetch

from .models import Plan, PlanItem
from .tree import build_tree


def plans_for_list():
    """The organisation's plans for the list and its downloads, in a single query."""
    return Plan.objects.select_related("adopted_by", "implements").order_by("type", "title")


def plan_tree(plan):
    """All items of the plan in reading order, with their units and rolled-up progress."""
    items = PlanItem.objects.filter(plan=plan).select_related("responsible_unit")
    tree = build_tree(list(items))
    for item in tree:
        item.plan = plan  # spares a query per item wherever the plan is asked for
        item.level_name = plan.level_name(item.depth)
    return tree


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
