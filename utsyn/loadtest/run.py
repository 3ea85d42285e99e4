"""`make load`: serves Utsyn with gunicorn on loopback and drives it with locust, once on SQLite
(WAL) and once on PostgreSQL, then prints a table and writes var/load/results.json.

Each run starts from a fresh database of its own: var/load/sqlite/utsyn.sqlite3, or the
PostgreSQL database `utsyn_load` (dropped and made again; only names starting with
"utsyn_load" are ever touched). It loads the demo, adds the load test's accounts and open round
(`manage.py prepare_load`), collects the static files and starts gunicorn in production mode
(UTSYN_DEBUG=0) with gunicorn.conf.py on a free port. After a warm-up that is not counted (10
users for 15 s: a server in service has long compiled its templates and imported what it loads
lazily), locust runs 50 users (50 % anonymous visitors, 35 % readers, 15 % editors who save
and submit status updates) for 60 s. Targets: no failed request, p99 under 1 s.
The exit code is non-zero when a target is missed or a run cannot be made.

    python -m utsyn.loadtest.run [--databases sqlite,postgres] [--users 50] [--duration 60s]
"""

import argparse
import csv
import json
import os
import resource
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var" / "load"
BIN = Path(sys.executable).parent
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/utsyn_load"
P99_TARGET_MS = 1000
PUBLIC_ORGANISATIONS = ["bergen", "vanersborg"]


class RunError(Exception):
    pass


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=int, default=10)
    parser.add_argument("--duration", default="60s")
    parser.add_argument(
        "--postgres-url", default=os.environ.get("UTSYN_LOAD_POSTGRES_URL", POSTGRES_URL)
    )
    options = parser.parse_args(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    results = []
    for database in options.databases.split(","):
        print(f"== {database}", flush=True)
        try:
            results.append(run(database, options))
        except RunError as error:
            print(f"   {error}", flush=True)
            results.append({"database": database, "error": str(error), "verdict": "error"})
    print()
    print(table(results))
    for result in results:
        print(notes(result))
    (VAR / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nDetails: {(VAR / 'results.json').relative_to(ROOT)}")
    return 0 if results and all(result["verdict"] == "pass" for result in results) else 1


def notes(result):
    """What the table leaves out: the CPU the run cost (the app's own cost, however busy the
    machine), how busy the machine was, and when in the run the slow answers came."""
    if "load_average" not in result:
        return f"{result['database']}: no measurement, see the error above"
    stretches = ", ".join(f"{stretch['p99_ms']:.0f}" for stretch in result["timeline"])
    return (
        f"{result['database']}: gunicorn used {result['server_cpu_s']} s CPU "
        f"({result['server_cpu_ms_per_request']} ms a request), locust "
        f"{result['locust_cpu_s']} s; load average {result['load_average']} on "
        f"{result['cores']} cores at the end (this run and everything else)\n"
        f"{' ' * len(result['database'])}  p99 in each 10 s of the run: {stretches} ms"
    )


def run(database, options):
    folder = VAR / database
    folder.mkdir(parents=True, exist_ok=True)
    env = environment(database, folder, options.postgres_url)
    prepare(database, folder, env, options.postgres_url)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [BIN / "gunicorn", "utsyn.wsgi", "-c", ROOT / "gunicorn.conf.py"]
    with (folder / "gunicorn.log").open("w") as log:
        server = subprocess.Popen(  # noqa: S603
            # No control socket: its default path is one per user, and other gunicorns may
            # run beside this one.
            [*command, "--bind", f"127.0.0.1:{port}", "--no-control-socket"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            step(f"gunicorn on {base_url}")
            wait_until_serving(server, base_url, folder / "gunicorn.log")
            step("warm-up: 10 users for 15 s, not counted")
            swarm(env, folder, base_url, "warm-up", users=10, spawn_rate=10, duration="15s")
            step(f"locust: {options.users} users, {options.spawn_rate}/s, {options.duration}")
            usage = measure(server, env, folder, base_url, options)
        finally:
            stop(server)
    result = summarise(database, folder, options)
    result.update(usage)
    result["server_cpu_ms_per_request"] = round(
        1000 * usage["server_cpu_s"] / max(result["requests"], 1), 1
    )
    result["server_log"] = server_log_problems(folder / "gunicorn.log")
    result["cache_and_sessions"] = "redis" if env.get("REDIS_URL") else "local memory, database"
    return result


def prepare(database, folder, env, postgres_url):
    """A fresh database with the demo, the load test's people and round, and static files."""
    step("fresh database")
    reset_database(database, folder, postgres_url)
    step("migrate, load_demo, prepare_load, collectstatic")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    setup = json.loads(manage(env, "prepare_load", "--json").strip().splitlines()[-1])
    setup["public_organisations"] = PUBLIC_ORGANISATIONS
    (folder / "setup.json").write_text(json.dumps(setup, indent=2), encoding="utf-8")
    manage(env, "collectstatic", "--noinput", "-v0")


def measure(server, env, folder, base_url, options):
    """Runs the measured swarm; returns the CPU time that gunicorn's workers and locust used
    meanwhile (what the run itself cost, whatever else ran) and the machine's load average
    at the end (the run's own load and everything else, which slows the run down with it)."""
    locust_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before = cpu_seconds(server.pid)
    swarm(
        env,
        folder,
        base_url,
        "locust",
        users=options.users,
        spawn_rate=options.spawn_rate,
        duration=options.duration,
    )
    server_after = cpu_seconds(server.pid)
    locust_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    locust = sum(
        getattr(locust_after, name) - getattr(locust_before, name)
        for name in ("ru_utime", "ru_stime")
    )
    return {
        "server_cpu_s": round(server_after - server_before, 1),
        "locust_cpu_s": round(locust, 1),
        "load_average": round(os.getloadavg()[0], 1),
        "cores": os.cpu_count(),
    }


def step(text):
    print(f"   {text} …", flush=True)


def environment(database, folder, postgres_url):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        {
            "UTSYN_DEBUG": "0",
            "UTSYN_TOOLS": "1",  # the benchmark's and the load test's own commands
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Plain HTTP on loopback: no redirect to HTTPS, no HSTS.
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "UTSYN_VAR_DIR": str(folder),
            # Persistent connections, as the README recommends for production.
            "DATABASE_CONN_MAX_AGE": env.get("DATABASE_CONN_MAX_AGE", "60"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        }
    )
    if database == "postgres":
        env["DATABASE_URL"] = postgres_url
    elif database != "sqlite":
        raise RunError(f"Unknown database {database!r}: sqlite or postgres.")
    return env


def reset_database(database, folder, postgres_url):
    if database == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            (folder / f"utsyn.sqlite3{suffix}").unlink(missing_ok=True)
        return
    name = urlsplit(postgres_url).path.lstrip("/")
    if not name.startswith("utsyn_load"):
        raise RunError(
            f"Refusing to touch the database {name!r}: its name must start with utsyn_load."
        )
    import psycopg
    from psycopg import sql

    server = urlsplit(postgres_url)._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(server, autocommit=True, connect_timeout=5) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as error:
        raise RunError(f"PostgreSQL is not reachable at {server}: {error}") from error


def manage(env, *args):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RunError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 – loopback only
        return response.status


def wait_until_serving(server, base_url, log):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RunError(f"gunicorn stopped:\n{tail(log)}")
        try:
            if fetch(base_url + "/") == 200:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise RunError(f"gunicorn did not answer within 60 s:\n{tail(log)}")


def swarm(env, folder, base_url, name, users, spawn_rate, duration):
    """Runs locust headless; its statistics go to <folder>/<name>_stats.csv and its output
    to <folder>/<name>.log."""
    command = [
        BIN / "locust",
        "-f",
        LOCUSTFILE,
        "--headless",
        "--host",
        base_url,
        "-u",
        str(users),
        "-r",
        str(spawn_rate),
        "-t",
        duration,
        "--csv",
        folder / name,
        "--only-summary",
        "--stop-timeout",
        "10",
        "--loglevel",
        "WARNING",
    ]
    (folder / f"{name}_stats.csv").unlink(missing_ok=True)
    with (folder / f"{name}.log").open("w") as log:
        subprocess.run(  # noqa: S603
            command,
            cwd=ROOT,
            env={
                **env,
                "UTSYN_LOAD_SETUP": str(folder / "setup.json"),
                "UTSYN_LOAD_REQUEST_LOG": str(folder / f"{name}_requests.csv"),
            },
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if not (folder / f"{name}_stats.csv").exists():
        raise RunError(f"locust wrote no statistics:\n{tail(folder / f'{name}.log')}")


def cpu_seconds(master):
    """The CPU time (user and system) that gunicorn's workers have used so far: the running
    ones' own, plus what the master has collected from workers that ended (a worker is
    replaced after GUNICORN_MAX_REQUESTS). From /proc, on Linux; 0 elsewhere."""
    ticks = os.sysconf("SC_CLK_TCK")

    def stat(pid):
        # The fields after the command name: utime, stime, cutime, cstime are 11 to 14.
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()

    try:
        ended = sum(int(field) for field in stat(master)[13:15])
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return 0.0
    running = 0
    for pid in children:
        try:
            running += sum(int(field) for field in stat(pid)[11:13])
        except OSError:  # ended meanwhile
            continue
    return (ended + running) / ticks


def stop(server):
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def summarise(database, folder, options):
    with (folder / "locust_stats.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    result = {
        "database": database,
        "users": options.users,
        "duration": options.duration,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "median_ms": _number(total["Median Response Time"]),
        "p95_ms": _number(total["95%"]),
        "p99_ms": _number(total["99%"]),
        "max_ms": _number(total["Max Response Time"]),
        "requests_per_s": round(float(total["Requests/s"]), 1),
    }
    result["verdict"] = (
        "pass"
        if result["requests"] > 0
        and result["failures"] == 0
        and result["p99_ms"] is not None
        and result["p99_ms"] < P99_TARGET_MS
        else "fail"
    )
    pages = [row for row in rows if row["Name"] != "Aggregated"]
    pages.sort(key=lambda row: _number(row["99%"]) or 0, reverse=True)
    result["pages"] = [
        {
            "name": f"{row['Type']} {row['Name']}",
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "median_ms": _number(row["Median Response Time"]),
            "p99_ms": _number(row["99%"]),
            "max_ms": _number(row["Max Response Time"]),
        }
        for row in pages
    ]
    result["timeline"] = timeline(folder / "locust_requests.csv")
    failures = folder / "locust_failures.csv"
    if failures.exists():
        with failures.open(encoding="utf-8") as handle:
            result["failure_details"] = list(csv.DictReader(handle))
    return result


def percentile(values, share):
    """The nearest-rank percentile of sorted values."""
    return values[max(0, min(len(values) - 1, round(share * len(values) + 0.5) - 1))]


def timeline(path, seconds=10):
    """Requests, median and p99 in each 10-second stretch of the run, from locust's log of
    every request: shows whether slow answers came at the start (logins, ramp-up) or
    throughout."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        rows = [(float(start), float(ms)) for start, _name, ms, _failed in csv.reader(handle)]
    if not rows:
        return []
    first = min(start for start, _ms in rows)
    stretches = {}
    for start, ms in rows:
        stretches.setdefault(int((start - first) // seconds), []).append(ms)
    return [
        {
            "from_s": index * seconds,
            "requests": len(times),
            "median_ms": percentile(sorted(times), 0.5),
            "p99_ms": percentile(sorted(times), 0.99),
        }
        for index, times in sorted(stretches.items())
    ]


def server_log_problems(log):
    """The lines of gunicorn's log that tell of a problem: errors, tracebacks, locks."""
    markers = ("Traceback", "ERROR", "CRITICAL", "database is locked", "WORKER TIMEOUT")
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    return [line for line in lines if any(marker in line for marker in markers)][:50]


def tail(path, lines=30):
    return (
        "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""
    )


COLUMNS = [
    ("database", "database", "{}"),
    ("requests", "requests", "{:d}"),
    ("failures", "failures", "{:d}"),
    ("median", "median_ms", "{:.0f} ms"),
    ("p95", "p95_ms", "{:.0f} ms"),
    ("p99", "p99_ms", "{:.0f} ms"),
    ("max", "max_ms", "{:.0f} ms"),
    ("req/s", "requests_per_s", "{:.1f}"),
    ("verdict", "verdict", "{}"),
]


def table(results):
    body = []
    for result in results:
        body.append(
            [
                "–" if result.get(key) is None else pattern.format(result[key])
                for _header, key, pattern in COLUMNS
            ]
        )
    headers = [header for header, _key, _pattern in COLUMNS]
    widths = [max(len(cell) for cell in column) for column in zip(headers, *body, strict=True)]

    def line(cells):
        return (
            "| "
            + " | ".join(
                cell.ljust(width) if index == 0 else cell.rjust(width)
                for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
            )
            + " |"
        )

    rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([line(headers), rule, *map(line, body)])


if __name__ == "__main__":
    sys.exit(main())
