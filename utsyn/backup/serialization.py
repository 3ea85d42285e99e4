"""One organisation's data as JSON, and back.

Rows are identified inside the file by a local number per table (1, 2, 3 … in the order of
their database ids), not by database ids: a file can be loaded into any database, and exporting
the loaded organisation again gives the same file. Users are referred to by username, content
types by "app_label.model". Loading a file back is `importing`.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django_scopes import scope

from utsyn.core.values import json_value

FORMAT = "utsyn-organisation"
VERSION = 1

# Every table that belongs to an organisation, parents before children. A test checks that
# every model with an `organisation` field is listed here or in NOT_EXPORTED.
TABLES = [
    "organisations.unit",
    "organisations.person",
    "organisations.membership",
    "arenas.theme",
    "arenas.arena",
    "arenas.assessment",
    "arenas.decision",
    "plans.plan",
    "plans.planrole",
    "plans.planitem",
    "indicators.indicator",
    "indicators.indicatortarget",
    "indicators.indicatorvalue",
    "followup.round",
    "followup.itemupdate",
    "followup.arenareview",
    "followup.reminder",
    "money.exchangerate",
    # projects tables: add below this line
    "projects.fundingprogramme",
    "projects.project",
    "projects.projectpartner",
    # activities tables: add below this line
    "activities.delegationrequest",
    "activities.activity",
    "activities.participant",
    "activities.cost",
    "activities.programmeitem",
    "reports.reporttext",
    "audit.logbatch",
    "audit.logentry",
]
# Tables of an organisation left out on purpose: built report files can be built again.
# Uploaded project documents are files, which the JSON does not carry: a row without its file
# would be a dead link (or point into another organisation's folder on the target server).
NOT_EXPORTED = {"reports.reportjob", "projects.projectdocument"}
# Shared reference data, referred to by its primary key (the goal or target number).
REFERENCE_TABLES = {"sdgs.goal", "sdgs.target"}
# Tables that hold both an organisation's own rows and shared ones (organisation NULL, loaded
# by a migration): a reference to a shared row is written as its key (the field named here),
# a string, where a reference to an own row is its local number.
SHARED_ROWS = {"projects.fundingprogramme": "code"}
ORGANISATION_FIELDS = ["slug", "name", "kind", "country", "official_number", "language"]
USER_FIELDS = ["username", "first_name", "last_name", "email"]
# Fields that point at a row of any table (generic relations), with their content-type field.
GENERIC_REFERENCES = {"audit.logentry": {"object_id": "content_type", "subject_id": "subject_type"}}
# Not carried over: a deleted row's snapshot and a batched change's values before hold
# database ids that mean nothing elsewhere.
SKIPPED = {"audit.logentry": {"snapshot", "restored_at", "before"}}


def _model(label):
    return apps.get_model(label)


def _fields(model):
    skipped = SKIPPED.get(model._meta.label_lower, set())
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name != "organisation" and field.name not in skipped
    ]


# ---------------------------------------------------------------------------------- export


def export_organisation(organisation):
    with scope(organisation=organisation):
        rows_by_table = {
            label: list(
                _model(label)._base_manager.filter(organisation=organisation).order_by("pk")
            )
            for label in TABLES
        }
        local_ids = {
            label: {row.pk: number for number, row in enumerate(rows, start=1)}
            for label, rows in rows_by_table.items()
        }
        tables = {
            label: [_export_row(row, label, local_ids) for row in rows]
            for label, rows in rows_by_table.items()
        }
    usernames = sorted(
        {
            row[field.name]
            for label in tables
            for field in _user_fields(_model(label))
            for row in tables[label]
            if row.get(field.name)
        }
    )
    users = get_user_model().objects.filter(username__in=usernames).order_by("username")
    return {
        "format": FORMAT,
        "version": VERSION,
        "organisation": {
            name: json_value(getattr(organisation, name)) for name in ORGANISATION_FIELDS
        },
        "users": [{name: getattr(user, name) for name in USER_FIELDS} for user in users],
        "tables": tables,
    }


def _user_fields(model):
    return [field for field in _fields(model) if field.related_model is get_user_model()]


def _export_row(row, label, local_ids):
    data = {"id": local_ids[label][row.pk]}
    generic = GENERIC_REFERENCES.get(label, {})
    for field in _fields(type(row)):
        value = getattr(row, field.attname)
        if field.name in generic:
            content_type = ContentType.objects.get_for_id(getattr(row, generic[field.name] + "_id"))
            value = local_ids.get(content_type.model_class()._meta.label_lower, {}).get(value)
        elif field.is_relation:
            value = _export_reference(field, value, local_ids)
        data[field.name] = json_value(value, field)
    for field in type(row)._meta.many_to_many:
        target = field.related_model._meta.label_lower
        ids = getattr(row, field.name).values_list("pk", flat=True)
        if target in REFERENCE_TABLES:
            data[field.name] = sorted(ids)
        else:
            data[field.name] = sorted(local_ids[target][pk] for pk in ids)
    return data


def _export_reference(field, value, local_ids):
    if value is None:
        return None
    target = field.related_model
    if target is ContentType:
        content_type = ContentType.objects.get_for_id(value)
        return f"{content_type.app_label}.{content_type.model}"
    if target is get_user_model():
        return get_user_model().objects.get(pk=value).username
    label = target._meta.label_lower
    if label in SHARED_ROWS and value not in local_ids[label]:
        return target._base_manager.values_list(SHARED_ROWS[label], flat=True).get(
            pk=value, organisation__isnull=True
        )
    return local_ids[label][value]
