"""The analyst handoff folder, read back with a second engine (pyarrow and DuckDB)."""

from __future__ import annotations

import csv
from datetime import date

import duckdb
import pyarrow.parquet as pq
import pytest

from transforms.io.export import ACLED_CSV, export

ACLED_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "actor2", "assoc_actor_1", "iso3", "region", "country", "admin1", "location", "latitude",
    "longitude", "geo_precision", "source", "notes", "fatalities", "tags", "sitrep_event_id", "sitrep_event_type",
    "returned_to_a", "returned_to_b", "num_articles", "num_sources",
]


@pytest.fixture(scope="module")
def exported(sample_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    written = export(sample_warehouse, out, with_csv=True)
    return out, written


def test_parquet_reads_back_with_pyarrow_and_duckdb(exported):
    out, _ = exported
    table = pq.read_table(out / "prisoner_exchanges.parquet",
                          columns=["event_date", "time_precision", "side_a", "side_b", "returned_to_a",
                                   "returned_to_b", "mediators", "num_articles", "num_sources"])
    expected = [
        (date(2024, 1, 3), 2, "RUS", "UKR", 248, 173, ["ARE"], 1, 1),
        (date(2024, 8, 24), 1, "RUS", "UKR", 115, 115, ["ARE"], 1, 1),
    ]
    assert [tuple(row.values()) for row in table.to_pylist()] == expected
    rows = duckdb.sql(f"""
        select event_date, time_precision, side_a, side_b, returned_to_a, returned_to_b, mediators,
            num_articles, num_sources
        from read_parquet('{out / "prisoner_exchanges.parquet"}') order by event_date""").fetchall()
    assert rows == expected


def test_every_exported_column_is_described_and_in_the_dictionary(exported):
    out, _ = exported
    dictionary = duckdb.sql(f"select \"table\", \"column\", description from read_csv('{out / 'data_dictionary.csv'}')").fetchall()
    from_files = []
    for path in sorted(out.glob("*.parquet")):
        schema = pq.read_schema(path)
        assert schema.metadata[b"schema_version"] == b"1"
        from_files += [(path.stem, f.name, f.metadata[b"description"].decode()) for f in schema]
    assert sorted(dictionary) == sorted(from_files)
    assert all(description for _, _, description in from_files)


def test_acled_csv_has_acled_columns_and_one_row_per_coded_event(exported):
    out, _ = exported
    with open(out / ACLED_CSV, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ACLED_HEADER
    exchanges = [(r["event_date"], r["time_precision"], r["actor1"], r["actor2"], r["assoc_actor_1"], r["country"],
                  r["source"], r["fatalities"]) for r in rows if r["sitrep_event_type"] == "prisoner_exchange"]
    assert exchanges == [
        ("2024-01-03", "2", "Military Forces of Russia", "Ukraine", "ARE", "Russia", "", "0"),
        ("2024-08-24", "1", "Military Forces of Russia", "Ukraine", "ARE", "Russia", "RT", "0"),
    ]
    in_duckdb = duckdb.sql(f"select count(*) from read_csv('{out / ACLED_CSV}')").fetchone()[0]
    assert in_duckdb == len(rows) == pq.read_metadata(out / "acled_events.parquet").num_rows


def test_readme_lists_every_table_and_written_files_exist(exported):
    out, written = exported
    readme = (out / "README.md").read_text()
    assert all(f"`{path.stem}`" in readme for path in out.glob("*.parquet"))
    assert sorted(written) == sorted(p for p in out.rglob("*") if p.is_file())


def test_export_is_idempotent_and_csv_is_optional(sample_warehouse, exported, tmp_path):
    out, _ = exported
    written = export(sample_warehouse, tmp_path, with_csv=False)
    assert not (tmp_path / ACLED_CSV).exists() and not (tmp_path / "csv").exists()
    for path in written:
        if path.name != "README.md":
            assert path.read_bytes() == (out / path.name).read_bytes(), path.name


def test_export_without_a_warehouse_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="sitrep run"):
        export(tmp_path, tmp_path / "out", with_csv=False)
