"""Script-like text in every free-text field is shown escaped on every page; and no page has
inline code that the Content Security Policy would block.

Every text field that users fill in (CharField, TextField, URLField, EmailField without choices,
of every model of the project, and the users' names) gets a payload of its own, stored directly
with `QuerySet.update` so that no form validation stands in the way. Then every page of the
organisation (each URL pattern, as `test_isolation.COVERAGE` fills it in, and a few more: the
other reports, the other kind of task, the public pages for an anonymous visitor) is read, and:

- no HTML page contains a payload unescaped, in text, in an attribute or in inline data;
- every payload field is shown (escaped) on at least one page, so that the first check is not
  passed by pages that show nothing; the fields no page shows are listed in NOT_SHOWN, each
  with the reason.
"""

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.urls import reverse

from utsyn.audit.models import LogEntry
from utsyn.audit.services import audit_values, diff, log_action
from utsyn.core.tests.test_isolation import COVERAGE
from utsyn.followup.models import TaskState
from utsyn.followup.services import close_round
from utsyn.reports.models import ReportText
from utsyn.testing import open_round

# Text that users do not type: reference data, identifiers chosen by code, and what the system
# writes itself.
NOT_FREE_TEXT = {
    # A batch's action is a registered code; its description is written by the service that
    # opens the batch, and no page shows batches yet (the page that undoes one joins here).
    "audit.LogBatch.action": "written by the system",
    "audit.LogEntry.action": "written by the system",
    "audit.LogBatch.description": "shown on no page yet",
    # The UN goals and targets: reference data loaded by a migration, the same for every
    # organisation; no page changes them.
    **{f"sdgs.Goal.{name}": "reference data" for name in ("short_en", "short_nb", "short_sv")},
    **{f"sdgs.Goal.{name}": "reference data" for name in ("title_en", "title_nb", "title_sv")},
    "sdgs.Goal.colour": "reference data",
    "sdgs.Target.code": "reference data",
    **{f"sdgs.Target.{name}": "reference data" for name in ("title_en", "title_nb", "title_sv")},
    # Report jobs are written by the job runner: the report's slug, the format, a language
    # code, the step and error messages of the code, and a generated file name.
    **{
        f"reports.ReportJob.{name}": "written by the system"
        for name in ("report", "format", "language", "step", "error", "filename")
    },
    "reports.ReportText.report": "the report's slug, chosen by code",
    "reports.ReportText.key": "the section's key, chosen by code",
    # Written from str(object) when a change is logged; the set-up below logs a change of
    # every object after storing the payloads, so the history pages show payloads through it.
    "audit.LogEntry.object_repr": "derived from the payloads of the logged objects",
}

# Fields with a payload that no page shows, and why.
NOT_SHOWN = {
    "auth.User.email": "no page shows a user's e-mail address; users are managed by username",
    "organisations.Organisation.official_number": (
        "set by `create_organisation` and the demo, carried in the backup; no page shows it"
    ),
}

SCRIPT = re.compile(r"<script>alert|<b id=\"zq|<b>zq", re.IGNORECASE)


def _marker(number):
    return f"zq{number}qz"


def _payload(number, max_length):
    marker = _marker(number)
    candidates = [
        f'{marker}<script>alert("{marker}")</script><b id="{marker}">\'&',
        f'{marker}<b id="{marker}">',
        f"<b>{marker}",
    ]
    return next(text for text in candidates if max_length is None or len(text) <= max_length)


def _url_payload(number):
    # URLValidator takes any non-space characters in the path, quotes and brackets included.
    return f'https://example.org/{_marker(number)}"><b id="{_marker(number)}">'


def _email_payload(number):
    # EmailValidator takes a quoted local part with brackets in it.
    return f'"<b>{_marker(number)}"@example.org'


def free_text_fields():
    """(model, field) of every field that users write text into."""
    user_model = get_user_model()
    models_ = [m for m in apps.get_models() if m.__module__.startswith("utsyn.")]
    for model in [user_model, *models_]:
        for field in model._meta.get_fields():
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if field.choices or isinstance(field, models.SlugField):
                continue
            if model is user_model and field.name not in ("first_name", "last_name", "email"):
                continue
            if f"{model._meta.label}.{field.name}" in NOT_FREE_TEXT:
                continue
            yield model, field


def _rows(model, world):
    if model is get_user_model():
        return model.objects.filter(memberships__organisation=world.organisation)
    if model._meta.label == "organisations.Organisation":
        return model.objects.filter(pk=world.organisation.pk)
    return model.objects.filter(organisation=world.organisation)


def _store_payloads(world):
    """Every free-text field of the organisation's rows gets its payload; returns
    {field label: marker}. Each changed row then gets a log entry, as an edit would."""
    markers = {}
    before = {}
    fields = list(free_text_fields())
    for number, (model, field) in enumerate(fields, start=1):
        rows = _rows(model, world)
        assert rows.exists(), f"No {model._meta.label} in the test world"
        if _logged(model):
            for row in rows:
                if (model, row.pk) not in before:
                    before[(model, row.pk)] = audit_values(row)
        for index, pk in enumerate(rows.values_list("pk", flat=True)):
            # Rows after the first get a number of their own, for fields that are unique.
            suffix = str(index) if index else ""
            if isinstance(field, models.URLField):
                text = _url_payload(number) + suffix
            elif isinstance(field, models.EmailField):
                text = suffix + _email_payload(number)
            else:
                limit = field.max_length and field.max_length - len(suffix)
                text = _payload(number, limit) + suffix
            model.objects.filter(pk=pk).update(**{field.name: text})
        markers[f"{model._meta.label}.{field.name}"] = _marker(number)
    for (model, pk), values in before.items():
        row = model.objects.get(pk=pk)
        log_action(
            LogEntry.Action.CHANGED, row, world.administrator, diff(values, audit_values(row))
        )
    return markers


def _logged(model):
    """Whether changes of the model go into the audit trail."""
    return hasattr(model, "audit_subject")


@pytest.fixture
def world(alpha):
    """Alpha's world, with a closed round (for the yearly report) over its plan and its
    published arena, with an approved status update and arena review, and the VLR's own
    sections written."""
    round_ = open_round(
        alpha.organisation, plans=[alpha.plan], arenas=[alpha.published_arena], name="Year 2025"
    )
    round_.item_updates.update(state=TaskState.APPROVED, status="delayed", progress=40)
    round_.arena_reviews.update(state=TaskState.APPROVED)
    alpha.closed_round = close_round(round_, alpha.administrator)
    for key in ("introduction", "methodology", "conclusions"):
        ReportText.objects.create(organisation=alpha.organisation, report="vlr", key=key)
    alpha.markers = _store_payloads(alpha)
    return alpha


def _internal_urls(world):
    slug = world.slug
    for name, (_public, arguments) in sorted(COVERAGE.items()):
        yield reverse(name, kwargs={"organisation": slug, **arguments(world)})
    closed = world.closed_round
    yield reverse("reports:show", kwargs={"organisation": slug, "report": "annual"}) + (
        f"?round={closed.pk}"
    )
    yield reverse("reports:show", kwargs={"organisation": slug, "report": "vlr"})
    yield reverse("reports:show", kwargs={"organisation": slug, "report": "arena-review"}) + (
        "?language=en"
    )
    for round_ in (world.round, closed):
        yield reverse("followup:detail", kwargs={"organisation": slug, "pk": round_.pk})
        yield reverse("followup:todo", kwargs={"organisation": slug, "pk": round_.pk})
        for kind, tasks in (("update", round_.item_updates), ("review", round_.arena_reviews)):
            for task in tasks.all():
                yield reverse(
                    "followup:task",
                    kwargs={
                        "organisation": slug,
                        "round_pk": round_.pk,
                        "kind": kind,
                        "pk": task.pk,
                    },
                )
    yield reverse("arenas:detail", kwargs={"organisation": slug, "pk": world.published_arena.pk})
    yield reverse("plans:detail", kwargs={"organisation": slug, "pk": world.unpublished_plan.pk})
    for item in (world.section, world.others_item):
        yield reverse("overview:item_detail", kwargs={"organisation": slug, "pk": item.pk})
    yield reverse("home")


def _public_urls(world):
    slug = world.slug
    for name, (public, arguments) in sorted(COVERAGE.items()):
        if public:
            yield reverse(name, kwargs={"organisation": slug, **arguments(world)})
    yield reverse(
        "arenas:public_detail", kwargs={"organisation": slug, "pk": world.published_arena.pk}
    )
    yield reverse("overview:public_plan", kwargs={"organisation": slug, "pk": world.plan.pk})
    yield reverse("home")
    yield reverse("login")


def _pages(world):
    """(who, url, HTML) of every page, as the administrator and, for the public pages, as an
    anonymous visitor; other responses (files, feeds, redirects) are left out."""
    administrator = Client()
    administrator.force_login(world.administrator)
    anonymous = Client()
    editor = Client()
    editor.force_login(world.editor)
    readers = [
        ("administrator", administrator, list(_internal_urls(world))),
        (
            "editor",
            editor,
            [reverse("overview:dashboard", kwargs={"organisation": world.slug})],
        ),
        ("anonymous", anonymous, list(_public_urls(world))),
    ]
    # COVERAGE points the public detail pages at unpublished rows; the published ones are added.
    unpublished = {
        reverse(name, kwargs={"organisation": world.slug, **COVERAGE[name][1](world)})
        for name in ("arenas:public_detail", "overview:public_plan")
    }
    for who, client, urls in readers:
        for url in urls:
            response = client.get(url)
            expected = (404,) if url in unpublished else (200, 302)
            assert response.status_code in expected, (who, url, response.status_code)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                yield who, url, response.content.decode()


# What the Content Security Policy would block: inline scripts, style elements and attributes,
# event handler attributes, javascript: links.
INLINE_CODE = re.compile(
    r"<script(?![^>]*\ssrc=)[^>]*>|<style[\s>]|\sstyle\s*=|\son[a-z]+\s*=|javascript:",
    re.IGNORECASE,
)


def test_script_like_text_is_escaped_on_every_page_that_shows_it(world):
    pages = list(_pages(world))
    assert len(pages) > 120
    unescaped = [
        (who, url, match.group(0))
        for who, url, html in pages
        for match in [SCRIPT.search(html)]
        if match
    ]
    assert not unescaped

    shown = {
        label
        for label, marker in world.markers.items()
        if any(marker in html for _w, _u, html in pages)
    }
    not_shown = sorted(set(world.markers) - shown)
    assert not_shown == sorted(NOT_SHOWN), "Fields that no page shows: " + ", ".join(not_shown)

    # The same pages, as rendered (forms' widgets and markup built in Python included), hold
    # nothing that the Content Security Policy would block.
    inline = [
        (who, url, match.group(0))
        for who, url, html in pages
        for match in [INLINE_CODE.search(html)]
        if match
    ]
    assert not inline
