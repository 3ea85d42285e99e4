"""What an import checks besides the models' own validation: the file's size and nesting, the
shape of its tables, the JSON type of every value, ids, and text no database can store.

The models' validation (choices, lengths, ranges, unique keys) runs through `full_clean` in
`serialization`; these checks come first because `full_clean` takes a bool for a number, turns
a list into its text, and lets NUL bytes through (PostgreSQL cannot store them).
"""

import datetime
import json
import math

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import timezone

# Far above any real organisation's export (Bergen's demo is well under 1 MB), far below what
# would exhaust the server's memory once parsed.
MAX_FILE_BYTES = 200 * 1024 * 1024
# An export nests 8 levels at most (file, tables, table, row, a log entry's changes …).
MAX_DEPTH = 32
# Local numbers run 1, 2, 3 … per table; a larger one is not from an export.
MAX_ID = 2**31 - 1
# The widest each integer field may be on any database Django supports.
INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges
# Messages are cut to this length, so that a hostile value cannot flood the terminal.
MESSAGE_CHARACTERS = 240


class ImportFileError(Exception):
    """The file cannot be loaded; nothing has been changed."""


class Place:
    """Where in the file a value is: a table's row (by its local number), or its position
    when the id itself is wrong; for messages."""

    def __init__(self, table, number=None, position=None):
        self.table = table
        self.number = number
        self.position = position

    def __str__(self):
        if self.number is not None:
            return f"{self.table} row {self.number}"
        if self.position is not None:
            return f"{self.table} row at position {self.position}"
        return self.table

    def refuse(self, field, reason):
        return self.refuse_all({field: [reason]})

    def refuse_all(self, errors):
        """errors: field name (None or NON_FIELD_ERRORS for the row as a whole) → reasons."""
        parts = [
            f"field “{field}”: {shorten(' '.join(map(str, reasons)))}"
            if field and field != NON_FIELD_ERRORS
            else shorten(" ".join(map(str, reasons)))
            for field, reasons in errors.items()
        ]
        separator = ", " if parts[0].startswith("field") else ": "
        return ImportFileError(f"{self}{separator}{'; '.join(parts)}")


def shown(value):
    return shorten(repr(value))


def shorten(text):
    text = " ".join(str(text).split())  # one line, whatever the value held
    return text if len(text) <= MESSAGE_CHARACTERS else text[:MESSAGE_CHARACTERS] + "…"


# ---------------------------------------------------------------------------------- the file


def read_export(path):
    """The parsed JSON of a file; OSError when it cannot be read, ImportFileError when it is
    not JSON, too large or nested too deeply."""
    with open(path, "rb") as handle:
        content = handle.read(MAX_FILE_BYTES + 1)  # a device or pipe might never end
    if len(content) > MAX_FILE_BYTES:
        raise ImportFileError(f"{path} is larger than the limit of {MAX_FILE_BYTES:,} bytes.")
    try:
        data = json.loads(content.decode("utf-8"))
    except RecursionError as error:  # the parser recurses once per level
        raise ImportFileError(f"{path} is nested more than {MAX_DEPTH} levels deep.") from error
    except ValueError as error:  # bad JSON or UTF-8, or an integer of more than 4300 digits
        raise ImportFileError(f"{path} is not valid JSON: {shorten(error)}") from error
    _check_depth(path, data)
    return data


def _check_depth(path, data):
    # Without recursion: the point is to refuse what would make later recursion fail.
    stack = [(data, 1)] if isinstance(data, dict | list) else []
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ImportFileError(f"{path} is nested more than {MAX_DEPTH} levels deep.")
        items = value.values() if isinstance(value, dict) else value
        stack.extend((item, depth + 1) for item in items if isinstance(item, dict | list))


# ---------------------------------------------------------------------------------- shape


def expect(place, value, kind, what):
    if not isinstance(value, kind):
        raise ImportFileError(f"{place} must be {what}, not {type(value).__name__}.")
    return value


def rows_of(place, rows, keys, numbered=True):
    """(place, row) for each row of a table, once it is an object with exactly the keys
    given and (when numbered) a local number not used by an earlier row."""
    expect(place, rows, list, "a list of rows")
    seen = set()
    for position, row in enumerate(rows, start=1):
        row_place = Place(place.table, **{"position" if numbered else "number": position})
        expect(row_place, row, dict, "an object")
        if numbered:
            number = row.get("id")
            if not is_integer(number) or not 1 <= number <= MAX_ID:
                raise row_place.refuse("id", f"must be a whole number from 1 to {MAX_ID}.")
            if number in seen:
                raise row_place.refuse("id", f"{number} is also the id of an earlier row.")
            seen.add(number)
            row_place = Place(place.table, number=number)
        check_keys(row_place, row, keys)
        yield row_place, row


def check_keys(place, row, keys):
    missing = [key for key in keys if key not in row]
    if missing:
        raise place.refuse(missing[0], "missing.")
    unknown = sorted(set(row) - set(keys) - {"id"})
    if unknown:
        raise place.refuse(unknown[0], "not a field of this table.")


def is_integer(value):
    return isinstance(value, int) and not isinstance(value, bool)


def local_number(place, field, value):
    """A reference to a row of the file, by its local number."""
    if not is_integer(value):
        raise place.refuse(field, f"must be the id of a row, not {shown(value)}.")
    return value


def text(place, field, value):
    if not isinstance(value, str):
        raise place.refuse(field, f"must be text, not {type(value).__name__}.")
    if not _storable(value):
        raise place.refuse(field, UNSTORABLE)
    return value


# Neither SQLite nor PostgreSQL store these; a form never sends them (it decodes UTF-8).
UNSTORABLE = "holds a NUL character or broken Unicode (a lone surrogate), which cannot be stored."


def _storable(value):
    """Whether every string in a JSON value can be stored."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return "\x00" not in value
    if isinstance(value, dict):
        return all(_storable(key) and _storable(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_storable(item) for item in value)
    return True


# ---------------------------------------------------------------------------------- values


def field_value(place, field, value):
    """The Python value of a field that is not a reference, from its JSON value as the export
    writes it. Lengths, choices and ranges are left to the model's full_clean."""
    if value is None:
        if not field.null:
            raise place.refuse(field.name, "may not be null.")
        return None
    if isinstance(field, models.BooleanField):
        if not isinstance(value, bool):
            raise place.refuse(field.name, f"must be true or false, not {shown(value)}.")
        return value
    if isinstance(field, models.IntegerField):  # also the positive, small and big ones
        if not is_integer(value):
            raise place.refuse(field.name, f"must be a whole number, not {shown(value)}.")
        low, high = INTEGER_RANGES.get(field.get_internal_type(), INTEGER_RANGES["IntegerField"])
        if not low <= value <= high:
            raise place.refuse(field.name, f"must be between {low} and {high}.")
        return value
    if isinstance(field, models.DecimalField | models.FloatField):
        return _number(place, field, value)
    if isinstance(field, models.JSONField):
        if not _storable(value):
            raise place.refuse(field.name, UNSTORABLE)
        return value
    # Everything else (text, dates, times, UUIDs) is written as a string.
    value = _converted(place, field, text(place, field.name, value))
    if isinstance(value, datetime.datetime):
        _check_moment(place, field, value)
    return value


def _number(place, field, value):
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise place.refuse(field.name, f"must be a number, not {shown(value)}.")
    if isinstance(value, str):
        text(place, field.name, value)
    value = _converted(place, field, value)
    finite = value.is_finite() if hasattr(value, "is_finite") else math.isfinite(value)
    if not finite:
        raise place.refuse(field.name, "must be a finite number.")
    return value


def _converted(place, field, value):
    try:
        return field.to_python(value)
    except (ValidationError, ValueError, OverflowError) as error:
        reasons = error.messages if isinstance(error, ValidationError) else [str(error)]
        raise place.refuse(field.name, " ".join(reasons)) from error


def _check_moment(place, field, value):
    if timezone.is_naive(value):
        raise place.refuse(field.name, "must give its offset from UTC, as the export does.")
    try:
        value.astimezone(datetime.UTC)  # what the database does; may leave the calendar
    except OverflowError as error:
        raise place.refuse(field.name, "is outside the calendar.") from error


def check_change_pairs(place, field, value):
    if not isinstance(value, dict) or not all(
        isinstance(pair, list) and len(pair) == 2 for pair in value.values()
    ):
        raise place.refuse(field, "must map field names to [old value, new value].")


def model_error(place, error):
    """A ValidationError from full_clean, with every field it names."""
    return place.refuse_all(
        error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    )


def check_constraints(place, obj, exclude=()):
    """The model's constraints (as full_clean checks them), naming the constraint's fields."""
    for model, constraints in obj.get_constraints():
        for constraint in constraints:
            try:
                constraint.validate(model, obj, exclude=set(exclude))
            except ValidationError as error:
                fields = [
                    name for name in getattr(constraint, "fields", ()) if name != "organisation"
                ]
                raise place.refuse(", ".join(fields), " ".join(error.messages)) from error


def check_no_circle(place, field, links):
    """Refuses rows of one table that lead back to themselves through `field`.
    `links`: local number → the local number it refers to."""
    safe = set()
    for start in links:
        path, number = set(), start
        while number in links and number not in safe:
            if number in path:
                raise Place(place.table, number=number).refuse(
                    field.name, "the rows refer to each other in a circle."
                )
            path.add(number)
            number = links[number]
        safe.update(path)
