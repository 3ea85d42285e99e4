from decimal import Decimal
from html import unescape

import pytest

from utsyn.audit.models import LogEntry
from utsyn.projects.models import Project

from .util import get, make_project, post, project_data, shared, url


def _created(world, title="Green harbours"):
    return Project.objects.filter(organisation=world.organisation, title=title).first()


def test_the_administrator_creates_a_project_with_every_link_and_it_is_logged(alpha, login):
    client = login(alpha.administrator)
    response = post(client, "create", alpha, project_data(alpha))
    project = _created(alpha)
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == url("detail", alpha, pk=project.pk)
    assert project.programme == shared("interreg-north-sea")
    assert project.total_budget == Decimal("500000")
    assert list(project.plan_items.all()) == [alpha.item]
    assert list(project.arenas.all()) == [alpha.published_arena]
    assert list(project.contact_persons.all()) == [alpha.person]
    assert list(project.sdg_goals.values_list("number", flat=True)) == [13, 14]
    assert list(project.sdg_targets.values_list("code", flat=True)) == ["14.1"]
    entry = LogEntry.objects.get(object_id=project.pk, action=LogEntry.Action.CREATED)
    assert entry.user == alpha.administrator and entry.changes["title"] == [None, project.title]


def test_the_whole_projects_budget_is_saved_beside_ours_and_shown(alpha, login):
    client = login(alpha.administrator)
    data = project_data(alpha, project_budget="2000000", total_budget="500000")
    assert post(client, "create", alpha, data).status_code == 302
    project = _created(alpha)
    assert (project.project_budget, project.total_budget) == (Decimal(2000000), Decimal(500000))
    entry = LogEntry.objects.get(object_id=project.pk, action=LogEntry.Action.CREATED)
    assert entry.changes["project_budget"] == [None, "2000000.00"]
    detail = get(client, "detail", alpha, pk=project.pk)
    amounts = {str(label): rest for label, *rest in detail.context["amounts"]}
    # 2 000 000 EUR at the 2027 rate of 11.5 (the project starts in 2027).
    assert amounts["whole project's budget"] == [Decimal(2000000), Decimal(23000000)]
    assert amounts["our budget"] == [Decimal(500000), Decimal(5750000)]
    html = detail.content.decode().replace("\u00a0", " ")
    assert "Whole project&#x27;s budget" in html and "Our budget" in html
    assert "23,000,000" in html


def test_the_form_offers_the_reporting_currency_and_programmes_in_tree_order(alpha, beta, login):
    response = get(login(alpha.administrator), "create", alpha)
    form = response.context["form"]
    assert form.initial["currency"] == "NOK"
    labels = [label for _value, label in form.fields["programme"].choices]
    strand = "– Interreg B – transnational cooperation"
    assert labels.index("Interreg") < labels.index(strand) < labels.index("– – Interreg North Sea")
    assert alpha.programme.name in " ".join(labels)
    assert beta.programme.name not in " ".join(labels)
    assert get(login(beta.administrator), "create", beta).context["form"].initial["currency"] == (
        "SEK"
    )


def test_editing_logs_what_changed(alpha, login):
    client = login(alpha.administrator)
    data = project_data(alpha, title=alpha.project.title, status="granted", currency="EUR")
    response = post(client, "edit", alpha, data, pk=alpha.project.pk)
    assert response.status_code == 302
    alpha.project.refresh_from_db()
    assert alpha.project.status == "granted"
    entry = LogEntry.objects.filter(object_id=alpha.project.pk).latest("pk")
    assert entry.action == LogEntry.Action.CHANGED
    assert entry.changes["status"] == ["Running", "Granted"]


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"end_date": "2026-01-01"}, "end_date", "The end cannot be before the start."),
        (
            {"decision_expected": "2027-01-01"},
            "decision_expected",
            "The decision cannot be expected before the application deadline.",
        ),
        ({"grant_amount": "-5"}, "grant_amount", "An amount cannot be negative."),
        ({"total_budget": "-1"}, "total_budget", "An amount cannot be negative."),
        ({"currency": "XYZ"}, "currency", "Select a valid choice. XYZ is not one of"),
        ({"currency": ""}, "currency", "This field is required."),
        (
            {"grant_amount": "400000", "own_contribution": "200000"},
            "__all__",
            "The grant (400,000) and the own contribution (200,000) add up to 600,000, "
            "more than our budget (500,000).",
        ),
        ({"grant_amount": "600000", "own_contribution": ""}, "__all__", "more than our budget"),
        (
            {"project_budget": "400000"},
            "project_budget",
            "The whole project's budget (400,000) cannot be smaller than our budget (500,000), "
            "which is part of it.",
        ),
        (
            {"project_budget": "450000", "total_budget": "", "own_contribution": "200000"},
            "__all__",
            "add up to 500,000, more than the whole project's budget (450,000).",
        ),
        ({"project_budget": "-1"}, "project_budget", "An amount cannot be negative."),
        ({"project_budget": "1e20"}, "project_budget", "no more than 14 digits"),
        ({"total_budget": "lots"}, "total_budget", "Enter a number."),
        ({"planned_application_year": "1200"}, "planned_application_year", "between 1990 and 2100"),
        ({"sdg_targets": "14.99"}, "sdg_targets", "Unknown SDG target"),
        ({"title": ""}, "title", "This field is required."),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(
    overrides, field, message, alpha, login
):
    client = login(alpha.administrator)
    before = (Project.objects.count(), LogEntry.objects.count())
    response = post(client, "create", alpha, project_data(alpha, **overrides))
    assert response.status_code == 400
    errors = [error.replace("\u00a0", " ") for error in response.context["form"].errors[field]]
    assert any(message in error for error in errors)
    assert message in unescape(response.content.decode()).replace("\u00a0", " ")
    assert (Project.objects.count(), LogEntry.objects.count()) == before


def test_the_title_is_unique_within_the_organisation_only(alpha, beta, login):
    response = post(
        login(alpha.administrator), "create", alpha, project_data(alpha, title=alpha.project.title)
    )
    assert response.status_code == 400
    assert response.context["form"].errors["title"] == [
        "This organisation already has a project with that title."
    ]
    response = post(
        login(beta.administrator), "create", beta, project_data(beta, title=alpha.project.title)
    )
    assert response.status_code == 302


def test_another_organisations_units_items_arenas_and_programmes_are_refused(alpha, beta, login):
    client = login(alpha.administrator)
    for name, value in [
        ("responsible_unit", beta.agency.pk),
        ("plan_items", [beta.item.pk]),
        ("arenas", [beta.published_arena.pk]),
        ("contact_persons", [beta.person.pk]),
        ("programme", beta.programme.pk),
    ]:
        response = post(client, "create", alpha, project_data(alpha, **{name: value}))
        assert response.status_code == 400
        assert name in response.context["form"].errors
    assert not Project.objects.filter(title="Green harbours").exists()


def test_an_own_programme_can_be_chosen(alpha, login):
    response = post(
        login(alpha.administrator),
        "create",
        alpha,
        project_data(alpha, programme=alpha.programme.pk),
    )
    assert response.status_code == 302
    assert _created(alpha).programme == alpha.programme


def test_saving_without_a_rate_warns_but_saves(alpha, login):
    client = login(alpha.administrator)
    response = client.post(
        url("create", alpha),
        project_data(alpha, currency="SEK"),
        follow=True,
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert _created(alpha).currency == "SEK"
    messages = [str(message) for message in response.context["messages"]]
    assert any("No exchange rate for SEK in 2027" in message for message in messages)


# ---------------------------------------------------------------------------- permissions


def test_a_viewer_reads_but_cannot_create_change_or_delete(alpha, login):
    client = login(alpha.viewer)
    assert get(client, "list", alpha).status_code == 200
    detail = get(client, "detail", alpha, pk=alpha.project.pk)
    assert detail.status_code == 200
    assert url("edit", alpha, pk=alpha.project.pk) not in detail.content.decode()
    assert get(client, "create", alpha).status_code == 403
    assert post(client, "create", alpha, project_data(alpha)).status_code == 403
    assert get(client, "edit", alpha, pk=alpha.project.pk).status_code == 403
    assert post(client, "delete", alpha, {}, pk=alpha.project.pk).status_code == 403
    assert not _created(alpha)


def test_an_editor_changes_the_projects_of_the_units_he_looks_after_only(alpha, login):
    client = login(alpha.editor)
    # The editor is attached to the member of the executive; the agency is below it.
    own = alpha.project
    other = make_project(alpha, title="Other unit's project", responsible_unit=alpha.other_agency)
    assert get(client, "edit", alpha, pk=own.pk).status_code == 200
    response = post(client, "edit", alpha, project_data(alpha, title=own.title), pk=own.pk)
    assert response.status_code == 302
    assert get(client, "edit", alpha, pk=other.pk).status_code == 403
    assert post(client, "edit", alpha, project_data(alpha), pk=other.pk).status_code == 403
    assert get(client, "partner_create", alpha, project_pk=other.pk).status_code == 403
    assert get(client, "document_create", alpha, project_pk=other.pk).status_code == 403
    assert get(client, "delete", alpha, pk=own.pk).status_code == 403


def test_an_editor_creates_projects_only_for_the_units_he_looks_after(alpha, login):
    client = login(alpha.editor)
    form = get(client, "create", alpha).context["form"]
    offered = set(form.fields["responsible_unit"].queryset)
    assert offered == {alpha.member_of_executive, alpha.agency}
    refused = post(
        client, "create", alpha, project_data(alpha, responsible_unit=alpha.other_agency.pk)
    )
    assert refused.status_code == 400 and "responsible_unit" in refused.context["form"].errors
    without = post(client, "create", alpha, project_data(alpha, responsible_unit=""))
    assert without.status_code == 400 and "responsible_unit" in without.context["form"].errors
    assert post(client, "create", alpha, project_data(alpha)).status_code == 302


def test_another_organisation_gets_404(alpha, beta, login):
    client = login(beta.administrator)
    assert get(client, "list", alpha).status_code == 404
    assert get(client, "detail", alpha, pk=alpha.project.pk).status_code == 404
    assert get(login(alpha.administrator), "detail", alpha, pk=beta.project.pk).status_code == 404


def test_delete_moves_the_project_with_partners_and_documents_to_the_bin(alpha, login):
    client = login(alpha.administrator)
    project = alpha.project
    assert get(client, "delete", alpha, pk=project.pk).status_code == 200
    response = post(client, "delete", alpha, {}, pk=project.pk)
    assert response.status_code == 302
    assert not Project.objects.filter(pk=project.pk).exists()
    assert not project.partners.exists()
    entry = LogEntry.objects.get(object_id=project.pk, action=LogEntry.Action.DELETED)
    models = {row["model"] for row in entry.snapshot["rows"]}
    assert {"projects.project", "projects.projectpartner", "projects.projectdocument"} <= models

    restore = client.post(reverse_restore(alpha, entry.pk), headers={"Accept-Language": "en"})
    assert restore.status_code == 302
    restored = Project.objects.get(pk=project.pk)
    assert restored.partners.count() == 1 and restored.documents.count() == 1
    assert restored.programme == shared("interreg-north-sea")


def reverse_restore(world, pk):
    from django.urls import reverse

    return reverse("audit:restore", kwargs={"organisation": world.slug, "pk": pk})
