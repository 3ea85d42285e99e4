"""Test data of the follow-up app: many rows at once, for the list pages' query counts."""

import datetime

from .models import ArenaReview, ItemUpdate, Round


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
