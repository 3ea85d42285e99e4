"""An agreement or a network names the arenas it covers (a joint Nordic twin-town strategy
covers five twin cities), within its own organisation; each covered arena shows it."""

import pytest
from django.urls import reverse

from utsyn.arenas.models import Arena
from utsyn.audit.models import LogEntry
from utsyn.testing import ArenaFactory, post_form

EN = {"Accept-Language": "en"}
TWIN_CITIES = ["Göteborg", "Århus", "Turku", "Reykjavik", "Kolding"]


@pytest.fixture
def twin_cities(municipality):
    return [
        ArenaFactory(
            organisation=municipality.organisation,
            name=name,
            kind=Arena.Kind.TWIN_CITY,
            is_published=name != "Kolding",
        )
        for name in TWIN_CITIES
    ]


def _create_url(municipality):
    return reverse("arenas:create", kwargs={"organisation": municipality.slug})


def _strategy(covers, **changes):
    return {
        "name": "Joint Nordic twin-town strategy",
        "kind": "agreement",
        "status": "active",
        "scope": "nordic",
        "covers": [arena.pk for arena in covers],
        "is_published": "on",
        **changes,
    }


def test_an_agreement_covers_twin_cities_and_each_of_them_shows_it(
    municipality, twin_cities, login
):
    client = login(municipality.administrator)
    response = client.post(_create_url(municipality), _strategy(twin_cities), headers=EN)
    assert response.status_code == 302
    strategy = Arena.objects.get(name="Joint Nordic twin-town strategy")
    assert set(strategy.covers.all()) == set(twin_cities)
    entry = LogEntry.objects.get(object_id=strategy.pk, action="created")
    assert entry.changes["covers"] == [None, sorted(TWIN_CITIES)]
    page = client.get(response["Location"], headers=EN).content.decode()
    assert "<dt>Covers</dt>" in page
    for city in twin_cities:
        detail = reverse("arenas:detail", kwargs={"organisation": municipality.slug, "pk": city.pk})
        assert f'<a href="{detail}">{city.name}</a>' in page
        city_page = client.get(detail, headers=EN).content.decode()
        strategy_url = reverse(
            "arenas:detail", kwargs={"organisation": municipality.slug, "pk": strategy.pk}
        )
        assert "<dt>Covered by</dt>" in city_page
        assert f'<a href="{strategy_url}">{strategy.name}</a>' in city_page


def test_the_public_page_links_only_to_published_arenas(municipality, twin_cities, client):
    strategy = ArenaFactory(
        organisation=municipality.organisation,
        name="Joint strategy",
        kind=Arena.Kind.AGREEMENT,
        is_published=True,
    )
    strategy.covers.set(twin_cities)
    url = reverse(
        "arenas:public_detail", kwargs={"organisation": municipality.slug, "pk": strategy.pk}
    )
    page = client.get(url, headers=EN).content.decode()
    public_goteborg = reverse(
        "arenas:public_detail",
        kwargs={"organisation": municipality.slug, "pk": twin_cities[0].pk},
    )
    assert f'<a href="{public_goteborg}">Göteborg</a>' in page
    assert "Kolding" not in page  # not published
    assert "/arenas/" not in page  # no link into the workspace


def test_the_form_offers_only_the_organisations_other_arenas(
    municipality, twin_cities, outsider, login
):
    foreign = ArenaFactory(organisation=outsider.memberships.get().organisation, name="Foreign")
    client = login(municipality.administrator)
    edit = reverse(
        "arenas:edit", kwargs={"organisation": municipality.slug, "pk": twin_cities[0].pk}
    )
    offered = {label for _value, label in client.get(edit).context["form"].fields["covers"].choices}
    assert offered == set(TWIN_CITIES) - {"Göteborg"}
    assert foreign.name not in offered


@pytest.mark.parametrize("whose", ["another organisation's", "its own"])
def test_covering_another_organisations_arena_or_itself_is_refused_and_nothing_saved(
    whose, municipality, twin_cities, outsider, login
):
    strategy = ArenaFactory(
        organisation=municipality.organisation, name="Strategy", kind=Arena.Kind.AGREEMENT
    )
    foreign = ArenaFactory(organisation=outsider.memberships.get().organisation, name="Foreign")
    target = foreign if whose == "another organisation's" else strategy
    url = reverse("arenas:edit", kwargs={"organisation": municipality.slug, "pk": strategy.pk})
    before = LogEntry.objects.count()
    data = _strategy([twin_cities[0], target], name="Strategy")
    response = post_form(login(municipality.administrator), url, data, headers=EN)
    assert response.status_code == 400
    assert "Choose other arenas of this organisation's register." in " ".join(
        response.context["form"].errors["covers"]
    )
    assert not strategy.covers.exists()
    assert LogEntry.objects.count() == before


def test_a_twin_city_covers_nothing(municipality, twin_cities, login):
    data = _strategy(twin_cities[1:], name="Göteborg", kind="twin_city")
    url = reverse(
        "arenas:edit", kwargs={"organisation": municipality.slug, "pk": twin_cities[0].pk}
    )
    response = post_form(login(municipality.administrator), url, data, headers=EN)
    assert response.status_code == 400
    assert "Only an agreement or a network can cover other arenas." in " ".join(
        response.context["form"].errors["covers"]
    )
    assert not twin_cities[0].covers.exists()


def test_a_network_covers_the_twin_cities_it_joins(municipality, twin_cities, arena, login):
    url = reverse("arenas:edit", kwargs={"organisation": municipality.slug, "pk": arena.pk})
    data = {
        "name": arena.name,
        "kind": "membership",
        "status": "active",
        "responsible": arena.responsible_id,
        "covers": [twin_cities[0].pk, twin_cities[1].pk],
    }
    assert post_form(login(municipality.editor), url, data).status_code == 302
    assert set(arena.covers.all()) == set(twin_cities[:2])
    assert set(twin_cities[0].covered_by.all()) == {arena}


def test_a_binned_and_restored_agreement_covers_its_arenas_again(municipality, twin_cities, login):
    strategy = ArenaFactory(
        organisation=municipality.organisation, name="Strategy", kind=Arena.Kind.AGREEMENT
    )
    strategy.covers.set(twin_cities)
    client = login(municipality.administrator)
    delete = reverse("arenas:delete", kwargs={"organisation": municipality.slug, "pk": strategy.pk})
    assert client.post(delete).status_code == 302
    assert not twin_cities[0].covered_by.exists()
    entry = LogEntry.objects.get(object_id=strategy.pk, action="deleted")
    restore = reverse("audit:restore", kwargs={"organisation": municipality.slug, "pk": entry.pk})
    assert client.post(restore).status_code == 302
    assert set(Arena.objects.get(pk=strategy.pk).covers.all()) == set(twin_cities)
