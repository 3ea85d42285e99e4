"""Generated follow-up: two rounds a year with their tasks, and the indicators."""

import datetime
from decimal import Decimal

from utsyn.arenas.models import AssessmentCriteria, Level, Recommendation
from utsyn.followup.models import Round, TaskState

from .shape import moment
from .text import sentence

# The open round: what the units have done so far. Never approved, so that each item's status
# stays that of the last closed round (approval would copy the update onto the item).
OPEN_STATES = (
    [TaskState.TO_DO, TaskState.DRAFT, TaskState.SUBMITTED, TaskState.RETURNED],
    [40, 20, 30, 10],
)
RECOMMENDATIONS = (
    [Recommendation.CONTINUE, Recommendation.STRENGTHEN, Recommendation.LEAVE],
    [75, 15, 10],
)


def rounds(org):
    """Per year an interim round (January–August) over the action plan, and a yearly round over
    the action plan and every arena. All are closed but the last, which is open."""
    t, ids = org.t, org.ids
    years = org.shape.round_years
    index = 0
    for year in years:
        for yearly in (False, True):
            is_open = yearly and year == years[-1]
            end = datetime.date(year, 12, 31) if yearly else datetime.date(year, 8, 31)
            due = datetime.date(year + 1, 1, 31) if yearly else datetime.date(year, 9, 30)
            pk = t.Round.add(
                **org.own(
                    name=f"{'Årsrapport' if yearly else 'Delårsrapport'} {year}",
                    period_kind=Round.PeriodKind.YEAR if yearly else Round.PeriodKind.INTERIM,
                    period_start=datetime.date(year, 1, 1),
                    period_end=end,
                    due_date=due,
                    instructions=sentence(org.rng, 18),
                    status=Round.Status.OPEN if is_open else Round.Status.CLOSED,
                    closed_at=None if is_open else moment(due + datetime.timedelta(days=14)),
                )
            )
            t.Round_plans.add(pk, ids.action_plan)
            for measure, unit, history in ids.measures:
                item_update(org, pk, index, due, is_open, measure, unit, history)
            if yearly:
                for arena, unit in ids.arenas:
                    t.Round_arenas.add(pk, arena)
                    arena_review(org, pk, f"Årsrapport {year}", due, is_open, arena, unit)
            index += 1


def _task(org, state, unit, due):
    """The common part of a task in a state: who submitted and reviewed it, and when."""
    values = {"state": state, "unit_id": unit}
    if state in (TaskState.SUBMITTED, TaskState.RETURNED, TaskState.APPROVED):
        values["submitted_at"] = moment(due - datetime.timedelta(days=org.rng.randint(1, 20)))
        values["submitted_by_id"] = org.editor_for(unit)
    if state in (TaskState.RETURNED, TaskState.APPROVED):
        values["reviewed_at"] = moment(due + datetime.timedelta(days=org.rng.randint(1, 10)))
        values["reviewed_by_id"] = org.ids.admin
    if state == TaskState.RETURNED:
        values["return_comment"] = sentence(org.rng, 10)
    return values


def item_update(org, round_, index, due, is_open, measure, unit, history):
    rng = org.rng
    state = rng.choices(*OPEN_STATES)[0] if is_open else TaskState.APPROVED
    # A task not yet touched starts from the item's values, as `sync_tasks` makes it.
    status, progress = history[index - 1] if state == TaskState.TO_DO else history[index]
    org.t.ItemUpdate.add(
        **org.own(
            round_id=round_,
            item_id=measure,
            status=status,
            progress=progress,
            text="" if state == TaskState.TO_DO else sentence(rng, rng.randint(15, 40)),
            internal_note=sentence(rng, 8) if rng.random() < 0.1 else "",
            **_task(org, state, unit, due),
        )
    )


def _criteria(rng):
    return {
        "participation": rng.choice(list(AssessmentCriteria.Participation)),
        "participation_text": sentence(rng, 12),
        "learning": rng.choice(list(Level)),
        "learning_text": sentence(rng, 12),
        "influence": rng.choice(list(Level)),
        "influence_text": sentence(rng, 12),
        "summary": sentence(rng, 24),
        "recommendation": rng.choices(*RECOMMENDATIONS)[0],
    }


def arena_review(org, round_, name, due, is_open, arena, unit):
    """A yearly review; approved ones are recorded on the arena as an assessment."""
    rng, t = org.rng, org.t
    state = rng.choices(*OPEN_STATES)[0] if is_open else TaskState.APPROVED
    criteria = _criteria(rng) if state != TaskState.TO_DO else {}
    assessment = None
    if state == TaskState.APPROVED:
        assessment = t.Assessment.add(
            **org.own(
                arena_id=arena,
                assessed_on=due + datetime.timedelta(days=rng.randint(1, 10)),
                assessor_id=unit,
                reference=name,
                **criteria,
            )
        )
    t.ArenaReview.add(
        **org.own(
            round_id=round_,
            arena_id=arena,
            assessment_id=assessment,
            **criteria,
            **_task(org, state, unit, due),
        )
    )


INDICATORS = [
    ("EU-søknader", "søknader"),
    ("Deltakere i utvekslinger", "personer"),
    ("Aktive nettverk", "nettverk"),
    ("Eksterne midler", "NOK"),
    ("Internasjonale besøk", "besøk"),
]


def indicators(org):
    """Indicators linked to measures, with yearly values and targets for the last years."""
    rng, t, ids = org.rng, org.t, org.ids
    years = org.shape.round_years
    for i in range(org.shape.indicators):
        name, unit = INDICATORS[i % len(INDICATORS)]
        baseline = rng.randint(2, 50)
        pk = t.Indicator.add(
            **org.own(
                name=name if i < len(INDICATORS) else f"{name} {i // len(INDICATORS) + 1}",
                description=sentence(rng, 14),
                unit=unit,
                baseline_year=years[0] - 1,
                baseline_value=Decimal(baseline),
                source="Kommunens egne tall",
            )
        )
        for measure in rng.sample(ids.measures, min(2, len(ids.measures))):
            t.Indicator_items.add(pk, measure[0])
        for year in years[-3:] + [years[-1] + 1]:
            t.IndicatorTarget.add(
                **org.own(indicator_id=pk, year=year, value=Decimal(baseline * 2))
            )
        value = baseline
        for year in years:
            value = max(0, value + rng.randint(-3, 6))
            t.IndicatorValue.add(**org.own(indicator_id=pk, year=year, value=Decimal(value)))
