"""Changes made by a visitor of a public form, or by Utsyn itself (a command, a scheduled job),
have no user: every page that shows history names them as such, in the reader's language."""

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from utsyn.audit.models import LogEntry
from utsyn.audit.services import delete_to_bin, log_action
from utsyn.backup.serialization import TABLES
from utsyn.core.tests.test_isolation import COVERAGE, _url
from utsyn.reports.models import ReportText

VISITOR = {
    "en": "a visitor through the public form",
    "nb": "en besøkende gjennom det offentlige skjemaet",
    "sv": "en besökare via det offentliga formuläret",
}
SYSTEM = {"en": "Utsyn, automatically", "nb": "Utsyn, automatisk", "sv": "Utsyn, automatiskt"}
# Tables whose rows are not changed through Utsyn's pages, and so have no history to show.
NOT_LOGGED = {"audit.logentry", "audit.logbatch", "followup.reminder"}


def _one_of_each_kind(world):
    """A row of every kind an organisation holds."""
    for label in TABLES:
        if label in NOT_LOGGED:
            continue
        model = apps.get_model(label)
        row = model._base_manager.filter(organisation=world.organisation).order_by("pk").first()
        assert row is not None, f"The test world has no {label}"
        yield row


def _log_as_visitor_and_system(world):
    ReportText.objects.create(
        organisation=world.organisation, report="vlr", key="introduction", text="Hello"
    )
    for row in _one_of_each_kind(world):
        log_action(LogEntry.Action.CHANGED, row, AnonymousUser(), {"name": ["", "by a visitor"]})
        log_action(LogEntry.Action.CHANGED, row, None, {"name": ["", "by Utsyn"]})


def test_a_visit_request_sent_through_the_public_form_opens_for_the_coordinator(alpha, client):
    url = _url("activities:request_visit", alpha)
    form = client.get(url)
    data = {
        "submission_token": form.context["form"].initial["submission_token"],
        "delegation_name": "Kiel city council",
        "country": "DE",
        "contact_name": "Anna Beispiel",
        "email": "anna@example.org",
        "preferred_from": "2027-03-01",
        "preferred_to": "2027-03-02",
        "group_size": "12",
        "interests": "The ocean economy.",
    }
    assert client.post(url, data).status_code == 302
    entry = LogEntry.objects.get(object_repr__contains="Kiel", action="created")
    assert (entry.actor, entry.user) == ("visitor", None)

    client.force_login(alpha.administrator)
    detail = client.get(
        _url("activities:request_detail", alpha).replace(
            str(alpha.delegation_request.pk), str(entry.object_id)
        ),
        headers={"Accept-Language": "en"},
    )
    assert detail.status_code == 200
    assert VISITOR["en"] in detail.content.decode()


@pytest.mark.parametrize("language", ["en", "nb", "sv"])
def test_every_page_with_history_names_a_visitor_and_utsyn(language, alpha, client):
    _log_as_visitor_and_system(alpha)
    client.force_login(alpha.administrator)
    shown_on = []
    for name, (_public, _arguments) in COVERAGE.items():
        response = client.get(_url(name, alpha), headers={"Accept-Language": language})
        assert response.status_code < 500, name
        context = response.context or {}
        if context.get("history"):
            page = response.content.decode()
            assert VISITOR[language] in page and SYSTEM[language] in page, name
            shown_on.append(name)
    # The pages of arenas, plan items, rounds, indicators, projects, activities and requests.
    assert len(shown_on) >= 7, shown_on
    log_page = client.get(_url("audit:log", alpha), headers={"Accept-Language": language})
    assert VISITOR[language] in log_page.content.decode()
    assert SYSTEM[language] in log_page.content.decode()


def test_the_downloads_of_the_history_name_them_too(alpha, client):
    _log_as_visitor_and_system(alpha)
    client.force_login(alpha.administrator)
    with translation.override("en"):
        for fmt in ("csv", "xlsx"):
            url = _url("audit:log_export", alpha).replace("csv", fmt)
            response = client.get(url, headers={"Accept-Language": "en"})
            assert response.status_code == 200
    csv_text = client.get(_url("audit:log_export", alpha), headers={"Accept-Language": "en"})
    assert VISITOR["en"] in csv_text.content.decode("utf-8-sig")
    assert SYSTEM["en"] in csv_text.content.decode("utf-8-sig")


def test_a_deletion_by_utsyn_shows_in_the_bin(alpha, client):
    delete_to_bin(alpha.others_arena, None)
    client.force_login(alpha.administrator)
    bin_page = client.get(_url("audit:bin", alpha), headers={"Accept-Language": "en"})
    assert SYSTEM["en"] in bin_page.content.decode()


def test_a_change_by_an_account_deleted_since_reads_as_a_former_user(alpha, client):
    log_action(LogEntry.Action.CHANGED, alpha.unpublished_arena, alpha.editor, {"name": ["A", "B"]})
    alpha.editor.delete()
    client.force_login(alpha.administrator)
    detail = client.get(_url("arenas:detail", alpha), headers={"Accept-Language": "en"})
    assert detail.status_code == 200
    assert "a former user" in detail.content.decode()
