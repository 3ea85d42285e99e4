"""The national data set: `generate()` writes every organisation, batch by batch.

Each organisation is made from its own `random.Random(f"{seed}:{index}")`, so the data set is
the same on every run and on every database. Rows go straight into the tables (`writer.py`),
past the audit trail and the form validation, but with the values the forms and services would
give: statuses from the choices, foreign keys within the organisation, one task per leaf item
and round as `sync_tasks` makes them, approved reviews recorded as assessments.
"""

import dataclasses
import random
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.contenttypes.models import ContentType
from django_scopes import scopes_disabled

from utsyn.activities.models import Activity, Cost, DelegationRequest, Participant, ProgrammeItem
from utsyn.arenas.models import Arena, Assessment, Decision, Theme
from utsyn.audit.models import LogEntry
from utsyn.followup.models import ArenaReview, ItemUpdate, Round
from utsyn.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from utsyn.money.models import ExchangeRate
from utsyn.organisations.models import Membership, Organisation, Person, Role, Unit
from utsyn.plans.models import Plan, PlanItem, PlanRole
from utsyn.projects.models import FundingProgramme, Project, ProjectPartner
from utsyn.sdgs.models import Target

from . import gen_followup, gen_register, gen_work
from .shape import GENERATED_AT, organisation_shapes, slug
from .text import person_name, place_name
from .writer import Writer, unchecked_foreign_keys

# Organisations written per transaction: large enough for speed, small enough for memory.
BATCH = 20

# Each table and its many-to-many tables, parents before children.
TABLES = [
    (Organisation, []),
    (get_user_model(), []),
    (Unit, []),
    (Membership, ["units"]),
    (Person, []),
    (Theme, []),
    (Arena, ["themes", "contact_persons", "sdg_goals", "sdg_targets"]),
    (Plan, []),
    (PlanRole, []),
    (
        PlanItem,
        ["collaborating_units", "contact_persons", "sdg_goals", "sdg_targets", "arenas", "serves"],
    ),
    (Round, ["plans", "arenas"]),
    (Assessment, []),
    (ItemUpdate, []),
    (ArenaReview, []),
    (Decision, []),
    (Indicator, ["items"]),
    (IndicatorTarget, []),
    (IndicatorValue, []),
    (FundingProgramme, []),
    (Project, ["contact_persons", "plan_items", "arenas", "sdg_goals"]),
    (ProjectPartner, []),
    (ExchangeRate, []),
    (DelegationRequest, []),
    (Activity, ["plan_items"]),
    (Participant, []),
    (Cost, []),
    (ProgrammeItem, []),
    (LogEntry, []),
]


def _tables(writer):
    """Each table by its model's name (`t.Arena`), each link table as `t.Arena_themes`."""
    tables = {}
    for model, links in TABLES:
        tables[model.__name__] = writer.table(model)
        for name in links:
            tables[f"{model.__name__}_{name}"] = writer.links(model, name)
    return SimpleNamespace(**tables)


@dataclasses.dataclass
class References:
    """Rows every organisation points at: the SDG targets, shared programmes, content types."""

    targets_by_goal: dict
    shared_programmes: list
    content_types: dict

    @classmethod
    def load(cls):
        targets = {}
        for code, goal in Target.objects.values_list("code", "goal_id"):
            targets.setdefault(goal, []).append(code)
        return cls(
            targets_by_goal=targets,
            shared_programmes=list(
                FundingProgramme.objects.filter(organisation=None).values_list("pk", flat=True)
            ),
            content_types={
                model.__name__: ContentType.objects.get_for_model(model).pk
                for model in (Arena, Plan, Project)
            },
        )


@dataclasses.dataclass
class Org:
    """One organisation being generated: its random numbers, shape and the ids made so far."""

    t: SimpleNamespace
    refs: References
    rng: random.Random
    index: int
    shape: object
    ids: SimpleNamespace = dataclasses.field(default_factory=SimpleNamespace)

    def own(self, **values):
        """A row of this organisation."""
        return {"organisation_id": self.ids.organisation, **values}

    def editor_for(self, unit):
        """Who submits a unit's tasks: the editor of its department, else the coordinator."""
        return self.ids.editor_of.get(self.ids.department_of.get(unit), self.ids.admin)


def generate(organisations, scale, seed, progress=None):
    """Writes the data set into the (migrated) database; returns {table: rows written}."""
    writer = Writer(GENERATED_AT)
    with scopes_disabled(), unchecked_foreign_keys():
        tables, refs = _tables(writer), References.load()
        shapes = organisation_shapes(organisations, scale)
        for index, shape in enumerate(shapes):
            org = Org(tables, refs, random.Random(f"{seed}:{index}"), index, shape)
            build_organisation(org)
            if (index + 1) % BATCH == 0 or index + 1 == len(shapes):
                writer.flush()
                if progress and ((index + 1) % (BATCH * 10) == 0 or index + 1 == len(shapes)):
                    progress(index + 1, len(shapes))
        writer.finish()
    return writer.counts()


def build_organisation(org):
    tenancy(org)
    gen_register.arenas(org)
    gen_register.plans(org)
    gen_followup.rounds(org)
    gen_followup.indicators(org)
    gen_work.projects(org)
    gen_work.activities(org)
    gen_work.log_entries(org)


COUNTRIES = (["NO", "SE", "FI", "DK"], [55, 35, 5, 5])
SUFFIX = {"NO": " kommune", "SE": " kommun"}
AREAS = "kultur næring oppvekst helse byutvikling klima økonomi digitalisering samfunn".split()


def tenancy(org):
    """The organisation, its units, contact persons, users and their roles."""
    rng, t, ids = org.rng, org.t, org.ids
    country = "NO" if org.index == 0 else rng.choices(*COUNTRIES)[0]
    ids.name = place_name(org.index) + SUFFIX.get(country, "")
    ids.slug = slug(org.index)
    ids.language = {"NO": rng.choice(["nb", "nb", "nb", "nn"]), "SE": "sv"}.get(country, "en")
    ids.country = country
    ids.organisation = t.Organisation.add(
        name=ids.name,
        slug=ids.slug,
        kind=rng.choices(list(Organisation.Kind), [95, 3, 2])[0],
        country=country,
        official_number=str(3000 + org.index),
        language=ids.language,
    )

    def unit(name, kind, parent=None):
        return t.Unit.add(**org.own(name=name, kind=kind, parent_id=parent))

    council = unit("Kommunestyret", Unit.Kind.COUNCIL)
    executive = unit("Formannskapet", Unit.Kind.EXECUTIVE, council)
    mayor = unit("Ordføreren", Unit.Kind.EXECUTIVE_MEMBER, executive)
    ids.council, ids.executive, ids.political = council, executive, [council, executive, mayor]
    count = org.shape.units - 3
    departments = max(1, count // 3)
    ids.departments = [
        unit(f"Avdeling for {_area(i)}", Unit.Kind.DEPARTMENT, executive)
        for i in range(departments)
    ]
    ids.department_of = {pk: pk for pk in ids.departments}
    ids.agencies = []
    for i in range(count - departments):
        department = ids.departments[i % departments]
        pk = unit(f"Enhet {i + 1} for {_area(i % departments)}", Unit.Kind.AGENCY, department)
        ids.agencies.append(pk)
        ids.department_of[pk] = department
    ids.operational = ids.departments + ids.agencies

    ids.people = []
    for i in range(org.shape.people):
        name = person_name(rng)
        pk = t.Person.add(
            **org.own(
                name=name,
                title=rng.choice(["Rådgiver", "Seniorrådgiver", "Prosjektleder", "Kommunalsjef"]),
                email=f"person{i + 1}@{ids.slug}.example.org",
                unit_id=rng.choice(ids.operational),
            )
        )
        ids.people.append((pk, name))

    def user(suffix, role, units=()):
        username = f"{ids.slug}-{suffix}"
        pk = t.User.add(
            username=username, password=UNUSABLE_PASSWORD_PREFIX, email=f"{username}@example.org"
        )
        membership = t.Membership.add(user_id=pk, organisation_id=ids.organisation, role=role)
        for unit_pk in units:
            t.Membership_units.add(membership, unit_pk)
        return pk

    ids.admin = user("administrator", Role.ADMINISTRATOR)
    ids.viewer = user("viewer", Role.VIEWER)
    ids.editor_of = {
        pk: user(f"editor-{n + 1}", Role.EDITOR, [pk]) for n, pk in enumerate(ids.departments)
    }


def _area(i):
    return AREAS[i % len(AREAS)] + (f" {i // len(AREAS) + 1}" if i >= len(AREAS) else "")
