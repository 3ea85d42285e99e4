import pytest
from django.urls import reverse

from utsyn.arenas.models import Arena, Assessment, Decision
from utsyn.audit.models import LogEntry
from utsyn.testing import AssessmentFactory


def _delete(client, world, arena):
    url = reverse("arenas:delete", kwargs={"organisation": world.slug, "pk": arena.pk})
    return client.post(url)


def test_deleting_an_arena_puts_it_and_its_assessments_in_the_bin(alpha, login):
    arena = alpha.published_arena
    client = login(alpha.administrator)
    assert _delete(client, alpha, arena).status_code == 302
    assert not Arena.objects.filter(pk=arena.pk).exists()
    assert not Assessment.objects.filter(arena_id=arena.pk).exists()
    entry = LogEntry.objects.get(action="deleted", object_id=arena.pk)
    assert entry.user == alpha.administrator
    bin_page = client.get(reverse("audit:bin", kwargs={"organisation": alpha.slug}))
    assert arena.name in bin_page.content.decode()


def test_restoring_brings_back_the_arena_with_its_assessments_decisions_and_links(alpha, login):
    arena = alpha.published_arena
    AssessmentFactory(arena=arena, organisation=alpha.organisation, summary="Second look")
    client = login(alpha.administrator)
    _delete(client, alpha, arena)
    entry = LogEntry.objects.get(action="deleted", object_id=arena.pk)
    url = reverse("audit:restore", kwargs={"organisation": alpha.slug, "pk": entry.pk})
    assert client.post(url).status_code == 302

    restored = Arena.objects.get(pk=arena.pk)
    assert restored.name == arena.name
    assert restored.responsible == alpha.member_of_executive
    assert list(restored.themes.all()) == [alpha.theme]
    assert Assessment.objects.filter(arena=restored).count() == 2
    assert Decision.objects.filter(arena=restored).count() == 1
    assert LogEntry.objects.filter(action="restored", object_id=arena.pk).exists()
    entry.refresh_from_db()
    assert entry.restored_at is not None
    # Restoring twice is not possible.
    assert client.post(url).status_code == 404


def test_a_restore_that_would_clash_is_refused_with_a_message(alpha, login):
    arena = alpha.unpublished_arena
    client = login(alpha.administrator)
    _delete(client, alpha, arena)
    Arena.objects.create(
        organisation=alpha.organisation, name=arena.name, kind="membership", status="active"
    )
    entry = LogEntry.objects.get(action="deleted", object_id=arena.pk)
    url = reverse("audit:restore", kwargs={"organisation": alpha.slug, "pk": entry.pk})
    response = client.post(url, follow=True, headers={"Accept-Language": "en"})
    assert "could not be restored" in response.content.decode()
    assert Arena.objects.filter(name=arena.name).count() == 1
    entry.refresh_from_db()
    assert entry.restored_at is None


def test_deleting_a_unit_keeps_the_arenas_and_restoring_relinks_them(alpha, login):
    client = login(alpha.administrator)
    unit = alpha.other_agency
    url = reverse("organisations:unit_delete", kwargs={"organisation": alpha.slug, "pk": unit.pk})
    assert client.post(url).status_code == 302
    alpha.others_arena.refresh_from_db()
    assert alpha.others_arena.operational_unit is None
    entry = LogEntry.objects.get(action="deleted", object_id=unit.pk, content_type__model="unit")
    client.post(reverse("audit:restore", kwargs={"organisation": alpha.slug, "pk": entry.pk}))
    alpha.others_arena.refresh_from_db()
    assert alpha.others_arena.operational_unit_id == unit.pk


def test_only_administrators_delete_and_restore(alpha, login):
    assert _delete(login(alpha.editor), alpha, alpha.published_arena).status_code == 403
    url = reverse("audit:restore", kwargs={"organisation": alpha.slug, "pk": alpha.bin_entry.pk})
    assert login(alpha.editor).post(url).status_code == 403
    assert Arena.objects.filter(pk=alpha.published_arena.pk).exists()


def test_log_entries_cannot_be_changed_or_deleted(alpha):
    entry = alpha.bin_entry
    entry.object_repr = "forged"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_the_history_page_lists_changes_for_administrators(alpha, login):
    response = login(alpha.administrator).get(
        reverse("audit:log", kwargs={"organisation": alpha.slug})
    )
    assert alpha.bin_entry.object_repr in response.content.decode()
