"""Test data of the plans app: a municipality's action plan, as fixtures built when a test
asks for them; and many rows at once, for the list pages' query counts."""

import factory
import pytest

from utsyn.organisations.testing import OrganisationFactory

from .models import Plan, PlanItem, PlanRole


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    organisation = factory.SubFactory(OrganisationFactory)
    type = Plan.Type.ACTION_PLAN
    title = factory.Sequence(lambda n: f"Plan {n}")
    status = Plan.Status.ADOPTED
    level_names = "Section\nMeasure"


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    plan = factory.SubFactory(PlanFactory)
    organisation = factory.SelfAttribute("plan.organisation")
    identifier = factory.Sequence(lambda n: f"Measure {n}")
    title = factory.Sequence(lambda n: f"Do thing number {n}")
    position = factory.Sequence(lambda n: n)


def build_plan_rows(municipality):
    """A published action plan with a section, a measure of the agency and one of the other
    agency, and the council's role in it; and an unpublished draft."""
    organisation, name = municipality.organisation, municipality.organisation.name
    plan = PlanFactory(organisation=organisation, title=f"{name} action plan", is_published=True)
    unpublished_plan = PlanFactory(organisation=organisation, title=f"{name} draft plan")
    section = PlanItemFactory(plan=plan, identifier="Section 1", title=f"{name} section")
    return {
        "plan": plan,
        "unpublished_plan": unpublished_plan,
        "section": section,
        "item": PlanItemFactory(
            plan=plan, parent=section, identifier="Measure 1", responsible_unit=municipality.agency
        ),
        "others_item": PlanItemFactory(
            plan=plan,
            parent=section,
            identifier="Measure 2",
            responsible_unit=municipality.other_agency,
        ),
        "plan_role": PlanRole.objects.create(
            organisation=organisation,
            plan=plan,
            unit=municipality.council,
            responsibilities="Adopts it.",
        ),
    }


@pytest.fixture
def measure(municipality):
    """A measure of the agency (which the editor covers) in a published action plan of
    measures (one level, which rounds follow up)."""
    plan = PlanFactory(
        organisation=municipality.organisation,
        title="Alpha action plan",
        is_published=True,
        level_names="Measure",
    )
    return PlanItemFactory(plan=plan, identifier="Measure 1", responsible_unit=municipality.agency)


def many_plans(world, count):
    return Plan.objects.bulk_create(
        Plan(
            organisation=world.organisation,
            type=Plan.Type.values[number % len(Plan.Type.values)],
            title=f"Many plan {Plan.objects.count()}-{number}",
            adopted_by=world.council if number % 2 else None,
        )
        for number in range(count)
    )
