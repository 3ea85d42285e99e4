"""What a bench database holds: its marker (generator version, seed, size) and its row counts.

The marker is a small table of its own, written last, so that a database whose generation was
interrupted has none and is made again. It is not a Django model: it exists only in the bench
databases.
"""

import json

from django.db import connection

MARKER_TABLE = "utsyn_bench_dataset"
READ_MARKER = f"SELECT key, value FROM {MARKER_TABLE}"  # noqa: S608 – constant names


def identity(version, seed, organisations, scale):
    """What must match for a generated data set to be used again."""
    return {"version": version, "seed": seed, "organisations": organisations, "scale": scale}


def write_marker(values):
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (key varchar(40) PRIMARY KEY, value text)"
        )
        cursor.execute(f"DELETE FROM {MARKER_TABLE}")  # noqa: S608 – constant names
        for key, value in values.items():
            cursor.execute(
                f"INSERT INTO {MARKER_TABLE} (key, value) VALUES (%s, %s)",  # noqa: S608 – constant
                [key, json.dumps(value)],
            )


def parse_marker(rows):
    """The marker from its (key, JSON value) rows, as read by any database driver."""
    return {key: json.loads(value) for key, value in rows}


def count_rows(tables):
    """{table: number of rows}, counted by the database."""
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 – model tables
            counts[table] = cursor.fetchone()[0]
    return counts
