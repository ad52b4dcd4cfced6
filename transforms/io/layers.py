"""Where each Parquet layer lives under the warehouse, and reading and writing whole batches of it."""

from __future__ import annotations

import ctypes
import json
import os
from collections import Counter
from datetime import date
from itertools import accumulate
from pathlib import Path
from typing import Iterator

import numpy
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from transforms.dedup import DUPLICATES, first_per_article
from transforms.io import storage
from transforms.io.parquet import ensure_dataset, write_file, write_part, write_partitioned
from transforms.schemas import ARTICLES, MENTIONS, QUANTITIES, QUARANTINE, RAW, check_not_null, to_table
from transforms.settings import EXTRACTOR_VERSION

__all__ = ["LAYOUT", "PARTITIONS", "DUPLICATES_PATH", "write_layer", "read_raw", "known_ids", "processed_raw_ids",
           "pending_raw", "write_manifest", "read_manifest", "manifests_left", "ensure_layers", "article_windows",
           "write_article_duplicates", "release_free_memory"]

# layer name -> (folder under the warehouse, schema)
LAYOUT = {
    "raw": ("raw", RAW),
    "articles": ("clean", ARTICLES),
    "event_mentions": ("events/mentions", MENTIONS),
    "event_quantities": ("events/quantities", QUANTITIES),
    "quarantine": ("quarantine", QUARANTINE),
}
# layer name -> ((hive folder name, date column it is the month of), sort order within a part).
# raw is partitioned by ingest date instead and never rewritten; quantities carry no date.
PARTITIONS = {
    "articles": (("published_month", "published_date"), ["article_id"]),
    "event_mentions": (("event_month", "event_date"), ["event_date", "article_id", "mention_id"]),
    "event_quantities": (None, ["mention_id", "quantity_id"]),
}
# derived each build from the clean layer: which articles copy which (transforms/dedup.py)
DUPLICATES_PATH = Path("links") / "article_duplicates.parquet"


# Rows per row group of a raw part. Raw parts are sorted by raw_id and a batch is a run of a part's sorted ids,
# so a batch reads only the groups spanning its ids (read_raw); 50 divides the default batch (200) and ingest
# chunk (500), so a fresh batch reads no row it does not need. Before, every batch decompressed its parts whole.
RAW_ROW_GROUP = 50


def write_layer(warehouse: Path, layer: str, frame: pd.DataFrame | list[dict], key: str) -> Path | None:
    """Validate against the layer's schema and write one content-keyed part; empty frames write nothing.

    frame: a pandas frame, or rows as dicts holding the schema's columns (in the order to write them)."""
    if len(frame) == 0:
        return None
    folder, schema = LAYOUT[layer]
    table = to_table(frame, schema) if isinstance(frame, pd.DataFrame) else _rows_table(frame, schema)
    if layer in PARTITIONS:
        partition_by, sort_by = PARTITIONS[layer]
        if partition_by is None:
            return write_part(table.sort_by([(c, "ascending") for c in sort_by]), warehouse / folder, key)
        return write_partitioned(table, warehouse / folder, key, partition_by=partition_by, sort_by=sort_by)[0]
    if layer == "raw":
        return write_part(table, warehouse / folder, key, f"ingest_date={date.today().isoformat()}",
                          row_group_size=RAW_ROW_GROUP)
    return write_part(table, warehouse / folder, key)


def _rows_table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    """Rows as a table of the schema, column by column, without a pandas frame in between: a row without a
    schema column raises KeyError, a null in a not-null column fails as in schemas.to_table."""
    return check_not_null(pa.Table.from_arrays([_column([row[name] for row in rows], schema.field(name).type)
                                                for name in schema.names], schema=schema), schema)


def _column(values: list, type_: pa.DataType) -> pa.Array:
    """One column as Arrow. Bytes (the raw HTML) are joined into one Python bytes object that becomes the
    array's data buffer as is. pa.array copies them into a fresh Arrow allocation instead: on the bench
    machine, after a run, its first call took 0.3-0.8 s for the 273 pages' 48 MB, the join 0.03-0.06 s."""
    if type_ == pa.binary() and values and all(type(value) is bytes for value in values):
        offsets = [0, *accumulate(map(len, values))]
        if offsets[-1] < 2**31:  # int32 offsets; a bigger chunk goes through pa.array (chunked)
            return pa.Array.from_buffers(type_, len(values), [None, pa.array(offsets, pa.int32()).buffers()[1],
                                                                pa.py_buffer(b"".join(values))])
    return pa.array(values, type=type_)


def ensure_layers(warehouse: Path) -> None:
    for layer, (folder, schema) in LAYOUT.items():
        partition_by = PARTITIONS.get(layer, (None, None))[0]
        ensure_dataset(warehouse / folder, schema, partition_by[0] if partition_by else None)
    if not (warehouse / DUPLICATES_PATH).exists():
        write_file(DUPLICATES.empty_table(), warehouse / DUPLICATES_PATH)


def article_windows(warehouse: Path, *, days: int = 7, margin_days: int = 3) -> Iterator[tuple[pa.Table, list[str]]]:
    """The clean layer a publication week at a time, with a margin either side, for duplicate detection.

    Yields (articles of the week plus margin, ids of the week's own articles); reads only the columns
    dedup needs, and only the parts holding days of the window. The day of an article is its publication
    date, else the day it was fetched; articles with neither form one last window.
    """
    folder, schema = LAYOUT["articles"]
    if not (warehouse / folder).exists():
        return
    # The dataset only lists the parts; each is read on its own (_read_part): a dataset scan of every part
    # left +81 MB resident at 100,000 articles (674 parts) after it was dropped, these reads +8 MB.
    dataset = storage.dataset(warehouse / folder, schema=schema, format="parquet")
    filesystem, paths = dataset.filesystem, dataset.files
    del dataset
    spans: list[tuple[int | None, int | None, bool]] = []  # per part: first and last day, any article without one
    per_week: Counter = Counter()
    for path in paths:
        part_days = pc.cast(_day(_read_part(filesystem, path, schema, ["published_date", "fetched_at"])), pa.int32())
        bounds = pc.min_max(part_days)
        spans.append((bounds["min"].as_py(), bounds["max"].as_py(), part_days.null_count > 0))
        part_weeks, counts = numpy.unique(part_days.drop_null().to_numpy() // days, return_counts=True)
        per_week.update(dict(zip(part_weeks.tolist(), counts.tolist())))
    # Successive weeks with articles are read together, up to about _WINDOW_ROWS rows, and each week's window is cut
    # from that in memory: one scan per week cost ~10 ms, most of a small build's duplicate detection.
    for weeks in _runs(sorted(per_week), per_week, _WINDOW_ROWS):
        first, last = weeks[0] * days - margin_days, (weeks[-1] + 1) * days + margin_days
        chunk = _read(filesystem, schema, [path for path, (low, high, _) in zip(paths, spans)
                                           if low is not None and low < last and high >= first],
                      lambda day: pc.and_(pc.greater_equal(day, _date(first)), pc.less(day, _date(last))))
        chunk_days = chunk.column("_day")
        for week in weeks:
            start, end = week * days, (week + 1) * days
            window = pc.and_(pc.greater_equal(chunk_days, _date(start - margin_days)),
                             pc.less(chunk_days, _date(end + margin_days)))
            table = first_per_article(chunk.filter(window))
            table_days = table.column("_day")
            own = pc.and_(pc.greater_equal(table_days, _date(start)), pc.less_equal(table_days, _date(end - 1)))
            yield _window_frame(table), table.filter(own).column("article_id").to_pylist()
    undated = [path for path, (_, _, any_undated) in zip(paths, spans) if any_undated]
    table = first_per_article(_read(filesystem, schema, undated, pc.is_null))
    yield _window_frame(table), table.column("article_id").to_pylist()


def _window_frame(table: pa.Table) -> pa.Table:
    """The window as an Arrow table: dedup reads its columns as lists, with no pandas frame per window and
    no parsing of its dates (92 windows for the 273 bench pages)."""
    return table.drop_columns("_day")


_WINDOW_ROWS = 5_000  # rows (text included) read at once for duplicate windows: bounds the build's memory


def _runs(weeks: list[int], rows: Counter, budget: int) -> Iterator[list[int]]:
    """Weeks (sorted) grouped while their rows stay within budget (a week over budget goes alone). Every
    dated row is in one of these weeks, so a group's span holds only its weeks' rows and their margins."""
    run: list[int] = []
    total = 0
    for week in weeks:
        if run and total + rows[week] > budget:
            yield run
            run, total = [], 0
        run.append(week)
        total += rows[week]
    if run:
        yield run


def _date(days_since_epoch: int) -> date:
    return date.fromordinal(_EPOCH + days_since_epoch)


_EPOCH = date(1970, 1, 1).toordinal()


_WINDOW_COLUMNS = ["article_id", "raw_id", "source", "text", "published_date", "fetched_at"]


def _day(table: pa.Table) -> pa.ChunkedArray:
    return pc.coalesce(table.column("published_date"),
                       table.column("fetched_at").cast(pa.timestamp("us")).cast(pa.date32()))


def _read_part(filesystem, path: str, schema: pa.Schema, columns: list[str]) -> pa.Table:
    """Columns of one clean part as the layer's types; a column the part lacks is null, as in a dataset scan.
    Read in this thread by a plain Parquet reader, which keeps nothing once closed: the dataset scanner's
    readahead across threads left its allocations resident (glibc arenas, Arrow's pool), growing with the parts."""
    with filesystem.open_input_file(path) as handle:
        part = pq.ParquetFile(handle)
        present = set(part.schema_arrow.names)
        table = part.read(columns=[column for column in columns if column in present], use_threads=False)
    types = [schema.field(column).type for column in columns]
    return pa.table([table.column(column).cast(type_) if column in present else pa.nulls(table.num_rows, type_)
                     for column, type_ in zip(columns, types)], schema=pa.schema(list(zip(columns, types))))


def _read(filesystem, schema: pa.Schema, paths: list[str], keep) -> pa.Table:
    """The window columns and day (`_day`) of the rows whose day passes keep, sorted by article_id then raw_id:
    dropping later duplicates of an article_id, once a window is cut, keeps the row with the first raw_id (a
    re-extraction), as staging does."""
    parts = []
    for path in paths:
        table = _read_part(filesystem, path, schema, _WINDOW_COLUMNS)
        day = _day(table)
        parts.append(table.append_column("_day", day).filter(keep(day)))
    if not parts:
        types = [(column, schema.field(column).type) for column in _WINDOW_COLUMNS] + [("_day", pa.date32())]
        return pa.schema(types).empty_table()
    return pa.concat_tables(parts).sort_by([("article_id", "ascending"), ("raw_id", "ascending")])


def release_free_memory() -> None:
    """Hand back to the system what the duplicate step freed, before the SQL build's memory stacks on it: Arrow's
    pool (mimalloc) and glibc keep freed pages for reuse (about 20 and 13 MB at 100,000 articles)."""
    pa.default_memory_pool().release_unused()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError, TypeError):  # not glibc: nothing to trim this way
        pass


def write_article_duplicates(warehouse: Path, duplicates: pd.DataFrame) -> Path:
    """Replace the derived duplicates file atomically (rows sorted by article_id)."""
    table = pa.Table.from_pandas(duplicates[DUPLICATES.names], schema=DUPLICATES, preserve_index=False)
    return write_file(table.sort_by("article_id"), warehouse / DUPLICATES_PATH)


def _dataset(warehouse: Path, layer: str) -> ds.Dataset | None:
    folder, schema = LAYOUT[layer]
    path = warehouse / folder
    if not path.exists():
        return None
    return storage.dataset(path, schema=schema, format="parquet", partitioning="hive")


def known_ids(warehouse: Path, layer: str, column: str, where: tuple[str, str] | None = None) -> set[str]:
    """Ids already written to a layer, optionally only rows where column == value."""
    dataset = _dataset(warehouse, layer)
    if dataset is None:
        return set()
    condition = pc.field(where[0]) == where[1] if where else None
    table = dataset.to_table(columns=[column], filter=condition)
    return set(table.column(column).to_pylist())


def processed_raw_ids(warehouse: Path) -> set[str]:
    """Raw items cleaned by this extractor version or quarantined: the ones extraction skips."""
    done = known_ids(warehouse, "articles", "raw_id", ("_extractor_version", EXTRACTOR_VERSION))
    return done | known_ids(warehouse, "quarantine", "raw_id")


def pending_raw(warehouse: Path, done: set[str]) -> Iterator[tuple[str, list[str]]]:
    """(raw part file, its raw_ids not in done), part by part in path order; each id once.

    Batches cut from this order read one or two raw parts each, instead of every part of the layer
    (raw_ids are hashes, so no part can be skipped by its min/max statistics)."""
    dataset = _dataset(warehouse, "raw")
    if dataset is None:
        return
    seen = set(done) | {None}
    for fragment in sorted(dataset.get_fragments(), key=lambda f: f.path):
        ids = sorted(set(fragment.to_table(schema=dataset.schema, columns=["raw_id"]).column("raw_id").to_pylist()) - seen)
        seen.update(ids)
        if ids:
            yield fragment.path, ids


def read_raw(warehouse: Path, raw_ids: list[str], parts: list[str] | None = None) -> pd.DataFrame:
    """The raw rows of raw_ids, read from the given part files when all of them are still there."""
    dataset = _dataset(warehouse, "raw")
    wanted = set(parts or ())
    if wanted:
        fragments = [f for f in dataset.get_fragments() if f.path in wanted]
        if len(fragments) == len(wanted):
            dataset = ds.FileSystemDataset(fragments, dataset.schema, dataset.format, dataset.filesystem)
    condition = pc.field("raw_id").isin(pa.array(raw_ids, pa.string()))  # typed: an empty list has no type
    if raw_ids:  # the id range skips row groups by their raw_id statistics; an isin alone skips none
        condition = (pc.field("raw_id") >= min(raw_ids)) & (pc.field("raw_id") <= max(raw_ids)) & condition
    # The system allocator, not Arrow's default pool (mimalloc): on the bench machine the first read of a batch's
    # HTML after the other stages took 0.2-0.5 s from the default pool and 0.04-0.07 s from the system one.
    table = dataset.to_table(filter=condition, memory_pool=pa.system_memory_pool())
    # A raw item fetched twice on different days is the same bytes: keep one.
    return table.to_pandas().drop_duplicates("raw_id").sort_values("raw_id", ignore_index=True)


_MANIFESTS = Path("state") / "batches"


def write_manifest(warehouse: Path, key: str, raw_ids: list[str], parts: list[str] | None = None) -> Path:
    path = warehouse / _MANIFESTS / f"{key}.json"
    body = json.dumps({"key": key, "raw_ids": raw_ids, "parts": parts or []})
    if storage.is_remote(path):  # one PUT under the final key
        path.write_text(body, encoding="utf-8")
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(body, encoding="utf-8")
    os.replace(tmp, path)
    return path


def manifests_left(warehouse: Path) -> bool:
    """Whether a stopped run left batch manifests that are still to process."""
    folder = warehouse / _MANIFESTS
    return folder.exists() and any(folder.glob("*.json"))


def read_manifest(path: Path) -> tuple[str, list[str], list[str]]:
    """(key, raw_ids, raw part files holding them; empty in manifests written before parts were recorded)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["key"], data["raw_ids"], data.get("parts") or []
