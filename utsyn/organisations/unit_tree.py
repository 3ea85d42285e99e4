"""The organisation's units as a tree, for every place where a unit is chosen or listed.

Every unit field of a form (`formbase.OrganisationModelForm` makes them `UnitChoiceField` and
`UnitMultipleChoiceField`) and every unit filter of a list page (`UnitChoiceFilter`) offers its
units in the order of the tree, each indented under its parent and named with its kind
(`Unit.tree_label`). The choices a form narrows (an editor's own units, the political bodies
only) are still what is offered; the tree only orders and indents them, in one query.
"""

from collections.abc import Iterable

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet

from utsyn.core.formfields import BoundedModelMultipleChoiceField

from .models import Unit


def in_tree_order(units: Iterable[Unit], offered: set[int] | None = None) -> list[Unit]:
    """The units depth first, each followed by the units below it, siblings in the order
    given; each with `depth`. `units` are all of an organisation's units; when `offered` (ids)
    is given, only those are returned, and a unit's depth counts only its offered ancestors,
    so that an editor's own units form a tree of their own."""
    units = list(units)
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    ordered: list[Unit] = []
    visited: set[int] = set()

    def visit(parent_id: int | None, depth: int) -> None:
        for unit in children.get(parent_id, []):
            if unit.pk in visited:
                continue
            visited.add(unit.pk)
            shown = offered is None or unit.pk in offered
            if shown:
                unit.depth = depth
                ordered.append(unit)
            visit(unit.pk, depth + 1 if shown else depth)

    visit(None, 0)
    # A unit that no root leads to (a loop in damaged data) is still offered, at the top.
    for unit in units:
        if unit.pk not in visited and (offered is None or unit.pk in offered):
            unit.depth = 0
            ordered.append(unit)
    return ordered


def offered_in_tree_order(offered: QuerySet) -> list[Unit]:
    """The units of the queryset in tree order (`in_tree_order`), in one query: the whole tree
    of their organisation is read, each unit marked whether the queryset holds it."""
    whole = (
        Unit.objects.filter(organisation__in=offered.values("organisation"))
        .annotate(is_offered=Exists(offered.filter(pk=OuterRef("pk"))))
        .order_by("name", "pk")
    )
    units = list(whole)
    return in_tree_order(units, {unit.pk for unit in units if unit.is_offered})


class UnitTreeIterator(forms.models.ModelChoiceIterator):
    """The choices of a unit field: the empty one, then the units in tree order."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for unit in offered_in_tree_order(self.queryset):
            yield self.choice(unit)


class UnitLabels:
    def label_from_instance(self, obj):
        return obj.tree_label


class UnitChoiceField(UnitLabels, forms.ModelChoiceField):
    iterator = UnitTreeIterator


class UnitMultipleChoiceField(UnitLabels, BoundedModelMultipleChoiceField):
    iterator = UnitTreeIterator


class _FilterUnitTreeIterator(django_filters.fields.ModelChoiceIterator, UnitTreeIterator):
    """django-filter's iterator (which can add a "none" choice) over the tree's."""


class UnitFilterField(UnitLabels, django_filters.fields.ModelChoiceField):
    iterator = _FilterUnitTreeIterator


def _organisation_units(request):
    return Unit.objects.filter(organisation=request.organisation)


class UnitChoiceFilter(django_filters.ModelChoiceFilter):
    """A list page's filter by unit: the organisation's units, as the tree."""

    field_class = UnitFilterField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", _organisation_units)
        super().__init__(*args, **kwargs)
