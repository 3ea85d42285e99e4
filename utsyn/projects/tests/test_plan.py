import datetime

import pytest
from django.utils import timezone

from utsyn.money.models import ExchangeRate
from utsyn.testing import csv_table, screen_table, xlsx_table

from .util import get, make_project


@pytest.fixture
def plan_2027(alpha):
    """Alpha's projects around 2027; the world's project has its deadline in 2026."""
    ExchangeRate.objects.create(organisation=alpha.organisation, year=2027, currency="SEK", rate=1)
    return {
        "planned": make_project(
            alpha,
            title="Planned for 2027",
            status="idea",
            planned_application_year=2027,
            currency="EUR",
            total_budget=100,
            grant_amount=80,
            own_contribution=20,
        ),
        "deadline": make_project(
            alpha,
            title="Deadline in 2027",
            application_deadline=datetime.date(2027, 3, 1),
            currency="NOK",
            total_budget=1000,
            grant_amount=500,
            own_contribution=500,
        ),
        "no_rate": make_project(
            alpha,
            title="Danish money",
            application_deadline=datetime.date(2027, 9, 1),
            currency="DKK",
            total_budget=10,
        ),
        "other_year": make_project(alpha, title="Planned for 2028", planned_application_year=2028),
    }


def test_the_plan_lists_the_years_projects_with_totals(alpha, plan_2027, login):
    response = get(login(alpha.viewer), "plan", alpha, year=2027)
    assert response.status_code == 200
    table = screen_table(response)
    assert table[0] == [
        "Project",
        "Programme",
        "Status",
        "Application deadline",
        "Responsible unit",
        "Currency",
        "Total budget",
        "Grant",
        "Own contribution",
        "Total budget (NOK)",
        "Grant (NOK)",
        "Own contribution (NOK)",
    ]
    # By deadline, those without one last.
    assert [row[0] for row in table[1:]] == ["Deadline in 2027", "Danish money", "Planned for 2027"]
    planned = table[3]
    assert planned[6:] == ["100.00", "80.00", "20.00", "1150", "920", "230"]
    assert table[2][9] == "no rate for DKK in 2027"
    totals = {row[0]: row for row in response.context["totals"]}
    assert totals["Total in EUR"][6:9] == [100, 80, 20]
    assert totals["Total in NOK"][6:9] == [1000, 500, 500]
    grand = next(label for label in totals if label.startswith("Total converted into NOK"))
    assert "leaves out 1 project without an exchange rate: Danish money" in grand
    assert totals[grand][9:] == [2150, 1420, 730]
    html = response.content.decode()
    assert "<tfoot>" in html and "<caption" in html and "Danish money" in html


@pytest.mark.parametrize("fmt, read", [("csv", csv_table), ("xlsx", xlsx_table)])
def test_the_plan_downloads_hold_the_screen_with_its_totals(fmt, read, alpha, plan_2027, login):
    client = login(alpha.viewer)
    response = get(client, "plan", alpha, year=2027)
    screen = screen_table(response)
    totals = [
        ["" if cell is None else str(cell) for cell in row] for row in response.context["totals"]
    ]
    download = read(get(client, "plan_export", alpha, year=2027, fmt=fmt))
    assert download[0] == screen[0]
    assert [row[0] for row in download[1:]] == [row[0] for row in screen[1:] + totals]
    assert len(download[1]) == len(screen[0])


def test_the_current_years_plan_and_out_of_range_years(alpha, login):
    client = login(alpha.viewer)
    response = get(client, "plan_current", alpha)
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year
    assert get(client, "plan", alpha, year=1200).status_code == 404
    assert get(client, "plan_export", alpha, year=2027, fmt="pdf").status_code == 404


def test_an_empty_year(alpha, login):
    response = get(login(alpha.viewer), "plan", alpha, year=2040)
    assert response.status_code == 200
    assert response.context["rows"] == [] and response.context["totals"] == []
    assert "No projects are planned for this year." in response.content.decode()


def test_another_organisations_projects_are_not_in_the_plan(alpha, beta, login):
    make_project(beta, title="Beta's plan", planned_application_year=2027)
    response = get(login(alpha.viewer), "plan", alpha, year=2027)
    assert "Beta's plan" not in response.content.decode()
