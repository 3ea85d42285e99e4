import datetime

import pytest
from django.urls import reverse

from utsyn.testing import (
    AssessmentFactory,
    csv_table,
    screen_table,
    xlsx_table,
)

EN = {"Accept-Language": "en"}
HEADER = [
    "Arena",
    "Date",
    "Participation",
    "Learning outcome",
    "Influence",
    "Recommendation",
    "Case reference",
    "Assessed by",
]


def _list(client, world, **params):
    url = reverse("arenas:assessment_list", kwargs={"organisation": world.slug})
    return client.get(url, params, headers=EN)


def _download(client, world, fmt, **params):
    url = reverse("arenas:assessment_export", kwargs={"organisation": world.slug, "fmt": fmt})
    return client.get(url, params, headers=EN)


@pytest.fixture
def assessed(alpha, beta):
    """Alpha's arenas assessed in 2021 (the world's), 2022 and 2023; Beta's in 2019."""
    org = alpha.organisation
    latest = AssessmentFactory(
        arena=alpha.others_arena,
        organisation=org,
        assessed_on=datetime.date(2023, 3, 1),
        participation="active",
        learning="high",
        influence="low",
        recommendation="leave",
        reference="2023/12",
        assessor=alpha.agency,
    )
    middle = AssessmentFactory(
        arena=alpha.unpublished_arena,
        organisation=org,
        assessed_on=datetime.date(2022, 6, 1),
        recommendation="strengthen",
    )
    AssessmentFactory(
        arena=beta.others_arena,
        organisation=beta.organisation,
        assessed_on=datetime.date(2019, 1, 1),
        recommendation="leave",
    )
    return [latest, middle, alpha.assessment]


def test_a_viewer_sees_the_organisations_assessments_newest_first(alpha, assessed, login):
    response = _list(login(alpha.viewer), alpha)
    assert response.status_code == 200
    assert [assessment for assessment, _cells in response.context["rows"]] == assessed
    table = screen_table(response)
    assert table[0] == HEADER
    assert table[1] == [
        alpha.others_arena.name,
        "2023-03-01",
        "Active",
        "High",
        "Low",
        "Leave",
        "2023/12",
        alpha.agency.name,
    ]
    html = response.content.decode()
    assert "3 assessments" in html
    assert "<caption" in html
    for arena in (alpha.others_arena, alpha.unpublished_arena, alpha.published_arena):
        assert reverse("arenas:detail", kwargs={"organisation": alpha.slug, "pk": arena.pk}) in html


def test_the_arena_list_links_to_the_assessments(municipality, login):
    html = login(municipality.viewer).get(
        reverse("arenas:list", kwargs={"organisation": municipality.slug})
    )
    url = reverse("arenas:assessment_list", kwargs={"organisation": municipality.slug})
    assert url in html.content.decode()


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, [0, 1, 2]),
        ({"year": "2022"}, [1]),
        ({"recommendation": "leave"}, [0]),
        ({"recommendation": "continue", "year": "2021"}, [2]),
        ({"recommendation": "leave", "year": "2021"}, []),
    ],
)
def test_the_filters_apply_to_the_page_and_to_both_downloads(
    alpha, assessed, login, params, expected
):
    client = login(alpha.viewer)
    page = _list(client, alpha, **params)
    assert [assessment for assessment, _cells in page.context["rows"]] == [
        assessed[index] for index in expected
    ]
    shown = screen_table(page)
    assert csv_table(_download(client, alpha, "csv", **params)) == shown
    assert xlsx_table(_download(client, alpha, "xlsx", **params)) == shown


def test_the_download_links_keep_the_filters(alpha, assessed, login):
    html = _list(login(alpha.viewer), alpha, year="2022").content.decode()
    url = reverse("arenas:assessment_export", kwargs={"organisation": alpha.slug, "fmt": "csv"})
    assert f'href="{url}?year=2022"' in html


def test_only_the_organisations_years_are_offered(alpha, assessed, login):
    response = _list(login(alpha.viewer), alpha)
    years = [value for value, _label in response.context["filter"].form.fields["year"].choices]
    assert years == ["", "2023", "2022", "2021"]  # not Beta's 2019


def test_another_organisations_assessments_never_show(alpha, beta, assessed, login):
    rows = csv_table(_download(login(alpha.administrator), alpha, "csv"))[1:]
    assert [row[0] for row in rows] == [assessment.arena.name for assessment in assessed]
    assert beta.others_arena.name not in {row[0] for row in rows}


@pytest.mark.parametrize("name", ["arenas:assessment_list", "arenas:assessment_export"])
def test_non_members_get_404_and_visitors_the_login_page(name, alpha, beta, client, login):
    kwargs = {"organisation": alpha.slug}
    if name.endswith("export"):
        kwargs["fmt"] = "csv"
    url = reverse(name, kwargs=kwargs)
    assert client.get(url).status_code == 302
    assert login(beta.administrator).get(url).status_code == 404
    for user in (alpha.viewer, alpha.editor, alpha.administrator):
        assert login(user).get(url).status_code == 200


def test_an_unknown_download_format_is_not_found(alpha, login):
    assert _download(login(alpha.viewer), alpha, "pdf").status_code == 404
