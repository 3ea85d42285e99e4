import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from utsyn.testing import PlanFactory, csv_table, screen_table, xlsx_table

EN = {"Accept-Language": "en"}
HEADER = [
    "Title",
    "Type",
    "Period",
    "Adopted by",
    "Case reference",
    "Status",
    "Implements",
    "Published",
]


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"organisation": world.slug, **kwargs})


def test_the_plan_list_and_its_downloads_show_the_same_table(alpha, beta, login):
    PlanFactory(
        organisation=alpha.organisation,
        title="Strategy 2024/2027",
        type="strategy",
        start_year=2024,
        end_year=2027,
        adopted_by=alpha.council,
        case_reference="24/123",
        implements=alpha.plan,
    )
    client = login(alpha.viewer)
    page = client.get(_url("plans:list", alpha), headers=EN)
    assert page.status_code == 200
    shown = screen_table(page)
    assert shown[0] == HEADER
    assert shown[1:] == [
        [alpha.plan.title, "Action plan", "", "", "", "Adopted", "", "Yes"],
        [alpha.unpublished_plan.title, "Action plan", "", "", "", "Adopted", "", "No"],
        [
            "Strategy 2024/2027",
            "Strategy",
            "2024–2027",
            alpha.council.name,
            "24/123",
            "Adopted",
            alpha.plan.title,
            "No",
        ],
    ]
    assert beta.plan.title not in page.content.decode()
    html = page.content.decode()
    assert _url("plans:list_export", alpha, fmt="csv") in html
    assert _url("plans:list_export", alpha, fmt="xlsx") in html
    assert csv_table(client.get(_url("plans:list_export", alpha, fmt="csv"), headers=EN)) == shown
    # The title holds "/", which a worksheet name may not: the download still works.
    xlsx = client.get(_url("plans:list_export", alpha, fmt="xlsx"), headers=EN)
    assert xlsx_table(xlsx) == shown


def test_a_plan_whose_title_a_worksheet_may_not_hold_still_downloads(alpha, login):
    plan = PlanFactory(organisation=alpha.organisation, title="Plan 2024/2027: [draft]?")
    url = _url("plans:export", alpha, pk=plan.pk, fmt="xlsx")
    response = login(alpha.viewer).get(url, headers=EN)
    assert xlsx_table(response)[0][0] == "Identifier"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Plan 2024-2027- -draft--"


@pytest.mark.parametrize("user", ["viewer", "editor", "administrator"])
def test_every_member_downloads_the_list(alpha, login, user):
    response = login(getattr(alpha, user)).get(_url("plans:list_export", alpha, fmt="csv"))
    assert len(csv_table(response)) == 1 + 2


def test_non_members_get_404_and_a_bad_format_too(alpha, beta, client, login):
    url = _url("plans:list_export", alpha, fmt="csv")
    assert client.get(url).status_code == 302
    assert login(beta.administrator).get(url).status_code == 404
    assert login(alpha.viewer).get(_url("plans:list_export", alpha, fmt="pdf")).status_code == 404
