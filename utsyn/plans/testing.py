"""Test data of the plans app: many rows at once, for the list pages' query counts."""

from .models import Plan


def many_plans(world, count):
    return Plan.objects.bulk_create(
        Plan(
            organisation=world.organisation,
            type=Plan.Type.values[number % len(Plan.Type.values)],
            title=f"Many plan {Plan.objects.count()}-{number}",
            adopted_by=world.council if number % 2 else None,
        )
        for number in range(count)
    )
