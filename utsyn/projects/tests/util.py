import io
import zipfile

from django.urls import reverse
from docx import Document as WordDocument
from openpyxl import Workbook

from utsyn.projects.models import FundingProgramme, Project
from utsyn.testing import post_form


def url(name, world, **kwargs):
    return reverse(f"projects:{name}", kwargs={"organisation": world.slug, **kwargs})


def get(client, name, world, params=None, **kwargs):
    return client.get(url(name, world, **kwargs), params or {}, headers={"Accept-Language": "en"})


def post(client, name, world, data, **kwargs):
    """POSTs the form as a browser does after opening it (see `post_form`)."""
    return post_form(client, url(name, world, **kwargs), data, headers={"Accept-Language": "en"})


def shared(code):
    return FundingProgramme.objects.get(organisation=None, code=code)


def make_project(world, **fields):
    values = {
        "organisation": world.organisation,
        "title": "A project",
        "status": Project.Status.PREPARING,
        "currency": "NOK",
        **fields,
    }
    return Project.objects.create(**values)


def project_data(world, **overrides):
    """A complete, valid POST of the project form."""
    data = {
        "title": "Green harbours",
        "acronym": "GREEN",
        "status": "preparing",
        "programme": shared("interreg-north-sea").pk,
        "call_identifier": "Call 3",
        "role": "partner",
        "description": "Harbours cut their emissions.",
        "responsible_unit": world.agency.pk,
        "contact_persons": [world.person.pk],
        "application_deadline": "2027-02-01",
        "decision_expected": "2027-06-01",
        "planned_application_year": "2027",
        "start_date": "2027-09-01",
        "end_date": "2030-08-31",
        "currency": "EUR",
        "total_budget": "500000",
        "grant_amount": "300000",
        "own_contribution": "200000",
        "plan_items": [world.item.pk],
        "arenas": [world.published_arena.pk],
        "sdg_goals": ["13", "14"],
        "sdg_targets": "14.1",
        "results": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def office_file(extension):
    """The smallest real file of an Office type: DOCX, XLSX, ODT or ODS."""
    buffer = io.BytesIO()
    if extension == "docx":
        WordDocument().save(buffer)
    elif extension == "xlsx":
        Workbook().save(buffer)
    else:
        kind = {"odt": "text", "ods": "spreadsheet"}[extension]
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}")
            archive.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
