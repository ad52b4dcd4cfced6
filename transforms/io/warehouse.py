"""Build the DuckDB warehouse from the plain .sql files, run the data tests, export marts, answer queries.

Seeds (sql/seeds/*.csv) are loaded as tables named by file stem. Staging and intermediate models
are views in an in-memory database (they read Parquet paths relative to the warehouse), or small tables
there when every chunk of a mart reads them; marts are tables in a fresh copy of sitrep.duckdb that
replaces the old one atomically (articles, event_quantities, event_mentions, events and loss_claims are written in
chunks, each committed on its own, since DuckDB holds a table being written in memory until it commits). The file
therefore holds only tables, readable from any directory. Data tests are the generic ones declared in each
mart's YAML (unique, not_null, accepted_values, relationships) plus sql/tests/assert_*.sql; any
bad row fails the build, shows the rows and leaves the previous database and marts in place.
Mart Parquet files carry each column's description (pyarrow schemas or mart YAML) in their schema.
"""

from __future__ import annotations

import base64
import logging
import os
import re
import shutil
import tempfile
import time
from contextlib import contextmanager
from datetime import date, timedelta
from itertools import groupby
from pathlib import Path
from typing import Iterator

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from transforms.io import storage
from transforms.io.faults import checkpoint
from transforms.dedup import DUPLICATES
from transforms.schemas import SCHEMAS
from transforms.settings import SCHEMA_VERSION

__all__ = ["DataTestFailure", "build_models", "model_files", "mart_docs", "generic_tests", "column_descriptions",
           "write_described_parquet", "table_grain", "query", "MODEL_FOLDERS", "ARTICLE_LINK_COLUMNS",
           "MENTION_EVENT_COLUMNS", "MENTION_CHUNK_ROWS", "EVENT_CHUNK_ROWS", "ARTICLE_CHUNK_CHARS",
           "EVENTS_PER_STATEMENT", "LOSS_CLAIM_CHUNK_ROWS", "date_chunks",
           "id_chunks"]

MODEL_FOLDERS = ("staging", "intermediate", "marts")
_CREATE = re.compile(r"^\s*create\s+or\s+replace\s+(?P<kind>view|table)\s+(?P<name>\w+)\s+as\b", re.I | re.M)
# columns the articles table adds to the clean layer's contract: name -> column of dedup.DUPLICATES
ARTICLE_LINK_COLUMNS = {"duplicate_of": "duplicate_of", "similarity": "similarity", "duplicate_method": "method"}
# columns the event_mentions table adds to the events layer's contract: the event each mention was merged into
MENTION_EVENT_COLUMNS = {"event_id": "id of the merged event in events"}
# marts written in committed chunks (their SQL header says how; _chunks plans them); the others in one
# statement. Every big table is: DuckDB holds a table being written in memory until it commits (duckdb#16352)
CHUNKED = {"articles", "event_mentions", "event_quantities", "events", "loss_claims"}
_EXPECTED_KIND = {"staging": ("view", "table"), "intermediate": ("view", "table"), "marts": ("table",)}
# DuckDB memory for the build (SITREP_BUILD_MEMORY overrides); beyond it, joins, sorts and aggregates spill to
# local temp files and cached table blocks are evicted. It does not bound a table being created (held until
# commit), hence the chunked marts; with every big one chunked, 1 GB holds (12 GB let the cache grow unchecked)
BUILD_MEMORY_LIMIT = os.environ.get("SITREP_BUILD_MEMORY", "1GB")
# the limit briefly set after each statement of the build to evict DuckDB's cached blocks (_drop_cached_blocks)
EVICT_LIMIT = os.environ.get("SITREP_BUILD_EVICT_LIMIT", "16MB")
# at most this many mentions per chunk of event_mentions (a single day with more is one chunk of its own). About
# two DuckDB row groups: smaller inserts go through the WAL and its checkpoints (33 chunks of 30,000 mentions
# took twice the CPU of 5 chunks of 200,000 at 1 M, BENCHMARKS.md)
MENTION_CHUNK_ROWS = int(os.environ.get("SITREP_BUILD_CHUNK_ROWS", "250000"))
# at most this many events per chunk of event_mentions (each chunk split again for events, below)
EVENT_CHUNK_ROWS = int(os.environ.get("SITREP_BUILD_EVENT_CHUNK_ROWS", "50000"))
# at most this many events per statement of events: each chunk of event_mentions is split by ranges of event ids
# (the aggregates: 50,000 a statement added 215 MB to the build's peak at 100,000 articles, 20,000 about 100 MB;
# smaller chunks of event_mentions would cost a read of the mention files each). Each statement joins every
# article again: the 10 M bench's chunks hold 18,000 events on average, 27 of its 43 are split (+28 s CPU)
EVENTS_PER_STATEMENT = int(os.environ.get("SITREP_BUILD_EVENTS_PER_STATEMENT", "20000"))
# at most this many characters of article text per chunk of articles (and MENTION_CHUNK_ROWS articles)
ARTICLE_CHUNK_CHARS = int(os.environ.get("SITREP_BUILD_ARTICLE_CHUNK_CHARS", "16000000"))
# at most this many quantities per chunk of event_quantities (one statement held 184 MB for 395,000)
QUANTITY_CHUNK_ROWS = int(os.environ.get("SITREP_BUILD_QUANTITY_CHUNK_ROWS", "100000"))
# rows per row group of the mart Parquet files: the writer holds a row group at a time (DuckDB's default 122,880
# rows held 330 MB for the 100,000-article marts, 30,720 175 MB); file sizes within 5 % of the default's
EXPORT_ROW_GROUP_ROWS = 30720
# at most this many claims (lost quantities) per chunk of loss_claims (a single day with more is one chunk)
LOSS_CLAIM_CHUNK_ROWS = int(os.environ.get("SITREP_BUILD_LOSS_CLAIM_CHUNK_ROWS", "50000"))
log = logging.getLogger(__name__)
# libyaml's loader when installed: the pure-Python one took ~0.2 s of every build for the mart YAMLs
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataTestFailure(RuntimeError):
    """A data test in sql/tests returned rows."""


def model_files(sql_dir: Path) -> list[Path]:
    """Model files in dependency order: folder by folder, and within a folder a model after those it names."""
    ordered: list[Path] = []
    for folder in MODEL_FOLDERS:
        pending = sorted((sql_dir / folder).glob("*.sql"))
        names = {p.stem for p in pending}
        # each file read and searched once, not once per round of the ordering loop
        needs = {p: _references(p, names - {p.stem}) for p in pending}
        done: set[str] = set()
        while pending:
            ready = [p for p in pending if not (needs[p] - done)]
            if not ready:
                raise ValueError(f"dependency cycle among {[p.name for p in pending]}")
            ordered.append(ready[0])
            done.add(ready[0].stem)
            pending.remove(ready[0])
    return ordered


def _references(path: Path, names: set[str]) -> set[str]:
    body = re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8"))
    return {name for name in names if re.search(rf"\b{name}\b", body)}


def _check_shape(path: Path, sql: str) -> None:
    match = _CREATE.search(sql)
    folder = path.parent.name
    if not match or match.group("name") != path.stem or match.group("kind").lower() not in _EXPECTED_KIND[folder]:
        kinds = " or ".join(_EXPECTED_KIND[folder])
        raise ValueError(f"{path}: must be one 'create or replace {kinds} {path.stem} as ...' statement")


def mart_docs(sql_dir: Path) -> dict[str, dict]:
    """Each mart YAML, parsed, keyed by model name."""
    return {p.stem: yaml.load(p.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
            for p in sorted((sql_dir / "marts").glob("*.yml"))}


def _quote(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def generic_tests(docs: dict[str, dict]) -> dict[str, str]:
    """SQL per generic test declared in the mart YAMLs; each returns the offending rows."""
    tests: dict[str, str] = {}
    for table, doc in docs.items():
        declared = doc.get("tests") or {}
        for columns in declared.get("unique", []):
            tests[f"{table}.yml unique({columns})"] = (
                f"select {columns}, count(*) as row_count from {table} group by all having count(*) > 1")
        for column in declared.get("not_null", []):
            tests[f"{table}.yml not_null({column})"] = f"select * from {table} where {column} is null"
        for column, values in (declared.get("accepted_values") or {}).items():
            allowed = ", ".join(_quote(v) for v in values)
            tests[f"{table}.yml accepted_values({column})"] = (
                f"select {column}, count(*) as row_count from {table} "
                f"where {column} is not null and cast({column} as varchar) not in ({allowed}) group by all")
        for column, target in (declared.get("relationships") or {}).items():
            parent, key = target.split(".")
            tests[f"{table}.yml relationships({column} -> {target})"] = (
                f"select {column} from {table} where {column} is not null "
                f"and {column} not in (select {key} from {parent} where {key} is not null)")
    return tests


def _run_data_tests(con: duckdb.DuckDBPyConnection, sql_dir: Path, docs: dict[str, dict]) -> list[str]:
    tests = generic_tests(docs)
    for path in sorted((sql_dir / "tests").glob("assert_*.sql")):
        tests[path.name] = path.read_text(encoding="utf-8")
    names = list(tests)
    # One query per mart (its YAML's tests; each assert_*.sql on its own) says which tests return a row (a round
    # trip per test cost more than most of the tests; one query for all of them held every test's hash tables at
    # once, +100 MB at 100,000 articles); only those run again, for the rows to show. The line breaks end any
    # comment a test's SQL closes with.
    groups: dict[str, list[int]] = {}
    for number, name in enumerate(names):
        groups.setdefault(name.split(".yml ")[0], []).append(number)
    failing = []
    for numbers in groups.values():
        probe = "\nunion all\n".join(f"select {number} as test from (select 1 from (\n"
                                     f"{tests[names[number]].strip().rstrip(';')}\n) limit 1)" for number in numbers)
        failing += [row[0] for row in con.sql(probe).fetchall()]
    failures = []
    for number in sorted(failing):
        name = names[number]
        bad = con.sql(tests[name]).df()
        if len(bad):
            failures.append(f"{name}: {len(bad)} bad rows\n{bad.head(10).to_string()}")
    return failures


def _load_seeds(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> None:
    for path in sorted((sql_dir / "seeds").glob("*.csv")):
        con.execute(f"create or replace table {path.stem} as select * from read_csv(?, header = true)", [str(path)])


def column_descriptions(docs: dict[str, dict]) -> dict[str, dict[str, str]]:
    """Column descriptions per table: the pyarrow schemas for the core tables, the YAMLs for the marts."""
    described = {table: {f.name: f.metadata[b"description"].decode() for f in schema}
                 for table, schema in SCHEMAS.items()}
    links = {f.name: f.metadata[b"description"].decode() for f in DUPLICATES}
    described["articles"].update({name: links[source] for name, source in ARTICLE_LINK_COLUMNS.items()})
    described["event_mentions"].update(MENTION_EVENT_COLUMNS)
    described.update({table: {k: str(v) for k, v in doc["columns"].items()} for table, doc in docs.items()})
    return described


def table_grain(table: str, docs: dict[str, dict]) -> str:
    """One sentence on what a row is: the mart YAML's grain, or the pyarrow schema's description."""
    if table in docs:
        return " ".join(str(docs[table].get("grain", "")).split())
    if table in SCHEMAS:
        return (SCHEMAS[table].metadata or {}).get(b"description", b"").decode()
    return ""


def write_described_parquet(reader: pa.RecordBatchReader, path: Path, *, descriptions: dict[str, str],
                            table_doc: str = "") -> None:
    """Stream batches to Parquet (zstd) with each column's description in the schema; atomic rename."""
    if storage.is_remote(path):  # written locally, then one upload under the final key
        with storage.upload_on_success(path) as local:
            write_described_parquet(reader, local, descriptions=descriptions, table_doc=table_doc)
        return
    fields = [f.with_metadata({"description": descriptions[f.name]}) if f.name in descriptions else f
              for f in reader.schema]
    schema = pa.schema(fields, metadata={"description": table_doc, "schema_version": SCHEMA_VERSION})
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            for batch in reader:
                writer.write_batch(batch)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _copy_described_parquet(con: duckdb.DuckDBPyConnection, table: str, path: Path, *, descriptions: dict[str, str],
                            table_doc: str = "") -> None:
    """What write_described_parquet writes, written by DuckDB's parallel COPY: the described Arrow schema goes
    into the footer under ARROW:schema (as pyarrow puts it there), so pyarrow reads the same schema back."""
    if storage.is_remote(path):  # written locally, then one upload under the final key
        with storage.upload_on_success(path) as local:
            _copy_described_parquet(con, table, local, descriptions=descriptions, table_doc=table_doc)
        return
    # HUGEINT (sums, max of sums) becomes decimal128(38, 0) in Arrow but DOUBLE in DuckDB's Parquet: cast it
    columns = con.sql(f"select * from wh.main.{table}").limit(0)
    relation = "select " + ", ".join(
        f'cast("{name}" as decimal(38, 0)) as "{name}"' if str(kind) in ("HUGEINT", "UHUGEINT") else f'"{name}"'
        for name, kind in zip(columns.columns, columns.types)) + f" from wh.main.{table}"
    fields = [f.with_metadata({"description": descriptions[f.name]}) if f.name in descriptions else f
              for f in con.sql(relation).limit(0).to_arrow_reader().schema]
    metadata = {"description": table_doc, "schema_version": SCHEMA_VERSION}
    schema = pa.schema(fields, metadata=metadata)
    metadata["ARROW:schema"] = base64.b64encode(schema.serialize().to_pybytes()).decode()
    kv = ", ".join(f"{_quote(key)}: {_quote(value)}" for key, value in metadata.items())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        # zstd level 1: the same file sizes here as the default level 3, at 20-40 % less CPU for the wide tables.
        # Row groups of EXPORT_ROW_GROUP_ROWS (see there)
        con.execute(f"copy ({relation}) to {_quote(tmp)} (format parquet, compression zstd, compression_level 1, "
                    f"row_group_size {EXPORT_ROW_GROUP_ROWS}, kv_metadata {{{kv}}})")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _export_marts(con: duckdb.DuckDBPyConnection, tables: list[str], marts_dir: Path, docs: dict[str, dict]) -> None:
    descriptions = column_descriptions(docs)
    con.execute("set preserve_insertion_order = true")  # the files keep each mart's order
    # one thread: in order, a parallel COPY buffers row groups from every thread (with small row groups, one
    # thread held 175 MB at the peak of the 100,000-article marts against 460 MB on two, in less time there)
    con.execute("set threads = 1")
    for table in tables:
        with _timing(f"parquet {table}"):
            _copy_described_parquet(con, table, marts_dir / f"{table}.parquet",
                                    descriptions=descriptions.get(table, {}), table_doc=table_grain(table, docs))
        checkpoint("build.marts")


@contextmanager
def _timing(name: str, level: int = logging.INFO) -> Iterator[None]:
    """Log the wall and CPU time of the block (the build's per-step figures in BENCHMARKS.md)."""
    start, cpu = time.perf_counter(), time.process_time()
    yield
    log.log(level, "%-36s %7.1f s %7.1f s CPU", name, time.perf_counter() - start, time.process_time() - cpu)


def _timed(con: duckdb.DuckDBPyConnection, name: str, sql: str, profile_dir: Path | None,
           level: int = logging.INFO) -> None:
    """Run one statement, log its wall and CPU time; with profile_dir, DuckDB's JSON profile per statement."""
    if profile_dir:
        con.execute("set enable_profiling = 'json'")
        con.execute("set profiling_output = ?", [str(profile_dir / f"{name}.json")])
    with _timing(name, level):
        con.execute(sql)
    if profile_dir:
        con.execute("set enable_profiling = 'no_output'")
        con.execute("pragma disable_profiling")


def date_chunks(day_counts: list[tuple], limit: int | tuple[int, ...]) -> list[tuple[date, date]]:
    """[from, to) date ranges of at most `limit` rows, from the rows per date (in date order): whole months
    where they fit, as each month is one Parquet partition (a chunk then reads its files whole), else days;
    consecutive units are packed up to the limit, and a single day over it is a chunk of its own. With several
    counts per date (date, mentions, events), `limit` has one limit per count and a chunk keeps within all."""
    limits = limit if isinstance(limit, tuple) else (limit,)

    def fits(counts) -> bool:
        return all(count <= most for count, most in zip(counts, limits))

    units: list[tuple[date, date, tuple]] = []
    for (year, month), days in groupby(day_counts, key=lambda dc: (dc[0].year, dc[0].month)):
        days = [(day, tuple(counts)) for day, *counts in days]
        total = tuple(map(sum, zip(*(counts for _, counts in days))))
        if fits(total):
            units.append((date(year, month, 1), _next_month(year, month), total))
        else:
            units.extend((day, day + timedelta(days=1), counts) for day, counts in days)
    chunks: list[tuple[date, date]] = []
    rows: tuple = ()
    for start, end, counts in units:
        added = tuple(map(sum, zip(rows, counts)))
        if chunks and fits(added):
            chunks[-1] = (chunks[-1][0], end)
            rows = added
        else:
            chunks.append((start, end))
            rows = counts
    return chunks


def _next_month(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1)


def id_chunks(prefix_counts: list[tuple[str, int, int]], rows: int, chars: int) -> list[tuple[str | None, str | None]]:
    """[from, to) ranges of ids from (id prefix, ids, characters of text) in prefix order: consecutive prefixes
    packed while within both limits (one prefix over them is a chunk of its own). Every id with a prefix
    between two chunks' first prefixes sorts between them, so the ranges are disjoint, in order and cover
    every id; the first starts open, the last ends open."""
    starts: list[str] = []
    total_rows = total_chars = 0
    for prefix, count, text in prefix_counts:
        if starts and total_rows + count <= rows and total_chars + text <= chars:
            total_rows += count
            total_chars += text
        else:
            starts.append(prefix)
            total_rows, total_chars = count, text
    bounds: list[str | None] = [None, *starts[1:], None]
    return list(zip(bounds, bounds[1:]))


def _event_chunks(con: duckdb.DuckDBPyConnection) -> list[tuple[date, date | None]]:
    """Ranges of the events' first dates (int_event_dates.event_start) of at most MENTION_CHUNK_ROWS mentions and
    EVENT_CHUNK_ROWS events, then the undated events: each a chunk of event_mentions and then of events."""
    day_counts = con.sql("select event_start, sum(mention_count), count(distinct event_id) "
                         "from memory.main.int_event_dates group by 1 order by 1").fetchall()
    return [*date_chunks(day_counts, (MENTION_CHUNK_ROWS, EVENT_CHUNK_ROWS)), (date.max, None)]


def _id_range_chunks(con: duckdb.DuckDBPyConnection, view: str, key: str, text: str, rows: int,
                     chars: int) -> list[dict[str, tuple[object, str]]]:
    # ids are hex hashes: three characters make at most 4,096 prefixes, fine enough for the limits
    prefix_counts = con.sql(f"select left({key}, 3), count(*), coalesce(sum({text}), 0) from {view} "
                            f"where {key} is not null group by 1 order by 1").fetchall()
    return [{"from": (start, "varchar"), "to": (end, "varchar")}
            for start, end in id_chunks(prefix_counts, rows, chars)]


def _chunks(con: duckdb.DuckDBPyConnection, name: str, written: dict[str, list[tuple[dict, int]]]) -> list[dict]:
    """The variables of each chunk of a chunked mart (its SQL header says what they mean). events takes the
    chunks of event_mentions (whole events each), with each as a rowid range of it, split by ranges of event ids:
    written[table] holds each chunked table's chunks as (variables, the table's row count after the chunk)."""
    if name == "articles":  # bounded by text too: the texts are most of an article
        return _id_range_chunks(con, "stg_articles", "article_id", "char_count", MENTION_CHUNK_ROWS,
                                ARTICLE_CHUNK_CHARS)
    if name == "event_quantities":
        return _id_range_chunks(con, "stg_event_quantities", "mention_id", "0", QUANTITY_CHUNK_ROWS, 1)
    if name == "event_mentions":
        return [{"from": (start, "date"), "to": (end, "date")} for start, end in _event_chunks(con)]
    if name == "loss_claims":  # ranges of the claims' dates (rows: lost quantities), then the undated claims
        day_counts = con.sql("select mentions.event_date, count(*) from event_mentions as mentions "
                             "join event_quantities as quantities on quantities.mention_id = mentions.mention_id "
                             "where mentions.event_type = 'loss_claim' and quantities.role = 'lost' "
                             "and mentions.event_date is not null group by 1 order by 1").fetchall()
        return [{"from": (start, "date"), "to": (end, "date")}
                for start, end in [*date_chunks(day_counts, LOSS_CLAIM_CHUNK_ROWS), (date.max, None)]]
    mentions = written.get("event_mentions")
    if mentions is None:  # event_mentions in one statement: so are events
        return [{}]
    bounds = [0, *(count for _, count in mentions)]
    chunks = []
    for (variables, _), first, last in zip(mentions, bounds, bounds[1:]):
        # the chunk's events in ranges of at most EVENTS_PER_STATEMENT ids (every range still whole events)
        ids = [row[0] for row in con.sql(f"select distinct event_id from event_mentions where rowid >= {first} "
                                         f"and rowid < {last} order by 1").fetchall()]
        cuts: list[str | None] = [None, *ids[EVENTS_PER_STATEMENT::EVENTS_PER_STATEMENT], None]
        chunks += [{**variables, "row_from": (first, "bigint"), "row_to": (last, "bigint"),
                    "id_from": (start, "varchar"), "id_to": (end, "varchar")} for start, end in zip(cuts, cuts[1:])]
    return chunks


def _drop_cached_blocks(con: duckdb.DuckDBPyConnection) -> None:
    """Evict the database blocks DuckDB caches after a statement (under a roomy limit it never does): a limit
    briefly lowered drops them, and its allocator hands their memory back at once. Each table written stays
    cached otherwise: ~100 MB of them at 100,000 articles, which every later step's peak sat on (round 9).
    Not with the external file cache on (a build from object storage): its cached objects are worth keeping."""
    if con.sql("select current_setting('enable_external_file_cache')").fetchone()[0]:
        return
    con.execute(f"set memory_limit = '{EVICT_LIMIT}'")
    con.execute("set memory_limit = ?", [BUILD_MEMORY_LIMIT])


def _run_in_chunks(con: duckdb.DuckDBPyConnection, name: str, sql: str, profile_dir: Path | None,
                   written: dict[str, list[tuple[dict, int]]]) -> None:
    """A chunked mart: its statement once per chunk's variables (<name>_<variable>, see its header), the first
    creating the table and the others inserting into it, each committed; written[name] gets each chunk's
    variables with the table's row count after it."""
    chunks = _chunks(con, name, written)
    insert = _CREATE.sub(f"insert into {name}", sql, count=1)
    written[name] = []
    with _timing(f"{name} ({len(chunks)} chunks)"):
        for number, variables in enumerate(chunks):
            for variable, (value, kind) in variables.items():
                con.execute(f"set variable {name}_{variable} = cast(? as {kind})", [value])
            _timed(con, f"{name}.{number}", insert if number else sql, profile_dir, level=logging.DEBUG)
            written[name].append((variables, con.sql(f"select count(*) from {name}").fetchone()[0]))
            _drop_cached_blocks(con)
    for variable in chunks[0]:
        con.execute(f"reset variable {name}_{variable}")


def build_models(warehouse: Path, sql_dir: Path, *, profile_dir: Path | None = None) -> dict[str, int]:
    """Run every model, then the data tests; publish the database and mart Parquet only if all pass.

    profile_dir (benchmarks): write DuckDB's JSON profile of each model statement there."""
    remote = warehouse if storage.is_remote(warehouse) else None  # built in a local folder, then uploaded
    warehouse = storage.local_dir(remote) if remote else warehouse.resolve()
    target = warehouse / "sitrep.duckdb"
    tmp = warehouse / f".sitrep.duckdb.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    con = duckdb.connect()
    spill = tempfile.mkdtemp(prefix="sitrep-build-")
    published = False
    try:
        con.execute("set file_search_path = ?", [str(warehouse)])
        if remote:
            storage.register(con, remote)
        # marts set their own order (order by); this lets DuckDB stream and spill without keeping it
        con.execute("set preserve_insertion_order = false")
        # a bounded footprint: past the limit, joins, aggregates and sorts spill to a private local folder
        con.execute("set memory_limit = ?", [BUILD_MEMORY_LIMIT])
        con.execute("set temp_directory = ?", [spill])
        if not remote:
            # DuckDB caches every Parquet file it reads, at least one 256 KB block each, and under a roomy limit
            # never evicts them: 133 MB for the 500 mention files of 100,000 articles. Local files are in the
            # OS page cache anyway; objects in a store are worth caching (the chunks read them again)
            con.execute("set enable_external_file_cache = false")
        _load_seeds(con, sql_dir)
        con.execute(f"attach '{tmp}' as wh")
        tables: list[str] = []
        written: dict[str, list[tuple[dict, int]]] = {}  # each chunked mart's chunks (see _run_in_chunks)
        for path in model_files(sql_dir):
            sql = path.read_text(encoding="utf-8")
            _check_shape(path, sql)
            sql = storage.absolute_reads(sql, remote) if remote else sql
            if path.parent.name == "marts":
                con.execute("use wh")
                con.execute("set search_path = 'wh.main,memory.main'")
                tables.append(path.stem)
            if path.stem in CHUNKED:
                _run_in_chunks(con, path.stem, sql, profile_dir, written)
            else:
                _timed(con, path.stem, sql, profile_dir)
                _drop_cached_blocks(con)
        docs = mart_docs(sql_dir)  # parsed once for the data tests and the mart descriptions
        with _timing("data tests"):
            failures = _run_data_tests(con, sql_dir, docs)
        if failures:
            raise DataTestFailure("data tests failed; warehouse not published:\n" + "\n\n".join(failures))
        counts = {t: con.sql(f"select count(*) from wh.main.{t}").fetchone()[0] for t in tables}
        checkpoint("build.before_publish")
        _export_marts(con, tables, (remote or warehouse) / "marts", docs)
        con.execute("use memory")
        con.execute("detach wh")
        con.close()
        if remote:
            storage.publish_database(tmp, remote / "sitrep.duckdb")
        else:
            os.replace(tmp, target)
        published = True
    finally:
        con.close()
        if not published:
            tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
        shutil.rmtree(spill, ignore_errors=True)
    return counts


def query(db_path: Path, sql: str) -> pd.DataFrame:
    """Read-only, sandboxed query: no writes, no files, no ATTACH, no extension loading."""
    if not db_path.exists():
        raise FileNotFoundError(f"no warehouse at {db_path}; run 'sitrep run' first")
    db_path = storage.local_copy(db_path)  # an object-store warehouse: a local copy cached by ETag
    config = {"access_mode": "READ_ONLY", "enable_external_access": False, "autoload_known_extensions": False,
              "autoinstall_known_extensions": False, "lock_configuration": True}
    with duckdb.connect(str(db_path), config=config) as con:
        relation = con.sql(sql)
        return relation.df() if relation is not None else pd.DataFrame()
