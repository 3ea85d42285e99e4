import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from utsyn.activities.models import Activity, Cost, Participant
from utsyn.activities.testing import many_activities
from utsyn.audit.models import LogEntry
from utsyn.testing import csv_table, screen_table, xlsx_table

from .helpers import get, post, url

VALID = {
    "title": "Study visit to Aarhus",
    "kind": "study_visit",
    "status": "planned",
    "starts_on": "2026-03-02",
    "ends_on": "2026-03-04",
    "city": "Aarhus",
    "country": "DK",
}


def _activity(world, **fields):
    values = {
        "organisation": world.organisation,
        "title": "Conference",
        "kind": Activity.Kind.CONFERENCE,
        "status": Activity.Status.PLANNED,
        "starts_on": datetime.date(2026, 3, 10),
        "ends_on": datetime.date(2026, 3, 10),
        **fields,
    }
    return Activity.objects.create(**values)


# ---------------------------------------------------------------------------------- the model


def test_an_end_before_the_start_is_refused_with_a_clear_message(municipality):
    # The messages are read in English: they are translated when read.
    with translation.override("en"):
        activity = Activity(
            organisation=municipality.organisation,
            title="Backwards",
            kind="event",
            status="planned",
            starts_on=datetime.date(2026, 5, 2),
            ends_on=datetime.date(2026, 5, 1),
        )
        with pytest.raises(ValidationError) as error:
            activity.full_clean()
        assert error.value.message_dict["ends_on"] == [
            "The end date cannot be before the start date."
        ]

        activity.ends_on = activity.starts_on
        activity.start_time, activity.end_time = datetime.time(14), datetime.time(9)
        with pytest.raises(ValidationError) as error:
            activity.full_clean()
        assert error.value.message_dict["end_time"] == [
            "The end time cannot be before the start time."
        ]

        activity.end_time = None
        with pytest.raises(ValidationError) as error:
            activity.full_clean()
        assert error.value.message_dict["end_time"] == ["Give both times, or neither."]


def test_the_responsible_unit_decides_who_may_change_it(alpha):
    assert alpha.activity.responsible_unit_ids() == [alpha.agency.pk]
    assert _activity(alpha).responsible_unit_ids() == []


# ---------------------------------------------------------------------------------- list


def test_the_list_shows_the_organisations_activities_and_downloads_the_same_columns(
    alpha, beta, login
):
    client = login(alpha.viewer)
    response = get(client, url("list", alpha))
    assert response.status_code == 200
    table = screen_table(response)
    assert table[0] == [
        "Title",
        "Kind",
        "Start",
        "End",
        "Place",
        "Counterpart",
        "Status",
        "Responsible unit",
        "Participants",
    ]
    assert [row[0] for row in table[1:]] == [alpha.activity.title]
    assert table[1][4] == "Göteborg, Sweden"
    assert table[1][5] == alpha.published_arena.name
    assert table[1][8] == "1"
    assert beta.activity.title not in response.content.decode()
    assert "New activity" not in response.content.decode()  # viewers read only

    assert csv_table(get(client, url("export", alpha, fmt="csv"))) == table
    assert xlsx_table(get(client, url("export", alpha, fmt="xlsx")))[0] == table[0]
    assert get(client, url("export", alpha, fmt="pdf")).status_code == 404


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"kind": "event"}, {"Tree lighting"}),
        ({"status": "cancelled"}, {"Cancelled trip"}),
        ({"year": "2025"}, {"Cancelled trip"}),
        ({"q": "lighting"}, {"Tree lighting"}),
    ],
)
def test_the_list_filters(params, expected, alpha, login):
    _activity(
        alpha,
        title="Tree lighting",
        kind="event",
        starts_on=datetime.date(2026, 11, 28),
        ends_on=datetime.date(2026, 11, 28),
    )
    _activity(
        alpha,
        title="Cancelled trip",
        kind="official_trip",
        status="cancelled",
        starts_on=datetime.date(2025, 1, 8),
        ends_on=datetime.date(2025, 1, 9),
    )
    response = get(login(alpha.viewer), url("list", alpha), **params)
    assert {activity.title for activity, _cells in response.context["rows"]} == expected


def test_the_list_filters_by_unit_and_refuses_another_organisations_unit(alpha, beta, login):
    client = login(alpha.viewer)
    _activity(alpha, title="Council trip", responsible_unit=alpha.council)
    response = get(client, url("list", alpha), unit=alpha.council.pk)
    assert [activity.title for activity, _cells in response.context["rows"]] == ["Council trip"]
    response = get(client, url("list", alpha), unit=beta.council.pk)
    assert "unit" in response.context["filter"].errors


def _count(client, address, **params):
    with CaptureQueriesContext(connection) as queries:
        response = get(client, address, **params)
        assert response.status_code == 200
    return len(queries)


def test_the_calendar_runs_as_many_queries_for_500_activities_as_for_10(alpha, login):
    # The list and its downloads are counted with every list page (core test_list_pages).
    client = login(alpha.viewer)
    many_activities(alpha, 10, datetime.date(2026, 2, 1))
    with_ten = _count(client, url("calendar", alpha), month="2026-02")
    many_activities(alpha, 490, datetime.date(2026, 2, 1))
    assert _count(client, url("calendar", alpha), month="2026-02") == with_ten
    # session, user, organisation, membership; the activities, their participants
    assert with_ten <= 6


# ---------------------------------------------------------------------------------- calendar


def test_the_calendar_lists_a_month_by_day_with_links_to_the_next_and_previous(alpha, login):
    _activity(
        alpha,
        title="Long conference",
        starts_on=datetime.date(2026, 4, 29),
        ends_on=datetime.date(2026, 5, 2),
    )
    _activity(
        alpha,
        title="May event",
        starts_on=datetime.date(2026, 5, 20),
        ends_on=datetime.date(2026, 5, 20),
        start_time=datetime.time(18),
        end_time=datetime.time(20),
    )
    _activity(
        alpha,
        title="June event",
        starts_on=datetime.date(2026, 6, 1),
        ends_on=datetime.date(2026, 6, 1),
    )
    response = get(login(alpha.viewer), url("calendar", alpha), month="2026-05")
    assert response.status_code == 200
    days = [(day, [a.title for a in activities]) for day, activities in response.context["days"]]
    assert days == [
        (datetime.date(2026, 5, 1), ["Long conference"]),  # began in April, still going
        (datetime.date(2026, 5, 12), [alpha.activity.title]),
        (datetime.date(2026, 5, 20), ["May event"]),
    ]
    html = response.content.decode()
    assert "Calendar: May 2026" in html
    assert "?month=2026-04" in html and "?month=2026-06" in html
    assert '<h2 id="day-2026-05-20"><time datetime="2026-05-20">Wednesday' in html
    assert "18:00" in html and "20:00" in html
    assert "June event" not in html
    assert url("feed", alpha) in html


def test_the_calendar_survives_odd_months(alpha, login):
    client = login(alpha.viewer)
    for month in ("nonsense", "2026-13", "0000-01", "99999-01"):
        assert get(client, url("calendar", alpha), month=month).status_code == 200
    december = get(client, url("calendar", alpha), month="2026-12")
    assert "?month=2027-01" in december.content.decode()


# ---------------------------------------------------------------------------------- forms


def test_an_editor_creates_an_activity_for_a_unit_of_theirs_and_it_is_logged(alpha, login):
    client = login(alpha.editor)
    form = get(client, url("create", alpha)).context["form"]
    # The editor is attached to the member of the executive and so covers the agency below it.
    assert set(form.fields["responsible_unit"].queryset) == {
        alpha.member_of_executive,
        alpha.agency,
    }
    data = {**VALID, "responsible_unit": alpha.agency.pk, "plan_items": [alpha.item.pk]}
    response = post(client, url("create", alpha), data)
    activity = Activity.objects.get(organisation=alpha.organisation, title=VALID["title"])
    assert response.status_code == 302
    assert response["Location"] == url("detail", alpha, pk=activity.pk)
    assert list(activity.plan_items.all()) == [alpha.item]
    entry = LogEntry.objects.get(
        object_id=activity.pk, action="created", content_type__model="activity"
    )
    assert entry.user == alpha.editor
    assert entry.changes["title"] == [None, VALID["title"]]


def test_an_editor_cannot_give_an_activity_to_another_unit(alpha, login):
    response = post(
        login(alpha.editor),
        url("create", alpha),
        {**VALID, "responsible_unit": alpha.other_agency.pk},
    )
    assert response.status_code == 400
    assert "responsible_unit" in response.context["form"].errors
    response = post(login(alpha.editor), url("create", alpha), VALID)
    assert "responsible_unit" in response.context["form"].errors  # required for editors


def test_the_form_refuses_an_end_before_the_start(alpha, login):
    data = {**VALID, "ends_on": "2026-03-01"}
    response = post(login(alpha.administrator), url("create", alpha), data)
    assert response.status_code == 400
    assert response.context["form"].errors["ends_on"] == [
        "The end date cannot be before the start date."
    ]


def test_the_form_refuses_another_organisations_arena_and_items(alpha, beta, login):
    data = {
        **VALID,
        "counterpart_arena": beta.published_arena.pk,
        "plan_items": [beta.item.pk],
    }
    response = post(login(alpha.administrator), url("create", alpha), data)
    assert response.status_code == 400
    assert {"counterpart_arena", "plan_items"} <= set(response.context["form"].errors)


def test_an_edit_records_what_changed_and_the_page_shows_the_history(alpha, login):
    client = login(alpha.editor)
    activity = alpha.activity
    data = {
        **VALID,
        "title": activity.title,
        "starts_on": "2026-05-12",
        "ends_on": "2026-05-13",
        "status": "held",
        "report": "We learnt a lot.",
        "responsible_unit": alpha.agency.pk,
    }
    assert post(client, url("edit", alpha, pk=activity.pk), data).status_code == 302
    entry = LogEntry.objects.get(
        object_id=activity.pk, action="changed", content_type__model="activity"
    )
    assert entry.changes["status"] == ["Planned", "Held"]
    page = get(client, url("detail", alpha, pk=activity.pk))
    html = page.content.decode()
    assert "We learnt a lot." in html
    assert "History" in html and "Held" in html


def test_permissions(alpha, beta, login):
    activity = alpha.activity
    viewer = login(alpha.viewer)
    assert get(viewer, url("detail", alpha, pk=activity.pk)).status_code == 200
    for name in ("edit", "delete"):
        assert get(viewer, url(name, alpha, pk=activity.pk)).status_code == 403
    assert get(viewer, url("create", alpha)).status_code == 403
    assert get(viewer, url("participant_create", alpha, activity_pk=activity.pk)).status_code == 403
    assert get(viewer, url("cost_create", alpha, activity_pk=activity.pk)).status_code == 403

    editor = login(alpha.editor)
    assert get(editor, url("edit", alpha, pk=activity.pk)).status_code == 200
    assert get(editor, url("delete", alpha, pk=activity.pk)).status_code == 403  # admins only
    others = _activity(alpha, title="Other unit's", responsible_unit=alpha.other_agency)
    assert get(editor, url("edit", alpha, pk=others.pk)).status_code == 403
    assert get(editor, url("cost_create", alpha, activity_pk=others.pk)).status_code == 403
    unowned = _activity(alpha, title="Nobody's")
    assert get(editor, url("edit", alpha, pk=unowned.pk)).status_code == 403

    # Another organisation's activity does not exist for Alpha's administrator.
    admin = login(alpha.administrator)
    assert get(admin, url("detail", alpha, pk=beta.activity.pk)).status_code == 404
    assert get(admin, url("detail", beta, pk=beta.activity.pk)).status_code == 404


def test_delete_moves_the_activity_with_its_participants_and_costs_to_the_bin(alpha, login):
    client = login(alpha.administrator)
    activity = alpha.activity
    assert get(client, url("delete", alpha, pk=activity.pk)).status_code == 200
    response = post(client, url("delete", alpha, pk=activity.pk), {})
    assert response["Location"] == url("list", alpha)
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert not Participant.objects.filter(activity=activity.pk).exists()
    entry = LogEntry.objects.get(
        object_id=activity.pk, action="deleted", content_type__model="activity"
    )
    models = {row["model"] for row in entry.snapshot["rows"]}
    assert {"activities.activity", "activities.participant", "activities.cost"} <= models


# ---------------------------------------------------------------------------------- parts


def test_participants_are_added_edited_and_removed(alpha, login):
    client = login(alpha.editor)
    activity = alpha.activity
    create = url("participant_create", alpha, activity_pk=activity.pk)
    # A contact person's name is taken when no name is given.
    response = post(client, create, {"person": alpha.person.pk, "kind": "staff", "role": "Adviser"})
    assert response.status_code == 302
    assert activity.participants.filter(name=alpha.person.name).count() == 2
    response = post(client, create, {"kind": "politician"})
    assert response.status_code == 400
    assert "name" in response.context["form"].errors
    assert post(client, create, {"name": "The Mayor", "kind": "politician"}).status_code == 302
    mayor = activity.participants.get(name="The Mayor")

    edit = url("participant_edit", alpha, activity_pk=activity.pk, pk=mayor.pk)
    assert (
        post(client, edit, {"name": "The Mayor", "role": "Mayor", "kind": "politician"}).status_code
        == 302
    )
    mayor.refresh_from_db()
    assert mayor.role == "Mayor"
    entry = LogEntry.objects.get(
        object_id=mayor.pk, action="changed", content_type__model="participant"
    )
    assert entry.subject_id == activity.pk  # shown in the activity's history

    delete = url("participant_delete", alpha, activity_pk=activity.pk, pk=mayor.pk)
    assert post(client, delete, {}).status_code == 302
    assert not Participant.objects.filter(pk=mayor.pk).exists()


def test_a_participant_of_another_activity_is_not_found(alpha, login):
    other = _activity(alpha, responsible_unit=alpha.agency)
    address = url("participant_edit", alpha, activity_pk=other.pk, pk=alpha.participant.pk)
    assert get(login(alpha.administrator), address).status_code == 404


def test_costs_default_to_the_year_the_activity_starts_and_cannot_be_negative(alpha, login):
    client = login(alpha.editor)
    activity = alpha.activity
    create = url("cost_create", alpha, activity_pk=activity.pk)
    form = get(client, create).context["form"]
    assert form.initial["year"] == 2026
    data = {"category": "accommodation", "amount": "1250.50", "currency": "EUR", "year": ""}
    assert post(client, create, data).status_code == 302
    cost = activity.costs.get(category="accommodation")
    assert (cost.year, cost.amount, cost.currency) == (2026, Decimal("1250.50"), "EUR")

    response = post(client, create, {**data, "amount": "-1"})
    assert response.status_code == 400
    assert "amount" in response.context["form"].errors
    response = post(client, create, {**data, "currency": "XYZ"})
    assert "currency" in response.context["form"].errors

    edit = url("cost_edit", alpha, activity_pk=activity.pk, pk=cost.pk)
    assert post(client, edit, {**data, "year": "2027"}).status_code == 302
    cost.refresh_from_db()
    assert cost.year == 2027

    page = get(client, url("detail", alpha, pk=activity.pk))
    assert ("EUR", Decimal("1250.50")) in [(c, t) for c, t in page.context["totals"]]
    assert (
        post(client, url("cost_delete", alpha, activity_pk=activity.pk, pk=cost.pk), {}).status_code
        == 302
    )
    assert not Cost.objects.filter(pk=cost.pk).exists()
