"""What the international work costs in a year: one line per amount, from three sources.

- membership fees of the arenas current in the year (the register),
- costs of activities (travel, accommodation, events) booked to the year,
- own contributions to funded projects (granted, running or completed), spread evenly over
  the calendar years the project runs.

Each line is converted into the organisation's reporting currency at the year's rate, and is
attributed to a responsible unit and to the plan goals it serves: the top-level items of the
plans whose items it is linked to. A line serving several goals is split evenly between them.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from utsyn.activities.models import Cost
from utsyn.arenas.models import Arena
from utsyn.money.conversion import Converter
from utsyn.plans.models import PlanItem
from utsyn.projects.models import Project

FUNDED = [Project.Status.GRANTED, Project.Status.RUNNING, Project.Status.COMPLETED]


@dataclass
class CostLine:
    kind: str  # "fee", "activity" or "project": the column of the overview
    source: str  # what kind of cost, as shown
    name: str
    unit: str
    amount: Decimal
    currency: str
    converted: Decimal | None  # None when the year's rate is missing
    item_ids: list[int] = field(default_factory=list)
    is_illustrative: bool = False


def _fee_lines(year):
    arenas = (
        Arena.objects.filter(yearly_fee__isnull=False)
        .exclude(status=Arena.Status.PROPOSED)
        .filter(Q(since_year__isnull=True) | Q(since_year__lte=year))
        .filter(Q(until_year__isnull=True) | Q(until_year__gte=year))
        .select_related("responsible", "operational_unit")
        .prefetch_related("plan_items")
    )
    for arena in arenas:
        if arena.status == Arena.Status.ENDED and arena.until_year is None:
            continue  # ended, and the register does not say when: no fee is owed any more
        unit = arena.operational_unit or arena.responsible
        items = [item.pk for item in arena.plan_items.all()]
        yield (
            "fee",
            _("Membership fee"),
            arena.name,
            unit,
            arena.yearly_fee,
            arena.fee_currency,
            items,
            False,
        )


def _activity_lines(year):
    costs = (
        Cost.objects.filter(year=year)
        .select_related("activity", "activity__responsible_unit")
        .prefetch_related("activity__plan_items")
    )
    for cost in costs:
        activity = cost.activity
        items = [item.pk for item in activity.plan_items.all()]
        illustrative = cost.is_illustrative or activity.is_illustrative
        yield (
            "activity",
            cost.get_category_display(),
            activity.title,
            activity.responsible_unit,
            cost.amount,
            cost.currency,
            items,
            illustrative,
        )


def _project_years(project):
    start = project.start_date or project.end_date
    end = project.end_date or project.start_date
    if start is None:
        year = project.planned_application_year
        return [year] if year else []
    return list(range(start.year, end.year + 1))


def _project_lines(year):
    projects = (
        Project.objects.filter(status__in=FUNDED, own_contribution__gt=0)
        .select_related("responsible_unit")
        .prefetch_related("plan_items")
    )
    for project in projects:
        years = _project_years(project)
        if year not in years:
            continue
        share = (project.own_contribution / len(years)).quantize(Decimal("0.01"))
        items = [item.pk for item in project.plan_items.all()]
        yield (
            "project",
            _("Own contribution to a project"),
            project.title,
            project.responsible_unit,
            share,
            project.currency,
            items,
            project.is_illustrative,
        )


def cost_lines(organisation, year):
    converter = Converter(organisation)
    lines = []
    for source in (_fee_lines(year), _activity_lines(year), _project_lines(year)):
        for kind, label, name, unit, amount, currency, items, illustrative in source:
            lines.append(
                CostLine(
                    kind=kind,
                    source=str(label),
                    name=name,
                    unit=str(unit) if unit else _("No responsible unit"),
                    amount=amount,
                    currency=currency,
                    converted=converter.try_convert(amount, currency, year),
                    item_ids=items,
                    is_illustrative=illustrative,
                )
            )
    return converter.currency, lines


def plan_goals(organisation):
    """{item id: "Plan title – top-level item title"} for every item of every plan."""
    items = PlanItem.objects.filter(plan__organisation=organisation).select_related("plan")
    by_id = {item.pk: item for item in items}

    def root(item):
        while item.parent_id and item.parent_id in by_id:
            item = by_id[item.parent_id]
        return item

    goals = {}
    for item in by_id.values():
        top = root(item)
        goals[item.pk] = f"{top.plan.title} – {top.identifier} {top.title}".replace("  ", " ")
    return goals


def totals_by_unit(lines):
    """Rows of (unit, fees, activities, projects, total), in the reporting currency."""
    columns = {"fee": 0, "activity": 1, "project": 2}  # the keys are CostLine.kind
    totals = defaultdict(lambda: [Decimal(0)] * 3)
    for line in lines:
        if line.converted is None:
            continue
        totals[line.unit][columns[line.kind]] += line.converted
    return [[unit, *values, sum(values)] for unit, values in sorted(totals.items())]


def totals_by_goal(lines, goals):
    totals = defaultdict(Decimal)
    for line in lines:
        if line.converted is None:
            continue
        served = sorted({goals[pk] for pk in line.item_ids if pk in goals})
        if not served:
            totals[_("Not linked to a plan goal")] += line.converted
            continue
        for goal in served:
            totals[goal] += line.converted / len(served)
    return [[goal, total.quantize(Decimal(1))] for goal, total in sorted(totals.items())]


def missing_rates(lines):
    """The currencies whose rate for the year is missing, so their amounts are left out."""
    return sorted({line.currency for line in lines if line.converted is None})
