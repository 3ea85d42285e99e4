"""Generated cooperation arenas with their decisions, and the strategy and action plan."""

import datetime
from decimal import Decimal

from utsyn.arenas.models import Arena, Decision
from utsyn.plans.models import Plan

from .text import CITIES, THEMES, paragraph, sentence

ARENA_KINDS = (list(Arena.Kind), [60, 15, 10, 10, 5])
ARENA_STATUSES = ([Arena.Status.ACTIVE, Arena.Status.ENDING, Arena.Status.ENDED], [90, 5, 5])
NETWORK_NAMES = [
    "Nordisk byforum",
    "Europeisk kommunenettverk",
    "Østersjøsamarbeidet",
    "Klimapartnerskapet",
    "Kystbynettverket",
    "Kulturbyalliansen",
    "Ungdomsnettverket",
    "Innovasjonsplattformen",
]


def _sdgs(org, link_goals, link_targets, source, goals=(1, 2)):
    """Tags a row with one or two goals and, sometimes, a target of the first."""
    rng = org.rng
    chosen = rng.sample(range(1, 18), rng.randint(*goals))
    for goal in chosen:
        link_goals.add(source, goal)
    if chosen and rng.random() < 0.4:
        link_targets.add(source, rng.choice(org.refs.targets_by_goal[chosen[0]]))


def arenas(org):
    rng, t, ids = org.rng, org.t, org.ids
    first_year = org.shape.round_years[0]
    themes = [t.Theme.add(**org.own(name=name)) for name in THEMES]
    ids.arenas = []
    for i in range(org.shape.arenas):
        kind = rng.choices(*ARENA_KINDS)[0]
        status = rng.choices(*ARENA_STATUSES)[0]
        partner = kind in Arena.PARTNER_CITY_KINDS
        city, country, latitude, longitude = rng.choice(CITIES) if partner else ("", "", None, None)
        label = f"Vennskapsbyen {city}" if partner else rng.choice(NETWORK_NAMES)
        fee = kind == Arena.Kind.MEMBERSHIP and rng.random() < 0.8
        currency = rng.choice(["NOK", "EUR"]) if fee else ""
        since = rng.randint(1975, first_year - 1)
        responsible = rng.choice(ids.political)
        operational = rng.choice(ids.operational) if rng.random() < 0.9 else None
        pk = t.Arena.add(
            **org.own(
                name=f"{label} {i + 1}",
                acronym=f"NB{i + 1}" if not partner and rng.random() < 0.5 else "",
                kind=kind,
                description=paragraph(rng, 2),
                website=f"https://arena{i + 1}.example.org",
                scope=Arena.Scope.BILATERAL if partner else rng.choice(list(Arena.Scope)[:4]),
                since_year=since,
                until_year=2026 if status == Arena.Status.ENDED else None,
                intermediary="KS" if not partner and rng.random() < 0.1 else "",
                responsible_id=responsible,
                operational_unit_id=operational,
                yearly_fee=Decimal(rng.randrange(5, 300) * 1000) if fee else None,
                fee_currency=currency,
                status=status,
                status_date=datetime.date(2026, 6, 30) if status != Arena.Status.ACTIVE else None,
                city=city,
                country=country,
                latitude=Decimal(str(latitude)) if partner else None,
                longitude=Decimal(str(longitude)) if partner else None,
                history=paragraph(rng, 2) if partner else "",
                is_published=rng.random() < 0.7,
            )
        )
        for theme in rng.sample(themes, rng.randint(1, 2)):
            t.Arena_themes.add(pk, theme)
        if ids.people:
            t.Arena_contact_persons.add(pk, rng.choice(ids.people)[0])
        _sdgs(org, t.Arena_sdg_goals, t.Arena_sdg_targets, pk)
        decisions(org, pk, since, status, partner)
        ids.arenas.append((pk, operational or responsible))


def decisions(org, arena, since, status, partner):
    """The council's decision to join; to leave, for ended arenas; now and then to continue.
    Partner cities and agreements are established and ended instead."""
    rng, t = org.rng, org.t
    start = Decision.Outcome.ESTABLISH if partner else Decision.Outcome.JOIN
    stop = Decision.Outcome.END if partner else Decision.Outcome.LEAVE

    def decide(outcome, day):
        t.Decision.add(
            **org.own(
                arena_id=arena,
                body_id=org.ids.council,
                decided_on=day,
                case_reference=f"sak {rng.randint(1, 250)}/{day.year % 100:02d}",
                outcome=outcome,
                text=sentence(rng, 16),
            )
        )

    decide(start, datetime.date(since, rng.randint(1, 12), 15))
    if rng.random() < 0.25:
        year = rng.choice(org.shape.round_years)
        decide(Decision.Outcome.CONTINUE, datetime.date(year, rng.randint(1, 12), 10))
    if status == Arena.Status.ENDED:
        decide(stop, datetime.date(2026, 6, 15))


def plans(org):
    """The strategy (parts and main goals) and the action plan (sections and measures) that
    implements it; both published."""
    rng, t, ids = org.rng, org.t, org.ids
    years = org.shape.round_years

    def plan(**values):
        pk = t.Plan.add(
            **org.own(
                description=paragraph(rng, 3),
                start_year=years[0],
                end_year=years[-1] + 4,
                adopted_by_id=ids.council,
                adopted_on=datetime.date(years[0] - 1, 12, 10),
                case_reference=f"sak {rng.randint(1, 250)}/{(years[0] - 1) % 100:02d}",
                document_owner_id=ids.executive,
                status=Plan.Status.ADOPTED,
                follow_up=sentence(rng, 14),
                is_published=True,
                **values,
            )
        )
        for position, (unit, text) in enumerate(
            [(ids.council, "Vedtar planen."), (ids.executive, "Følger opp planen.")]
        ):
            t.PlanRole.add(
                **org.own(plan_id=pk, unit_id=unit, responsibilities=text, position=position)
            )
        return pk

    strategy = plan(
        type=Plan.Type.STRATEGY,
        title=f"Internasjonal strategi for {ids.name}",
        cadence=Plan.Cadence.YEARLY,
        level_names="Del\nHovedmål",
    )
    ids.plans = [strategy]
    goals = []
    for p in range(org.shape.strategy_parts):
        part = item(org, strategy, None, f"Del {p + 1}", p)
        goals += [item(org, strategy, part, f"Hovedmål {p + 1}.{g + 1}", g) for g in range(2)]
    ids.action_plan = plan(
        type=Plan.Type.ACTION_PLAN,
        title=f"Handlingsplan for internasjonalt arbeid {years[0]}–{years[-1]}",
        cadence=Plan.Cadence.HALF_YEARLY,
        implements_id=strategy,
        level_names="Innsatsområde\nTiltak",
    )
    ids.plans.append(ids.action_plan)
    sections = []
    for s in range(org.shape.plan_sections):
        section = item(org, ids.action_plan, None, f"Innsatsområde {s + 1}", s)
        t.PlanItem_serves.add(section, rng.choice(goals))
        sections.append(section)
    ids.measures = []
    for m in range(org.shape.measures):
        # The measure's history of statuses, one per round, decides its status today.
        history = _trajectory(rng, 2 * len(years))
        unit = rng.choice(ids.operational) if rng.random() < 0.9 else None
        status, progress = history[-2] if len(history) > 1 else ("", None)
        pk = item(
            org,
            ids.action_plan,
            sections[m % len(sections)],
            f"Tiltak {m + 1}",
            m // len(sections),
            measure=True,
            responsible_unit_id=unit,
            status=status,
            progress=progress,
            planned_start=datetime.date(years[0], 1, 1),
            planned_end=datetime.date(years[-1], 12, 31),
        )
        ids.measures.append((pk, unit, history))


def item(org, plan, parent, identifier, position, measure=False, **values):
    rng, t, ids = org.rng, org.t, org.ids
    pk = t.PlanItem.add(
        **org.own(
            plan_id=plan,
            parent_id=parent,
            position=position,
            identifier=identifier,
            title=sentence(rng, rng.randint(8, 16)),
            description=paragraph(rng, 2) if measure else "",
            **values,
        )
    )
    if measure:
        if ids.people and rng.random() < 0.7:
            t.PlanItem_contact_persons.add(pk, rng.choice(ids.people)[0])
        if rng.random() < 0.3:
            t.PlanItem_collaborating_units.add(pk, rng.choice(ids.operational))
        if rng.random() < 0.35:
            t.PlanItem_arenas.add(pk, rng.choice(ids.arenas)[0])
    if rng.random() < 0.7:
        _sdgs(org, t.PlanItem_sdg_goals, t.PlanItem_sdg_targets, pk)
    return pk


def _trajectory(rng, rounds):
    """(status, progress) of a measure in each round: started at some point, then on track (now
    and then delayed) up to completion; a fifth are continuous, a few are cancelled."""
    kind = rng.choices(["progress", "continuous", "cancelled"], [75, 20, 5])[0]
    start = rng.randrange(max(1, rounds // 3))
    length = rng.randint(4, 14)
    states, progress = [], 0
    for r in range(rounds):
        if r < start:
            states.append(("not_started", 0))
        elif kind == "continuous":
            states.append(("continuous", None))
        elif kind == "cancelled" and r >= start + length // 2:
            states.append(("cancelled", progress))
        else:
            progress = min(100, round(100 * (r - start + 1) / length))
            if progress == 100:
                states.append(("completed", 100))
            else:
                states.append(("delayed" if rng.random() < 0.15 else "on_track", progress))
    return states
