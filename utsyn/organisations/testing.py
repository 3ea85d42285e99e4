"""Test data of the organisations app: the base every test starts from (one municipality with
its units and its administrator, editor and viewer; an outsider of another organisation), as
fixtures built when a test asks for them; and many rows at once, for the list pages' query
counts."""

from dataclasses import dataclass

import factory
import pytest
from django.contrib.auth import get_user_model

from .models import Membership, Organisation, Person, Role, Unit

PASSWORD = "secret-password"  # noqa: S105  # every test user's, for the tests that sign in with a form


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")
    kind = Organisation.Kind.MUNICIPALITY
    country = "NO"
    language = "nb"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Enhet {n}")
    kind = Unit.Kind.AGENCY


@dataclass
class Municipality:
    """One organisation with a council, an executive member below it and an agency below
    that (plus an agency of its own), a contact person, and a member of each role: the editor
    covers the executive member and so the agency below it, not the other agency."""

    organisation: Organisation
    council: Unit
    member_of_executive: Unit
    agency: Unit
    other_agency: Unit
    person: Person
    administrator: object
    editor: object
    viewer: object
    editor_membership: Membership

    @property
    def slug(self):
        return self.organisation.slug


def build_municipality(slug, name, country="NO", language="nb"):
    organisation = Organisation.objects.create(
        slug=slug,
        name=name,
        kind=Organisation.Kind.MUNICIPALITY,
        country=country,
        language=language,
    )

    def unit(name, kind, parent=None):
        return Unit.objects.create(organisation=organisation, name=name, kind=kind, parent=parent)

    council = unit(f"{name} council", Unit.Kind.COUNCIL)
    executive = unit(f"{name} executive member", Unit.Kind.EXECUTIVE_MEMBER, council)
    agency = unit(f"{name} agency", Unit.Kind.AGENCY, executive)
    other_agency = unit(f"{name} other agency", Unit.Kind.AGENCY)
    person = Person.objects.create(organisation=organisation, name=f"{name} contact", unit=agency)
    members = {
        role: Membership.objects.create(
            user=_user(f"{slug}-{role.value}"), organisation=organisation, role=role
        )
        for role in Role
    }
    members[Role.EDITOR].units.add(executive)
    return Municipality(
        organisation=organisation,
        council=council,
        member_of_executive=executive,
        agency=agency,
        other_agency=other_agency,
        person=person,
        administrator=members[Role.ADMINISTRATOR].user,
        editor=members[Role.EDITOR].user,
        viewer=members[Role.VIEWER].user,
        editor_membership=members[Role.EDITOR],
    )


def _user(username):
    return get_user_model().objects.create_user(username, password=PASSWORD)


@pytest.fixture
def municipality(db):
    return build_municipality("alpha", "Alpha kommune")


@pytest.fixture
def outsider(db):
    """The administrator of another organisation, who sees nothing of the municipality."""
    organisation = Organisation.objects.create(
        slug="outside", name="Outside kommun", kind=Organisation.Kind.MUNICIPALITY, country="SE"
    )
    user = _user("outsider")
    Membership.objects.create(user=user, organisation=organisation, role=Role.ADMINISTRATOR)
    return user


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
