"""The yearly overview of what the international work costs."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from utsyn.core.decorators import organisation_view
from utsyn.core.exports import rows_of, table_response
from utsyn.core.illustrative import columns_for, is_shown_illustrative

from . import queries, tables

FIRST_YEAR, LAST_YEAR = 1990, 2100


def _overview(organisation, year):
    currency, lines = queries.cost_lines(organisation, year)
    goals = queries.plan_goals(organisation)
    return (
        {
            "units": (tables.unit_columns(currency), queries.totals_by_unit(lines)),
            "goals": (tables.goal_columns(currency), queries.totals_by_goal(lines, goals)),
            "lines": (columns_for(tables.line_columns(currency), organisation), lines),
        },
        currency,
        lines,
    )


def _check_year(year):
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404


@organisation_view(read_only=True)
def current_year(request):
    return _overview_page(request, timezone.localdate().year)


@organisation_view(read_only=True)
def overview(request, year):
    _check_year(year)
    return _overview_page(request, year)


def _overview_page(request, year):
    overview_tables, currency, lines = _overview(request.organisation, year)
    context = {
        "year": year,
        "currency": currency,
        "missing_rates": queries.missing_rates(lines),
        "any_illustrative": any(
            is_shown_illustrative(line, request.organisation) for line in lines
        ),
        "tables": {
            name: {"columns": columns, "rows": list(rows_of(columns, rows))}
            for name, (columns, rows) in overview_tables.items()
        },
    }
    return render(request, "costs/overview.html", context)


@organisation_view(read_only=True)
def export(request, year, table, fmt):
    _check_year(year)
    overview_tables, _currency, _lines = _overview(request.organisation, year)
    if table not in overview_tables:
        raise Http404
    columns, rows = overview_tables[table]
    titles = {
        "units": _("Costs by unit"),
        "goals": _("Costs by plan goal"),
        "lines": _("Cost lines"),
    }
    return table_response(fmt, columns, rows, f"{titles[table]} {year}")
