"""Follow-up that fits the plan: the levels a plan follows up, items marked in or out, units
inherited from the items above, and every list of tasks in the plan's tree order."""

import csv
import io

from django.urls import reverse

from utsyn.followup.models import Round
from utsyn.plans.models import PlanItem
from utsyn.testing import PlanFactory, PlanItemFactory, open_round, post_form

EN = {"Accept-Language": "en"}


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"organisation": world.slug, **kwargs})


def _strategy(world):
    """Main goal → sub-goal → strategy → measure, entered in an order unlike the plan's own:
    the second sub-goal and the second strategy first. Units on the main goal (the council)
    and on strategy 1.1 (the agency); the measures name none but measure 1.1.2 (other agency).
    """
    plan = PlanFactory(
        organisation=world.organisation,
        title="Strategy",
        level_names="Main goal\nSub-goal\nStrategy\nMeasure",
    )

    def item(identifier, parent=None, position=0, **fields):
        return PlanItemFactory(
            plan=plan, parent=parent, identifier=identifier, position=position, **fields
        )

    goal = item("1", responsible_unit=world.council)
    sub_2 = item("1.2", goal, 2)
    sub_1 = item("1.1", goal, 1)
    strategy_12 = item("1.1.2", sub_1, 2)
    strategy_11 = item("1.1.1", sub_1, 1, responsible_unit=world.agency)
    strategy_21 = item("1.2.1", sub_2, 1)
    items = {
        "1.2.1.1": item("1.2.1.1", strategy_21, 1),
        "1.1.2.1": item("1.1.2.1", strategy_12, 1),
        "1.1.1.2": item("1.1.1.2", strategy_11, 2, responsible_unit=world.other_agency),
        "1.1.1.1": item("1.1.1.1", strategy_11, 1),
    }
    return plan, items, {"goal": goal, "1.1": sub_1, "1.1.1": strategy_11, "1.1.2": strategy_12}


def _csv(client, url):
    content = client.get(url, headers=EN).content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))[1:]


def _tasks(round_):
    return {update.item.identifier: update.unit for update in round_.item_updates.all()}


def test_tasks_go_to_the_unit_an_item_names_or_inherits(municipality):
    plan, _items, _above = _strategy(municipality)
    round_ = open_round(municipality.organisation, plans=[plan])
    # Only the measures, the plan's lowest level, are asked by default.
    assert _tasks(round_) == {
        "1.1.1.1": municipality.agency,  # from its strategy
        "1.1.1.2": municipality.other_agency,  # its own
        "1.1.2.1": municipality.council,  # from the main goal, the nearest that names one
        "1.2.1.1": municipality.council,
    }


def test_the_plan_says_which_levels_are_followed_up_and_items_may_say_otherwise(municipality):
    plan, items, above = _strategy(municipality)
    plan.followed_up_levels = [3, 4]
    plan.save()
    PlanItem.objects.filter(pk=items["1.2.1.1"].pk).update(followed_up="no")
    PlanItem.objects.filter(pk=above["1.1"].pk).update(followed_up="yes")
    PlanItemFactory(plan=plan, parent=above["goal"], identifier="Note", is_section=True)
    round_ = open_round(municipality.organisation, plans=[plan])
    assert set(_tasks(round_)) == {
        "1.1",  # marked
        *("1.1.1", "1.1.2", "1.2.1"),  # strategies
        *("1.1.1.1", "1.1.1.2", "1.1.2.1"),  # measures, but 1.2.1.1 (marked not to be)
    }


def test_adding_an_item_below_a_measure_keeps_the_measure_in_the_round(municipality, login):
    plan = PlanFactory(organisation=municipality.organisation, level_names="Measure\nStep")
    measure = PlanItemFactory(
        plan=plan, identifier="Measure 1", responsible_unit=municipality.agency
    )
    plan.followed_up_levels = [1]
    plan.save()
    round_ = open_round(municipality.organisation, plans=[plan], name="Round")
    client = login(municipality.administrator)
    url = _url("plans:item_create", municipality, plan_pk=plan.pk) + f"?parent={measure.pk}"
    response = client.post(url, {"title": "A first step", "sdg_targets": ""}, headers=EN)
    assert response.status_code == 302
    step = PlanItem.objects.get(title="A first step")
    assert step.identifier == "" and step.effective_unit_id() == municipality.agency.pk
    # Saving the round brings its to-do lists up to date: the measure stays, the step (of a
    # level the plan does not follow up) is not added.
    edit = _url("followup:edit", municipality, pk=round_.pk)
    data = {
        "name": "Round",
        "period_kind": "year",
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "due_date": "2027-01-31",
        "plans": [plan.pk],
    }
    assert post_form(client, edit, data).status_code == 302
    assert set(_tasks(Round.objects.get(pk=round_.pk))) == {"Measure 1"}


def test_an_editor_covers_exactly_the_tasks_and_items_of_his_units_inherited_ones_included(
    municipality, login
):
    # The editor looks after the executive member and the agency below it.
    plan, items, above = _strategy(municipality)
    round_ = open_round(municipality.organisation, plans=[plan])
    client = login(municipality.editor)
    todo = client.get(_url("followup:todo", municipality, pk=round_.pk), headers=EN)
    assert [task.item.identifier for task in todo.context["updates"]] == ["1.1.1.1"]
    for identifier, allowed in (("1.1.1.1", True), ("1.1.2.1", False), ("1.1.1.2", False)):
        item = items[identifier]
        assert client.get(_url("plans:item_edit", municipality, pk=item.pk)).status_code == (
            200 if allowed else 403
        )
        task = round_.item_updates.get(item=item)
        url = _url("followup:task", municipality, round_pk=round_.pk, kind="update", pk=task.pk)
        assert municipality.editor.has_perm("task.edit", task) is allowed
        assert client.get(url).status_code == 200
    assert municipality.editor.has_perm("item.change", above["1.1.1"])
    assert not municipality.editor.has_perm("item.change", above["1.1.2"])


def test_an_item_shows_the_unit_it_inherits_and_the_coordinator_may_change_it(municipality, login):
    _plan, items, _above = _strategy(municipality)
    client = login(municipality.administrator)
    measure = items["1.1.1.1"]
    page = client.get(_url("overview:item_detail", municipality, pk=measure.pk), headers=EN)
    assert f'{municipality.agency} <span class="meta">(inherited from Strategy · 1.1.1' in (
        page.content.decode()
    )
    form = client.get(_url("plans:item_edit", municipality, pk=measure.pk), headers=EN)
    field = form.context["form"].fields["responsible_unit"]
    assert field.help_text.startswith(
        f"Empty: {municipality.agency}, inherited from Strategy · 1.1.1."
    )


def test_every_list_of_tasks_is_in_the_plans_tree_order(municipality, login):
    plan, _items, _above = _strategy(municipality)
    measures = PlanFactory(
        organisation=municipality.organisation, title="Action plan", level_names="Measure"
    )
    PlanItemFactory(plan=measures, identifier="A", responsible_unit=municipality.agency)
    round_ = open_round(municipality.organisation, plans=[plan, measures])
    in_order = ["A", "1.1.1.1", "1.1.1.2", "1.1.2.1", "1.2.1.1"]  # action plans before strategies
    client = login(municipality.administrator)
    todo = client.get(_url("followup:todo", municipality, pk=round_.pk), headers=EN)
    assert [task.item.identifier for task in todo.context["updates"]] == in_order
    export = _csv(client, _url("followup:export", municipality, pk=round_.pk, fmt="csv"))
    assert [row[1] for row in export] == in_order  # the identifier column
    todo_url = _url("followup:todo_export", municipality, pk=round_.pk, table="updates", fmt="csv")
    assert [row[0].split(":")[0] for row in _csv(client, todo_url)] == in_order
    detail = client.get(_url("followup:detail", municipality, pk=round_.pk), headers=EN)
    units = [row.unit for row in detail.context["completeness"]]
    # The units in the order of their first item: A (agency), 1.1.1.2 (other agency),
    # 1.1.2.1 (council).
    assert units == [municipality.agency, municipality.other_agency, municipality.council]
