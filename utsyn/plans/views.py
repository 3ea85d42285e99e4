from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from utsyn.audit.editing import confirm_and_bin, form_page
from utsyn.core.decorators import organisation_view, public_view, require
from utsyn.core.exports import table_response
from utsyn.organisations.public import public_language

from . import queries, services
from .forms import MoveItemForm, PlanForm, PlanItemForm, PlanRoleForm
from .lists import PLANS
from .models import Plan, PlanItem, PlanRole
from .tables import ITEM_COLUMNS

plan_list = PLANS.page
plan_list_export = PLANS.download


@organisation_view(read_only=True)
def plan_detail(request, pk):
    plan = get_object_or_404(
        Plan.objects.select_related("adopted_by", "document_owner", "implements"), pk=pk
    )
    roles = plan.roles.select_related("unit")
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "items": queries.plan_tree(plan),
            "roles": roles,
            "implemented_by": plan.implemented_by.all(),
            "can_change": request.user.has_perm("plan.change", plan),
            "can_delete": request.user.has_perm("plan.delete", plan),
        },
    )


@organisation_view(read_only=True)
def plan_export(request, pk, fmt):
    plan = get_object_or_404(Plan, pk=pk)
    return table_response(fmt, ITEM_COLUMNS, queries.plan_tree(plan), plan.title)


def _to_plan(request):
    return lambda obj: redirect(
        "plans:detail", organisation=request.organisation.slug, pk=getattr(obj, "plan_id", obj.pk)
    )


def _to_item(request):
    return lambda item: redirect(
        "overview:item_detail", organisation=request.organisation.slug, pk=item.pk
    )


@organisation_view("organisation.add_plan")
def plan_create(request):
    form = PlanForm(request.POST or None, organisation=request.organisation)
    return form_page(request, form, "plans/plan_form.html", {}, _to_plan(request))


@organisation_view()
def plan_edit(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    require(request, "plan.change", plan)
    form = PlanForm(request.POST or None, instance=plan, organisation=request.organisation)
    return form_page(request, form, "plans/plan_form.html", {"plan": plan}, _to_plan(request))


@organisation_view()
def plan_delete(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    require(request, "plan.delete", plan)
    return _confirm_and_bin(
        request, plan, plan, reverse("plans:list", args=[request.organisation.slug])
    )


def _confirm_and_bin(request, obj, plan, next_url=None, name=None):
    """The delete page of a plan or of a part of it, reached from the plan's page."""
    return confirm_and_bin(
        request,
        obj,
        back_url=_plan_url(request, plan),
        back_label=plan.title,
        next_url=next_url,
        name=name,
    )


def _plan_url(request, plan):
    return reverse("plans:detail", args=[request.organisation.slug, plan.pk])


@organisation_view()
def role_form(request, plan_pk, pk=None):
    plan = get_object_or_404(Plan, pk=plan_pk)
    require(request, "plan.change", plan)
    role = get_object_or_404(PlanRole, pk=pk, plan=plan) if pk else None
    form = PlanRoleForm(request.POST or None, instance=role, organisation=request.organisation)
    extra = {"plan": plan}
    if role is None:
        extra["position"] = plan.roles.count()
    return form_page(
        request,
        form,
        "plans/plan_part_form.html",
        {"plan": plan, "title": _("Role in the plan")},
        _to_plan(request),
        **extra,
    )


@organisation_view()
def role_delete(request, plan_pk, pk):
    plan = get_object_or_404(Plan, pk=plan_pk)
    require(request, "plan.change", plan)
    role = get_object_or_404(PlanRole, pk=pk, plan=plan)
    return _confirm_and_bin(request, role, plan)


# ---------------------------------------------------------------------------------- items


@organisation_view()
def item_create(request, plan_pk):
    plan = get_object_or_404(Plan, pk=plan_pk)
    require(request, "plan.change", plan)
    tree = queries.plan_tree(plan)
    parent = None
    if request.GET.get("parent"):
        parent_pk = request.GET["parent"]
        parent = next((item for item in tree if str(item.pk) == parent_pk), None)
        if parent is None:
            raise Http404
    form = PlanItemForm(
        request.POST or None,
        organisation=request.organisation,
        plan=plan,
        user=request.user,
        parent=parent,
    )
    siblings = parent.child_items if parent else [item for item in tree if not item.parent_id]
    position = max((item.position for item in siblings), default=-1) + 1
    return form_page(
        request,
        form,
        "plans/item_form.html",
        {"plan": plan, "parent": parent, "new_level": queries.level_below(plan, parent)},
        _to_item(request),
        plan=plan,
        parent=parent,
        position=position,
    )


@organisation_view()
def item_edit(request, pk):
    item = get_object_or_404(PlanItem.objects.select_related("plan"), pk=pk)
    require(request, "item.change", item)
    tree = queries.plan_tree(item.plan)
    item.place = next(node.place for node in tree if node.pk == item.pk)
    form = PlanItemForm(
        request.POST or None,
        instance=item,
        organisation=request.organisation,
        plan=item.plan,
        user=request.user,
    )
    return form_page(
        request, form, "plans/item_form.html", {"plan": item.plan, "item": item}, _to_item(request)
    )


@organisation_view()
def item_delete(request, pk):
    item = get_object_or_404(PlanItem.objects.select_related("plan"), pk=pk)
    require(request, "item.delete", item)
    return _confirm_and_bin(request, item, item.plan, name=_item_name(item))


def _item_name(item):
    """How pages about one item name it: its identifier, or its title when it has none."""
    return item.identifier or Truncator(item.title).words(8)


@organisation_view()
def item_move(request, pk):
    item = get_object_or_404(PlanItem.objects.select_related("plan", "parent"), pk=pk)
    require(request, "plan.change", item.plan)
    form = MoveItemForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        services.move_item(item, form.cleaned_data["parent"], request.user)
        messages.success(request, _("Moved."))
        return redirect("overview:item_detail", organisation=request.organisation.slug, pk=item.pk)
    return render(
        request,
        "plans/item_move.html",
        {"item": item, "item_name": _item_name(item), "form": form},
        status=400 if form.errors else 200,
    )


@organisation_view()
def item_reorder(request, pk, direction):
    """Moves an item one place up or down among its siblings (POST, keyboard friendly)."""
    item = get_object_or_404(PlanItem.objects.select_related("plan"), pk=pk)
    require(request, "plan.change", item.plan)
    if direction not in ("up", "down"):
        raise Http404
    if request.method != "POST":
        return render(
            request,
            "plans/item_reorder.html",
            {"item": item, "item_name": _item_name(item), "direction": direction},
        )
    services.move_among_siblings(item, -1 if direction == "up" else 1, request.user)
    url = reverse("plans:detail", args=[request.organisation.slug, item.plan_id])
    return redirect(f"{url}#item-{item.pk}")


# ---------------------------------------------------------------------------------- public


@public_view(read_only=True)
def public_plan_list(request):
    plans = Plan.objects.filter(is_published=True).order_by("type", "title")
    with translation.override(public_language(request)):
        return render(request, "plans/public_plan_list.html", {"plans": plans})
