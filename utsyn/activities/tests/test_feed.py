import datetime

from icalendar import Calendar

from utsyn.activities.models import Activity

from .helpers import url


def _activity(world, **fields):
    values = {
        "organisation": world.organisation,
        "title": "Event",
        "kind": Activity.Kind.EVENT,
        "status": Activity.Status.PLANNED,
        "starts_on": datetime.date(2026, 10, 19),
        "ends_on": datetime.date(2026, 10, 25),
        "is_published": True,
        **fields,
    }
    return Activity.objects.create(**values)


def _feed(client, world, **params):
    response = client.get(url("feed", world), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _events(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_is_public_valid_and_holds_only_the_organisations_published_activities(
    alpha, beta, client
):
    week = _activity(
        alpha,
        title="International week",
        city="Bergen",
        country="NO",
        purpose="Around UN day.",
        counterpart_text="FN-sambandet",
    )
    _activity(alpha, title="Secret meeting", is_published=False)
    calendar = _feed(client, alpha)  # anonymous

    assert calendar["VERSION"] == "2.0"
    assert "Utsyn" in str(calendar["PRODID"])
    events = _events(calendar)
    assert set(events) == {
        f"activity-{alpha.activity.pk}@alpha.utsyn",
        f"activity-{week.pk}@alpha.utsyn",
    }
    titles = {str(event["SUMMARY"]) for event in events.values()}
    assert "Secret meeting" not in titles and beta.activity.title not in titles

    event = events[f"activity-{week.pk}@alpha.utsyn"]
    assert str(event["SUMMARY"]) == "International week"
    # All day: DATE values, the end exclusive (the day after the last day).
    assert event["DTSTART"].dt == datetime.date(2026, 10, 19)
    assert event["DTEND"].dt == datetime.date(2026, 10, 26)
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert str(event["LOCATION"]) == "Bergen, Norge"  # in the organisation's language
    assert "Around UN day." in str(event["DESCRIPTION"])
    assert "FN-sambandet" in str(event["DESCRIPTION"])
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert event["LAST-MODIFIED"].dt.replace(microsecond=0) == week.updated_at.replace(
        microsecond=0
    )
    # Internal fields never leave the house.
    assert "notes" not in client.get(url("feed", alpha)).content.decode().lower()


def test_timed_activities_are_in_utc_and_the_status_maps_to_the_calendars(alpha, client):
    timed = _activity(
        alpha,
        title="Lighting of the tree",
        starts_on=datetime.date(2026, 11, 26),
        ends_on=datetime.date(2026, 11, 26),
        start_time=datetime.time(17, 30),
        end_time=datetime.time(19, 0),
    )
    cancelled = _activity(alpha, title="Cancelled", status=Activity.Status.CANCELLED)
    requested = _activity(alpha, title="Requested", status=Activity.Status.REQUESTED)
    events = _events(_feed(client, alpha))

    event = events[f"activity-{timed.pk}@alpha.utsyn"]
    # 17:30 in Oslo in November (CET, UTC+1) is 16:30 UTC.
    assert event["DTSTART"].dt == datetime.datetime(2026, 11, 26, 16, 30, tzinfo=datetime.UTC)
    assert event["DTEND"].dt == datetime.datetime(2026, 11, 26, 18, 0, tzinfo=datetime.UTC)
    assert str(events[f"activity-{cancelled.pk}@alpha.utsyn"]["STATUS"]) == "CANCELLED"
    assert str(events[f"activity-{requested.pk}@alpha.utsyn"]["STATUS"]) == "TENTATIVE"


def test_the_uid_is_stable_and_the_feed_does_not_change_by_itself(alpha, client):
    first = client.get(url("feed", alpha)).content
    assert client.get(url("feed", alpha)).content == first


def test_another_organisations_feed_holds_its_own(alpha, beta, client):
    events = _events(_feed(client, beta))
    assert set(events) == {f"activity-{beta.activity.pk}@beta.utsyn"}


def test_the_feed_of_an_unknown_organisation_is_not_found(client, db):
    assert client.get("/nowhere/calendar.ics").status_code == 404


def test_the_feed_speaks_the_organisations_language_or_the_one_asked_for(alpha, client):
    norwegian = _events(_feed(client, alpha))[f"activity-{alpha.activity.pk}@alpha.utsyn"]
    english = _events(_feed(client, alpha, language="en"))[
        f"activity-{alpha.activity.pk}@alpha.utsyn"
    ]
    assert "Study visit" in str(english["DESCRIPTION"])
    assert "Sweden" in str(english["LOCATION"])
    assert "Sverige" in str(norwegian["LOCATION"])


def test_an_end_date_at_the_edge_of_the_calendar_is_refused_and_the_feed_keeps_working(
    alpha, client, login
):
    from .helpers import post

    admin = login(alpha.administrator)
    data = {
        "title": "Study visit to Aarhus",
        "kind": "study_visit",
        "status": "planned",
        "starts_on": "2026-03-02",
        "ends_on": "9999-12-31",
        "is_published": "on",
    }
    response = post(admin, url("create", alpha), data)
    assert response.status_code == 400
    assert response.context["form"].errors["ends_on"] == ["Enter a date between 1900 and 2100."]
    assert not Activity.objects.filter(title="Study visit to Aarhus").exists()
    client.logout()
    assert _feed(client, alpha)  # still answers, for everyone


def test_the_latest_date_the_models_accept_is_written_correctly(alpha, client):
    last = _activity(
        alpha, starts_on=datetime.date(2100, 12, 30), ends_on=datetime.date(2100, 12, 31)
    )
    event = _events(_feed(client, alpha))[f"activity-{last.pk}@alpha.utsyn"]
    # All-day events end on the day after (RFC 5545): the first day of 2101.
    assert event.decoded("DTEND") == datetime.date(2101, 1, 1)
