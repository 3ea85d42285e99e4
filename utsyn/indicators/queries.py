"""Indicators with what their pages need, in a fixed number of queries."""

from django.db.models import Prefetch, QuerySet

from utsyn.plans.models import PlanItem

from .models import Indicator


def _items():
    return PlanItem.objects.select_related("plan").prefetch_related("collaborating_units")


def indicators_with_figures(queryset=None):
    """Indicators with their targets, observed values and linked items (with their plans and
    the units the permission rules look at): the same number of queries for any number."""
    queryset = Indicator.objects.all() if queryset is None else queryset
    return queryset.prefetch_related("targets", "values", Prefetch("items", queryset=_items()))


def indicators_for_items(items):
    """The indicators linked to any of the items (a queryset of items or their ids), ready for
    `indicators/_indicator_chart.html`; for the plan item page."""
    if isinstance(items, QuerySet):
        items = items.values("pk")
    return indicators_with_figures(Indicator.objects.filter(items__in=items).distinct())
