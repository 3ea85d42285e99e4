import datetime
from decimal import Decimal, InvalidOperation

import pytest

from utsyn.money.models import ExchangeRate
from utsyn.testing import csv_table, screen_table, xlsx_table

from .util import get, make_project, shared


def _titles(response):
    return {project.title for project, _cells in response.context["rows"]}


def _row(response, project):
    header = [str(column.header) for column in response.context["columns"]]
    cells = next(cells for obj, cells in response.context["rows"] if obj == project)
    return dict(zip(header, cells, strict=True))


def test_every_member_reads_the_list_with_amounts_in_both_currencies(alpha, beta, login):
    response = get(login(alpha.viewer), "list", alpha)
    assert response.status_code == 200
    assert _titles(response) == {alpha.project.title}
    row = _row(response, alpha.project)
    assert row["Programme"] == "Interreg North Sea"
    assert row["Status"] == "Running"
    assert row["Currency"] == "EUR"
    assert row["Our budget"] == 400000
    # 400 000 EUR at the 2027 rate of 11.5 (the project starts in 2027).
    assert row["Our budget (NOK)"] == 4600000
    assert row["Grant (NOK)"] == 2760000
    assert row["Own contribution (NOK)"] == 1840000
    html = response.content.decode()
    assert "4\u00a0600\u00a0000" in html or "4 600 000" in html or "4,600,000" in html
    assert "New project" not in html


def test_a_missing_rate_is_said_in_the_cell_instead_of_crashing(alpha, login):
    sek = make_project(
        alpha,
        title="Swedish money",
        currency="SEK",
        total_budget=1000,
        application_deadline=datetime.date(2028, 5, 1),
    )
    no_year = make_project(alpha, title="No dates", currency="EUR", grant_amount=5)
    response = get(login(alpha.viewer), "list", alpha)
    assert response.status_code == 200
    assert _row(response, sek)["Our budget (NOK)"] == "no rate for SEK in 2028"
    assert _row(response, sek)["Grant (NOK)"] == ""
    assert _row(response, no_year)["Grant (NOK)"] == "no year to convert at"
    assert "no rate for SEK in 2028" in response.content.decode()


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"status": "idea"}, {"Idea"}),
        ({"programme": "interreg"}, {"World", "Coast"}),  # Interreg and every part of it
        ({"programme": "erasmus-plus"}, set()),
        ({"unit": "other_agency"}, {"Idea"}),
        ({"year": "2028"}, {"Idea", "Coast"}),  # planned in 2028; running 2027–2029
        ({"year": "2026"}, {"Coast", "Deadline"}),  # the world's deadline; a 2026 deadline
        ({"q": "harbour"}, {"Idea"}),
    ],
)
def test_it_filters(params, expected, alpha, login):
    alpha.project.title = "Coast"
    alpha.project.save()
    make_project(
        alpha,
        title="Idea",
        status="idea",
        planned_application_year=2028,
        responsible_unit=alpha.other_agency,
        description="Greener harbours",
    )
    make_project(alpha, title="World", programme=shared("interreg-europe"))
    make_project(alpha, title="Deadline", application_deadline=datetime.date(2026, 9, 1))
    values = dict(params)
    if "programme" in values:
        values["programme"] = shared(values["programme"]).pk
    if "unit" in values:
        values["unit"] = getattr(alpha, values["unit"]).pk
    response = get(login(alpha.viewer), "list", alpha, values)
    assert not response.context["filter"].errors
    assert _titles(response) == expected


def test_filters_naming_another_organisations_rows_are_refused(alpha, beta, login):
    client = login(alpha.viewer)
    response = get(client, "list", alpha, {"unit": beta.agency.pk})
    assert "unit" in response.context["filter"].errors
    response = get(client, "list", alpha, {"programme": beta.programme.pk})
    assert "programme" in response.context["filter"].errors


def _same(cell):
    """Numbers compare by value: 400000.00 on screen and in CSV, 400000 in XLSX."""
    try:
        return format(Decimal(cell).normalize(), "f")
    except InvalidOperation:
        return cell


@pytest.mark.parametrize("fmt, read", [("csv", csv_table), ("xlsx", xlsx_table)])
def test_the_downloads_hold_the_columns_on_screen(fmt, read, alpha, login):
    make_project(
        alpha,
        title="=cmd|' /C calc'!A0",
        currency="SEK",
        total_budget=10,
        start_date=datetime.date(2030, 1, 1),
    )
    client = login(alpha.viewer)
    screen = screen_table(get(client, "list", alpha))
    download = read(get(client, "export", alpha, fmt=fmt))
    assert download[0] == screen[0]
    assert len(download) == len(screen) == 3
    by_title = {row[0]: row for row in download[1:]}
    for row in screen[1:]:
        assert [_same(cell) for cell in by_title[row[0]][1:]] == [_same(cell) for cell in row[1:]]
    # A title that looks like a formula stays text.
    assert "'=cmd|' /C calc'!A0" in [row[0] for row in download]


def test_the_download_follows_the_filters_and_refuses_unknown_formats(alpha, login):
    make_project(alpha, title="Idea", status="idea")
    client = login(alpha.viewer)
    rows = csv_table(get(client, "export", alpha, {"status": "idea"}, fmt="csv"))
    assert [row[0] for row in rows[1:]] == ["Idea"]
    assert get(client, "export", alpha, fmt="pdf").status_code == 404


def test_the_detail_page_shows_amounts_links_partners_documents_and_history(alpha, login):
    response = get(login(alpha.viewer), "detail", alpha, pk=alpha.project.pk)
    assert response.status_code == 200
    html = response.content.decode()
    assert alpha.project.title in html
    assert "Interreg B – transnational cooperation" in html or "Interreg" in html
    assert alpha.item.identifier in html and alpha.published_arena.name in html
    assert "Partner city" in html and "Application" in html
    assert 'aria-labelledby="history-heading"' in html
    amounts = {
        str(label): (original, in_nok) for label, original, in_nok in response.context["amounts"]
    }
    assert amounts["our budget"] == (400000, 4600000)
    assert amounts["whole project's budget"] == (None, None)
    assert not response.context["missing_rate"]


def test_the_detail_page_says_when_a_rate_is_missing(alpha, login):
    ExchangeRate.objects.filter(organisation=alpha.organisation).delete()
    response = get(login(alpha.viewer), "detail", alpha, pk=alpha.project.pk)
    assert response.status_code == 200
    assert "No exchange rate for EUR in 2027" in response.content.decode()
    assert response.context["amounts"][1][2] == "no rate for EUR in 2027"
