from typing import Any

from django.contrib import messages
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from utsyn.audit.editing import form_page
from utsyn.audit.services import delete_to_bin
from utsyn.core.decorators import organisation_view
from utsyn.core.exports import FORMATS, rows_of, table_response

from .forms import AddMemberForm, MembershipForm, PersonForm, UnitForm
from .models import Membership, Organisation, Person, Unit
from .tables import MEMBER_COLUMNS, PERSON_COLUMNS, UNIT_COLUMNS


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


def _tree(units):
    """Units in depth-first order with their depth, for an indented list."""
    children: dict[int | None, list] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    ordered = []

    def visit(parent_id, depth):
        for unit in children.get(parent_id, []):
            unit.depth = depth
            ordered.append(unit)
            visit(unit.pk, depth + 1)

    visit(None, 0)
    return ordered


def _table(columns, objects):
    """(object, cells) pairs: a table on screen from the columns its downloads use."""
    return list(zip(objects, rows_of(columns, objects), strict=True))


def _export(fmt, columns, objects, title):
    if fmt not in FORMATS:
        raise Http404
    return table_response(fmt, columns, objects(), title)


def _units():
    return _tree(Unit.objects.select_related("parent"))


@organisation_view(read_only=True)
def unit_list(request):
    units = _units()
    return render(
        request,
        "organisations/unit_list.html",
        {"units": units, "columns": UNIT_COLUMNS, "rows": _table(UNIT_COLUMNS, units)},
    )


@organisation_view(read_only=True)
def unit_export(request, fmt):
    return _export(fmt, UNIT_COLUMNS, _units, _("Units"))


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


def _people():
    return Person.objects.select_related("unit")


@organisation_view(read_only=True)
def person_list(request):
    people = list(_people())
    return render(
        request,
        "organisations/person_list.html",
        {"people": people, "columns": PERSON_COLUMNS, "rows": _table(PERSON_COLUMNS, people)},
    )


@organisation_view(read_only=True)
def person_export(request, fmt):
    return _export(fmt, PERSON_COLUMNS, _people, _("Contact persons"))


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


def _members(request):
    # Memberships are not scoped rows: filter by the organisation explicitly.
    return (
        Membership.objects.filter(organisation=request.organisation)
        .select_related("user")
        .prefetch_related("units")
        .order_by("user__username")
    )


@organisation_view("organisation.administer", read_only=True)
def member_list(request):
    members = list(_members(request))
    return render(
        request,
        "organisations/member_list.html",
        {"members": members, "columns": MEMBER_COLUMNS, "rows": _table(MEMBER_COLUMNS, members)},
    )


@organisation_view("organisation.administer", read_only=True)
def member_export(request, fmt):
    return _export(fmt, MEMBER_COLUMNS, lambda: _members(request), _("Users and roles"))


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
