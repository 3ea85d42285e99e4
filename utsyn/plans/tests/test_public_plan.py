from django.urls import reverse

from utsyn.followup.models import TaskState
from utsyn.followup.services import approve


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"organisation": world.slug, **kwargs})


def _fill(update, text, note, state):
    update.status, update.progress, update.text, update.internal_note = "on_track", 50, text, note
    update.state = state
    update.save()


def test_the_published_plan_shows_approved_updates_only_and_never_internal_notes(alpha, client):
    _fill(alpha.update, "Approved public text", "Secret internal note", TaskState.SUBMITTED)
    approve(alpha.update, alpha.administrator)
    _fill(alpha.others_update, "Unapproved draft text", "Another secret", TaskState.DRAFT)
    response = client.get(_url("overview:public_plan", alpha, pk=alpha.plan.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Approved public text" in html and alpha.item.title in html
    assert "Unapproved draft text" not in html
    assert "Secret internal note" not in html and "Another secret" not in html
    assert "50 %" in html  # the approved status is now the item's


def test_the_published_plan_is_in_the_organisations_language_or_in_english(alpha, beta, client):
    swedish = client.get(
        _url("overview:public_plan", beta, pk=beta.plan.pk), headers={"Accept-Language": "en"}
    ).content.decode()
    assert '<html lang="sv">' in swedish and "Struktur och status" in swedish
    english = client.get(
        _url("overview:public_plan", beta, pk=beta.plan.pk) + "?language=en"
    ).content.decode()
    assert '<html lang="en">' in english and "Structure and status" in english


def test_unpublished_plans_are_not_public(alpha, client):
    url = _url("overview:public_plan", alpha, pk=alpha.unpublished_plan.pk)
    assert client.get(url).status_code == 404
    listing = client.get(_url("plans:public_list", alpha)).content.decode()
    assert alpha.plan.title in listing and alpha.unpublished_plan.title not in listing
    front = client.get(_url("overview:front_page", alpha)).content.decode()
    assert alpha.plan.title in front and alpha.unpublished_plan.title not in front
