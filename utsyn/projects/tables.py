"""The columns of the project list and of the yearly project plan, on screen and in downloads.

Amounts are shown in the project's own currency and in the organisation's reporting currency,
converted at the administrator's rate for the project's year (`Project.conversion_year`). Where
no rate is set the cell says so instead of holding a number.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from utsyn.core.exports import Column
from utsyn.money.conversion import MissingRate

from .models import Project

AMOUNT_FIELDS = ["total_budget", "grant_amount", "own_contribution"]


def converted(converter, project, amount):
    """The amount in the reporting currency; a short text where it cannot be converted."""
    if amount is None:
        return None
    if project.currency == converter.currency:
        return Decimal(amount)
    year = project.conversion_year()
    if year is None:
        return _("no year to convert at")
    try:
        return converter.convert(amount, project.currency, year)
    except MissingRate:
        return _("no rate for %(currency)s in %(year)s") % {
            "currency": project.currency,
            "year": year,
        }


def missing_rate(converter, project):
    """The user message for a project whose amounts cannot be converted, else None."""
    amounts = [getattr(project, name) for name in AMOUNT_FIELDS]
    if project.currency == converter.currency or all(value is None for value in amounts):
        return None
    year = project.conversion_year()
    if year is None:
        return _(
            "The amounts cannot be shown in %(currency)s: give a start, an application deadline "
            "or a planned application year."
        ) % {"currency": converter.currency}
    try:
        converter.convert(Decimal(1), project.currency, year)
    except MissingRate as error:
        return str(error)
    return None


def _programme(project):
    programme = project.programme
    if programme is None:
        return ""
    return programme.short_name or programme.name


def _amount_headers(currency):
    return [
        _("Total budget (%(currency)s)") % {"currency": currency},
        _("Grant (%(currency)s)") % {"currency": currency},
        _("Own contribution (%(currency)s)") % {"currency": currency},
    ]


def project_columns(converter):
    """The columns of the project list, for the organisation's reporting currency."""
    total, grant, own = _amount_headers(converter.currency)
    return [
        Column(gettext_lazy("Project"), lambda project: project.title),
        Column(gettext_lazy("Programme"), _programme),
        Column(gettext_lazy("Status"), lambda project: project.get_status_display()),
        Column(gettext_lazy("Our role"), lambda project: project.get_role_display()),
        Column(gettext_lazy("Responsible unit"), lambda project: project.responsible_unit),
        Column(gettext_lazy("Application deadline"), lambda project: project.application_deadline),
        Column(gettext_lazy("Start"), lambda project: project.start_date),
        Column(gettext_lazy("End"), lambda project: project.end_date),
        Column(gettext_lazy("Currency"), lambda project: project.currency),
        Column(gettext_lazy("Total budget"), lambda project: project.total_budget),
        Column(gettext_lazy("Grant"), lambda project: project.grant_amount),
        Column(gettext_lazy("Own contribution"), lambda project: project.own_contribution),
        Column(total, lambda project: converted(converter, project, project.total_budget)),
        Column(grant, lambda project: converted(converter, project, project.grant_amount)),
        Column(own, lambda project: converted(converter, project, project.own_contribution)),
        Column(
            gettext_lazy("Illustrative example"),
            lambda project: _("Illustrative example") if project.is_illustrative else "",
            demo_only=True,
        ),
    ]


# ------------------------------------------------------------------------ the yearly plan


def planned_in(queryset, year):
    """Projects planned to be applied for in the year: by the planned year or the deadline."""
    return (
        queryset.filter(Q(planned_application_year=year) | Q(application_deadline__year=year))
        .select_related("programme", "responsible_unit")
        .order_by(F("application_deadline").asc(nulls_last=True), "title", "pk")
    )


@dataclass
class PlanRow:
    """A line of the yearly plan: a project, or a total."""

    label: str
    project: Project | None = None
    programme: str = ""
    status: str = ""
    deadline: Any = None
    unit: Any = None
    currency: str = ""
    amounts: list = field(default_factory=lambda: [None, None, None])
    converted: list = field(default_factory=lambda: [None, None, None])


def plan_columns(currency):
    total, grant, own = _amount_headers(currency)
    return [
        Column(gettext_lazy("Project"), lambda row: row.label),
        Column(gettext_lazy("Programme"), lambda row: row.programme),
        Column(gettext_lazy("Status"), lambda row: row.status),
        Column(gettext_lazy("Application deadline"), lambda row: row.deadline),
        Column(gettext_lazy("Responsible unit"), lambda row: row.unit),
        Column(gettext_lazy("Currency"), lambda row: row.currency),
        Column(gettext_lazy("Total budget"), lambda row: row.amounts[0]),
        Column(gettext_lazy("Grant"), lambda row: row.amounts[1]),
        Column(gettext_lazy("Own contribution"), lambda row: row.amounts[2]),
        Column(total, lambda row: row.converted[0]),
        Column(grant, lambda row: row.converted[1]),
        Column(own, lambda row: row.converted[2]),
    ]


def _sum(values):
    numbers = [Decimal(value) for value in values if isinstance(value, Decimal | int)]
    return sum(numbers, Decimal(0)) if numbers else None


def plan_rows(projects, converter):
    """(rows, totals): a row per project, then a total per original currency and the total in
    the reporting currency, which names the projects it had to leave out for want of a rate."""
    rows = []
    for project in projects:
        amounts = [getattr(project, name) for name in AMOUNT_FIELDS]
        rows.append(
            PlanRow(
                label=project.title,
                project=project,
                programme=_programme(project),
                status=project.get_status_display(),
                deadline=project.application_deadline,
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
                amounts=[_sum(row.amounts[index] for row in same) for index in range(3)],
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
            PlanRow(
                label=label,
                currency=converter.currency,
                converted=[_sum(row.converted[index] for row in rows) for index in range(3)],
            )
        )
    return rows, totals
