from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from utsyn.audit.editing import confirm_and_bin, form_page
from utsyn.audit.services import history
from utsyn.core.decorators import organisation_view, public_view, require

from .forms import ArenaForm, AssessmentForm, DecisionForm
from .lists import ARENAS, ASSESSMENTS
from .models import Arena, Assessment, Decision
from .queries import arenas_for_list
from .services import record_decision

arena_list = ARENAS.page
arena_export = ARENAS.download
assessment_list = ASSESSMENTS.page
assessment_export = ASSESSMENTS.download


def _arena_page_data(pk, queryset):
    """The arena with everything its page shows; the arenas it covers and those covering it are
    taken from `queryset` too, so that a public page links only to published ones."""
    related = queryset.order_by("name").only("pk", "name")
    arena = get_object_or_404(
        queryset.select_related("responsible", "operational_unit").prefetch_related(
            "themes",
            "contact_persons",
            "sdg_goals",
            "sdg_targets",
            Prefetch("assessments", queryset=Assessment.objects.select_related("assessor")),
            Prefetch("decisions", queryset=Decision.objects.select_related("body")),
            Prefetch("covers", queryset=related),
            Prefetch("covered_by", queryset=related),
        ),
        pk=pk,
    )
    assessments = list(arena.assessments.all())
    return arena, assessments


@organisation_view(read_only=True)
def arena_detail(request, pk):
    arena, assessments = _arena_page_data(pk, Arena.objects.all())
    return render(
        request,
        "arenas/arena_detail.html",
        {
            "arena": arena,
            "latest_assessment": assessments[0] if assessments else None,
            "assessments": assessments,
            "decisions": list(arena.decisions.all()),
            "history": history(arena),
            "can_change": request.user.has_perm("arena.change", arena),
            "can_assess": request.user.has_perm("arena.assess", arena),
            "can_decide": request.user.has_perm("arena.decide", arena),
            "can_delete": request.user.has_perm("arena.delete", arena),
        },
    )


@organisation_view("organisation.add_arena")
def arena_create(request):
    form = ArenaForm(request.POST or None, organisation=request.organisation, user=request.user)
    return form_page(request, form, "arenas/arena_form.html", {}, _to_arena(request))


@organisation_view()
def arena_edit(request, pk):
    arena = get_object_or_404(Arena, pk=pk)
    require(request, "arena.change", arena)
    form = ArenaForm(
        request.POST or None, instance=arena, organisation=request.organisation, user=request.user
    )
    return form_page(
        request,
        form,
        "arenas/arena_form.html",
        {"arena": arena},
        _to_arena(request),
    )


@organisation_view()
def arena_delete(request, pk):
    arena = get_object_or_404(Arena, pk=pk)
    require(request, "arena.delete", arena)
    return confirm_and_bin(
        request,
        arena,
        back_url=reverse("arenas:detail", args=[request.organisation.slug, arena.pk]),
        back_label=arena.name,
        next_url=reverse("arenas:list", args=[request.organisation.slug]),
    )


def _to_arena(request):
    return lambda obj: redirect(
        "arenas:detail", organisation=request.organisation.slug, pk=getattr(obj, "arena_id", obj.pk)
    )


@organisation_view()
def assessment_form(request, arena_pk, pk=None):
    arena = get_object_or_404(Arena, pk=arena_pk)
    require(request, "arena.assess", arena)
    assessment = get_object_or_404(Assessment, pk=pk, arena=arena) if pk else None
    form = AssessmentForm(
        request.POST or None, instance=assessment, organisation=request.organisation
    )
    return form_page(
        request,
        form,
        "arenas/arena_part_form.html",
        {"arena": arena, "title": _("Assessment")},
        _to_arena(request),
        arena=arena,
    )


@organisation_view()
def decision_form(request, arena_pk, pk=None):
    arena = get_object_or_404(Arena, pk=arena_pk)
    require(request, "arena.decide", arena)
    decision = get_object_or_404(Decision, pk=pk, arena=arena) if pk else None
    form = DecisionForm(
        request.POST or None, instance=decision, organisation=request.organisation, arena=arena
    )
    return form_page(
        request,
        form,
        "arenas/arena_part_form.html",
        {"arena": arena, "title": _("Decision")},
        _to_arena_telling_the_status(request),
        save=record_decision,
    )


def _to_arena_telling_the_status(request):
    to_arena = _to_arena(request)

    def on_saved(decision):
        if decision.applied_status:
            messages.info(
                request,
                _("As the decision says, the status of the arena is now “%(status)s”.")
                % {"status": Arena.Status(decision.applied_status).label},
            )
        return to_arena(decision)

    return on_saved


@public_view(read_only=True)
def public_register(request):
    arenas = arenas_for_list(Arena.objects.filter(is_published=True)).prefetch_related("themes")
    return render(request, "arenas/public_register.html", {"arenas": arenas})


@public_view(read_only=True)
def public_arena(request, pk):
    arena, assessments = _arena_page_data(pk, Arena.objects.filter(is_published=True))
    return render(
        request,
        "arenas/public_arena.html",
        {
            "arena": arena,
            "latest_assessment": assessments[0] if assessments else None,
            "decisions": list(arena.decisions.all()),
            "public": True,
        },
    )
