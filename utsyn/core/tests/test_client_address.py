"""The visitor's address behind a proxy (utsyn.core.addresses): X-Forwarded-For is read from the
right, past the trusted proxies, so that what a visitor writes into its left part changes
neither the login throttling nor the visit form's rate limit."""

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from utsyn.activities.services import RATE_LIMIT
from utsyn.activities.tests.test_requests import _token, _valid
from utsyn.core.addresses import client_address
from utsyn.core.tests.test_settings_and_i18n import _manage
from utsyn.testing import UserFactory

PROXY = "10.0.0.2"
VISITOR = "203.0.113.5"


@pytest.fixture
def forwarded_for(settings):
    settings.UTSYN_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.UTSYN_TRUSTED_PROXY_COUNT = 1


def _address(header_value, **meta):
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, **meta)
    if header_value is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = header_value
    return client_address(request)


@pytest.mark.parametrize(
    "header, proxies, expected",
    [
        (VISITOR, 1, VISITOR),
        (f"198.51.100.99, {VISITOR}", 1, VISITOR),  # forged left part
        (f"1.1.1.1,2.2.2.2 , {VISITOR}", 1, VISITOR),
        (f"198.51.100.99, {VISITOR}, 10.0.0.1", 2, VISITOR),  # two proxies appended
        (f"{VISITOR}, 10.0.0.1", 2, VISITOR),
        ("2001:db8::7, 2001:db8::1", 1, "2001:db8::1"),
        (VISITOR, 2, PROXY),  # fewer entries than proxies: trust none
        ("", 1, PROXY),
        (None, 1, PROXY),
        ("198.51.100.99, not-an-address", 1, PROXY),
        ("198.51.100.99, ", 1, PROXY),
        (f"198.51.100.99, {VISITOR}:4711", 1, PROXY),
    ],
)
def test_x_forwarded_for_is_read_from_the_right(header, proxies, expected, forwarded_for, settings):
    settings.UTSYN_TRUSTED_PROXY_COUNT = proxies
    assert _address(header) == expected


@pytest.mark.parametrize(
    "value, expected",
    [(VISITOR, VISITOR), (f" {VISITOR} ", VISITOR), (f"{VISITOR}, 1.1.1.1", PROXY), ("x", PROXY)],
)
def test_another_header_holds_a_single_address(value, expected, settings):
    settings.UTSYN_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert _address(None, HTTP_X_REAL_IP=value) == expected


def test_without_a_configured_header_no_header_is_trusted(settings):
    settings.UTSYN_CLIENT_IP_HEADER = ""
    assert _address(VISITOR, HTTP_X_REAL_IP=VISITOR) == PROXY


# ------------------------------------------------------------------------------- through requests


def _login(client, password, forwarded_for):
    return client.post(
        reverse("login"),
        {"username": "kari", "password": password},
        REMOTE_ADDR=PROXY,
        headers={"X-Forwarded-For": forwarded_for},
    )


def test_a_forged_left_part_does_not_escape_the_login_lockout(client, db, forwarded_for):
    UserFactory(username="kari")
    for number in range(5):
        _login(client, "wrong", f"198.51.100.{number}, {VISITOR}")
    assert AccessAttempt.objects.get().ip_address == VISITOR
    forged = _login(client, "secret-password", f"198.51.100.99, {VISITOR}")
    assert forged.status_code == 429
    # Another visitor behind the same proxy is not locked out.
    other = _login(client, "secret-password", f"{VISITOR}, 203.0.113.6")
    assert other.status_code == 302


@pytest.fixture
def empty_cache():
    # The rate limit lives in the cache, which outlives a test's database.
    cache.clear()
    yield
    cache.clear()


def _send_visit_request(client, world, forwarded_for, number):
    address = reverse("activities:request_visit", kwargs={"organisation": world.slug})
    headers = {"X-Forwarded-For": forwarded_for}
    form = client.get(address, REMOTE_ADDR=PROXY, headers=headers)
    data = {"submission_token": _token(form), **_valid(delegation_name=f"Delegation {number}")}
    return client.post(address, data, REMOTE_ADDR=PROXY, headers=headers)


def test_a_forged_left_part_does_not_escape_the_visit_forms_rate_limit(
    alpha, client, empty_cache, forwarded_for
):
    statuses = [
        _send_visit_request(client, alpha, f"198.51.100.{number}, {VISITOR}", number).status_code
        for number in range(RATE_LIMIT + 1)
    ]
    assert statuses == [302] * RATE_LIMIT + [429]
    # Another visitor behind the same proxy may still send.
    other = _send_visit_request(client, alpha, f"{VISITOR}, 203.0.113.6", "other")
    assert other.status_code == 302


def test_the_header_may_be_named_as_sent_and_the_proxy_count_must_be_positive():
    shown = _manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.UTSYN_CLIENT_IP_HEADER, s.UTSYN_TRUSTED_PROXY_COUNT)",
        UTSYN_CLIENT_IP_HEADER="X-Forwarded-For",
        UTSYN_TRUSTED_PROXY_COUNT="2",
    )
    assert shown.stdout.splitlines()[-1].split() == ["HTTP_X_FORWARDED_FOR", "2"], shown.stderr
    refused = _manage("check", UTSYN_TRUSTED_PROXY_COUNT="0")
    assert refused.returncode != 0
    assert "UTSYN_TRUSTED_PROXY_COUNT must be at least 1" in refused.stderr
