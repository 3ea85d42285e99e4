"""Generated projects, exchange rates, activities, visit requests and a first log entry each."""

import datetime
import uuid
from decimal import Decimal
from types import SimpleNamespace

from utsyn.activities.models import Activity, Cost, DelegationRequest, Participant
from utsyn.audit.models import LogEntry
from utsyn.money.models import reporting_currency
from utsyn.projects.models import FundingProgramme, Project

from .shape import REFERENCE_DATE, moment
from .text import CITIES, COUNTRIES, paragraph, person_name, sentence

PROJECT_STATUSES = (list(Project.Status), [10, 10, 10, 10, 10, 25, 20, 5])
STARTED = {Project.Status.GRANTED, Project.Status.RUNNING, Project.Status.COMPLETED}
ACTIVITY_KINDS = (list(Activity.Kind), [20, 20, 20, 30, 10])
# What one unit of a currency is worth in a reporting currency, about.
RATES = {
    ("NOK", "EUR"): 11.5,
    ("NOK", "SEK"): 1.02,
    ("SEK", "EUR"): 11.2,
    ("SEK", "NOK"): 0.98,
    ("EUR", "NOK"): 0.087,
    ("EUR", "SEK"): 0.089,
}
RATE_YEARS = range(2015, 2030)


def _uuid(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def projects(org):
    rng, t, ids = org.rng, org.t, org.ids
    own_programme = t.FundingProgramme.add(
        **org.own(name=f"Regionalt utviklingsfond {ids.name}", kind=FundingProgramme.Kind.OTHER)
    )
    programmes = org.refs.shared_programmes + [own_programme]
    ids.projects = []
    for i in range(org.shape.projects):
        status = rng.choices(*PROJECT_STATUSES)[0]
        dates = {}
        if status in STARTED:
            start = datetime.date(rng.randint(2018, 2026), rng.randint(1, 12), 1)
            deadline = start - datetime.timedelta(days=rng.randint(150, 300))
            dates = {
                "start_date": start,
                "end_date": start.replace(year=start.year + rng.randint(2, 4)),
                "application_deadline": deadline,
                "decision_expected": deadline + datetime.timedelta(days=120),
            }
        elif status in (Project.Status.SUBMITTED, Project.Status.REJECTED):
            dates = {"application_deadline": datetime.date(2026, rng.randint(1, 10), 1)}
        else:
            dates = {"planned_application_year": rng.randint(2026, 2028)}
        currency = rng.choices(["EUR", "NOK", "SEK"], [70, 15, 15])[0]
        total = rng.randrange(100, 3000) * 1000
        grant = round(total * 0.6)
        pk = t.Project.add(
            **org.own(
                title=f"{sentence(rng, 4)[:-1]} ({i + 1})",
                acronym=f"PRJ{i + 1}",
                description=paragraph(rng, 2),
                status=status,
                programme_id=rng.choice(programmes),
                call_identifier=f"CALL-{rng.randint(2018, 2026)}-{rng.randint(1, 99)}",
                role=rng.choice(list(Project.Role)),
                currency=currency,
                total_budget=Decimal(total),
                grant_amount=Decimal(grant),
                own_contribution=Decimal(total - grant),
                responsible_unit_id=rng.choice(ids.operational),
                results=paragraph(rng, 2) if status == Project.Status.COMPLETED else "",
                **dates,
            )
        )
        ids.projects.append(pk)
        if ids.people:
            t.Project_contact_persons.add(pk, rng.choice(ids.people)[0])
        for measure in rng.sample(ids.measures, min(len(ids.measures), rng.randint(1, 2))):
            t.Project_plan_items.add(pk, measure[0])
        if rng.random() < 0.5:
            t.Project_arenas.add(pk, rng.choice(ids.arenas)[0])
        t.Project_sdg_goals.add(pk, rng.randint(1, 17))
        for _ in range(rng.randint(1, 4)):
            city, country, *_coordinates = rng.choice(CITIES)
            t.ProjectPartner.add(
                **org.own(
                    project_id=pk,
                    name=f"{city} {rng.choice(['kommune', 'universitet', 'region'])}",
                    city=city,
                    country=country,
                    role=rng.choice(list(Project.Role)),
                )
            )
    reporting = reporting_currency(SimpleNamespace(country=ids.country))
    for currency in sorted({"EUR", "NOK", "SEK"} - {reporting}):
        for year in RATE_YEARS:
            rate = RATES[(currency, reporting)] * (1 + (year - 2020) * 0.01)
            t.ExchangeRate.add(**org.own(year=year, currency=currency, rate=Decimal(f"{rate:.6f}")))


def activities(org):
    rng, t, ids = org.rng, org.t, org.ids
    home_currency = reporting_currency(SimpleNamespace(country=ids.country))
    for year in org.shape.activity_year_list:
        for _ in range(org.shape.activities_per_year):
            kind = rng.choices(*ACTIVITY_KINDS)[0]
            starts = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
            ends = starts + datetime.timedelta(days=rng.choice([0, 0, 1, 2, 3, 4]))
            held = starts < REFERENCE_DATE
            status = Activity.Status.HELD if held else Activity.Status.PLANNED
            if rng.random() < 0.05:
                status = Activity.Status.CANCELLED
            abroad = kind not in (Activity.Kind.INCOMING_DELEGATION, Activity.Kind.EVENT)
            city, country, *_coordinates = rng.choice(CITIES)
            timed = rng.random() < 0.3
            pk = t.Activity.add(
                **org.own(
                    title=sentence(rng, rng.randint(4, 8))[:-1],
                    kind=kind,
                    status=status,
                    starts_on=starts,
                    ends_on=ends,
                    start_time=datetime.time(9) if timed else None,
                    end_time=datetime.time(15) if timed else None,
                    place=rng.choice(["Rådhuset", "Kongressenteret", "Biblioteket"]),
                    city=city if abroad else ids.name,
                    country=country if abroad else ids.country,
                    counterpart_arena_id=rng.choice(ids.arenas)[0] if rng.random() < 0.5 else None,
                    counterpart_text=sentence(rng, 3)[:-1] if rng.random() < 0.2 else "",
                    purpose=sentence(rng, rng.randint(10, 25)),
                    report=paragraph(rng, 2) if held and rng.random() < 0.5 else "",
                    responsible_unit_id=rng.choice(ids.operational),
                    recurrence="hver høst" if rng.random() < 0.05 else "",
                    notes=sentence(rng, 8) if rng.random() < 0.1 else "",
                    is_published=rng.random() < 0.5,
                )
            )
            if rng.random() < 0.3:
                t.Activity_plan_items.add(pk, rng.choice(ids.measures)[0])
            for _ in range(rng.randint(1, 4)):
                person = rng.choice(ids.people) if ids.people and rng.random() < 0.3 else None
                t.Participant.add(
                    **org.own(
                        activity_id=pk,
                        name=person[1] if person else person_name(rng),
                        role=rng.choice(["Ordfører", "Rådgiver", "Kommunedirektør", ""]),
                        kind=rng.choice(list(Participant.Kind)),
                        person_id=person[0] if person else None,
                    )
                )
            for _ in range(rng.randint(1, 3) if abroad else 0):
                t.Cost.add(
                    **org.own(
                        activity_id=pk,
                        category=rng.choice(list(Cost.Category)),
                        amount=Decimal(rng.randrange(500, 40000)),
                        currency=home_currency if rng.random() < 0.7 else "EUR",
                        year=year,
                    )
                )
        visit_requests(org, year)


def visit_requests(org, year):
    """Requests from foreign delegations; answered ones have a programme."""
    rng, t, ids = org.rng, org.t, org.ids
    for _ in range(org.shape.requests_per_year):
        city, country, *_coordinates = rng.choice(CITIES)
        start = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(360))
        status = rng.choices(list(DelegationRequest.Status), [20, 60, 20])[0]
        answered = status != DelegationRequest.Status.NEW
        pk = t.DelegationRequest.add(
            **org.own(
                delegation_name=f"Delegasjon fra {city}",
                country=rng.choice(COUNTRIES),
                contact_name=person_name(rng),
                email=f"visit{rng.randint(1, 9999)}@example.org",
                preferred_from=start,
                preferred_to=start + datetime.timedelta(days=rng.randint(0, 3)),
                group_size=rng.randint(3, 40),
                interests=sentence(rng, 20),
                language=rng.choice(["en", "sv", "nb"]),
                status=status,
                submission_token=_uuid(rng),
                programme_token=_uuid(rng),
                handled_at=moment(start - datetime.timedelta(days=30)) if answered else None,
                handled_by_id=ids.admin if answered else None,
            )
        )
        if status == DelegationRequest.Status.ACCEPTED:
            for hour in (9, 11, 13):
                t.ProgrammeItem.add(
                    **org.own(
                        delegation_request_id=pk,
                        starts_at=moment(start, hour),
                        ends_at=moment(start, hour + 1),
                        title=sentence(rng, 5)[:-1],
                        place="Rådhuset",
                        host_unit_id=rng.choice(ids.operational),
                    )
                )


def log_entries(org):
    """A "created" entry for each arena, plan and project: their pages show a history."""
    t, ids, types = org.t, org.ids, org.refs.content_types
    subjects = (
        [("Arena", pk) for pk, _unit in ids.arenas]
        + [("Plan", pk) for pk in ids.plans]
        + [("Project", pk) for pk in ids.projects]
    )
    for model, pk in subjects:
        t.LogEntry.add(
            organisation_id=ids.organisation,
            user_id=ids.admin,
            action=LogEntry.Action.CREATED,
            content_type_id=types[model],
            object_id=pk,
            object_repr=f"{model} {pk}",
            subject_type_id=types[model],
            subject_id=pk,
        )
