import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django_scopes import scopes_disabled

from utsyn.bench import dataset
from utsyn.bench.generator import TABLES, generate
from utsyn.bench.shape import GENERATOR_VERSION, ORGANISATIONS, SEED
from utsyn.organisations.models import Organisation


def _table_names():
    names = []
    for model, links in TABLES:
        names.append(model._meta.db_table)
        names += [model._meta.get_field(name).remote_field.through._meta.db_table for name in links]
    return names


class Command(BaseCommand):
    help = (
        "Writes the synthetic national data set (650 organisations by default) into a migrated "
        "database that holds no generated data yet, and prints the rows written per table."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=ORGANISATIONS)
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Multiplies each organisation's counts."
        )
        parser.add_argument("--seed", type=int, default=SEED)

    def handle(self, *args, organisations, scale, seed, **options):
        with scopes_disabled():
            if Organisation.objects.filter(slug__startswith="bench-").exists():
                raise CommandError("This database already holds generated organisations.")
        tables = _table_names()
        before = dataset.count_rows(tables)
        start = time.perf_counter()
        generate(organisations, scale, seed, progress=self._progress)
        seconds = round(time.perf_counter() - start, 1)
        # The planner's statistics, as a maintained database has them: PostgreSQL's autovacuum
        # gathers them soon after; SQLite needs ANALYZE to be run, and without them picks the
        # organisation's index over a foreign key's (docs/performance.md).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        after = dataset.count_rows(tables)
        rows = {table: after[table] - before[table] for table in tables}
        total = sum(rows.values())
        dataset.write_marker(
            {
                **dataset.identity(GENERATOR_VERSION, seed, organisations, scale),
                "rows": rows,
                "total": total,
                "seconds": seconds,
            }
        )
        for table, count in rows.items():
            self.stdout.write(f"  {table:<40} {count:>10,}")
        self.stdout.write(
            self.style.SUCCESS(f"{total:,} rows in {seconds:.0f} s ({connection.vendor}).")
        )

    def _progress(self, done, total):
        self.stdout.write(f"  {done}/{total} organisations written")
        self.stdout.flush()
