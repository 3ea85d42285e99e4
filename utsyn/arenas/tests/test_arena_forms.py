import pytest
from django.urls import reverse

from utsyn.arenas.models import Arena
from utsyn.audit.models import LogEntry
from utsyn.testing import post_form

VALID = {
    "name": "Eurocities",
    "kind": "membership",
    "status": "active",
    "scope": "european",
    "since_year": "2002",
}


def _create(client, world, data, language="en"):
    url = reverse("arenas:create", kwargs={"organisation": world.slug})
    return client.post(url, data, headers={"Accept-Language": language})


def test_an_administrator_creates_an_arena_and_the_creation_is_logged(alpha, login):
    response = _create(login(alpha.administrator), alpha, {**VALID, "themes": [alpha.theme.pk]})
    arena = Arena.objects.get(organisation=alpha.organisation, name="Eurocities")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/arenas/{arena.pk}/")
    assert list(arena.themes.all()) == [alpha.theme]
    entry = LogEntry.objects.get(object_id=arena.pk, action="created")
    assert entry.user == alpha.administrator
    assert entry.changes["name"] == [None, "Eurocities"]


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"yearly_fee": "-5", "fee_currency": "EUR"}, "yearly_fee", "greater than or equal to 0"),
        ({"yearly_fee": "100", "fee_currency": "XYZ"}, "fee_currency", "not one of the available"),
        ({"yearly_fee": "100"}, "fee_currency", "Give the currency"),
        ({"since_year": "2010", "until_year": "2005"}, "until_year", "end cannot be before"),
        ({"kind": "twin_city", "city": "Seattle"}, "country", "needs a country"),
        ({"latitude": "60.39"}, "longitude", "both latitude and longitude"),
        ({"name": ""}, "name", "required"),
        ({"website": "not a url"}, "website", "valid URL"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(
    changes, field, message, alpha, login
):
    before = Arena.objects.count(), LogEntry.objects.count()
    response = _create(login(alpha.administrator), alpha, {**VALID, **changes})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert (Arena.objects.count(), LogEntry.objects.count()) == before


def test_a_duplicate_name_in_the_same_organisation_is_refused(alpha, beta, login):
    data = {**VALID, "name": alpha.published_arena.name}
    response = _create(login(alpha.administrator), alpha, data)
    assert response.status_code == 400
    assert "already has an arena with that name" in str(response.context["form"].errors["name"])
    # The same name in another organisation is fine.
    assert _create(login(beta.administrator), beta, data).status_code == 302


def test_messages_come_in_the_users_language(alpha, login):
    response = _create(
        login(alpha.administrator),
        alpha,
        {**VALID, "yearly_fee": "-5", "fee_currency": "NOK"},
        language="nb",
    )
    assert "større enn eller lik 0" in str(response.context["form"].errors["yearly_fee"])


def test_choices_from_another_organisation_are_refused(alpha, beta, login):
    data = {**VALID, "responsible": beta.member_of_executive.pk, "themes": [beta.theme.pk]}
    response = _create(login(alpha.administrator), alpha, data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"responsible", "themes"}


def test_an_edit_records_what_changed(alpha, login):
    arena = alpha.published_arena
    url = reverse("arenas:edit", kwargs={"organisation": alpha.slug, "pk": arena.pk})
    data = {
        **VALID,
        "name": arena.name,
        "responsible": arena.responsible_id,
        "themes": [alpha.theme.pk],
        "is_published": "on",
        "yearly_fee": "1500",
        "fee_currency": "EUR",
    }
    response = post_form(login(alpha.editor), url, data)
    assert response.status_code == 302
    arena.refresh_from_db()
    assert str(arena.yearly_fee) == "1500.00"
    entry = LogEntry.objects.filter(object_id=arena.pk, action="changed").get()
    assert entry.user == alpha.editor
    assert entry.changes["yearly_fee"] == [None, "1500.00"]
    assert "name" not in entry.changes
    page = login(alpha.editor).get(
        reverse("arenas:detail", kwargs={"organisation": alpha.slug, "pk": arena.pk}),
        headers={"Accept-Language": "en"},
    )
    assert "1500.00" in page.content.decode()
    assert "Yearly fee" in page.content.decode()  # the field's label, not its code name
    assert alpha.editor.username in page.content.decode()


def test_editors_cannot_change_other_units_arenas_and_viewers_nothing(alpha, login):
    other = alpha.others_arena
    url = reverse("arenas:edit", kwargs={"organisation": alpha.slug, "pk": other.pk})
    assert login(alpha.editor).post(url, {**VALID, "name": "Mine now"}).status_code == 403
    assert login(alpha.viewer).post(url, {**VALID, "name": "Mine now"}).status_code == 403
    assert _create(login(alpha.viewer), alpha, VALID).status_code == 403
    other.refresh_from_db()
    assert other.name != "Mine now"


def test_an_editor_of_a_parent_unit_edits_arenas_of_the_units_below(alpha, login):
    # The editor is attached to the executive member; the agency sits below it.
    arena = alpha.unpublished_arena
    url = reverse("arenas:edit", kwargs={"organisation": alpha.slug, "pk": arena.pk})
    data = {**VALID, "name": arena.name, "operational_unit": alpha.agency.pk}
    assert post_form(login(alpha.editor), url, data).status_code == 302


def test_arenas_are_tagged_with_sdg_goals_and_targets(alpha, login):
    client = login(alpha.administrator)
    response = _create(client, alpha, {**VALID, "sdg_goals": [11, 17], "sdg_targets": "17.17"})
    assert response.status_code == 302
    arena = Arena.objects.get(name=VALID["name"])
    assert list(arena.sdg_goals.values_list("number", flat=True)) == [11, 17]
    assert list(arena.sdg_targets.values_list("code", flat=True)) == ["17.17"]
    refused = _create(client, alpha, {**VALID, "name": "Other", "sdg_targets": "17.99"})
    assert refused.status_code == 400
    assert "Unknown SDG target: 17.99" in refused.content.decode()
    assert not Arena.objects.filter(name="Other").exists()
