import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from utsyn.audit.models import LogEntry
from utsyn.plans.models import Plan
from utsyn.testing import PlanFactory, PlanItemFactory

EN = {"Accept-Language": "en"}


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"organisation": world.slug, **kwargs})


PLAN_DATA = {
    "type": "strategy",
    "title": "International strategy",
    "status": "adopted",
    "case_reference": "KS 2023/993",
    "start_year": "2024",
    "end_year": "2028",
    "valid_until": "2028-12-31",
    "cadence": "term",
    "level_names": "Main goal\nSub-goal\nStrategy\nMeasure",
    "references": "Plan for business development | https://example.org/business\nClimate plan",
}


def test_the_coordinator_creates_a_plan_with_its_own_levels(alpha, login):
    client = login(alpha.administrator)
    data = {**PLAN_DATA, "adopted_by": alpha.council.pk, "implements": alpha.unpublished_plan.pk}
    response = client.post(_url("plans:create", alpha), data)
    plan = Plan.objects.get(title="International strategy")
    assert response.status_code == 302
    assert plan.levels() == ["Main goal", "Sub-goal", "Strategy", "Measure"]
    assert plan.level_name(3) == "Measure"
    assert plan.referenced_plans() == [
        ("Plan for business development", "https://example.org/business"),
        ("Climate plan", ""),
    ]
    assert plan.implements == alpha.unpublished_plan
    assert LogEntry.objects.filter(object_id=plan.pk, action="created").exists()
    page = client.get(_url("plans:detail", alpha, pk=plan.pk), headers=EN).content.decode()
    assert "KS 2023/993" in page and 'href="https://example.org/business"' in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end_year": "2020"}, "end_year", "The end cannot be before the start."),
        ({"level_names": "  \n "}, "level_names", "This field is required."),
        ({"references": "Plan | javascript:alert(1)"}, "references", "is not a web address"),
        ({"title": "Alpha kommune draft plan"}, "title", "already has a plan with that title"),
    ],
)
def test_a_plan_with_bad_input_is_refused_and_nothing_is_saved(
    alpha, login, changes, field, message
):
    before = Plan.objects.count()
    response = login(alpha.administrator).post(
        _url("plans:create", alpha), {**PLAN_DATA, **changes}, headers=EN
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert Plan.objects.count() == before


def test_only_the_coordinator_shapes_plans(alpha, login):
    for user in (alpha.editor, alpha.viewer):
        client = login(user)
        assert client.post(_url("plans:create", alpha), PLAN_DATA).status_code == 403
        assert client.get(_url("plans:edit", alpha, pk=alpha.plan.pk)).status_code == 403
        assert client.get(_url("plans:item_move", alpha, pk=alpha.item.pk)).status_code == 403
        create_item = _url("plans:item_create", alpha, plan_pk=alpha.plan.pk)
        assert client.post(create_item, {"identifier": "X", "title": "X"}).status_code == 403
    assert not Plan.objects.filter(title=PLAN_DATA["title"]).exists()


def test_the_plan_page_shows_the_tree_with_levels_statuses_and_rolled_up_progress(alpha, login):
    alpha.item.status, alpha.item.progress = "on_track", 40
    alpha.item.save()
    alpha.others_item.status, alpha.others_item.progress = "delayed", 80
    alpha.others_item.save()
    response = login(alpha.viewer).get(_url("plans:detail", alpha, pk=alpha.plan.pk), headers=EN)
    items = response.context["items"]
    assert [(item.identifier, item.depth, item.level_name) for item in items] == [
        ("Section 1", 0, "Section"),
        ("Measure 1", 1, "Measure"),
        ("Measure 2", 1, "Measure"),
    ]
    assert items[0].rolled_up_progress == 60
    html = response.content.decode()
    assert "On track" in html and "Delayed" in html and "60 %" in html


def _plan_with_items(world, count):
    plan = PlanFactory(organisation=world.organisation, title=f"Plan with {count}")
    sections = [
        PlanItemFactory(plan=plan, identifier=f"Section {n}", responsible_unit=world.agency)
        for n in range(max(1, count // 10))
    ]
    for n in range(count - len(sections)):
        PlanItemFactory(
            plan=plan,
            parent=sections[n % len(sections)],
            identifier=f"Measure {n}",
            responsible_unit=world.other_agency,
            status="on_track",
            progress=n % 100,
        )
    return plan


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_plan_page_runs_a_fixed_number_of_queries(alpha, login):
    client = login(alpha.editor)
    small = _plan_with_items(alpha, 10)
    large = _plan_with_items(alpha, 500)
    small_count = _queries(client, _url("plans:detail", alpha, pk=small.pk))
    assert small_count == _queries(client, _url("plans:detail", alpha, pk=large.pk))
    assert small_count <= 10


def test_the_items_download_with_the_columns_of_the_page(alpha, login):
    response = login(alpha.viewer).get(
        _url("plans:export", alpha, pk=alpha.plan.pk, fmt="csv"), headers=EN
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Identifier,Level,Title,Responsible unit,Unit inherited from,Followed up,Status,"
        "Progress (%)"
    )
    assert lines[2].startswith("Measure 1,Measure,")
    assert f"{alpha.agency},,Yes," in lines[2]
    assert len(lines) == 4


def test_another_organisations_plan_is_not_found(alpha, beta, login):
    client = login(alpha.administrator)
    assert client.get(_url("plans:detail", alpha, pk=beta.plan.pk)).status_code == 404
    assert client.get(_url("overview:item_detail", alpha, pk=beta.item.pk)).status_code == 404
