import csv
import io

from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook

from utsyn.indicators.models import Indicator, IndicatorTarget, IndicatorValue

EN = {"Accept-Language": "en"}


def _url(name, world, **kwargs):
    return reverse(f"indicators:{name}", kwargs={"organisation": world.slug, **kwargs})


def _add_figures(world, indicator, values=(), targets=()):
    for year, period, value in values:
        IndicatorValue.objects.create(
            organisation=world.organisation,
            indicator=indicator,
            year=year,
            period=period,
            value=value,
        )
    for year, value in targets:
        IndicatorTarget.objects.create(
            organisation=world.organisation, indicator=indicator, year=year, value=value
        )


def test_the_list_shows_the_latest_value_its_target_and_the_items(alpha, beta, login):
    _add_figures(alpha, alpha.indicator, [(2026, "T1", 3), (2026, "T2", 7)])
    alpha.indicator.is_illustrative = True
    alpha.indicator.save()
    alpha.organisation.holds_demo_data = True  # the mark is shown only with demo data
    alpha.organisation.save()
    response = login(alpha.viewer).get(_url("list", alpha), headers=EN)
    assert response.status_code == 200
    rows = {indicator: cells for indicator, cells in response.context["rows"]}
    assert list(rows) == [alpha.indicator]  # not Beta's
    assert rows[alpha.indicator] == [
        alpha.indicator.name,
        "applications",
        7,
        "2026 T2",
        10,
        "Measure 1",
        "Illustrative example",
    ]
    html = response.content.decode()
    assert '<span class="badge badge--muted">Illustrative example</span>' in html
    assert "New indicator" not in html  # a viewer may not add one


def test_the_csv_export_has_the_columns_of_the_list(alpha, login):
    response = login(alpha.viewer).get(_url("export", alpha, fmt="csv"), headers=EN)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        [
            "Name",
            "Unit",
            "Latest value",
            "Period",
            "Target that year",
            "Plan items",
        ],
        [alpha.indicator.name, "applications", "6.00", "2025", "", "Measure 1"],
    ]


def test_the_xlsx_export_keeps_numbers_as_numbers(alpha, login):
    response = login(alpha.viewer).get(_url("export", alpha, fmt="xlsx"), headers=EN)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Name", "Unit", "Latest value")
    assert rows[1][:4] == (alpha.indicator.name, "applications", 6, "2025")


def test_an_unknown_export_format_is_not_found(alpha, login):
    assert login(alpha.viewer).get(_url("export", alpha, fmt="pdf")).status_code == 404


def test_the_detail_page_shows_the_chart_the_table_and_the_history(alpha, login):
    alpha.indicator.baseline_year, alpha.indicator.baseline_value = 2020, 2
    alpha.indicator.save()
    _add_figures(alpha, alpha.indicator, [(2026, "T1", "3.5")], [(2027, 12)])
    client = login(alpha.editor)
    client.post(
        _url("value_create", alpha, pk=alpha.indicator.pk),
        {"year": "2024", "value": "4", "note": "From the accounts"},
    )
    response = client.get(_url("detail", alpha, pk=alpha.indicator.pk), headers=EN)
    assert response.status_code == 200
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg
    assert f'aria-labelledby="indicator-{alpha.indicator.pk}-chart-title' in svg
    for text in (
        "Observed 2025: 6 applications",
        "Observed 2026 T1: 3.5 applications",
        "Target 2026: 10 applications",
        "Target 2027: 12 applications",
        "Baseline 2020: 2 applications",
    ):
        assert text in svg
    table = html[html.index("<table") : html.index("</table>")]
    assert "<caption" in table and 'scope="col"' in table
    for text in ("2020 (baseline)", "2024", "From the accounts", "2026 T1", "3.5", "12"):
        assert text in table
    assert "New target" in html and "Edit" in html  # the editor may change it
    assert "History" in html and alpha.editor.username in html
    assert _url("delete", alpha, pk=alpha.indicator.pk) not in html  # administrators only


def test_a_viewer_sees_the_figures_but_no_buttons(alpha, login):
    response = login(alpha.viewer).get(_url("detail", alpha, pk=alpha.indicator.pk), headers=EN)
    html = response.content.decode()
    assert "<svg" in html and "<table" in html
    assert _url("edit", alpha, pk=alpha.indicator.pk) not in html
    assert _url("target_create", alpha, pk=alpha.indicator.pk) not in html
    assert "/values/" not in html


def test_figures_follow_the_language(alpha, login):
    _add_figures(alpha, alpha.indicator, [(2026, "", "3.5")])
    response = login(alpha.viewer).get(
        _url("detail", alpha, pk=alpha.indicator.pk), headers={"Accept-Language": "nb"}
    )
    assert "3,5" in response.content.decode()


def test_text_typed_by_users_is_escaped_in_the_chart_and_the_table(alpha, login):
    evil = "<script>alert(1)</script>"
    indicator = Indicator.objects.create(
        organisation=alpha.organisation, name=f"Name {evil}", unit=f"u{evil}"
    )
    indicator.items.add(alpha.item)
    IndicatorValue.objects.create(
        organisation=alpha.organisation,
        indicator=indicator,
        year=2025,
        period="<b>",
        value=1,
        note=f"Note {evil}",
    )
    response = login(alpha.viewer).get(_url("detail", alpha, pk=indicator.pk), headers=EN)
    html = response.content.decode()
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "Name &lt;script&gt;" in svg and "2025 &lt;b&gt;" in svg


def test_an_indicator_without_figures_has_no_chart(alpha, login):
    indicator = Indicator.objects.create(organisation=alpha.organisation, name="Empty", unit="x")
    response = login(alpha.viewer).get(_url("detail", alpha, pk=indicator.pk), headers=EN)
    html = response.content.decode()
    assert "<svg" not in html
    assert "No figures recorded yet." in html


def test_linked_items_are_listed_on_the_detail_page(alpha, login):
    response = login(alpha.viewer).get(_url("detail", alpha, pk=alpha.indicator.pk), headers=EN)
    [(item, link)] = response.context["items"]
    assert item == alpha.item
    assert f"Measure 1 – {alpha.item.title}" in response.content.decode()
    try:
        page = reverse("overview:item_detail", kwargs={"organisation": alpha.slug, "pk": item.pk})
    except NoReverseMatch:  # the plan item page is not there yet: text without a link
        page = None
    assert link == page
