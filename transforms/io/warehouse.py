"""Build the DuckDB warehouse from the plain .sql files, run the data tests, export marts, answer queries.

Seeds (sql/seeds/*.csv) are loaded as tables named by file stem. Staging and intermediate models
are views in an in-memory database (they read Parquet paths relative to the warehouse), or small tables
there when every chunk of a mart reads them; marts are tables in a fresh copy of sitrep.duckdb that
replaces the old one atomically (event_mentions is written in chunks of event dates, each committed on
its own, since DuckDB holds a table being written in memory until it commits). The file therefore
holds only tables, readable from any directory. Data tests are the generic ones declared in each
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
           "MENTION_EVENT_COLUMNS", "MENTION_CHUNK_ROWS", "date_chunks"]

MODEL_FOLDERS = ("staging", "intermediate", "marts")
_CREATE = re.compile(r"^\s*create\s+or\s+replace\s+(?P<kind>view|table)\s+(?P<name>\w+)\s+as\b", re.I | re.M)
# columns the articles table adds to the clean layer's contract: name -> column of dedup.DUPLICATES
ARTICLE_LINK_COLUMNS = {"duplicate_of": "duplicate_of", "similarity": "similarity", "duplicate_method": "method"}
# columns the event_mentions table adds to the events layer's contract: the event each mention was merged into
MENTION_EVENT_COLUMNS = {"event_id": "id of the merged event in events"}
# marts written in chunks of event dates (their SQL header says how); the others in one statement
CHUNKED = {"event_mentions"}
_EXPECTED_KIND = {"staging": ("view", "table"), "intermediate": ("view", "table"), "marts": ("table",)}
# DuckDB memory for the build (SITREP_BUILD_MEMORY overrides); beyond it, joins, sorts and aggregates spill to
# local temp files. It does not bound a table being created (held until commit, BENCHMARKS.md memory), so a
# small cap only risks running out: 1 GB gave the same peak at 30,000 articles and failed at 10 M mentions.
BUILD_MEMORY_LIMIT = os.environ.get("SITREP_BUILD_MEMORY", "12GB")
# at most this many mentions per chunk of event_mentions (a single day with more is one chunk of its own). About
# two DuckDB row groups: smaller inserts go through the WAL and its checkpoints (33 chunks of 30,000 mentions
# took twice the CPU of 5 chunks of 200,000 at 1 M, BENCHMARKS.md)
MENTION_CHUNK_ROWS = int(os.environ.get("SITREP_BUILD_CHUNK_ROWS", "250000"))
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
    failures = []
    for name, sql in tests.items():
        # one row tells pass from fail; the frame (a pandas conversion per test) only for failing tests
        if con.sql(sql).limit(1).fetchone() is None:
            continue
        bad = con.sql(sql).df()
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
        # zstd level 1: the same file sizes here as the default level 3, at 20-40 % less CPU for the wide tables
        con.execute(f"copy ({relation}) to {_quote(tmp)} (format parquet, compression zstd, compression_level 1, "
                    f"kv_metadata {{{kv}}})")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _export_marts(con: duckdb.DuckDBPyConnection, tables: list[str], marts_dir: Path, docs: dict[str, dict]) -> None:
    descriptions = column_descriptions(docs)
    con.execute("set preserve_insertion_order = true")  # the files keep each mart's order
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


def date_chunks(day_counts: list[tuple[date, int]], limit: int) -> list[tuple[date, date]]:
    """[from, to) date ranges of at most `limit` mentions, from the mentions per date (in date order): whole
    months where they fit, as each month is one Parquet partition (a chunk then reads its files whole), else
    days; consecutive units are packed up to the limit, and a single day over it is a chunk of its own."""
    units: list[tuple[date, date, int]] = []
    for (year, month), days in groupby(day_counts, key=lambda dc: (dc[0].year, dc[0].month)):
        days = list(days)
        total = sum(count for _, count in days)
        if total <= limit:
            units.append((date(year, month, 1), _next_month(year, month), total))
        else:
            units.extend((day, day + timedelta(days=1), count) for day, count in days)
    chunks: list[tuple[date, date]] = []
    rows = 0
    for start, end, count in units:
        if chunks and rows + count <= limit:
            chunks[-1] = (chunks[-1][0], end)
            rows += count
        else:
            chunks.append((start, end))
            rows = count
    return chunks


def _next_month(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1)


def _run_in_chunks(con: duckdb.DuckDBPyConnection, name: str, sql: str, profile_dir: Path | None) -> None:
    """event_mentions: its statement once per date range of int_event_dates (see its header), the first
    creating the table and the others inserting into it, each committed; the undated mentions last."""
    day_counts = con.sql("select event_date, sum(mention_count) from memory.main.int_event_dates "
                         "group by 1 order by 1").fetchall()
    insert = _CREATE.sub(f"insert into {name}", sql, count=1)
    chunks: list[tuple[date, date | None]] = [*date_chunks(day_counts, MENTION_CHUNK_ROWS), (date.max, None)]
    with _timing(f"{name} ({len(chunks)} chunks)"):
        for number, (start, end) in enumerate(chunks):
            con.execute(f"set variable {name}_from = cast(? as date)", [start])
            con.execute(f"set variable {name}_to = cast(? as date)", [end])
            _timed(con, f"{name}.{number}", insert if number else sql, profile_dir, level=logging.DEBUG)
    con.execute(f"reset variable {name}_from")
    con.execute(f"reset variable {name}_to")


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
        _load_seeds(con, sql_dir)
        con.execute(f"attach '{tmp}' as wh")
        tables: list[str] = []
        for path in model_files(sql_dir):
            sql = path.read_text(encoding="utf-8")
            _check_shape(path, sql)
            sql = storage.absolute_reads(sql, remote) if remote else sql
            if path.parent.name == "marts":
                con.execute("use wh")
                con.execute("set search_path = 'wh.main,memory.main'")
                tables.append(path.stem)
            if path.stem in CHUNKED:
                _run_in_chunks(con, path.stem, sql, profile_dir)
            else:
                _timed(con, path.stem, sql, profile_dir)
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
