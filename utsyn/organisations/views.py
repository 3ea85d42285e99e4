from typing import Any

from django.contrib import messages
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from utsyn.audit.editing import form_page
from utsyn.audit.services import delete_to_bin
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
    return _delete(request, get_object_or_404(Unit, pk=pk), "organisations:units")


@organisation_view("organisation.administer")
def person_form(request, pk=None):
    person = get_object_or_404(Person, pk=pk) if pk else None
    form = PersonForm(request.POST or None, instance=person, organisation=request.organisation)
    return _crud_form(
        request, form, "organisations/person_form.html", "organisations:people", {"person": person}
    )


@organisation_view("organisation.administer")
def person_delete(request, pk):
    return _delete(request, get_object_or_404(Person, pk=pk), "organisations:people")


def _delete(request, obj, list_url):
    """Confirms, then moves the object to the bin; refuses while other rows depend on it."""
    if request.method != "POST":
        return render(request, "organisations/confirm_delete.html", {"object": obj})
    try:
        delete_to_bin(obj, request.user)
    except (ProtectedError, RestrictedError):
        messages.error(
            request,
            _("“%(name)s” cannot be deleted while other units or decisions refer to it.")
            % {"name": obj},
        )
    else:
        messages.success(request, _("“%(name)s” was moved to the bin.") % {"name": obj})
    return redirect(list_url, organisation=request.organisation.slug)


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
    if request.method != "POST":
        return render(request, "organisations/confirm_delete.html", {"object": membership.user})
    if membership.is_last_administrator():
        messages.error(request, _("The organisation must keep at least one administrator."))
    else:
        delete_to_bin(membership, request.user)
        messages.success(request, _("“%(name)s” was moved to the bin.") % {"name": membership.user})
    return redirect("organisations:members", organisation=request.organisation.slug)
