"""Test data of the indicators app: an indicator, as a fixture built when a test asks for it;
and many rows at once, for the list pages' query counts."""

import pytest

from .models import Indicator, IndicatorTarget, IndicatorValue


def build_indicator_rows(organisation, *, item):
    """An indicator of the measure with a target for 2026 and a value for 2025."""
    indicator = Indicator.objects.create(
        organisation=organisation, name=f"{organisation.name} EU applications", unit="applications"
    )
    indicator.items.add(item)
    return {
        "indicator": indicator,
        "indicator_target": IndicatorTarget.objects.create(
            organisation=organisation, indicator=indicator, year=2026, value=10
        ),
        "indicator_value": IndicatorValue.objects.create(
            organisation=organisation, indicator=indicator, year=2025, value=6
        ),
    }


@pytest.fixture
def indicator(municipality, measure):
    """The measure's indicator, with a target for 2026 and a value for 2025."""
    return build_indicator_rows(municipality.organisation, item=measure)["indicator"]


def many_indicators(world, count):
    """Indicators linked to two measures, each with two values and a target."""
    indicators = Indicator.objects.bulk_create(
        Indicator(
            organisation=world.organisation,
            name=f"Many indicator {Indicator.objects.count()}-{number}",
            unit="visits",
            is_illustrative=number % 2 == 0,
        )
        for number in range(count)
    )
    links = Indicator.items.through
    links.objects.bulk_create(
        links(indicator=indicator, planitem=item)
        for indicator in indicators
        for item in (world.item, world.others_item)
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(organisation=world.organisation, indicator=indicator, year=year, value=year)
        for indicator in indicators
        for year in (2024, 2025)
    )
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(organisation=world.organisation, indicator=indicator, year=2030, value=5)
        for indicator in indicators
    )
    return indicators
