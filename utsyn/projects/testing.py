"""Test data of the projects app: the rows `utsyn.testing.World` adds to every organisation,
a project as a fixture built when a test asks for it, and many rows at once for the list
pages' query counts."""

import datetime

import pytest
from django.core.files.base import ContentFile

from utsyn.money.models import ExchangeRate, reporting_currency

from .models import FundingProgramme, Project, ProjectDocument, ProjectPartner


def build_projects(organisation, unit, item, arena, person):
    """An own funding programme, a project with a partner and a document, and a rate."""
    interreg_b = FundingProgramme.objects.get(organisation=None, code="interreg-b")
    programme = FundingProgramme.objects.create(
        organisation=organisation,
        name=f"{organisation.name} regional fund",
        kind=FundingProgramme.Kind.OTHER,
        parent=interreg_b,
    )
    project = Project.objects.create(
        organisation=organisation,
        title=f"{organisation.name} coastal project",
        status=Project.Status.RUNNING,
        programme=FundingProgramme.objects.get(organisation=None, code="interreg-north-sea"),
        role=Project.Role.PARTNER,
        start_date=datetime.date(2027, 1, 1),
        end_date=datetime.date(2029, 12, 31),
        application_deadline=datetime.date(2026, 3, 1),
        currency="EUR",
        total_budget=400000,
        grant_amount=240000,
        own_contribution=160000,
        responsible_unit=unit,
    )
    project.plan_items.add(item)
    project.arenas.add(arena)
    project.contact_persons.add(person)
    document = ProjectDocument(
        organisation=organisation, project=project, title="Application", filename="application.pdf"
    )
    document.file.save("application.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.size = document.file.size
    document.save()
    currency = "EUR" if reporting_currency(organisation) != "EUR" else "SEK"
    return {
        "programme": programme,
        "project": project,
        "project_partner": ProjectPartner.objects.create(
            organisation=organisation, project=project, name="Partner city", country="DK"
        ),
        "project_document": document,
        "exchange_rate": ExchangeRate.objects.create(
            organisation=organisation, year=2027, currency=currency, rate="11.5"
        ),
    }


@pytest.fixture
def project(municipality, measure, arena):
    """A running Interreg project of the agency, serving the measure and the arena, with a
    partner, a document and the municipality's own funding programme."""
    return build_projects(
        municipality.organisation, municipality.agency, measure, arena, municipality.person
    )["project"]


def many_projects(world, count):
    """Projects in three currencies under shared programmes, with and without units."""
    programmes = list(FundingProgramme.objects.shared()[:5])
    units = [world.agency, world.other_agency, None]
    currencies = ["NOK", "EUR", "SEK"]
    start = Project.objects.count()
    return Project.objects.bulk_create(
        Project(
            organisation=world.organisation,
            title=f"Project {start + number:04d}",
            status=Project.Status.values[number % len(Project.Status.values)],
            programme=programmes[number % len(programmes)],
            responsible_unit=units[number % len(units)],
            currency=currencies[number % len(currencies)],
            total_budget=1000 + number,
            grant_amount=500,
            own_contribution=100,
            application_deadline=datetime.date(2026, 1 + number % 12, 1),
            start_date=datetime.date(2027, 1, 1) if number % 2 else None,
            planned_application_year=2026,
        )
        for number in range(count)
    )
