"""SQL models: file shape, documented columns equal built columns, data tests can fail."""

from __future__ import annotations

import shutil

import duckdb
import pytest
import yaml

from transforms.io.warehouse import (ARTICLE_LINK_COLUMNS, MENTION_EVENT_COLUMNS, DataTestFailure, build_models,
                                     model_files)
from transforms.schemas import SCHEMAS
from transforms.settings import SQL_DIR

MART_YAMLS = sorted((SQL_DIR / "marts").glob("*.yml"))
CORE = ["articles", "event_mentions", "event_quantities", "quarantine"]


def _columns(root, table):
    with duckdb.connect(str(root / "sitrep.duckdb"), read_only=True) as con:
        return [row[0] for row in con.sql(f"describe {table}").fetchall()]


@pytest.mark.parametrize("path", MART_YAMLS, ids=lambda p: p.stem)
def test_yaml_documents_exactly_the_built_columns(sample_warehouse, path):
    doc = yaml.safe_load(path.read_text())
    assert doc["name"] == path.stem and doc["grain"]
    assert list(doc["columns"]) == _columns(sample_warehouse, path.stem)


def test_every_derived_mart_has_a_yaml():
    marts = {p.stem for p in (SQL_DIR / "marts").glob("*.sql")} - set(CORE)
    assert marts == {p.stem for p in MART_YAMLS}


@pytest.mark.parametrize("table", CORE)
def test_core_tables_match_the_pyarrow_contract(sample_warehouse, table):
    added = {"articles": list(ARTICLE_LINK_COLUMNS), "event_mentions": list(MENTION_EVENT_COLUMNS)}.get(table, [])
    assert sorted(_columns(sample_warehouse, table)) == sorted(SCHEMAS[table].names + added)


def test_models_run_in_dependency_order():
    order = [p.stem for p in model_files(SQL_DIR)]
    assert order.index("events") < order.index("prisoner_exchanges") < order.index("exchange_totals_monthly")
    assert order.index("int_event_mentions__keyed") < order.index("events")


def test_database_holds_only_tables_readable_from_anywhere(sample_warehouse, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with duckdb.connect(str(sample_warehouse / "sitrep.duckdb"), read_only=True) as con:
        kinds = dict(con.sql("select table_name, table_type from information_schema.tables").fetchall())
        assert set(kinds.values()) == {"BASE TABLE"}
        for table in kinds:
            con.sql(f"select count(*) from {table}").fetchall()


def test_a_failing_data_test_fails_the_build_and_keeps_the_old_database(sample_warehouse, tmp_path):
    root = tmp_path / "wh"
    shutil.copytree(sample_warehouse, root)
    sql = tmp_path / "sql"
    shutil.copytree(SQL_DIR, sql)
    (sql / "tests" / "assert_no_exchanges.sql").write_text("select event_id from prisoner_exchanges")
    before = (root / "sitrep.duckdb").read_bytes()
    with pytest.raises(DataTestFailure, match="assert_no_exchanges.sql: 2 bad rows"):
        build_models(root, sql)
    assert (root / "sitrep.duckdb").read_bytes() == before
    assert not list(root.glob(".sitrep.duckdb*"))


def test_a_model_must_be_one_create_statement_named_like_its_file(sample_warehouse, tmp_path):
    sql = tmp_path / "sql"
    shutil.copytree(SQL_DIR, sql)
    (sql / "marts" / "oddly_named.sql").write_text("create or replace table something_else as select 1 as x")
    with pytest.raises(ValueError, match="oddly_named.sql"):
        build_models(sample_warehouse, sql)


def test_a_yaml_generic_test_fails_the_build_with_the_rows(sample_warehouse, tmp_path):
    root = tmp_path / "wh"
    shutil.copytree(sample_warehouse, root)
    sql = tmp_path / "sql"
    shutil.copytree(SQL_DIR, sql)
    yml = sql / "marts" / "prisoner_exchanges.yml"
    doc = yaml.safe_load(yml.read_text())
    doc["tests"]["accepted_values"]["side_a"] = ["UKR"]
    yml.write_text(yaml.safe_dump(doc))
    with pytest.raises(DataTestFailure, match=r"prisoner_exchanges.yml accepted_values\(side_a\): 1 bad rows\n.*\n0 +RUS +2"):
        build_models(root, sql)


def test_mart_parquet_carries_column_descriptions(sample_warehouse):
    import pyarrow.parquet as pq

    for path in MART_YAMLS:
        doc = yaml.safe_load(path.read_text())
        schema = pq.read_schema(sample_warehouse / "marts" / f"{path.stem}.parquet")
        assert {f.name: f.metadata[b"description"].decode() for f in schema} == {k: str(v) for k, v in doc["columns"].items()}


def _assert_rows(db, name):
    with duckdb.connect(str(db)) as con:
        return con.sql((SQL_DIR / "tests" / name).read_text()).fetchall()


def test_hashed_data_tests_catch_their_bad_rows(sample_warehouse, tmp_path):
    # the id checks look ids up by hash and count mentions per event in one aggregate; each must still
    # name the rows it exists for, checked here on a built database with bad rows written into it
    db = tmp_path / "sitrep.duckdb"
    shutil.copy(sample_warehouse / "sitrep.duckdb", db)
    names = ["assert_unique_ids.sql", "assert_every_mention_has_an_event.sql", "assert_mentions_have_articles.sql"]
    assert [_assert_rows(db, name) for name in names] == [[], [], []]
    with duckdb.connect(str(db)) as con:
        first, second, orphaned = [row[0] for row in con.sql(
            "select mention_id from event_mentions order by mention_id limit 3").fetchall()]
        con.execute("insert into event_mentions select * from event_mentions where mention_id = ?", [first])
        con.execute("update event_mentions set event_id = null where mention_id = ?", [second])
        con.execute("update event_mentions set event_id = 'no-such-event', article_id = 'no-such-article' "
                    "where mention_id = ?", [orphaned])
        con.execute("insert into event_quantities (quantity_id, mention_id) values ('q-orphan', 'no-such-mention')")
        con.execute("insert into events (event_id, mention_count, num_articles, num_sources) values ('e-empty', 1, 1, 1)")
    assert _assert_rows(db, "assert_unique_ids.sql") == [("event_mentions", first, 2)]
    problems = set(_assert_rows(db, "assert_every_mention_has_an_event.sql"))
    assert {(None, "mention without event"), ("no-such-event", "mention of an event not in events"),
            ("e-empty", "event without mention")} <= problems
    # the duplicated mention's event now has one mention more than its mention_count
    assert "mention_count differs from its mentions" in {problem for _, problem in problems}
    orphans = set(_assert_rows(db, "assert_mentions_have_articles.sql"))
    assert orphans == {(orphaned, "mention without article"), ("q-orphan", "quantity without mention")}
