"""Loads the `[[exchange_rates]]` and `[[projects]]` tables of the demo files (see SCHEMA.md).

Rates are matched on (organisation, year, currency), projects on (organisation, title) and their
partners on (project, name), so loading again updates in place and never duplicates. The seeds
name no concrete projects: every demo project is invented and must say so
(`is_illustrative = true` is required, as for rounds and indicators).
"""

import datetime
from decimal import Decimal

from utsyn.money.models import ExchangeRate
from utsyn.projects.models import FundingProgramme, Project, ProjectPartner
from utsyn.sdgs.models import Goal, Target

from .load_plans import _all_found, arenas_named, lookup, unit_or_none
from .load_rounds import require_illustrative

PROJECT_FIELDS = ["acronym", "status", "call_identifier", "role", "currency", "results"]
DATE_FIELDS = ["start_date", "end_date", "application_deadline", "decision_expected"]
AMOUNT_FIELDS = ["project_budget", "total_budget", "grant_amount", "own_contribution"]


def load_projects(organisation, files, units, items):
    for data in files:
        for rate in data.get("exchange_rates", []):
            ExchangeRate.objects.update_or_create(
                organisation=organisation,
                year=rate["year"],
                currency=rate["currency"],
                defaults={"rate": Decimal(str(rate["rate"]))},
            )
        for definition in data.get("projects", []):
            _project(organisation, definition, units, items)


def _programme(code):
    if not code:
        return None
    programme = FundingProgramme.objects.shared().filter(code=code).first()
    if programme is None:
        raise ValueError(f"Unknown funding programme “{code}”.")
    return programme


def _project(organisation, data, units, items):
    defaults = {name: data.get(name, "") for name in PROJECT_FIELDS}
    defaults.update(
        {
            "description": data.get("description", "").strip(),
            "results": data.get("results", "").strip(),
            "programme": _programme(data.get("programme")),
            "responsible_unit": unit_or_none(units, data.get("responsible")),
            "planned_application_year": data.get("planned_application_year"),
            "is_illustrative": require_illustrative({**data, "name": data["title"]}),
        }
    )
    for name in DATE_FIELDS:
        defaults[name] = datetime.date.fromisoformat(data[name]) if data.get(name) else None
    for name in AMOUNT_FIELDS:
        defaults[name] = Decimal(str(data[name])) if data.get(name) is not None else None
    project, _created = Project.objects.update_or_create(
        organisation=organisation, title=data["title"], defaults=defaults
    )
    project.full_clean()
    project.plan_items.set([lookup(items, key, "item") for key in data.get("items", [])])
    project.arenas.set(arenas_named(organisation, data.get("arenas", [])))
    project.sdg_goals.set(_all_found(Goal, "number", data.get("sdg_goals", [])))
    project.sdg_targets.set(_all_found(Target, "code", data.get("sdg_targets", [])))
    names = []
    for partner in data.get("partners", []):
        names.append(partner["name"])
        ProjectPartner.objects.update_or_create(
            organisation=organisation,
            project=project,
            name=partner["name"],
            defaults={
                "city": partner.get("city", ""),
                "country": partner["country"],
                "role": partner.get("role", ""),
            },
        )
    ProjectPartner.objects.filter(project=project).exclude(name__in=names).delete()
    return project
