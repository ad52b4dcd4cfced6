"""Layer compaction: merge a partition's many small part files into a few bounded ones (Delta's OPTIMIZE).

Every extraction batch writes one part per month it touches, so the clean and event layers gain files
forever; DuckDB's reads hold memory that grows with the file count (BENCHMARKS.md, build memory). Here,
in each partition folder of clean, events/mentions and events/quantities holding at least MIN_FILES small
files, small files are merged, in name order, into parts of up to TARGET_BYTES each. Raw (batch manifests
and raw reads name its parts), quarantine, links and marts are never touched.

A merge never loses or doubles rows, whatever step a crash stops it at:
  1. write the merged part under a temporary name and fsync it (or, on an object store, locally);
  2. write the journal state/compaction/<key>.json naming the inputs and the output, fsynced;
  3. rename the merged part into place (object store: one PUT under the final key), fsync the folder;
  4. delete the inputs; 5. delete the journal.
Before 3 the inputs are the only copy and the journal is dropped on recovery; after 3 the merged part
holds every row, so recovery deletes whichever inputs are left. Between 3 and 4 the rows are there twice,
which recover() ends before anything reads the layers: the build calls it first, under the warehouse lock.

The merged part is named by a hash of its inputs' names (content-named, like batch parts), has the writer's
schema and options, and holds the inputs' rows in input-name order (each input's own sorted order kept).
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from transforms.ids import stable_id
from transforms.io import storage
from transforms.io.faults import checkpoint
from transforms.io.layers import LAYOUT
from transforms.io.parquet import fsync, temporary_path, writer_options

__all__ = ["COMPACTED_LAYERS", "MIN_FILES", "TARGET_BYTES", "JOURNALS", "compact", "recover", "plan"]

log = logging.getLogger(__name__)

COMPACTED_LAYERS = ("articles", "event_mentions", "event_quantities")
# A partition folder is compacted once it holds this many small files. A scheduled run adds one file per
# month its batches touch, so a folder reaches 16 after about 16 batches there: most runs compact nothing.
MIN_FILES = int(os.environ.get("SITREP_COMPACT_MIN_FILES", "16"))
# Merged parts stop growing at about this many (compressed) bytes, and a file of at least half of it is not
# "small": files stay bounded and a full part is never rewritten. 64 MB: the whole 100,000-article clean
# layer is 19 MB, so a partition there becomes one file; at 10 M articles a quantities folder ~30 files.
TARGET_BYTES = int(os.environ.get("SITREP_COMPACT_TARGET_MB", "64")) * 1_000_000
# Rows are buffered into row groups of up to this many rows or uncompressed bytes: what bounds the memory.
_GROUP_ROWS = 50_000
_GROUP_BYTES = 32_000_000
JOURNALS = Path("state") / "compaction"


@dataclass(frozen=True)
class Merge:
    layer: str
    folder: Path  # the partition folder
    inputs: tuple[Path, ...]  # sorted by name

    @property
    def output(self) -> Path:
        return self.folder / f"part-{stable_id('compact', *(p.name for p in self.inputs))}.parquet"

    def journal(self, root: Path) -> Path:
        return root / JOURNALS / f"{stable_id(str(self.folder.relative_to(root)), self.output.name)}.json"


def _listing(folder: Path) -> list[tuple[Path, int]]:
    """(part file, size) under a layer folder, recursively, hidden (temporary) files left out."""
    if storage.is_remote(folder):
        if not folder.exists():
            return []
        found = folder.fs.find(folder.path, detail=True)
        return sorted((storage.ObjectPath(f"{folder.protocol}://{name}"), int(info["size"]))
                      for name, info in found.items()
                      if name.endswith(".parquet") and not Path(name).name.startswith("."))
    if not folder.exists():
        return []
    return sorted((p, p.stat().st_size) for p in folder.rglob("*.parquet") if not p.name.startswith("."))


def plan(root: Path, *, min_files: int | None = None, target_bytes: int | None = None) -> list[Merge]:
    """The merges compaction would do now: per partition folder with >= min_files small files, the small
    files in name order cut into runs of up to target_bytes (a run of one file is left alone)."""
    min_files = MIN_FILES if min_files is None else min_files
    target_bytes = TARGET_BYTES if target_bytes is None else target_bytes
    merges: list[Merge] = []
    for layer in COMPACTED_LAYERS:
        by_folder: dict[Path, list[tuple[Path, int]]] = {}
        for path, size in _listing(root / LAYOUT[layer][0]):
            if size < target_bytes // 2:
                by_folder.setdefault(path.parent, []).append((path, size))
        for folder, small in sorted(by_folder.items()):
            if len(small) < min_files:
                continue
            run: list[Path] = []
            total = 0
            for path, size in small:
                if run and total + size > target_bytes:
                    merges.extend([Merge(layer, folder, tuple(run))] if len(run) > 1 else [])
                    run, total = [], 0
                run.append(path)
                total += size
            if len(run) > 1:
                merges.append(Merge(layer, folder, tuple(run)))
    return merges


def compact(root: Path, *, min_files: int | None = None, target_bytes: int | None = None) -> dict[str, int]:
    """Finish any interrupted merge, then do the merges plan() finds. Call only under the warehouse lock and
    with no batch manifest left: a batch re-run rewrites its part under the same name, which would bring back
    rows a merge already holds. Returns {"merges", "files_in", "rows"}."""
    recover(root)
    started = time.perf_counter()
    counts = {"merges": 0, "files_in": 0, "rows": 0}
    for merge in plan(root, min_files=min_files, target_bytes=target_bytes):
        try:
            counts["rows"] += _merge(root, merge)
        except _OtherSchema as other:  # nothing was written or deleted: leave these files as they are
            log.warning("compaction: %s left as it is: %s", merge.folder, other)
            continue
        counts["merges"] += 1
        counts["files_in"] += len(merge.inputs)
    if counts["merges"]:
        log.info("compaction: %(files_in)d files into %(merges)d, %(rows)d rows", counts,
                 extra={"seconds": round(time.perf_counter() - started, 2)})
    return counts


def _merge(root: Path, merge: Merge) -> int:
    schema = LAYOUT[merge.layer][1]
    journal = merge.journal(root)
    body = json.dumps({"layer": merge.layer, "output": merge.output.name, "folder": str(merge.folder.relative_to(root)),
                       "inputs": [p.name for p in merge.inputs]}, sort_keys=True)
    if storage.is_remote(merge.output):
        with storage.upload_on_success(merge.output) as local:  # the upload (step 3) runs as the block ends
            rows = _write(merge.inputs, schema, local)
            checkpoint("compact.before_journal")
            journal.write_text(body, encoding="utf-8")  # one PUT: atomic
            checkpoint("compact.before_rename")
    else:
        tmp = temporary_path(merge.output)
        try:
            rows = _write(merge.inputs, schema, tmp)
            fsync(tmp)
            checkpoint("compact.before_journal")
            _write_journal(journal, body)
            checkpoint("compact.before_rename")
            os.replace(tmp, merge.output)
            _fsync_folder(merge.folder)  # the rename is on disk before any input goes
        finally:
            tmp.unlink(missing_ok=True)
    checkpoint("compact.before_delete")
    for path in merge.inputs:
        path.unlink(missing_ok=True)
        checkpoint("compact.deleting")
    if not storage.is_remote(merge.folder):
        _fsync_folder(merge.folder)
    checkpoint("compact.before_journal_delete")
    journal.unlink(missing_ok=True)
    return rows


def _write(inputs: tuple[Path, ...], schema: pa.Schema, target: Path) -> int:
    """Stream the inputs' rows, in order, into one Parquet file: one input row group in memory at a time,
    plus the buffer of the output row group being filled."""
    rows = 0
    buffered: list[pa.Table] = []
    size = buffered_rows = 0
    with pq.ParquetWriter(target, schema, **writer_options(schema, None)) as writer:
        for path in inputs:
            with _open(path) as handle:
                part = pq.ParquetFile(handle)
                for group in range(part.num_row_groups):
                    table = part.read_row_group(group, use_threads=False)
                    # same columns and types (checked in _check); the layer's metadata, as the writer sets it
                    table = pa.Table.from_arrays(_check(table, schema, path).columns, schema=schema)
                    buffered.append(table)
                    size += table.nbytes
                    buffered_rows += table.num_rows
                    rows += table.num_rows
                    if buffered_rows >= _GROUP_ROWS or size >= _GROUP_BYTES:
                        _flush(writer, buffered)
                        buffered, size, buffered_rows = [], 0, 0
        _flush(writer, buffered)
    return rows


def _flush(writer: pq.ParquetWriter, tables: list[pa.Table]) -> None:
    if tables:
        table = pa.concat_tables(tables).combine_chunks()
        if table.num_rows:
            writer.write_table(table, row_group_size=table.num_rows)


class _OtherSchema(ValueError):
    pass


def _check(table: pa.Table, schema: pa.Schema, path: Path) -> pa.Table:
    """A part of another schema (an older layout) is not merged: the merge stops before anything is written."""
    if not table.schema.equals(schema, check_metadata=False):
        raise _OtherSchema(f"{path.name}: its schema differs from the layer writer's")
    return table


def _open(path: Path):
    if storage.is_remote(path):
        return path.fs.open(path.path, "rb")
    return open(path, "rb")


def _write_journal(journal: Path, body: str) -> None:
    journal.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_path(journal)
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(body)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, journal)
    _fsync_folder(journal.parent)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def recover(root: Path) -> int:
    """Finish the merges a crash interrupted, from their journals: merged part in place -> delete the inputs
    still there; else -> drop its temporary file and the journal (the inputs were never touched)."""
    folder = root / JOURNALS
    journals = sorted(folder.glob("*.json")) if folder.exists() else []
    for journal in journals:
        entry = json.loads(journal.read_text(encoding="utf-8"))
        partition = root / entry["folder"]
        output = partition / entry["output"]
        if output.exists():
            for name in entry["inputs"]:
                (partition / name).unlink(missing_ok=True)
        elif not storage.is_remote(output):
            # a live writer cannot hold it: the caller has the warehouse lock
            for tmp in partition.glob(f".{output.name}.*.tmp"):
                tmp.unlink(missing_ok=True)
        log.info("compaction: finished an interrupted merge into %s (%s)", output,
                 "inputs deleted" if output.exists() else "abandoned")
        journal.unlink(missing_ok=True)
    return len(journals)
