from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from utsyn.testing import ArenaFactory, AssessmentFactory, DecisionFactory


def _detail(client, world, arena):
    url = reverse("arenas:detail", kwargs={"organisation": world.slug, "pk": arena.pk})
    return client.get(url, headers={"Accept-Language": "en"})


def test_it_shows_the_latest_assessment_and_the_decisions(alpha, login):
    arena = alpha.published_arena
    AssessmentFactory(
        arena=arena,
        organisation=alpha.organisation,
        assessed_on="2024-06-01",
        participation="passive",
        participation_text="Has not taken part lately.",
        summary="Other networks serve us better.",
        recommendation="leave",
    )
    response = _detail(login(alpha.viewer), alpha, arena)
    html = response.content.decode()
    assert response.context["latest_assessment"].summary == "Other networks serve us better."
    assert "Has not taken part lately." in html
    assert "Passive" in html
    assert "Leave" in html  # the recommendation and the decision's outcome
    assert alpha.council.name in html  # the deciding body
    assert "Earlier assessments" in html


def test_viewers_see_no_edit_buttons_and_editors_only_for_their_units(alpha, login):
    arena = alpha.published_arena  # responsible: the editor's unit
    edit_url = reverse("arenas:edit", kwargs={"organisation": alpha.slug, "pk": arena.pk})
    assert edit_url not in _detail(login(alpha.viewer), alpha, arena).content.decode()
    assert edit_url in _detail(login(alpha.editor), alpha, arena).content.decode()
    other_url = reverse(
        "arenas:edit", kwargs={"organisation": alpha.slug, "pk": alpha.others_arena.pk}
    )
    assert other_url not in _detail(login(alpha.editor), alpha, alpha.others_arena).content.decode()


def _count(client, world, arena):
    with CaptureQueriesContext(connection) as queries:
        assert _detail(client, world, arena).status_code == 200
    return len(queries)


def test_the_detail_page_runs_a_fixed_number_of_queries(alpha, login):
    client = login(alpha.editor)
    org = alpha.organisation
    arena = alpha.published_arena
    for _ in range(10):
        ArenaFactory(organisation=org)
    few = _count(client, alpha, arena)
    others = [ArenaFactory(organisation=org) for _ in range(490)]
    for year in range(2000, 2020):
        AssessmentFactory(arena=arena, organisation=org, assessed_on=f"{year}-01-01")
        DecisionFactory(arena=arena, organisation=org, body=alpha.council)
    # The arenas it covers and those that cover it: one query each, however many.
    arena.covers.set(others[:20])
    for other in others[20:40]:
        other.covers.add(arena)
    many = _count(client, alpha, arena)
    assert few == many
    assert few == 16
