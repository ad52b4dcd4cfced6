"""The sitrep flows.

ingest:  SOURCE files/folders/URLs -> warehouse/raw/ingest_date=*/part-*.parquet (+ quarantine/)
extract: pending raw items -> warehouse/clean/, warehouse/events/{mentions,quantities}/ (+ quarantine/)
build:   the Parquet layers -> warehouse/sitrep.duckdb and warehouse/marts/*.parquet
run:     all three.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task

from transforms import stages
from transforms.settings import Settings

__all__ = ["ingest_flow", "extract_flow", "build_flow", "sitrep_run"]


@task(name="ingest")
def ingest_task(sources: list[str] | None, warehouse: Path) -> dict[str, int]:
    counts = stages.ingest(sources, warehouse)
    get_run_logger().info("ingest %s", counts)
    return counts


@task(name="process-batch")
def process_task(manifest: Path, warehouse: Path) -> dict[str, int]:
    counts = stages.process_batch(manifest, warehouse)
    get_run_logger().info("batch %s %s", manifest.stem, counts)
    return counts


@task(name="build-models")
def build_task(warehouse: Path) -> dict[str, int]:
    return stages.build(warehouse)


@flow(name="sitrep-ingest")
def ingest_flow(sources: list[str] | None = None, warehouse: str | None = None) -> dict[str, int]:
    return ingest_task(sources, Path(warehouse or Settings().warehouse))


@flow(name="sitrep-extract")
def extract_flow(warehouse: str | None = None, batch_size: int | None = None) -> dict[str, int]:
    settings = Settings()
    root = Path(warehouse or settings.warehouse)
    totals: dict[str, int] = {"batches": 0}
    for manifest in stages.pending_batches(root, batch_size or settings.batch_size):
        for name, value in process_task(manifest, root).items():
            totals[name] = totals.get(name, 0) + value
        totals["batches"] += 1
    return totals


@flow(name="sitrep-build")
def build_flow(warehouse: str | None = None) -> dict[str, int]:
    return build_task(Path(warehouse or Settings().warehouse))


@flow(name="sitrep-run")
def sitrep_run(sources: list[str] | None = None, warehouse: str | None = None) -> dict[str, dict[str, int]]:
    """The whole pipeline on SOURCES (default: the bundled sample articles)."""
    root = str(Path(warehouse or Settings().warehouse))
    return {
        "ingest": ingest_flow(sources, root),
        "extract": extract_flow(root),
        "build": build_flow(root),
    }
