"""Pages that gather several apps; each app's own pages stay in that app."""

from django.shortcuts import get_object_or_404, render
from django.utils import translation

from utsyn.arenas.models import Arena
from utsyn.arenas.queries import status_counts
from utsyn.audit.services import history
from utsyn.core.decorators import organisation_view, public_view
from utsyn.followup.models import Round
from utsyn.followup.queries import latest_approved_updates, timeline
from utsyn.indicators.queries import indicators_for_items
from utsyn.organisations.public import public_language
from utsyn.plans import queries as plan_queries
from utsyn.plans.models import Plan, PlanItem
from utsyn.plans.sdg_coverage import coverage_rows
from utsyn.sdgs.models import Goal


@public_view(read_only=True)
def front_page(request):
    published = Arena.objects.filter(is_published=True).count()
    plans = Plan.objects.filter(is_published=True).order_by("type", "title")
    return render(
        request,
        "overview/front_page.html",
        {"published_arenas": published, "published_plans": plans},
    )


@organisation_view(read_only=True)
def dashboard(request):
    by_status = status_counts()
    return render(
        request,
        "overview/dashboard.html",
        {
            "by_status": by_status,
            "total": sum(count for _value, _label, count in by_status),
            "open_rounds": Round.objects.filter(status=Round.Status.OPEN),
            "plans": Plan.objects.order_by("type", "title"),
        },
    )


@organisation_view(read_only=True)
def sdg_coverage(request):
    organisation = request.organisation
    plans = list(Plan.objects.filter(organisation=organisation))
    rows = coverage_rows(Goal.objects.all(), plans, organisation)
    return render(
        request,
        "overview/sdg_coverage.html",
        {"plans": plans, "rows": rows, "any_targets": any(row["targets"] for row in rows)},
    )


@organisation_view(read_only=True)
def item_detail(request, pk):
    """A plan item with its place in the plan, its follow-up round by round, its indicators."""
    item = get_object_or_404(plan_queries.items_for_page(PlanItem.objects.all()), pk=pk)
    tree = plan_queries.plan_tree(item.plan)
    node = next(node for node in tree if node.pk == item.pk)
    item.place = node.place  # its inherited unit, for the permissions asked below
    return render(
        request,
        "overview/item_detail.html",
        {
            "item": item,
            "node": node,
            "sub_items": node.child_items,
            "ancestors": _ancestors(node, tree),
            "updates": timeline(item),
            "may_see_notes": request.user.has_perm("item.see_internal_notes", item),
            "indicators": indicators_for_items([item.pk]),
            "history": history(item),
            "can_change": request.user.has_perm("item.change", item),
            "can_arrange": request.user.has_perm("plan.change", item.plan),
            "can_delete": request.user.has_perm("item.delete", item),
        },
    )


def _ancestors(node, tree):
    by_pk = {item.pk: item for item in tree}
    chain, current = [], node
    while current.parent_id:
        current = by_pk[current.parent_id]
        chain.insert(0, current)
    return chain


@public_view(read_only=True)
def public_plan(request, pk):
    """The published plan, in the organisation's language or, on request, in English.

    Only approved updates appear; internal notes and the coordinator's comments never do.
    """
    plan = get_object_or_404(Plan.objects.filter(is_published=True), pk=pk)
    language = public_language(request)
    items = plan_queries.plan_tree(plan)
    latest = latest_approved_updates(plan)
    for item in items:
        item.latest_update = latest.get(item.pk)
    with translation.override(language):
        return render(
            request,
            "overview/public_plan.html",
            {
                "plan": plan,
                "items": items,
                "roles": plan.roles.select_related("unit"),
                "public_language": language,
            },
        )
