import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from utsyn.arenas.testing import many_arenas
from utsyn.testing import ArenaFactory, AssessmentFactory, DecisionFactory


def _list(client, world, **params):
    return client.get(
        reverse("arenas:list", kwargs={"organisation": world.slug}),
        params,
        headers={"Accept-Language": "en"},
    )


def _names(response):
    return {arena.name for arena, _cells in response.context["rows"]}


def test_it_lists_the_organisations_arenas_with_their_latest_recommendation(alpha, login):
    AssessmentFactory(
        arena=alpha.others_arena,
        organisation=alpha.organisation,
        recommendation="strengthen",
        assessed_on="2020-01-01",
    )
    AssessmentFactory(
        arena=alpha.others_arena,
        organisation=alpha.organisation,
        recommendation="leave",
        assessed_on="2022-01-01",
    )
    response = _list(login(alpha.viewer), alpha)
    assert response.status_code == 200
    html = response.content.decode()
    assert _names(response) == {
        alpha.published_arena.name,
        alpha.unpublished_arena.name,
        alpha.others_arena.name,
    }
    row = next(cells for arena, cells in response.context["rows"] if arena == alpha.others_arena)
    assert "Leave" in row  # the 2022 assessment, not the 2020 one
    assert (
        "New arena" not in html
        and reverse("arenas:create", kwargs={"organisation": alpha.slug}) not in html
    )


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"kind": "twin_city"}, {"Göteborg"}),
        ({"status": "ended"}, {"Union of the Baltic Cities"}),
        ({"scope": "nordic"}, {"Göteborg"}),
        ({"q": "baltic"}, {"Union of the Baltic Cities"}),
        ({"q": "göteborg"}, {"Göteborg"}),
        ({"recommendation": "leave"}, {"Union of the Baltic Cities"}),
        ({"decision": "join"}, {"Göteborg"}),
    ],
)
def test_it_filters_and_searches(params, expected, alpha, login):
    org = alpha.organisation
    twin = ArenaFactory(
        organisation=org,
        name="Göteborg",
        kind="twin_city",
        city="Göteborg",
        country="SE",
        scope="nordic",
    )
    ubc = ArenaFactory(organisation=org, name="Union of the Baltic Cities", status="ended")
    AssessmentFactory(arena=ubc, organisation=org, recommendation="leave")
    DecisionFactory(arena=twin, organisation=org, body=alpha.council, outcome="join")
    assert _names(_list(login(alpha.viewer), alpha, **params)) == expected


def test_it_filters_by_responsible_unit_and_theme(alpha, login):
    client = login(alpha.viewer)
    by_unit = _list(client, alpha, unit=alpha.agency.pk)
    assert _names(by_unit) == {alpha.unpublished_arena.name}
    by_theme = _list(client, alpha, theme=alpha.theme.pk)
    assert _names(by_theme) == {alpha.published_arena.name}


def test_a_filter_naming_another_organisations_unit_is_refused(alpha, beta, login):
    response = _list(login(alpha.viewer), alpha, unit=beta.agency.pk)
    assert response.context["filter"].errors
    assert "unit" in response.context["filter"].errors


def _download(client, world, fmt, **params):
    url = reverse("arenas:export", kwargs={"organisation": world.slug, "fmt": fmt})
    return client.get(url, params, headers={"Accept-Language": "en"})


def test_the_csv_download_has_the_columns_on_screen_and_neutralises_formulas(alpha, login):
    ArenaFactory(organisation=alpha.organisation, name='=HYPERLINK("http://evil")')
    client = login(alpha.viewer)
    page = _list(client, alpha)
    headers = [str(column.header) for column in page.context["columns"]]
    response = _download(client, alpha, "csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].split(",") == headers
    assert "'=HYPERLINK" in text
    assert "\n=HYPERLINK" not in text
    assert len(lines) == 1 + 4


def test_the_xlsx_download_reads_back_with_the_same_rows_and_no_formulas(alpha, login):
    ArenaFactory(organisation=alpha.organisation, name="+cmd|' /C calc'!A0", yearly_fee=1200)
    client = login(alpha.viewer)
    response = _download(client, alpha, "xlsx", q="cmd")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [str(column.header) for column in _list(client, alpha).context["columns"]] == list(
        rows[0]
    )
    assert len(rows) == 2
    assert rows[1][0] == "'+cmd|' /C calc'!A0"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_an_unknown_download_format_is_not_found(alpha, login):
    assert _download(login(alpha.viewer), alpha, "pdf").status_code == 404


def _count_list_queries(client, world, **params):
    with CaptureQueriesContext(connection) as queries:
        assert _list(client, world, **params).status_code == 200
    return len(queries)


def test_the_list_runs_a_fixed_number_of_queries_with_arenas_on_hold_and_covering(alpha, login):
    client = login(alpha.viewer)
    many_arenas(alpha, 5)
    few = _count_list_queries(client, alpha), _count_list_queries(client, alpha, status="on_hold")
    many_arenas(alpha, 45)  # a third of them twin cities on hold, the first covering the rest
    many = _count_list_queries(client, alpha), _count_list_queries(client, alpha, status="on_hold")
    assert few == many == (8, 8)
