"""event_mentions written in chunks of event dates; groups and events compared by key, never by a hash alone."""

from __future__ import annotations

import logging
import re
import shutil
from datetime import date, timedelta

import duckdb

from transforms.io import warehouse
from transforms.io.warehouse import build_models, date_chunks
from transforms.settings import SQL_DIR

MARTS = sorted(p.stem for p in (SQL_DIR / "marts").glob("*.sql"))


def _same_rows(one, two, table) -> bool:
    """Equal as multisets of rows (every column), in the two databases."""
    with duckdb.connect() as con:
        con.execute(f"attach '{one / 'sitrep.duckdb'}' as one (read_only)")
        con.execute(f"attach '{two / 'sitrep.duckdb'}' as two (read_only)")
        return con.sql(f"select count(*) from ((from one.{table} except all from two.{table}) "
                       f"union all (from two.{table} except all from one.{table}))").fetchone()[0] == 0


def test_date_chunks_pack_whole_months_and_split_only_months_over_the_limit():
    days = [(date(2024, 1, 1) + timedelta(days=n), 1) for n in range(60)]  # Jan 31, Feb 29
    days += [(date(2024, 3, 1), 2), (date(2024, 3, 2), 9), (date(2024, 3, 3), 1), (date(2024, 5, 5), 4)]
    chunks = date_chunks(days, 42)
    assert chunks == [(date(2024, 1, 1), date(2024, 2, 1)),      # January (31) alone: February would not fit
                      (date(2024, 2, 1), date(2024, 4, 1)),      # February (29) and March (12); May (4) would not fit
                      (date(2024, 5, 1), date(2024, 6, 1))]
    split = date_chunks(days, 5)  # March (12) is over the limit: its days, the 9 on its own
    assert (date(2024, 3, 2), date(2024, 3, 3)) in split and (date(2024, 3, 1), date(2024, 3, 2)) in split
    for limit in (1, 5, 42, 1000):
        chunks = date_chunks(days, limit)
        assert all(a < b <= c for (a, b), (c, _) in zip(chunks, chunks[1:]))  # ordered, disjoint
        for day, _ in days:  # every date in exactly one chunk
            assert sum(start <= day < end for start, end in chunks) == 1
        for start, end in chunks:  # within the limit unless one day is over it alone
            rows = sum(count for day, count in days if start <= day < end)
            assert rows <= limit or len({day for day, _ in days if start <= day < end}) == 1
    assert date_chunks([], 10) == []


def test_event_mentions_in_chunks_equal_one_statement_and_rebuild_to_the_same_bytes(sample_warehouse, tmp_path,
                                                                                     monkeypatch, caplog):
    one = tmp_path / "one"
    shutil.copytree(sample_warehouse, one)
    monkeypatch.setattr(warehouse, "CHUNKED", set())  # the statement as run by hand: every mention at once
    build_models(one, SQL_DIR)
    monkeypatch.undo()

    chunked = tmp_path / "chunked"
    shutil.copytree(sample_warehouse, chunked)
    monkeypatch.setattr(warehouse, "MENTION_CHUNK_ROWS", 1)
    with caplog.at_level(logging.INFO, logger=warehouse.__name__):
        build_models(chunked, SQL_DIR)
    planned = [int(m.group(1)) for m in re.finditer(r"event_mentions \((\d+) chunks\)", caplog.text)]
    assert planned and planned[0] > 2
    with duckdb.connect(str(one / "sitrep.duckdb"), read_only=True) as con:
        assert con.sql("select count(distinct event_id) from event_mentions").fetchone()[0] > 5
    for table in MARTS:
        assert _same_rows(one, chunked, table), table

    first = {p.name: p.read_bytes() for p in (chunked / "marts").glob("*.parquet")}
    build_models(chunked, SQL_DIR)
    assert {p.name: p.read_bytes() for p in (chunked / "marts").glob("*.parquet")} == first


def _stand_in_hash(tmp_path):
    """The SQL with every hash() replaced by a constant, so any two keys share their hash."""
    sql = tmp_path / "sql"
    shutil.copytree(SQL_DIR, sql)
    replaced = 0
    for path in [*sql.glob("staging/*.sql"), *sql.glob("intermediate/*.sql"), *sql.glob("marts/*.sql")]:
        text, count = re.subn(r"\bhash\(([^()]*)\)", "cast(0 as ubigint)", path.read_text())
        path.write_text(text)
        replaced += count
    assert replaced  # the staging dedup hashes ids: the stand-in is in use
    return sql


def test_every_mart_is_the_same_when_all_keys_share_one_hash(sample_warehouse, tmp_path):
    # a hash collision must never merge two groups, two events or two articles: with a hash that is the
    # same for every key, the build gives the same rows as with the real one
    root = tmp_path / "wh"
    shutil.copytree(sample_warehouse, root)
    build_models(root, _stand_in_hash(tmp_path))
    for table in MARTS:
        assert _same_rows(sample_warehouse, root, table), table
