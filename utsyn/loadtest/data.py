"""The people and the open round the load test drives, made in an organisation of the demo.

Each load editor is attached to a unit of his or her own, responsible for the measures of one
plan of its own, so that no two simulated editors ever fill in the same task. One open round
covers those plans, with enough tasks that editors who submit through a whole run never run
out. Readers are viewers of the organisation. Everything is matched on its name, so preparing
again changes nothing; `make load` prepares a fresh database for every run anyway.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_scopes import scope

from utsyn.followup.models import Round
from utsyn.followup.services import sync_tasks
from utsyn.organisations.models import Membership, Organisation, Role, Unit
from utsyn.plans.models import FollowUpStatus, Plan, PlanItem

LOAD_PASSWORD = "utsyn-load-test"  # noqa: S105 – the accounts exist only in load-test databases
ROUND_NAME = "Lasttest"
EDITORS = 12
READERS = 24
TASKS_PER_EDITOR = 30


@transaction.atomic
def prepare(slug="bergen", editors=EDITORS, readers=READERS, tasks_per_editor=TASKS_PER_EDITOR):
    """Makes (or finds) the load test's accounts and round; returns what the locustfile needs."""
    organisation = Organisation.objects.get(slug=slug)
    # One hash for all: each password check still costs what a real login costs.
    password = make_password(LOAD_PASSWORD)
    with scope(organisation=organisation):
        plans, editor_names = [], []
        for number in range(1, editors + 1):
            unit, _ = Unit.objects.get_or_create(
                organisation=organisation,
                name=f"Lasttest-enhet {number:02}",
                defaults={"kind": Unit.Kind.OFFICE},
            )
            plans.append(_plan(organisation, number, unit, tasks_per_editor))
            user = _user(f"load-editor-{number:02}", password)
            membership, _ = Membership.objects.update_or_create(
                user=user, organisation=organisation, defaults={"role": Role.EDITOR}
            )
            membership.units.set([unit])
            editor_names.append(user.username)
        reader_names = []
        for number in range(1, readers + 1):
            user = _user(f"load-reader-{number:02}", password)
            Membership.objects.update_or_create(
                user=user, organisation=organisation, defaults={"role": Role.VIEWER}
            )
            reader_names.append(user.username)
        round_ = _round(organisation, plans)
    return {
        "organisation": slug,
        "round": round_.pk,
        "editors": editor_names,
        "readers": reader_names,
        "password": LOAD_PASSWORD,
    }


def _plan(organisation, number, unit, tasks):
    plan, _ = Plan.objects.get_or_create(
        organisation=organisation,
        title=f"Lasttest-plan {number:02}",
        defaults={
            "type": Plan.Type.ACTION_PLAN,
            "status": Plan.Status.ADOPTED,
            "level_names": "Tiltak",
            "description": "Invented for the load test.",
        },
    )
    existing = set(plan.items.values_list("identifier", flat=True))
    PlanItem.objects.bulk_create(
        PlanItem(
            organisation=organisation,
            plan=plan,
            position=position,
            identifier=f"L{number:02}-{position:02}",
            title=f"Lasttest-tiltak {position}",
            responsible_unit=unit,
            status=FollowUpStatus.ON_TRACK,
            progress=10,
        )
        for position in range(1, tasks + 1)
        if f"L{number:02}-{position:02}" not in existing
    )
    return plan


def _user(username, password):
    user, _ = get_user_model().objects.update_or_create(
        username=username, defaults={"password": password, "first_name": "Last", "last_name": ""}
    )
    return user


def _round(organisation, plans):
    year = datetime.date.today().year
    round_, _ = Round.objects.get_or_create(
        organisation=organisation,
        name=ROUND_NAME,
        defaults={
            "period_kind": Round.PeriodKind.YEAR,
            "period_start": datetime.date(year, 1, 1),
            "period_end": datetime.date(year, 12, 31),
            "due_date": datetime.date(year + 1, 1, 31),
            "instructions": "Invented for the load test.",
            "is_illustrative": True,
        },
    )
    if round_.is_open:
        round_.plans.add(*plans)
        sync_tasks(round_)
    return round_
