"""Loading an organisation from an export (see `serialization` for the format).

Every row is validated as a form would validate it: first the checks of `checks` (types, ids,
references, text no database can store), then the model's own `full_clean` (choices, lengths,
ranges, unique keys and constraints). The first bad row stops the import with a message naming
the table, the row's local number and the field; the transaction then leaves nothing behind.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DatabaseError, transaction
from django_scopes import scopes_disabled

from utsyn.organisations.models import Organisation

from .checks import (
    ImportFileError,
    Place,
    check_change_pairs,
    check_constraints,
    check_keys,
    check_no_circle,
    expect,
    field_value,
    is_integer,
    local_number,
    model_error,
    rows_of,
    shorten,
    shown,
    text,
)
from .serialization import (
    FORMAT,
    GENERIC_REFERENCES,
    ORGANISATION_FIELDS,
    REFERENCE_TABLES,
    SHARED_ROWS,
    TABLES,
    USER_FIELDS,
    VERSION,
    _fields,
    _model,
)

# JSON fields read as {field name: [old value, new value]} (LogEntry.changed_fields).
CHANGE_PAIRS = {"audit.logentry": {"changes"}}
# Values a row is saved with at first, its own set once every table is in: a closed round
# refuses its tasks (followup.models.Task.save), so rounds are loaded open, then closed.
LOADED_AS = {"followup.round": {"status": "open"}}


def import_organisation(data):
    """Creates the organisation from an export. Raises ImportFileError and changes nothing."""
    try:
        _check_header(data)
        with transaction.atomic(), scopes_disabled():
            return _import(data)
    except ImportFileError:
        raise
    # The checks should leave nothing for these; they keep any file from ending in a traceback.
    except (LookupError, TypeError, ValueError, AttributeError, OverflowError) as error:
        raise ImportFileError(
            f"The file is not a complete Utsyn export ({shown(error)})."
        ) from error
    except (ValidationError, DatabaseError, FieldDoesNotExist) as error:
        raise ImportFileError(f"The file holds data that does not fit: {shorten(error)}") from error


def _check_header(data):
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFileError("This is not an Utsyn organisation export.")
    version = data.get("version")
    if not is_integer(version) or version != VERSION:
        raise ImportFileError(
            f"The file has format version {shown(version)}; this Utsyn reads version {VERSION}."
        )
    for key, kind, what in (
        ("organisation", dict, "an object"),
        ("users", list, "a list"),
        ("tables", dict, "an object"),
    ):
        expect(Place(key), data.get(key), kind, what)
    unknown = set(data["tables"]) - set(TABLES)
    if unknown:
        raise ImportFileError(
            f"The file has tables this Utsyn does not know: {shown(sorted(unknown))}"
        )


def _import(data):
    organisation = _organisation(data["organisation"])
    users = _users(data["users"])
    # Local numbers per table; shared reference data is referred to by its own key.
    pk_maps = {
        label: {pk: pk for pk in _model(label)._base_manager.values_list("pk", flat=True)}
        for label in REFERENCE_TABLES
    }
    loaded_as = []
    for label in TABLES:
        pk_maps[label] = {}
        rows = data["tables"].get(label, [])
        loaded_as += _import_table(label, rows, organisation, users, pk_maps)
    for obj, name, value in loaded_as:
        type(obj)._base_manager.filter(pk=obj.pk).update(**{name: value})
    return organisation


def _organisation(header):
    place = Place("organisation")
    check_keys(place, header, ORGANISATION_FIELDS)
    organisation = Organisation(
        **{
            name: field_value(place, Organisation._meta.get_field(name), header[name])
            for name in ORGANISATION_FIELDS
        }
    )
    # Said plainly, before full_clean's "Organisation with this URL name already exists."
    if Organisation.objects.filter(slug=organisation.slug).exists():
        raise ImportFileError(
            f"The organisation “{organisation.slug}” already exists in this database."
        )
    _validate(place, organisation)
    _save(place, organisation)
    return organisation


def _users(rows):
    model = get_user_model()
    # Only the fields the file carries, and not whether the username is taken: an existing
    # user is kept as they are and given the roles of the file.
    not_carried = [field.name for field in model._meta.fields if field.name not in USER_FIELDS]
    users = {}
    for place, row in rows_of(Place("users"), rows, USER_FIELDS, numbered=False):
        user = model(
            **{
                name: field_value(place, model._meta.get_field(name), row[name])
                for name in USER_FIELDS
            }
        )
        try:
            user.clean_fields(exclude=not_carried)
        except ValidationError as error:
            raise model_error(place, error) from error
        if user.username in users:
            raise place.refuse("username", "listed twice.")
        users[user.username] = user
    return {
        username: model.objects.get_or_create(
            username=username, defaults={name: getattr(user, name) for name in USER_FIELDS[1:]}
        )[0]
        for username, user in users.items()
    }


def _import_table(label, rows, organisation, users, pk_maps):
    """Loads one table's rows; returns (object, field name, value) to set once all tables are
    in (LOADED_AS)."""
    model = _model(label)
    fields = _fields(model)
    keys = [field.name for field in fields + list(model._meta.many_to_many)]
    generic = GENERIC_REFERENCES.get(label, {})
    within = []  # references to rows of the same table, set once all rows exist
    created, loaded_as = [], []
    for place, row in rows_of(Place(label), rows, keys):
        obj = model(organisation=organisation)
        deferred = {}
        for field in fields:
            value = row[field.name]
            if field.name in generic:
                value = _generic_reference(place, model, field, generic[field.name], row, pk_maps)
            elif _refers_within(field, model, value):
                deferred[field] = local_number(place, field.name, value)
                value = None
            else:
                value = _value(place, field, value, users, pk_maps)
            if field.name in CHANGE_PAIRS.get(label, ()):
                check_change_pairs(place, field.name, value)
            setattr(obj, field.attname, value)
        _validate(place, obj, exclude=[field.name for field in deferred])
        for name, value in LOADED_AS.get(label, {}).items():
            loaded_as.append((obj, name, getattr(obj, name)))
            setattr(obj, name, value)
        obj._keep_timestamps = True
        _save(place, obj)
        pk_maps[label][place.number] = obj.pk
        created.append((place, obj, row))
        within += [(place, obj, field, number) for field, number in deferred.items()]
    _link_within(label, within, pk_maps)
    for place, obj, row in created:
        for field in model._meta.many_to_many:
            getattr(obj, field.name).set(_many(place, field, row[field.name], pk_maps))
    return loaded_as


def _refers_within(field, model, value):
    return (
        field.is_relation
        and field.related_model is model
        and value is not None
        and (not _is_shared_key(field, value))
    )


def _link_within(label, within, pk_maps):
    """Sets the references of rows to rows of the same table, now that all of them exist."""
    for place, _obj, field, number in within:
        _row_pk(place, field, label, number, pk_maps)
    for field in {field for _place, _obj, field, _number in within}:
        links = {place.number: number for place, _obj, other, number in within if other is field}
        check_no_circle(Place(label), field, links)
    for place, obj, field, number in within:
        setattr(obj, field.attname, pk_maps[label][number])
        # This field and the row's own rules (an item's parent must be of the same plan …).
        _validate(place, obj, exclude=[other.name for other in obj._meta.fields if other != field])
        obj._keep_timestamps = True
        obj._allow_update = True
        _save(place, obj, update_fields=[field.attname])


def _validate(place, obj, exclude=()):
    """The model's own validation, as a form runs it: fields, clean(), unique keys, and the
    constraints (separately, to name their fields)."""
    try:
        obj.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        raise model_error(place, error) from error
    check_constraints(place, obj, exclude)


def _save(place, obj, **options):
    try:
        obj.save(**options)
    except ValidationError as error:
        raise place.refuse(None, " ".join(error.messages)) from error
    except (DatabaseError, OverflowError, ValueError) as error:
        raise place.refuse(None, str(error)) from error


def _value(place, field, value, users, pk_maps):
    """The Python value of a field from the file: references are resolved to database ids."""
    if not field.is_relation or value is None:
        return field_value(place, field, value)
    target = field.related_model
    if target is ContentType:
        return _content_type(place, field, value).pk
    if target is get_user_model():
        if not isinstance(value, str) or value not in users:
            raise place.refuse(field.name, f"{shown(value)} is not one of the file's users.")
        return users[value].pk
    if _is_shared_key(field, value):
        return _shared_row(place, field, value)
    return _row_pk(place, field, target._meta.label_lower, value, pk_maps)


def _row_pk(place, field, label, value, pk_maps):
    """The database id of the row of `label` that the file refers to as `value`."""
    rows = pk_maps.get(label, {})
    # A bool would pass for 1, a float 1.0 too; neither is a local number.
    if not isinstance(value, int | str) or isinstance(value, bool) or value not in rows:
        raise place.refuse(field.name, f"{shown(value)} is not a row of {label}.")
    return rows[value]


def _many(place, field, values, pk_maps):
    if not isinstance(values, list):
        raise place.refuse(field.name, f"must be a list, not {type(values).__name__}.")
    label = field.related_model._meta.label_lower
    return [_row_pk(place, field, label, value, pk_maps) for value in values]


def _generic_reference(place, model, field, type_field, row, pk_maps):
    """The database id of the row a log entry is about. An entry may outlive its object: the
    file then has null, which is loaded as 0."""
    content_type = _content_type(place, model._meta.get_field(type_field), row[type_field])
    value = row[field.name]
    if value is None:
        return 0
    target = content_type.model_class()
    return _row_pk(place, field, target._meta.label_lower if target else "", value, pk_maps)


def _content_type(place, field, value):
    app_label, _dot, name = text(place, field.name, value).partition(".")
    try:
        return ContentType.objects.get_by_natural_key(app_label, name)  # cached
    except ContentType.DoesNotExist:
        raise place.refuse(field.name, f"{shown(value)} is not a table of this Utsyn.") from None


def _is_shared_key(field, value):
    return isinstance(value, str) and field.related_model._meta.label_lower in SHARED_ROWS


def _shared_row(place, field, key):
    model = field.related_model
    pk = (
        model._base_manager.filter(
            organisation__isnull=True,
            **{SHARED_ROWS[model._meta.label_lower]: text(place, field.name, key)},
        )
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        raise place.refuse(field.name, f"Unknown shared {model._meta.label_lower}: {shown(key)}.")
    return pk
