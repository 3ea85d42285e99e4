import pytest
from django.urls import reverse

from utsyn.audit.models import LogEntry
from utsyn.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from utsyn.testing import PlanFactory, PlanItemFactory, post_form

VALID = {"name": "Funded EU projects", "unit": "projects", "baseline_year": "2020"}


def _url(name, world, **kwargs):
    return reverse(f"indicators:{name}", kwargs={"organisation": world.slug, **kwargs})


def _post(client, url, data):
    return post_form(client, url, data, headers={"Accept-Language": "en"})


def test_an_editor_creates_an_indicator_linked_to_items_and_it_is_logged(alpha, login):
    data = {**VALID, "baseline_value": "3", "items": [alpha.item.pk]}
    response = _post(login(alpha.editor), _url("create", alpha), data)
    indicator = Indicator.objects.get(organisation=alpha.organisation, name=VALID["name"])
    assert response.status_code == 302
    assert response["Location"] == _url("detail", alpha, pk=indicator.pk)
    assert list(indicator.items.all()) == [alpha.item]
    entry = LogEntry.objects.get(object_id=indicator.pk, action="created")
    assert entry.user == alpha.editor
    assert entry.changes["name"] == [None, VALID["name"]]
    assert entry.changes["baseline_value"] == [None, "3.00"]


def test_the_item_choices_are_the_organisations_items_named_with_their_plan(alpha, beta, login):
    response = login(alpha.administrator).get(_url("create", alpha))
    field = response.context["form"].fields["items"]
    assert set(field.queryset) == {alpha.section, alpha.item, alpha.others_item}
    label = field.label_from_instance(alpha.item)
    assert label == f"Measure 1 – {alpha.item.title} ({alpha.plan.title})"
    response = _post(
        login(alpha.administrator), _url("create", alpha), {**VALID, "items": [beta.item.pk]}
    )
    assert response.status_code == 400
    assert "items" in response.context["form"].errors


def test_an_edit_records_what_changed(alpha, login):
    indicator = alpha.indicator
    data = {"name": indicator.name, "unit": "EU applications", "items": [alpha.item.pk]}
    response = _post(login(alpha.editor), _url("edit", alpha, pk=indicator.pk), data)
    assert response.status_code == 302
    entry = LogEntry.objects.get(object_id=indicator.pk, action="changed")
    assert entry.user == alpha.editor
    assert entry.changes == {"unit": ["applications", "EU applications"]}


def test_a_duplicate_name_is_refused_with_a_message(alpha, beta, login):
    data = {**VALID, "name": alpha.indicator.name}
    response = _post(login(alpha.administrator), _url("create", alpha), data)
    assert response.status_code == 400
    assert "already has an indicator with that name" in str(response.context["form"].errors)
    # The same name in another organisation is fine.
    assert _post(login(beta.administrator), _url("create", beta), data).status_code == 302


def test_editors_change_only_indicators_of_their_units_items_and_viewers_nothing(alpha, login):
    others = Indicator.objects.create(
        organisation=alpha.organisation, name="Other unit's indicator", unit="visits"
    )
    others.items.add(alpha.others_item)
    data = {"name": "Mine now", "unit": "visits"}
    assert _post(login(alpha.editor), _url("edit", alpha, pk=others.pk), data).status_code == 403
    target = {"year": "2027", "value": "5"}
    assert (
        _post(login(alpha.editor), _url("target_create", alpha, pk=others.pk), target).status_code
        == 403
    )
    assert _post(login(alpha.viewer), _url("create", alpha), VALID).status_code == 403
    assert (
        _post(login(alpha.viewer), _url("edit", alpha, pk=alpha.indicator.pk), data).status_code
        == 403
    )
    others.refresh_from_db()
    assert others.name == "Other unit's indicator"
    assert not others.targets.exists()
    # An editor whose unit collaborates on the item may change the indicator.
    alpha.others_item.collaborating_units.add(alpha.agency)
    mine = {**data, "items": [alpha.others_item.pk]}
    assert _post(login(alpha.editor), _url("edit", alpha, pk=others.pk), mine).status_code == 302


def test_only_administrators_delete_an_indicator_and_it_goes_to_the_bin(alpha, login):
    url = _url("delete", alpha, pk=alpha.indicator.pk)
    assert login(alpha.editor).post(url).status_code == 403
    response = login(alpha.administrator).post(url)
    assert response.status_code == 302
    assert not Indicator.objects.filter(pk=alpha.indicator.pk).exists()
    entry = LogEntry.objects.get(object_id=alpha.indicator.pk, action="deleted")
    assert entry.in_bin
    # Its figures went with it and come back with it.
    assert not IndicatorTarget.objects.filter(pk=alpha.indicator_target.pk).exists()
    restore = reverse("audit:restore", kwargs={"organisation": alpha.slug, "pk": entry.pk})
    assert login(alpha.administrator).post(restore).status_code == 302
    assert IndicatorTarget.objects.filter(pk=alpha.indicator_target.pk).exists()
    assert list(Indicator.objects.get(pk=alpha.indicator.pk).items.all()) == [alpha.item]


def test_targets_are_added_and_deleted_with_log_entries_on_the_indicator(alpha, login):
    client = login(alpha.editor)
    response = _post(
        client,
        _url("target_create", alpha, pk=alpha.indicator.pk),
        {"year": "2028", "value": "14.5"},
    )
    assert response.status_code == 302
    target = alpha.indicator.targets.get(year=2028)
    assert str(target.value) == "14.50"
    created = LogEntry.objects.get(object_id=target.pk, action="created")
    assert created.subject_id == alpha.indicator.pk
    url = _url("target_delete", alpha, pk=alpha.indicator.pk, target_pk=target.pk)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not IndicatorTarget.objects.filter(pk=target.pk).exists()
    assert LogEntry.objects.filter(object_id=target.pk, action="deleted").exists()


def test_a_second_target_for_the_same_year_is_refused_with_a_message(alpha, login):
    url = _url("target_create", alpha, pk=alpha.indicator.pk)
    response = _post(login(alpha.administrator), url, {"year": "2026", "value": "12"})
    assert response.status_code == 400
    assert "already a target for that year" in str(response.context["form"].errors)
    assert alpha.indicator.targets.count() == 1


def test_values_are_added_and_edited_with_log_entries(alpha, login):
    client = login(alpha.editor)
    create = _url("value_create", alpha, pk=alpha.indicator.pk)
    data = {"year": "2026", "period": "t1", "value": "3", "note": "First tertial"}
    assert _post(client, create, data).status_code == 302
    value = alpha.indicator.values.get(year=2026)
    assert value.period == "T1"
    edit = _url("value_edit", alpha, pk=alpha.indicator.pk, value_pk=value.pk)
    assert _post(client, edit, {**data, "value": "4"}).status_code == 302
    entry = LogEntry.objects.get(object_id=value.pk, action="changed")
    assert entry.changes == {"value": ["3.00", "4.00"]}
    assert entry.subject_id == alpha.indicator.pk


def test_a_second_value_for_the_same_period_is_refused_with_a_message(alpha, login):
    url = _url("value_create", alpha, pk=alpha.indicator.pk)
    response = _post(login(alpha.administrator), url, {"year": "2025", "value": "7"})
    assert response.status_code == 400
    assert "already a value for that year and part of the year" in str(
        response.context["form"].errors
    )
    # The same year with a part of the year is another period.
    data = {"year": "2025", "period": "T3", "value": "7"}
    assert _post(login(alpha.administrator), url, data).status_code == 302


@pytest.mark.parametrize(
    "value, message",
    [
        ("123456789012345", "no more than 14 digits"),
        ("1.234", "no more than 2 decimal places"),
        ("many", "Enter a number"),
        ("", "required"),
    ],
)
def test_a_value_that_is_not_a_fitting_number_is_refused_and_nothing_saved(
    value, message, alpha, login
):
    before = IndicatorValue.objects.count(), LogEntry.objects.count()
    url = _url("value_create", alpha, pk=alpha.indicator.pk)
    response = _post(login(alpha.administrator), url, {"year": "2026", "value": value})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["value"])
    assert (IndicatorValue.objects.count(), LogEntry.objects.count()) == before


def test_a_value_of_another_indicator_is_not_found_through_this_one(alpha, login):
    other = Indicator.objects.create(organisation=alpha.organisation, name="Other", unit="x")
    url = _url("value_edit", alpha, pk=other.pk, value_pk=alpha.indicator_value.pk)
    assert login(alpha.administrator).get(url).status_code == 404


def test_another_organisations_indicator_is_not_found(alpha, beta, login):
    client = login(alpha.administrator)
    assert client.get(_url("detail", alpha, pk=beta.indicator.pk)).status_code == 404
    assert client.get(_url("detail", beta, pk=beta.indicator.pk)).status_code == 404


def test_an_editor_links_an_indicator_to_items_his_unit_inherits(municipality, login):
    plan = PlanFactory(organisation=municipality.organisation, level_names="Goal\nMeasure")
    goal = PlanItemFactory(plan=plan, identifier="1", responsible_unit=municipality.agency)
    inherited = PlanItemFactory(plan=plan, parent=goal, identifier="1.1")
    others = PlanItemFactory(plan=plan, identifier="2", responsible_unit=municipality.council)
    unowned = PlanItemFactory(plan=plan, parent=others, identifier="2.1")
    client = login(municipality.editor)
    offered = client.get(_url("create", municipality)).context["form"].fields["items"].queryset
    assert set(offered) == {goal, inherited}
    response = _post(client, _url("create", municipality), {**VALID, "items": [unowned.pk]})
    assert response.status_code == 400 and "items" in response.context["form"].errors
    assert not Indicator.objects.exists()
    assert _post(client, _url("create", municipality), {**VALID, "items": [inherited.pk]})
    assert list(Indicator.objects.get().items.all()) == [inherited]
