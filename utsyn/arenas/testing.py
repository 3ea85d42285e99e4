"""Test data of the arenas app: a municipality's arenas, as fixtures built when a test asks
for them; and many rows at once, for the list pages' query counts."""

import datetime

import factory
import pytest

from utsyn.organisations.testing import OrganisationFactory

from .models import Arena, Assessment, Decision, Theme


class ArenaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Arena

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Network {n}")
    kind = Arena.Kind.MEMBERSHIP
    status = Arena.Status.ACTIVE


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    arena = factory.SubFactory(ArenaFactory)
    organisation = factory.SelfAttribute("arena.organisation")
    assessed_on = datetime.date(2021, 5, 4)
    recommendation = "continue"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    arena = factory.SubFactory(ArenaFactory)
    organisation = factory.SelfAttribute("arena.organisation")
    outcome = Decision.Outcome.LEAVE


def build_arena_rows(municipality):
    """A published arena of the executive member with a theme, an assessment and a council
    decision, covering an unpublished one of the agency; one of the other agency."""
    organisation, name = municipality.organisation, municipality.organisation.name
    theme = Theme.objects.create(organisation=organisation, name=f"{name} theme")
    published = ArenaFactory(
        organisation=organisation,
        name=f"{name} published network",
        responsible=municipality.member_of_executive,
        is_published=True,
    )
    unpublished = ArenaFactory(
        organisation=organisation,
        name=f"{name} secret network",
        operational_unit=municipality.agency,
    )
    others = ArenaFactory(
        organisation=organisation,
        name=f"{name} other unit's network",
        operational_unit=municipality.other_agency,
    )
    published.themes.add(theme)
    # A network covering another arena: the link goes through the walkers and the backup, and
    # the public page must not name the unpublished arena it covers.
    published.covers.add(unpublished)
    return {
        "theme": theme,
        "published_arena": published,
        "unpublished_arena": unpublished,
        "others_arena": others,
        "assessment": AssessmentFactory(arena=published, organisation=organisation),
        "decision": DecisionFactory(
            arena=published, organisation=organisation, body=municipality.council
        ),
    }


@pytest.fixture
def arena(municipality):
    """A published membership of the municipality, which its editor covers."""
    return ArenaFactory(
        organisation=municipality.organisation,
        name="Alpha published network",
        responsible=municipality.member_of_executive,
        is_published=True,
    )


def many_arenas(world, count):
    """Arenas with responsible units, an assessment and a decision each: what the list joins.
    Every third is a twin city on hold; the first covers all the others."""
    arenas = Arena.objects.bulk_create(
        Arena(
            organisation=world.organisation,
            name=f"Many network {Arena.objects.count()}-{number}",
            kind=Arena.Kind.TWIN_CITY if number % 3 == 1 else Arena.Kind.MEMBERSHIP,
            status=Arena.Status.ON_HOLD if number % 3 == 1 else Arena.Status.ACTIVE,
            status_date=datetime.date(2024, 3, 1) if number % 3 == 1 else None,
            status_reason="Until the situation allows." if number % 3 == 1 else "",
            responsible=world.council,
            operational_unit=world.agency if number % 2 else None,
        )
        for number in range(count)
    )
    links = Arena.covers.through
    links.objects.bulk_create(links(from_arena=arenas[0], to_arena=arena) for arena in arenas[1:])
    Assessment.objects.bulk_create(
        Assessment(
            organisation=world.organisation,
            arena=arena,
            assessed_on=datetime.date(2021, 5, 4),
            recommendation="continue",
        )
        for arena in arenas
    )
    Decision.objects.bulk_create(
        Decision(
            organisation=world.organisation, arena=arena, body=world.council, outcome="continue"
        )
        for arena in arenas
    )
    return arenas


def many_assessments(world, count):
    return Assessment.objects.bulk_create(
        Assessment(
            organisation=world.organisation,
            arena=world.published_arena if number % 2 else world.unpublished_arena,
            assessor=world.agency if number % 3 else None,
            assessed_on=datetime.date(2000 + number % 20, 1, 1),
            recommendation="continue",
        )
        for number in range(count)
    )


@pytest.fixture
def twin_city(municipality):
    """An active twin city of the municipality, which its editor covers."""
    return ArenaFactory(
        organisation=municipality.organisation,
        name="Göteborg",
        kind=Arena.Kind.TWIN_CITY,
        scope=Arena.Scope.BILATERAL,
        city="Göteborg",
        country="SE",
        responsible=municipality.member_of_executive,
    )
