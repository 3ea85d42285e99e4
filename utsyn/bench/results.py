"""The targets of issue 6, the verdicts, and the tables printed and recorded."""

import os
import platform

from .measure import FLOOR

TARGETS = {
    "floor_ratio": 10,  # a page's median within ten times the floor's
    "p95_ms": 150,
    "report_s": {"pdf": 3.0, "docx": 1.0, "xlsx": 1.0},
    "peak_memory_mb": 300,
    "generation_s": 600,
}


def judge_pages(full, tenth, timed=True):
    """One row per main page: its times against the floor, and its queries at both scales.

    The issue sets the page times for PostgreSQL, the production database (`timed`); on SQLite
    a time over its target is shown, not counted as missed. Queries count on both.
    """
    floor = full[FLOOR]["median_ms"]
    rows = []
    for page, measured in full.items():
        if page == FLOOR:
            continue
        ratio = measured["median_ms"] / floor
        slow = []
        if ratio > TARGETS["floor_ratio"]:
            slow.append(f"> {TARGETS['floor_ratio']}× floor")
        if measured["p95_ms"] > TARGETS["p95_ms"]:
            slow.append(f"p95 > {TARGETS['p95_ms']} ms")
        missed = list(slow) if timed else []
        if measured["queries"] != tenth[page]["queries"]:
            missed.append("queries grow with the data")
        rows.append(
            {
                "page": page,
                "url": measured["url"],
                "median_ms": measured["median_ms"],
                "p95_ms": measured["p95_ms"],
                "floor_ratio": round(ratio, 1),
                "queries_full": measured["queries"],
                "queries_tenth": tenth[page]["queries"],
                "missed": missed,
                "informational": [] if timed else slow,
            }
        )
    return rows


def judge_reports(measured):
    rows = []
    for build in measured["builds"]:
        target = TARGETS["report_s"].get(build["format"])
        missed = [f"> {target} s"] if target and build["best_s"] >= target else []
        rows.append({**build, "target_s": target, "missed": missed})
    return rows


def missed_targets(results):
    """Every missed target of the run, as text."""
    missed = []
    for engine, result in results["databases"].items():
        for row in result.get("pages", []):
            missed += [f"{engine} {row['page']}: {text}" for text in row["missed"]]
        for row in result.get("reports", []):
            missed += [f"{engine} {row['report']} {row['format']}: {t}" for t in row["missed"]]
        if result.get("peak_memory_mb", 0) > TARGETS["peak_memory_mb"]:
            missed.append(f"{engine} reports: peak memory > {TARGETS['peak_memory_mb']} MB")
        full = result.get("data_sets", {}).get("full", {})
        if not full.get("reused", True) and full["seconds"] > TARGETS["generation_s"]:
            missed.append(f"{engine} generation: > {TARGETS['generation_s']} s")
    return missed


def _verdict(missed):
    return "ok" if not missed else "MISSED: " + "; ".join(missed)


def _page_verdict(row):
    if row["missed"] or not row.get("informational"):
        return _verdict(row["missed"])
    return "ok (over on SQLite: " + "; ".join(row["informational"]) + ")"


def page_table(result):
    header = ["page", "median ms", "p95 ms", "× floor", "queries", "tenth", "verdict"]
    floor = result["floor"]
    rows = [[FLOOR, floor["median_ms"], floor["p95_ms"], "1.0", floor["queries"], "", ""]]
    for row in result["pages"]:
        rows.append(
            [
                row["page"],
                row["median_ms"],
                row["p95_ms"],
                row["floor_ratio"],
                row["queries_full"],
                row["queries_tenth"],
                _page_verdict(row),
            ]
        )
    return header, rows


def report_table(result):
    header = ["report", "format", "best s", "median s", "target s", "verdict"]
    rows = [
        [row["report"], row["format"], row["best_s"], row["median_s"], row["target_s"] or ""]
        + [_verdict(row["missed"])]
        for row in result["reports"]
    ]
    return header, rows


def text_table(header, rows):
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = ["  ".join(f"{cell!s:<{width}}" for cell, width in zip(header, widths, strict=True))]
    for row in rows:
        lines.append(
            "  ".join(
                f"{cell!s:>{width}}" if isinstance(cell, int | float) else f"{cell!s:<{width}}"
                for cell, width in zip(row, widths, strict=True)
            )
        )
    return "\n".join(lines)


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def machine():
    """What the numbers are measured on, and how busy it is as the run starts."""
    cpu, memory = platform.processor(), None
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            cpu = next(line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line)
        with open("/proc/meminfo") as meminfo:
            memory = round(int(meminfo.readline().split()[1]) / 1024 / 1024, 1)
    except (OSError, StopIteration):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory,
        "system": platform.platform(),
        "python": platform.python_version(),
        "load_average": [round(value, 2) for value in os.getloadavg()],
    }


def markdown_run(results, note=""):
    """One run as a section of docs/performance.md."""
    m = results["machine"]
    lines = [
        f"### {results['date']} — {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB",
        "",
        f"Python {m['python']}, SQLite {m.get('sqlite', '–')}, "
        f"PostgreSQL {m.get('postgresql', 'not measured')}; {m['system']}. "
        f"Load average at the start: {', '.join(str(v) for v in m['load_average'])}.",
    ]
    if note:
        lines += ["", note]
    for engine, result in results["databases"].items():
        lines += ["", f"**{engine}**"]
        if "skipped" in result:
            lines += ["", f"Not measured: {result['skipped']}"]
            continue
        for name, data in result["data_sets"].items():
            how = "reused" if data["reused"] else "generated"
            lines.append(
                f"- data set {name}: {data['organisations']} organisations, {data['total']:,} "
                f"rows, {how} (generation took {data['seconds']:.0f} s)"
            )
        lines += ["", markdown_table(*page_table(result))]
        lines += ["", markdown_table(*report_table(result))]
        lines += ["", f"Peak memory of the report builds: {result['peak_memory_mb']} MB."]
    missed = missed_targets(results)
    lines += ["", "Targets missed: " + "; ".join(missed) if missed else "All targets met.", ""]
    return "\n".join(lines)
