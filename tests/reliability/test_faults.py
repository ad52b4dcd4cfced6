"""Fault injection: SIGKILL the pipeline at named points, re-run, and compare with an uninterrupted run.

After every kill the warehouse is readable and shows no partial file; after the re-run every table
equals the reference run's: nothing lost, nothing duplicated.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

import pyarrow.dataset as ds
import pytest

from reliability_support import BASE_ENV, REPO, assert_readable, run_here, run_worker, snapshot
from transforms.io import faults

# "name@N" is the N-th time the point is reached (batch size 2: three extract batches).
KILL_POINTS = [
    "ingest.after_raw",            # raw written, ingest quarantine not yet
    "parquet.before_rename@1",     # first raw part complete under its temporary name
    "parquet.before_rename@4",     # a part of the first extract batch complete, not renamed
    "extract.after_mentions@2",    # second batch: mentions written; quantities, quarantine, clean not
    "extract.before_articles@1",   # first batch: everything but the done-marker (clean part) written
    "extract.before_articles@3",   # third batch, with quarantined items
    "build.before_publish",        # new database built and tested; marts not exported, db not renamed
    "build.marts@4",               # half the mart Parquet files replaced
]


@pytest.fixture(scope="module")
def reference(tmp_path_factory, small_sources):
    """An uninterrupted run (in a child process, like the killed ones)."""
    root = tmp_path_factory.mktemp("reference") / "warehouse"
    result = run_worker(root, small_sources)
    assert result.returncode == 0, result.stderr
    return root, snapshot(root)


def _raw_ids_unique(root) -> bool:
    ids = ds.dataset(root / "raw", format="parquet", partitioning="hive").to_table(columns=["raw_id"]).column(0)
    return len(ids) == len(set(ids.to_pylist()))


def test_every_point_is_exercised():
    assert {p.split("@")[0] for p in KILL_POINTS} == set(faults.POINTS)


def test_checkpoint_is_inert_unless_named(monkeypatch):
    monkeypatch.delenv("SITREP_KILL_AT", raising=False)
    monkeypatch.setenv("SITREP_STOP_AT", "some.other.point")
    for point in faults.POINTS:
        faults.checkpoint(point)  # still alive


@pytest.mark.parametrize("point", KILL_POINTS)
def test_kill_and_rerun_equals_uninterrupted(tmp_path, small_sources, reference, point):
    ref_root, expected = reference
    root = tmp_path / "warehouse"
    if point.startswith("build"):
        shutil.copytree(ref_root, root)  # a published warehouse, which the killed build must not harm
        (root / "state" / "last_build.json").unlink()  # forget it was built, so the build runs again
    killed = run_worker(root, small_sources, env={"SITREP_KILL_AT": point})
    assert killed.returncode == -signal.SIGKILL, f"did not die at {point}: rc={killed.returncode} {killed.stderr[-2000:]}"
    assert_readable(root)
    if point.startswith("build"):
        assert snapshot(root) == expected  # readers still see the last good build
    run_here(root, small_sources)
    assert_readable(root)
    assert snapshot(root) == expected
    assert _raw_ids_unique(root)


def test_full_cli_killed_mid_extract_then_rerun(tmp_path, small_sources, reference):
    """The real `sitrep run` (Prefect and all) killed inside a batch; a plain re-run completes it."""
    root = tmp_path / "warehouse"
    log = tmp_path / "cli.log"
    with open(log, "wb") as out:  # not a pipe: the orphaned Prefect server would hold it open
        proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "run", *small_sources, "--warehouse", str(root)],
                                env={**BASE_ENV, "SITREP_KILL_AT": "extract.after_mentions",
                                     "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"},
                                cwd=REPO, stdout=out, stderr=out, start_new_session=True)
        try:
            returncode = proc.wait(timeout=240)
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # the run's own children (a temporary Prefect server)
            except ProcessLookupError:
                pass
    assert returncode == -signal.SIGKILL, log.read_text()[-2000:]
    assert_readable(root)
    assert not (root / "sitrep.duckdb").exists()
    run_here(root, small_sources)
    assert snapshot(root) == reference[1]
    assert _raw_ids_unique(root)
