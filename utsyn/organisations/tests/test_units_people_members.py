from django.urls import reverse

from utsyn.organisations.models import Membership, Person, Unit
from utsyn.testing import post_form


def _url(name, world, **kwargs):
    return reverse(f"organisations:{name}", kwargs={"organisation": world.slug, **kwargs})


def test_the_unit_tree_shows_children_under_their_parents(alpha, login):
    response = login(alpha.viewer).get(_url("units", alpha))
    units = response.context["units"]
    names = [unit.name for unit in units]
    assert names.index(alpha.council.name) < names.index(alpha.member_of_executive.name)
    assert names.index(alpha.member_of_executive.name) < names.index(alpha.agency.name)
    depth = {unit.name: unit.depth for unit in units}
    assert depth[alpha.agency.name] == 2


def test_an_administrator_adds_a_unit(alpha, login):
    data = {"name": "Etat for internasjonalt arbeid", "kind": "agency", "parent": alpha.council.pk}
    assert login(alpha.administrator).post(_url("unit_create", alpha), data).status_code == 302
    assert Unit.objects.get(name=data["name"]).parent == alpha.council


def test_a_unit_cannot_be_moved_under_its_own_descendant(alpha, login):
    data = {"name": alpha.council.name, "kind": "council", "parent": alpha.agency.pk}
    response = login(alpha.administrator).post(
        _url("unit_edit", alpha, pk=alpha.council.pk), data, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 400
    assert "cannot be placed under itself" in str(response.context["form"].errors)
    alpha.council.refresh_from_db()
    assert alpha.council.parent is None


def test_duplicate_unit_names_are_refused(alpha, login):
    data = {"name": alpha.agency.name, "kind": "agency"}
    response = login(alpha.administrator).post(
        _url("unit_create", alpha), data, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 400
    assert "already has a unit with that name" in str(response.context["form"].errors)


def test_a_unit_with_sub_units_cannot_be_deleted(alpha, login):
    response = login(alpha.administrator).post(
        _url("unit_delete", alpha, pk=alpha.council.pk), headers={"Accept-Language": "en"}
    )
    assert response.status_code == 409
    assert "other units are placed under it" in response.content.decode()
    assert Unit.objects.filter(pk=alpha.council.pk).exists()


def test_editors_and_viewers_cannot_change_the_organisation(alpha, login):
    for user in (alpha.editor, alpha.viewer):
        client = login(user)
        assert (
            client.post(_url("unit_create", alpha), {"name": "X", "kind": "agency"}).status_code
            == 403
        )
        assert client.get(_url("members", alpha)).status_code == 403
    assert not Unit.objects.filter(name="X").exists()


def test_an_administrator_manages_contact_persons(alpha, login):
    client = login(alpha.administrator)
    data = {
        "name": "Kari Nordmann",
        "title": "Rådgiver",
        "unit": alpha.agency.pk,
        "email": "kari@example.org",
    }
    assert client.post(_url("person_create", alpha), data).status_code == 302
    person = Person.objects.get(name="Kari Nordmann")
    bad = client.post(_url("person_edit", alpha, pk=person.pk), {**data, "email": "nope"})
    assert bad.status_code == 400
    person.refresh_from_db()
    assert person.email == "kari@example.org"
    assert "Kari Nordmann" in client.get(_url("people", alpha)).content.decode()


def test_an_administrator_adds_an_existing_user_and_sets_the_role(alpha, beta, login):
    client = login(alpha.administrator)
    data = {"username": beta.viewer.username, "role": "editor", "units": [alpha.agency.pk]}
    assert client.post(_url("member_create", alpha), data).status_code == 302
    membership = Membership.objects.get(user=beta.viewer, organisation=alpha.organisation)
    assert membership.role == "editor"
    assert list(membership.units.all()) == [alpha.agency]
    # The same person keeps the viewer role in Beta.
    assert Membership.objects.get(user=beta.viewer, organisation=beta.organisation).role == "viewer"


def test_adding_an_unknown_or_existing_member_is_refused(alpha, login):
    client = login(alpha.administrator)
    for username in ("nobody", alpha.viewer.username):
        response = client.post(
            _url("member_create", alpha), {"username": username, "role": "viewer"}
        )
        assert response.status_code == 400


def test_the_last_administrator_cannot_step_down(alpha, login):
    membership = Membership.objects.get(user=alpha.administrator)
    response = login(alpha.administrator).post(
        _url("member_edit", alpha, pk=membership.pk),
        {"role": "viewer"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400
    assert "at least one administrator" in str(response.context["form"].errors)
    membership.refresh_from_db()
    assert membership.role == "administrator"


def test_the_home_page_lists_the_users_organisations(alpha, beta, login):
    response = login(alpha.viewer).get(reverse("home"))
    assert [m.organisation for m in response.context["memberships"]] == [alpha.organisation]


def test_role_changes_are_recorded_in_the_history(alpha, login):
    from utsyn.audit.models import LogEntry

    membership = Membership.objects.get(user=alpha.viewer)
    post_form(
        login(alpha.administrator), _url("member_edit", alpha, pk=membership.pk), {"role": "editor"}
    )
    entry = LogEntry.objects.get(content_type__model="membership", object_id=membership.pk)
    assert entry.user == alpha.administrator
    assert entry.changes["role"] == ["Leser", "Redaktør"]


def test_an_administrator_removes_a_member_and_can_restore_the_membership(alpha, login):
    from utsyn.audit.models import LogEntry

    client = login(alpha.administrator)
    membership = alpha.editor_membership
    assert client.post(_url("member_remove", alpha, pk=membership.pk)).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert (
        login(alpha.editor)
        .get(reverse("overview:dashboard", kwargs={"organisation": alpha.slug}))
        .status_code
        == 404
    )
    entry = LogEntry.objects.get(action="deleted", content_type__model="membership")
    client = login(alpha.administrator)
    client.post(reverse("audit:restore", kwargs={"organisation": alpha.slug, "pk": entry.pk}))
    restored = Membership.objects.get(pk=membership.pk)
    assert list(restored.units.all()) == [alpha.member_of_executive]


def test_the_last_administrator_cannot_be_removed(alpha, login):
    membership = Membership.objects.get(user=alpha.administrator)
    response = login(alpha.administrator).post(
        _url("member_remove", alpha, pk=membership.pk), headers={"Accept-Language": "en"}
    )
    assert response.status_code == 409
    assert "at least one administrator" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()
