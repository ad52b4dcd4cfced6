"""Helpers for the reliability suite: run the stages in a child process or in this one, read every table back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("worker.py")
SAMPLES = REPO / "samples" / "articles"
GOLD = REPO / "tests" / "gold" / "articles"
TABLES = ["articles", "event_mentions", "event_quantities", "events", "prisoner_exchanges", "loss_claims",
          "exchange_totals_monthly", "quarantine"]
BASE_ENV = {k: v for k, v in os.environ.items() if not k.startswith("SITREP_")}


def run_worker(root: Path, sources: list[str], *, batch_size: int = 2, env: dict | None = None,
               wait: bool = True, timeout: float = 120) -> subprocess.CompletedProcess | subprocess.Popen:
    """The stages in a fresh interpreter (so a kill takes only that process)."""
    command = [sys.executable, str(WORKER), str(root), str(batch_size), *sources]
    full_env = {**BASE_ENV, "PYTHONPATH": str(REPO), **(env or {})}
    if not wait:
        return subprocess.Popen(command, env=full_env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return subprocess.run(command, env=full_env, cwd=REPO, capture_output=True, text=True, timeout=timeout)


def run_here(root: Path, sources: list[str], *, batch_size: int = 2) -> None:
    """The same stages in this process (for re-runs: no interpreter start-up)."""
    from transforms import stages

    stages.ingest(sources, root)
    for manifest in stages.pending_batches(root, batch_size):
        stages.process_batch(manifest, root)
    stages.build(root)


def snapshot(root: Path) -> dict[str, list[str]]:
    """Every mart table's rows, sorted, from a read-only connection."""
    with duckdb.connect(str(root / "sitrep.duckdb"), read_only=True) as con:
        return {t: sorted(map(repr, con.sql(f"select * from {t}").fetchall())) for t in TABLES}


def assert_readable(root: Path) -> None:
    """The state a reader can see is whole: every visible Parquet file and the database open and read."""
    for path in root.rglob("*.parquet"):
        pq.read_table(path)  # raises on a partial or corrupt file
    db = root / "sitrep.duckdb"
    if db.exists():
        with duckdb.connect(str(db), read_only=True) as con:
            con.sql("select count(*) from articles").fetchall()
    # Temporary files are hidden (leading dot) and never end in .parquet or .duckdb.
    for path in root.rglob("*"):
        if path.name.endswith(".tmp"):
            assert path.name.startswith("."), path
