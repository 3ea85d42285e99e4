"""Three tasks done with the keyboard only, as a person who cannot use a mouse does them: Tab,
Shift+Tab, Enter, the arrow keys and typing; no clicks and no filling in of fields by the test.
And on the way: the focus is always visible, and the skip link comes first and works."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from utsyn.activities.models import DelegationRequest
from utsyn.followup.models import TaskState

from .browser import focused, tab_to, watch_console

pytestmark = [
    pytest.mark.browser,
    # The browser reads what the test writes, so the test commits for real; the reference data
    # (the UN goals) is put back afterwards.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "secret-password"  # the test users' password (utsyn.testing.UserFactory)

FOCUS_IS_VISIBLE = """() => {
  const style = getComputedStyle(document.activeElement);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return Boolean(outline || shadow);
}"""


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"organisation": world.slug, **kwargs})


def _press_and_wait(tab, key):
    with tab.expect_navigation():
        tab.keyboard.press(key)


def _named(name):
    return lambda element: element["name"] == name


def _choose(tab, name, value):
    """Moves through a focused drop-down list with the arrow keys until the value is chosen."""
    for _ in range(30):
        if tab.evaluate("document.activeElement.value") == value:
            return
        tab.keyboard.press("ArrowDown")
    raise AssertionError(f"{value} is not among the choices of {name}")


def test_logging_in_from_the_front_page(alpha, open_context, live_server):
    tab = open_context("en").new_page()
    console = watch_console(tab)
    front_page = _url("overview:front_page", alpha)
    tab.goto(front_page)
    tab_to(tab, lambda element: element["tag"] == "a" and element["text"] == "Log in")
    _press_and_wait(tab, "Enter")
    assert focused(tab)["name"] == "username"  # the login form starts in its first field
    tab.keyboard.type(alpha.editor.username)
    tab.keyboard.press("Tab")
    assert focused(tab)["name"] == "password"
    tab.keyboard.type(PASSWORD)
    _press_and_wait(tab, "Enter")

    assert tab.url == live_server.url + front_page  # back where the visitor came from
    assert "Log out" in tab.locator(".account").inner_text()
    assert "Go to the workspace" in tab.locator("main").inner_text()
    assert console == []


def test_an_editor_submits_a_status_update(alpha, open_context):
    tab = open_context("en", alpha.editor.username).new_page()
    console = watch_console(tab)
    task_url = _url(
        "followup:task", alpha, round_pk=alpha.round.pk, kind="update", pk=alpha.update.pk
    )
    tab.goto(_url("followup:todo", alpha, pk=alpha.round.pk))
    tab_to(tab, lambda element: element["href"] == task_url)
    _press_and_wait(tab, "Enter")

    tab_to(tab, _named("status"))
    _choose(tab, "status", "on_track")
    tab.keyboard.press("Tab")
    assert focused(tab)["name"] == "progress"
    tab.keyboard.type("40")
    tab.keyboard.press("Tab")
    assert focused(tab)["name"] == "text"
    tab.keyboard.type("Two study visits held; the third is planned for the autumn.")
    submit = tab_to(tab, lambda element: element["tag"] == "button" and element["text"] == "Submit")
    # One step back lands on "Save draft", and forward again on "Submit".
    assert tab_to(tab, lambda element: element["tag"] == "button", backwards=True)["text"] == (
        "Save draft"
    )
    assert tab_to(tab, lambda element: element["tag"] == "button") == submit
    _press_and_wait(tab, "Enter")

    update = alpha.update
    update.refresh_from_db()
    assert update.state == TaskState.SUBMITTED
    assert (update.status, update.progress) == ("on_track", 40)
    assert update.text == "Two study visits held; the third is planned for the autumn."
    assert update.submitted_by == alpha.editor
    assert tab.locator(".messages").inner_text() == "Submitted."
    assert console == []


def test_a_visitor_sends_a_delegation_request(alpha, open_context):
    tab = open_context("en").new_page()
    console = watch_console(tab)
    tab.goto(_url("activities:request_visit", alpha) + "?language=en")
    typed = {
        "delegation_name": "City of Aarhus, department of culture",
        "country": "Denmark",
        "contact_name": "Mette Nielsen",
        "email": "mette@example.dk",
        "phone": "+45 12 34 56 78",
        "preferred_from": "05152027",  # month, day, year: see the browser fixture
        "preferred_to": "05172027",
        "group_size": "8",
        "interests": "Libraries and culture houses.",
    }
    for name, text in typed.items():
        tab_to(tab, _named(name))
        tab.keyboard.type(text)
    tab_to(tab, lambda element: element["tag"] == "button")
    _press_and_wait(tab, "Enter")

    assert tab.url.endswith(_url("activities:request_thanks", alpha) + "?language=en")
    request = DelegationRequest.objects.get(delegation_name=typed["delegation_name"])
    assert request.organisation == alpha.organisation
    assert request.country.code == "DK"
    assert (request.contact_name, request.email) == ("Mette Nielsen", "mette@example.dk")
    assert request.phone == "+45 12 34 56 78"
    assert request.preferred_from == datetime.date(2027, 5, 15)
    assert request.preferred_to == datetime.date(2027, 5, 17)
    assert request.group_size == 8
    assert request.interests == "Libraries and culture houses."
    assert request.language == "en"
    assert console == []


def test_the_skip_link_comes_first_and_every_tab_stop_shows_the_focus(alpha, open_context):
    tab = open_context("nb", alpha.editor.username).new_page()
    url = _url("followup:task", alpha, round_pk=alpha.round.pk, kind="update", pk=alpha.update.pk)
    tab.goto(url)
    tab.keyboard.press("Tab")
    first = focused(tab)
    with translation.override("nb"):
        assert first == {**first, "href": "#main", "text": gettext("Skip to main content")}
    assert tab.evaluate(FOCUS_IS_VISIBLE)
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "main"

    tab.goto(url)
    stops, invisible = [], []
    for _ in range(200):
        tab.keyboard.press("Tab")
        element = focused(tab)
        if element is None or (stops and element == stops[0]):
            break  # round the page and back to the start
        stops.append(element)
        if not tab.evaluate(FOCUS_IS_VISIBLE):
            invisible.append(element)
    assert len(stops) > 20  # the header, the menu, the form and the footer
    assert {stop["name"] for stop in stops} >= {"language", "status", "progress", "text"}
    assert invisible == []
