"""Big marts written in committed chunks (articles and quantities by id ranges, mentions and events by the events'
first dates); groups and events compared by key, never by a hash alone."""

from __future__ import annotations

import logging
import re
import shutil
from datetime import date, timedelta

import duckdb

from transforms.io import warehouse
from transforms.io.warehouse import build_models, date_chunks, id_chunks
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


def test_date_chunks_keep_within_every_limit_of_several_counts():
    # (date, mentions, events): a chunk is closed by whichever count would pass its limit first
    days = [(date(2024, 1, 1) + timedelta(days=n), 10, 1) for n in range(31)]
    days += [(date(2024, 2, 1) + timedelta(days=n), 1, 5) for n in range(29)]
    by_month = [(date(2024, 1, 1), date(2024, 2, 1)), (date(2024, 2, 1), date(2024, 3, 1))]
    assert date_chunks(days, (310, 1000)) == by_month
    # February's 145 events are over 40: its days, packed after January (31 events) up to 40 at a time
    by_events = date_chunks(days, (1000, 40))
    assert by_events[:2] == [(date(2024, 1, 1), date(2024, 2, 2)), (date(2024, 2, 2), date(2024, 2, 10))]
    for start, end in by_events:
        assert sum(e for d, _, e in days if start <= d < end) <= 40
        assert sum(m for d, m, _ in days if start <= d < end) <= 1000


def test_id_chunks_are_ordered_disjoint_ranges_covering_every_id_within_the_limits():
    ids = sorted(f"{n * 7919 % 4096:03x}{n:05d}" for n in range(3000)) + ["fff", "z", "é"]
    prefixes = sorted({i[:3] for i in ids})
    counts = [(p, sum(i[:3] == p for i in ids), 10 * sum(i[:3] == p for i in ids)) for p in prefixes]
    for rows, chars in ((1, 10**9), (50, 10**9), (10**9, 300), (10**9, 10**9)):
        chunks = id_chunks(counts, rows, chars)
        assert chunks[0][0] is None and chunks[-1][1] is None
        assert all(a[1] == b[0] for a, b in zip(chunks, chunks[1:]))  # each starts where the last ended
        for i in ids:  # every id in exactly one range
            assert sum((lo is None or i >= lo) and (hi is None or i < hi) for lo, hi in chunks) == 1
        for lo, hi in chunks:  # within the limits unless one prefix is over them alone
            inside = [i for i in ids if (lo is None or i >= lo) and (hi is None or i < hi)]
            assert (len(inside) <= rows and 10 * len(inside) <= chars) or len({i[:3] for i in inside}) == 1
    assert len(id_chunks(counts, 10**9, 10**9)) == 1
    assert id_chunks([], 5, 5) == [(None, None)]


def _add_loss_claims(root):
    """Loss claims on three more dates and one undated, each with two lost figures: with a chunk per date,
    loss_claims is written in several dated chunks and an undated one."""
    events = root / "events"
    dates = {"t-loss-1": "date '2024-02-10'", "t-loss-2": "date '2024-04-20'", "t-loss-3": "date '2024-04-21'",
             "t-loss-4": "null"}
    values = ", ".join(f"('{m}', {d})" for m, d in dates.items())
    (events / "mentions" / "event_month=2024-03").mkdir(exist_ok=True)
    with duckdb.connect() as con:
        con.execute(f"""
            copy (
                select template.* exclude (event_month) replace (
                    added.mention_id as mention_id, 'loss_claim' as event_type, added.event_date as event_date)
                from (select * from read_parquet('{events}/mentions/**/*.parquet', hive_partitioning = true,
                      union_by_name = true) limit 1) as template
                cross join (values {values}) as added(mention_id, event_date)
            ) to '{events}/mentions/event_month=2024-03/part-test-losses.parquet' (format parquet)""")
        con.execute(f"""
            copy (
                select template.* replace (
                    added.mention_id || '-' || figure as quantity_id, added.mention_id as mention_id,
                    'lost' as role, 'item ' || figure as item, figure * 10 as value)
                from (select * from read_parquet('{events}/quantities/**/*.parquet', union_by_name = true)
                      limit 1) as template
                cross join (values {values}) as added(mention_id, event_date)
                cross join range(2) as figures(figure)
            ) to '{events}/quantities/part-test-losses.parquet' (format parquet)""")


def test_event_mentions_in_chunks_equal_one_statement_and_rebuild_to_the_same_bytes(sample_warehouse, tmp_path,
                                                                                     monkeypatch, caplog):
    source = tmp_path / "source"
    shutil.copytree(sample_warehouse, source)
    _add_loss_claims(source)
    one = tmp_path / "one"
    shutil.copytree(source, one)
    monkeypatch.setattr(warehouse, "CHUNKED", set())  # the statement as run by hand: every mention at once
    build_models(one, SQL_DIR)
    monkeypatch.undo()

    chunked = tmp_path / "chunked"
    shutil.copytree(source, chunked)
    monkeypatch.setattr(warehouse, "MENTION_CHUNK_ROWS", 1)  # one chunk per first date of events, per id prefix
    monkeypatch.setattr(warehouse, "QUANTITY_CHUNK_ROWS", 1)
    monkeypatch.setattr(warehouse, "LOSS_CLAIM_CHUNK_ROWS", 1)  # one chunk per claim date
    monkeypatch.setattr(warehouse, "EVENTS_PER_STATEMENT", 2)  # chunks of event_mentions split by event ids
    with caplog.at_level(logging.INFO, logger=warehouse.__name__):
        build_models(chunked, SQL_DIR)
    planned = {}
    for table in ("articles", "event_mentions", "event_quantities", "events", "loss_claims"):
        planned[table] = [int(m.group(1)) for m in re.finditer(rf"{table} \((\d+) chunks\)", caplog.text)]
        assert planned[table] and planned[table][0] > 1, table
    assert planned["events"][0] > planned["event_mentions"][0]  # some chunk of mentions split by event ids
    with duckdb.connect(str(one / "sitrep.duckdb"), read_only=True) as con:
        assert con.sql("select count(distinct event_id) from event_mentions").fetchone()[0] > 5
        # the added claims: four dates (one of them none), two figures each, beside the samples' own
        assert con.sql("select count(distinct as_of), count(*) filter (where as_of is null) "
                       "from loss_claims where event_id in (select event_id from event_mentions "
                       "where mention_id like 't-loss-%')").fetchone() == (3, 2)
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


def _add_exchanges(root):
    """Two agreements whose realised exchanges are first dated on other days (one 80 days later, one a day
    before), so with a chunk per day each link crosses chunks of events."""
    mentions = root / "events" / "mentions"
    rows = [("t-agreed-1", "exchange_agreed", "agreed", "RUS", "UKR", "2024-03-01"),
            ("t-realised-1", "prisoner_exchange", "realised", "RUS", "UKR", "2024-05-20"),
            ("t-agreed-2", "exchange_agreed", "agreed", "BLR", "UKR", "2024-06-02"),
            ("t-realised-2", "prisoner_exchange", "realised", "BLR", "UKR", "2024-06-01")]
    values = ", ".join(f"('{m}', '{t}', '{mo}', '{a}', '{b}', date '{d}')" for m, t, mo, a, b, d in rows)
    (mentions / "event_month=2024-03").mkdir(exist_ok=True)
    with duckdb.connect() as con:
        con.execute(f"""
            copy (
                select template.* exclude (event_month) replace (
                    added.mention_id as mention_id, added.event_type as event_type, added.modality as modality,
                    added.side_a as side_a, added.side_b as side_b, added.event_date as event_date,
                    1 as time_precision)
                from (select * from read_parquet('{mentions}/**/*.parquet', hive_partitioning = true,
                      union_by_name = true) limit 1) as template
                cross join (values {values}) as added(mention_id, event_type, modality, side_a, side_b, event_date)
            ) to '{mentions}/event_month=2024-03/part-test-exchanges.parquet' (format parquet)""")


def test_agreements_link_to_realised_exchanges_in_other_chunks(sample_warehouse, tmp_path, monkeypatch):
    built = {}
    for name, chunk_rows in (("one", None), ("chunked", 1)):
        root = tmp_path / name
        shutil.copytree(sample_warehouse, root)
        _add_exchanges(root)
        if chunk_rows is None:
            monkeypatch.setattr(warehouse, "CHUNKED", set())
        else:
            monkeypatch.setattr(warehouse, "MENTION_CHUNK_ROWS", chunk_rows)
        build_models(root, SQL_DIR)
        monkeypatch.undo()
        with duckdb.connect(str(root / "sitrep.duckdb"), read_only=True) as con:
            built[name] = dict(con.sql(
                "select agreed.mention_id, realised.mention_id from event_mentions as agreed "
                "join events on events.event_id = agreed.event_id "
                "left join event_mentions as realised on realised.event_id = events.realised_event_id "
                "and realised.mention_id like 't-realised-%' "
                "where agreed.mention_id like 't-agreed-%'").fetchall())
        assert _same_rows(tmp_path / "one", root, "events")
    assert built["one"] == built["chunked"] == {"t-agreed-1": "t-realised-1", "t-agreed-2": "t-realised-2"}


def test_dropping_cached_blocks_evicts_table_blocks_and_restores_the_limit(tmp_path):
    # a written table's blocks stay cached under the build's roomy limit; the build evicts them after each statement
    con = duckdb.connect()
    con.execute("set memory_limit = ?", [warehouse.BUILD_MEMORY_LIMIT])
    con.execute("set enable_external_file_cache = false")
    con.execute(f"attach '{tmp_path / 'w.duckdb'}' as w")
    con.execute("create table w.t as select range as i, md5(range::varchar) || md5((-range)::varchar) as s "
                "from range(2000000)")
    con.execute("checkpoint w")
    con.sql("select sum(length(s)) from w.t").fetchall()

    def cached():
        return con.sql("select memory_usage_bytes from duckdb_memory() where tag = 'BASE_TABLE'").fetchone()[0]

    limit = con.sql("select current_setting('memory_limit')").fetchone()[0]
    before = cached()
    assert before > 48 * 2**20
    warehouse._drop_cached_blocks(con)
    assert cached() <= 16 * 2**20
    assert con.sql("select current_setting('memory_limit')").fetchone()[0] == limit
    # with the external file cache on (builds from object storage) nothing is evicted
    con.execute("set enable_external_file_cache = true")
    con.sql("select sum(length(s)) from w.t").fetchall()
    before = cached()
    warehouse._drop_cached_blocks(con)
    assert cached() == before
