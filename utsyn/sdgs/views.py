"""Which goals the organisation's plans and arenas serve."""

from django.shortcuts import render

from utsyn.core.decorators import organisation_view
from utsyn.plans.models import Plan

from .models import Goal
from .queries import coverage_rows


@organisation_view(read_only=True)
def coverage(request):
    organisation = request.organisation
    plans = list(Plan.objects.filter(organisation=organisation))
    rows = coverage_rows(Goal.objects.all(), plans, organisation)
    return render(
        request,
        "sdgs/coverage.html",
        {"plans": plans, "rows": rows, "any_targets": any(row["targets"] for row in rows)},
    )
