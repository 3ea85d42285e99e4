"""Loads the demo organisations from the TOML files in `data/` (see data/SCHEMA.md).

Loading is idempotent: rows are matched on their natural keys (unit and arena names, an
assessment's arena, date and reference, a decision's arena and outcome, plan titles, item
identifiers, indicator names) and updated in place, so running it again changes nothing and never
duplicates. Follow-up rounds are only made when missing (see load_rounds.py).
"""

import datetime
import tomllib
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django_scopes import scope

from utsyn.arenas.forms import AssessmentForm
from utsyn.arenas.models import Arena, Assessment, Decision, Theme
from utsyn.organisations.models import Membership, Organisation, Role, Unit

from .load_indicators import load_indicators
from .load_plans import load_plans
from .load_rounds import load_rounds

DATA_DIR = Path(__file__).parent / "data"
DEMO_PASSWORD = "demo"  # noqa: S105 – the published password of the demo accounts

# Demo accounts: illustrative people, one per role in each organisation.
DEMO_USERS = {
    "bergen": [
        ("bergen-admin", "Ingrid", "Koordinator", Role.ADMINISTRATOR, []),
        ("bergen-editor", "Erik", "Kultur", Role.EDITOR, ["byrad-kultur"]),
        ("bergen-viewer", "Vera", "Leser", Role.VIEWER, []),
    ],
    "vanersborg": [
        ("vanersborg-admin", "Anna", "Samordnare", Role.ADMINISTRATOR, []),
        ("vanersborg-editor", "Erik", "Redaktör", Role.EDITOR, ["ks"]),
        ("vanersborg-viewer", "Vilma", "Läsare", Role.VIEWER, []),
    ],
}
# One person in both organisations shows that roles are per organisation.
SHARED_USER = ("nordic-viewer", "Nora", "Norden")


def read_files(data_dir=DATA_DIR):
    """The TOML files grouped by organisation slug, in file-name order."""
    grouped = defaultdict(list)
    for path in sorted(data_dir.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        grouped[data["for_organisation"]].append(data)
    return grouped


@transaction.atomic
def load_all(data_dir=DATA_DIR):
    loaded = []
    for slug, files in read_files(data_dir).items():
        organisation = _organisation(slug, files)
        with scope(organisation=organisation):
            units = _units(organisation, files)
            themes = _themes(organisation, files)
            for data in files:
                for arena_data in data.get("arenas", []):
                    _arena(organisation, arena_data, units, themes)
            # Covered arenas may come later in the files: linked once all of them are in.
            _arena_covers(organisation, files)
            users = _users(organisation, units)
            plans, items = load_plans(organisation, files, units)
            load_rounds(organisation, files, plans, items, users, _coordinator(organisation, users))
            load_indicators(organisation, files, items)
            # projects: load the demo's projects below this line
            from .load_projects import load_projects

            load_projects(organisation, files, units, items)
            # activities: load the demo's activities below this line
            from .load_activities import load_activities

            load_activities(organisation, files, units, items)
        loaded.append(organisation)
    return loaded


def _organisation(slug, files):
    fields = next(data["organisation"] for data in files if "organisation" in data)
    organisation, _ = Organisation.objects.update_or_create(
        slug=slug,
        defaults={
            "name": fields["name"],
            "kind": fields["kind"],
            "country": fields["country"],
            "language": fields["language"],
            "official_number": fields.get("official_number", ""),
            # The demo holds invented rows, marked as such: its pages show the mark.
            "holds_demo_data": True,
        },
    )
    return organisation


def _units(organisation, files):
    definitions = {}
    for data in files:
        for unit in data.get("units", []):
            definitions.setdefault(unit["key"], unit)
    units = {}
    # Parents are created before their children, whatever the order in the files.
    while len(units) < len(definitions):
        progressed = False
        for key, unit in definitions.items():
            parent_key = unit.get("parent")
            if key in units or (parent_key and parent_key not in units):
                continue
            units[key], _ = Unit.objects.update_or_create(
                organisation=organisation,
                name=unit["name"],
                defaults={"kind": unit["kind"], "parent": units.get(parent_key)},
            )
            progressed = True
        if not progressed:
            missing = sorted(set(definitions) - set(units))
            raise ValueError(f"Units with unknown parents: {missing}")
    return units


def _themes(organisation, files):
    themes = {}
    for data in files:
        for theme in data.get("themes", []):
            themes[theme["key"]], _ = Theme.objects.get_or_create(
                organisation=organisation, name=theme["name"]
            )
    return themes


ARENA_FIELDS = [
    "acronym",
    "kind",
    "scope",
    "description",
    "website",
    "since_year",
    "until_year",
    "intermediary",
    "intermediary_role",
    "status",
    "status_date",
    "status_reason",
    "city",
    "country",
    "latitude",
    "longitude",
    "history",
]
# The demo files name the same fields as the assessment form, less those set from the file's keys.
ASSESSMENT_FIELDS = [
    name
    for name in AssessmentForm.Meta.fields
    if name not in {"assessed_on", "assessor", "reference"}
]


def _arena(organisation, data, units, themes):
    defaults = {name: data[name] for name in ARENA_FIELDS if name in data}
    for name in ("latitude", "longitude"):
        if name in defaults:
            defaults[name] = Decimal(str(round(defaults[name], 5)))
    if isinstance(defaults.get("status_date"), str):
        defaults["status_date"] = datetime.date.fromisoformat(defaults["status_date"])
    defaults["responsible"] = units.get(data.get("responsible"))
    defaults["operational_unit"] = units.get(data.get("operational_unit"))
    defaults["is_published"] = True  # the review is a public document
    arena, _ = Arena.objects.update_or_create(
        organisation=organisation, name=data["name"], defaults=defaults
    )
    arena.full_clean()
    arena.themes.set([themes[key] for key in data.get("themes", [])])
    for assessment in data.get("assessments", []):
        Assessment.objects.update_or_create(
            organisation=organisation,
            arena=arena,
            assessed_on=datetime.date.fromisoformat(assessment["assessed_on"]),
            reference=assessment.get("reference", ""),
            defaults={
                "assessor": units.get(assessment.get("assessor")),
                **{name: assessment[name] for name in ASSESSMENT_FIELDS if name in assessment},
            },
        )
    for decision in data.get("decisions", []):
        decided_on = decision.get("decided_on")
        Decision.objects.update_or_create(
            organisation=organisation,
            arena=arena,
            outcome=decision["outcome"],
            defaults={
                "body": units[decision["body"]],
                "decided_on": datetime.date.fromisoformat(decided_on) if decided_on else None,
                "case_reference": decision.get("case_reference", ""),
                "text": decision.get("text", ""),
            },
        )


def _arena_covers(organisation, files):
    """The arenas each agreement or network covers, by name; an unknown name stops the load."""
    for data in files:
        for arena_data in data.get("arenas", []):
            names = arena_data.get("covers", [])
            arena = Arena.objects.get(organisation=organisation, name=arena_data["name"])
            covered = list(Arena.objects.filter(organisation=organisation, name__in=names))
            unknown = set(names) - {other.name for other in covered}
            if unknown:
                raise ValueError(f"{arena.name} covers unknown arenas: {sorted(unknown)}")
            if covered and not arena.can_cover():
                raise ValueError(f"{arena.name} is no agreement or network: it covers nothing")
            arena.covers.set(covered)


def _users(organisation, units):
    """The organisation's demo users by username."""
    users = {}
    for username, first, last, role, unit_keys in DEMO_USERS.get(organisation.slug, []):
        user = users[username] = _user(username, first, last)
        membership, _ = Membership.objects.update_or_create(
            user=user, organisation=organisation, defaults={"role": role}
        )
        membership.units.set([units[key] for key in unit_keys])
    shared = _user(*SHARED_USER)
    Membership.objects.get_or_create(
        user=shared, organisation=organisation, defaults={"role": Role.VIEWER}
    )
    return users


def _coordinator(organisation, users):
    """The demo administrator, who opens, reviews and closes the demo follow-up rounds."""
    administrators = [
        users[username]
        for username, _first, _last, role, _units in DEMO_USERS.get(organisation.slug, [])
        if role == Role.ADMINISTRATOR
    ]
    return administrators[0] if administrators else None


def _user(username, first, last):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": f"({last})"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def demo_logins():
    rows = [
        (username, role.label, slug)
        for slug, users in DEMO_USERS.items()
        for username, _first, _last, role, _units in users
    ]
    rows.append((SHARED_USER[0], Role.VIEWER.label, "bergen, vanersborg"))
    return rows
