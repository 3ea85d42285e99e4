"""The load runner's bookkeeping: the verdict, the table, the databases it may touch."""

import argparse

import pytest

from utsyn.loadtest import run

HEADER = (
    '"Type","Name","Request Count","Failure Count","Median Response Time",'
    '"Average Response Time","Min Response Time","Max Response Time","Average Content Size",'
    '"Requests/s","Failures/s","50%","66%","75%","80%","90%","95%","98%","99%","99.9%",'
    '"99.99%","100%"'
)


def _stats(tmp_path, failures=0, p99=420):
    rows = [
        f'"GET","/[org]/",100,{failures},40,50,10,900,1000,5.0,0,40,50,60,60,80,120,300,{p99},'
        "900,900,900",
        '"GET","/[org]/dashboard/",50,0,60,70,20,700,1000,2.5,0,60,70,80,90,100,200,400,650,'
        "700,700,700",
        f'"","Aggregated",150,{failures},50,55,10,900,1000,7.5,0,50,60,70,70,90,150,350,{p99},'
        "900,900,900",
    ]
    (tmp_path / "locust_stats.csv").write_text("\n".join([HEADER, *rows]) + "\n")
    return run.summarise("sqlite", tmp_path, argparse.Namespace(users=50, duration="60s"))


def test_a_run_without_failures_and_with_p99_under_a_second_passes(tmp_path):
    result = _stats(tmp_path)
    assert (result["requests"], result["failures"], result["p99_ms"]) == (150, 0, 420)
    assert result["verdict"] == "pass"
    assert [page["name"] for page in result["pages"]] == ["GET /[org]/dashboard/", "GET /[org]/"]


@pytest.mark.parametrize("failures, p99", [(1, 420), (0, 1000), (0, 1500)])
def test_any_failure_or_a_p99_of_a_second_or_more_fails(tmp_path, failures, p99):
    assert _stats(tmp_path, failures, p99)["verdict"] == "fail"


def test_the_table_has_a_row_per_database_and_shows_errors(tmp_path):
    lines = run.table([_stats(tmp_path), {"database": "postgres", "verdict": "error"}]).splitlines()
    cells = [[cell.strip() for cell in line.split("|")[1:-1]] for line in lines]
    assert cells[0] == ["database", "requests", "failures", "median", "p95", "p99", "max"] + [
        "req/s",
        "verdict",
    ]
    assert cells[2] == [
        "sqlite",
        "150",
        "0",
        "50 ms",
        "150 ms",
        "420 ms",
        "900 ms",
        "7.5",
        "pass",
    ]
    assert cells[3][::8] == ["postgres", "error"]


def test_only_databases_named_utsyn_load_are_ever_dropped(tmp_path):
    with pytest.raises(run.RunError, match="must start with utsyn_load"):
        run.reset_database("postgres", tmp_path, "postgres://postgres@127.0.0.1:5432/utsyn")
