"""Every delete page is the one confirm-and-bin page: it asks, tells what goes along, and
moves the object to the bin; a model that cannot be deleted now says why, the same way
everywhere, and a POST then deletes nothing (409).

The delete pages are found in the URLconf (every name ending in "delete" or "remove"); a new
one without an object in `test_bin_every_kind.DELETES` fails the first test.
"""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from utsyn.arenas.models import Decision
from utsyn.audit.models import LogEntry
from utsyn.audit.tests.test_bin_every_kind import DELETES
from utsyn.core.deletion import refused_for
from utsyn.core.tests.test_isolation import _url
from utsyn.core.tests.test_list_pages import _url_names
from utsyn.organisations.models import Membership, Unit
from utsyn.plans.models import PlanItem
from utsyn.projects.models import FundingProgramme, Project
from utsyn.projects.tests.util import make_project
from utsyn.testing import DecisionFactory

TEMPLATE = "audit/confirm_delete.html"
DELETE_BUTTON = 'class="button button--danger"'
ENGLISH = {"Accept-Language": "en"}


def _delete_pages():
    return {name for name in _url_names().values() if re.search(r"(delete|remove)$", name)}


def _page(world, name, **kwargs):
    return reverse(name, kwargs={"organisation": world.slug, **kwargs})


def test_every_delete_page_of_the_urlconf_has_an_object_to_delete():
    assert _delete_pages() == set(DELETES)


def _deleted_entry(obj):
    return LogEntry.objects.filter(
        action="deleted",
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
    )


@pytest.mark.parametrize("name", sorted(DELETES))
def test_a_delete_page_asks_on_the_one_template_and_moves_the_object_to_the_bin(name, alpha, login):
    obj = DELETES[name](alpha)
    client = login(alpha.administrator)
    url = _url(name, alpha)
    response = client.get(url, headers=ENGLISH)
    assert response.status_code == 200
    assert [template.name for template in response.templates][0] == TEMPLATE
    assert DELETE_BUTTON in response.content.decode()
    assert "Cancel" in response.content.decode()

    response = client.post(url, follow=True, headers=ENGLISH)
    assert response.redirect_chain[0][1] == 302
    assert not type(obj)._base_manager.filter(pk=obj.pk).exists()
    assert _deleted_entry(obj).get().in_bin
    assert "was moved to the bin." in response.content.decode()


def _programme_named_by_projects(w):
    make_project(w, title="Uses it", programme=w.programme)
    make_project(w, title="Uses it too", programme=w.programme)
    return "projects:programme_delete", w.programme, "It cannot be deleted: 2 projects name it."


def _programme_with_parts(w):
    FundingProgramme.objects.create(
        organisation=w.organisation, name="Strand A", kind="other", parent=w.programme
    )
    reason = "It cannot be deleted: other programmes are placed under it."
    return "projects:programme_delete", w.programme, reason


def _unit_with_sub_units(w):
    return "organisations:unit_delete", w.council, "other units are placed under it."


def _unit_that_made_a_decision(w):
    DecisionFactory(arena=w.others_arena, organisation=w.organisation, body=w.agency)
    reason = "It cannot be deleted while 1 decision refers to it."
    return "organisations:unit_delete", w.agency, reason


def _last_administrator(w):
    membership = Membership.objects.get(user=w.administrator)
    reason = "The organisation must keep at least one administrator."
    return "organisations:member_remove", membership, reason


@pytest.mark.parametrize(
    "refusal",
    [
        _programme_named_by_projects,
        _programme_with_parts,
        _unit_with_sub_units,
        _unit_that_made_a_decision,
        _last_administrator,
    ],
)
def test_what_cannot_be_deleted_now_says_why_and_stays(refusal, alpha, login):
    name, obj, reason = refusal(alpha)
    client = login(alpha.administrator)
    url = _page(alpha, name, pk=obj.pk)
    page = client.get(url, headers=ENGLISH)
    assert page.status_code == 200
    assert [template.name for template in page.templates][0] == TEMPLATE
    text = page.content.decode()
    assert reason in text
    assert 'role="alert"' in text
    assert DELETE_BUTTON not in text

    refused = client.post(url, headers=ENGLISH)
    assert refused.status_code == 409
    assert reason in refused.content.decode()
    assert type(obj)._base_manager.filter(pk=obj.pk).exists()
    assert not _deleted_entry(obj).exists()


def test_a_unit_responsible_for_items_is_deleted_and_they_only_lose_it(alpha, login):
    client = login(alpha.administrator)
    url = _url("organisations:unit_delete", alpha)  # the other agency, responsible for an item
    page = client.get(url, headers=ENGLISH).content.decode()
    assert "These stay, without their reference to it:" in page
    assert "1 plan item" in page
    assert client.post(url).status_code == 302
    assert not Unit.objects.filter(pk=alpha.other_agency.pk).exists()
    assert PlanItem.objects.get(pk=alpha.others_item.pk).responsible_unit is None


def test_the_page_lists_what_goes_to_the_bin_along(alpha, login):
    page = login(alpha.administrator).get(_url("indicators:delete", alpha), headers=ENGLISH)
    text = page.content.decode()
    assert "It goes to the bin with everything that belongs to it." in text
    assert "<li>1 target value</li>" in text
    assert "<li>1 observed value</li>" in text


def test_a_reference_made_after_the_check_still_stops_the_deletion(alpha, login, monkeypatch):
    # The database's own refusal is the last guard: the page then says why, as always.
    monkeypatch.setattr(Unit, "deletion_blocker", lambda unit: None)
    DecisionFactory(arena=alpha.others_arena, organisation=alpha.organisation, body=alpha.agency)
    url = _page(alpha, "organisations:unit_delete", pk=alpha.agency.pk)
    response = login(alpha.administrator).post(url, headers=ENGLISH)
    assert response.status_code == 409
    assert "It cannot be deleted while 1 decision refers to it." in response.content.decode()
    assert Unit.objects.filter(pk=alpha.agency.pk).exists()
    assert not _deleted_entry(alpha.agency).exists()


def test_several_kinds_of_references_are_listed_in_one_sentence():
    with translation.override("en"):
        assert refused_for({Project: 2, Decision: 1}) == (
            "It cannot be deleted while these refer to it: 2 projects, 1 decision."
        )
