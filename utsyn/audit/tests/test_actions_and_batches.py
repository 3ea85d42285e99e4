"""Named audit actions, the recording block, and batches undone in one step."""

import pytest
from django.urls import reverse

from utsyn.arenas.models import Arena, Theme
from utsyn.audit import actions
from utsyn.audit.models import LogEntry
from utsyn.audit.services import UndoError, batch, log_action, recording, undo_batch
from utsyn.followup.models import TaskState
from utsyn.followup.services import approve, close_round, return_task
from utsyn.testing import ArenaFactory

EN = {"Accept-Language": "en"}


def _actions_of(obj):
    return list(
        LogEntry.objects.filter(object_id=obj.pk, content_type__model=obj._meta.model_name)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_an_unregistered_action_is_refused(alpha):
    with pytest.raises(ValueError, match="Unregistered"):
        log_action("nobody.registered.this", alpha.theme, alpha.administrator)
    assert not LogEntry.objects.filter(action="nobody.registered.this").exists()


def test_registering_a_code_again_with_another_label_is_refused():
    with pytest.raises(ValueError):
        actions.register("created", "something else")


def test_an_old_entry_with_an_unknown_code_still_shows_its_code(alpha):
    entry = log_action(actions.CHANGED, alpha.theme, alpha.administrator)
    LogEntry.objects.filter(pk=entry.pk).update(action="removed.app.thing")
    assert LogEntry.objects.get(pk=entry.pk).get_action_display() == "removed.app.thing"


def test_approving_returning_and_closing_are_named_in_the_history(alpha, client):
    update = alpha.update
    update.state = TaskState.SUBMITTED
    update.save()
    approve(update, alpha.administrator)
    assert _actions_of(update)[-1] == "followup.update.approved"
    assert set(_actions_of(update.item)) <= {"followup.item.status_recorded"}
    others = alpha.others_update
    others.state = TaskState.SUBMITTED
    others.save()
    return_task(others, alpha.administrator, "Please add the dates.")
    assert _actions_of(others)[-1] == "followup.update.returned"
    review = alpha.arena_review
    review.state = TaskState.SUBMITTED
    review.save()
    approve(review, alpha.administrator)
    assert _actions_of(review)[-1] == "followup.review.approved"
    close_round(alpha.round, alpha.administrator)
    assert _actions_of(alpha.round)[-1] == "followup.round.closed"
    client.force_login(alpha.administrator)
    page = client.get(reverse("audit:log", kwargs={"organisation": alpha.slug}), headers=EN)
    text = page.content.decode()
    for label in ("approved", "returned", "closed"):
        assert f">{label}<" in text or f" {label} " in text, label


def test_recording_logs_what_changed_inside_the_block(alpha):
    theme = alpha.theme
    with recording(actions.CHANGED, theme, alpha.editor):
        theme.name = "Renamed theme"
        theme.save()
    entry = LogEntry.objects.filter(object_id=theme.pk, content_type__model="theme").first()
    assert entry.changes == {"name": ["Alpha kommune theme", "Renamed theme"]}
    assert entry.user == alpha.editor
    with recording(actions.CHANGED, theme, alpha.editor):
        theme.save()  # nothing changed: nothing logged
    assert _actions_of(theme) == ["changed"]


def _import(world):
    """A batch as an import makes it: one new arena, one renamed theme."""
    with batch(world.organisation, actions.IMPORTED, world.administrator, "test file") as done:
        arena = ArenaFactory(organisation=world.organisation, name="Imported network")
        log_action(actions.CREATED, arena, world.administrator)
        theme = world.theme
        with recording(actions.CHANGED, theme, world.administrator):
            theme.name = "Imported theme name"
            theme.save()
    return done, arena


def test_a_batch_is_undone_in_one_step(alpha):
    done, arena = _import(alpha)
    assert done.entries.count() == 2
    undo_batch(done, alpha.administrator)
    assert not Arena.objects.filter(pk=arena.pk).exists()  # in the bin, restorable
    assert LogEntry.objects.get(object_id=arena.pk, action="deleted").in_bin
    assert Theme.objects.get(pk=alpha.theme.pk).name == "Alpha kommune theme"
    assert _actions_of(alpha.theme)[-1] == "undone"
    done.refresh_from_db()
    assert done.undone_at is not None and done.undone_by == alpha.administrator
    with pytest.raises(UndoError):
        undo_batch(done, alpha.administrator)


def test_a_batch_changed_afterwards_is_not_undone_and_nothing_changes(alpha):
    done, arena = _import(alpha)
    theme = Theme.objects.get(pk=alpha.theme.pk)
    with recording(actions.CHANGED, theme, alpha.editor):
        theme.name = "Changed by hand afterwards"
        theme.save()
    with pytest.raises(UndoError, match="changed afterwards"):
        undo_batch(done, alpha.administrator)
    assert Arena.objects.filter(pk=arena.pk).exists()
    assert Theme.objects.get(pk=theme.pk).name == "Changed by hand afterwards"
    done.refresh_from_db()
    assert done.undone_at is None
