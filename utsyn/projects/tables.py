"""The columns of the project list, on screen and in downloads, and the amounts' cells that the
yearly project plan (`yearly_plan.py`) shares.

Amounts are shown in the project's own currency and in the organisation's reporting currency,
converted at the administrator's rate for the project's year (`Project.conversion_year`). Where
no rate is set the cell says so instead of holding a number.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utsyn.core.exports import Column
from utsyn.money.conversion import MissingRate

# The whole project's budget, the organisation's share of it, and the share's two parts.
AMOUNT_FIELDS = ["project_budget", "total_budget", "grant_amount", "own_contribution"]


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


def programme_label(project):
    """The project's programme as a cell: its short name, else its name in the reader's
    language."""
    return project.programme.short_label if project.programme else ""


def amount_headers():
    return [
        gettext_lazy("Whole project's budget"),
        gettext_lazy("Our budget"),
        gettext_lazy("Grant"),
        gettext_lazy("Own contribution"),
    ]


def converted_amount_headers(currency):
    return [
        _("Whole project's budget (%(currency)s)") % {"currency": currency},
        _("Our budget (%(currency)s)") % {"currency": currency},
        _("Grant (%(currency)s)") % {"currency": currency},
        _("Own contribution (%(currency)s)") % {"currency": currency},
    ]


def _amount_columns(converter):
    """A column per amount in the project's currency, then one per amount converted."""

    def original(name):
        return lambda project: getattr(project, name)

    def in_reporting(name):
        return lambda project: converted(converter, project, getattr(project, name))

    return [
        *(
            Column(header, original(name))
            for header, name in zip(amount_headers(), AMOUNT_FIELDS, strict=True)
        ),
        *(
            Column(header, in_reporting(name))
            for header, name in zip(
                converted_amount_headers(converter.currency), AMOUNT_FIELDS, strict=True
            )
        ),
    ]


def project_columns(converter):
    """The columns of the project list, for the organisation's reporting currency."""
    return [
        Column(gettext_lazy("Project"), lambda project: project.title),
        Column(gettext_lazy("Programme"), programme_label),
        Column(gettext_lazy("Status"), lambda project: project.get_status_display()),
        Column(gettext_lazy("Our role"), lambda project: project.get_role_display()),
        Column(gettext_lazy("Responsible unit"), lambda project: project.responsible_unit),
        Column(gettext_lazy("Application deadline"), lambda project: project.application_deadline),
        Column(gettext_lazy("Start"), lambda project: project.start_date),
        Column(gettext_lazy("End"), lambda project: project.end_date),
        Column(gettext_lazy("Currency"), lambda project: project.currency),
        *_amount_columns(converter),
        Column(
            gettext_lazy("Illustrative example"),
            lambda project: _("Illustrative example") if project.is_illustrative else "",
            demo_only=True,
        ),
    ]
