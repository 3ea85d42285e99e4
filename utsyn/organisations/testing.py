"""Test data of the organisations app: many rows at once, for the list pages' query counts."""

from django.contrib.auth import get_user_model

from .models import Membership, Person, Role, Unit


def many_units(world, count):
    return Unit.objects.bulk_create(
        Unit(
            organisation=world.organisation,
            name=f"Many unit {Unit.objects.count()}-{number}",
            kind=Unit.Kind.AGENCY,
            parent=world.council if number % 2 else world.agency,
        )
        for number in range(count)
    )


def many_people(world, count):
    return Person.objects.bulk_create(
        Person(organisation=world.organisation, name=f"Person {number}", unit=world.agency)
        for number in range(count)
    )


def many_members(world, count):
    """Editors, each attached to two units."""
    first = get_user_model().objects.count()
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"many-{first + number}") for number in range(count)
    )
    memberships = Membership.objects.bulk_create(
        Membership(user=user, organisation=world.organisation, role=Role.EDITOR) for user in users
    )
    links = Membership.units.through
    links.objects.bulk_create(
        links(membership=membership, unit=unit)
        for membership in memberships
        for unit in (world.agency, world.council)
    )
    return memberships
