"""Parquet layers: atomic, idempotent writes with explicit schemas; reads back into pandas."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from transforms.io.faults import checkpoint

__all__ = ["write_part", "ensure_dataset", "read_dataset", "existing_ids"]

_COMPRESSION = "zstd"


def _atomic_write(table: pa.Table, path: Path) -> None:
    """Write next to the target and rename into place, so no reader ever sees a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, tmp, compression=_COMPRESSION)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        checkpoint("parquet.before_rename")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_part(table: pa.Table, dataset_dir: Path, key: str, partition: str | None = None) -> Path:
    """Write one part file named by a content key: the same input always lands on the same file."""
    folder = dataset_dir / partition if partition else dataset_dir
    path = folder / f"part-{key}.parquet"
    _atomic_write(table, path)
    return path


def ensure_dataset(dataset_dir: Path, schema: pa.Schema) -> None:
    """Give an empty dataset one zero-row file so SQL over it sees the columns instead of failing."""
    if not any(dataset_dir.rglob("*.parquet")) if dataset_dir.exists() else True:
        _atomic_write(schema.empty_table(), dataset_dir / "part-empty.parquet")


def read_dataset(dataset_dir: Path, schema: pa.Schema, columns: list[str] | None = None) -> pd.DataFrame:
    if not dataset_dir.exists():
        return schema.empty_table().select(columns or schema.names).to_pandas()
    dataset = ds.dataset(dataset_dir, schema=schema, format="parquet", partitioning="hive",
                         exclude_invalid_files=False)
    return dataset.to_table(columns=columns).to_pandas()


def existing_ids(dataset_dir: Path, schema: pa.Schema, column: str) -> set[str]:
    return set(read_dataset(dataset_dir, schema, [column])[column])
