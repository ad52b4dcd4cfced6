"""Build the DuckDB warehouse from the plain .sql files, run the data tests, export marts, answer queries.

Staging and intermediate models are views in an in-memory database (they read Parquet paths
relative to the warehouse); marts are tables in a fresh copy of sitrep.duckdb that replaces
the old one atomically. The file therefore holds only tables, readable from any directory.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb
import pandas as pd

__all__ = ["DataTestFailure", "build_models", "model_files", "query", "MODEL_FOLDERS"]

MODEL_FOLDERS = ("staging", "intermediate", "marts")
_CREATE = re.compile(r"^\s*create\s+or\s+replace\s+(?P<kind>view|table)\s+(?P<name>\w+)\s+as\b", re.I | re.M)
_EXPECTED_KIND = {"staging": "view", "intermediate": "view", "marts": "table"}


class DataTestFailure(RuntimeError):
    """A data test in sql/tests returned rows."""


def model_files(sql_dir: Path) -> list[Path]:
    """Model files in dependency order: folder by folder, and within a folder a model after those it names."""
    ordered: list[Path] = []
    for folder in MODEL_FOLDERS:
        pending = sorted((sql_dir / folder).glob("*.sql"))
        names = {p.stem for p in pending}
        done: set[str] = set()
        while pending:
            ready = [p for p in pending if not (_references(p, names - {p.stem}) - done)]
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
    if not match or match.group("name") != path.stem or match.group("kind").lower() != _EXPECTED_KIND[folder]:
        raise ValueError(f"{path}: must be one 'create or replace {_EXPECTED_KIND[folder]} {path.stem} as ...' statement")


def _run_data_tests(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> list[str]:
    failures = []
    for path in sorted((sql_dir / "tests").glob("assert_*.sql")):
        bad = con.sql(path.read_text(encoding="utf-8")).df()
        if len(bad):
            failures.append(f"{path.name}: {len(bad)} bad rows\n{bad.head(10).to_string()}")
    return failures


def _export_marts(con: duckdb.DuckDBPyConnection, tables: list[str], marts_dir: Path) -> None:
    marts_dir.mkdir(parents=True, exist_ok=True)
    for table in tables:
        final = marts_dir / f"{table}.parquet"
        tmp = marts_dir / f".{table}.parquet.{os.getpid()}.tmp"
        con.execute(f"copy (select * from wh.main.{table}) to '{tmp}' (format parquet, compression zstd)")
        os.replace(tmp, final)


def build_models(warehouse: Path, sql_dir: Path) -> dict[str, int]:
    """Run every model, then the data tests; publish the database and mart Parquet only if all pass."""
    warehouse = warehouse.resolve()
    target = warehouse / "sitrep.duckdb"
    tmp = warehouse / f".sitrep.duckdb.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    con = duckdb.connect()
    try:
        con.execute("set file_search_path = ?", [str(warehouse)])
        con.execute(f"attach '{tmp}' as wh")
        tables: list[str] = []
        for path in model_files(sql_dir):
            sql = path.read_text(encoding="utf-8")
            _check_shape(path, sql)
            if path.parent.name == "marts":
                con.execute("use wh")
                con.execute("set search_path = 'wh.main,memory.main'")
                tables.append(path.stem)
            con.execute(sql)
        failures = _run_data_tests(con, sql_dir)
        if failures:
            raise DataTestFailure("data tests failed; warehouse not published:\n" + "\n\n".join(failures))
        counts = {t: con.sql(f"select count(*) from wh.main.{t}").fetchone()[0] for t in tables}
        _export_marts(con, tables, warehouse / "marts")
        con.execute("use memory")
        con.execute("detach wh")
    finally:
        con.close()
    os.replace(tmp, target)
    Path(f"{tmp}.wal").unlink(missing_ok=True)
    return counts


def query(db_path: Path, sql: str) -> pd.DataFrame:
    """Read-only, sandboxed query: no writes, no files, no ATTACH, no extension loading."""
    if not db_path.exists():
        raise FileNotFoundError(f"no warehouse at {db_path}; run 'sitrep run' first")
    config = {"access_mode": "READ_ONLY", "enable_external_access": False, "autoload_known_extensions": False,
              "autoinstall_known_extensions": False, "lock_configuration": True}
    with duckdb.connect(str(db_path), config=config) as con:
        relation = con.sql(sql)
        return relation.df() if relation is not None else pd.DataFrame()
