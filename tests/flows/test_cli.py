"""The CLI as a user runs it: real Prefect (temporary local server), real DuckDB CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ENV = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}
SITREP = [sys.executable, "-m", "flows.cli"]


def _sitrep(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([*SITREP, *args], capture_output=True, text=True, env=ENV, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def cli_warehouse(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    root = tmp_path_factory.mktemp("cli") / "warehouse"
    result = _sitrep("run", "--warehouse", str(root))
    assert result.returncode == 0, result.stderr
    return root, result


def test_run_prints_a_summary_and_no_error_noise(cli_warehouse):
    _, result = cli_warehouse
    assert "prisoner_exchanges     2" in result.stdout
    assert "2024-08-24" in result.stdout and "248" in result.stdout
    assert "ERROR" not in result.stderr and "Traceback" not in result.stderr
    assert "telemetry" not in result.stderr.lower()


def test_duckdb_cli_reads_the_warehouse_read_only(cli_warehouse, tmp_path):
    root, _ = cli_warehouse
    duckdb_cli = shutil.which("duckdb", path=str(Path(sys.executable).parent)) or shutil.which("duckdb")
    assert duckdb_cli, "the duckdb CLI is a test dependency (duckdb-cli)"
    out = subprocess.run([duckdb_cli, "-readonly", "-json", str(root / "sitrep.duckdb"), "-c",
                          "select returned_to_a, returned_to_b from prisoner_exchanges order by event_date"],
                         capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [{"returned_to_a": 248, "returned_to_b": 173},
                                      {"returned_to_a": 115, "returned_to_b": 115}]


def test_query_formats(cli_warehouse):
    root, _ = cli_warehouse
    sql = "select side_a, returned_to_a from prisoner_exchanges order by event_date"
    as_json = _sitrep("query", sql, "--warehouse", str(root), "--format", "json")
    assert json.loads(as_json.stdout) == [{"side_a": "RUS", "returned_to_a": 248}, {"side_a": "RUS", "returned_to_a": 115}]
    as_csv = _sitrep("query", sql, "--warehouse", str(root), "--format", "csv")
    assert as_csv.stdout.splitlines() == ["side_a,returned_to_a", "RUS,248", "RUS,115"]


@pytest.mark.parametrize("sql", [
    "create table x as select 1",
    "delete from articles",
    "copy articles to '/tmp/sitrep_leak.csv'",
    "attach '/tmp/sitrep_other.duckdb' as other",
    "install httpfs",
    "select * from read_csv('/etc/passwd')",
    "set enable_external_access = true",
])
def test_query_is_read_only_and_sandboxed(cli_warehouse, sql):
    root, _ = cli_warehouse
    result = _sitrep("query", sql, "--warehouse", str(root))
    assert result.returncode != 0
    assert not Path("/tmp/sitrep_leak.csv").exists()


def test_second_run_changes_nothing(cli_warehouse):
    root, _ = cli_warehouse
    query = "select * from events order by event_id"
    before = _sitrep("query", query, "--warehouse", str(root), "--format", "json").stdout
    again = _sitrep("run", "--warehouse", str(root))
    assert again.returncode == 0, again.stderr
    assert "raw_new=0, raw_seen=2" in again.stdout
    assert "Prefect not started" in again.stderr  # nothing changed: the summary without a flow run
    assert "prisoner_exchanges     2" in again.stdout
    assert _sitrep("query", query, "--warehouse", str(root), "--format", "json").stdout == before


def test_no_skip_runs_the_flow_on_an_unchanged_warehouse(cli_warehouse):
    root, _ = cli_warehouse
    again = _sitrep("run", "--warehouse", str(root), "--no-skip")
    assert again.returncode == 0, again.stderr
    assert "Prefect not started" not in again.stderr
    # the flow ran, found nothing to do and ran no subflow (no ingest/extract/build progress lines)
    assert "sitrep: nothing changed since the last run: 2 items already in" in again.stderr
    assert "sitrep: ingest:" not in again.stderr and "sitrep: build:" not in again.stderr
    assert "raw_new=0, raw_seen=2" in again.stdout
