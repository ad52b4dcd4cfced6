"""The one settings object: warehouse root, batch size and versions, overridable from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from transforms.io.storage import WarehousePath, warehouse_path

__all__ = ["PROJECT_ROOT", "SAMPLE_DIR", "SQL_DIR", "SCHEMA_VERSION", "EXTRACTOR_VERSION", "Settings"]

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = PROJECT_ROOT / "samples" / "articles"
SQL_DIR = PROJECT_ROOT / "sql"

# Bumped when a Parquet schema changes shape; stored in every file's metadata.
SCHEMA_VERSION = "1"
# Bumped when extraction rules change meaning; stored on every event row.
EXTRACTOR_VERSION = "0.1.0"


@dataclass(frozen=True)
class Settings:
    # A folder, or an fsspec URI such as s3://bucket/prefix (transforms/io/storage.py).
    warehouse: WarehousePath = field(default_factory=lambda: warehouse_path(os.environ.get("SITREP_WAREHOUSE", "warehouse")))
    batch_size: int = field(default_factory=lambda: int(os.environ.get("SITREP_BATCH_SIZE", "200")))
    # Raw items written per part file while ingesting: bounds memory however large the input.
    ingest_chunk: int = field(default_factory=lambda: int(os.environ.get("SITREP_INGEST_CHUNK", "500")))
    # Politeness per remote host: concurrent requests, and seconds between request starts.
    per_host_concurrency: int = field(default_factory=lambda: int(os.environ.get("SITREP_PER_HOST_CONCURRENCY", "2")))
    per_host_interval: float = field(default_factory=lambda: float(os.environ.get("SITREP_PER_HOST_INTERVAL", "1.0")))
    # Private, loopback and link-local addresses are refused unless this is set (tests set it).
    allow_private: bool = field(default_factory=lambda: os.environ.get("SITREP_ALLOW_PRIVATE", "") in ("1", "true"))

    @property
    def duckdb_path(self) -> WarehousePath:
        return self.warehouse / "sitrep.duckdb"
