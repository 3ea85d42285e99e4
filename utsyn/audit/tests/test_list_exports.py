import datetime

import pytest
import time_machine
from django.urls import reverse

from utsyn.audit.models import LogEntry
from utsyn.audit.services import log_action
from utsyn.testing import csv_table, screen_table, xlsx_table

EN = {"Accept-Language": "en"}


def _url(name, world, **kwargs):
    return reverse(f"audit:{name}", kwargs={"organisation": world.slug, **kwargs})


def _page_and_downloads(client, world, page, export, **params):
    response = client.get(_url(page, world), params, headers=EN)
    assert response.status_code == 200
    shown = screen_table(response)
    html = response.content.decode()
    downloads = []
    for fmt, read in (("csv", csv_table), ("xlsx", xlsx_table)):
        url = _url(export, world, fmt=fmt)
        assert url in html
        downloads.append(read(client.get(url, headers=EN)))
    assert downloads[0] == downloads[1]
    return shown, downloads[0]


def test_the_history_downloads_as_shown(alpha, beta, login):
    arena = alpha.published_arena
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)):
        log_action(LogEntry.Action.CHANGED, arena, alpha.editor, {"name": ["Old", arena.name]})
        log_action(LogEntry.Action.CHANGED, arena, None, {"yearly_fee": [None, "100"]})
    shown, downloaded = _page_and_downloads(login(alpha.administrator), alpha, "log", "log_export")
    assert downloaded == shown
    assert shown[0] == ["When", "Who", "What", "Object", "Fields changed"]
    # In Oslo time. The world's deletion happened today, so look rows up rather than by place.
    assert ["2026-03-02 10:30", "alpha-editor", "changed", f"Arena: {arena.name}", "name"] in shown
    assert [
        "2026-03-02 10:30",
        "Utsyn, automatically",
        "changed",
        f"Arena: {arena.name}",
        "yearly fee",
    ] in shown
    deleted = [row[1:] for row in shown if row[2] == "deleted"]
    assert deleted == [
        ["alpha-administrator", "deleted", f"Arena: {alpha.bin_entry.object_repr}", ""]
    ]
    assert len(shown) == 1 + 3
    assert not any("Beta" in row[3] for row in shown)


def test_the_history_download_holds_every_page(alpha, login):
    for number in range(105):
        log_action(
            LogEntry.Action.CHANGED, alpha.published_arena, alpha.administrator, {"n": [0, number]}
        )
    client = login(alpha.administrator)
    page = client.get(_url("log", alpha))
    assert len(page.context["rows"]) == 100
    assert page.context["page"].paginator.count == 106
    assert len(csv_table(client.get(_url("log_export", alpha, fmt="csv")))) == 1 + 106


def test_the_bin_downloads_as_shown_and_forgets_what_was_restored(alpha, beta, login):
    client = login(alpha.administrator)
    shown, downloaded = _page_and_downloads(client, alpha, "bin", "bin_export")
    assert downloaded == shown
    assert shown[0] == ["Object", "Deleted", "By"]
    assert [row[0] for row in shown[1:]] == [f"Arena: {alpha.bin_entry.object_repr}"]
    assert shown[1][2] == "alpha-administrator"
    client.post(_url("restore", alpha, pk=alpha.bin_entry.pk))
    assert csv_table(client.get(_url("bin_export", alpha, fmt="csv"), headers=EN)) == [shown[0]]


@pytest.mark.parametrize("export", ["log_export", "bin_export"])
@pytest.mark.parametrize("user", ["editor", "viewer"])
def test_only_administrators_download_the_history_and_the_bin(alpha, login, export, user):
    client = login(getattr(alpha, user))
    page = export.removesuffix("_export")
    assert client.get(_url(page, alpha)).status_code == 403
    assert client.get(_url(export, alpha, fmt="csv")).status_code == 403


@pytest.mark.parametrize("export", ["log_export", "bin_export"])
def test_non_members_get_404_visitors_the_login_page_and_bad_formats_404(
    alpha, beta, client, login, export
):
    url = _url(export, alpha, fmt="xlsx")
    assert client.get(url).status_code == 302
    assert login(beta.administrator).get(url).status_code == 404
    assert login(alpha.administrator).get(_url(export, alpha, fmt="xls")).status_code == 404
