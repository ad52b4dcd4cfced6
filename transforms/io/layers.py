"""Where each Parquet layer lives under the warehouse, and reading and writing whole batches of it."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow.compute as pc
import pyarrow.dataset as ds

from transforms.io.parquet import ensure_dataset, write_part
from transforms.schemas import ARTICLES, MENTIONS, QUANTITIES, QUARANTINE, RAW, to_table

__all__ = ["LAYOUT", "write_layer", "read_raw", "known_ids", "write_manifest", "read_manifest", "ensure_layers"]

# layer name -> (folder under the warehouse, schema)
LAYOUT = {
    "raw": ("raw", RAW),
    "articles": ("clean", ARTICLES),
    "event_mentions": ("events/mentions", MENTIONS),
    "event_quantities": ("events/quantities", QUANTITIES),
    "quarantine": ("quarantine", QUARANTINE),
}


def write_layer(warehouse: Path, layer: str, frame: pd.DataFrame, key: str) -> Path | None:
    """Validate against the layer's schema and write one content-keyed part; empty frames write nothing."""
    if frame.empty:
        return None
    folder, schema = LAYOUT[layer]
    partition = f"ingest_date={date.today().isoformat()}" if layer == "raw" else None
    return write_part(to_table(frame, schema), warehouse / folder, key, partition)


def ensure_layers(warehouse: Path) -> None:
    for folder, schema in LAYOUT.values():
        ensure_dataset(warehouse / folder, schema)


def _dataset(warehouse: Path, layer: str) -> ds.Dataset | None:
    folder, schema = LAYOUT[layer]
    path = warehouse / folder
    if not path.exists():
        return None
    return ds.dataset(path, schema=schema, format="parquet", partitioning="hive")


def known_ids(warehouse: Path, layer: str, column: str, where: tuple[str, str] | None = None) -> set[str]:
    """Ids already written to a layer, optionally only rows where column == value."""
    dataset = _dataset(warehouse, layer)
    if dataset is None:
        return set()
    condition = pc.field(where[0]) == where[1] if where else None
    table = dataset.to_table(columns=[column], filter=condition)
    return set(table.column(column).to_pylist())


def read_raw(warehouse: Path, raw_ids: list[str]) -> pd.DataFrame:
    dataset = _dataset(warehouse, "raw")
    table = dataset.to_table(filter=pc.field("raw_id").isin(raw_ids))
    # A raw item fetched twice on different days is the same bytes: keep one.
    return table.to_pandas().drop_duplicates("raw_id").sort_values("raw_id", ignore_index=True)


def write_manifest(warehouse: Path, key: str, raw_ids: list[str]) -> Path:
    path = warehouse / "state" / "batches" / f"{key}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"key": key, "raw_ids": raw_ids}), encoding="utf-8")
    os.replace(tmp, path)
    return path


def read_manifest(path: Path) -> tuple[str, list[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["key"], data["raw_ids"]
