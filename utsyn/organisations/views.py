from typing import Any

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from utsyn.audit.editing import confirm_and_bin, form_page
from utsyn.core.decorators import organisation_view

from .forms import AddMemberForm, MembershipForm, PersonForm, UnitForm
from .lists import MEMBERS, PEOPLE, UNITS
from .models import Membership, Organisation, Person, Unit


@require_safe
def home(request):
    memberships: Any = []
    if request.user.is_authenticated:
        memberships = Membership.objects.filter(user=request.user).select_related("organisation")
    return render(
        request,
        "organisations/home.html",
        {"memberships": memberships, "organisations": Organisation.objects.all()},
    )


unit_list = UNITS.page
unit_export = UNITS.download
person_list = PEOPLE.page
person_export = PEOPLE.download
member_list = MEMBERS.page
member_export = MEMBERS.download


def _crud_form(request, form, template, list_url, context=None):
    return form_page(
        request,
        form,
        template,
        context or {},
        lambda obj: redirect(list_url, organisation=request.organisation.slug),
    )


@organisation_view("organisation.administer")
def unit_form(request, pk=None):
    unit = get_object_or_404(Unit, pk=pk) if pk else None
    form = UnitForm(request.POST or None, instance=unit, organisation=request.organisation)
    return _crud_form(
        request, form, "organisations/unit_form.html", "organisations:units", {"unit": unit}
    )


@organisation_view("organisation.administer")
def unit_delete(request, pk):
    return _confirm_and_bin(request, get_object_or_404(Unit, pk=pk), "organisations:units", UNITS)


@organisation_view("organisation.administer")
def person_form(request, pk=None):
    person = get_object_or_404(Person, pk=pk) if pk else None
    form = PersonForm(request.POST or None, instance=person, organisation=request.organisation)
    return _crud_form(
        request, form, "organisations/person_form.html", "organisations:people", {"person": person}
    )


@organisation_view("organisation.administer")
def person_delete(request, pk):
    person = get_object_or_404(Person, pk=pk)
    return _confirm_and_bin(request, person, "organisations:people", PEOPLE)


def _confirm_and_bin(request, obj, list_url_name, list_page, name=None):
    """The delete page of a unit, a contact person or a membership: back to its list."""
    list_url = reverse(list_url_name, args=[request.organisation.slug])
    return confirm_and_bin(request, obj, back_url=list_url, back_label=list_page.title, name=name)


@organisation_view("organisation.administer")
def member_form(request, pk=None):
    organisation = request.organisation
    if pk:
        membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
        form = MembershipForm(request.POST or None, instance=membership, organisation=organisation)
    else:
        membership = Membership(organisation=organisation)
        form = AddMemberForm(request.POST or None, instance=membership, organisation=organisation)
    return form_page(
        request,
        form,
        "organisations/member_form.html",
        {"membership": membership if pk else None},
        lambda obj: redirect("organisations:members", organisation=organisation.slug),
    )


@organisation_view("organisation.administer")
def member_remove(request, pk):
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, organisation=request.organisation
    )
    return _confirm_and_bin(
        request, membership, "organisations:members", MEMBERS, name=membership.user
    )
