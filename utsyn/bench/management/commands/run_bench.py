import datetime
import json
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from utsyn.bench import results as judging
from utsyn.bench.databases import PostgreSQL, SQLite
from utsyn.bench.dataset import identity
from utsyn.bench.shape import GENERATOR_VERSION, ORGANISATIONS, SEED
from utsyn.reports.building import FORMATS

POSTGRES_SERVER = os.environ.get("UTSYN_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
PERFORMANCE_DOC = settings.BASE_DIR / "docs" / "performance.md"


class Command(BaseCommand):
    help = (
        "Generates the national data sets (or reuses them) and measures the main pages and the "
        "reports on SQLite and PostgreSQL; prints the tables and writes results.json."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=ORGANISATIONS)
        parser.add_argument("--seed", type=int, default=SEED)
        parser.add_argument("--requests", type=int, default=30, help="Timed requests per page.")
        parser.add_argument("--databases", default="sqlite,postgresql")
        parser.add_argument("--formats", default=",".join(FORMATS), help="Report formats.")
        parser.add_argument("--data-dir", type=Path, default=settings.BASE_DIR / "var" / "bench")
        parser.add_argument("--record", action="store_true", help="Append to performance.md.")
        parser.add_argument("--note", default="", help="A remark recorded with the run.")

    def handle(self, *args, **options):
        self.options = options
        data_dir = options["data_dir"]
        data_dir.mkdir(parents=True, exist_ok=True)
        engines = {"sqlite": SQLite(data_dir), "postgresql": PostgreSQL(POSTGRES_SERVER)}
        names = options["databases"].split(",")
        if unknown := set(names) - set(engines):
            raise CommandError(f"Unknown database: {', '.join(sorted(unknown))}")
        chosen = [engines[name] for name in names]
        # Production settings, as the pages are served in production (whitenoise's manifest
        # needs collectstatic); a key of this run only.
        self.env = {
            **os.environ,
            "UTSYN_DEBUG": "0",
            "UTSYN_TOOLS": "1",  # the benchmark's and the load test's own commands
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "testserver",
            "UTSYN_VAR_DIR": str(data_dir.resolve()),
        }
        self.manage("collectstatic", "--noinput", "-v0", url="sqlite://:memory:")
        results = {
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": judging.machine(),
            "targets": judging.TARGETS,
            "generator": {"version": GENERATOR_VERSION, "seed": options["seed"]},
            "databases": {},
        }
        for engine in chosen:
            reason = engine.unavailable()
            if reason:
                self.stderr.write(
                    f"{engine.name} is not reachable ({reason}); measuring without it."
                )
                results["databases"][engine.name] = {"skipped": reason}
                continue
            results["machine"][engine.name] = engine.version()
            results["databases"][engine.name] = self.bench(engine)
        missed = judging.missed_targets(results)
        results["passed"] = not missed
        (data_dir / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
        self.print_tables(results)
        if options["record"]:
            with PERFORMANCE_DOC.open("a") as doc:
                doc.write("\n" + judging.markdown_run(results, options["note"]))
        if missed:
            raise CommandError("Targets missed:\n  " + "\n  ".join(missed))

    def bench(self, engine):
        organisations = self.options["organisations"]
        data_sets = {
            "full": self.data_set(engine, "full", organisations, 1.0),
            "tenth": self.data_set(engine, "tenth", max(1, organisations // 10), 0.1),
        }
        self.stdout.write(f"Measuring the pages on {engine.name} …")
        requests = self.options["requests"]
        full = self.measure(engine, "full", "pages", "--requests", str(requests))
        # Only the query counts of the small data set are compared.
        tenth = self.measure(engine, "tenth", "pages", "--requests", "1")
        self.stdout.write(f"Building the reports on {engine.name} …")
        reports = self.measure(engine, "full", "reports", "--formats", self.options["formats"])
        return {
            "data_sets": data_sets,
            "floor": full[judging.FLOOR],
            "pages": judging.judge_pages(full, tenth, timed=engine.name == "postgresql"),
            "reports": judging.judge_reports(reports),
            "peak_memory_mb": reports["peak_memory_mb"],
        }

    def data_set(self, engine, data_set, organisations, scale):
        """The data set's marker; generated first unless one of the same identity is there."""
        wanted = identity(GENERATOR_VERSION, self.options["seed"], organisations, scale)
        marker = engine.marker(data_set)
        reused = marker is not None and all(marker.get(k) == v for k, v in wanted.items())
        if not reused:
            self.stdout.write(f"Generating the {data_set} data set on {engine.name} …")
            engine.recreate(data_set)
            url = engine.url(data_set)
            self.manage("migrate", "--noinput", "-v0", url=url)
            self.manage(
                "generate_national_data",
                f"--organisations={organisations}",
                f"--scale={scale}",
                f"--seed={self.options['seed']}",
                url=url,
            )
            marker = engine.marker(data_set)
        return {**marker, "reused": reused}

    def measure(self, engine, data_set, *args):
        with tempfile.TemporaryDirectory() as directory:
            output = Path(directory) / "results.json"
            self.manage("bench_measure", *args, f"--output={output}", url=engine.url(data_set))
            return json.loads(output.read_text())

    def manage(self, *args, url):
        """Runs a management command in a process of its own, on the database at `url`."""
        command = [sys.executable, str(settings.BASE_DIR / "manage.py"), *args]
        subprocess.run(command, env={**self.env, "DATABASE_URL": url}, check=True)  # noqa: S603

    def print_tables(self, results):
        for engine, result in results["databases"].items():
            self.stdout.write(f"\n{engine}")
            if "skipped" in result:
                self.stdout.write(f"  not measured: {result['skipped']}")
                continue
            for name, data in result["data_sets"].items():
                how = "reused" if data["reused"] else "generated"
                self.stdout.write(
                    f"  {name}: {data['organisations']} organisations, {data['total']:,} rows "
                    f"({how}; generation {data['seconds']:.0f} s)"
                )
            self.stdout.write(judging.text_table(*judging.page_table(result)))
            self.stdout.write("")
            self.stdout.write(judging.text_table(*judging.report_table(result)))
            self.stdout.write(f"peak memory of the report builds: {result['peak_memory_mb']} MB")
        self.stdout.write(f"\nResults written to {self.options['data_dir'] / 'results.json'}")
