from decimal import Decimal

import pytest
from django.utils import translation

from utsyn.core.formatting import format_number
from utsyn.indicators.charts import _nice_ticks, chart_svg, table_rows
from utsyn.indicators.models import Indicator, IndicatorValue, period_span
from utsyn.indicators.queries import indicators_for_items


@pytest.mark.parametrize(
    "period, span",
    [
        ("", (0, 1)),
        ("T1", (0, 1 / 3)),
        ("t3", (2 / 3, 1)),
        ("Q2", (0.25, 0.5)),
        ("K4", (0.75, 1)),
        ("H2", (0.5, 1)),
        ("M12", (11 / 12, 1)),
        ("T4", (0, 1)),  # no fourth tertial: counted as the whole year
        ("spring", (0, 1)),
    ],
)
def test_periods_are_parts_of_the_year(period, span):
    assert period_span(period) == pytest.approx(span)


@pytest.mark.parametrize(
    "low, high, ticks",
    [
        (0, 10, [0, Decimal("2.5"), 5, Decimal("7.5"), 10]),
        (0, 7, [0, 2, 4, 6, 8]),
        (-3, 12, [-5, 0, 5, 10, 15]),
        (0, 0, [0, Decimal("0.25"), Decimal("0.5"), Decimal("0.75"), 1]),
        (0, 1234, [0, 500, 1000, 1500]),
    ],
)
def test_axis_ticks_are_round_numbers(low, high, ticks):
    assert _nice_ticks(low, high) == ticks


def test_numbers_are_written_without_needless_decimals_in_the_current_language():
    with translation.override("en"):
        assert [format_number(Decimal(v)) for v in ("6.00", "600", "6.50")] == ["6", "600", "6.5"]
    with translation.override("nb"):
        assert format_number(Decimal("6.50")) == "6,5"


def test_the_whole_year_comes_after_its_parts(alpha):
    indicator = alpha.indicator
    for period in ("T3", "T1", "T2"):
        IndicatorValue.objects.create(
            organisation=alpha.organisation, indicator=indicator, year=2025, period=period, value=1
        )
    assert [value.label for value in indicator.sorted_values()] == [
        "2025 T1",
        "2025 T2",
        "2025 T3",
        "2025",
    ]
    assert indicator.latest_value().label == "2025"


def test_table_rows_put_targets_and_values_of_a_year_together(alpha):
    indicator = alpha.indicator
    indicator.baseline_value = Decimal("1.5")
    IndicatorValue.objects.create(
        organisation=alpha.organisation, indicator=indicator, year=2026, value=8, note="Good"
    )
    with translation.override("en"):
        rows = [(r.label, r.target, r.observed, r.note) for r in table_rows(indicator)]
    assert rows == [
        ("Baseline", "", "1.5", ""),
        ("2025", "", "6", ""),
        ("2026", "10", "8", "Good"),
    ]


def test_the_chart_has_an_accessible_name_and_uses_distinguishable_series(municipality, indicator):
    with translation.override("en"):
        svg = str(chart_svg(indicator))
    pk = indicator.pk
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert f'aria-labelledby="indicator-{pk}-chart-title indicator-{pk}-chart-desc"' in svg
    assert f'<title id="indicator-{pk}-chart-title">{indicator.name} (applications)' in svg
    assert "<desc" in svg and "2025–2026" in svg
    assert "<circle" in svg  # observed values are points
    assert 'stroke-dasharray="6 4"' in svg  # the targets' line is dashed (in the legend)


def test_indicators_for_items_prefetches_the_figures(alpha, django_assert_num_queries):
    second = Indicator.objects.create(organisation=alpha.organisation, name="Second", unit="x")
    second.items.add(alpha.item, alpha.others_item)
    with django_assert_num_queries(5):
        indicators = list(indicators_for_items([alpha.item.pk, alpha.others_item.pk]))
    assert indicators == [alpha.indicator, second]  # each once
    with django_assert_num_queries(0):
        for indicator in indicators:
            chart_svg(indicator)
            table_rows(indicator)
            indicator.responsible_unit_ids()


def test_indicators_for_items_takes_a_queryset(alpha):
    items = alpha.plan.items.filter(pk=alpha.item.pk)
    assert list(indicators_for_items(items)) == [alpha.indicator]


def test_responsible_units_are_those_of_the_linked_items(municipality, indicator, measure):
    measure.collaborating_units.add(municipality.council)
    expected = sorted([municipality.agency.pk, municipality.council.pk])
    assert indicator.responsible_unit_ids() == expected
    prefetched = Indicator.objects.prefetch_related("items__collaborating_units").get(
        pk=indicator.pk
    )
    assert prefetched.responsible_unit_ids() == expected
