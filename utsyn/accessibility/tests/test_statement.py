"""The accessibility statement: one for the deployment, one for each organisation under the law
of its country, linked from the footer of every page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from utsyn.accessibility.views import LAST_REVIEWED
from utsyn.organisations.models import validate_not_reserved

EN = {"Accept-Language": "en"}


def _page(client, url):
    response = client.get(url, headers=EN)
    assert response.status_code == 200
    return response.content.decode()


def test_the_deployments_statement_names_both_countries_laws_and_authorities(client, settings):
    settings.UTSYN_ACCESSIBILITY_CONTACT = "uu@utsyn.example.org"
    page = _page(client, reverse("accessibility"))
    assert "<h1>Accessibility statement</h1>" in page
    assert "partially compliant" in page and "WCAG" in page and "EN 301 549" in page
    assert "likestillings- og diskrimineringsloven" in page
    assert "lagen (2018:1937) om tillgänglighet till digital offentlig service" in page
    assert "https://www.uutilsynet.no/" in page and "https://www.digg.se/" in page
    assert 'href="mailto:uu@utsyn.example.org"' in page
    assert "axe-core" in page and "Nu Html Checker" in page
    assert LAST_REVIEWED.strftime("%Y") in page


def test_the_contact_defaults_to_the_sender_address(client, settings):
    assert settings.UTSYN_ACCESSIBILITY_CONTACT == settings.DEFAULT_FROM_EMAIL
    assert f"mailto:{settings.DEFAULT_FROM_EMAIL}" in _page(client, reverse("accessibility"))


def test_a_norwegian_organisations_statement_follows_norwegian_law(client, municipality):
    page = _page(
        client, reverse("accessibility:statement", kwargs={"organisation": municipality.slug})
    )
    assert "Alpha kommune" in page
    assert "likestillings- og diskrimineringsloven" in page and "uutilsynet.no" in page
    assert "Diskrimineringsnemnda" in page
    assert "2018:1937" not in page and "digg.se" not in page


def test_a_swedish_organisations_statement_follows_swedish_law(client, beta):
    page = _page(client, reverse("accessibility:statement", kwargs={"organisation": beta.slug}))
    assert "Beta kommun" in page
    assert "2018:1937" in page and "digg.se" in page
    assert "diskrimineringsloven" not in page and "uutilsynet" not in page


def test_every_page_links_to_the_statement_in_its_footer(client, municipality, login):
    own = reverse("accessibility:statement", kwargs={"organisation": municipality.slug})
    front_page = _page(client, reverse("overview:front_page", kwargs={"organisation": "alpha"}))
    assert f'href="{own}"' in front_page
    assert f'href="{reverse("accessibility")}"' in _page(client, reverse("home"))
    workspace = _page(
        login(municipality.viewer), reverse("arenas:list", kwargs={"organisation": "alpha"})
    )
    assert f'href="{own}"' in workspace


def test_no_organisation_can_take_the_statements_address():
    with pytest.raises(ValidationError):
        validate_not_reserved("accessibility")
