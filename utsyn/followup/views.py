from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from utsyn.audit.services import history, save_with_log
from utsyn.core.concurrency import EditConflict, form_status
from utsyn.core.decorators import organisation_view, require
from utsyn.core.exports import rows_of, table_response
from utsyn.organisations.models import Role, Unit
from utsyn.organisations.permissions import covered_unit_ids
from utsyn.organisations.unit_tree import in_tree_order

from . import queries, services
from .forms import ApproveForm, ReturnForm, RoundForm, task_form
from .lists import ROUNDS
from .models import ArenaReview, ItemUpdate, Reminder, Round, RoundClosedError
from .reminders import send_round_reminders
from .tables import (
    COMPLETENESS_COLUMNS,
    TODO_REVIEW_COLUMNS,
    TODO_UPDATE_COLUMNS,
    UPDATE_COLUMNS,
)

TASK_MODELS = {"update": ItemUpdate, "review": ArenaReview}


def _table(columns, objects):
    """(object, cells) pairs: a table on screen from the columns its downloads use."""
    return list(zip(objects, rows_of(columns, objects), strict=True))


round_list = ROUNDS.page
round_list_export = ROUNDS.download


@organisation_view(read_only=True)
def round_detail(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    can_manage = request.user.has_perm("organisation.manage_rounds", request.organisation)
    updates, reviews = queries.tasks_for(round_)
    completeness = queries.completeness_by_unit(round_)
    return render(
        request,
        "followup/round_detail.html",
        {
            "round": round_,
            "completeness": completeness,
            "completeness_columns": COMPLETENESS_COLUMNS,
            "completeness_rows": _table(COMPLETENESS_COLUMNS, completeness),
            "plans": round_.plans.all(),
            "awaiting": [task for task in [*updates, *reviews] if task.state == "submitted"],
            "reminders": round_.reminders.select_related("user")[:20],
            "can_manage": can_manage,
            "history": history(round_) if can_manage else None,
        },
    )


@organisation_view("organisation.manage_rounds")
def round_form(request, pk=None):
    round_ = get_object_or_404(Round, pk=pk) if pk else None
    if round_ and not round_.is_open:
        messages.error(request, _("This round is closed; its updates can no longer change."))
        return redirect("followup:detail", organisation=request.organisation.slug, pk=round_.pk)
    form = RoundForm(request.POST or None, instance=round_, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = save_with_log(form, request.user)
        except EditConflict:
            pass
        else:
            services.sync_tasks(round_)
            messages.success(request, _("Saved. The units' to-do lists are up to date."))
            return redirect("followup:detail", organisation=request.organisation.slug, pk=round_.pk)
    return render(
        request,
        "followup/round_form.html",
        {"form": form, "round": round_},
        status=form_status(form),
    )


@organisation_view("organisation.manage_rounds")
def round_close(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    if request.method == "POST":
        try:
            services.close_round(round_, request.user)
        except RoundClosedError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The round is closed. Its updates are kept as they are."))
        return redirect("followup:detail", organisation=request.organisation.slug, pk=round_.pk)
    return render(
        request,
        "followup/round_close.html",
        {"round": round_, "completeness": queries.completeness_by_unit(round_)},
    )


@organisation_view("organisation.manage_rounds")
def round_remind(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    if request.method != "POST":
        return render(request, "followup/round_remind.html", {"round": round_})
    if not round_.is_open:
        messages.error(request, _("This round is closed; its updates can no longer change."))
    else:
        today = timezone.localdate()
        users = send_round_reminders(round_, Reminder.Kind.MANUAL, today, only_new=False)
        messages.success(
            request,
            _("Reminders sent to %(count)d people.") % {"count": len(users)},
        )
    return redirect("followup:detail", organisation=request.organisation.slug, pk=round_.pk)


@organisation_view(read_only=True)
def round_export(request, pk, fmt):
    round_ = get_object_or_404(Round, pk=pk)
    updates, _reviews = queries.tasks_for(round_)
    return table_response(fmt, UPDATE_COLUMNS, updates, round_.name)


@organisation_view(read_only=True)
def completeness_export(request, pk, fmt):
    """The round page's completeness per unit, as a file."""
    round_ = get_object_or_404(Round, pk=pk)
    title = f"{_('Completeness')} {round_.name}"
    return table_response(fmt, COMPLETENESS_COLUMNS, queries.completeness_by_unit(round_), title)


def _todo_tasks(request, round_):
    """The chosen unit and the tasks the to-do list shows: by default an editor's own units'
    and everyone's for the others; `?unit=` picks one unit, or "none" the unassigned tasks."""
    membership = request.membership
    chosen = request.GET.get("unit", "")
    if membership.role == Role.EDITOR and not chosen:
        unit_ids = covered_unit_ids(request.user, round_.organisation_id)
        updates, reviews = queries.tasks_for(round_, unit_ids=unit_ids)
    elif chosen == "none":
        updates, reviews = queries.tasks_for(round_, no_unit=True)
    elif chosen:
        unit = get_object_or_404(Unit, pk=chosen) if chosen.isdigit() else None
        if unit is None:
            raise Http404
        updates, reviews = queries.tasks_for(round_, unit_ids=[unit.pk])
    else:
        updates, reviews = queries.tasks_for(round_)
    return chosen, updates, reviews


@organisation_view(read_only=True)
def todo(request, pk):
    """A unit's to-do list in a round: editors see their units'; others choose a unit."""
    round_ = get_object_or_404(Round, pk=pk)
    chosen, updates, reviews = _todo_tasks(request, round_)
    return render(
        request,
        "followup/todo.html",
        {
            "round": round_,
            "updates": updates,
            "reviews": reviews,
            "update_columns": TODO_UPDATE_COLUMNS,
            "update_rows": _table(TODO_UPDATE_COLUMNS, updates),
            "review_columns": TODO_REVIEW_COLUMNS,
            "review_rows": _table(TODO_REVIEW_COLUMNS, reviews),
            "units": in_tree_order(Unit.objects.all()),
            "chosen": chosen,
            "query": request.GET.urlencode(),
        },
    )


# The to-do list's tables by the name their downloads go by: (columns, title).
TODO_TABLES = {
    "updates": (TODO_UPDATE_COLUMNS, _lazy("Status updates")),
    "reviews": (TODO_REVIEW_COLUMNS, _lazy("Arena assessments")),
}


@organisation_view(read_only=True)
def todo_export(request, pk, table, fmt):
    """One table of the to-do list, for the same unit as the page."""
    if table not in TODO_TABLES:
        raise Http404
    round_ = get_object_or_404(Round, pk=pk)
    _chosen, updates, reviews = _todo_tasks(request, round_)
    columns, title = TODO_TABLES[table]
    tasks = updates if table == "updates" else reviews
    return table_response(fmt, columns, tasks, f"{title} {round_.name}")


@organisation_view()
def task(request, round_pk, kind, pk):
    """One status update or arena review: read it, fill it in, submit, approve or return it."""
    if kind not in TASK_MODELS:
        raise Http404
    related = ("round", "unit", "item__plan") if kind == "update" else ("round", "unit", "arena")
    task = get_object_or_404(
        TASK_MODELS[kind].objects.select_related(*related), pk=pk, round_id=round_pk
    )
    if kind == "update":
        queries.with_places([task])  # the item's label as the plan shows it
    action = request.POST.get("action", "")
    perms = {
        name: request.user.has_perm(f"task.{name}", task) for name in ("edit", "approve", "return")
    }
    form = task_form(
        kind,
        request.POST if action in ("save", "submit") else None,
        task,
        request.organisation,
        submitting=action == "submit",
    )
    approve_form = ApproveForm(request.POST if action == "approve" else None, instance=task)
    return_form = ReturnForm(request.POST if action == "return" else None, instance=task)
    forms = {"save": form, "submit": form, "approve": approve_form, "return": return_form}
    if request.method == "POST":
        response = _act(request, task, action, perms, forms)
        if response:
            return response
    status = 200
    if request.method == "POST":
        status = 403 if not task.round.is_open else form_status(forms[action])
    return render(
        request,
        "followup/task.html",
        {
            "task": task,
            "kind": kind,
            "form": form,
            "approve_form": approve_form,
            "return_form": return_form,
            "perms": perms,
            "may_see_note": request.user.has_perm("task.see_internal_note", task),
        },
        status=status,
    )


def _act(request, task, action, perms, forms):
    """Carries out a POSTed action; returns a redirect when done, else None to show the page.

    Each action is refused, changing nothing, when the task changed after the page was opened
    (another editor saved it, the coordinator returned it): its form then shows what changed.
    """
    if not task.round.is_open:
        messages.error(request, _("This round is closed; its updates can no longer change."))
        return None
    needed = {"save": "edit", "submit": "edit", "approve": "approve", "return": "return"}
    if action not in needed:
        raise Http404
    require(request, f"task.{needed[action]}", task)
    form = forms[action]
    if not form.is_valid():
        return None
    try:
        if action in ("save", "submit"):
            services.save_task(form, request.user, submit=action == "submit")
            done = _("Submitted.") if action == "submit" else _("Draft saved.")
        elif action == "approve":
            with transaction.atomic():
                form.check_concurrency()
                services.approve(task, request.user)
            done = _("Approved.")
        else:
            with transaction.atomic():
                form.check_concurrency()
                services.return_task(task, request.user, form.cleaned_data["comment"])
            done = _("Returned to the unit.")
    except RoundClosedError as error:
        messages.error(request, error.message)
        return None
    except EditConflict:
        return None
    messages.success(request, done)
    return redirect(request.get_full_path())
