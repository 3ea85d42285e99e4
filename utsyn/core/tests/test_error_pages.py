"""The error pages (400, 403, 404, 500 and a refused form) are in the visitor's language and
look like the rest of Utsyn: its stylesheet, its header."""

import pytest
from django.test import Client
from django.urls import reverse

HEADINGS = {
    400: {"nb": "Ugyldig forespørsel", "sv": "Felaktig begäran", "en": "Bad request"},
    403: {"nb": "Ikke tillatt", "sv": "Inte tillåtet", "en": "Not allowed"},
    404: {"nb": "Fant ikke siden", "sv": "Sidan hittades inte", "en": "Page not found"},
    500: {"nb": "Noe gikk galt", "sv": "Något gick fel", "en": "Something went wrong"},
    "csrf": {
        "nb": "Skjemaet kunne ikke sendes",
        "sv": "Formuläret kunde inte skickas",
        "en": "The form could not be sent",
    },
}
STYLESHEET = '<link rel="stylesheet" href="/static/utsyn/utsyn.css">'


def _bad_request(world, client, headers):
    # An address the server does not answer for (ALLOWED_HOSTS): a SuspiciousOperation.
    return client.get("/", headers={**headers, "Host": "evil.example"})


def _forbidden(world, client, headers):
    client.force_login(world.viewer)
    return client.get(reverse("organisations:members", args=[world.slug]), headers=headers)


def _not_found(world, client, headers):
    return client.get("/nowhere/", headers=headers)


def _server_error(world, client, headers):
    return client.get(reverse("test_failure"), headers=headers)


def _refused_form(world, client, headers):
    return client.post(reverse("login"), {"username": "kari"}, headers=headers)


TRIGGERS = {
    400: _bad_request,
    403: _forbidden,
    404: _not_found,
    500: _server_error,
    "csrf": _refused_form,
}


def _status(error):
    return 403 if error == "csrf" else error


@pytest.mark.urls("utsyn.core.tests.error_urls")
@pytest.mark.parametrize("language", ["nb", "sv", "en"])
@pytest.mark.parametrize("error", list(TRIGGERS))
def test_an_error_page_speaks_the_visitors_language(error, language, alpha):
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    response = TRIGGERS[error](alpha, client, {"Accept-Language": language})
    assert response.status_code == _status(error)
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert f"<h1>{HEADINGS[error][language]}</h1>" in page
    assert STYLESHEET in page
    assert 'class="site-header"' in page
    assert "Traceback" not in page and "RuntimeError" not in page


@pytest.mark.urls("utsyn.core.tests.error_urls")
@pytest.mark.parametrize("error", [404, 500])
def test_the_language_cookie_counts_too(error, alpha, settings):
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    response = TRIGGERS[error](alpha, client, {"Accept-Language": "en"})
    assert f"<h1>{HEADINGS[error]['sv']}</h1>" in response.content.decode()


def test_the_500_page_renders_without_a_request():
    """As Django's server_error renders it: no request, no context processors."""
    from django.template import loader
    from django.utils import translation

    with translation.override("sv"):
        page = loader.get_template("500.html").render()
    assert '<html lang="sv">' in page and "<h1>Något gick fel</h1>" in page
    assert STYLESHEET in page and 'href="/"' in page
