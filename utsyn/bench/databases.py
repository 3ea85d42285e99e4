"""The benchmark's databases: where each data set lives, and making them anew.

Each database engine holds two data sets, "full" and "tenth". Only databases of the benchmark's
own are ever dropped: files under the bench directory, and PostgreSQL databases whose names
start with `utsyn_bench`.
"""

import sqlite3

import psycopg
from psycopg import sql

from .dataset import READ_MARKER, parse_marker

POSTGRES_NAMES = {"full": "utsyn_bench", "tenth": "utsyn_bench_small"}


class SQLite:
    name = "sqlite"

    def __init__(self, directory):
        self.directory = directory

    def path(self, data_set):
        return (self.directory / f"{data_set}.sqlite3").resolve()

    def url(self, data_set):
        return f"sqlite:///{self.path(data_set)}"

    def unavailable(self):
        return None

    def version(self):
        return sqlite3.sqlite_version

    def marker(self, data_set):
        if not self.path(data_set).exists():
            return None
        try:
            with sqlite3.connect(self.path(data_set)) as conn:
                return parse_marker(conn.execute(READ_MARKER).fetchall())
        except sqlite3.Error:
            return None

    def recreate(self, data_set):
        for suffix in ("", "-wal", "-shm"):
            self.path(data_set).with_name(self.path(data_set).name + suffix).unlink(missing_ok=True)


class PostgreSQL:
    name = "postgresql"

    def __init__(self, server):
        self.server = server.rstrip("/")

    def url(self, data_set):
        return f"{self.server}/{POSTGRES_NAMES[data_set]}"

    def _connect(self, database, **options):
        return psycopg.connect(f"{self.server}/{database}", connect_timeout=5, **options)

    def unavailable(self):
        """Why PostgreSQL cannot be used, or None."""
        try:
            with self._connect("postgres"):
                return None
        except psycopg.Error as error:
            return str(error).strip() or error.__class__.__name__

    def version(self):
        with self._connect("postgres") as conn:
            return conn.execute("SHOW server_version").fetchone()[0]

    def marker(self, data_set):
        try:
            with self._connect(POSTGRES_NAMES[data_set]) as conn:
                return parse_marker(conn.execute(READ_MARKER).fetchall())
        except psycopg.Error:
            return None

    def recreate(self, data_set):
        name = POSTGRES_NAMES[data_set]
        if not name.startswith("utsyn_bench"):
            raise ValueError(f"{name} is not a benchmark database")  # never anyone else's
        with self._connect("postgres", autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
