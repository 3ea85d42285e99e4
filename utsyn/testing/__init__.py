"""Test data builders, used by the tests of every app."""

import csv
import datetime
import html
import io
import re
from dataclasses import dataclass

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from openpyxl import load_workbook

from utsyn.arenas.models import Arena, Assessment, Decision, Theme
from utsyn.audit.services import delete_to_bin
from utsyn.followup.models import ArenaReview, ItemUpdate, Round
from utsyn.followup.services import sync_tasks
from utsyn.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from utsyn.organisations.models import Membership, Organisation, Person, Role, Unit
from utsyn.plans.models import Plan, PlanItem, PlanRole
from utsyn.reports.models import ReportJob


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("secret-password")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")
    kind = Organisation.Kind.MUNICIPALITY
    country = "NO"
    language = "nb"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Enhet {n}")
    kind = Unit.Kind.AGENCY


class ArenaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Arena

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Network {n}")
    kind = Arena.Kind.MEMBERSHIP
    status = Arena.Status.ACTIVE


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    arena = factory.SubFactory(ArenaFactory)
    organisation = factory.SelfAttribute("arena.organisation")
    assessed_on = datetime.date(2021, 5, 4)
    recommendation = "continue"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    arena = factory.SubFactory(ArenaFactory)
    organisation = factory.SelfAttribute("arena.organisation")
    outcome = Decision.Outcome.LEAVE


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    organisation = factory.SubFactory(OrganisationFactory)
    type = Plan.Type.ACTION_PLAN
    title = factory.Sequence(lambda n: f"Plan {n}")
    status = Plan.Status.ADOPTED
    level_names = "Section\nMeasure"


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    plan = factory.SubFactory(PlanFactory)
    organisation = factory.SelfAttribute("plan.organisation")
    identifier = factory.Sequence(lambda n: f"Measure {n}")
    title = factory.Sequence(lambda n: f"Do thing number {n}")
    position = factory.Sequence(lambda n: n)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Round {n}")
    period_kind = Round.PeriodKind.YEAR
    period_start = datetime.date(2026, 1, 1)
    period_end = datetime.date(2026, 12, 31)
    due_date = datetime.date(2027, 1, 31)


def open_round(organisation, plans=(), arenas=(), **fields):
    """A round over the plans and arenas, with its tasks made as the coordinator's form does."""
    round_ = RoundFactory(organisation=organisation, **fields)
    round_.plans.set(plans)
    round_.arenas.set(arenas)
    sync_tasks(round_)
    return round_


@dataclass
class World:
    """One organisation with one of everything, and its people."""

    organisation: Organisation
    council: Unit
    member_of_executive: Unit
    agency: Unit
    other_agency: Unit
    theme: Theme
    person: Person
    published_arena: Arena
    unpublished_arena: Arena
    others_arena: Arena
    assessment: Assessment
    decision: Decision
    administrator: object
    editor: object
    viewer: object
    editor_membership: Membership
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
    # projects: add World fields below this line (with defaults=None is not allowed; give values)
    programme: object
    project: object
    project_partner: object
    project_document: object
    exchange_rate: object
    # activities: add World fields below this line
    activity: object
    participant: object
    cost: object
    delegation_request: object
    programme_item: object

    @property
    def slug(self):
        return self.organisation.slug


def build_world(slug, name, country="NO", language="nb"):
    organisation = OrganisationFactory(slug=slug, name=name, country=country, language=language)
    council = UnitFactory(organisation=organisation, name=f"{name} council", kind="council")
    executive = UnitFactory(
        organisation=organisation,
        name=f"{name} executive member",
        kind="executive_member",
        parent=council,
    )
    agency = UnitFactory(organisation=organisation, name=f"{name} agency", parent=executive)
    other_agency = UnitFactory(organisation=organisation, name=f"{name} other agency")
    theme = Theme.objects.create(organisation=organisation, name=f"{name} theme")
    person = Person.objects.create(organisation=organisation, name=f"{name} contact", unit=agency)
    published = ArenaFactory(
        organisation=organisation,
        name=f"{name} published network",
        responsible=executive,
        is_published=True,
    )
    unpublished = ArenaFactory(
        organisation=organisation, name=f"{name} secret network", operational_unit=agency
    )
    others = ArenaFactory(
        organisation=organisation,
        name=f"{name} other unit's network",
        operational_unit=other_agency,
    )
    published.themes.add(theme)
    assessment = AssessmentFactory(arena=published, organisation=organisation)
    decision = DecisionFactory(arena=published, organisation=organisation, body=council)
    users = {}
    for role in Role:
        user = UserFactory(username=f"{slug}-{role.value}")
        users[role] = (
            user,
            Membership.objects.create(user=user, organisation=organisation, role=role),
        )
    users[Role.EDITOR][1].units.add(executive)
    doomed = ArenaFactory(organisation=organisation, name=f"{name} deleted network")
    bin_entry = delete_to_bin(doomed, users[Role.ADMINISTRATOR][0])
    plan = PlanFactory(organisation=organisation, title=f"{name} action plan", is_published=True)
    unpublished_plan = PlanFactory(organisation=organisation, title=f"{name} draft plan")
    section = PlanItemFactory(plan=plan, identifier="Section 1", title=f"{name} section")
    item = PlanItemFactory(
        plan=plan, parent=section, identifier="Measure 1", responsible_unit=agency
    )
    others_item = PlanItemFactory(
        plan=plan, parent=section, identifier="Measure 2", responsible_unit=other_agency
    )
    round_ = open_round(organisation, plans=[plan], arenas=[unpublished], name=f"{name} round 2026")
    indicator = Indicator.objects.create(
        organisation=organisation, name=f"{name} EU applications", unit="applications"
    )
    indicator.items.add(item)
    report_job = ReportJob.objects.create(
        organisation=organisation,
        report="arena-review",
        format="csv",
        language=language,
        filename=f"{slug}-arena-review.csv",
        requested_by=users[Role.ADMINISTRATOR][0],
        status=ReportJob.Status.DONE,
        progress=100,
    )
    report_job.file.save(report_job.filename, ContentFile(b"Arena\n"))
    # projects: build rows below this line
    from utsyn.projects.testing import build_projects

    projects = build_projects(organisation, agency, item, published, person)
    # activities: build rows below this line
    from utsyn.activities.testing import build_activity_rows

    activity_rows = build_activity_rows(
        organisation,
        unit=agency,
        item=item,
        arena=published,
        person=person,
        host_unit=council,
    )
    return World(
        # projects: pass World fields below this line
        **projects,
        # activities: pass World fields below this line
        activity=activity_rows["activity"],
        participant=activity_rows["participant"],
        cost=activity_rows["cost"],
        delegation_request=activity_rows["delegation_request"],
        programme_item=activity_rows["programme_item"],
        report_job=report_job,
        plan=plan,
        unpublished_plan=unpublished_plan,
        plan_role=PlanRole.objects.create(
            organisation=organisation, plan=plan, unit=council, responsibilities="Adopts it."
        ),
        section=section,
        item=item,
        others_item=others_item,
        round=round_,
        update=round_.item_updates.get(item=item),
        others_update=round_.item_updates.get(item=others_item),
        arena_review=round_.arena_reviews.get(),
        indicator=indicator,
        indicator_target=IndicatorTarget.objects.create(
            organisation=organisation, indicator=indicator, year=2026, value=10
        ),
        indicator_value=IndicatorValue.objects.create(
            organisation=organisation, indicator=indicator, year=2025, value=6
        ),
        organisation=organisation,
        council=council,
        member_of_executive=executive,
        agency=agency,
        other_agency=other_agency,
        theme=theme,
        person=person,
        published_arena=published,
        unpublished_arena=unpublished,
        others_arena=others,
        assessment=assessment,
        decision=decision,
        administrator=users[Role.ADMINISTRATOR][0],
        editor=users[Role.EDITOR][0],
        viewer=users[Role.VIEWER][0],
        editor_membership=users[Role.EDITOR][1],
        bin_entry=bin_entry,
    )


# ------------------------------------------------------------------ reading list pages back


def _text(value):
    return "" if value is None else str(value)


def screen_table(response, columns="columns", rows="rows"):
    """A list page's table as text, header first, from the context the template renders."""
    header = [str(column.header) for column in response.context[columns]]
    return [header] + [[_text(cell) for cell in cells] for _obj, cells in response.context[rows]]


def csv_table(response):
    """A CSV download as text, header first."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_table(response):
    """An XLSX download read back with openpyxl, as text like the CSV, header first."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    return [[_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]


# ------------------------------------------------------------------ posting edit forms

_STATE_INPUT = re.compile(r'<input type="hidden" name="opened_state" value="([^"]*)"')


def opened_state(response):
    """The state an edit page was opened with (its hidden field), or None when it has none."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    found = _STATE_INPUT.search(response.content.decode())
    return html.unescape(found.group(1)) if found else None


def post_form(client, url, data=None, **kwargs):
    """POSTs to a form page as a browser does: after opening it, with the state it showed, so
    that the optimistic concurrency check (`utsyn.core.concurrency`) lets the edit through."""
    data = dict(data or {})
    state = opened_state(client.get(url, headers=kwargs.get("headers")))
    if state is not None:
        data.setdefault("opened_state", state)
    return client.post(url, data, **kwargs)
