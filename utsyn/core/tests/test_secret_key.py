"""Production refuses a weak SECRET_KEY: Utsyn does not start, and says why and how to make a
good one. The thresholds are those of Django's deployment check (security.W009)."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.checks.security import base as django_security

from utsyn.core.tests.test_settings_and_i18n import PRODUCTION, ROOT

STRONG_KEY = secrets.token_urlsafe(50)


def _start(**env):
    """Starts Django as a server process would, with the environment given."""
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment.update(DJANGO_SETTINGS_MODULE="utsyn.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "key, problem",
    [
        (STRONG_KEY[:49], "it has 49 characters, fewer than 50"),
        ("abcd" * 20, "fewer than 5 different characters"),
        ("django-insecure-" + STRONG_KEY, "Django generated for development"),
    ],
    ids=["short", "few distinct characters", "django-insecure"],
)
def test_production_refuses_to_start_with_a_weak_secret_key(key, problem):
    result = _start(**{**PRODUCTION, "SECRET_KEY": key})
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is too weak for production" in result.stderr
    assert problem in result.stderr
    assert "python -c 'import secrets; print(secrets.token_urlsafe(50))'" in result.stderr
    assert key not in result.stderr  # the key itself never goes to a log


def test_production_starts_with_a_strong_secret_key():
    result = _start(**{**PRODUCTION, "SECRET_KEY": STRONG_KEY})
    assert result.returncode == 0, result.stderr


def test_development_mode_accepts_any_key():
    result = _start(UTSYN_DEBUG="1", SECRET_KEY="short")
    assert result.returncode == 0, result.stderr


def test_the_thresholds_are_those_of_djangos_deployment_check():
    assert settings.SECRET_KEY_MIN_LENGTH == django_security.SECRET_KEY_MIN_LENGTH
    assert (
        settings.SECRET_KEY_MIN_DISTINCT_CHARACTERS
        == django_security.SECRET_KEY_MIN_UNIQUE_CHARACTERS
    )
    assert django_security.SECRET_KEY_INSECURE_PREFIX == "django-insecure-"
