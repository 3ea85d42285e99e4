"""Editors assign responsibility only to the units they look after, in every form.

The walk finds every organisation form; a unit field must be declared either as assigning
responsibility (and is then narrowed by the form base) or as something else. A new form with
an undeclared unit field fails here, as a new URL fails the isolation test.
"""

import importlib
import inspect

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse

from utsyn.activities.models import Activity
from utsyn.arenas.models import Arena
from utsyn.indicators.models import Indicator
from utsyn.organisations.formbase import NONE_OF_YOURS, NOT_YOURS, OrganisationModelForm
from utsyn.organisations.models import Unit
from utsyn.projects.models import Project
from utsyn.testing import post_form

# Model forms outside the base that have a unit field, and why they assign no responsibility.
OUTSIDE_THE_BASE = {
    "MembershipForm": "the units an editor is attached to; administrators only",
    "AddMemberForm": "the units an editor is attached to; administrators only",
}

# What a form needs besides the organisation and the user, built from the test world.
EXTRA_ARGUMENTS = {
    "PlanItemForm": lambda world: {"plan": world.plan},
}


def _forms_of_every_app():
    found = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("utsyn."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.ModelForm) and getattr(cls._meta, "model", None):
                found[cls.__qualname__] = cls
    return found


FORMS = _forms_of_every_app()


def _unit_fields(form_class):
    fields = form_class.base_fields
    return {
        name
        for name, field in fields.items()
        if isinstance(field, forms.ModelChoiceField) and field.queryset.model is Unit
    }


def test_the_walk_finds_the_forms_that_assign_responsibility():
    assigning = {name for name, cls in FORMS.items() if getattr(cls, "responsibility_fields", 0)}
    assert {"ArenaForm", "IndicatorForm", "ActivityForm", "ProjectForm", "PlanItemForm"} <= (
        assigning
    )


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_unit_field_is_declared(name):
    form_class = FORMS[name]
    unit_fields = _unit_fields(form_class)
    if not issubclass(form_class, OrganisationModelForm):
        assert not unit_fields or name in OUTSIDE_THE_BASE, (
            f"{name} has unit fields {unit_fields}: base it on OrganisationModelForm"
        )
        return
    declared = set(form_class.responsibility_fields) | set(form_class.other_unit_fields)
    assert unit_fields <= declared, (
        f"{name}: declare {sorted(unit_fields - declared)} in responsibility_fields (assigns "
        "responsibility: narrowed for editors) or other_unit_fields"
    )
    assert set(form_class.responsibility_fields) <= set(form_class.base_fields)


ASSIGNING = sorted(name for name, cls in FORMS.items() if getattr(cls, "responsibility_fields", 0))


def _form(name, world, user, data=None, instance=None):
    extra = EXTRA_ARGUMENTS.get(name, lambda world: {})(world)
    return FORMS[name](data, instance=instance, organisation=world.organisation, user=user, **extra)


def _not_covered(field, world):
    """A choice the world's editor does not cover, and one he does."""
    if field.queryset.model is Unit:
        return world.other_agency, world.agency
    return world.others_item, world.item


@pytest.mark.parametrize("name", ASSIGNING)
def test_an_editor_is_offered_and_may_post_only_his_units(name, alpha):
    form = _form(name, alpha, alpha.editor)
    for field_name in FORMS[name].responsibility_fields:
        if field_name not in form.fields:
            continue  # not the editor's to assign at all (checked below for plan items)
        field = form.fields[field_name]
        foreign, own = _not_covered(field, alpha)
        offered = set(field.queryset)
        assert foreign not in offered, f"{name}.{field_name} offers {foreign}"
        value = [foreign.pk] if isinstance(field, forms.ModelMultipleChoiceField) else foreign.pk
        crafted = _form(name, alpha, alpha.editor, data={field_name: value})
        assert not crafted.is_valid()
        assert str(NOT_YOURS) in crafted.errors.get(field_name, []), crafted.errors
    assert _form(name, alpha, alpha.administrator).covered_unit_ids is None  # not narrowed


def test_an_editor_cannot_assign_the_units_of_a_plan_item(alpha):
    form = _form("PlanItemForm", alpha, alpha.editor, instance=alpha.item)
    assert "responsible_unit" not in form.fields
    assert "collaborating_units" not in form.fields
    assert "responsible_unit" in _form("PlanItemForm", alpha, alpha.administrator).fields


# ------------------------------------------------------------------ through the pages


def _choices(response, field):
    return {obj.pk for obj in response.context["form"].fields[field].queryset}


def _login(client, user):
    client.force_login(user)
    return client


def test_the_new_arena_page_offers_an_editor_only_his_units(client, municipality):
    _login(client, municipality.editor)
    response = client.get(reverse("arenas:create", kwargs={"organisation": municipality.slug}))
    assert _choices(response, "responsible") == {municipality.member_of_executive.pk}
    assert _choices(response, "operational_unit") == {municipality.agency.pk}
    assert "council" not in {
        unit.kind for unit in response.context["form"].fields["responsible"].queryset
    }


def test_a_crafted_arena_with_another_unit_is_refused_and_nothing_is_saved(client, municipality):
    _login(client, municipality.editor)
    url = reverse("arenas:create", kwargs={"organisation": municipality.slug})
    data = {"name": "Crafted network", "kind": "membership", "status": "active"}
    response = post_form(client, url, {**data, "operational_unit": municipality.other_agency.pk})
    assert response.status_code == 400  # the form with its messages
    assert NOT_YOURS in response.context["form"].errors["operational_unit"]
    assert response.context["form"].errors["operational_unit"][0] in response.content.decode()
    response = post_form(client, url, {**data, "responsible": municipality.council.pk})
    assert NOT_YOURS in response.context["form"].errors["responsible"]
    assert not Arena.objects.filter(name="Crafted network").exists()


def test_an_arena_of_none_of_his_units_is_refused(client, municipality):
    _login(client, municipality.editor)
    url = reverse("arenas:create", kwargs={"organisation": municipality.slug})
    response = post_form(
        client, url, {"name": "Nobody's network", "kind": "membership", "status": "active"}
    )
    assert response.status_code == 400  # the form with its messages
    assert NONE_OF_YOURS in response.context["form"].non_field_errors()
    assert not Arena.objects.filter(name="Nobody's network").exists()


def test_an_editor_saves_an_arena_of_his_unit_and_keeps_it(client, municipality):
    _login(client, municipality.editor)
    url = reverse("arenas:create", kwargs={"organisation": municipality.slug})
    data = {"name": "Own network", "kind": "membership", "status": "active"}
    response = post_form(client, url, {**data, "operational_unit": municipality.agency.pk})
    assert response.status_code == 302
    arena = Arena.objects.get(name="Own network")
    assert municipality.editor.has_perm("arena.change", arena)


def test_editing_keeps_the_political_body_an_administrator_chose(client, alpha):
    arena = alpha.unpublished_arena
    arena.responsible = alpha.council
    arena.save()
    _login(client, alpha.editor)
    url = reverse("arenas:edit", kwargs={"organisation": alpha.slug, "pk": arena.pk})
    response = client.get(url)
    assert _choices(response, "responsible") == {alpha.council.pk, alpha.member_of_executive.pk}
    assert alpha.other_agency.pk not in _choices(response, "operational_unit")


def test_the_indicator_page_offers_an_editor_only_items_of_his_units(client, alpha):
    _login(client, alpha.editor)
    url = reverse("indicators:create", kwargs={"organisation": alpha.slug})
    response = client.get(url)
    assert alpha.item.pk in _choices(response, "items")
    assert alpha.others_item.pk not in _choices(response, "items")
    response = post_form(client, url, {"name": "Crafted", "items": [alpha.others_item.pk]})
    assert response.status_code == 400  # the form with its messages
    assert NOT_YOURS in response.context["form"].errors["items"]
    assert not Indicator.objects.filter(name="Crafted").exists()


def test_the_activity_page_offers_an_editor_only_his_units(client, municipality):
    _login(client, municipality.editor)
    url = reverse("activities:create", kwargs={"organisation": municipality.slug})
    response = client.get(url)
    assert _choices(response, "responsible_unit") == {
        municipality.member_of_executive.pk,
        municipality.agency.pk,
    }
    data = {"title": "Crafted visit", "kind": "visit", "status": "planned"}
    response = post_form(
        client,
        url,
        {**data, "starts_on": "2026-05-01", "responsible_unit": municipality.council.pk},
    )
    assert response.status_code == 400  # the form with its messages
    assert NOT_YOURS in response.context["form"].errors["responsible_unit"]
    assert not Activity.objects.filter(title="Crafted visit").exists()


def test_the_project_page_offers_an_editor_only_his_units(client, municipality):
    _login(client, municipality.editor)
    url = reverse("projects:create", kwargs={"organisation": municipality.slug})
    response = client.get(url)
    assert municipality.other_agency.pk not in _choices(response, "responsible_unit")
    assert municipality.agency.pk in _choices(response, "responsible_unit")
    response = post_form(
        client,
        url,
        {
            "title": "Crafted project",
            "status": "idea",
            "responsible_unit": municipality.other_agency.pk,
        },
    )
    assert response.status_code == 400  # the form with its messages
    assert NOT_YOURS in response.context["form"].errors["responsible_unit"]
    assert not Project.objects.filter(title="Crafted project").exists()


def test_an_administrator_is_offered_every_unit(client, alpha):
    _login(client, alpha.administrator)
    response = client.get(reverse("arenas:create", kwargs={"organisation": alpha.slug}))
    political = set(
        Unit.objects.filter(
            organisation=alpha.organisation, kind__in=Unit.POLITICAL_KINDS
        ).values_list("pk", flat=True)
    )
    assert _choices(response, "responsible") == political
    response = client.get(reverse("indicators:create", kwargs={"organisation": alpha.slug}))
    assert alpha.others_item.pk in _choices(response, "items")
