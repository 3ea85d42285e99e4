"""The page that shows which goals the plans and arenas serve."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from utsyn.testing import ArenaFactory, PlanItemFactory


def _url(world):
    return reverse("overview:sdg_coverage", kwargs={"organisation": world.slug})


def _counts(response, goal_number):
    """The goal's row: {column header: count}; the arenas' column is called "arenas"."""
    row = response.context["rows"][goal_number - 1]
    assert row["goal"].number == goal_number
    headers = [plan.title for plan in response.context["plans"]] + ["arenas"]
    return dict(zip(headers, row["counts"], strict=True))


def test_an_item_tagged_with_a_target_serves_the_goal(alpha, login):
    alpha.item.sdg_targets.add("11.3")
    response = login(alpha.viewer).get(_url(alpha), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert _counts(response, 11) == {
        alpha.plan.title: 1,
        alpha.unpublished_plan.title: 0,
        "arenas": 0,
    }
    assert _counts(response, 12)[alpha.plan.title] == 0
    page = response.content.decode()
    assert 'class="sdg-coverage--served"' in page
    assert "By 2030, enhance inclusive and sustainable urbanization" in page


def test_an_item_counts_once_per_goal(alpha, login):
    alpha.item.sdg_goals.add(11)
    alpha.item.sdg_targets.add("11.3", "11.a", "13.2")
    alpha.others_item.sdg_targets.add("11.1")
    response = login(alpha.viewer).get(_url(alpha))
    assert _counts(response, 11)[alpha.plan.title] == 2
    assert _counts(response, 13)[alpha.plan.title] == 1


def test_arenas_are_counted_in_their_own_column(alpha, login):
    alpha.published_arena.sdg_goals.add(13)
    alpha.published_arena.sdg_targets.add("13.2")
    alpha.unpublished_arena.sdg_targets.add("13.1")
    response = login(alpha.viewer).get(_url(alpha), HTTP_ACCEPT_LANGUAGE="sv")
    assert _counts(response, 13)["arenas"] == 2
    assert _counts(response, 13)[alpha.plan.title] == 0
    page = response.content.decode()
    assert "13. Bekämpa klimatförändringarna" in page
    assert "Integrera klimatåtgärder i politik" in page


def test_other_organisations_data_is_not_counted(alpha, beta, login):
    beta.item.sdg_goals.add(5)
    beta.item.sdg_targets.add("5.1")
    beta.published_arena.sdg_targets.add("5.2")
    response = login(alpha.administrator).get(_url(alpha))
    assert set(_counts(response, 5).values()) == {0}
    assert beta.plan.title not in response.content.decode()
    assert response.context["any_targets"] is False


def _tag_many(world, how_many):
    for number in range(how_many):
        item = PlanItemFactory(plan=world.plan, parent=world.section)
        item.sdg_goals.add(number % 17 + 1)
        item.sdg_targets.add(f"{number % 17 + 1}.1", "17.17")
        arena = ArenaFactory(organisation=world.organisation)
        arena.sdg_targets.add(f"{number % 17 + 1}.2")


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_data(alpha, login):
    client = login(alpha.viewer)
    client.get(_url(alpha))  # the first request fills caches (content types, session)
    _tag_many(alpha, 1)
    with_one = _queries(client, _url(alpha))
    _tag_many(alpha, 29)
    assert _queries(client, _url(alpha)) == with_one


def test_anonymous_visitors_are_sent_to_the_login_page(alpha, client):
    response = client.get(_url(alpha))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_members_of_another_organisation_get_not_found(alpha, beta, login):
    assert login(beta.administrator).get(_url(alpha)).status_code == 404


@pytest.mark.parametrize("user", ["administrator", "editor", "viewer"])
def test_every_member_may_read_the_page(user, alpha, login):
    assert login(getattr(alpha, user)).get(_url(alpha)).status_code == 200
