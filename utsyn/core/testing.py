"""Test data builders, used by the tests of every app."""

import datetime
from dataclasses import dataclass

import factory
from django.contrib.auth import get_user_model

from utsyn.arenas.models import Arena, Assessment, Decision, Theme
from utsyn.audit.services import delete_to_bin
from utsyn.organisations.models import Membership, Organisation, Person, Role, Unit


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("secret-password")


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


@dataclass
class World:
    """One organisation with one of everything, and its people."""

    organisation: Organisation
    council: Unit
    member_of_executive: Unit
    agency: Unit
    other_agency: Unit
    theme: Theme
    person: Person
    published_arena: Arena
    unpublished_arena: Arena
    others_arena: Arena
    assessment: Assessment
    decision: Decision
    administrator: object
    editor: object
    viewer: object
    editor_membership: Membership
    bin_entry: object

    @property
    def slug(self):
        return self.organisation.slug


def build_world(slug, name, country="NO", language="nb"):
    organisation = OrganisationFactory(slug=slug, name=name, country=country, language=language)
    council = UnitFactory(organisation=organisation, name=f"{name} council", kind="council")
    executive = UnitFactory(
        organisation=organisation,
        name=f"{name} executive member",
        kind="executive_member",
        parent=council,
    )
    agency = UnitFactory(organisation=organisation, name=f"{name} agency", parent=executive)
    other_agency = UnitFactory(organisation=organisation, name=f"{name} other agency")
    theme = Theme.objects.create(organisation=organisation, name=f"{name} theme")
    person = Person.objects.create(organisation=organisation, name=f"{name} contact", unit=agency)
    published = ArenaFactory(
        organisation=organisation,
        name=f"{name} published network",
        responsible=executive,
        is_published=True,
    )
    unpublished = ArenaFactory(
        organisation=organisation, name=f"{name} secret network", operational_unit=agency
    )
    others = ArenaFactory(
        organisation=organisation,
        name=f"{name} other unit's network",
        operational_unit=other_agency,
    )
    published.themes.add(theme)
    assessment = AssessmentFactory(arena=published, organisation=organisation)
    decision = DecisionFactory(arena=published, organisation=organisation, body=council)
    users = {}
    for role in Role:
        user = UserFactory(username=f"{slug}-{role.value}")
        users[role] = (
            user,
            Membership.objects.create(user=user, organisation=organisation, role=role),
        )
    users[Role.EDITOR][1].units.add(executive)
    doomed = ArenaFactory(organisation=organisation, name=f"{name} deleted network")
    bin_entry = delete_to_bin(doomed, users[Role.ADMINISTRATOR][0])
    return World(
        organisation=organisation,
        council=council,
        member_of_executive=executive,
        agency=agency,
        other_agency=other_agency,
        theme=theme,
        person=person,
        published_arena=published,
        unpublished_arena=unpublished,
        others_arena=others,
        assessment=assessment,
        decision=decision,
        administrator=users[Role.ADMINISTRATOR][0],
        editor=users[Role.EDITOR][0],
        viewer=users[Role.VIEWER][0],
        editor_membership=users[Role.EDITOR][1],
        bin_entry=bin_entry,
    )
