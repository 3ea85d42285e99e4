"""One organisation's data as JSON, and back.

Rows are identified inside the file by a local number per table (1, 2, 3 … in the order of
their database ids), not by database ids: a file can be loaded into any database, and exporting
the loaded organisation again gives the same file. Users are referred to by username, content
types by "app_label.model".
"""

import datetime
import decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django_scopes import scope, scopes_disabled

from utsyn.organisations.models import Organisation

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
# Not carried over: a deleted row's snapshot holds database ids that mean nothing elsewhere.
SKIPPED = {"audit.logentry": {"snapshot", "restored_at"}}


class ImportFileError(Exception):
    """The file cannot be loaded; nothing has been changed."""


def _model(label):
    return apps.get_model(label)


def _fields(model):
    skipped = SKIPPED.get(model._meta.label_lower, set())
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name != "organisation" and field.name not in skipped
    ]


def _plain(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if value is not None and not isinstance(value, bool | int | float | str | list | dict):
        return str(value)
    return value


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
        "organisation": {name: _plain(getattr(organisation, name)) for name in ORGANISATION_FIELDS},
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
        data[field.name] = _plain(value)
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


# ---------------------------------------------------------------------------------- import


def import_organisation(data):
    """Creates the organisation from an export. Raises ImportFileError and changes nothing."""
    try:
        _check_header(data)
        with transaction.atomic(), scopes_disabled():
            return _import(data)
    except ImportFileError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ImportFileError(f"The file is not a complete Utsyn export ({error!r}).") from error
    except (ValidationError, IntegrityError, FieldDoesNotExist) as error:
        raise ImportFileError(f"The file holds data that does not fit: {error}") from error


def _check_header(data):
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFileError("This is not an Utsyn organisation export.")
    if data.get("version") != VERSION:
        raise ImportFileError(
            f"The file has format version {data.get('version')}; "
            f"this Utsyn reads version {VERSION}."
        )
    unknown = set(data.get("tables", {})) - set(TABLES)
    if unknown:
        raise ImportFileError(f"The file has tables this Utsyn does not know: {sorted(unknown)}")
    slug = data["organisation"]["slug"]
    if Organisation.objects.filter(slug=slug).exists():
        raise ImportFileError(f"The organisation “{slug}” already exists in this database.")


def _import(data):
    organisation = Organisation(
        **{name: data["organisation"][name] for name in ORGANISATION_FIELDS}
    )
    organisation.full_clean()
    organisation.save()
    users = {row["username"]: _user(row) for row in data["users"]}
    pk_maps = {}
    for label in TABLES:
        pk_maps[label] = {}
        _import_table(label, data["tables"].get(label, []), organisation, users, pk_maps)
    return organisation


def _user(row):
    user, _ = get_user_model().objects.get_or_create(
        username=row["username"], defaults={name: row[name] for name in USER_FIELDS[1:]}
    )
    return user


def _import_table(label, rows, organisation, users, pk_maps):
    model = _model(label)
    fields = _fields(model)
    generic = GENERIC_REFERENCES.get(label, {})
    deferred = []  # references to rows of the same table, set once all rows exist
    created = []
    for row in rows:
        obj = model(organisation=organisation)
        for field in fields:
            value = row[field.name]
            if field.name in generic:
                target = _model(row[generic[field.name]])._meta.label_lower
                value = pk_maps.get(target, {}).get(value) if value is not None else None
                # A log entry may outlive its object; 0 then stands for "no longer exists".
                value = 0 if value is None else value
            elif field.is_relation and _is_shared_key(field, value):
                value = _shared_row(field.related_model, value)
            elif field.is_relation and field.related_model is model and value is not None:
                deferred.append((obj, field, value))
                value = None
            elif field.is_relation:
                value = _import_reference(field, value, users, pk_maps)
            else:
                value = field.to_python(value)
            setattr(obj, field.attname, value)
        obj._keep_timestamps = True
        obj.save()
        pk_maps[label][row["id"]] = obj.pk
        created.append((obj, row))
    for obj, field, value in deferred:
        setattr(obj, field.attname, pk_maps[label][value])
        obj._keep_timestamps = True
        obj._allow_update = True
        obj.save(update_fields=[field.attname])
    for obj, row in created:
        for field in model._meta.many_to_many:
            target = field.related_model._meta.label_lower
            if target in REFERENCE_TABLES:
                _check_references(field.related_model, row[field.name])
                getattr(obj, field.name).set(row[field.name])
            else:
                numbers = row[field.name]
                getattr(obj, field.name).set([pk_maps[target][number] for number in numbers])


def _is_shared_key(field, value):
    return isinstance(value, str) and field.related_model._meta.label_lower in SHARED_ROWS


def _shared_row(model, key):
    field = SHARED_ROWS[model._meta.label_lower]
    pk = (
        model._base_manager.filter(organisation__isnull=True, **{field: key})
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        raise ImportFileError(f"Unknown shared {model._meta.label_lower} in the file: {key!r}")
    return pk


def _check_references(model, keys):
    known = set(model.objects.filter(pk__in=keys).values_list("pk", flat=True))
    unknown = [key for key in keys if key not in known]
    if unknown:
        raise ImportFileError(f"Unknown {model._meta.verbose_name} in the file: {unknown}")


def _import_reference(field, value, users, pk_maps):
    if value is None:
        return None
    target = field.related_model
    if target is ContentType:
        app_label, model_name = value.split(".")
        return ContentType.objects.get_by_natural_key(app_label, model_name).pk
    if target is get_user_model():
        return users[value].pk
    return pk_maps[target._meta.label_lower][value]
