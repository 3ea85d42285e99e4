import gettext
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)


def _manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "UTSYN_DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-key-for-the-check-0123456789abcdefghijkl",
    "ALLOWED_HOSTS": "utsyn.example.org",
}


def test_production_settings_pass_the_deployment_check_without_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("language", ["nb", "nn", "sv"])
def test_every_catalogue_is_complete_and_compiled(language):
    po = ROOT / "utsyn" / "locale" / language / "LC_MESSAGES" / "django.po"
    source = po.read_text("utf-8")
    assert "#, fuzzy" not in source
    entries = sum(1 for line in source.splitlines() if line.startswith("msgid ")) - 1  # header
    # The compiled catalogue leaves out untranslated and fuzzy entries, so equal counts mean
    # that every entry is translated and that the .mo file is up to date with the .po file.
    with po.with_suffix(".mo").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    compiled = {key[0] if isinstance(key, tuple) else key for key in catalog} - {""}
    assert len(compiled) == entries


@pytest.mark.parametrize(
    "language, text", [("nb", "Logg inn"), ("nn", "Logg inn"), ("sv", "Logga in"), ("en", "Log in")]
)
def test_the_interface_follows_the_chosen_language(client, language, text):
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302
    page = client.get(reverse("login"))
    assert f'lang="{language}"' in page.content.decode()
    assert text in page.content.decode()


def test_bokmal_is_the_default_language(client):
    page = client.get(reverse("login"))
    assert 'lang="nb"' in page.content.decode()
