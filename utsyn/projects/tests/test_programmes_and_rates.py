from decimal import Decimal

import pytest
from django_scopes import scope
from django_scopes.exceptions import ScopeError

from utsyn.audit.models import LogEntry
from utsyn.money.models import ExchangeRate
from utsyn.projects.models import FundingProgramme

from .util import get, make_project, post, shared

# ------------------------------------------------------------------------------ programmes


def test_the_shared_list_holds_the_programmes_of_the_issue_in_a_tree(db):
    shared_names = set(FundingProgramme.objects.shared().values_list("name", flat=True))
    assert {
        "Horizon Europe",
        "Erasmus+",
        "Interreg",
        "Creative Europe",
        "EEA and Norway Grants",
        "Nordplus",
        "Nordic Culture Fund (Nordisk kulturfond)",
        "Interreg Aurora",
        "Interreg Öresund-Kattegat-Skagerrak",
        "Interreg Sverige-Norge",
        "Interreg North Sea",
        "Interreg Baltic Sea Region",
        "Interreg Northern Periphery and Arctic",
        "Interreg Europe",
        "URBACT",
    } <= shared_names
    short_names = set(FundingProgramme.objects.shared().values_list("short_name", flat=True))
    assert {"CERV", "LIFE", "ICLD", "KS", "Norad", "DIGITAL"} <= short_names
    assert shared("interreg-aurora").parent == shared("interreg-a")
    assert shared("interreg-a").parent == shared("interreg")
    assert shared("urbact").parent == shared("interreg-c")
    assert shared("eea-norway-grants").kind == "eea_norway"
    assert shared("nordplus").kind == "nordic"
    assert shared("icld").kind == "national"


def test_the_default_manager_shows_shared_and_own_rows_and_fails_outside_a_scope(alpha, beta):
    shared_count = FundingProgramme.objects.shared().count()
    with scope(organisation=alpha.organisation):
        visible = set(FundingProgramme.objects.all())
        assert alpha.programme in visible and beta.programme not in visible
        assert len(visible) == shared_count + 1
        assert FundingProgramme.objects.filter(pk=beta.programme.pk).count() == 0
    with scope(organisation=beta.organisation):
        # Asking for another organisation's rows inside Beta's scope yields the shared ones only.
        assert set(FundingProgramme.objects.for_organisation(alpha.organisation)) == set(
            FundingProgramme.objects.shared()
        )
    with scope():  # a scope without an organisation
        with pytest.raises(ScopeError):
            list(FundingProgramme.objects.all())
        with pytest.raises(ScopeError):
            FundingProgramme.objects.for_organisation(alpha.organisation)


def test_the_programme_list_shows_the_shared_list_and_the_own_programmes(alpha, beta, login):
    response = get(login(alpha.viewer), "programmes", alpha)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Interreg North Sea" in html and alpha.programme.name in html
    assert beta.programme.name not in html
    assert "New funding programme" not in html


def test_the_administrator_adds_an_own_programme_under_a_shared_one(alpha, beta, login):
    client = login(alpha.administrator)
    data = {"name": "Vestland fund", "kind": "other", "parent": shared("interreg").pk}
    response = post(client, "programme_create", alpha, data)
    assert response.status_code == 302
    programme = FundingProgramme.objects.get(name="Vestland fund")
    assert programme.organisation == alpha.organisation and programme.parent == shared("interreg")
    assert LogEntry.objects.filter(object_id=programme.pk, action="created").exists()
    # Beta does not see it.
    beta_form = get(login(beta.administrator), "create", beta).context["form"]
    assert programme not in beta_form.fields["programme"].queryset


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"name": "Erasmus+"}, "name", "The shared list already has a programme with that name."),
        ({"name": "erasmus+"}, "name", "The shared list already has a programme with that name."),
        ({"name": "OWN"}, "name", "This organisation already has a programme with that name."),
        ({"website": "not a site"}, "website", "Enter a valid URL."),
        ({"kind": "galactic"}, "kind", "Select a valid choice."),
    ],
)
def test_bad_programmes_are_refused(data, field, message, alpha, login):
    FundingProgramme.objects.create(organisation=alpha.organisation, name="OWN", kind="other")
    before = FundingProgramme.objects.count()
    response = post(
        login(alpha.administrator), "programme_create", alpha, {"name": "New", "kind": "eu", **data}
    )
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    assert FundingProgramme.objects.count() == before


def test_a_programme_cannot_be_placed_under_its_own_part(alpha, login):
    part = FundingProgramme.objects.create(
        organisation=alpha.organisation, name="Part", kind="other", parent=alpha.programme
    )
    data = {"name": alpha.programme.name, "kind": "other", "parent": part.pk}
    response = post(
        login(alpha.administrator), "programme_edit", alpha, data, pk=alpha.programme.pk
    )
    assert response.status_code == 400
    assert response.context["form"].errors["parent"] == [
        "A programme cannot be placed under itself."
    ]


def test_shared_programmes_cannot_be_changed_or_deleted(alpha, login):
    client = login(alpha.administrator)
    interreg = shared("interreg")
    assert get(client, "programme_edit", alpha, pk=interreg.pk).status_code == 404
    assert post(client, "programme_delete", alpha, {}, pk=interreg.pk).status_code == 404
    assert FundingProgramme.objects.filter(pk=interreg.pk).exists()


def test_only_the_administrator_manages_programmes(alpha, login):
    for user in (alpha.editor, alpha.viewer):
        client = login(user)
        assert get(client, "programme_create", alpha).status_code == 403
        assert get(client, "programme_edit", alpha, pk=alpha.programme.pk).status_code == 403
        assert post(client, "programme_delete", alpha, {}, pk=alpha.programme.pk).status_code == 403


def test_a_programme_in_use_is_not_deleted_one_not_in_use_goes_to_the_bin(alpha, login):
    client = login(alpha.administrator)
    project = make_project(alpha, title="Uses it", programme=alpha.programme)
    response = post(client, "programme_delete", alpha, {}, pk=alpha.programme.pk)
    assert response.status_code == 409
    assert "It cannot be deleted: 1 project names it." in response.content.decode()
    assert FundingProgramme.objects.filter(pk=alpha.programme.pk).exists()
    project.delete()
    assert post(client, "programme_delete", alpha, {}, pk=alpha.programme.pk).status_code == 302
    assert not FundingProgramme.objects.filter(pk=alpha.programme.pk).exists()
    assert LogEntry.objects.filter(object_id=alpha.programme.pk, action="deleted").exists()


# -------------------------------------------------------------------------- exchange rates


def test_the_administrator_lists_creates_edits_and_deletes_rates(alpha, login):
    client = login(alpha.administrator)
    listing = get(client, "rates", alpha)
    assert listing.status_code == 200 and "NOK" in listing.content.decode()
    assert "<td>11.5</td>" in listing.content.decode()
    response = post(client, "rate_create", alpha, {"year": 2028, "currency": "SEK", "rate": "0.98"})
    assert response.status_code == 302
    rate = ExchangeRate.objects.get(organisation=alpha.organisation, year=2028, currency="SEK")
    assert rate.rate == Decimal("0.98")
    response = post(
        client, "rate_edit", alpha, {"year": 2028, "currency": "SEK", "rate": "1.01"}, pk=rate.pk
    )
    assert response.status_code == 302
    rate.refresh_from_db()
    assert rate.rate == Decimal("1.01")
    assert [
        entry.action for entry in LogEntry.objects.filter(object_id=rate.pk).order_by("pk")
    ] == [
        "created",
        "changed",
    ]
    assert post(client, "rate_delete", alpha, {}, pk=rate.pk).status_code == 302
    assert not ExchangeRate.objects.filter(pk=rate.pk).exists()


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {"currency": "NOK"},
            "currency",
            "NOK is the reporting currency: amounts in it are never converted",
        ),
        ({"currency": "EUR", "year": 2027}, "currency", "There is already a rate for this"),
        ({"rate": "0"}, "rate", "The rate must be more than 0."),
        ({"rate": "-2"}, "rate", "The rate must be more than 0."),
        ({"rate": "abc"}, "rate", "Enter a number."),
        ({"year": "1800"}, "year", "Give a year between 1990 and 2100."),
        ({"currency": "BTC"}, "currency", "Select a valid choice."),
    ],
)
def test_bad_rates_are_refused(data, field, message, alpha, login):
    before = ExchangeRate.objects.count()
    response = post(
        login(alpha.administrator),
        "rate_create",
        alpha,
        {"year": 2030, "currency": "USD", "rate": "10", **data},
    )
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    assert ExchangeRate.objects.count() == before


def test_a_swedish_organisation_cannot_set_a_rate_for_sek(beta, login):
    response = post(
        login(beta.administrator), "rate_create", beta, {"year": 2027, "currency": "SEK", "rate": 1}
    )
    assert response.status_code == 400
    assert "SEK is the reporting currency" in response.context["form"].errors["currency"][0]


def test_only_the_administrator_manages_rates(alpha, login):
    for user in (alpha.editor, alpha.viewer):
        client = login(user)
        assert get(client, "rates", alpha).status_code == 403
        assert (
            post(
                client, "rate_create", alpha, {"year": 2030, "currency": "USD", "rate": 9}
            ).status_code
            == 403
        )
        assert post(client, "rate_delete", alpha, {}, pk=alpha.exchange_rate.pk).status_code == 403
    assert ExchangeRate.objects.filter(pk=alpha.exchange_rate.pk).exists()


def test_a_new_rate_fills_the_converted_columns(alpha, login):
    project = make_project(
        alpha, title="Krona", currency="SEK", total_budget=1000, planned_application_year=2029
    )
    client = login(alpha.administrator)
    before = get(client, "list", alpha)
    cells = dict(
        zip(
            [str(c.header) for c in before.context["columns"]],
            next(c for p, c in before.context["rows"] if p == project),
            strict=True,
        )
    )
    assert cells["Our budget (NOK)"] == "no rate for SEK in 2029"
    post(client, "rate_create", alpha, {"year": 2029, "currency": "SEK", "rate": "0.9"})
    after = get(client, "list", alpha)
    cells = dict(
        zip(
            [str(c.header) for c in after.context["columns"]],
            next(c for p, c in after.context["rows"] if p == project),
            strict=True,
        )
    )
    assert cells["Our budget (NOK)"] == 900
