"""Every URL of the project, tried across organisations.

Each URL pattern must appear in COVERAGE with how to fill in its arguments for an
organisation's data; a pattern without an entry fails `test_every_url_pattern_is_covered`.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scope

from utsyn.activities.models import Activity, Cost, DelegationRequest, Participant, ProgrammeItem
from utsyn.arenas.models import Arena, Assessment, Decision
from utsyn.audit.models import LogEntry
from utsyn.followup.models import ArenaReview, ItemUpdate, Round
from utsyn.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from utsyn.money.models import ExchangeRate
from utsyn.organisations.models import Membership, Person, Unit
from utsyn.plans.models import Plan, PlanItem, PlanRole
from utsyn.projects.models import FundingProgramme, Project, ProjectDocument, ProjectPartner
from utsyn.reports.models import ReportJob, ReportText
from utsyn.testing.shared import shared_worlds

# The two organisations, built once for the module's hundreds of tests.
alpha, beta = shared_worlds()

# Pages that do not belong to an organisation.
GLOBAL = {"home", "login", "logout", "set_language", "accessibility"}

# name -> (public?, function from a World to the URL arguments other than the organisation)
COVERAGE = {
    "overview:front_page": (True, lambda w: {}),
    "overview:dashboard": (False, lambda w: {}),
    "organisations:units": (False, lambda w: {}),
    "organisations:unit_export": (False, lambda w: {"fmt": "csv"}),
    "organisations:unit_create": (False, lambda w: {}),
    "organisations:unit_edit": (False, lambda w: {"pk": w.agency.pk}),
    "organisations:unit_delete": (False, lambda w: {"pk": w.other_agency.pk}),
    "organisations:people": (False, lambda w: {}),
    "organisations:person_export": (False, lambda w: {"fmt": "csv"}),
    "organisations:person_create": (False, lambda w: {}),
    "organisations:person_edit": (False, lambda w: {"pk": w.person.pk}),
    "organisations:person_delete": (False, lambda w: {"pk": w.person.pk}),
    "organisations:members": (False, lambda w: {}),
    "organisations:member_export": (False, lambda w: {"fmt": "xlsx"}),
    "organisations:member_create": (False, lambda w: {}),
    "organisations:member_edit": (False, lambda w: {"pk": w.editor_membership.pk}),
    "organisations:member_remove": (False, lambda w: {"pk": w.editor_membership.pk}),
    "arenas:list": (False, lambda w: {}),
    "arenas:export": (False, lambda w: {"fmt": "csv"}),
    "arenas:create": (False, lambda w: {}),
    "arenas:detail": (False, lambda w: {"pk": w.unpublished_arena.pk}),
    "arenas:edit": (False, lambda w: {"pk": w.unpublished_arena.pk}),
    "arenas:delete": (False, lambda w: {"pk": w.unpublished_arena.pk}),
    "arenas:assessment_create": (False, lambda w: {"arena_pk": w.published_arena.pk}),
    "arenas:assessment_edit": (
        False,
        lambda w: {"arena_pk": w.published_arena.pk, "pk": w.assessment.pk},
    ),
    "arenas:decision_create": (False, lambda w: {"arena_pk": w.published_arena.pk}),
    "arenas:decision_edit": (
        False,
        lambda w: {"arena_pk": w.published_arena.pk, "pk": w.decision.pk},
    ),
    "arenas:assessment_list": (False, lambda w: {}),
    "arenas:assessment_export": (False, lambda w: {"fmt": "xlsx"}),
    "arenas:public_register": (True, lambda w: {}),
    "arenas:public_detail": (True, lambda w: {"pk": w.unpublished_arena.pk}),
    "plans:list": (False, lambda w: {}),
    "plans:list_export": (False, lambda w: {"fmt": "csv"}),
    "plans:create": (False, lambda w: {}),
    "plans:detail": (False, lambda w: {"pk": w.plan.pk}),
    "plans:export": (False, lambda w: {"pk": w.plan.pk, "fmt": "csv"}),
    "plans:edit": (False, lambda w: {"pk": w.plan.pk}),
    "plans:delete": (False, lambda w: {"pk": w.unpublished_plan.pk}),
    "plans:role_create": (False, lambda w: {"plan_pk": w.plan.pk}),
    "plans:role_edit": (False, lambda w: {"plan_pk": w.plan.pk, "pk": w.plan_role.pk}),
    "plans:role_delete": (False, lambda w: {"plan_pk": w.plan.pk, "pk": w.plan_role.pk}),
    "plans:item_create": (False, lambda w: {"plan_pk": w.plan.pk}),
    "overview:item_detail": (False, lambda w: {"pk": w.item.pk}),
    "plans:item_edit": (False, lambda w: {"pk": w.item.pk}),
    "plans:item_move": (False, lambda w: {"pk": w.item.pk}),
    "plans:item_reorder": (False, lambda w: {"pk": w.item.pk, "direction": "up"}),
    "plans:item_delete": (False, lambda w: {"pk": w.others_item.pk}),
    "plans:public_list": (True, lambda w: {}),
    "overview:public_plan": (True, lambda w: {"pk": w.unpublished_plan.pk}),
    "followup:list": (False, lambda w: {}),
    "followup:list_export": (False, lambda w: {"fmt": "csv"}),
    "followup:create": (False, lambda w: {}),
    "followup:detail": (False, lambda w: {"pk": w.round.pk}),
    "followup:edit": (False, lambda w: {"pk": w.round.pk}),
    "followup:close": (False, lambda w: {"pk": w.round.pk}),
    "followup:remind": (False, lambda w: {"pk": w.round.pk}),
    "followup:export": (False, lambda w: {"pk": w.round.pk, "fmt": "csv"}),
    "followup:completeness_export": (False, lambda w: {"pk": w.round.pk, "fmt": "xlsx"}),
    "followup:todo": (False, lambda w: {"pk": w.round.pk}),
    "followup:todo_export": (
        False,
        lambda w: {"pk": w.round.pk, "table": "updates", "fmt": "csv"},
    ),
    "followup:task": (
        False,
        lambda w: {"round_pk": w.round.pk, "kind": "update", "pk": w.update.pk},
    ),
    "audit:log": (False, lambda w: {}),
    "audit:log_export": (False, lambda w: {"fmt": "csv"}),
    "audit:bin": (False, lambda w: {}),
    "audit:bin_export": (False, lambda w: {"fmt": "xlsx"}),
    "audit:restore": (False, lambda w: {"pk": w.bin_entry.pk}),
    "overview:sdg_coverage": (False, lambda w: {}),
    "indicators:list": (False, lambda w: {}),
    "indicators:export": (False, lambda w: {"fmt": "csv"}),
    "indicators:create": (False, lambda w: {}),
    "indicators:detail": (False, lambda w: {"pk": w.indicator.pk}),
    "indicators:edit": (False, lambda w: {"pk": w.indicator.pk}),
    "indicators:delete": (False, lambda w: {"pk": w.indicator.pk}),
    "indicators:target_create": (False, lambda w: {"pk": w.indicator.pk}),
    "indicators:target_delete": (
        False,
        lambda w: {"pk": w.indicator.pk, "target_pk": w.indicator_target.pk},
    ),
    "indicators:value_create": (False, lambda w: {"pk": w.indicator.pk}),
    "indicators:value_edit": (
        False,
        lambda w: {"pk": w.indicator.pk, "value_pk": w.indicator_value.pk},
    ),
    "indicators:value_delete": (
        False,
        lambda w: {"pk": w.indicator.pk, "value_pk": w.indicator_value.pk},
    ),
    # projects (funding programmes, projects, exchange rates): add entries below this line
    "projects:list": (False, lambda w: {}),
    "projects:export": (False, lambda w: {"fmt": "csv"}),
    "projects:create": (False, lambda w: {}),
    "projects:detail": (False, lambda w: {"pk": w.project.pk}),
    "projects:edit": (False, lambda w: {"pk": w.project.pk}),
    "projects:delete": (False, lambda w: {"pk": w.project.pk}),
    "projects:partner_create": (False, lambda w: {"project_pk": w.project.pk}),
    "projects:partner_edit": (
        False,
        lambda w: {"project_pk": w.project.pk, "pk": w.project_partner.pk},
    ),
    "projects:partner_delete": (
        False,
        lambda w: {"project_pk": w.project.pk, "pk": w.project_partner.pk},
    ),
    "projects:document_create": (False, lambda w: {"project_pk": w.project.pk}),
    "projects:document_download": (
        False,
        lambda w: {"project_pk": w.project.pk, "pk": w.project_document.pk},
    ),
    "projects:document_delete": (
        False,
        lambda w: {"project_pk": w.project.pk, "pk": w.project_document.pk},
    ),
    "projects:plan_current": (False, lambda w: {}),
    "projects:plan": (False, lambda w: {"year": 2026}),
    "projects:plan_export": (False, lambda w: {"year": 2026, "fmt": "xlsx"}),
    "projects:programmes": (False, lambda w: {}),
    "projects:programme_create": (False, lambda w: {}),
    "projects:programme_edit": (False, lambda w: {"pk": w.programme.pk}),
    "projects:programme_delete": (False, lambda w: {"pk": w.programme.pk}),
    "projects:rates": (False, lambda w: {}),
    "projects:rate_create": (False, lambda w: {}),
    "projects:rate_edit": (False, lambda w: {"pk": w.exchange_rate.pk}),
    "projects:rate_delete": (False, lambda w: {"pk": w.exchange_rate.pk}),
    # activities (activities, calendar, delegation requests): add entries below this line
    "activities:list": (False, lambda w: {}),
    "activities:export": (False, lambda w: {"fmt": "csv"}),
    "activities:calendar": (False, lambda w: {}),
    "activities:create": (False, lambda w: {}),
    "activities:detail": (False, lambda w: {"pk": w.activity.pk}),
    "activities:edit": (False, lambda w: {"pk": w.activity.pk}),
    "activities:delete": (False, lambda w: {"pk": w.activity.pk}),
    "activities:participant_create": (False, lambda w: {"activity_pk": w.activity.pk}),
    "activities:participant_edit": (
        False,
        lambda w: {"activity_pk": w.activity.pk, "pk": w.participant.pk},
    ),
    "activities:participant_delete": (
        False,
        lambda w: {"activity_pk": w.activity.pk, "pk": w.participant.pk},
    ),
    "activities:cost_create": (False, lambda w: {"activity_pk": w.activity.pk}),
    "activities:cost_edit": (False, lambda w: {"activity_pk": w.activity.pk, "pk": w.cost.pk}),
    "activities:cost_delete": (
        False,
        lambda w: {"activity_pk": w.activity.pk, "pk": w.cost.pk},
    ),
    "activities:request_list": (False, lambda w: {}),
    "activities:request_export": (False, lambda w: {"fmt": "xlsx"}),
    "activities:request_detail": (False, lambda w: {"pk": w.delegation_request.pk}),
    "activities:request_triage": (False, lambda w: {"pk": w.delegation_request.pk}),
    "activities:request_accept": (False, lambda w: {"pk": w.delegation_request.pk}),
    "activities:request_decline": (False, lambda w: {"pk": w.delegation_request.pk}),
    "activities:request_delete": (False, lambda w: {"pk": w.delegation_request.pk}),
    "activities:programme_item_create": (
        False,
        lambda w: {"request_pk": w.delegation_request.pk},
    ),
    "activities:programme_item_edit": (
        False,
        lambda w: {"request_pk": w.delegation_request.pk, "pk": w.programme_item.pk},
    ),
    "activities:programme_item_delete": (
        False,
        lambda w: {"request_pk": w.delegation_request.pk, "pk": w.programme_item.pk},
    ),
    "activities:feed": (True, lambda w: {}),
    "activities:request_visit": (True, lambda w: {}),
    "activities:request_thanks": (True, lambda w: {}),
    "activities:visits_info": (True, lambda w: {}),
    "activities:programme": (True, lambda w: {"token": w.delegation_request.programme_token}),
    "activities:programme_ics": (
        True,
        lambda w: {"token": w.delegation_request.programme_token},
    ),
    "costs:current_year": (False, lambda w: {}),
    "costs:overview": (False, lambda w: {"year": 2026}),
    "costs:export": (False, lambda w: {"year": 2026, "table": "units", "fmt": "csv"}),
    "reports:index": (False, lambda w: {}),
    "reports:show": (False, lambda w: {"report": "arena-review"}),
    "reports:build": (False, lambda w: {"report": "arena-review"}),
    "reports:texts": (False, lambda w: {"report": "vlr"}),
    "reports:job": (False, lambda w: {"pk": w.report_job.pk}),
    "reports:download": (False, lambda w: {"pk": w.report_job.pk}),
    "accessibility:statement": (True, lambda w: {}),
}
ORGANISATION_URLS = sorted(COVERAGE)
INTERNAL_URLS = [name for name in ORGANISATION_URLS if not COVERAGE[name][0]]
OBJECT_URLS = [name for name in ORGANISATION_URLS if COVERAGE[name][1].__code__.co_names]


def _all_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _all_url_names(entry, inner)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"URL pattern {entry.pattern} has no name"
            yield f"{namespace}{entry.name}"


def _url(name, world, organisation_slug=None):
    kwargs = COVERAGE[name][1](world)
    return reverse(name, kwargs={"organisation": organisation_slug or world.slug, **kwargs})


def _state():
    """A fingerprint of everything stored, to prove that nothing changed."""
    return [
        sorted(model.objects.values_list("pk", "updated_at"))
        for model in (
            Arena,
            Assessment,
            Decision,
            Unit,
            Person,
            Plan,
            PlanRole,
            PlanItem,
            Round,
            ItemUpdate,
            ArenaReview,
            Indicator,
            IndicatorValue,
            IndicatorTarget,
            ReportJob,
            ReportText,
            # projects
            FundingProgramme,
            Project,
            ProjectPartner,
            ProjectDocument,
            ExchangeRate,
            # activities
            Activity,
            Participant,
            Cost,
            DelegationRequest,
            ProgrammeItem,
        )
    ] + [
        sorted(Membership.objects.values_list("pk", "role")),
        LogEntry.objects.count(),
        sorted(LogEntry.objects.filter(restored_at__isnull=False).values_list("pk")),
    ]


def test_every_url_pattern_is_covered():
    names = set(_all_url_names())
    assert names - GLOBAL == set(COVERAGE), (
        "Add new URL patterns to COVERAGE in this test (and remove deleted ones)"
    )


@pytest.mark.parametrize("name", INTERNAL_URLS)
def test_a_member_of_another_organisation_can_neither_read_nor_change(name, alpha, beta, login):
    client = login(alpha.administrator)
    url = _url(name, beta)
    before = _state()
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Hacked", "role": "administrator"}).status_code == 404
    assert _state() == before


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_another_organisations_rows_are_invisible_in_ones_own_organisation(
    name, alpha, beta, login
):
    """Alpha's administrator puts Beta's ids into Alpha's URLs."""
    client = login(alpha.administrator)
    url = _url(name, beta, organisation_slug=alpha.slug)
    before = _state()
    assert client.get(url).status_code == 404
    # A read-only page refuses POST before it looks for the row: a 405 for any id tells nothing.
    assert client.post(url, {"name": "Hacked"}).status_code in (404, 405)
    assert _state() == before


@pytest.mark.parametrize("name", INTERNAL_URLS)
def test_anonymous_visitors_are_sent_to_the_login_page(name, alpha, client):
    url = _url(name, alpha)
    before = _state()
    for response in (client.get(url), client.post(url, {"name": "Hacked"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert _state() == before


@pytest.mark.parametrize("name", INTERNAL_URLS)
def test_members_reach_every_internal_page(name, alpha, login):
    """The other side of the coin: the 404s above are not because the pages are broken."""
    client = login(alpha.administrator)
    assert client.get(_url(name, alpha)).status_code == 200


@pytest.mark.parametrize("name", INTERNAL_URLS)
def test_every_internal_page_works_with_scopes_enforced_as_in_production(name, alpha, login):
    """The suite's set-up runs unscoped; here the request meets scopes exactly as in production,
    for the editor, whose permissions read the organisation's units."""
    client = login(alpha.editor)
    url = _url(name, alpha)
    with scope():
        assert client.get(url).status_code in (200, 403)


@pytest.mark.parametrize("user_kind", ["anonymous", "other organisation", "own viewer"])
def test_public_pages_show_only_what_is_published(user_kind, alpha, beta, client):
    if user_kind == "other organisation":
        client.force_login(beta.administrator)
    elif user_kind == "own viewer":
        client.force_login(alpha.viewer)
    register = client.get(reverse("arenas:public_register", kwargs={"organisation": alpha.slug}))
    assert register.status_code == 200
    assert alpha.published_arena.name in register.content.decode()
    assert alpha.unpublished_arena.name not in register.content.decode()
    assert beta.published_arena.name not in register.content.decode()

    detail = client.get(_url("arenas:public_detail", alpha))
    assert detail.status_code == 404
    published = reverse(
        "arenas:public_detail", kwargs={"organisation": alpha.slug, "pk": alpha.published_arena.pk}
    )
    assert client.get(published).status_code == 200
    other_tenant = reverse(
        "arenas:public_detail", kwargs={"organisation": alpha.slug, "pk": beta.published_arena.pk}
    )
    assert client.get(other_tenant).status_code == 404


def test_an_unknown_organisation_is_not_found(alpha, login):
    client = login(alpha.administrator)
    assert client.get("/nowhere/arenas/").status_code == 404
    assert client.get("/nowhere/").status_code == 404
