"""The sitrep flows.

ingest:  SOURCE files/folders/URLs -> warehouse/raw/ingest_date=*/part-*.parquet (+ quarantine/)
extract: pending raw items -> warehouse/clean/, warehouse/events/{mentions,quantities}/ (+ quarantine/)
build:   the Parquet layers -> warehouse/sitrep.duckdb and warehouse/marts/*.parquet
run:     all three, holding the warehouse lock, and leaves a `sitrep-run-report` markdown artifact.

Re-runs are cheap because the stages are content-keyed: an unchanged input ingests nothing new
and yields no pending batch, so no extraction task runs at all (no Prefect result cache needed).
When a read-only check finds nothing to do at all (transforms/io/fingerprint.py:unchanged_run),
`sitrep-run` runs no subflow, only its report.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from flows.runners import dask_task_runner
from transforms import run_report, stages
from transforms.io.fingerprint import unchanged_run
from transforms.io.lock import warehouse_lock
from transforms.io.storage import warehouse_path
from transforms.settings import SQL_DIR, Settings
from transforms.sources import REMOTE_KINDS, classify_source

__all__ = ["ingest_flow", "extract_flow", "build_flow", "sitrep_run", "PROGRESS"]

# Progress lines for people watching a terminal; the CLI attaches a stderr handler, a served
# deployment does not, so scheduled runs stay quiet.
PROGRESS = logging.getLogger("sitrep.progress")
# Network fetches are the only thing worth retrying; the explicit backoff list is in seconds.
NETWORK_RETRY_DELAYS = [10, 60]
REPORT_KEY = "sitrep-run-report"

_held: set[Path] = set()


@contextmanager
def _one_run_at_a_time(root: Path, wait: float) -> Iterator[None]:
    """The warehouse lock, re-entrant within this process (sitrep_run holds it for its subflows)."""
    key = root.resolve()
    if key in _held:
        yield
        return
    with warehouse_lock(root, wait=wait):
        _held.add(key)
        try:
            yield
        finally:
            _held.discard(key)


def _fetches_network(sources: list[str] | None) -> bool:
    try:
        return any(classify_source(source) in REMOTE_KINDS + ("toml",) for source in sources or [])
    except (ValueError, FileNotFoundError):
        return False  # ingest reports the bad source itself


@task(name="ingest")
def ingest_task(sources: list[str] | None, warehouse: Path) -> dict[str, int]:
    counts = stages.ingest(sources, warehouse)
    get_run_logger().info("ingest done", extra={"counts": counts})
    return counts


@task(name="process-batch")
def process_task(manifest: Path, warehouse: Path) -> dict[str, int]:
    counts = stages.process_batch(manifest, warehouse)
    get_run_logger().info("batch %s done", manifest.stem, extra={"counts": counts})
    return counts


@task(name="build-models")
def build_task(warehouse: Path) -> dict[str, int]:
    return stages.build(warehouse)


@task(name="known-exchanges")
def known_exchanges_task(warehouse: Path) -> list[str]:
    return sorted(run_report.exchange_ids(warehouse))


@task(name="run-report")
def report_task(warehouse: Path, counts: dict[str, dict[str, int]], known: list[str]) -> str:
    report = run_report.collect(warehouse, counts, set(known))
    create_markdown_artifact(key=REPORT_KEY, markdown=run_report.render_markdown(report),
                             description=f"sitrep run on {warehouse}")
    return run_report.render_text(report)


@flow(name="sitrep-ingest")
def ingest_flow(sources: list[str] | None = None, warehouse: str | None = None,
                lock_wait: float = 0.0) -> dict[str, int]:
    root = _root(warehouse)
    network = _fetches_network(sources)
    runner = ingest_task.with_options(retries=len(NETWORK_RETRY_DELAYS), retry_delay_seconds=NETWORK_RETRY_DELAYS) \
        if network else ingest_task
    with _one_run_at_a_time(root, lock_wait):
        counts = runner(sources, root)
    PROGRESS.info("ingest: %s", _fmt(counts))
    return counts


@flow(name="sitrep-extract", task_runner=ThreadPoolTaskRunner(max_workers=1))
def extract_flow(warehouse: str | None = None, batch_size: int | None = None,
                 lock_wait: float = 0.0) -> dict[str, int]:
    """Batches are submitted to the flow's task runner: one thread by default, Dask when asked."""
    settings = Settings()
    root = _root(warehouse)
    totals: dict[str, int] = {"batches": 0}
    with _one_run_at_a_time(root, lock_wait):
        manifests = stages.pending_batches(root, batch_size or settings.batch_size)
        futures = [process_task.submit(manifest, root) for manifest in manifests]
        for future in as_completed(futures):
            for name, value in future.result().items():
                totals[name] = totals.get(name, 0) + value
            totals["batches"] += 1
            PROGRESS.info("extract: batch %d/%d, %s", totals["batches"], len(manifests), _fmt(totals))
    return totals


@flow(name="sitrep-build")
def build_flow(warehouse: str | None = None, lock_wait: float = 0.0) -> dict[str, int]:
    root = _root(warehouse)
    with _one_run_at_a_time(root, lock_wait):
        counts = build_task(root)
    PROGRESS.info("build: %d tables", len(counts))
    return counts


@flow(name="sitrep-run")
def sitrep_run(sources: list[str] | None = None, warehouse: str | None = None, lock_wait: float = 0.0,
               dask: str | None = None, check_unchanged: bool = True) -> dict:
    """The whole pipeline on SOURCES (default: the bundled sample articles).

    `dask`: None for the default runner, "local" for a local Dask cluster, or a scheduler address.
    `check_unchanged`: False when the caller has just made the same check and found changes (the CLI).
    Returns the stage counts and the summary text (the same text as the run-report artifact).
    """
    root = _root(warehouse)
    extract = extract_flow.with_options(task_runner=dask_task_runner(dask)) if dask else extract_flow
    with _one_run_at_a_time(root, lock_wait):
        unchanged = unchanged_run(sources, root, SQL_DIR) if check_unchanged else None
        if unchanged is not None:
            # Nothing to ingest, extract or build: no subflow runs (each costs a flow-run registration
            # and its state changes, about 0.2 s), only the report, so the run still leaves its artifact.
            PROGRESS.info("nothing changed since the last run: %s items already in, build up to date",
                          unchanged["ingest"]["items_read"])
            summary = report_task(root, unchanged, sorted(run_report.exchange_ids(root)))
            return {"counts": unchanged, "summary": summary}
        known = known_exchanges_task(root)
        counts = {
            "ingest": ingest_flow(sources, str(root)),
            "extract": extract(str(root)),
            "build": build_flow(str(root)),
        }
        summary = report_task(root, counts, known)
    return {"counts": counts, "summary": summary}


def _root(warehouse: str | None):
    """The warehouse: a folder (Path) or an object-store URI (ObjectPath); default from Settings."""
    return warehouse_path(warehouse) if warehouse else Settings().warehouse


def _fmt(counts: dict[str, int]) -> str:
    return ", ".join(f"{name}={value}" for name, value in counts.items())
