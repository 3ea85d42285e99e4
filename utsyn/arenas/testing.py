"""Test data of the arenas app: many rows at once, for the list pages' query counts."""

import datetime

from .models import Arena, Assessment, Decision


def many_arenas(world, count):
    """Arenas with responsible units, an assessment and a decision each: what the list joins."""
    arenas = Arena.objects.bulk_create(
        Arena(
            organisation=world.organisation,
            name=f"Many network {Arena.objects.count()}-{number}",
            kind=Arena.Kind.MEMBERSHIP,
            status=Arena.Status.ACTIVE,
            responsible=world.council,
            operational_unit=world.agency if number % 2 else None,
        )
        for number in range(count)
    )
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
