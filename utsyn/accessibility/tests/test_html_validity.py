"""Every main page is valid HTML, as the Nu Html Checker (vnu.jar, run with the machine's Java)
sees it: the pages of Bergen's demo in bokmål and English, and forms showing their errors.

All pages are written to files and checked in one run, so that Java starts once.
"""

import io
import json
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from .pages import ANONYMOUS, form_errors, main_pages
from .tools import VNU, need_command, need_file

pytestmark = pytest.mark.html_validity

LANGUAGES = ["nb", "en"]


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def _clients(language):
    clients = {}

    def client_for(username):
        if username not in clients:
            client = Client()
            client.cookies["django_language"] = language
            if username is not ANONYMOUS:
                client.force_login(get_user_model().objects.get(username=username))
            clients[username] = client
        return clients[username]

    return client_for


KNOWN_ERROR = '<!DOCTYPE html><html lang="en"><title>x</title><p id="a"><p id="a">'


def _file(error):
    return Path(error.get("url", "")).name


def _validate(paths):
    java = need_command("java", "Java (Debian's default-jre-headless)")
    vnu = need_file(VNU, "The Nu Html Checker (npm package vnu-jar)")
    result = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True,
        timeout=600,
    )
    # vnu writes its JSON report to standard error, and exits with 1 when it found errors.
    report = json.loads(result.stderr.decode("utf-8"))
    return [message for message in report["messages"] if message["type"] in ("error", "fatal")]


def test_every_main_page_is_valid_html(demo, tmp_path):
    pages = {}
    for language in LANGUAGES:
        client_for = _clients(language)
        for page in main_pages(language):
            response = client_for(page.user).get(page.url)
            assert response.status_code == page.status, f"{page.name}: {page.url}"
            pages[f"{language}: {page.name} ({page.url})"] = response.content
        for name, url, user, data, status in form_errors():
            response = client_for(user).post(url, data)
            assert response.status_code == status, f"{name}: {url}"
            pages[f"{language}: {name} ({url}, with errors)"] = response.content
    files = {}
    for number, (name, content) in enumerate(pages.items()):
        path = tmp_path / f"page-{number:03}.html"
        path.write_bytes(content)
        files[path.name] = name
    # A page with a known error proves that the checker ran and that its report is read.
    (tmp_path / "known-error.html").write_text(KNOWN_ERROR)

    errors = _validate(sorted(tmp_path.glob("*.html")))
    found = [error for error in errors if _file(error) == "known-error.html"]
    assert [error["message"] for error in found] == ["Duplicate ID “a”."]
    listing = [
        f"{files[_file(error)]}, line {error.get('lastLine', '?')}: "
        f"{error['message']}\n    {error.get('extract', '').strip()}"
        for error in errors
        if error not in found
    ]
    assert not listing, f"{len(listing)} HTML errors:\n" + "\n".join(listing)
