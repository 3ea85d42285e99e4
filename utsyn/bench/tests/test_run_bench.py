"""`run_bench` at a tiny scale, on SQLite: the structure of results.json. No timings are
checked here; they depend on the machine."""

import contextlib
import json

from django.core.management import CommandError, call_command

from utsyn.bench import results as judging
from utsyn.bench.measure import FLOOR, PAGES, REPORTS


def test_results_json_has_every_page_and_report(tmp_path):
    # Targets may well be missed at this scale on a busy machine: that is not the question.
    with contextlib.suppress(CommandError):
        call_command(
            "run_bench",
            organisations=2,
            requests=1,
            databases="sqlite",
            formats="html,csv",
            data_dir=tmp_path,
        )
    results = json.loads((tmp_path / "results.json").read_text())
    assert {"date", "machine", "targets", "generator", "databases", "passed"} <= set(results)
    assert {"cpu", "cores", "python", "sqlite"} <= set(results["machine"])
    sqlite = results["databases"]["sqlite"]
    assert set(sqlite["data_sets"]) == {"full", "tenth"}
    assert sqlite["data_sets"]["full"]["organisations"] == 2
    assert sqlite["data_sets"]["full"]["total"] > sqlite["data_sets"]["tenth"]["total"] > 0
    assert {"median_ms", "p95_ms", "queries"} <= set(sqlite["floor"])
    assert [row["page"] for row in sqlite["pages"]] == [p[0] for p in PAGES if p[0] != FLOOR]
    for row in sqlite["pages"]:
        assert {"median_ms", "p95_ms", "floor_ratio", "queries_full", "queries_tenth"} <= set(row)
        assert isinstance(row["missed"], list)
    assert [(row["report"], row["format"]) for row in sqlite["reports"]] == [
        (report, fmt) for report in REPORTS for fmt in ("html", "csv")
    ]
    assert sqlite["peak_memory_mb"] > 0
    assert "| page |" in judging.markdown_run(results)
