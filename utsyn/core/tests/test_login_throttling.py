"""Login throttling (django-axes): a username is locked out from one address after
AXES_FAILURE_LIMIT failed logins, for AXES_COOLOFF_TIME, with a page in the user's language."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from utsyn.testing import UserFactory

PASSWORD = "secret-password"  # UserFactory's


@pytest.fixture
def user(db):
    return UserFactory(username="kari")


def _login(client, username, password, address="192.0.2.10", **headers):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        headers={"Accept-Language": "en", **headers},
    )


def _fail(client, times, username="kari", **kwargs):
    return [_login(client, username, "wrong", **kwargs).status_code for _ in range(times)]


def _logged_in(client):
    return "_auth_user_id" in client.session


def test_the_settings_lock_a_username_and_address_pair_out_for_a_while():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == datetime.timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_RESET_ON_SUCCESS is True
    assert settings.AXES_ENABLED is True
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_after_five_failures_even_the_right_password_is_refused(client, user):
    # Four failures show the login form with its error, the fifth the lockout page.
    assert _fail(client, 4) == [200, 200, 200, 200]
    fifth = _login(client, "kari", "wrong")
    assert fifth.status_code == 429
    page = fifth.content.decode()
    assert "Too many failed logins" in page
    assert "5 times in a row" in page
    assert "try again in 15 minutes" in page
    assert 'lang="en"' in page and 'class="site-header"' in page  # the site's own page

    sixth = _login(client, "kari", "wrong")
    assert sixth.status_code == 429
    assert "Too many failed logins" in sixth.content.decode()

    right = _login(client, "kari", PASSWORD)
    assert right.status_code == 429
    assert not _logged_in(client)


def test_the_lockout_page_follows_the_language_of_the_user(client, user):
    _fail(client, 5)
    page = _login(client, "kari", PASSWORD, **{"Accept-Language": "nb"})
    assert page.status_code == 429
    assert 'lang="nb"' in page.content.decode()


def test_another_username_from_the_same_address_is_not_affected(client, user):
    UserFactory(username="ola")
    _fail(client, 5)
    response = _login(client, "ola", PASSWORD)
    assert response.status_code == 302
    assert _logged_in(client)


def test_the_same_username_from_another_address_is_not_affected(client, user):
    _fail(client, 5)
    response = _login(client, "kari", PASSWORD, address="198.51.100.20")
    assert response.status_code == 302
    assert _logged_in(client)


def test_a_successful_login_starts_the_count_over(client, user):
    assert _fail(client, 4) == [200] * 4
    assert _login(client, "kari", PASSWORD).status_code == 302
    client.logout()
    assert _fail(client, 4) == [200] * 4
    assert _login(client, "kari", PASSWORD).status_code == 302
    client.logout()
    assert _fail(client, 5) == [200, 200, 200, 200, 429]


def test_the_lockout_ends_after_the_cool_off_period(client, user):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _fail(client, 5)
        assert _login(client, "kari", PASSWORD).status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=14), tick=False):
        assert _login(client, "kari", PASSWORD).status_code == 429
    # Every refused attempt during the lockout starts the cool-off period again.
    with time_machine.travel(start + datetime.timedelta(minutes=30), tick=False):
        assert _login(client, "kari", PASSWORD).status_code == 302


def test_the_password_tried_is_not_stored(client, user):
    _login(client, "kari", "my-real-password-with-a-typo")
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "kari"
    assert attempt.ip_address == "192.0.2.10"
    assert "my-real-password" not in attempt.post_data


def test_behind_a_proxy_the_configured_header_is_the_address(client, user, settings):
    settings.UTSYN_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    proxy = "10.0.0.1"
    _fail(client, 5, address=proxy, **{"X-Real-IP": "203.0.113.5"})
    assert (
        _login(client, "kari", PASSWORD, address=proxy, **{"X-Real-IP": "203.0.113.5"}).status_code
        == 429
    )
    # Another visitor behind the same proxy logs in.
    response = _login(client, "kari", PASSWORD, address=proxy, **{"X-Real-IP": "203.0.113.6"})
    assert response.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"


def test_without_a_configured_header_a_forged_one_does_not_escape_the_lockout(client, user):
    _fail(client, 5)
    forged = _login(
        client,
        "kari",
        PASSWORD,
        **{"X-Forwarded-For": "198.51.100.99", "X-Real-IP": "198.51.100.99"},
    )
    assert forged.status_code == 429
    assert not _logged_in(client)


def test_the_test_clients_logins_still_work(client, user):
    assert client.login(username="kari", password=PASSWORD)
    assert not client.login(username="kari", password="wrong")
    client.force_login(user)
    assert _logged_in(client)
