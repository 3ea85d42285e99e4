"""Every URL of the project, tried across organisations.

Each URL pattern must appear in COVERAGE with how to fill in its arguments for an
organisation's data; a pattern without an entry fails `test_every_url_pattern_is_covered`.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from utsyn.arenas.models import Arena, Assessment, Decision
from utsyn.audit.models import LogEntry
from utsyn.organisations.models import Membership, Person, Unit

# Pages that do not belong to an organisation.
GLOBAL = {"home", "login", "logout", "set_language"}

# name -> (public?, function from a World to the URL arguments other than the organisation)
COVERAGE = {
    "organisations:front_page": (True, lambda w: {}),
    "organisations:dashboard": (False, lambda w: {}),
    "organisations:units": (False, lambda w: {}),
    "organisations:unit_create": (False, lambda w: {}),
    "organisations:unit_edit": (False, lambda w: {"pk": w.agency.pk}),
    "organisations:unit_delete": (False, lambda w: {"pk": w.other_agency.pk}),
    "organisations:people": (False, lambda w: {}),
    "organisations:person_create": (False, lambda w: {}),
    "organisations:person_edit": (False, lambda w: {"pk": w.person.pk}),
    "organisations:person_delete": (False, lambda w: {"pk": w.person.pk}),
    "organisations:members": (False, lambda w: {}),
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
    "arenas:public_register": (True, lambda w: {}),
    "arenas:public_detail": (True, lambda w: {"pk": w.unpublished_arena.pk}),
    "audit:log": (False, lambda w: {}),
    "audit:bin": (False, lambda w: {}),
    "audit:restore": (False, lambda w: {"pk": w.bin_entry.pk}),
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
        for model in (Arena, Assessment, Decision, Unit, Person)
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
    assert client.post(url, {"name": "Hacked"}).status_code == 404
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
