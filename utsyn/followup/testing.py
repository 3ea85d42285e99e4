"""Test data of the follow-up app: open rounds, as fixtures built when a test asks for them;
and many rows at once, for the list pages' query counts."""

import datetime

import factory
import pytest

from utsyn.organisations.testing import OrganisationFactory

from .models import ArenaReview, ItemUpdate, Round
from .services import sync_tasks


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Round {n}")
    period_kind = Round.PeriodKind.YEAR
    period_start = datetime.date(2026, 1, 1)
    period_end = datetime.date(2026, 12, 31)
    due_date = datetime.date(2027, 1, 31)


def open_round(organisation, plans=(), arenas=(), **fields):
    """A round over the plans and arenas, with its tasks made as the coordinator's form does."""
    round_ = RoundFactory(organisation=organisation, **fields)
    round_.plans.set(plans)
    round_.arenas.set(arenas)
    sync_tasks(round_)
    return round_


def build_round_rows(organisation, *, plan, item, others_item, arena):
    """The round of 2026 over the plan and the arena, with its tasks."""
    round_ = open_round(
        organisation, plans=[plan], arenas=[arena], name=f"{organisation.name} round 2026"
    )
    return {
        "round": round_,
        "update": round_.item_updates.get(item=item),
        "others_update": round_.item_updates.get(item=others_item),
        "arena_review": round_.arena_reviews.get(),
    }


@pytest.fixture
def follow_up_round(municipality, measure):
    """An open round of 2026 over the measure's plan: the measure's task is the agency's."""
    return open_round(municipality.organisation, plans=[measure.plan], name="Alpha round 2026")


def many_rounds(world, count):
    """Rounds with a task for one measure and one arena each, so that completeness counts."""
    rounds = Round.objects.bulk_create(
        Round(
            organisation=world.organisation,
            name=f"Many round {Round.objects.count()}-{number}",
            period_kind=Round.PeriodKind.YEAR,
            period_start=datetime.date(2000 + number % 25, 1, 1),
            period_end=datetime.date(2000 + number % 25, 12, 31),
            due_date=datetime.date(2001 + number % 25, 2, 1),
        )
        for number in range(count)
    )
    ItemUpdate.objects.bulk_create(
        ItemUpdate(
            organisation=world.organisation, round=round_, item=world.item, unit=world.agency
        )
        for round_ in rounds
    )
    ArenaReview.objects.bulk_create(
        ArenaReview(organisation=world.organisation, round=round_, arena=world.unpublished_arena)
        for round_ in rounds
    )
    return rounds
