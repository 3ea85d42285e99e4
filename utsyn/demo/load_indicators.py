"""Loads the `[[indicators]]` tables of the demo files (see SCHEMA.md).

Indicators are matched on (organisation, name), target values on the year and observed values
on the year and part of the year, so loading again updates in place.
"""

from decimal import Decimal

from utsyn.indicators.models import Indicator, IndicatorTarget, IndicatorValue

from .load_plans import lookup
from .load_rounds import require_illustrative


def load_indicators(organisation, files, items):
    for data in files:
        for definition in data.get("indicators", []):
            _indicator(organisation, definition, items)


def _indicator(organisation, data, items):
    baseline = data.get("baseline_value")
    indicator, _ = Indicator.objects.update_or_create(
        organisation=organisation,
        name=data["name"],
        defaults={
            "description": data.get("description", "").strip(),
            "unit": data["unit"],
            "baseline_year": data.get("baseline_year"),
            "baseline_value": Decimal(str(baseline)) if baseline is not None else None,
            "source": data.get("source", ""),
            "is_illustrative": require_illustrative(data),
        },
    )
    indicator.full_clean()
    indicator.items.set([lookup(items, key, "item") for key in data.get("items", [])])
    for target in data.get("targets", []):
        IndicatorTarget.objects.update_or_create(
            organisation=organisation,
            indicator=indicator,
            year=target["year"],
            defaults={"value": Decimal(str(target["value"]))},
        )
    for value in data.get("values", []):
        IndicatorValue.objects.update_or_create(
            organisation=organisation,
            indicator=indicator,
            year=value["year"],
            period=value.get("period", ""),
            defaults={"value": Decimal(str(value["value"])), "note": value.get("note", "")},
        )
