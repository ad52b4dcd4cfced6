"""The analyst handoff folder: Parquet per table, a data dictionary, a README and optional CSVs.

Everything is read from the built warehouse (sitrep.duckdb, opened read-only) and written file
by file to a temporary name and renamed, so the same warehouse always exports the same bytes.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from transforms.dictionary import data_dictionary, dictionary_markdown
from transforms.io import storage
from transforms.io.warehouse import column_descriptions, mart_docs, table_grain, write_described_parquet
from transforms.settings import SCHEMA_VERSION, SQL_DIR

__all__ = ["export", "ACLED_CSV"]

ACLED_CSV = "events_acled.csv"
# Reading order for the README; any other table follows alphabetically.
_FIRST = ["events", "prisoner_exchanges", "exchange_totals_monthly", "loss_claims", "mediation_activity",
          "daily_event_counts", "source_coverage", "acled_events", "articles", "event_mentions",
          "event_quantities", "quarantine"]


def _write_text(path: Path, text: str) -> Path:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def _copy_csv(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        con.execute(f"copy (select * from {table}) to '{tmp}' (format csv, header true)")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _readme(tables: dict[str, tuple[str, int]], with_csv: bool) -> str:
    lines = [
        "# sitrep export", "",
        "Events extracted from conflict news. One Parquet file per table (zstd); every column's description",
        "is stored in the file's schema and listed in `data_dictionary.md` / `data_dictionary.csv`.",
        f"Schema version {SCHEMA_VERSION}.", "",
        "Read with DuckDB: `select * from 'prisoner_exchanges.parquet'`; with pandas: "
        "`pd.read_parquet('prisoner_exchanges.parquet')`.", "",
        "| table | rows | grain |", "|---|---|---|",
    ]
    lines += [f"| `{name}` | {rows} | {grain} |" for name, (grain, rows) in tables.items()]
    if with_csv:
        lines += ["", f"`{ACLED_CSV}` holds the `acled_events` table as CSV: ACLED column names and precision",
                  "codes (time_precision 1 day, 2 week, 3 month; geo_precision 1 town, 2 near a town or part of",
                  "a region, 3 region). `csv/` holds every table as CSV (lists written as `[a, b]`)."]
    lines += ["", "Figures reported differently by different outlets are kept side by side "
              "(`is_disputed`, `reported_figures`), never averaged.", ""]
    return "\n".join(lines)


def export(warehouse: Path, out_dir: Path, *, with_csv: bool) -> list[Path]:
    """Write the handoff folder and return the paths written."""
    db = warehouse / "sitrep.duckdb"
    if not db.exists():
        raise FileNotFoundError(f"no warehouse at {db}; run 'sitrep run' first")
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = mart_docs(SQL_DIR)
    descriptions = column_descriptions(docs)
    written: list[Path] = []
    with duckdb.connect(str(storage.local_copy(db)), read_only=True) as con:
        names = {row[0] for row in con.sql("select table_name from information_schema.tables").fetchall()}
        ordered = [t for t in _FIRST if t in names] + sorted(names - set(_FIRST))
        tables: dict[str, tuple[str, int]] = {}
        for table in ordered:
            path = out_dir / f"{table}.parquet"
            write_described_parquet(con.sql(f"select * from {table}").to_arrow_reader(1_000_000), path,
                                    descriptions=descriptions.get(table, {}), table_doc=table_grain(table, docs))
            written.append(path)
            tables[table] = (table_grain(table, docs), pq.read_metadata(path).num_rows)
        if with_csv:
            if "acled_events" in names:
                written.append(_copy_csv(con, "acled_events", out_dir / ACLED_CSV))
            written += [_copy_csv(con, table, out_dir / "csv" / f"{table}.csv") for table in ordered]
    schemas = {table: pq.read_schema(out_dir / f"{table}.parquet") for table in ordered}
    dictionary = data_dictionary(schemas)
    tmp = out_dir / f".data_dictionary.csv.{os.getpid()}.tmp"
    dictionary.to_csv(tmp, index=False)
    os.replace(tmp, out_dir / "data_dictionary.csv")
    written.append(out_dir / "data_dictionary.csv")
    written.append(_write_text(out_dir / "data_dictionary.md", dictionary_markdown(schemas)))
    written.append(_write_text(out_dir / "README.md", _readme(tables, with_csv)))
    return written
