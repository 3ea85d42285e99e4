"""The test data of the walkers (isolation, hostile input, escaping, concurrency, the bin):
a World is one organisation with one of everything, made of each app's builders (their
`testing` modules). Other tests ask only for what they need: the `municipality` and
`outsider` fixtures of `utsyn.organisations.testing`, and each app's fixtures (`arena`,
`measure`, `follow_up_round`, `indicator`, `project`, `activity`)."""

from dataclasses import dataclass

from django.core.files.base import ContentFile

from utsyn.activities.testing import build_activity_rows
from utsyn.arenas.models import Arena, Assessment, Decision, Theme
from utsyn.arenas.testing import ArenaFactory, AssessmentFactory, DecisionFactory, build_arena_rows
from utsyn.audit.services import delete_to_bin
from utsyn.followup.models import ArenaReview, ItemUpdate, Round
from utsyn.followup.testing import RoundFactory, build_round_rows, open_round
from utsyn.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from utsyn.indicators.testing import build_indicator_rows
from utsyn.organisations.testing import (
    Municipality,
    OrganisationFactory,
    UnitFactory,
    UserFactory,
    build_municipality,
)
from utsyn.plans.models import Plan, PlanItem, PlanRole
from utsyn.plans.testing import PlanFactory, PlanItemFactory, build_plan_rows
from utsyn.projects.testing import build_projects
from utsyn.reports.models import ReportJob

from .pages import csv_table, opened_state, post_form, screen_table, xlsx_table

__all__ = [
    "ArenaFactory",
    "AssessmentFactory",
    "DecisionFactory",
    "OrganisationFactory",
    "PlanFactory",
    "PlanItemFactory",
    "RoundFactory",
    "UnitFactory",
    "UserFactory",
    "World",
    "build_world",
    "csv_table",
    "open_round",
    "opened_state",
    "post_form",
    "screen_table",
    "xlsx_table",
]


@dataclass
class World(Municipality):
    """One organisation with one of everything, and its people."""

    theme: Theme
    published_arena: Arena
    unpublished_arena: Arena
    others_arena: Arena
    assessment: Assessment
    decision: Decision
    bin_entry: object
    plan: Plan
    unpublished_plan: Plan
    plan_role: PlanRole
    section: PlanItem
    item: PlanItem
    others_item: PlanItem
    round: Round
    update: ItemUpdate
    others_update: ItemUpdate
    arena_review: ArenaReview
    indicator: Indicator
    indicator_target: IndicatorTarget
    indicator_value: IndicatorValue
    report_job: ReportJob
    programme: object
    project: object
    project_partner: object
    project_document: object
    exchange_rate: object
    activity: object
    participant: object
    cost: object
    delegation_request: object
    programme_item: object


def build_world(slug, name, country="NO", language="nb"):
    base = build_municipality(slug, name, country=country, language=language)
    organisation = base.organisation
    arenas = build_arena_rows(base)
    doomed = ArenaFactory(organisation=organisation, name=f"{name} deleted network")
    plans = build_plan_rows(base)
    rows = {
        **arenas,
        "bin_entry": delete_to_bin(doomed, base.administrator),
        **plans,
        **build_round_rows(
            organisation,
            plan=plans["plan"],
            item=plans["item"],
            others_item=plans["others_item"],
            arena=arenas["unpublished_arena"],
        ),
        **build_indicator_rows(organisation, item=plans["item"]),
        "report_job": _report_job(base, language),
        **build_projects(
            organisation, base.agency, plans["item"], arenas["published_arena"], base.person
        ),
        **build_activity_rows(
            organisation,
            unit=base.agency,
            item=plans["item"],
            arena=arenas["published_arena"],
            person=base.person,
            host_unit=base.council,
        ),
    }
    return World(**vars(base), **rows)


def _report_job(base, language):
    """A finished arena review in CSV, as the report page leaves it."""
    job = ReportJob.objects.create(
        organisation=base.organisation,
        report="arena-review",
        format="csv",
        language=language,
        filename=f"{base.slug}-arena-review.csv",
        requested_by=base.administrator,
        status=ReportJob.Status.DONE,
        progress=100,
    )
    job.file.save(job.filename, ContentFile(b"Arena\n"))
    return job
