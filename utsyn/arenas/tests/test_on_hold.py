"""The status "on hold", with its date and reason, beside proposed, active, ending and ended:
entered on the form, shown on the arena's page and in its history, and counted apart in the
register's filter, the dashboard and the review."""

import pytest
from django.urls import reverse

from utsyn.arenas.models import Arena
from utsyn.audit.models import LogEntry
from utsyn.testing import ArenaFactory, post_form

EN = {"Accept-Language": "en"}
REASON = "Put on hold until the situation allows."


def _edit_url(municipality, arena):
    return reverse("arenas:edit", kwargs={"organisation": municipality.slug, "pk": arena.pk})


def _twin_city_data(twin_city, **changes):
    return {
        "name": twin_city.name,
        "kind": "twin_city",
        "status": "active",
        "city": "Göteborg",
        "country": "SE",
        "responsible": twin_city.responsible_id,
        **changes,
    }


def test_an_editor_puts_a_twin_city_on_hold_with_date_and_reason(municipality, twin_city, login):
    client = login(municipality.editor)
    data = _twin_city_data(
        twin_city, status="on_hold", status_date="2024-03-01", status_reason=REASON
    )
    response = post_form(client, _edit_url(municipality, twin_city), data, headers=EN)
    assert response.status_code == 302
    twin_city.refresh_from_db()
    assert (twin_city.status, str(twin_city.status_date)) == ("on_hold", "2024-03-01")
    assert twin_city.status_reason == REASON
    page = client.get(response["Location"], headers=EN)
    html = page.content.decode()
    assert '<span class="badge">On hold</span>' in html
    assert REASON in html
    # The history names the new status as a status of its own.
    entry = LogEntry.objects.get(object_id=twin_city.pk, action="changed")
    assert entry.changes["status"] == ["Active", "On hold"]
    assert "On hold" in html.split('id="history-heading"')[1]


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"status_date": "2024-03-01"}, "status_reason", "Give the reason the arena is on hold."),
        ({"status_reason": REASON}, "status_date", "Give the date the arena was put on hold."),
        ({"status_reason": "   ", "status_date": "2024-03-01"}, "status_reason", "the reason"),
    ],
)
def test_on_hold_without_a_date_or_reason_is_refused_and_nothing_is_saved(
    changes, field, message, municipality, twin_city, login
):
    before = LogEntry.objects.count()
    data = _twin_city_data(twin_city, status="on_hold", **changes)
    response = post_form(
        login(municipality.administrator), _edit_url(municipality, twin_city), data, headers=EN
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    twin_city.refresh_from_db()
    assert twin_city.status == "active"
    assert LogEntry.objects.count() == before


def _on_hold(municipality, name):
    return ArenaFactory(
        organisation=municipality.organisation,
        name=name,
        kind=Arena.Kind.TWIN_CITY,
        status=Arena.Status.ON_HOLD,
        status_date="2024-03-01",
        status_reason=REASON,
    )


def test_the_register_filters_on_hold_apart_from_active_and_ending(municipality, arena, login):
    held = _on_hold(municipality, "Held city")
    ArenaFactory(organisation=municipality.organisation, name="Ending", status="ending")
    client = login(municipality.viewer)
    url = reverse("arenas:list", kwargs={"organisation": municipality.slug})

    def names(status):
        response = client.get(url, {"status": status}, headers=EN)
        return {row_arena.name for row_arena, _cells in response.context["rows"]}

    assert names("on_hold") == {held.name}
    assert names("active") == {arena.name}
    assert names("ending") == {"Ending"}
    listing = client.get(url, headers=EN)
    row = next(cells for row_arena, cells in listing.context["rows"] if row_arena == held)
    assert "On hold" in row
    assert '<option value="on_hold">On hold</option>' in listing.content.decode()


def test_the_dashboard_counts_on_hold_as_its_own_status(municipality, arena, login):
    _on_hold(municipality, "Held city")
    _on_hold(municipality, "Another held city")
    response = login(municipality.viewer).get(
        reverse("overview:dashboard", kwargs={"organisation": municipality.slug}), headers=EN
    )
    counts = {label: count for _status, label, count in response.context["by_status"]}
    assert counts == {"Proposed": 0, "Active": 1, "On hold": 2, "Ending": 0, "Ended": 0}
    assert response.context["total"] == 3
    list_url = reverse("arenas:list", kwargs={"organisation": municipality.slug})
    assert f'href="{list_url}?status=on_hold">On hold</a>' in response.content.decode()


def test_the_arena_review_counts_on_hold_apart_and_gives_the_reason(municipality, arena, login):
    _on_hold(municipality, "Held city")
    response = login(municipality.viewer).get(
        reverse(
            "reports:show", kwargs={"organisation": municipality.slug, "report": "arena-review"}
        ),
        {"language": "en"},
        headers=EN,
    )
    assert response.status_code == 200
    document = response.context["document"]
    by_status = next(table for table in document.tables() if table.caption == "Arenas by status")
    assert by_status.rows == [
        ["Proposed", 0],
        ["Active", 1],
        ["On hold", 1],
        ["Ending", 0],
        ["Ended", 0],
    ]
    summary = document.primary_table
    held_row = next(row for row in summary.rows if row[0] == "Held city")
    assert held_row[summary.columns.index("Status")] == "On hold"
    html = response.content.decode()
    assert "<dt>Status</dt><dd>On hold since March 1, 2024</dd>" in html
    assert f"<dt>Reason for the status</dt><dd>{REASON}</dd>" in html


def test_the_reason_goes_with_its_status_when_the_arena_becomes_active_again(
    municipality, twin_city, login
):
    Arena.objects.filter(pk=twin_city.pk).update(
        status="on_hold", status_date="2024-03-01", status_reason=REASON
    )
    client = login(municipality.administrator)
    data = _twin_city_data(twin_city, status="active", status_date="2025-01-15")
    data["status_reason"] = REASON  # as the form showed it
    response = post_form(client, _edit_url(municipality, twin_city), data, headers=EN)
    assert response.status_code == 302
    twin_city.refresh_from_db()
    assert (twin_city.status, twin_city.status_reason) == ("active", "")
    assert (
        REASON
        not in client.get(response["Location"], headers=EN)
        .content.decode()
        .split('id="history-heading"')[0]
    )
    # A new reason given with the new status is kept.
    data = _twin_city_data(twin_city, status="ending", status_reason="The council ends it.")
    assert post_form(client, _edit_url(municipality, twin_city), data).status_code == 302
    twin_city.refresh_from_db()
    assert twin_city.status_reason == "The council ends it."
