"""Plans as documents have them: optional identifiers, sections outside the levels, labels that
do not repeat the level, the level a new item gets, and the levels a plan follows up."""

import pytest
from django.urls import reverse

from utsyn.plans.models import Plan, PlanItem
from utsyn.testing import PlanFactory, PlanItemFactory, post_form

EN = {"Accept-Language": "en"}
LEVELS = "Main goal\nSub-goal\nStrategy\nMeasure"


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"organisation": world.slug, **kwargs})


def _add(client, world, plan, parent=None, **data):
    url = _url("plans:item_create", world, plan_pk=plan.pk)
    if parent is not None:
        url += f"?parent={parent.pk}"
    return client.post(url, {"title": "An item", "sdg_targets": "", **data}, headers=EN)


def _headings(client, world, plan):
    html = client.get(_url("plans:detail", world, pk=plan.pk), headers=EN).content.decode()
    return [
        line.split(">", 1)[1].split("</p>")[0]
        for line in html.splitlines()
        if '<p class="plan-tree__level">' in line
    ]


def test_a_new_organisation_enters_a_plan_with_a_section_and_unnumbered_items(municipality, login):
    client = login(municipality.administrator)
    response = client.post(
        _url("plans:create", municipality),
        {
            "type": "strategy",
            "title": "International strategy",
            "status": "adopted",
            "level_names": LEVELS,
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get(title="International strategy")
    assert _add(client, municipality, plan, title="International work").status_code == 302
    goal = PlanItem.objects.get(title="International work")
    for identifier in ("Sub-goal 1", "2"):  # as the document writes them
        _add(client, municipality, plan, goal, identifier=identifier, title=f"Sub {identifier}")
    sub_goal = PlanItem.objects.get(identifier="Sub-goal 1")
    for title in ("Strategi: open doors", "Strategi: learn from others"):  # repeated, unnumbered
        assert _add(client, municipality, plan, sub_goal, title=title).status_code == 302
    section = _add(client, municipality, plan, title="How we succeed", is_section="on")
    assert section.status_code == 302
    organised = PlanItem.objects.get(title="How we succeed")
    assert _add(client, municipality, plan, organised, title="Organisation").status_code == 302

    assert PlanItem.objects.filter(plan=plan, identifier="").count() == 5
    assert _headings(client, municipality, plan) == [
        "Main goal 1",
        "Sub-goal 1",  # the identifier carries the level's name: not "Sub-goal · Sub-goal 1"
        "Strategy 1",
        "Strategy 2",
        "Sub-goal · 2",
        # the section shows no level; the item below it takes the level the section stands at,
        # and is counted on from the main goal before it
        "Main goal 2",
    ]
    organisation = PlanItem.objects.get(title="Organisation")
    page = client.get(_url("overview:item_detail", municipality, pk=organisation.pk), headers=EN)
    assert "Main goal 2" in page.content.decode()


def test_identifiers_are_optional_but_unique_within_the_plan_when_given(municipality, login):
    client = login(municipality.administrator)
    plan = PlanFactory(organisation=municipality.organisation, level_names="Measure")
    other_plan = PlanFactory(organisation=municipality.organisation, level_names="Measure")
    PlanItemFactory(plan=other_plan, identifier="Tiltak 1")
    assert _add(client, municipality, plan, identifier="Tiltak 1").status_code == 302
    assert _add(client, municipality, plan, identifier="").status_code == 302
    assert _add(client, municipality, plan, identifier="").status_code == 302
    duplicate = _add(client, municipality, plan, identifier="Tiltak 1", title="Again")
    assert duplicate.status_code == 400
    assert "already has an item with that identifier" in str(duplicate.context["form"].errors)
    assert list(plan.items.values_list("identifier", flat=True)) == ["Tiltak 1", "", ""]


def test_the_page_for_a_new_item_says_which_level_it_gets(municipality, login):
    client = login(municipality.administrator)
    plan = PlanFactory(organisation=municipality.organisation, level_names=LEVELS)
    goal = PlanItemFactory(plan=plan, identifier="1")
    url = _url("plans:item_create", municipality, plan_pk=plan.pk)
    top = client.get(url, headers=EN).content.decode()
    assert "The new item is a “Main goal” (level 1 of 4)" in top
    below = client.get(f"{url}?parent={goal.pk}", headers=EN).content.decode()
    assert "The new item is a “Sub-goal” (level 2 of 4)" in below
    assert _url("plans:edit", municipality, pk=plan.pk) in below  # name another level


def test_an_item_below_the_last_named_level_is_refused_unless_it_is_a_section(municipality, login):
    client = login(municipality.administrator)
    plan = PlanFactory(organisation=municipality.organisation, level_names="Chapter\nMeasure")
    chapter = PlanItemFactory(plan=plan, identifier="1")
    measure = PlanItemFactory(plan=plan, parent=chapter, identifier="Measure 1")
    page = client.get(
        _url("plans:item_create", municipality, plan_pk=plan.pk) + f"?parent={measure.pk}",
        headers=EN,
    )
    assert "none below them: here the new item can only be a section" in page.content.decode()
    refused = _add(client, municipality, plan, measure, identifier="Measure 1.1")
    assert refused.status_code == 400
    assert "The plan names no level below “Measure”: name another level in the plan" in str(
        refused.context["form"].non_field_errors()
    )
    assert not PlanItem.objects.filter(identifier="Measure 1.1").exists()
    # A section is outside the levels: it may stand below the measure.
    assert _add(client, municipality, plan, measure, is_section="on").status_code == 302
    # Moving the chapter with its measure below another chapter would push the measure below
    # the last level: refused, nothing moves.
    other = PlanItemFactory(plan=plan, identifier="2")
    moved = client.post(
        _url("plans:item_move", municipality, pk=chapter.pk), {"parent": other.pk}, headers=EN
    )
    assert moved.status_code == 400
    assert "names no level below" in moved.content.decode()
    chapter.refresh_from_db()
    assert chapter.parent is None


def test_a_section_is_not_followed_up(municipality, login):
    client = login(municipality.administrator)
    plan = PlanFactory(organisation=municipality.organisation, level_names="Measure")
    response = _add(client, municipality, plan, is_section="on", followed_up="yes")
    assert response.status_code == 400
    assert "A section is not followed up." in str(response.context["form"].errors)
    assert not plan.items.exists()


PLAN = {"type": "action_plan", "title": "Plan", "status": "adopted"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"level_names": "Chapter\nMeasure", "followed_up_levels": ["3"]}, "no level 3"),
        ({"level_names": "Chapter\nMeasure", "followed_up_levels": ["x"]}, "no level x"),
        ({"level_names": "Chapter", "followed_up_levels": ["2"]}, "no level 2"),
    ],
)
def test_a_followed_up_level_that_does_not_exist_is_refused(municipality, login, data, message):
    client = login(municipality.administrator)
    response = client.post(_url("plans:create", municipality), {**PLAN, **data}, headers=EN)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["followed_up_levels"])
    assert not Plan.objects.filter(title="Plan").exists()


def test_levels_in_use_cannot_be_removed(municipality, login):
    client = login(municipality.administrator)
    plan = PlanFactory(organisation=municipality.organisation, title="Plan", level_names=LEVELS)
    goal = PlanItemFactory(plan=plan, identifier="1")
    PlanItemFactory(plan=plan, parent=goal, identifier="1.1")
    url = _url("plans:edit", municipality, pk=plan.pk)
    response = post_form(client, url, {**PLAN, "level_names": "Main goal"}, headers=EN)
    assert response.status_code == 400
    assert "The plan's items use 2 levels" in " ".join(
        response.context["form"].errors["level_names"]
    )
    plan.refresh_from_db()
    assert plan.levels() == LEVELS.splitlines()


def test_the_plan_chooses_the_levels_it_follows_up(municipality, login):
    client = login(municipality.administrator)
    plan = PlanFactory(organisation=municipality.organisation, title="Plan", level_names=LEVELS)
    url = _url("plans:edit", municipality, pk=plan.pk)
    form = client.get(url, headers=EN).context["form"]
    assert [label for _n, label in form.fields["followed_up_levels"].choices] == [
        "1. Main goal",
        "2. Sub-goal",
        "3. Strategy",
        "4. Measure",
    ]
    assert plan.followed_up_level_names() == ["Measure"]  # by default, the lowest
    data = {**PLAN, "level_names": LEVELS, "followed_up_levels": ["3", "4"]}
    assert post_form(client, url, data).status_code == 302
    plan.refresh_from_db()
    assert plan.followed_up_levels == [3, 4]
    assert plan.followed_up_level_names() == ["Strategy", "Measure"]
