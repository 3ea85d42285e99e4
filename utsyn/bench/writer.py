"""Writes generated rows straight into the tables: COPY on PostgreSQL, executemany on SQLite.

Millions of rows through model instances, `save()` and the audit trail would take hours. Here
a row is a list in the model's column order, and the writer hands out the ids, so that a child
row can point at its parent before anything is written. Nothing here runs model validation:
the generator is responsible for valid values (it is tested by opening the pages).
"""

import contextlib
import json

from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction


def _max_id(table):
    with connection.cursor() as cursor:
        # The table names come from the models, never from input.
        cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return cursor.fetchone()[0] or 0


def _default(field, now):
    if isinstance(field, models.DateTimeField) and field.has_default():
        return now  # created_at / updated_at: one fixed instant, for a deterministic data set
    if isinstance(field, models.UUIDField):
        return None  # the generator gives them, from its seeded random numbers
    return field.get_default()


def _converter(field):
    """How a Python value becomes what Django itself would store, where the driver differs."""
    if isinstance(field, models.JSONField):
        return json.dumps
    if connection.vendor != "sqlite":
        return None
    if isinstance(field, models.UUIDField):
        return lambda value: value.hex
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.TimeField):
        return connection.ops.adapt_timefield_value
    return None


class Table:
    """The rows of one model waiting to be written."""

    def __init__(self, model, now):
        fields = model._meta.concrete_fields
        self.model = model
        self.name = model._meta.db_table
        self.columns = [field.column for field in fields]
        self.index = {field.attname: position for position, field in enumerate(fields)}
        self.defaults = [_default(field, now) for field in fields]
        self.converters = [
            (position, convert)
            for position, field in enumerate(fields)
            if (convert := _converter(field))
        ]
        self.next_id = _max_id(self.name) + 1
        self.rows = []
        self.count = 0

    def add(self, **values):
        """Queues a row and returns its id. An unknown column name raises KeyError."""
        pk = values["id"] = self.next_id
        self.next_id += 1
        row = list(self.defaults)
        for name, value in values.items():
            row[self.index[name]] = value
        self.rows.append(row)
        return pk

    def take(self):
        rows, self.rows = self.rows, []
        for row in rows:
            for position, convert in self.converters:
                if row[position] is not None:
                    row[position] = convert(row[position])
        self.count += len(rows)
        return rows


class Links:
    """The rows of a many-to-many table; their ids come from the database."""

    def __init__(self, model, field_name):
        field = model._meta.get_field(field_name)
        self.name = field.remote_field.through._meta.db_table
        self.columns = [field.m2m_column_name(), field.m2m_reverse_name()]
        self.rows = []
        self.count = 0

    def add(self, source, target):
        self.rows.append((source, target))

    def take(self):
        rows, self.rows = self.rows, []
        self.count += len(rows)
        return rows


class Writer:
    """Tables in the order they are registered (parents first), flushed together."""

    def __init__(self, now):
        self.now = now
        self.tables = {}

    def table(self, model):
        if model not in self.tables:
            self.tables[model] = Table(model, self.now)
        return self.tables[model]

    def links(self, model, field_name):
        key = (model, field_name)
        if key not in self.tables:
            self.tables[key] = Links(model, field_name)
        return self.tables[key]

    @transaction.atomic
    def flush(self):
        for table in self.tables.values():
            rows = table.take()
            if rows:
                _write(table.name, table.columns, rows)

    def finish(self):
        self.flush()
        models_written = [table.model for table in self.tables.values() if isinstance(table, Table)]
        with connection.cursor() as cursor:
            # PostgreSQL: the sequences continue after the ids given here.
            for sql in connection.ops.sequence_reset_sql(no_style(), models_written):
                cursor.execute(sql)

    def counts(self):
        return {table.name: table.count for table in self.tables.values()}


@contextlib.contextmanager
def unchecked_foreign_keys():
    """On PostgreSQL, while loading, foreign keys are not checked row by row (the checks took
    most of the load's time). The rows are the same, with the same ids, as those loaded into
    SQLite, whose foreign keys stay checked. Needs a superuser; without one, PostgreSQL checks.
    """
    replica = False
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, contextlib.suppress(DatabaseError):
            with transaction.atomic():
                cursor.execute("SET session_replication_role = replica")
            replica = True
    try:
        yield
    finally:
        if replica:
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")


def _write(name, columns, rows):
    quote = connection.ops.quote_name
    column_list = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(name)} ({column_list}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {quote(name)} ({column_list}) VALUES ({placeholders})",  # noqa: S608
                rows,
            )
