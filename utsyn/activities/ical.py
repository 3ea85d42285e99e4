"""iCalendar (RFC 5545) files: the public feed of published activities and the programme of
a delegation visit.

Every event has a stable UID, so that a calendar that subscribes to the feed updates events
instead of duplicating them. Times are written in UTC; all-day activities are DATE values with
the exclusive end date RFC 5545 asks for (the day after the last day). The files carry no
METHOD, so DTSTAMP is the time the event last changed (RFC 5545, 3.8.7.2) and the same data
always gives the same file.
"""

import datetime

from django.http import HttpResponse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from utsyn.core.illustrative import is_shown_illustrative

from .models import Activity

PRODID = "-//Utsyn//Utsyn activities//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"

# What an activity's status means to a calendar.
STATUS = {
    Activity.Status.REQUESTED: "TENTATIVE",
    Activity.Status.ACCEPTED: "CONFIRMED",
    Activity.Status.PLANNED: "CONFIRMED",
    Activity.Status.HELD: "CONFIRMED",
    Activity.Status.DECLINED: "CANCELLED",
    Activity.Status.CANCELLED: "CANCELLED",
}


def _utc(moment):
    return moment.astimezone(datetime.UTC)


def new_calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _stamp(event, obj):
    event.add("dtstamp", _utc(obj.updated_at))
    event.add("created", _utc(obj.created_at))
    event.add("last-modified", _utc(obj.updated_at))


def _text(*parts):
    return "\n\n".join(str(part).strip() for part in parts if part and str(part).strip())


def uid(kind, pk, organisation):
    return f"{kind}-{pk}@{organisation.slug}.utsyn"


def activity_event(activity, organisation):
    event = Event()
    event.add("uid", uid("activity", activity.pk, organisation))
    _stamp(event, activity)
    if activity.is_all_day:
        event.add("dtstart", activity.starts_on)
        event.add("dtend", activity.ends_on + datetime.timedelta(days=1))
    else:
        event.add("dtstart", _utc(activity.starts_at()))
        event.add("dtend", _utc(activity.ends_at()))
    event.add("summary", activity.title)
    if activity.location:
        event.add("location", activity.location)
    description = _text(
        activity.get_kind_display(),
        activity.counterpart,
        activity.purpose,
        _("Illustrative example: invented demonstration data.")
        if is_shown_illustrative(activity, organisation)
        else "",
    )
    if description:
        event.add("description", description)
    event.add("status", STATUS[activity.status])
    return event


def programme_event(item, organisation):
    event = Event()
    event.add("uid", uid("programme", item.pk, organisation))
    _stamp(event, item)
    event.add("dtstart", _utc(item.starts_at))
    event.add("dtend", _utc(item.ends_at))
    event.add("summary", item.title)
    if item.place:
        event.add("location", item.place)
    description = _text(
        _("Host: %(unit)s") % {"unit": item.host_unit.name} if item.host_unit_id else "",
        _("Partners: %(partners)s") % {"partners": item.partners} if item.partners else "",
        item.note,
    )
    if description:
        event.add("description", description)
    event.add("status", "CONFIRMED")
    return event


def calendar_response(calendar, filename=None):
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
