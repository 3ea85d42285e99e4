import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse

from utsyn.arenas.models import Arena, Assessment, Decision
from utsyn.audit.models import LogEntry
from utsyn.followup.models import ArenaReview, ItemUpdate, Round, TaskState
from utsyn.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from utsyn.organisations.models import Membership, Organisation, Unit
from utsyn.plans.models import Plan, PlanItem, PlanRole

STRATEGY = "Bergen og verden – Internasjonal strategi for Bergen kommune"
ACTION_PLAN = "Bergen og verden – Internasjonal handlingsplan for Bergen kommune"
VANERSBORG_STRATEGY = "Strategi för Vänersborgs kommuns internationella arbete 2024 - 2028"


def _bergen(**filters):
    return Arena.objects.filter(organisation__slug="bergen", **filters)


def test_bergens_register_matches_the_review(demo):
    assert _bergen(kind__in=["membership", "initiative", "programme"]).count() == 34
    twins = set(_bergen(kind="twin_city").values_list("name", "country"))
    assert twins == {
        ("Göteborg", "SE"),
        ("Århus", "DK"),
        ("Åbo/Turku", "FI"),
        ("Newcastle", "GB"),
        ("Seattle", "US"),
    }
    dalian = _bergen(kind="agreement").get()
    assert dalian.city == "Dalian" and dalian.country.code == "CN"
    assert _bergen(name="Eurocities", since_year=2002).exists()
    eureau = _bergen(name="Eureau").get()
    assert eureau.intermediary == "Norsk Vann" and eureau.intermediary_role == "member_through"
    assert eureau.responsible.name == "Byråd for klima, miljø og byutvikling"


def test_the_council_decisions_of_the_review_are_there(demo):
    def outcomes(name_part):
        return set(
            Decision.objects.filter(
                organisation__slug="bergen", arena__name__icontains=name_part
            ).values_list("outcome", flat=True)
        )

    assert outcomes("Global Climate Forum") == {"leave"}
    assert outcomes("Union of the Baltic Cities") == {"leave"}
    assert "join" in outcomes("Solidarity Cities")
    assert outcomes("Human Rights Cities") == {"request_join"}
    assert outcomes("UCLG") == {"consider_joining"}
    assert _bergen(name__icontains="Global Climate Forum").get().status == "ended"


def test_the_networks_of_twin_cities_name_the_twin_cities_they_cover(demo):
    nordic = {"Göteborg", "Århus", "Åbo/Turku"}
    for network in ("Vennskapsbynettverk på idrettsfeltet", "Internordisk leirskole"):
        covering = _bergen(name__startswith=network).get()
        assert set(covering.covers.values_list("name", flat=True)) == nordic
    covered_by = _bergen(name="Göteborg").get().covered_by.values_list("name", flat=True)
    assert len(covered_by) == 2
    assert not _bergen(kind="twin_city", covers__isnull=False).exists()


def test_no_decision_contradicts_its_arena_in_words_or_status(demo):
    decisions = Decision.objects.select_related("arena")
    assert decisions.exists()
    for decision in decisions:
        arena = decision.arena
        assert decision.outcome in Decision.outcomes_for(arena.kind), arena.name
        implied = decision.implied_status()
        if implied and not decision.is_superseded():
            assert arena.status in implied[1], (arena.name, decision.outcome, arena.status)


def test_assessments_carry_the_reviews_reference_and_recommendations(demo):
    assessments = Assessment.objects.filter(organisation__slug="bergen")
    assert set(assessments.values_list("reference", flat=True)) == {"2018/51186-20"}
    assert assessments.filter(recommendation="strengthen").count() == 5  # the twin cities
    assert assessments.filter(arena__name__icontains="Baltic", recommendation="leave").exists()
    assert not _bergen(yearly_fee__isnull=False).exists()  # the seeds give no fees


def test_vanersborg_is_a_swedish_organisation_with_its_bodies(demo):
    vanersborg = Organisation.objects.get(slug="vanersborg")
    assert (vanersborg.language, vanersborg.country.code) == ("sv", "SE")
    names = set(Unit.objects.filter(organisation=vanersborg).values_list("name", flat=True))
    assert {"Kommunfullmäktige", "Kommunstyrelsen"} <= names
    assert Arena.objects.filter(organisation=vanersborg, kind="twin_city").exists()


def test_the_demo_organisations_hold_demo_data_and_name_one_chief_executive(demo):
    # The illustrative rows are shown as such in the demo (`Organisation.holds_demo_data`).
    assert set(
        Organisation.objects.filter(holds_demo_data=True).values_list("slug", flat=True)
    ) == {
        "bergen",
        "vanersborg",
    }
    # The one chief executive's office the seeds name: Vänersborg's kommunstyrelseförvaltning
    # (Bergen's city government has byrådsavdelinger, no kommunedirektør).
    chief = Unit.objects.get(kind=Unit.Kind.CHIEF_EXECUTIVE)
    assert (chief.organisation.slug, chief.name, chief.parent.name) == (
        "vanersborg",
        "Kommunstyrelseförvaltningen",
        "Kommunstyrelsen",
    )


LOADED_MODELS = [
    Arena,
    Assessment,
    Decision,
    Unit,
    Membership,
    Plan,
    PlanItem,
    PlanRole,
    Round,
    ItemUpdate,
    ArenaReview,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    LogEntry,
]


def _snapshot():
    return {
        "counts": [model.objects.count() for model in LOADED_MODELS],
        "items": sorted(PlanItem.objects.values_list("pk", "status", "progress", "position")),
        "tasks": sorted(ItemUpdate.objects.values_list("pk", "state", "status", "progress")),
        "reviews": sorted(ArenaReview.objects.values_list("pk", "state", "return_comment")),
        "rounds": sorted(Round.objects.values_list("pk", "status", "closed_at")),
    }


def test_loading_twice_changes_nothing(demo):
    before = _snapshot()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert _snapshot() == before
    assert "bergen-admin" in out.getvalue()


@pytest.mark.parametrize(
    "language, heading", [("nb", "Samarbeidsarenaer"), ("en", "Cooperation arenas")]
)
def test_the_demo_register_is_browsable_in_bokmal_and_english(demo, client, language, heading):
    client.login(username="bergen-viewer", password="demo")
    response = client.get(
        reverse("arenas:list", kwargs={"organisation": "bergen"}),
        {"page": 1},
        headers={"Accept-Language": language},
    )
    assert response.status_code == 200
    assert heading in response.content.decode()
    assert response.context["page"].paginator.count == 40


def _items(title, **filters):
    return PlanItem.objects.filter(plan__title=title, **filters)


def test_bergen_has_its_strategy_and_the_action_plan_that_implements_it(demo):
    plans = Plan.objects.filter(organisation__slug="bergen")
    assert set(plans.values_list("title", flat=True)) == {STRATEGY, ACTION_PLAN}
    strategy, action_plan = plans.get(title=STRATEGY), plans.get(title=ACTION_PLAN)
    assert action_plan.implements == strategy
    assert (strategy.status, strategy.adopted_by.name) == ("adopted", "Bystyret")
    assert strategy.case_reference == "sak 173-18"
    # 001 is the city government's proposal; the seeds do not say it was adopted.
    assert (action_plan.status, action_plan.adopted_by) == ("draft", None)
    assert strategy.is_published and action_plan.is_published
    assert strategy.levels() == ["Del", "Hovedmål", "Hovedprioritering"]
    assert "Anskaffelsesstrategien" in [title for title, _url in action_plan.referenced_plans()]


def test_the_strategy_has_three_parts_main_goals_and_nine_priorities(demo):
    parts = _items(STRATEGY, parent=None)
    assert list(parts.values_list("identifier", flat=True)) == ["Del 1", "Del 2", "Del 3"]
    goals = _items(STRATEGY, parent__in=parts)
    assert goals.count() == 3 and all(goal.identifier.startswith("Hovedmål") for goal in goals)
    priorities = _items(STRATEGY, parent__in=goals)
    assert priorities.count() == 9
    assert all(item.identifier.startswith("Hovedprioritering") for item in priorities)


def test_the_action_plan_has_21_measures_in_four_chapters(demo):
    chapters = _items(ACTION_PLAN, parent=None)
    assert chapters.count() == 4
    measures = _items(ACTION_PLAN, identifier__startswith="Tiltak")
    assert measures.count() == 21
    assert {item.parent_id for item in measures} == {chapter.pk for chapter in chapters}
    first_chapter = chapters.order_by("position").first()
    assert list(first_chapter.children.values_list("identifier", flat=True)) == [
        f"Tiltak {number}" for number in range(1, 6)
    ]


def test_measures_serve_the_strategy_and_name_their_arenas_and_units(demo):
    tiltak_6 = _items(ACTION_PLAN).get(identifier="Tiltak 6")
    assert list(tiltak_6.serves.values_list("identifier", flat=True)) == ["Hovedprioritering 1.2"]
    assert set(tiltak_6.arenas.values_list("name", flat=True)) == {
        "Eurocities",
        "Vest-Norges Brusselkontor",
    }
    # The seed names a responsible unit for one measure only, the twin cities (Tiltak 20), and
    # gives the plan to the city government, whom the four chapters name.
    # The chapters (no parent) first on every database: PostgreSQL sorts NULL last by default.
    responsible = _items(ACTION_PLAN, responsible_unit__isnull=False).order_by(
        F("parent").asc(nulls_first=True), "position"
    )
    assert list(responsible.values_list("title", "responsible_unit__name")) == [
        ("Menneskerettighetsbyen Bergen", "Byrådet"),
        ("Bergen i verden", "Byrådet"),
        ("Verden i Bergen", "Byrådet"),
        ("Bergen kommune sitt internasjonale arbeid", "Byrådet"),
        ("Styrke samarbeidet og dialogen med vennskapsbyene.", "Bystyrets kontor"),
    ]
    assert _items(ACTION_PLAN, sdg_goals__isnull=False).count() == 0


def test_vanersborgs_strategy_in_swedish(demo):
    plan = Plan.objects.get(organisation__slug="vanersborg", title=VANERSBORG_STRATEGY)
    assert (plan.type, plan.status, plan.case_reference) == ("strategy", "adopted", "KS 2023/993")
    assert (plan.start_year, plan.end_year, str(plan.adopted_on)) == (2024, 2028, "2024-02-12")
    assert (plan.adopted_by.name, plan.document_owner.name) == (
        "Kommunfullmäktige",
        "Kommunstyrelsen",
    )
    assert (str(plan.valid_until), plan.cadence) == ("2028-12-31", "term")
    assert "delårsrapporter" in plan.follow_up and plan.is_published
    assert list(plan.items.values_list("title", flat=True)) == [
        "Inkluderande samhällen",
        "Digitaliserade samhällen",
        "Gröna och hållbara samhällen",
    ]
    roles = PlanRole.objects.filter(plan=plan)
    assert list(roles.values_list("unit__name", flat=True)) == [
        "Kommunfullmäktige",
        "Kommunstyrelsen",
        "Nämnderna",
    ]
    assert "fastställer beslut om vänorter" in roles[0].responsibilities


def test_bergens_illustrative_rounds(demo):
    rounds = Round.objects.filter(organisation__slug="bergen")
    assert rounds.count() == 3 and all(round_.is_illustrative for round_ in rounds)
    closed = rounds.filter(status=Round.Status.CLOSED)
    assert set(closed.values_list("name", flat=True)) == {"Oppfølging 2024", "Oppfølging 2025"}
    updates = ItemUpdate.objects.filter(round__in=closed)
    assert updates.count() == 2 * 21
    assert set(updates.values_list("state", flat=True)) == {TaskState.APPROVED}
    open_round = rounds.get(status=Round.Status.OPEN)
    assert (open_round.name, str(open_round.due_date)) == ("Oppfølging 2026", "2026-12-04")
    states = set(open_round.item_updates.values_list("state", flat=True))
    states |= set(open_round.arena_reviews.values_list("state", flat=True))
    assert states == set(TaskState)
    assert 5 <= open_round.arena_reviews.count() <= 8


def test_the_open_round_gives_its_tasks_to_units_in_the_plans_order(demo, client):
    open_round = Round.objects.get(organisation__slug="bergen", status=Round.Status.OPEN)
    # Before units were inherited, 20 of its 28 tasks fell to the coordinator; now none does.
    tasks = [*open_round.item_updates.all(), *open_round.arena_reviews.all()]
    assert len(tasks) == 28 and [task for task in tasks if task.unit_id is None] == []
    units = dict(open_round.item_updates.values_list("item__identifier", "unit__name"))
    assert units["Tiltak 20"] == "Bystyrets kontor"
    assert {units[f"Tiltak {n}"] for n in range(1, 22) if n != 20} == {"Byrådet"}
    client.force_login(get_user_model().objects.get(username="bergen-admin"))
    url = reverse("followup:todo", kwargs={"organisation": "bergen", "pk": open_round.pk})
    updates = client.get(url).context["updates"]
    assert [update.item.identifier for update in updates] == [f"Tiltak {n}" for n in range(1, 22)]


def test_unnumbered_chapters_and_macro_strategies_show_their_level_and_place(demo, client):
    client.force_login(get_user_model().objects.get(username="nordic-viewer"))
    for slug, title, shown in [
        ("bergen", ACTION_PLAN, ["Kapittel 1", "Tiltak 1", "Kapittel 4", "Tiltak 21"]),
        ("vanersborg", VANERSBORG_STRATEGY, ["Makrostrategi 1", "Makrostrategi 3"]),
    ]:
        plan = Plan.objects.get(organisation__slug=slug, title=title)
        assert not plan.items.filter(identifier=F("title")).exists()
        page = client.get(reverse("plans:detail", kwargs={"organisation": slug, "pk": plan.pk}))
        html = page.content.decode()
        for heading in shown:
            assert f'<p class="plan-tree__level">{heading}</p>' in html


def test_items_end_with_their_latest_approved_status(demo):
    for item in _items(ACTION_PLAN, identifier__startswith="Tiltak"):
        latest = item.updates.filter(state=TaskState.APPROVED).order_by("round__period_end").last()
        assert (item.status, item.progress) == (latest.status, latest.progress)


def test_the_demo_editor_has_a_to_do_list_in_the_open_round(demo):
    editor = get_user_model().objects.get(username="bergen-editor")
    open_round = Round.objects.get(organisation__slug="bergen", status=Round.Status.OPEN)
    tasks = [*open_round.item_updates.all(), *open_round.arena_reviews.all()]
    editable = [task for task in tasks if editor.has_perm("task.edit", task)]
    assert len(editable) >= 2
    assert {task.state for task in editable} >= {TaskState.TO_DO, TaskState.RETURNED}


def test_bergens_indicators_are_illustrative_and_linked_to_measures(demo):
    indicators = Indicator.objects.filter(organisation__slug="bergen")
    assert indicators.count() >= 2 and all(indicator.is_illustrative for indicator in indicators)
    eu = indicators.get(name="Antall EU-søknader med Bergen kommune som partner")
    assert set(eu.items.values_list("identifier", flat=True)) == {
        "Tiltak 14",
        "Tiltak 16",
        "Tiltak 18",
    }
    assert eu.targets.exists()
    assert set(eu.values.values_list("year", flat=True)) == {2024, 2025}


def test_the_export_of_bergen_holds_its_plans_and_every_status_update(demo, tmp_path):
    path = tmp_path / "bergen.json"
    with path.open("w", encoding="utf-8") as handle:
        call_command("export_organisation", "bergen", stdout=handle)
    tables = json.loads(path.read_text("utf-8"))["tables"]
    assert {row["title"] for row in tables["plans.plan"]} == {STRATEGY, ACTION_PLAN}
    bergen = {"organisation__slug": "bergen"}
    assert len(tables["followup.itemupdate"]) == ItemUpdate.objects.filter(**bergen).count()
    assert len(tables["plans.planitem"]) == PlanItem.objects.filter(**bergen).count()
    assert len(tables["followup.round"]) == 3
