"""The yearly project plan: which projects belong to a year, why, and the plan's rows and totals.

A project is in the plan of a year when it is applied for in it (planned application year or
application deadline), when a decision on it is expected in it, or when it is active in it by
its dates: it starts on or before 31 December and has no end or ends on or after 1 January. A
project that was rejected or withdrawn never ran, so its dates put it in no year's plan; it is
still shown in the years it applied or awaited a decision. The project list's year filter uses
the same rule (`in_plan_year`).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from utsyn.core.bounds import EARLIEST_YEAR, LATEST_YEAR, year_validators
from utsyn.core.exports import Column

from .models import Project
from .tables import (
    AMOUNT_FIELDS,
    amount_headers,
    converted,
    converted_amount_headers,
    programme_label,
)

# Any year a project's dates can lie in has a plan.
FIRST_YEAR, LAST_YEAR = EARLIEST_YEAR, LATEST_YEAR
# Statuses of projects that will not run, or never did: their dates do not make them active.
NEVER_RAN = [Project.Status.REJECTED, Project.Status.WITHDRAWN]
FUNDED = [Project.Status.GRANTED, Project.Status.RUNNING, Project.Status.COMPLETED]


def _year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def applying_in(year):
    return Q(planned_application_year=year) | Q(application_deadline__year=year)


def deciding_in(year):
    return Q(decision_expected__year=year)


def active_in(year):
    first, last = _year_bounds(year)
    return (
        Q(start_date__lte=last)
        & (Q(end_date__isnull=True) | Q(end_date__gte=first))
        & ~Q(status__in=NEVER_RAN)
    )


def in_plan_year(year):
    """The condition of being in the year's plan, for any query of projects."""
    return applying_in(year) | deciding_in(year) | active_in(year)


def reasons(project, year):
    """Why the project is in the year's plan, in the reader's language: the same rule as
    `in_plan_year`, read from the project's own fields (no query)."""
    found = []
    deadline = project.application_deadline
    if project.planned_application_year == year or (deadline and deadline.year == year):
        found.append(_("Applying"))
    if project.decision_expected and project.decision_expected.year == year:
        found.append(_("Decision expected"))
    first, last = _year_bounds(year)
    start, end = project.start_date, project.end_date
    if start and start <= last and (end is None or end >= first):
        if project.status in FUNDED:
            found.append(_("Running"))
        elif project.status not in NEVER_RAN:
            found.append(_("Running, if granted"))
    return found


def planned_in(queryset, year):
    return (
        queryset.filter(in_plan_year(year))
        .select_related("programme", "responsible_unit")
        .order_by(F("application_deadline").asc(nulls_last=True), "start_date", "title", "pk")
    )


class PlanYearForm(forms.Form):
    """The year to go to, typed or chosen; refused with the bounds' own message outside them."""

    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        validators=year_validators(FIRST_YEAR, LAST_YEAR),
        widget=forms.NumberInput(attrs={"min": FIRST_YEAR, "max": LAST_YEAR}),
    )


@dataclass
class PlanRow:
    """A line of the yearly plan: a project, or a total."""

    label: str
    project: Project | None = None
    reasons: str = ""
    programme: str = ""
    status: str = ""
    deadline: Any = None
    start: Any = None
    end: Any = None
    unit: Any = None
    currency: str = ""
    amounts: list = field(default_factory=lambda: [None] * len(AMOUNT_FIELDS))
    converted: list = field(default_factory=lambda: [None] * len(AMOUNT_FIELDS))


def _amount_column(header, values, index):
    return Column(header, lambda row: getattr(row, values)[index])


def plan_columns(currency):
    return [
        Column(gettext_lazy("Project"), lambda row: row.label),
        Column(gettext_lazy("In the plan as"), lambda row: row.reasons),
        Column(gettext_lazy("Programme"), lambda row: row.programme),
        Column(gettext_lazy("Status"), lambda row: row.status),
        Column(gettext_lazy("Application deadline"), lambda row: row.deadline),
        Column(gettext_lazy("Start"), lambda row: row.start),
        Column(gettext_lazy("End"), lambda row: row.end),
        Column(gettext_lazy("Responsible unit"), lambda row: row.unit),
        Column(gettext_lazy("Currency"), lambda row: row.currency),
        *(_amount_column(header, "amounts", i) for i, header in enumerate(amount_headers())),
        *(
            _amount_column(header, "converted", i)
            for i, header in enumerate(converted_amount_headers(currency))
        ),
    ]


def _sum(values):
    numbers = [Decimal(value) for value in values if isinstance(value, Decimal | int)]
    return sum(numbers, Decimal(0)) if numbers else None


def _sums(rows, values):
    return [
        _sum(getattr(row, values)[index] for row in rows) for index in range(len(AMOUNT_FIELDS))
    ]


def plan_rows(projects, converter, year):
    """(rows, totals): a row per project, then a total per original currency and the total in
    the reporting currency, which names the projects it had to leave out for want of a rate."""
    rows = []
    for project in projects:
        amounts = [getattr(project, name) for name in AMOUNT_FIELDS]
        rows.append(
            PlanRow(
                label=project.title,
                project=project,
                reasons=", ".join(reasons(project, year)),
                programme=programme_label(project),
                status=project.get_status_display(),
                deadline=project.application_deadline,
                start=project.start_date,
                end=project.end_date,
                unit=project.responsible_unit,
                currency=project.currency,
                amounts=amounts,
                converted=[converted(converter, project, amount) for amount in amounts],
            )
        )
    totals = []
    for currency in sorted({row.currency for row in rows}):
        same = [row for row in rows if row.currency == currency]
        totals.append(
            PlanRow(
                label=_("Total in %(currency)s") % {"currency": currency},
                currency=currency,
                amounts=_sums(same, "amounts"),
            )
        )
    if rows:
        left_out = [row for row in rows if any(isinstance(value, str) for value in row.converted)]
        label = _("Total converted into %(currency)s") % {"currency": converter.currency}
        if left_out:
            label += " " + ngettext(
                "(leaves out %(count)d project without an exchange rate: %(titles)s)",
                "(leaves out %(count)d projects without an exchange rate: %(titles)s)",
                len(left_out),
            ) % {"count": len(left_out), "titles": ", ".join(row.label for row in left_out)}
        totals.append(
            PlanRow(label=label, currency=converter.currency, converted=_sums(rows, "converted"))
        )
    return rows, totals
