import datetime

import pytest
from django.utils import timezone

from utsyn.money.models import ExchangeRate
from utsyn.projects.testing import many_projects
from utsyn.testing import csv_table, screen_table, xlsx_table

from .util import get, make_project, url


@pytest.fixture
def plan_2027(alpha):
    """Alpha's projects around 2027; the world's project (deadline in 2026) runs 2027–2029."""
    ExchangeRate.objects.create(organisation=alpha.organisation, year=2027, currency="SEK", rate=1)
    return {
        "planned": make_project(
            alpha,
            title="Planned for 2027",
            status="idea",
            planned_application_year=2027,
            currency="EUR",
            project_budget=1000,
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
        "In the plan as",
        "Programme",
        "Status",
        "Application deadline",
        "Start",
        "End",
        "Responsible unit",
        "Currency",
        "Whole project's budget",
        "Our budget",
        "Grant",
        "Own contribution",
        "Whole project's budget (NOK)",
        "Our budget (NOK)",
        "Grant (NOK)",
        "Own contribution (NOK)",
    ]
    # By deadline, those without one last; each says why it is in the year's plan.
    assert [row[:2] for row in table[1:]] == [
        [alpha.project.title, "Running"],
        ["Deadline in 2027", "Applying"],
        ["Danish money", "Applying"],
        ["Planned for 2027", "Applying"],
    ]
    planned = table[4]
    assert planned[9:] == ["1000.00", "100.00", "80.00", "20.00", "11500", "1150", "920", "230"]
    assert table[3][14] == "no rate for DKK in 2027"
    totals = {row[0]: row for row in response.context["totals"]}
    # With the world's project: 400 000 of our budget, 240 000 grant, 160 000 own, in EUR.
    assert totals["Total in EUR"][9:13] == [1000, 400100, 240080, 160020]
    assert totals["Total in NOK"][9:13] == ["", 1000, 500, 500]
    grand = next(label for label in totals if label.startswith("Total converted into NOK"))
    assert "leaves out 1 project without an exchange rate: Danish money" in grand
    assert totals[grand][13:] == [11500, 4602150, 2761420, 1840730]
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
    assert "No project applies, awaits a decision or runs in this year." in (
        response.content.decode()
    )


def test_another_organisations_projects_are_not_in_the_plan(alpha, beta, login):
    make_project(beta, title="Beta's plan", planned_application_year=2027)
    response = get(login(alpha.viewer), "plan", alpha, year=2027)
    assert "Beta's plan" not in response.content.decode()


# --------------------------------------------------------------- projects active by their dates


@pytest.fixture
def by_dates(alpha):
    """Projects with dates and no application year, around 2011; and two that never ran."""
    day = datetime.date
    return {
        title: make_project(alpha, title=title, status=status, start_date=start, end_date=end)
        for title, status, start, end in [
            ("Starts on the last day", "granted", day(2011, 12, 31), day(2013, 6, 30)),
            ("Ends on the first day", "completed", day(2009, 3, 1), day(2011, 1, 1)),
            ("Runs on without an end", "running", day(2005, 1, 1), None),
            ("Ended the year before", "completed", day(2008, 1, 1), day(2010, 12, 31)),
            ("Starts the year after", "granted", day(2012, 1, 1), day(2014, 1, 1)),
            ("Not granted yet", "submitted", day(2011, 9, 1), day(2012, 8, 31)),
            ("Rejected", "rejected", day(2011, 1, 1), day(2012, 12, 31)),
            ("Withdrawn", "withdrawn", day(2010, 1, 1), None),
        ]
    }


def _reasons(response):
    return {row.label: row.reasons for row, _cells in response.context["rows"]}


def test_projects_active_in_the_year_by_their_dates_are_in_its_plan(alpha, by_dates, login):
    response = get(login(alpha.viewer), "plan", alpha, year=2011)
    assert response.status_code == 200
    assert _reasons(response) == {
        "Starts on the last day": "Running",
        "Ends on the first day": "Running",
        "Runs on without an end": "Running",
        "Not granted yet": "Running, if granted",
    }
    later = _reasons(get(login(alpha.viewer), "plan", alpha, year=2040))
    assert later == {"Runs on without an end": "Running"}


def test_a_project_is_in_the_plan_of_the_year_it_applies_awaits_a_decision_and_runs(alpha, login):
    make_project(
        alpha,
        title="Three years",
        status="completed",
        application_deadline=datetime.date(2010, 2, 1),
        decision_expected=datetime.date(2011, 1, 15),
        start_date=datetime.date(2011, 3, 1),
        end_date=datetime.date(2012, 2, 28),
    )
    client = login(alpha.viewer)
    plans = {year: _reasons(get(client, "plan", alpha, year=year)) for year in range(2009, 2014)}
    assert plans == {
        2009: {},
        2010: {"Three years": "Applying"},
        2011: {"Three years": "Decision expected, Running"},
        2012: {"Three years": "Running"},
        2013: {},
    }


def test_the_project_lists_year_filter_follows_the_plans_rule(alpha, by_dates, login):
    response = get(login(alpha.viewer), "list", alpha, {"year": "2011"})
    assert {project.title for project, _cells in response.context["rows"]} == set(
        _reasons(get(login(alpha.viewer), "plan", alpha, year=2011))
    )


@pytest.mark.parametrize(
    "year, rows",
    [
        # Every project applies in 2026; and the world's project.
        (2026, (10 + 1, 500 + 1)),
        # Every other one runs from 2027 without an end, but every eighth of them (status
        # index 7) is withdrawn: 5 - 1 of 10, 250 - 62 of 500; and the world's project.
        (2028, (4 + 1, 188 + 1)),
    ],
)
def test_the_plan_runs_a_fixed_number_of_queries(
    year, rows, alpha, login, django_assert_num_queries
):
    client = login(alpha.viewer)
    get(client, "plan", alpha, year=year)
    many_projects(alpha, 10)
    # organisation, session, user, membership, rates, the projects
    with django_assert_num_queries(6):
        response = get(client, "plan", alpha, year=year)
    assert len(response.context["rows"]) == rows[0]
    many_projects(alpha, 490)
    with django_assert_num_queries(6):
        response = get(client, "plan", alpha, year=year)
    assert len(response.context["rows"]) == rows[1]


# ------------------------------------------------------------------------- going to a year


def test_the_year_form_goes_to_any_year_directly_without_javascript(alpha, by_dates, login):
    client = login(alpha.viewer)
    page = get(client, "plan", alpha, year=2027)
    form = page.context["year_form"]
    assert form["year"].value() == 2027
    html = page.content.decode()
    assert '<form method="get" action="/alpha/projects/plan/2027/"' in html
    assert 'type="number" name="year" value="2027" min="1900" max="2100" required' in html
    response = get(client, "plan", alpha, {"year": "2011"}, year=2027)
    assert response.status_code == 302
    assert response["Location"] == url("plan", alpha, year=2011)
    assert "Runs on without an end" in get(client, "plan", alpha, year=2011).content.decode()
    # From the current year's page too.
    response = get(client, "plan_current", alpha, {"year": "1900"})
    assert response["Location"] == url("plan", alpha, year=1900)


@pytest.mark.parametrize(
    "value, message",
    [
        ("1899", "Enter a year between 1900 and 2100."),
        ("2101", "Enter a year between 1900 and 2100."),
        ("99999999999999999999", "Enter a year between 1900 and 2100."),
        ("-5", "Enter a year between 1900 and 2100."),
        ("twenty", "Enter a whole number."),
        ("2011.5", "Enter a whole number."),
        ("", "This field is required."),
        ("2011\x00", "Enter a whole number."),
    ],
)
def test_a_year_outside_the_bounds_is_refused_with_a_message(value, message, alpha, login):
    response = get(login(alpha.viewer), "plan", alpha, {"year": value}, year=2027)
    assert response.status_code == 400
    assert response.context["year"] == 2027  # the page stays on its own year
    assert response.context["year_form"].errors["year"] == [message]
    html = response.content.decode()
    assert message in html and 'aria-invalid="true"' in html


def test_an_address_outside_the_bounds_is_not_found(alpha, login):
    client = login(alpha.viewer)
    assert get(client, "plan", alpha, year=1899).status_code == 404
    assert get(client, "plan", alpha, year=2101).status_code == 404
    assert get(client, "plan_export", alpha, year=2101, fmt="csv").status_code == 404
    assert get(client, "plan", alpha, year=1900).context["previous_year"] is None
    assert get(client, "plan", alpha, year=2100).context["next_year"] is None
