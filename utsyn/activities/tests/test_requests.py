import datetime
import re
import threading
import uuid
from urllib.parse import urlsplit

import pytest
import time_machine
from django.db import connection, connections
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from utsyn.activities.models import Activity, DelegationRequest, ProgrammeItem
from utsyn.activities.services import RATE_LIMIT
from utsyn.audit.models import LogEntry

from .helpers import get, in_days, post, url


def _valid(**changes):
    return {
        "delegation_name": "Kiel city council",
        "country": "DE",
        "contact_name": "Anna Beispiel",
        "email": "anna@example.org",
        "phone": "+49 431 000",
        "preferred_from": in_days(40).isoformat(),
        "preferred_to": in_days(41).isoformat(),
        "group_size": "12",
        "interests": "The ocean economy and climate adaptation.",
        **changes,
    }


def _token(response):
    return str(response.context["form"].initial["submission_token"])


def _send(client, world, language=None, **changes):
    """Shows the public form and sends it, as a browser does."""
    address = url("request_visit", world) + (f"?language={language}" if language else "")
    form = client.get(address)
    assert form.status_code == 200
    return client.post(address, {"submission_token": _token(form), **_valid(**changes)})


def _requests(world):
    return DelegationRequest.objects.filter(organisation=world.organisation).exclude(
        pk=world.delegation_request.pk
    )


# ---------------------------------------------------------------------------------- end to end


def test_a_request_in_english_is_triaged_accepted_and_gets_a_programme(alpha, client, mailoutbox):
    # 1. A foreign delegation fills in the public form in English; no login.
    response = _send(client, alpha, language="en")
    assert response.status_code == 302
    assert response["Location"] == url("request_thanks", alpha) + "?language=en"
    thanks = client.get(response["Location"])
    assert "Thank you for your request" in thanks.content.decode()
    delegation_request = _requests(alpha).get()
    assert (delegation_request.language, delegation_request.status) == ("en", "new")
    assert delegation_request.group_size == 12
    created = LogEntry.objects.get(
        object_id=delegation_request.pk, content_type__model="delegationrequest"
    )
    assert (created.action, created.user) == ("created", None)

    # 2. The coordinator finds it in the list of new requests.
    alpha.administrator.email = "coordinator@alpha.example"
    alpha.administrator.first_name, alpha.administrator.last_name = "Ingrid", "Koordinator"
    alpha.administrator.save()
    admin = client
    admin.force_login(alpha.administrator)
    listing = get(admin, url("request_list", alpha), status="new")
    assert [r.delegation_name for r, _cells in listing.context["rows"]] == ["Kiel city council"]

    # 3. Triage: the plan items the visit would serve, and a comment.
    triage = url("request_triage", alpha, pk=delegation_request.pk)
    data = {"plan_items": [alpha.item.pk], "triage_comment": "Fits measure 1."}
    assert post(admin, triage, data).status_code == 302

    # 4. Accepted, with a personal message: the reply goes out in English with the links.
    accept = url("request_accept", alpha, pk=delegation_request.pk)
    page = get(admin, accept)
    assert "Preview" in page.content.decode()
    assert "programme" in page.context["preview_body"]
    response = post(admin, accept, {"message": "Looking forward to your visit!"})
    assert response.status_code == 302
    delegation_request.refresh_from_db()
    assert delegation_request.status == "accepted"
    assert delegation_request.handled_by == alpha.administrator
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["anna@example.org"]
    assert email.reply_to == ["coordinator@alpha.example"]
    assert email.subject == "Your visit to Alpha kommune: welcome"
    assert "Dear Anna Beispiel," in email.body
    assert "Looking forward to your visit!" in email.body
    token = delegation_request.programme_token
    programme_url = f"{url('programme', alpha, token=token)}?language=en"
    calendar_url = f"{url('programme_ics', alpha, token=token)}?language=en"
    assert programme_url in email.body and calendar_url in email.body
    assert "Kind regards," in email.body and "Ingrid Koordinator" in email.body

    # The visit is in the calendar, linked to the request and its plan items.
    activity = Activity.objects.get(delegation_request=delegation_request)
    assert (activity.kind, activity.status) == ("incoming_delegation", "accepted")
    assert activity.starts_on == delegation_request.preferred_from
    assert list(activity.plan_items.all()) == [alpha.item]
    assert activity.title.endswith(": Kiel city council")

    # 5. The programme: two items, out of order.
    day = delegation_request.preferred_from
    create = url("programme_item_create", alpha, request_pk=delegation_request.pk)
    for start, end, title, partners in [
        ("13:00", "14:30", "Ocean research", "Universitetet i Bergen"),
        ("09:00", "10:00", "Investing in the region", "Business Region Bergen"),
    ]:
        data = {
            "starts_at": f"{day.isoformat()}T{start}",
            "ends_at": f"{day.isoformat()}T{end}",
            "title": title,
            "place": "Bergen",
            "host_unit": alpha.agency.pk,
            "partners": partners,
        }
        assert post(admin, create, data).status_code == 302
    admin.logout()

    # 6. The delegation reads it without logging in, ordered by time, and as a calendar file.
    links = [urlsplit(link) for link in re.findall(r"https?://\S+", email.body)]
    assert [f"{link.path}?{link.query}" for link in links] == [programme_url, calendar_url]
    page = client.get(programme_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Investing in the region") < html.index("Ocean research")
    assert "Business Region Bergen" in html and 'lang="en"' in html
    response = client.get(calendar_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = sorted(calendar.walk("VEVENT"), key=lambda event: event["DTSTART"].dt)
    assert [str(event["SUMMARY"]) for event in events] == [
        "Investing in the region",
        "Ocean research",
    ]
    first = events[0]
    expected = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    assert first["DTSTART"].dt == expected
    assert first["DTSTART"].dt.utcoffset() == datetime.timedelta(0)  # written in UTC
    assert first["DTEND"].dt - first["DTSTART"].dt == datetime.timedelta(hours=1)
    assert "Business Region Bergen" in str(first["DESCRIPTION"])
    assert str(first["LOCATION"]) == "Bergen"
    assert len({str(event["UID"]) for event in events}) == 2
    assert all("DTSTAMP" in event for event in events)


def test_a_declined_request_gets_a_reply_in_the_language_of_the_form(
    alpha, client, login, mailoutbox
):
    _send(client, alpha, language="sv")
    delegation_request = _requests(alpha).get()
    assert delegation_request.language == "sv"
    admin = login(alpha.administrator)
    response = post(
        admin, url("request_decline", alpha, pk=delegation_request.pk), {"message": "Tyvärr."}
    )
    assert response.status_code == 302
    delegation_request.refresh_from_db()
    assert delegation_request.status == "declined"
    assert not Activity.objects.filter(delegation_request=delegation_request).exists()
    (email,) = mailoutbox
    assert "Tyvärr." in email.body
    # The programme of a declined request is not published.
    token = delegation_request.programme_token
    assert client.get(url("programme", alpha, token=token)).status_code == 404
    # A request is answered once.
    response = post(admin, url("request_accept", alpha, pk=delegation_request.pk), {})
    assert response.status_code == 302
    delegation_request.refresh_from_db()
    assert delegation_request.status == "declined" and len(mailoutbox) == 1


def test_the_reply_is_rendered_in_the_requesters_language(alpha, client, login, mailoutbox):
    """Strings of Django's own catalogue prove the language: the month names of the dates."""
    _send(client, alpha, language="sv", preferred_from="2099-01-05", preferred_to="2099-01-06")
    delegation_request = _requests(alpha).get()
    post(login(alpha.administrator), url("request_accept", alpha, pk=delegation_request.pk), {})
    (email,) = mailoutbox
    assert "januari" in email.body  # Swedish, not the organisation's bokmål ("januar")
    assert "?language=sv" in email.body


# ---------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "changes, field, message",
    [
        (
            {"preferred_from": "2020-01-01", "preferred_to": "2020-01-02"},
            "preferred_from",
            "The visit cannot start in the past.",
        ),
        (
            {"preferred_to": "2020-01-01"},
            "preferred_to",
            "The end date cannot be before the start date.",
        ),
        (
            {"preferred_from": in_days(20).isoformat(), "preferred_to": in_days(10).isoformat()},
            "preferred_to",
            "The end date cannot be before the start date.",
        ),
        ({"group_size": "0"}, "group_size", "realistic group size"),
        ({"group_size": "5000"}, "group_size", "realistic group size"),
        ({"group_size": "-3"}, "group_size", "realistic group size"),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"contact_name": ""}, "contact_name", "This field is required."),
        ({"country": "XX"}, "country", "Select a valid choice."),
    ],
)
def test_bad_input_is_refused_with_a_message(changes, field, message, alpha, client):
    response = _send(client, alpha, language="en", **changes)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert message in response.content.decode()  # in the language of the form
    assert not _requests(alpha).exists()


def test_group_sizes_at_the_limits_are_accepted(alpha, client):
    assert _send(client, alpha, group_size="1").status_code == 302
    assert _send(client, alpha, group_size="200").status_code == 302
    assert _requests(alpha).count() == 2


def test_a_request_starting_today_is_accepted(alpha, client):
    today = timezone.localdate().isoformat()
    response = _send(client, alpha, preferred_from=today, preferred_to=today)
    assert response.status_code == 302


def test_the_same_form_sent_twice_makes_one_request(alpha, client):
    address = url("request_visit", alpha) + "?language=en"
    token = _token(client.get(address))
    first = client.post(address, {"submission_token": token, **_valid()})
    second = client.post(address, {"submission_token": token, **_valid()})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert _requests(alpha).count() == 1
    # The thank-you page follows, the same for both.
    assert client.get(second["Location"]).status_code == 200
    # A fresh form has a fresh token.
    assert _token(client.get(address)) != token


def test_a_token_of_another_organisation_does_not_count_as_sent_here(alpha, beta, client):
    _send(client, beta)
    token = str(
        DelegationRequest.objects.get(
            organisation=beta.organisation, delegation_name="Kiel city council"
        ).submission_token
    )
    response = client.post(url("request_visit", alpha), {"submission_token": token, **_valid()})
    assert response.status_code == 302
    assert _requests(alpha).count() == 1


def test_a_mangled_token_does_not_stop_a_request(alpha, client):
    response = client.post(url("request_visit", alpha), {"submission_token": "x", **_valid()})
    assert response.status_code == 302
    assert _requests(alpha).count() == 1


def test_a_filled_honeypot_seems_to_succeed_but_saves_nothing(alpha, client):
    page = client.get(url("request_visit", alpha))
    html = page.content.decode()
    # Hidden from people and screen readers, out of the keyboard's way.
    honeypot = re.search(r'<div class="visually-hidden" aria-hidden="true">.*?</div>', html, re.S)
    assert honeypot and 'name="website"' in honeypot.group(0)
    assert 'tabindex="-1"' in honeypot.group(0) and 'autocomplete="off"' in honeypot.group(0)
    response = client.post(
        url("request_visit", alpha),
        {"submission_token": _token(page), "website": "http://spam.example", **_valid()},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(url("request_thanks", alpha))
    assert not _requests(alpha).exists()


def test_more_than_five_requests_an_hour_from_one_address_are_refused(alpha, beta, client):
    for number in range(RATE_LIMIT):
        assert _send(client, alpha, delegation_name=f"Delegation {number}").status_code == 302
    response = _send(client, alpha, language="en", delegation_name="One too many")
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert _requests(alpha).count() == RATE_LIMIT
    # Another address, or another organisation, is not affected.
    other = client.post(
        url("request_visit", alpha), _valid(delegation_name="Other"), REMOTE_ADDR="192.0.2.7"
    )
    assert other.status_code == 302
    assert _send(client, beta).status_code == 302
    # An hour later the address may send again.
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1, seconds=1)):
        assert _send(client, alpha, delegation_name="Next hour").status_code == 302


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the SQLite test database lives in memory, where a second writer fails at once "
    "instead of waiting; CI runs this test on PostgreSQL",
)
# Serialized like the other tests that commit, so that the rows the migrations made (content
# types among them) are there again for the tests after it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_limit_holds_for_requests_sent_in_parallel(alpha):
    """Thirty visitors' requests from one address at the same moment: exactly the limit is
    saved; the others are refused (429). Counting and checking are one atomic step."""
    address = url("request_visit", alpha)
    token_page = Client().get(address)
    assert token_page.status_code == 200
    start = threading.Barrier(30)
    results = []

    def send(number):
        data = {"submission_token": str(uuid.uuid4()), **_valid(delegation_name=f"D{number}")}
        client = Client()
        start.wait()
        try:
            results.append(client.post(address, data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(number,)) for number in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [302] * RATE_LIMIT + [429] * (30 - RATE_LIMIT)
    assert _requests(alpha).count() == RATE_LIMIT


def test_invalid_attempts_do_not_use_up_the_rate_limit(alpha, client):
    for _number in range(RATE_LIMIT + 2):
        assert _send(client, alpha, group_size="0").status_code == 400
    assert _send(client, alpha).status_code == 302


# ---------------------------------------------------------------------------------- languages


def test_the_public_pages_are_in_the_organisations_language_by_default(alpha, client):
    for name in ("request_visit", "visits_info", "request_thanks"):
        response = client.get(url(name, alpha), headers={"Accept-Language": "en"})
        assert response.status_code == 200
        assert 'lang="nb"' in response.content.decode()


@pytest.mark.parametrize("name", ["request_visit", "visits_info", "request_thanks"])
def test_the_public_pages_in_english_and_swedish_link_to_each_other(name, alpha, client):
    english = client.get(url(name, alpha), {"language": "en"})
    html = english.content.decode()
    assert '<html lang="en">' in html
    assert english["Content-Language"] == "en"
    for code, label in (("nb", "Norsk (bokmål)"), ("en", "English"), ("sv", "Svenska")):
        assert f'href="?language={code}" lang="{code}" hreflang="{code}"' in html
        assert label in html
    swedish = client.get(url(name, alpha), {"language": "sv"})
    assert '<html lang="sv">' in swedish.content.decode()


def test_the_english_pages_speak_english(alpha, client):
    form = client.get(url("request_visit", alpha), {"language": "en"}).content.decode()
    assert "Request a delegation visit to Alpha kommune" in form
    assert "We will answer in English, the language of this form." in form
    info = client.get(url("visits_info", alpha), {"language": "en"}).content.decode()
    assert "Delegation visits to Alpha kommune" in info
    assert "How requests are assessed" in info and "How long it takes" in info
    assert "calendar file" in info
    assert url("request_visit", alpha) + "?language=en" in info


def test_the_swedish_form_validates_in_swedish_and_remembers_the_language(alpha, client):
    response = _send(client, alpha, language="sv", email="nope", country="DE")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Fyll i en giltig e-postadress." in html  # Django's Swedish
    assert "Tyskland" in html  # the country list in Swedish
    assert 'action="?language=sv"' in html


def test_the_language_switcher_of_the_page_chooses_the_language(alpha, client):
    client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    response = client.get(url("request_visit", alpha))
    assert '<html lang="sv">' in response.content.decode()
    assert _send(client, alpha).status_code == 302
    assert _requests(alpha).get().language == "sv"


def test_the_other_organisations_form_is_its_own(alpha, beta, client):
    # Beta is Swedish: its form is in Swedish unless asked otherwise.
    response = client.get(url("request_visit", beta))
    assert '<html lang="sv">' in response.content.decode()
    _send(client, beta)
    assert not _requests(alpha).exists()
    assert DelegationRequest.objects.filter(
        organisation=beta.organisation, delegation_name="Kiel city council", language="sv"
    ).exists()


# ---------------------------------------------------------------------------------- coordinator


def test_only_administrators_see_and_triage_requests(alpha, beta, login):
    pk = alpha.delegation_request.pk
    for user in (alpha.viewer, alpha.editor):
        client = login(user)
        for name, kwargs in [
            ("request_list", {}),
            ("request_detail", {"pk": pk}),
            ("request_triage", {"pk": pk}),
            ("request_accept", {"pk": pk}),
            ("request_decline", {"pk": pk}),
            ("programme_item_create", {"request_pk": pk}),
        ]:
            assert get(client, url(name, alpha, **kwargs)).status_code == 403
        assert post(client, url("request_decline", alpha, pk=pk), {}).status_code == 403
    # The calendar does not offer them the requests either.
    assert "Visit requests" not in get(login(alpha.editor), url("calendar", alpha)).content.decode()
    admin = login(alpha.administrator)
    assert "Visit requests" in get(admin, url("calendar", alpha)).content.decode()
    assert (
        get(admin, url("request_detail", alpha, pk=beta.delegation_request.pk)).status_code == 404
    )


def test_triage_only_offers_the_organisations_plan_items(alpha, beta, login):
    address = url("request_triage", alpha, pk=alpha.delegation_request.pk)
    response = post(login(alpha.administrator), address, {"plan_items": [beta.item.pk]})
    assert response.status_code == 400
    assert "plan_items" in response.context["form"].errors


def test_the_request_list_downloads_what_it_shows(alpha, login):
    client = login(alpha.administrator)
    response = get(client, url("request_export", alpha, fmt="csv"))
    rows = response.content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("Organisation or delegation,Received,Country")
    assert alpha.delegation_request.delegation_name in rows[1]
    assert "Germany" in rows[1]


def test_a_programme_item_cannot_end_before_it_starts(alpha, login):
    address = url("programme_item_create", alpha, request_pk=alpha.delegation_request.pk)
    data = {"starts_at": "2026-09-01T10:00", "ends_at": "2026-09-01T09:00", "title": "Oops"}
    response = post(login(alpha.administrator), address, data)
    assert response.status_code == 400
    assert response.context["form"].errors["ends_at"] == [
        "The end time cannot be before the start time."
    ]


def test_programme_items_are_edited_and_deleted(alpha, login, client):
    item = alpha.programme_item
    request_pk = alpha.delegation_request.pk
    admin = login(alpha.administrator)
    edit = url("programme_item_edit", alpha, request_pk=request_pk, pk=item.pk)
    data = {
        "starts_at": "2026-09-01T09:30",
        "ends_at": "2026-09-01T10:30",
        "title": "Welcome",
        "partners": "Universitetet i Bergen",
    }
    assert post(admin, edit, data).status_code == 302
    item.refresh_from_db()
    assert item.starts_at == timezone.make_aware(datetime.datetime(2026, 9, 1, 9, 30))
    entry = LogEntry.objects.get(
        object_id=item.pk, content_type__model="programmeitem", action="changed"
    )
    assert entry.subject_id == request_pk
    delete = url("programme_item_delete", alpha, request_pk=request_pk, pk=item.pk)
    assert post(admin, delete, {}).status_code == 302
    assert not ProgrammeItem.objects.filter(pk=item.pk).exists()


def test_the_programme_link_of_another_organisation_is_not_found(alpha, beta, client):
    token = beta.delegation_request.programme_token
    assert client.get(url("programme", alpha, token=token)).status_code == 404
    assert client.get(url("programme_ics", alpha, token=token)).status_code == 404
    assert client.get(url("programme", beta, token=token)).status_code == 200
    assert client.post(url("programme", beta, token=token)).status_code == 405


def test_a_request_is_deleted_to_the_bin_and_its_activity_stays(alpha, client, login):
    _send(client, alpha)
    delegation_request = _requests(alpha).get()
    post(login(alpha.administrator), url("request_accept", alpha, pk=delegation_request.pk), {})
    activity = Activity.objects.get(delegation_request=delegation_request)
    assert (
        get(login(alpha.editor), url("request_delete", alpha, pk=delegation_request.pk)).status_code
        == 403
    )
    response = post(
        login(alpha.administrator), url("request_delete", alpha, pk=delegation_request.pk), {}
    )
    assert response["Location"] == url("request_list", alpha)
    assert not DelegationRequest.objects.filter(pk=delegation_request.pk).exists()
    activity.refresh_from_db()
    assert activity.delegation_request is None
    entry = LogEntry.objects.get(
        object_id=delegation_request.pk, action="deleted", content_type__model="delegationrequest"
    )
    assert entry.in_bin
