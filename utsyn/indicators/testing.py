"""Test data of the indicators app: many rows at once, for the list pages' query counts."""

from .models import Indicator, IndicatorTarget, IndicatorValue


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
