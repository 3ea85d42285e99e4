import datetime

import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from utsyn.organisations.models import Membership, Role
from utsyn.testing import UserFactory

DUE = datetime.date(2027, 1, 31)  # the world's round is due then


def _at(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(6)), tick=False)


def _people(world):
    """E-mail addresses for the world's people, and a second editor of another unit."""
    for user in (world.editor, world.administrator, world.viewer):
        user.email = f"{user.username}@example.org"
        user.save()
    other = UserFactory(username=f"{world.slug}-other-editor", email="other@example.org")
    membership = Membership.objects.create(
        user=other, organisation=world.organisation, role=Role.EDITOR
    )
    membership.units.add(world.other_agency)
    return other


def _run(day):
    mail.outbox.clear()
    with _at(day):
        call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return sorted(address for message in mail.outbox for address in message.to)


def test_reminders_reach_the_right_people_at_the_right_times(alpha, beta):
    _people(alpha)
    assert _run(DUE - datetime.timedelta(days=8)) == []  # too early
    due_soon = _run(DUE - datetime.timedelta(days=7))
    assert due_soon == ["alpha-editor@example.org", "other@example.org"]
    assert "Measure 1" in next(m.body for m in mail.outbox if m.to == ["alpha-editor@example.org"])
    assert _run(DUE - datetime.timedelta(days=3)) == []  # once is enough before the due date
    # The editor submits; only the other unit is still behind when the date has passed.
    alpha.update.state = "submitted"
    alpha.update.save()
    alpha.arena_review.state = "submitted"
    alpha.arena_review.save()
    assert _run(DUE + datetime.timedelta(days=1)) == ["other@example.org"]
    assert mail.outbox[0].subject.startswith("Frist passert")  # in the organisation's bokmål
    assert "1 oppgave med frist 31.01.2027" in mail.outbox[0].subject
    assert _run(DUE + datetime.timedelta(days=4)) == []  # at most once a week
    assert _run(DUE + datetime.timedelta(days=8)) == ["other@example.org"]


def test_reminders_are_written_in_the_organisations_language(beta):
    _people(beta)
    _run(DUE - datetime.timedelta(days=2))
    message = next(m for m in mail.outbox if m.to == ["beta-editor@example.org"])
    assert "Hej" in message.body and "/beta/rounds/" in message.body


def test_tasks_of_no_unit_fall_to_the_coordinator_and_closed_rounds_are_quiet(alpha):
    _people(alpha)
    alpha.update.unit = None
    alpha.update.save()
    reminded = _run(DUE - datetime.timedelta(days=1))
    assert "alpha-administrator@example.org" in reminded
    assert "alpha-viewer@example.org" not in reminded
    from utsyn.followup.services import close_round

    close_round(alpha.round, alpha.administrator)
    assert _run(DUE + datetime.timedelta(days=10)) == []


def test_the_coordinator_sends_reminders_at_once(alpha, login):
    _people(alpha)
    mail.outbox.clear()
    response = login(alpha.administrator).post(
        reverse("followup:remind", kwargs={"organisation": alpha.slug, "pk": alpha.round.pk})
    )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["alpha-editor@example.org", "other@example.org"]
    assert alpha.round.reminders.filter(kind="manual").count() == 2
