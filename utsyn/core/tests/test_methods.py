"""Every page answers only the methods it means: a page without a form of its own (a list, a
detail, a download, a public page) answers POST, PUT, PATCH and DELETE with 405; a page with a
form takes POST as well, but no PUT, PATCH or DELETE.

Whether a page has a form is read from what it shows an administrator: a form that posts back
to the page itself. So a new page in COVERAGE (test_isolation.py; every URL pattern must be
there) that shows no form and still accepts POST fails here: give it `read_only=True` on
`organisation_view`/`public_view`, or `require_safe` outside an organisation.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse

from utsyn.activities.models import DelegationRequest
from utsyn.core.tests.test_isolation import COVERAGE, GLOBAL
from utsyn.testing.shared import shared_worlds

# The two organisations, built once for the module's hundreds of tests.
alpha, beta = shared_worlds()

READ_ONLY_ALLOW = "GET, HEAD"
FORM_ALLOW = "GET, HEAD, POST"
CHANGING = ["post", "put", "patch", "delete"]


def _unanswered_request(world):
    DelegationRequest.objects.filter(pk=world.delegation_request.pk).update(
        status=DelegationRequest.Status.NEW
    )
    return {"pk": world.delegation_request.pk}


# Where COVERAGE's arguments show no page (unpublished rows) or not its form (an answered
# request), these show them.
SHOWN_WITH = {
    "arenas:public_detail": lambda w: {"pk": w.published_arena.pk},
    "overview:public_plan": lambda w: {"pk": w.plan.pk},
    "activities:request_accept": _unanswered_request,
    "activities:request_decline": _unanswered_request,
}
# Pages outside any organisation, besides login, logout and set_language (Django's own views).
GLOBAL_PAGES = {"home", "accessibility"}


def _url(name, world):
    if name in GLOBAL_PAGES:
        return reverse(name)
    arguments = SHOWN_WITH.get(name, COVERAGE[name][1])(world)
    return reverse(name, kwargs={"organisation": world.slug, **arguments})


class _SelfPostingForms(HTMLParser):
    """Finds the forms of a page that POST back to the page itself."""

    def __init__(self, url):
        super().__init__()
        self.url = url
        self.found = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag != "form" or (attrs.get("method") or "get").lower() != "post":
            return
        target = urljoin(self.url, attrs.get("action") or "")
        self.found |= urlsplit(target).path == urlsplit(self.url).path


def _has_own_form(response, url):
    if response.streaming or "text/html" not in response.get("Content-Type", ""):
        return False  # a download
    parser = _SelfPostingForms(url)
    parser.feed(response.content.decode())
    return parser.found


def _pages():
    return sorted(COVERAGE) + sorted(GLOBAL_PAGES)


def test_the_global_pages_are_known():
    assert GLOBAL_PAGES | {"login", "logout", "set_language"} == GLOBAL


@pytest.mark.parametrize("name", _pages())
def test_a_page_answers_only_the_methods_it_means(name, alpha, login):
    client = login(alpha.administrator)
    url = _url(name, alpha)
    page = client.get(url)
    assert page.status_code == 200
    if _has_own_form(page, url):
        assert client.post(url).status_code != 405, "a page with a form takes POST"
        refused, allow = ["put", "patch", "delete"], FORM_ALLOW
    else:
        refused, allow = CHANGING, READ_ONLY_ALLOW
    for method in refused:
        response = getattr(client, method)(url)
        assert (response.status_code, response.get("Allow")) == (405, allow), method


def test_the_form_check_sees_forms_that_post_to_the_page_itself():
    page = "/alpha/plans/1/"
    forms = {
        '<form method="post">': True,
        '<form method="POST" action="">': True,
        '<form method="post" action="/alpha/plans/1/?next=x">': True,
        '<form method="post" action="/i18n/setlang/">': False,
        '<form method="post" action="/alpha/plans/1/delete/">': False,
        '<form action="">': False,
        '<form method="get">': False,
    }
    for html, expected in forms.items():
        parser = _SelfPostingForms(page)
        parser.feed(html)
        assert parser.found is expected, html


@pytest.mark.parametrize("user_kind", ["anonymous", "other organisation"])
def test_outsiders_learn_no_more_from_a_post_than_from_a_get(user_kind, alpha, beta, client):
    """The method is checked after the guards: a 405 would tell that the page exists."""
    if user_kind == "other organisation":
        client.force_login(beta.administrator)
    url = _url("arenas:detail", alpha)
    assert client.post(url).status_code == client.get(url).status_code != 405
