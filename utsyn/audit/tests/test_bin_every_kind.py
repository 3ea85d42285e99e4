"""Every kind of object that can be deleted goes to the bin and comes back with everything
that went with it; only administrators restore.

`DELETES` lists every delete page; a new one without an entry fails the first test.
"""

import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import escape

from utsyn.audit.models import LogEntry
from utsyn.core.tests.test_isolation import COVERAGE, _url
from utsyn.organisations.models import Membership

# URL name -> the object the page deletes (the one COVERAGE fills the URL in with).
DELETES = {
    "organisations:unit_delete": lambda w: w.other_agency,
    "organisations:person_delete": lambda w: w.person,
    "organisations:member_remove": lambda w: w.editor_membership,
    "arenas:delete": lambda w: w.unpublished_arena,
    "plans:delete": lambda w: w.unpublished_plan,
    "plans:role_delete": lambda w: w.plan_role,
    "plans:item_delete": lambda w: w.others_item,
    "indicators:delete": lambda w: w.indicator,
    "indicators:target_delete": lambda w: w.indicator_target,
    "indicators:value_delete": lambda w: w.indicator_value,
    "projects:delete": lambda w: w.project,
    "projects:partner_delete": lambda w: w.project_partner,
    "projects:document_delete": lambda w: w.project_document,
    "projects:programme_delete": lambda w: w.programme,
    "projects:rate_delete": lambda w: w.exchange_rate,
    "activities:delete": lambda w: w.activity,
    "activities:participant_delete": lambda w: w.participant,
    "activities:cost_delete": lambda w: w.cost,
    "activities:request_delete": lambda w: w.delegation_request,
    "activities:programme_item_delete": lambda w: w.programme_item,
}


def test_every_delete_page_is_tested_here():
    pages = {name for name in COVERAGE if re.search(r"[:_](delete|remove)$", name)}
    assert pages == set(DELETES)


def _everything():
    """Every row of every Utsyn table and many-to-many table, except the log."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if _ours(model) and model is not LogEntry
    }


def _ours(model):
    owner = model._meta.auto_created or model  # a many-to-many table: the model that has it
    return owner.__module__.startswith("utsyn.")


@pytest.fixture
def linked(alpha):
    """The world with links between its rows, so that deleting breaks some and restoring must
    put them back: many-to-many links, and references that deleting sets to nothing."""
    w = alpha
    w.unpublished_arena.contact_persons.add(w.person)
    w.unpublished_arena.sdg_goals.add(11)
    w.unpublished_arena.sdg_targets.add("11.3")
    w.others_item.collaborating_units.add(w.agency, w.other_agency)
    w.others_item.contact_persons.add(w.person)
    w.others_item.arenas.add(w.unpublished_arena)
    w.others_item.sdg_goals.add(11)
    w.item.serves.add(w.others_item)
    w.indicator.items.add(w.others_item)
    w.delegation_request.plan_items.add(w.others_item)
    w.activity.plan_items.add(w.others_item)
    w.activity.delegation_request = w.delegation_request
    w.activity.save()
    w.project.plan_items.add(w.others_item)
    w.project.arenas.add(w.unpublished_arena)
    w.editor_membership.units.add(w.other_agency)
    w.plan.implements = w.unpublished_plan
    w.plan.save()
    return w


@pytest.mark.parametrize("name", sorted(DELETES))
def test_deleting_moves_to_the_bin_and_the_administrator_restores_everything(name, linked, login):
    alpha = linked
    obj = DELETES[name](alpha)
    model = type(obj)
    before = _everything()
    admin = login(alpha.administrator)
    url = _url(name, alpha)
    assert admin.get(url).status_code == 200
    assert admin.post(url).status_code == 302
    assert not model._base_manager.filter(pk=obj.pk).exists()
    assert _everything() != before
    entry = LogEntry.objects.get(
        action="deleted",
        content_type=ContentType.objects.get_for_model(model),
        object_id=obj.pk,
    )
    assert entry.user == alpha.administrator
    bin_page = admin.get(reverse("audit:bin", kwargs={"organisation": alpha.slug}))
    assert escape(entry.object_repr) in bin_page.content.decode()

    restore = reverse("audit:restore", kwargs={"organisation": alpha.slug, "pk": entry.pk})
    for user in (alpha.editor, alpha.viewer):
        if Membership.objects.filter(user=user).exists():  # not the one just removed
            assert login(user).post(restore).status_code == 403
    assert not model._base_manager.filter(pk=obj.pk).exists()

    admin = login(alpha.administrator)
    assert admin.post(restore).status_code == 302
    assert _everything() == before  # the object, its dependent rows and links, as they were
    entry.refresh_from_db()
    assert entry.restored_at is not None
    assert LogEntry.objects.filter(action="restored", object_id=obj.pk).exists()
    bin_page = admin.get(reverse("audit:bin", kwargs={"organisation": alpha.slug}))
    assert restore not in bin_page.content.decode()
    if name == "projects:document_delete":  # the stored file was kept for the restore
        download = _url("projects:document_download", alpha)
        assert b"".join(admin.get(download).streaming_content) == b"%PDF-1.4 test"
