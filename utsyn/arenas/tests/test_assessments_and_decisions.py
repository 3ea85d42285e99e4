from django.urls import reverse

from utsyn.arenas.models import Assessment, Decision
from utsyn.audit.models import LogEntry


def _url(name, world, arena, **kwargs):
    return reverse(
        f"arenas:{name}", kwargs={"organisation": world.slug, "arena_pk": arena.pk, **kwargs}
    )


ASSESSMENT = {
    "assessed_on": "2025-03-01",
    "participation": "active",
    "participation_text": "Takes part in every forum.",
    "learning": "high",
    "influence": "medium",
    "summary": "Valuable.",
    "recommendation": "strengthen",
}


def test_a_responsible_editor_records_an_assessment_shown_as_the_latest(alpha, login):
    client = login(alpha.editor)
    arena = alpha.published_arena
    response = client.post(_url("assessment_create", alpha, arena), ASSESSMENT)
    assert response.status_code == 302
    latest = Assessment.objects.filter(arena=arena).order_by("-assessed_on").first()
    assert latest.recommendation == "strengthen"
    assert latest.organisation == alpha.organisation
    page = client.get(
        reverse("arenas:detail", kwargs={"organisation": alpha.slug, "pk": arena.pk}),
        headers={"Accept-Language": "en"},
    )
    assert page.context["latest_assessment"] == latest
    assert "Continue and strengthen" in page.content.decode()
    # The assessment's creation shows in the arena's history.
    assert LogEntry.objects.filter(
        action="created", content_type__model="assessment", subject_id=arena.pk
    ).exists()
    assert any(entry.object_id == latest.pk for entry in page.context["history"])


def test_an_assessment_needs_a_date_and_a_recommendation(alpha, login):
    before = Assessment.objects.count()
    response = login(alpha.editor).post(
        _url("assessment_create", alpha, alpha.published_arena),
        {"summary": "No date"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"assessed_on", "recommendation"}
    assert Assessment.objects.count() == before


def test_editors_cannot_assess_other_units_arenas(alpha, login):
    url = _url("assessment_create", alpha, alpha.others_arena)
    assert login(alpha.editor).post(url, ASSESSMENT).status_code == 403


def test_an_assessment_of_another_arena_cannot_be_edited_through_this_one(alpha, login):
    url = _url("assessment_edit", alpha, alpha.unpublished_arena, pk=alpha.assessment.pk)
    assert login(alpha.administrator).get(url).status_code == 404


def test_the_administrator_records_a_council_decision(alpha, login):
    arena = alpha.unpublished_arena
    data = {
        "body": alpha.council.pk,
        "decided_on": "2021-06-16",
        "case_reference": "sak 173/21",
        "outcome": "leave",
        "text": "The council decided to leave.",
    }
    assert (
        login(alpha.administrator).post(_url("decision_create", alpha, arena), data).status_code
        == 302
    )
    decision = Decision.objects.get(arena=arena)
    assert decision.case_reference == "sak 173/21"
    listing = login(alpha.viewer).get(
        reverse("arenas:list", kwargs={"organisation": alpha.slug}), {"decision": "leave"}
    )
    assert arena in [row_arena for row_arena, _cells in listing.context["rows"]]


def test_decisions_are_made_by_political_bodies_only_and_not_by_editors(alpha, login):
    arena = alpha.published_arena
    data = {"body": alpha.agency.pk, "outcome": "leave"}
    response = login(alpha.administrator).post(_url("decision_create", alpha, arena), data)
    assert response.status_code == 400
    assert "body" in response.context["form"].errors
    data["body"] = alpha.council.pk
    assert login(alpha.editor).post(_url("decision_create", alpha, arena), data).status_code == 403
