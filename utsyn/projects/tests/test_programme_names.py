"""The funding programmes' names in the reader's language: the shared list carries them in
bokmål, nynorsk, Swedish and English, an own programme may, and every place a programme is
shown (form choices, filters, lists, the project's page, downloads) uses them."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from utsyn.audit.models import LogEntry
from utsyn.projects.models import NAME_LANGUAGES, FundingProgramme
from utsyn.testing import csv_table, post_form, screen_table

from .util import make_project, shared


def _get(client, name, world, language, params=None, **kwargs):
    address = reverse(f"projects:{name}", kwargs={"organisation": world.slug, **kwargs})
    return client.get(address, params or {}, headers={"Accept-Language": language})


def test_every_shared_programme_has_a_name_in_every_language(db):
    for programme in FundingProgramme.objects.shared():
        for language in NAME_LANGUAGES:
            assert getattr(programme, f"name_{language}"), (programme.code, language)


@pytest.mark.parametrize(
    "code, names",
    [
        (
            "horizon-europe",
            ["Horisont Europa", "Horisont Europa", "Horisont Europa", "Horizon Europe"],
        ),
        (
            "creative-europe",
            ["Kreativt Europa", "Kreativt Europa", "Kreativa Europa", "Creative Europe"],
        ),
        (
            "interreg-north-sea",
            [
                "Interreg Nordsjøprogrammet",
                "Interreg Nordsjøprogrammet",
                "Interreg Nordsjöprogrammet",
                "Interreg North Sea",
            ],
        ),
        (
            "research-council-of-norway",
            [
                "Norges forskningsråd",
                "Noregs forskingsråd",
                "Norges forskningsråd",
                "Research Council of Norway",
            ],
        ),
        (
            "eea-norway-grants",
            ["EØS-midlene", "EØS-midlane", "EEA and Norway Grants", "EEA and Norway Grants"],
        ),
        # A proper name without translations keeps it in every language.
        ("erasmus-plus", ["Erasmus+"] * 4),
    ],
)
def test_a_shared_programme_is_named_in_the_readers_language(code, names, db):
    programme = shared(code)
    for language, name in zip(NAME_LANGUAGES, names, strict=True):
        with translation.override(language):
            assert programme.localized_name == name


def test_the_short_name_follows_the_name_in_every_language(db):
    with translation.override("sv"):
        assert (
            str(shared("cerv"))
            == "Programmet för medborgare, jämlikhet, rättigheter och värden (CERV)"
        )
    with translation.override("nb"):
        assert str(shared("interreg-npa")) == "Interreg Nordlig Periferi og Arktis (NPA)"
        # The short name is not repeated where the name holds it.
        assert str(shared("life")) == "LIFE – EUs program for miljø og klima"


@pytest.mark.parametrize(
    "language, strand, north_sea",
    [
        ("nb", "– Interreg B – transnasjonalt samarbeid", "– – Interreg Nordsjøprogrammet"),
        ("nn", "– Interreg B – transnasjonalt samarbeid", "– – Interreg Nordsjøprogrammet"),
        ("sv", "– Interreg B – transnationellt samarbete", "– – Interreg Nordsjöprogrammet"),
        ("en", "– Interreg B – transnational cooperation", "– – Interreg North Sea"),
    ],
)
def test_the_project_form_and_the_filter_offer_the_names_in_the_readers_language(
    language, strand, north_sea, alpha, login
):
    client = login(alpha.administrator)
    form = _get(client, "create", alpha, language).context["form"]
    labels = [label for _value, label in form.fields["programme"].choices]
    assert labels.index(strand) < labels.index(north_sea)
    filters = _get(client, "list", alpha, language).context["filter"].form
    assert north_sea in [label for _value, label in filters.fields["programme"].widget.choices]


def test_lists_pages_and_downloads_show_the_programme_in_the_readers_language(alpha, login):
    make_project(alpha, title="Research", programme=shared("research-council-of-norway"))
    client = login(alpha.viewer)
    listed = {row[0]: row[1] for row in screen_table(_get(client, "list", alpha, "nb"))[1:]}
    assert listed[alpha.project.title] == "Interreg Nordsjøprogrammet"
    assert listed["Research"] == "Norges forskningsråd"
    download = csv_table(_get(client, "export", alpha, "sv", fmt="csv"))
    assert {row[0]: row[1] for row in download[1:]}["Research"] == "Norges forskningsråd"
    assert {row[0]: row[1] for row in download[1:]}[alpha.project.title] == (
        "Interreg Nordsjöprogrammet"
    )
    project = alpha.project
    detail = unescape(_get(client, "detail", alpha, "nn", pk=project.pk).content.decode())
    assert "Interreg B – transnasjonalt samarbeid › Interreg Nordsjøprogrammet" in detail
    programmes = unescape(_get(client, "programmes", alpha, "sv").content.decode())
    assert "Interreg Östersjöprogrammet" in programmes and "Kreativa Europa" in programmes
    plan = screen_table(_get(client, "plan", alpha, "en", year=2027))
    assert plan[1][2] == "Interreg North Sea"


def test_an_own_programme_may_carry_names_per_language(alpha, login):
    client = login(alpha.administrator)
    address = reverse("projects:programme_create", kwargs={"organisation": alpha.slug})
    data = {"name": "Vestlandsfondet", "name_sv": "Vestlandsfonden", "name_en": "Vestland Fund"}
    response = post_form(client, address, {**data, "kind": "other"})
    assert response.status_code == 302
    programme = FundingProgramme.objects.get(
        organisation=alpha.organisation, name="Vestlandsfondet"
    )
    entry = LogEntry.objects.get(object_id=programme.pk, action=LogEntry.Action.CREATED)
    assert entry.changes["name_sv"] == [None, "Vestlandsfonden"]
    shown = {
        language: _get(client, "create", alpha, language).context["form"].fields["programme"]
        for language in NAME_LANGUAGES
    }
    labels = {
        language: {label for _value, label in field.choices} for language, field in shown.items()
    }
    # Without a name of its own in bokmål or nynorsk, the name as registered is shown.
    assert "Vestlandsfondet" in labels["nb"] and "Vestlandsfondet" in labels["nn"]
    assert "Vestlandsfonden" in labels["sv"] and "Vestland Fund" in labels["en"]


@pytest.mark.parametrize(
    "data, field",
    [
        ({"name": "Horisont Europa"}, "name"),  # the bokmål name of a shared programme
        ({"name": "Own fund", "name_en": "horizon europe"}, "name_en"),
        ({"name": "Own fund", "name_sv": "Kreativa Europa"}, "name_sv"),
        ({"name": "Own fund", "name_nn": "Noregs forskingsråd"}, "name_nn"),
    ],
)
def test_an_own_programme_named_like_a_shared_one_in_any_language_is_refused(
    data, field, alpha, login
):
    client = login(alpha.administrator)
    before = (FundingProgramme.objects.count(), LogEntry.objects.count())
    address = reverse("projects:programme_create", kwargs={"organisation": alpha.slug})
    response = post_form(
        client, address, {**data, "kind": "other"}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [
        "The shared list already has a programme with that name."
    ]
    assert (FundingProgramme.objects.count(), LogEntry.objects.count()) == before


def test_a_name_per_language_longer_than_the_field_is_refused(alpha, login):
    client = login(alpha.administrator)
    address = reverse("projects:programme_create", kwargs={"organisation": alpha.slug})
    data = {"name": "Own fund", "name_nb": "x" * 201, "kind": "other"}
    response = post_form(client, address, data, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "at most 200 characters" in response.context["form"].errors["name_nb"][0]
    assert not FundingProgramme.objects.filter(name="Own fund").exists()
