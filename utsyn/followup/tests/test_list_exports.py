import pytest
from django.urls import reverse

from utsyn.testing import csv_table, open_round, screen_table, xlsx_table

EN = {"Accept-Language": "en"}


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"organisation": world.slug, **kwargs})


def _get(client, url, **params):
    return client.get(url, params, headers=EN)


def _both_downloads(client, name, world, **kwargs):
    params = kwargs.pop("params", {})
    csv_rows = csv_table(_get(client, _url(name, world, fmt="csv", **kwargs), **params))
    xlsx_rows = xlsx_table(_get(client, _url(name, world, fmt="xlsx", **kwargs), **params))
    assert csv_rows == xlsx_rows
    return csv_rows


# ---------------------------------------------------------------------------- list of rounds


def test_the_round_list_and_its_downloads_show_the_same_table(alpha, beta, login):
    alpha.update.state = "submitted"
    alpha.update.save()
    open_round(alpha.organisation, name="Tertial 1/2027: example", is_illustrative=True)
    alpha.organisation.holds_demo_data = True  # the mark is shown only with demo data
    alpha.organisation.save()
    client = login(alpha.viewer)
    page = _get(client, _url("followup:list", alpha))
    shown = screen_table(page)
    assert shown[0] == [
        "Round",
        "Period",
        "Due date",
        "Status",
        "Tasks",
        "Done",
        "Done (%)",
        "Illustrative",
    ]
    assert shown[1:] == [
        [
            "Tertial 1/2027: example",
            "2026-01-01 – 2026-12-31",
            "2027-01-31",
            "Open",
            "0",
            "0",
            "0",
            "Illustrative example",
        ],
        [alpha.round.name, "2026-01-01 – 2026-12-31", "2027-01-31", "Open", "3", "1", "33", ""],
    ]
    html = page.content.decode()
    assert '<span class="badge badge--muted">Illustrative example</span>' in html
    assert _url("followup:list_export", alpha, fmt="xlsx") in html
    # The round's name holds "/" and ":", which a worksheet name may not: it still downloads.
    assert _both_downloads(client, "followup:list_export", alpha) == shown
    assert beta.round.name not in {row[0] for row in shown}


# ------------------------------------------------------------- completeness on the round page


def test_the_completeness_table_downloads_as_shown(alpha, login):
    alpha.update.state = "submitted"
    alpha.update.save()
    client = login(alpha.viewer)
    page = _get(client, _url("followup:detail", alpha, pk=alpha.round.pk))
    shown = screen_table(page, "completeness_columns", "completeness_rows")
    header = ["Unit", "Tasks", "To do", "Draft", "Returned", "Submitted", "Approved", "Done (%)"]
    assert shown == [
        header,
        [alpha.agency.name, "2", "1", "0", "0", "1", "0", "50"],
        [alpha.other_agency.name, "1", "1", "0", "0", "0", "0", "0"],
    ]
    assert _url("followup:completeness_export", alpha, pk=alpha.round.pk, fmt="csv") in (
        page.content.decode()
    )
    assert _both_downloads(client, "followup:completeness_export", alpha, pk=alpha.round.pk) == (
        shown
    )


def test_tasks_without_a_unit_are_the_coordinators_row(alpha, login):
    alpha.others_update.unit = None
    alpha.others_update.save()
    rows = _both_downloads(
        login(alpha.viewer), "followup:completeness_export", alpha, pk=alpha.round.pk
    )
    assert rows[-1][:2] == ["No responsible unit (the coordinator)", "1"]


# ---------------------------------------------------------------------------- the to-do list

UPDATE_HEADER = ["Item", "Plan", "Unit", "State", "Status", "Progress (%)"]
REVIEW_HEADER = ["Arena", "Unit", "State", "Recommendation"]


def _todo_tables(client, world, **params):
    page = _get(client, _url("followup:todo", world, pk=world.round.pk), **params)
    assert page.status_code == 200
    shown = {
        "updates": screen_table(page, "update_columns", "update_rows"),
        "reviews": screen_table(page, "review_columns", "review_rows"),
    }
    for table, rows in shown.items():
        downloaded = _both_downloads(
            client, "followup:todo_export", world, pk=world.round.pk, table=table, params=params
        )
        assert downloaded == rows, table
    return page, shown


def test_an_editor_downloads_his_units_tasks_as_the_page_shows_them(alpha, login):
    alpha.update.progress, alpha.update.status = 40, "on_track"
    alpha.update.save()
    page, shown = _todo_tables(login(alpha.editor), alpha)
    assert shown["updates"] == [
        UPDATE_HEADER,
        [
            f"Measure 1: {alpha.item.title}",
            alpha.plan.title,
            alpha.agency.name,
            "To do",
            "On track",
            "40",
        ],
    ]
    assert shown["reviews"] == [
        REVIEW_HEADER,
        [alpha.unpublished_arena.name, alpha.agency.name, "To do", ""],
    ]
    html = page.content.decode()
    assert '<span class="badge state state--to_do">To do</span>' in html
    url = _url("followup:todo_export", alpha, pk=alpha.round.pk, table="updates", fmt="csv")
    assert url in html


@pytest.mark.parametrize(
    "user, unit, expected",
    [
        ("administrator", None, ["Measure 1", "Measure 2"]),
        ("viewer", None, ["Measure 1", "Measure 2"]),
        ("editor", "other_agency", ["Measure 2"]),
        ("viewer", "agency", ["Measure 1"]),
        ("administrator", "none", []),
    ],
)
def test_the_downloads_follow_the_chosen_unit(alpha, login, user, unit, expected):
    params = {}
    if unit == "none":
        params["unit"] = "none"
    elif unit:
        params["unit"] = getattr(alpha, unit).pk
    _page, shown = _todo_tables(login(getattr(alpha, user)), alpha, **params)
    assert [row[0].split(":")[0] for row in shown["updates"][1:]] == expected
    if params:
        html = _page.content.decode()
        assert f"updates.csv?unit={params['unit']}" in html


def test_another_organisations_unit_or_table_names_are_not_found(alpha, beta, login):
    client = login(alpha.administrator)
    url = _url("followup:todo_export", alpha, pk=alpha.round.pk, table="updates", fmt="csv")
    assert _get(client, url, unit=beta.agency.pk).status_code == 404
    assert _get(client, url, unit="x").status_code == 404
    bad_table = _url("followup:todo_export", alpha, pk=alpha.round.pk, table="notes", fmt="csv")
    assert _get(client, bad_table).status_code == 404


# --------------------------------------------------------------------------- for everything

EXPORTS = [
    ("followup:list_export", {}),
    ("followup:completeness_export", {"pk": "round"}),
    ("followup:todo_export", {"pk": "round", "table": "reviews"}),
]


def _export_url(name, kwargs, world, fmt):
    filled = {key: world.round.pk if value == "round" else value for key, value in kwargs.items()}
    return _url(name, world, fmt=fmt, **filled)


@pytest.mark.parametrize("name, kwargs", EXPORTS)
def test_members_download_others_get_404_and_a_bad_format_too(
    alpha, beta, client, login, name, kwargs
):
    url = _export_url(name, kwargs, alpha, "csv")
    assert client.get(url).status_code == 302
    assert login(beta.administrator).get(url).status_code == 404
    for user in (alpha.viewer, alpha.editor, alpha.administrator):
        assert login(user).get(url).status_code == 200
    assert login(alpha.viewer).get(_export_url(name, kwargs, alpha, "json")).status_code == 404


@pytest.mark.parametrize("name, kwargs", EXPORTS[1:])
def test_another_organisations_round_is_not_found(alpha, beta, login, name, kwargs):
    url = _export_url(name, kwargs, beta, "csv").replace(f"/{beta.slug}/", f"/{alpha.slug}/")
    assert login(alpha.administrator).get(url).status_code == 404
