import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from utsyn.money.models import ExchangeRate
from utsyn.organisations.models import Organisation
from utsyn.projects.models import FundingProgramme, Project, ProjectDocument, ProjectPartner

from .util import shared


def _export(slug):
    out = io.StringIO()
    call_command("export_organisation", slug, stdout=out)
    return out.getvalue()


def _import(tmp_path, content):
    path = tmp_path / "export.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    call_command("import_organisation", str(path), stdout=io.StringIO())


# ---------------------------------------------------------------------------------- backup


def test_projects_round_trip_with_references_to_shared_programmes(alpha, beta, tmp_path):
    first = _export("alpha")
    tables = json.loads(first)["tables"]
    [project] = tables["projects.project"]
    assert project["title"] == alpha.project.title
    assert project["programme"] == "interreg-north-sea"  # a shared row, by its code
    [own] = tables["projects.fundingprogramme"]
    assert own["name"] == alpha.programme.name and own["parent"] == "interreg-b"
    assert len(tables["projects.projectpartner"]) == 1
    assert "projects.projectdocument" not in tables  # files are not in the JSON
    assert [rate["currency"] for rate in tables["money.exchangerate"]] == ["EUR"]
    assert beta.project.title not in first

    Organisation.objects.get(slug="alpha").delete()
    assert FundingProgramme.objects.filter(code="interreg-north-sea").exists()  # shared stays
    _import(tmp_path, first)
    assert _export("alpha") == first
    imported = Project.objects.get(title=alpha.project.title)
    assert imported.programme == shared("interreg-north-sea")
    assert imported.responsible_unit.name == alpha.agency.name
    assert list(imported.plan_items.values_list("identifier", flat=True)) == ["Measure 1"]
    assert ProjectPartner.objects.get(project=imported).country.code == "DK"
    own = FundingProgramme.objects.get(name=alpha.programme.name)
    assert own.parent == shared("interreg-b") and own.organisation.slug == "alpha"
    assert not ProjectDocument.objects.filter(project=imported).exists()


def test_an_unknown_shared_programme_stops_the_import(alpha, tmp_path):
    data = json.loads(_export("alpha"))
    Organisation.objects.get(slug="alpha").delete()
    data["tables"]["projects.project"][0]["programme"] = "no-such-programme"
    with pytest.raises(CommandError, match="Unknown shared projects.fundingprogramme"):
        _import(tmp_path, data)
    assert not Organisation.objects.filter(slug="alpha").exists()


# ------------------------------------------------------------------------------------ demo


def _bergen_projects():
    return Project.objects.filter(organisation__slug="bergen")


def test_bergens_demo_projects_are_illustrative_and_linked_to_the_action_plan(demo):
    projects = _bergen_projects()
    assert 3 <= projects.count() <= 5
    assert all(project.is_illustrative for project in projects)
    assert all("Illustrativt eksempel" in project.description for project in projects)
    statuses = set(projects.values_list("status", flat=True))
    assert {"rejected", "idea"} <= statuses
    interreg = projects.get(programme__code="interreg-north-sea")
    assert interreg.total_budget == 4800000 and interreg.own_contribution > 0
    assert projects.filter(programme__code="erasmus-plus").exists()
    assert projects.get(programme__code="horizon-europe").role == "partner"
    assert projects.get(status="idea").planned_application_year == 2027
    items = set(projects.values_list("plan_items__identifier", flat=True))
    assert items <= {"Tiltak 14", "Tiltak 16", "Tiltak 18"} and items
    assert projects.filter(arenas__name="Vest-Norges Brusselkontor").exists()
    rates = ExchangeRate.objects.filter(organisation__slug="bergen")
    assert set(rates.values_list("currency", flat=True)) == {"EUR", "GBP", "SEK"}
    assert not Project.objects.filter(organisation__slug="vanersborg").exists()


def test_loading_the_demo_twice_duplicates_nothing(demo):
    def counts():
        return (
            _bergen_projects().count(),
            ProjectPartner.objects.count(),
            ExchangeRate.objects.count(),
            FundingProgramme.objects.count(),
            sorted(_bergen_projects().values_list("plan_items__pk", flat=True)),
        )

    before = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == before


def test_every_demo_amount_converts_and_the_pages_work(demo, client):
    client.login(username="bergen-viewer", password="demo")
    response = client.get(
        reverse("projects:list", kwargs={"organisation": "bergen"}),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert response.context["page"].paginator.count == _bergen_projects().count()
    assert "no rate" not in response.content.decode()
    plan = client.get(
        reverse("projects:plan", kwargs={"organisation": "bergen", "year": 2026}),
        headers={"Accept-Language": "en"},
    )
    assert plan.status_code == 200
    # Two applications of 2026 with their decisions (one also starts running that year) and
    # the Interreg project that runs from 2025 to 2028 without applying in 2026.
    assert {row.label: row.reasons for row, _cells in plan.context["rows"]} == {
        "Klimatilpasning i kystbyer": "Running",
        "Skolepartnerskap om leseglede": "Applying, Decision expected, Running",
        "Velferdsteknologi i hjemmetjenesten": "Applying, Decision expected",
    }
    for project in _bergen_projects():
        detail = client.get(
            reverse("projects:detail", kwargs={"organisation": "bergen", "pk": project.pk})
        )
        assert detail.status_code == 200 and not detail.context["missing_rate"]


def test_the_export_of_bergen_holds_its_projects(demo):
    tables = json.loads(_export("bergen"))["tables"]
    titles = {row["title"] for row in tables["projects.project"]}
    assert titles == set(_bergen_projects().values_list("title", flat=True))
    assert all(row["is_illustrative"] for row in tables["projects.project"])
    assert {row["programme"] for row in tables["projects.project"]} >= {
        "interreg-north-sea",
        "erasmus-plus",
        "horizon-europe",
    }
    assert len(tables["money.exchangerate"]) == 7
