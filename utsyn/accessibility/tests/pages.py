"""The main pages of Utsyn, on Bergen's demo data: what the browser and HTML tests open.

Each page is opened by the user who would open it (the coordinator for most of the workspace,
the editor for the to-do list and the arena assessment, nobody for the published pages).
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.urls import reverse

from utsyn.activities.models import Activity, DelegationRequest
from utsyn.arenas.models import Arena
from utsyn.followup.models import ArenaReview, ItemUpdate, Round
from utsyn.indicators.models import Indicator
from utsyn.organisations.models import Organisation, Unit
from utsyn.organisations.permissions import membership_for
from utsyn.plans.models import Plan, PlanItem
from utsyn.projects.models import Project

ADMIN = "bergen-admin"
EDITOR = "bergen-editor"
VIEWER = "bergen-viewer"
ANONYMOUS = None


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    user: str | None
    status: int = 200


def main_pages(language="nb"):
    """Every main page, filled in from the demo data (which must be loaded). The published
    plan pages are in the organisation's language unless asked for in English."""
    in_english = "?language=en" if language == "en" else ""
    organisation = Organisation.objects.get(slug="bergen")

    def url(name, query="", **kwargs):
        return reverse(name, kwargs={"organisation": organisation.slug, **kwargs}) + query

    bergen = {"organisation": organisation}
    plan = Plan.objects.filter(**bergen, is_published=True, type="action_plan").first()
    item = PlanItem.objects.filter(plan=plan, children__isnull=True).order_by("position").first()
    open_round = Round.objects.filter(**bergen, status=Round.Status.OPEN).get()
    closed_round = Round.objects.filter(**bergen, status=Round.Status.CLOSED).first()
    update = ItemUpdate.objects.filter(round=open_round, state="to_do").order_by("pk").first()
    submitted = ItemUpdate.objects.filter(round=open_round, state="submitted").order_by("pk")
    editor = get_user_model().objects.get(username=EDITOR)
    covered = membership_for(editor, organisation.pk).covered_unit_ids
    review = ArenaReview.objects.filter(round=open_round, unit__in=covered).order_by("pk").first()
    arena = Arena.objects.filter(**bergen, name="Eurocities").get()
    twin_city = Arena.objects.filter(**bergen, name="Göteborg").get()  # covered by two networks
    published_arena = Arena.objects.filter(**bergen, is_published=True).order_by("name").first()
    indicator = Indicator.objects.filter(**bergen).order_by("pk").first()
    project = Project.objects.filter(**bergen).order_by("pk").first()
    activity = Activity.objects.filter(**bergen).order_by("starts_on", "pk").first()
    request = DelegationRequest.objects.filter(**bergen).order_by("pk").first()
    unit_with_parts = Unit.objects.filter(**bergen, children__isnull=False).order_by("pk").first()
    return [
        # The workspace.
        Page("dashboard", url("overview:dashboard"), ADMIN),
        Page("plan list", url("plans:list"), ADMIN),
        Page("plan", url("plans:detail", pk=plan.pk), ADMIN),
        Page("plan item", url("overview:item_detail", pk=item.pk), ADMIN),
        Page("plan item form", url("plans:item_edit", pk=item.pk), ADMIN),
        Page("round list", url("followup:list"), ADMIN),
        Page("round (open)", url("followup:detail", pk=open_round.pk), ADMIN),
        Page("round (closed)", url("followup:detail", pk=closed_round.pk), ADMIN),
        Page(
            "a unit's to-do list",
            url("followup:todo", f"?unit={review.unit_id}", pk=open_round.pk),
            ADMIN,
        ),
        Page("editor's to-do list", url("followup:todo", pk=open_round.pk), EDITOR),
        Page(
            "status update form",
            url("followup:task", round_pk=open_round.pk, kind="update", pk=update.pk),
            ADMIN,
        ),
        Page(
            "submitted status update, to review",
            url("followup:task", round_pk=open_round.pk, kind="update", pk=submitted.first().pk),
            ADMIN,
        ),
        Page(
            "arena assessment form",
            url("followup:task", round_pk=open_round.pk, kind="review", pk=review.pk),
            EDITOR,
        ),
        Page("indicator list", url("indicators:list"), ADMIN),
        Page("indicator", url("indicators:detail", pk=indicator.pk), ADMIN),
        Page("arena list", url("arenas:list"), ADMIN),
        Page("arena list, filtered", url("arenas:list", "?kind=membership&status=active"), ADMIN),
        Page("arena", url("arenas:detail", pk=arena.pk), ADMIN),
        Page("arena form", url("arenas:edit", pk=arena.pk), ADMIN),
        Page("twin city", url("arenas:detail", pk=twin_city.pk), ADMIN),
        Page(
            "twin city's decision form", url("arenas:decision_create", arena_pk=twin_city.pk), ADMIN
        ),
        Page("assessment list", url("arenas:assessment_list"), ADMIN),
        Page("UN goals coverage", url("overview:sdg_coverage"), ADMIN),
        Page("project list", url("projects:list"), ADMIN),
        Page("project", url("projects:detail", pk=project.pk), ADMIN),
        Page("yearly project plan", url("projects:plan_current"), ADMIN),
        Page(
            "yearly project plan, a year refused",
            url("projects:plan_current", "?year=1800"),
            ADMIN,
            status=400,
        ),
        Page("funding programmes", url("projects:programmes"), ADMIN),
        Page("activity calendar", url("activities:calendar"), ADMIN),
        Page("activity list", url("activities:list"), ADMIN),
        Page("activity", url("activities:detail", pk=activity.pk), ADMIN),
        Page("delegation requests", url("activities:request_list"), ADMIN),
        Page("delegation request", url("activities:request_detail", pk=request.pk), ADMIN),
        Page("costs", url("costs:current_year"), ADMIN),
        Page("reports", url("reports:index"), ADMIN),
        Page("report: arena review", url("reports:show", report="arena-review"), VIEWER),
        Page("report: yearly report", url("reports:show", report="annual"), VIEWER),
        Page("units", url("organisations:units"), ADMIN),
        Page("contact persons", url("organisations:people"), ADMIN),
        Page("users and roles", url("organisations:members"), ADMIN),
        Page("history", url("audit:log"), ADMIN),
        # The one delete page, asking (with what goes along) and refusing (with why).
        Page("delete a project", url("projects:delete", pk=project.pk), ADMIN),
        Page(
            "delete a unit with sub-units (refused)",
            url("organisations:unit_delete", pk=unit_with_parts.pk),
            ADMIN,
        ),
        Page("bin", url("audit:bin"), ADMIN),
        Page("not allowed (403)", url("arenas:create"), VIEWER, status=403),
        # The published pages.
        Page("home", reverse("home"), ANONYMOUS),
        Page("login", reverse("login"), ANONYMOUS),
        Page("front page", url("overview:front_page"), ANONYMOUS),
        Page("published plans", url("plans:public_list", in_english), ANONYMOUS),
        Page("published plan", url("overview:public_plan", in_english, pk=plan.pk), ANONYMOUS),
        Page("public register", url("arenas:public_register"), ANONYMOUS),
        Page("public arena", url("arenas:public_detail", pk=published_arena.pk), ANONYMOUS),
        Page("visit request form", url("activities:request_visit"), ANONYMOUS),
        Page("how visits work", url("activities:visits_info"), ANONYMOUS),
        Page("accessibility statement", reverse("accessibility"), ANONYMOUS),
        Page("organisation's statement", url("accessibility:statement"), ANONYMOUS),
        Page("not found (404)", url("overview:public_plan", pk=999999), ANONYMOUS, status=404),
        Page("not found (404), logged in", url("plans:detail", pk=999999), ADMIN, status=404),
    ]


def form_errors():
    """Forms sent back with errors: (name, url, user, data, expected status)."""
    organisation = Organisation.objects.get(slug="bergen")
    open_round = Round.objects.filter(organisation=organisation, status=Round.Status.OPEN).get()
    update = ItemUpdate.objects.filter(round=open_round, state="to_do").order_by("pk").first()

    def url(name, **kwargs):
        return reverse(name, kwargs={"organisation": organisation.slug, **kwargs})

    task = url("followup:task", round_pk=open_round.pk, kind="update", pk=update.pk)
    twin_city = Arena.objects.filter(organisation=organisation, name="Göteborg").get()
    decision = url("arenas:decision_create", arena_pk=twin_city.pk)
    return [
        ("login", reverse("login"), ANONYMOUS, {"username": ADMIN, "password": "wrong"}, 200),
        ("arena form", url("arenas:create"), ADMIN, {"name": ""}, 400),
        ("arena on hold without a reason", url("arenas:create"), ADMIN, {"status": "on_hold"}, 400),
        ("suspension without date or reason", decision, ADMIN, {"outcome": "suspend"}, 400),
        ("status update form", task, ADMIN, {"action": "submit", "progress": "140"}, 400),
        ("visit request form", url("activities:request_visit"), ANONYMOUS, {"email": "x"}, 400),
    ]
