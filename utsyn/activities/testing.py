"""Test data of the activities app: the rows `utsyn.testing.World` adds to every
organisation, an activity as a fixture built when a test asks for it, and many rows at once
for the list pages' query counts."""

import datetime

import pytest
from django.utils import timezone

from .models import Activity, Cost, DelegationRequest, Participant, ProgrammeItem


def build_activity_rows(organisation, *, unit, item, arena, person, host_unit):
    """One published activity of `unit` with a participant and a cost, and an accepted
    delegation request with one programme item."""
    name = organisation.name
    activity = Activity.objects.create(
        organisation=organisation,
        title=f"{name} study visit",
        kind=Activity.Kind.STUDY_VISIT,
        status=Activity.Status.PLANNED,
        starts_on=datetime.date(2026, 5, 12),
        ends_on=datetime.date(2026, 5, 13),
        city="Göteborg",
        country="SE",
        counterpart_arena=arena,
        purpose="Learn how the partner city works with climate adaptation.",
        responsible_unit=unit,
        is_published=True,
    )
    activity.plan_items.add(item)
    delegation_request = DelegationRequest.objects.create(
        organisation=organisation,
        delegation_name=f"Delegation to {name}",
        country="DE",
        contact_name="Anna Beispiel",
        email="anna@example.org",
        preferred_from=datetime.date(2026, 9, 1),
        preferred_to=datetime.date(2026, 9, 2),
        group_size=12,
        interests="Ocean industries.",
        language="en",
        status=DelegationRequest.Status.ACCEPTED,
    )
    start = timezone.make_aware(datetime.datetime(2026, 9, 1, 9, 0))
    return {
        "activity": activity,
        "participant": Participant.objects.create(
            organisation=organisation,
            activity=activity,
            name=person.name,
            person=person,
            role="Adviser",
            kind=Participant.Kind.STAFF,
        ),
        "cost": Cost.objects.create(
            organisation=organisation,
            activity=activity,
            category=Cost.Category.TRAVEL,
            amount=4200,
            currency="NOK",
        ),
        "delegation_request": delegation_request,
        "programme_item": ProgrammeItem.objects.create(
            organisation=organisation,
            delegation_request=delegation_request,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
            title="Welcome at the city hall",
            place="City hall",
            host_unit=host_unit,
        ),
    }


@pytest.fixture
def activity(municipality, measure, arena):
    """A published study visit of the agency with a participant and a cost (and an accepted
    delegation request beside it)."""
    return build_activity_rows(
        municipality.organisation,
        unit=municipality.agency,
        item=measure,
        arena=arena,
        person=municipality.person,
        host_unit=municipality.council,
    )["activity"]


def many_activities(world, count, month=datetime.date(2026, 2, 1)):
    """Activities in one month with units, arenas and a participant: what the list joins."""
    activities = Activity.objects.bulk_create(
        Activity(
            organisation=world.organisation,
            title=f"Activity {number}",
            kind=Activity.Kind.EVENT,
            status=Activity.Status.PLANNED,
            starts_on=month + datetime.timedelta(days=number % 28),
            ends_on=month + datetime.timedelta(days=number % 28),
            responsible_unit=world.agency if number % 2 else world.council,
            counterpart_arena=world.published_arena if number % 3 else None,
        )
        for number in range(count)
    )
    Participant.objects.bulk_create(
        Participant(
            organisation=world.organisation, activity=activity, name="Mayor", kind="politician"
        )
        for activity in activities
    )
    return activities


def many_requests(world, count):
    return DelegationRequest.objects.bulk_create(
        DelegationRequest(
            organisation=world.organisation,
            delegation_name=f"Delegation {number}",
            country="SE",
            contact_name="Contact",
            email="contact@example.org",
            preferred_from=datetime.date(2026, 6, 1),
            preferred_to=datetime.date(2026, 6, 3),
            group_size=5,
            interests="Schools",
            language="en",
        )
        for number in range(count)
    )
