"""Production settings (secure cookies, HTTPS, throttling from the environment) and password
hashing with Argon2. The suite itself hashes with MD5 (conftest.py) for speed; these tests
use the real hashers."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.urls import reverse

from utsyn import settings as project_settings
from utsyn.core.tests.test_settings_and_i18n import PRODUCTION, _manage

SHOW_SETTINGS = """
import json
from django.conf import settings as s
print(json.dumps({
    name: getattr(s, name)
    for name in (
        "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS", "SECURE_CONTENT_TYPE_NOSNIFF", "X_FRAME_OPTIONS",
        "PASSWORD_HASHERS", "AXES_FAILURE_LIMIT", "MIDDLEWARE", "AUTHENTICATION_BACKENDS",
        "INSTALLED_APPS",
    )
} | {"AXES_COOLOFF_MINUTES": s.AXES_COOLOFF_TIME.total_seconds() / 60}))
"""


def _production_settings(**env):
    result = _manage("shell", "-c", SHOW_SETTINGS, **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_cookies_over_https_only_and_hashes_with_argon2():
    production = _production_settings()
    assert production["DEBUG"] is False
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["CSRF_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= 31536000
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert production["X_FRAME_OPTIONS"] == "DENY"
    assert production["PASSWORD_HASHERS"][0] == "utsyn.core.hashers.Argon2idHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in production["PASSWORD_HASHERS"]
    assert "csp.middleware.CSPMiddleware" in production["MIDDLEWARE"]
    assert production["MIDDLEWARE"][-1] == "axes.middleware.AxesMiddleware"
    assert production["AUTHENTICATION_BACKENDS"][0] == "axes.backends.AxesStandaloneBackend"
    assert production["AXES_FAILURE_LIMIT"] == 5
    assert production["AXES_COOLOFF_MINUTES"] == 15


def test_production_leaves_out_the_demo_and_the_benchmark_unless_asked_for_them():
    tools = {"utsyn.demo", "utsyn.bench"}
    assert not tools & set(_production_settings()["INSTALLED_APPS"])
    assert tools <= set(_production_settings(UTSYN_TOOLS="1")["INSTALLED_APPS"])
    assert tools <= set(project_settings.INSTALLED_APPS)  # the development default


def test_login_throttling_is_configured_from_the_environment():
    production = _production_settings(
        UTSYN_LOGIN_FAILURE_LIMIT="10", UTSYN_LOGIN_COOLOFF_MINUTES="60"
    )
    assert production["AXES_FAILURE_LIMIT"] == 10
    assert production["AXES_COOLOFF_MINUTES"] == 60


@pytest.fixture
def real_hashers(settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS


def test_a_new_password_is_stored_with_argon2(real_hashers, db):
    user = get_user_model().objects.create_user("kari", password="a long pass phrase")
    # Argon2id, OWASP's 46 MiB, one pass, one lane.
    assert user.password.startswith("argon2$argon2id$v=19$m=47104,t=1,p=1$")
    assert user.check_password("a long pass phrase")


def test_a_password_hashed_with_djangos_argon2_defaults_is_rehashed_at_login(
    real_hashers, db, client
):
    django_default = Argon2PasswordHasher()
    stored = django_default.encode("a default pass phrase", django_default.salt())
    user = get_user_model().objects.create(username="eva", password=stored)
    assert "m=102400,t=2,p=8" in user.password
    response = client.post(
        reverse("login"), {"username": "eva", "password": "a default pass phrase"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert "m=47104,t=1,p=1" in user.password


def test_a_pbkdf2_password_still_works_and_becomes_argon2_at_login(real_hashers, db, client):
    user = get_user_model().objects.create(
        username="ola", password=make_password("an older pass phrase", hasher="pbkdf2_sha256")
    )
    response = client.post(
        reverse("login"), {"username": "ola", "password": "an older pass phrase"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
