import re

from django.urls import reverse

from utsyn.audit.models import LogEntry
from utsyn.plans.models import PlanItem
from utsyn.testing import PlanFactory, PlanItemFactory, post_form

EN = {"Accept-Language": "en"}


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"organisation": world.slug, **kwargs})


def _item_data(item, **changes):
    data = {
        "identifier": item.identifier,
        "title": item.title,
        "description": item.description,
        "status": item.status,
        "progress": "" if item.progress is None else item.progress,
        "sdg_targets": "",
    }
    return {**data, **changes}


def test_an_editor_follows_up_the_items_of_his_units(alpha, login):
    client = login(alpha.editor)
    url = _url("plans:item_edit", alpha, pk=alpha.item.pk)
    form = client.get(url).context["form"]
    assert "responsible_unit" not in form.fields  # only the coordinator assigns units
    response = post_form(client, url, _item_data(alpha.item, status="delayed", progress=30))
    assert response.status_code == 302
    alpha.item.refresh_from_db()
    assert (alpha.item.status, alpha.item.progress) == ("delayed", 30)
    entry = LogEntry.objects.get(object_id=alpha.item.pk, action="changed")
    assert entry.user == alpha.editor and entry.changes["progress"] == [None, 30]


def test_an_editor_cannot_touch_another_units_items(alpha, login):
    before = PlanItem.objects.get(pk=alpha.others_item.pk).updated_at
    client = login(alpha.editor)
    url = _url("plans:item_edit", alpha, pk=alpha.others_item.pk)
    assert client.get(url).status_code == 403
    assert client.post(url, _item_data(alpha.others_item, progress=99)).status_code == 403
    assert PlanItem.objects.get(pk=alpha.others_item.pk).updated_at == before
    page = client.get(_url("overview:item_detail", alpha, pk=alpha.others_item.pk)).content.decode()
    assert _url("plans:item_edit", alpha, pk=alpha.others_item.pk) not in page


def test_viewers_read_but_do_not_change_items(alpha, login):
    client = login(alpha.viewer)
    assert client.get(_url("overview:item_detail", alpha, pk=alpha.item.pk)).status_code == 200
    assert client.get(_url("plans:item_edit", alpha, pk=alpha.item.pk)).status_code == 403


def test_progress_outside_0_to_100_is_refused(alpha, login):
    client = login(alpha.administrator)
    for progress in (101, -1):
        response = client.post(
            _url("plans:item_edit", alpha, pk=alpha.item.pk),
            _item_data(alpha.item, progress=progress),
            headers=EN,
        )
        assert response.status_code == 400
        assert "progress" in response.context["form"].errors
    alpha.item.refresh_from_db()
    assert alpha.item.progress is None


def test_the_coordinator_adds_an_item_below_another(alpha, login):
    client = login(alpha.administrator)
    url = _url("plans:item_create", alpha, plan_pk=alpha.plan.pk) + f"?parent={alpha.section.pk}"
    data = {
        "identifier": "Measure 3",
        "title": "Apply for EU funding",
        "responsible_unit": alpha.agency.pk,
        "collaborating_units": [alpha.other_agency.pk],
        "serves": [],
        "sdg_targets": "",
    }
    assert client.post(url, data).status_code == 302
    item = PlanItem.objects.get(identifier="Measure 3")
    assert item.parent == alpha.section and item.plan == alpha.plan
    assert item.position > alpha.others_item.position
    assert item.responsible_unit_ids() == [alpha.agency.pk, alpha.other_agency.pk]
    duplicate = client.post(url, data, headers=EN)
    assert duplicate.status_code == 400
    assert "already has an item with that identifier" in str(duplicate.context["form"].errors)


def test_a_measure_serves_an_item_of_another_plan(alpha, login):
    strategy = PlanFactory(organisation=alpha.organisation, title="Strategy", type="strategy")
    priority = PlanItemFactory(plan=strategy, identifier="Priority 1.2")
    client = login(alpha.administrator)
    url = _url("plans:item_edit", alpha, pk=alpha.item.pk)
    choices = client.get(url).context["form"].fields["serves"].queryset
    assert priority in choices and alpha.others_item not in choices  # not its own plan
    post_form(client, url, _item_data(alpha.item, serves=[priority.pk]))
    assert list(alpha.item.serves.all()) == [priority]
    page = client.get(_url("overview:item_detail", alpha, pk=priority.pk), headers=EN)
    assert "Served by" in page.content.decode() and alpha.item.title in page.content.decode()


def test_an_item_cannot_be_moved_under_its_own_descendant(alpha, login):
    response = login(alpha.administrator).post(
        _url("plans:item_move", alpha, pk=alpha.section.pk), {"parent": alpha.item.pk}, headers=EN
    )
    assert response.status_code == 400
    assert "cannot be placed under itself or its own sub-items" in response.content.decode()
    alpha.section.refresh_from_db()
    assert alpha.section.parent is None


def test_moving_an_item_keeps_its_identifier_and_history(alpha, login):
    client = login(alpha.administrator)
    post_form(
        client,
        _url("plans:item_edit", alpha, pk=alpha.item.pk),
        _item_data(alpha.item, progress=10),
    )
    new_section = PlanItemFactory(plan=alpha.plan, identifier="Section 2")
    response = client.post(
        _url("plans:item_move", alpha, pk=alpha.item.pk), {"parent": new_section.pk}
    )
    assert response.status_code == 302
    alpha.item.refresh_from_db()
    assert alpha.item.parent == new_section and alpha.item.identifier == "Measure 1"
    actions = list(
        LogEntry.objects.filter(object_id=alpha.item.pk, content_type__model="planitem")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["changed", "plans.item.moved"]  # the edit is still there, then the move
    history = client.get(_url("overview:item_detail", alpha, pk=alpha.item.pk), headers=EN)
    assert re.search(r"\bmoved\b", history.content.decode())
    assert alpha.update.item_id == alpha.item.pk  # its follow-up stays with it


def test_items_are_reordered_among_their_siblings(alpha, login):
    client = login(alpha.administrator)
    response = client.post(
        _url("plans:item_reorder", alpha, pk=alpha.others_item.pk, direction="up")
    )
    assert response.status_code == 302
    siblings = PlanItem.objects.filter(parent=alpha.section).order_by("position")
    assert [item.identifier for item in siblings] == ["Measure 2", "Measure 1"]
    client.post(_url("plans:item_reorder", alpha, pk=alpha.others_item.pk, direction="up"))
    siblings = PlanItem.objects.filter(parent=alpha.section).order_by("position")
    assert [item.identifier for item in siblings] == ["Measure 2", "Measure 1"]  # already first
    sideways = _url("plans:item_reorder", alpha, pk=alpha.item.pk, direction="sideways")
    assert client.post(sideways).status_code == 404


def test_an_unknown_sdg_target_is_refused(alpha, login):
    response = login(alpha.administrator).post(
        _url("plans:item_edit", alpha, pk=alpha.item.pk),
        _item_data(alpha.item, sdg_targets="11.3, 18.1"),
        headers=EN,
    )
    assert response.status_code == 400
    assert "18.1" in str(response.context["form"].errors["sdg_targets"])
    assert not alpha.item.sdg_targets.exists()


def test_items_are_tagged_with_goals_and_targets(alpha, login):
    client = login(alpha.administrator)
    url = _url("plans:item_edit", alpha, pk=alpha.item.pk)
    post_form(client, url, _item_data(alpha.item, sdg_goals=[17], sdg_targets="17.17, 11.3"))
    assert sorted(alpha.item.sdg_targets.values_list("code", flat=True)) == ["11.3", "17.17"]
    assert list(alpha.item.sdg_goals.values_list("number", flat=True)) == [17]
    assert client.get(url).context["form"].initial["sdg_targets"] == "11.3, 17.17"
