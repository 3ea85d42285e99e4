"""The yearly cost overview: fees, activity costs and project contributions, converted and
grouped by unit and by plan goal."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from utsyn.activities.models import Activity, Cost
from utsyn.money.models import ExchangeRate
from utsyn.projects.models import Project
from utsyn.testing import ArenaFactory, csv_table

EN = {"Accept-Language": "en"}


def _url(world, year=2026, **kwargs):
    name = "costs:export" if kwargs else "costs:overview"
    return reverse(name, kwargs={"organisation": world.slug, "year": year, **kwargs})


def _activity(world, title, amount, currency="NOK", unit=None, items=()):
    activity = Activity.objects.create(
        organisation=world.organisation,
        title=title,
        kind="official_trip",
        status="held",
        starts_on=datetime.date(2026, 5, 1),
        ends_on=datetime.date(2026, 5, 3),
        responsible_unit=unit or world.agency,
    )
    activity.plan_items.set(items)
    Cost.objects.create(
        organisation=world.organisation,
        activity=activity,
        category="travel",
        amount=Decimal(amount),
        currency=currency,
        year=2026,
    )
    return activity


@pytest.fixture
def costs(alpha):
    """A fee of EUR 1,000, a trip of NOK 5,000 and half of a two-year contribution."""
    # Start from no costs: the shared test world holds some of its own.
    Cost.objects.filter(organisation=alpha.organisation).delete()
    Project.objects.filter(organisation=alpha.organisation).update(own_contribution=None)
    ExchangeRate.objects.create(
        organisation=alpha.organisation, year=2026, currency="EUR", rate=Decimal("11.5")
    )
    arena = ArenaFactory(
        organisation=alpha.organisation,
        name="Fee network",
        yearly_fee=1000,
        fee_currency="EUR",
        operational_unit=alpha.other_agency,
        since_year=2010,
    )
    alpha.item.arenas.add(arena)
    _activity(alpha, "Study trip", 5000, items=[alpha.item])
    project = Project.objects.create(
        organisation=alpha.organisation,
        title="Green harbours",
        status="running",
        currency="NOK",
        total_budget=Decimal(4_800_000),
        grant_amount=Decimal(3_000_000),
        own_contribution=Decimal(800_000),
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2027, 12, 31),
        responsible_unit=alpha.agency,
    )
    project.plan_items.add(alpha.others_item)
    return alpha


def test_the_overview_adds_up_fees_activities_and_project_contributions(costs, login):
    client = login(costs.viewer)
    units = csv_table(client.get(_url(costs, table="units", fmt="csv")))
    rows = {row[0]: row[1:] for row in units[1:]}
    assert units[0][0] == "Ansvarlig enhet"
    assert rows[costs.other_agency.name] == ["11500", "0", "0", "11500"]
    # 800,000 over 2026 and 2027: 400,000 in 2026.
    assert rows[costs.agency.name] == ["0", "5000.00", "400000.00", "405000.00"]


def test_costs_are_split_between_the_plan_goals_they_serve(costs, login):
    goals = csv_table(login(costs.viewer).get(_url(costs, table="goals", fmt="csv")))
    # Both items sit under the plan's one top-level section: everything serves that goal.
    assert len(goals) == 2
    assert goals[1][0].endswith(costs.section.title)
    assert goals[1][1] == "416500"


def test_a_missing_rate_is_said_and_left_out_of_the_totals(costs, login):
    _activity(costs, "Conference in Stockholm", 9000, currency="SEK")
    page = login(costs.viewer).get(_url(costs), headers=EN).content.decode()
    assert "No exchange rate is set for SEK in 2026" in page
    lines = csv_table(login(costs.viewer).get(_url(costs, table="lines", fmt="csv")))
    stockholm = next(row for row in lines if row[1] == "Conference in Stockholm")
    assert stockholm[3:6] == ["9000.00", "SEK", ""]


def test_other_years_and_other_organisations_are_left_out(costs, beta, login):
    _activity(beta, "Beta trip", 777)
    client = login(costs.viewer)
    assert "Beta trip" not in client.get(_url(costs)).content.decode()
    page_2030 = client.get(_url(costs, year=2030), headers=EN).content.decode()
    assert "Study trip" not in page_2030 and "No costs in this year." in page_2030
    assert client.get(_url(costs, table="units", fmt="pdf")).status_code == 404
    assert client.get(_url(costs, table="secrets", fmt="csv")).status_code == 404
    assert login(beta.viewer).get(_url(costs)).status_code == 404


def test_the_overview_costs_the_same_queries_for_many_costs(costs, login):
    client = login(costs.viewer)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(_url(costs)).status_code == 200
        return len(context.captured_queries)

    few = count()
    for number in range(30):
        _activity(costs, f"Trip {number}", 100 + number, items=[costs.item])
    assert count() == few
