"""Loads the `[[activities]]` and `[[delegation_requests]]` tables of the demo files (see
SCHEMA.md).

Activities are matched on (organisation, title), their participants on the name and their costs
on category and description; requests on (organisation, delegation name) and their programme
items on the title; so loading again updates in place and never duplicates. Invented costs and
requests must say so (`is_illustrative = true`).
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from utsyn.activities.models import Activity, Cost, DelegationRequest, Participant, ProgrammeItem
from utsyn.arenas.models import Arena

from .load_plans import date_or_none, lookup, unit_or_none

ACTIVITY_FIELDS = [
    "kind",
    "status",
    "place",
    "city",
    "country",
    "counterpart_text",
    "recurrence",
    "report",
    "notes",
]
REQUEST_FIELDS = [
    "country",
    "contact_name",
    "email",
    "phone",
    "group_size",
    "language",
    "status",
    "triage_comment",
    "reply_message",
]


def require_illustrative(data, what):
    if data.get("is_illustrative") is not True:
        raise ValueError(
            f"The {what} “{data.get(_name_key(data))}” is invented and needs "
            "is_illustrative = true."
        )
    return True


def _name_key(data):
    return next(key for key in ("title", "delegation_name", "description") if key in data)


def load_activities(organisation, files, units, items):
    for data in files:
        for definition in data.get("activities", []):
            _activity(organisation, definition, units, items)
        for definition in data.get("delegation_requests", []):
            _request(organisation, definition, units, items)


def _arena(organisation, name):
    if not name:
        return None
    arena = Arena.objects.filter(organisation=organisation, name=name).first()
    if arena is None:
        raise ValueError(f"Unknown arena “{name}”.")
    return arena


def _activity(organisation, data, units, items, **extra):
    defaults = {name: data[name].strip() for name in ACTIVITY_FIELDS if name in data}
    defaults.update(
        starts_on=date_or_none(data["starts_on"]),
        ends_on=date_or_none(data.get("ends_on", data["starts_on"])),
        purpose=data.get("purpose", "").strip(),
        counterpart_arena=_arena(organisation, data.get("counterpart_arena")),
        responsible_unit=unit_or_none(units, data.get("responsible")),
        is_published=data.get("is_published", False),
        is_illustrative=data.get("is_illustrative", False),
        **extra,
    )
    activity, _ = Activity.objects.update_or_create(
        organisation=organisation, title=data["title"], defaults=defaults
    )
    activity.full_clean()
    activity.plan_items.set([lookup(items, key, "item") for key in data.get("items", [])])
    for participant in data.get("participants", []):
        Participant.objects.update_or_create(
            organisation=organisation,
            activity=activity,
            name=participant["name"],
            defaults={"role": participant.get("role", ""), "kind": participant["kind"]},
        )
    for cost in data.get("costs", []):
        _cost(organisation, activity, cost)
    return activity


def _cost(organisation, activity, data):
    cost, _ = Cost.objects.update_or_create(
        organisation=organisation,
        activity=activity,
        category=data["category"],
        description=data.get("description", ""),
        defaults={
            "amount": Decimal(str(data["amount"])),
            "currency": data["currency"],
            "year": data.get("year", activity.starts_on.year),
            "is_illustrative": require_illustrative(data, "cost"),
        },
    )
    cost.full_clean()


def _local(value):
    return timezone.make_aware(datetime.datetime.fromisoformat(value))


def _request(organisation, data, units, items):
    defaults = {name: data[name] for name in REQUEST_FIELDS if name in data}
    defaults.update(
        interests=data["interests"].strip(),
        preferred_from=date_or_none(data["preferred_from"]),
        preferred_to=date_or_none(data["preferred_to"]),
        is_illustrative=require_illustrative(data, "delegation request"),
    )
    delegation_request, _ = DelegationRequest.objects.update_or_create(
        organisation=organisation, delegation_name=data["delegation_name"], defaults=defaults
    )
    delegation_request.full_clean()
    if not delegation_request.is_new and delegation_request.handled_at is None:
        delegation_request.handled_at = timezone.now()
        delegation_request.save(update_fields=["handled_at"])
    delegation_request.plan_items.set([lookup(items, key, "item") for key in data.get("items", [])])
    for item in data.get("programme", []):
        programme_item, _ = ProgrammeItem.objects.update_or_create(
            organisation=organisation,
            delegation_request=delegation_request,
            title=item["title"],
            defaults={
                "starts_at": _local(item["starts_at"]),
                "ends_at": _local(item["ends_at"]),
                "place": item.get("place", ""),
                "host_unit": unit_or_none(units, item.get("host")),
                "partners": item.get("partners", ""),
                "note": item.get("note", ""),
            },
        )
        programme_item.full_clean()
    if delegation_request.status == DelegationRequest.Status.ACCEPTED:
        # An accepted visit is in the calendar, as accepting it on the web would have put it.
        _activity(
            organisation,
            {
                "title": data["activity_title"],
                "kind": Activity.Kind.INCOMING_DELEGATION,
                "status": Activity.Status.ACCEPTED,
                "starts_on": data["preferred_from"],
                "ends_on": data["preferred_to"],
                "country": data["country"],
                "counterpart_text": data["delegation_name"],
                "purpose": data["interests"],
                "items": data.get("items", []),
                "is_illustrative": True,
                "costs": data.get("activity_costs", []),
            },
            units,
            items,
            delegation_request=delegation_request,
        )
