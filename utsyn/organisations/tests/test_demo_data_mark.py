"""The "illustrative example" mark is shown only in an organisation that holds demo data.

A real municipality (the default) sees no such field on its forms, no such column in its lists
and downloads, no badge on its pages and no such line in its calendar feed or cost overview,
even for rows that are marked: they are its data like any other. A demo organisation
(`holds_demo_data`, set by the operator and by the demo loader) sees the mark everywhere.
"""

import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar

from utsyn.activities.models import Activity, Cost, DelegationRequest
from utsyn.core.listing import LIST_PAGES
from utsyn.core.tests.test_list_pages import ROW_BUILDERS, _url_names
from utsyn.followup.models import Round
from utsyn.indicators.models import Indicator
from utsyn.organisations.models import Organisation
from utsyn.projects.models import Project
from utsyn.reports.tests.helpers import closed_round
from utsyn.testing import csv_table, post_form, screen_table, xlsx_table

EN = {"Accept-Language": "en"}
MARKED_MODELS = [Round, Indicator, Project, Activity, Cost, DelegationRequest]
# The list pages that show the mark as a column in a demo organisation.
WITH_THE_COLUMN = {
    "activities.activities",
    "followup.rounds",
    "indicators.indicators",
    "projects.projects",
}


def _mark_everything(world):
    for model in MARKED_MODELS:
        model.objects.filter(organisation=world.organisation).update(is_illustrative=True)


def _hold_demo_data(world, holds=True):
    world.organisation.holds_demo_data = holds
    world.organisation.save()


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"organisation": world.slug, **kwargs})


def _get(client, url):
    response = client.get(url, headers=EN)
    assert response.status_code == 200, url
    return response


def _list_urls(key, world):
    names = _url_names()  # loads every app's URLs, and so its list pages
    list_page = LIST_PAGES[key]
    page = _url(names[list_page.page], world)
    downloads = [_url(list_page.download_url, world, fmt=fmt) for fmt in ("csv", "xlsx")]
    return page, downloads


# ------------------------------------------------------------------ lists and downloads


@pytest.mark.parametrize("key", sorted(ROW_BUILDERS))  # every list page (test_list_pages)
def test_no_list_of_a_real_organisation_shows_the_mark(key, alpha, login):
    _mark_everything(alpha)
    client = login(alpha.administrator)
    page, (csv_url, xlsx_url) = _list_urls(key, alpha)
    response = _get(client, page)
    assert "llustrative" not in response.content.decode()
    table = screen_table(response)
    assert csv_table(_get(client, csv_url)) == table
    assert xlsx_table(_get(client, xlsx_url))[0] == table[0]
    assert not any("llustrative" in cell for row in table for cell in row)


@pytest.mark.parametrize("key", sorted(WITH_THE_COLUMN))
def test_a_demo_organisations_lists_and_downloads_show_the_mark(key, alpha, login):
    _mark_everything(alpha)
    _hold_demo_data(alpha)
    client = login(alpha.administrator)
    page, (csv_url, xlsx_url) = _list_urls(key, alpha)
    table = screen_table(_get(client, page))
    assert "Illustrative" in table[0][-1]
    assert {row[-1] for row in table[1:]} <= {"Illustrative example", "Yes"}
    assert len(table) > 1
    assert csv_table(_get(client, csv_url)) == table
    assert [row[-1] for row in xlsx_table(_get(client, xlsx_url))] == [row[-1] for row in table]


def test_the_badge_columns_stay_badges_whichever_columns_a_list_has(alpha, login):
    _mark_everything(alpha)
    client = login(alpha.viewer)
    badge = '<span class="badge badge--muted">'
    for holds, expected in ((False, 0), (True, 1)):
        _hold_demo_data(alpha, holds)
        html = _get(client, _url("indicators:list", alpha)).content.decode()
        assert html.count(badge) == expected  # not the "Plan items" column instead
        html = _get(client, _url("followup:list", alpha)).content.decode()
        assert html.count(badge) == expected


# ------------------------------------------------------------------ pages


def _detail_pages(world):
    return [
        _url("projects:detail", world, pk=world.project.pk),
        _url("projects:plan", world, year=world.project.planned_application_year or 2026),
        _url("indicators:detail", world, pk=world.indicator.pk),
        _url("activities:detail", world, pk=world.activity.pk),
        _url("activities:request_list", world),
        _url("activities:request_detail", world, pk=world.delegation_request.pk),
        _url("activities:calendar", world) + "?month=2026-05",
        _url("followup:detail", world, pk=world.round.pk),
    ]


def test_a_real_organisations_pages_show_no_badge_and_a_demo_organisations_do(alpha, login):
    _mark_everything(alpha)
    client = login(alpha.administrator)
    for url in _detail_pages(alpha):
        assert "Illustrative example" not in _get(client, url).content.decode(), url
    _hold_demo_data(alpha)
    for url in _detail_pages(alpha):
        assert "Illustrative example" in _get(client, url).content.decode(), url


def test_the_calendar_feed_says_illustrative_only_in_a_demo_organisation(alpha, client):
    _mark_everything(alpha)

    def descriptions():
        response = client.get(_url("activities:feed", alpha), headers=EN)
        feed = Calendar.from_ical(response.content)
        return " ".join(str(event.get("description", "")) for event in feed.walk("VEVENT"))

    with translation.override(alpha.organisation.language):  # the feed's language
        mark = gettext("Illustrative example: invented demonstration data.")
    assert alpha.activity.purpose in descriptions()
    assert mark not in descriptions()
    _hold_demo_data(alpha)
    assert mark in descriptions()


def test_the_cost_overview_marks_invented_costs_only_in_a_demo_organisation(alpha, login):
    _mark_everything(alpha)
    client = login(alpha.viewer)
    page = _url("costs:overview", alpha, year=2026)
    download = _url("costs:export", alpha, year=2026, table="lines", fmt="csv")
    html = _get(client, page).content.decode()
    assert "illustrative" not in html.lower()
    lines = csv_table(_get(client, download))
    assert "Illustrative" not in lines[0]
    assert alpha.activity.title in {row[1] for row in lines[1:]}  # still counted

    _hold_demo_data(alpha)
    html = _get(client, page).content.decode()
    assert "Some of these figures are illustrative examples, not real costs." in html
    lines = csv_table(_get(client, download))
    assert lines[0][-1] == "Illustrative"
    assert {row[-1] for row in lines[1:] if row[1] == alpha.activity.title} == {"yes"}


# ------------------------------------------------------------------ forms


def _project_data(title):
    return {"title": title, "status": "idea", "currency": "NOK", "is_illustrative": "on"}


def test_a_real_organisations_project_form_has_no_illustrative_field(alpha, login):
    client = login(alpha.administrator)
    url = _url("projects:create", alpha)
    response = _get(client, url)
    assert "is_illustrative" not in response.context["form"].fields
    assert 'name="is_illustrative"' not in response.content.decode()
    # A crafted mark is not a field of the form: the project is saved as real.
    response = post_form(client, url, _project_data("Real project"), headers=EN)
    assert response.status_code == 302
    assert Project.objects.get(title="Real project").is_illustrative is False


def test_editing_a_marked_project_in_a_real_organisation_keeps_its_mark(alpha, login):
    Project.objects.filter(pk=alpha.project.pk).update(is_illustrative=True)
    client = login(alpha.administrator)
    url = _url("projects:edit", alpha, pk=alpha.project.pk)
    assert "is_illustrative" not in _get(client, url).context["form"].fields
    data = {**_project_data(alpha.project.title), "acronym": "NEW", "role": "partner"}
    data.pop("is_illustrative")
    response = post_form(client, url, data, headers=EN)
    assert response.status_code == 302, response.context["form"].errors
    alpha.project.refresh_from_db()
    assert (alpha.project.acronym, alpha.project.is_illustrative) == ("NEW", True)


def test_a_demo_organisations_project_form_marks_a_project_illustrative(alpha, login):
    _hold_demo_data(alpha)
    client = login(alpha.administrator)
    url = _url("projects:create", alpha)
    assert 'name="is_illustrative"' in _get(client, url).content.decode()
    response = post_form(client, url, _project_data("Invented project"), headers=EN)
    assert response.status_code == 302
    assert Project.objects.get(title="Invented project").is_illustrative is True


# ------------------------------------------------------------------ the operator's setting


def test_the_operator_turns_the_setting_on_and_off(municipality):
    out = io.StringIO()
    call_command("set_demo_data", "alpha", stdout=out)
    assert "does not hold demonstration data" in out.getvalue()
    call_command("set_demo_data", "alpha", "on", stdout=out)
    assert Organisation.objects.get(slug="alpha").holds_demo_data is True
    call_command("set_demo_data", "alpha", "off", stdout=out)
    assert Organisation.objects.get(slug="alpha").holds_demo_data is False


def test_the_setting_of_an_unknown_organisation_is_refused(municipality):
    with pytest.raises(CommandError, match="no organisation “nowhere”"):
        call_command("set_demo_data", "nowhere", "on")
    with pytest.raises(CommandError):
        call_command("set_demo_data", "alpha", "maybe")
    assert Organisation.objects.get(slug="alpha").holds_demo_data is False


def test_a_new_organisation_is_real_unless_the_operator_says_demo(db):
    call_command(
        "create_organisation", "real", "Real kommune", "--admin", "a", stdout=io.StringIO()
    )
    call_command(
        "create_organisation", "demo", "Demo", "--admin", "b", "--demo-data", stdout=io.StringIO()
    )
    assert Organisation.objects.get(slug="real").holds_demo_data is False
    assert Organisation.objects.get(slug="demo").holds_demo_data is True


def test_the_municipalitys_own_administrator_has_no_form_for_the_setting(alpha, login):
    # The organisation's own pages hold no form with the setting: only the operator's commands.
    client = login(alpha.administrator)
    for name in ("organisations:units", "organisations:people", "organisations:members"):
        assert "holds_demo_data" not in _get(client, _url(name, alpha)).content.decode()


def test_the_migration_keeps_the_mark_where_marked_rows_exist(alpha, beta):
    migration = importlib.import_module(
        "utsyn.organisations.migrations.0003_chief_executive_and_demo_data"
    )
    Indicator.objects.filter(pk=alpha.indicator.pk).update(is_illustrative=True)
    migration.keep_the_marks_that_exist(apps, None)
    alpha.organisation.refresh_from_db()
    beta.organisation.refresh_from_db()
    assert (alpha.organisation.holds_demo_data, beta.organisation.holds_demo_data) == (
        True,
        False,
    )


# ------------------------------------------------------------------ reports


def _annual_report(tmp_path, world, round_):
    target = tmp_path / "annual.html"
    call_command(
        "build_report",
        world.slug,
        "annual",
        "--format",
        "html",
        "--language",
        "en",
        "--round",
        str(round_.pk),
        "--output",
        str(target),
        stdout=io.StringIO(),
    )
    return target.read_text()


def test_the_yearly_report_calls_invented_data_so_only_in_a_demo_organisation(alpha, tmp_path):
    round_ = closed_round(alpha)
    Round.objects.filter(pk=round_.pk).update(is_illustrative=True)
    Indicator.objects.filter(pk=alpha.indicator.pk).update(is_illustrative=True)
    notes = [
        "The follow-up data in this report are illustrative",
        "Indicators marked illustrative hold invented figures.",
        f"{alpha.indicator.name} (illustrative)",
    ]
    report = _annual_report(tmp_path, alpha, round_)
    assert alpha.indicator.name in report
    assert not any(note in report for note in notes)
    _hold_demo_data(alpha)
    report = _annual_report(tmp_path, alpha, round_)
    assert all(note in report for note in notes)
