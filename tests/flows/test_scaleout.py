"""Scale-out: extraction batches spread over a local Dask cluster give the same warehouse rows."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

TABLES = {
    "articles": "select article_id, title from articles order by article_id",
    "events": "select * from events order by event_id",
    "prisoner_exchanges": "select * from prisoner_exchanges order by event_id",
    "loss_claims": "select * from loss_claims order by all",
}


def _rows(root) -> dict[str, list]:
    with duckdb.connect(str(root / "sitrep.duckdb"), read_only=True) as con:
        return {name: con.sql(sql).fetchall() for name, sql in TABLES.items()}


@pytest.mark.parametrize("processes", ["0"])  # in-process workers: the same code path, quicker to start
def test_dask_runner_gives_the_same_rows_as_the_default_runner(prefect_server, tmp_path, processes):
    env, _, _ = prefect_server
    # One article per batch, so the two batches land on the two workers.
    env = {**env, "SITREP_BATCH_SIZE": "1", "SITREP_DASK_WORKERS": "2", "SITREP_DASK_PROCESSES": processes}
    results = {}
    for label, extra in (("default", []), ("dask", ["--dask"])):
        root = tmp_path / label
        done = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--warehouse", str(root), *extra],
                              capture_output=True, text=True, env=env, timeout=240)
        assert done.returncode == 0, done.stderr[-3000:]
        assert "extract: batch 2/2" in done.stderr
        assert "ERROR" not in done.stderr and "Traceback" not in done.stderr, done.stderr[-3000:]
        results[label] = _rows(root)
    assert results["dask"] == results["default"]
    assert len(results["default"]["prisoner_exchanges"]) == 2
