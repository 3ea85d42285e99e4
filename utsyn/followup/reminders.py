"""Who is reminded of a round's outstanding tasks, and when.

The `send_reminders` command runs once a day (cron or a systemd timer). For each open round it
sends one "due soon" reminder in the days before the due date, and "overdue" reminders after
it, at most one a week. A reminder goes to the editors of every unit that still owes a task;
tasks of no unit fall to the organisation's administrators. Each sent reminder is recorded, so
running the command twice on the same day sends nothing new.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scope, scopes_disabled

from utsyn.organisations.models import Membership, Role
from utsyn.organisations.permissions import unit_children, units_with_those_below

from .models import OUTSTANDING_STATES, Reminder, Round

OVERDUE_INTERVAL = datetime.timedelta(days=7)


def reminder_kind(round_, today):
    """Which reminder, if any, the round calls for today."""
    days_left = (round_.due_date - today).days
    if 0 <= days_left <= settings.UTSYN_REMINDER_DAYS_BEFORE:
        return Reminder.Kind.UPCOMING
    if days_left < 0:
        return Reminder.Kind.OVERDUE
    return None


def outstanding_by_user(round_):
    """{user: [outstanding tasks]} for the people who should act on them."""
    tasks = [
        *round_.item_updates.filter(state__in=OUTSTANDING_STATES).select_related("item", "unit"),
        *round_.arena_reviews.filter(state__in=OUTSTANDING_STATES).select_related("arena", "unit"),
    ]
    if not tasks:
        return {}
    memberships = Membership.objects.filter(organisation=round_.organisation_id).select_related(
        "user"
    )
    editors = [m for m in memberships if m.role == Role.EDITOR and m.user.is_active]
    administrators = [m.user for m in memberships if m.role == Role.ADMINISTRATOR]
    covered = _covered_units(round_.organisation_id, editors)
    result = {}
    for task in tasks:
        if task.unit_id is None:
            people = administrators
        else:
            people = [m.user for m in editors if task.unit_id in covered[m.pk]]
        for user in people:
            result.setdefault(user, []).append(task)
    return result


def _covered_units(organisation_id, editors):
    """Each editor's units and every unit below them, as in the permission rules."""
    children = unit_children(organisation_id)
    attached = {}
    through = Membership.units.through.objects.filter(membership__in=[m.pk for m in editors])
    for membership_id, unit_id in through.values_list("membership_id", "unit_id"):
        attached.setdefault(membership_id, []).append(unit_id)
    return {m.pk: units_with_those_below(attached.get(m.pk, []), children) for m in editors}


def _already_reminded(round_, user, kind, today):
    sent = Reminder.objects.filter(round=round_, user=user, kind=kind)
    if kind == Reminder.Kind.OVERDUE:
        sent = sent.filter(sent_on__gt=today - OVERDUE_INTERVAL)
    return sent.exists()


def send_round_reminders(round_, kind, today, only_new=True):
    """E-mails everyone who owes the round something; returns the users reminded."""
    reminded = []
    for user, tasks in outstanding_by_user(round_).items():
        if not user.email or (only_new and _already_reminded(round_, user, kind, today)):
            continue
        with transaction.atomic():
            _send(round_, user, tasks, kind)
            Reminder.objects.create(
                organisation_id=round_.organisation_id,
                round=round_,
                user=user,
                kind=kind,
                sent_on=today,
            )
        reminded.append(user)
    return reminded


def _send(round_, user, tasks, kind):
    organisation = round_.organisation
    path = reverse("followup:todo", args=[organisation.slug, round_.pk])
    with translation.override(organisation.language):
        context = {
            "round": round_,
            "user": user,
            "tasks": tasks,
            "kind": kind,
            "url": settings.UTSYN_BASE_URL.rstrip("/") + path,
            "organisation": organisation,
        }
        subject = ngettext(
            "%(round)s: %(count)d task due on %(date)s",
            "%(round)s: %(count)d tasks due on %(date)s",
            len(tasks),
        ) % {
            "round": round_.name,
            "count": len(tasks),
            "date": round_.due_date.strftime("%d.%m.%Y"),
        }
        if kind == Reminder.Kind.OVERDUE:
            subject = _("Overdue – %(subject)s") % {"subject": subject}
        body = render_to_string("followup/reminder_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def send_due_reminders(today):
    """What the daily command does, over every organisation. Returns (round, users) pairs."""
    sent = []
    with scopes_disabled():
        rounds = list(Round.objects.filter(status=Round.Status.OPEN).select_related("organisation"))
    for round_ in rounds:
        kind = reminder_kind(round_, today)
        if kind is None:
            continue
        with scope(organisation=round_.organisation):
            sent.append((round_, send_round_reminders(round_, kind, today)))
    return sent
