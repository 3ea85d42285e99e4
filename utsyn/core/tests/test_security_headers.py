"""The Content Security Policy and the other security headers, and the templates that keep to
the policy: no inline script, no style attribute or element, no event handler attribute."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from utsyn.reports.document import Document, Table
from utsyn.reports.rendering import document_html

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def policy(response):
    directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {words[0]: words[1:] for words in directives if words}


def _pages(world):
    slug = {"organisation": world.slug}
    return {
        "login": reverse("login"),
        "public front page": reverse("overview:front_page", kwargs=slug),
        "internal page": reverse("arenas:list", kwargs=slug),
        "report job (htmx)": reverse("reports:job", kwargs={**slug, "pk": world.report_job.pk}),
        "not found": "/nowhere/at/all/",
    }


@pytest.mark.parametrize(
    "page", ["login", "public front page", "internal page", "report job (htmx)", "not found"]
)
def test_every_page_carries_the_security_headers(page, alpha, client):
    client.force_login(alpha.administrator)
    response = client.get(_pages(alpha)[page])
    assert response.status_code == (404 if page == "not found" else 200)
    assert policy(response) == POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_the_report_job_page_loads_htmx_as_a_file_and_stops_its_inline_style(alpha, client):
    client.force_login(alpha.administrator)
    html = client.get(_pages(alpha)["report job (htmx)"]).content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts[0].startswith("/static/django_htmx/htmx-2")
    # After htmx, before the page has loaded: htmx reads its settings then.
    assert scripts[1] == "/static/reports/htmx-config.js"
    config = finders.find("reports/htmx-config.js")
    assert "htmx.config.includeIndicatorStyles = false;" in Path(config).read_text("utf-8")


def test_cookies_are_http_only_and_same_site():
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.CSRF_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.CSRF_COOKIE_SAMESITE == "Lax"


# --------------------------------------------------------------- templates keep to the policy

# Not served as pages: the downloadable HTML report file carries its stylesheet inline, so
# that it reads offline; it is sent as an attachment.
NOT_PAGES = {"reports/standalone.html"}

COMMENTS = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.DOTALL)
FORBIDDEN = {
    "inline <script> (one without src)": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I),
    "<style> element": re.compile(r"<style[\s>]", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "htmx inline handler (hx-on)": re.compile(r"\s(data-)?hx-on", re.I),
}


def template_files():
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    folders += [
        Path(config.path) / "templates"
        for config in apps.get_app_configs()
        if config.name.startswith("utsyn.")
    ]
    for folder in folders:
        for path in sorted(folder.rglob("*.html")):
            yield path.relative_to(folder).as_posix(), path


def test_the_template_folders_are_found():
    names = {name for name, _path in template_files()}
    assert {"base.html", "registration/login.html", "reports/show.html"} <= names
    assert len(names) > 100


def test_no_template_has_inline_script_style_or_event_handlers():
    found = []
    for name, path in template_files():
        if name in NOT_PAGES:
            continue
        source = COMMENTS.sub("", path.read_text("utf-8"))
        for what, pattern in FORBIDDEN.items():
            for match in pattern.finditer(source):
                line = source.count("\n", 0, match.start()) + 1
                found.append(f"{path}:{line}: {what}: {match.group(0)!r}")
    assert not found, "\n".join(found)


def test_the_grep_finds_what_it_looks_for():
    samples = [
        "<script>alert(1)</script>",
        '<col style="width: 5%">',
        "<style>p{}</style>",
        '<button onclick="go()">',
        '<a href="javascript:go()">',
        '<div hx-on:click="go()">',
    ]
    for sample in samples:
        assert any(pattern.search(sample) for pattern in FORBIDDEN.values()), sample
    allowed = ['<script src="/static/x.js"></script>', '<p class="one">', "<p>on = off</p>"]
    for sample in allowed:
        assert not any(pattern.search(sample) for pattern in FORBIDDEN.values()), sample


def test_report_column_widths_are_classes_that_the_stylesheet_defines():
    """Table widths became classes (the policy allows no style attribute): each width that a
    report uses needs its rule in report.css."""
    reports = Path(settings.BASE_DIR) / "utsyn" / "reports"
    css = (reports / "static" / "reports" / "report.css").read_text("utf-8")
    used = {
        int(width)
        for source in reports.glob("*.py")
        for widths in re.findall(r"widths=\[([\d,\s]+)\]", source.read_text("utf-8"))
        for width in widths.split(",")
    }
    assert used
    for width in used:
        assert re.search(rf"col\.report__w{width}\s*{{\s*width:\s*{width}%", css), width

    document = Document(title="T", subtitle="", language="en")
    document.add(Table("Caption", ["A", "B"], [["1", "2"]], widths=[22, 13]))
    html = str(document_html(document))
    assert '<col class="report__w22"><col class="report__w13">' in html
    assert "style=" not in html
