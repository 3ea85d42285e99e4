"""An object as plain values: the one loop that the audit trail, the concurrency check and the
organisation export share, so that a value is read and written the same way by all three.

`plain_values(obj)` gives the raw values (keys of related rows, choice values) that the
concurrency check compares; `plain_values(obj, readable=True)` the words the history shows (a
related row's name, a choice's label), compared before and after a change.
"""

import datetime
import decimal
import uuid

from django.db import models
from django_countries.fields import CountryField


def json_value(value, model_field=None):
    """A value as JSON holds it, the same however it was read (a decimal keeps its field's
    places: the form's 1500 and the stored 1500.00 are one value)."""
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value  # a JSON field's list or object is JSON already
    if isinstance(value, decimal.Decimal):
        places = getattr(model_field, "decimal_places", None)
        return f"{value:.{places}f}" if places is not None else str(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    return str(value)


def editable_fields(model):
    """The fields a person changes: what the history and the concurrency check look at."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name != "organisation"
    ]


def plain_values(obj, *, readable=False):
    """{field name: value} of the object's editable fields and, once saved, its many-to-many
    relations (sorted)."""
    values = {}
    for field in editable_fields(type(obj)):
        values[field.name] = (
            _readable(obj, field) if readable else json_value(field.value_from_object(obj), field)
        )
    if obj.pk:
        for field in obj._meta.many_to_many:
            related = getattr(obj, field.name).all()
            if readable:
                values[field.name] = sorted(str(row) for row in related)
            else:
                values[field.name] = sorted(row.pk for row in related)
    return values


def _readable(obj, field):
    if field.is_relation:
        related = getattr(obj, field.name)
        return str(related) if related is not None else None
    if isinstance(field, CountryField):
        # The country's own name: get_country_display would search all 250 countries.
        return str(getattr(obj, field.name).name) or None
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")()) or None
    return json_value(getattr(obj, field.name), field) or None
