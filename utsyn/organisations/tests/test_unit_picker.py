"""Every unit picker shows the organisation's tree: in tree order, each unit indented under its
parent with a dash per level (read out by a screen reader) and named with its kind, in one
query, and still offering only what the form allows (an editor's own units)."""

import html
import importlib
import inspect
import re

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.test import RequestFactory
from django.urls import reverse

from utsyn.arenas.models import Arena
from utsyn.organisations.forms import PersonForm
from utsyn.organisations.models import Unit
from utsyn.organisations.tests.test_responsibility_fields import FORMS
from utsyn.organisations.unit_tree import (
    UnitChoiceField,
    UnitChoiceFilter,
    UnitFilterField,
    UnitMultipleChoiceField,
)
from utsyn.testing import post_form

EN = {"Accept-Language": "en"}
SELECT = r'<select[^>]* name="{name}"[^>]*>(.*?)</select>'
OPTION = re.compile(r'<option value="([^"]*)"[^>]*>(.*?)</option>', re.S)
CHECKBOX_LABEL = (
    r'<label for="id_{name}_\d+"><input type="checkbox" name="{name}"[^>]*>\s*(.*?)</label>'
)


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"organisation": world.slug, **kwargs})


def _options(response, name):
    """The texts of a select's options, the empty choice left out."""
    found = re.search(SELECT.format(name=name), response.content.decode(), re.S)
    assert found, f"no select {name}"
    return [html.unescape(text) for value, text in OPTION.findall(found.group(1)) if value]


def _checkbox_labels(response, name):
    pattern = CHECKBOX_LABEL.format(name=name)
    return [html.unescape(text).strip() for text in re.findall(pattern, response.content.decode())]


@pytest.fixture
def chief_executive(municipality):
    """A chief executive's office with a department and an agency below it."""

    def unit(name, kind, parent=None):
        return Unit.objects.create(
            organisation=municipality.organisation, name=name, kind=kind, parent=parent
        )

    office = unit("Kommunedirektøren", Unit.Kind.CHIEF_EXECUTIVE)
    department = unit("Oppvekst", Unit.Kind.DEPARTMENT, office)
    school = unit("Skole & barnehage", Unit.Kind.AGENCY, department)
    return office, department, school


def test_the_arena_form_offers_each_kind_of_unit_as_a_tree(client, municipality, chief_executive):
    client.force_login(municipality.administrator)
    response = client.get(_url("arenas:create", municipality), headers=EN)
    assert _options(response, "responsible") == [
        "Alpha kommune council (Council)",
        "– Alpha kommune executive member (Member of the executive)",
    ]
    # The administration: the chief executive is not a political body. The agency below the
    # executive member has no administrative unit above it, so it stands at the top.
    assert _options(response, "operational_unit") == [
        "Alpha kommune agency (Agency)",
        "Alpha kommune other agency (Agency)",
        "Kommunedirektøren (Chief executive)",
        "– Oppvekst (Department)",
        "– – Skole & barnehage (Agency)",
    ]


def test_an_editor_is_offered_only_his_units_as_their_own_tree(client, municipality):
    client.force_login(municipality.editor)
    response = client.get(_url("projects:create", municipality), headers=EN)
    assert _options(response, "responsible_unit") == [
        "Alpha kommune executive member (Member of the executive)",
        "– Alpha kommune agency (Agency)",
    ]
    response = post_form(
        client,
        _url("projects:create", municipality),
        {"title": "Crafted", "status": "idea", "responsible_unit": municipality.other_agency.pk},
        headers=EN,
    )
    assert response.status_code == 400
    assert "You can only choose units you look after." in response.content.decode()


def test_a_unit_field_is_built_in_one_query_however_many_units(
    municipality, chief_executive, django_assert_num_queries
):
    form = PersonForm(organisation=municipality.organisation)
    with django_assert_num_queries(1):
        labels = [label for _value, label in form.fields["unit"].choices]
    assert labels[0] == "---------"
    assert labels[-1] == "– – Skole & barnehage (Agency)"
    office = chief_executive[0]
    Unit.objects.bulk_create(
        Unit(
            organisation=municipality.organisation,
            name=f"Enhet {number:02}",
            kind=Unit.Kind.UNIT,
            parent=office,
        )
        for number in range(40)
    )
    form = PersonForm(organisation=municipality.organisation)
    with django_assert_num_queries(1):
        rendered = str(form["unit"])
    assert rendered.count("<option") == 1 + 7 + 40
    assert "– Enhet 00 (Unit)" in html.unescape(rendered)


def test_the_member_form_offers_the_units_as_a_tree(client, municipality):
    client.force_login(municipality.administrator)
    membership = municipality.editor_membership
    response = client.get(
        _url("organisations:member_edit", municipality, pk=membership.pk),
        headers=EN,
    )
    assert _checkbox_labels(response, "units") == [
        "Alpha kommune council (Council)",
        "– Alpha kommune executive member (Member of the executive)",
        "– – Alpha kommune agency (Agency)",
        "Alpha kommune other agency (Agency)",
    ]


def test_a_list_filter_offers_the_units_as_a_tree_and_still_filters(client, alpha):
    client.force_login(alpha.viewer)
    response = client.get(_url("arenas:list", alpha), headers=EN)
    offered = _options(response, "unit")
    assert offered[:3] == [
        "Alpha kommune council (Council)",
        "– Alpha kommune executive member (Member of the executive)",
        "– – Alpha kommune agency (Agency)",
    ]
    assert not any("Beta" in label for label in offered)
    response = client.get(_url("arenas:list", alpha), {"unit": alpha.agency.pk}, headers=EN)
    shown = {arena for arena, _cells in response.context["rows"]}
    assert shown == set(Arena.objects.filter(operational_unit=alpha.agency)) | set(
        Arena.objects.filter(responsible=alpha.agency)
    )


def test_the_to_do_list_offers_the_units_as_a_tree(client, alpha):
    client.force_login(alpha.administrator)
    response = client.get(_url("followup:todo", alpha, pk=alpha.round.pk), headers=EN)
    offered = [
        text
        for text in _options(response, "unit")
        if text != "No responsible unit (the coordinator)"
    ]
    assert offered[:3] == [
        "Alpha kommune council (Council)",
        "– Alpha kommune executive member (Member of the executive)",
        "– – Alpha kommune agency (Agency)",
    ]


def test_an_administrator_adds_a_chief_executive(client, municipality):
    client.force_login(municipality.administrator)
    data = {"name": "Kommunedirektøren", "kind": "chief_executive"}
    response = post_form(client, _url("organisations:unit_create", municipality), data)
    assert response.status_code == 302
    unit = Unit.objects.get(name="Kommunedirektøren")
    assert unit.kind == Unit.Kind.CHIEF_EXECUTIVE
    assert unit.kind not in Unit.POLITICAL_KINDS
    response = client.get(_url("organisations:units", municipality), headers=EN)
    assert "Chief executive (rådmann, kommunedirektør, kommundirektör)" in response.content.decode()


def test_units_in_a_loop_are_still_offered(client, municipality):
    # Damaged data (the form refuses a loop): the picker still lists both, at the top.
    Unit.objects.filter(pk=municipality.council.pk).update(parent=municipality.agency)
    client.force_login(municipality.administrator)
    response = client.get(_url("organisations:person_create", municipality), headers=EN)
    assert response.status_code == 200
    offered = _options(response, "unit")
    assert len(offered) == 4
    assert "Alpha kommune council (Council)" in offered


# ------------------------------------------------------------------ every picker, walked


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_unit_field_of_every_form_is_a_tree(name):
    for field_name, field in FORMS[name].base_fields.items():
        if isinstance(field, forms.ModelChoiceField) and field.queryset.model is Unit:
            assert isinstance(field, UnitChoiceField | UnitMultipleChoiceField), (
                f"{name}.{field_name}: let the form base make unit fields (a plain "
                "ModelChoiceField shows a flat list)"
            )


def _filter_sets():
    found = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("utsyn."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.filters")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, django_filters.FilterSet) and cls.__module__ == module.__name__:
                found[cls.__qualname__] = cls
    return found


FILTER_SETS = _filter_sets()


def test_the_walk_finds_the_list_filters_by_unit():
    assert {"ArenaFilter", "ProjectFilter", "ActivityFilter"} <= set(FILTER_SETS)


@pytest.mark.parametrize("name", sorted(FILTER_SETS))
def test_every_unit_filter_of_every_list_is_a_tree(name, municipality):
    request = RequestFactory().get("/")
    request.organisation = municipality.organisation
    filter_set = FILTER_SETS[name]
    instance = filter_set({}, queryset=filter_set._meta.model.objects.none(), request=request)
    for field_name, field in instance.form.fields.items():
        if isinstance(field, forms.ModelChoiceField) and field.queryset.model is Unit:
            assert isinstance(field, UnitFilterField), f"{name}.{field_name}: UnitChoiceFilter"
            assert isinstance(instance.filters[field_name], UnitChoiceFilter)
