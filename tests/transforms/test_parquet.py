"""Parquet layers on disk: atomic writes, month partitions, sorted parts, metadata, identical re-writes."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from transforms.io import parquet
from transforms.io.layers import LAYOUT, ensure_layers, write_layer
from transforms.schemas import ARTICLES, MENTIONS
from transforms.settings import SCHEMA_VERSION


def _articles(ids_and_dates: list[tuple[str, date | None]]) -> pd.DataFrame:
    rows = []
    for article_id, published in ids_and_dates:
        rows.append({
            "article_id": article_id, "raw_id": f"raw-{article_id}", "url": None, "source": "Outlet", "site": None,
            "title": article_id, "published_date": published, "language": "en", "is_english": True,
            "text": f"text {article_id}", "text_sha256": article_id, "char_count": 6, "source_uri": f"/{article_id}",
            "fetched_at": datetime(2024, 3, 1, tzinfo=timezone.utc), "_extractor_version": "test"})
    return pd.DataFrame(rows)


def _mentions(ids_and_dates: list[tuple[str, date | None]]) -> pd.DataFrame:
    rows = []
    for mention_id, day in ids_and_dates:
        row = {name: None for name in MENTIONS.names}
        row.update({"mention_id": mention_id, "article_id": "a", "event_type": "attack", "modality": "realised",
                    "event_date": day, "evidence": "x", "evidence_start": 0, "evidence_end": 1,
                    "_extractor_version": "test"})
        rows.append(row)
    return pd.DataFrame(rows)


ARTICLE_ROWS = [("c", date(2024, 2, 9)), ("a", date(2024, 1, 31)), ("d", None), ("b", date(2024, 1, 2))]


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_clean_and_mentions_are_partitioned_by_month_and_sorted_within_parts(tmp_path):
    write_layer(tmp_path, "articles", _articles(ARTICLE_ROWS), "k1")
    write_layer(tmp_path, "event_mentions", _mentions([("m2", date(2024, 1, 5)), ("m1", date(2024, 1, 3)),
                                                       ("m3", None)]), "k1")
    assert _files(tmp_path) == [
        "clean/published_month=2024-01/part-k1.parquet",
        "clean/published_month=2024-02/part-k1.parquet",
        "clean/published_month=unknown/part-k1.parquet",
        "events/mentions/event_month=2024-01/part-k1.parquet",
        "events/mentions/event_month=unknown/part-k1.parquet",
    ]
    ids = {path: pq.read_table(tmp_path / path).column(0).to_pylist() for path in _files(tmp_path)}
    assert ids == {
        "clean/published_month=2024-01/part-k1.parquet": ["a", "b"],
        "clean/published_month=2024-02/part-k1.parquet": ["c"],
        "clean/published_month=unknown/part-k1.parquet": ["d"],
        "events/mentions/event_month=2024-01/part-k1.parquet": ["m1", "m2"],
        "events/mentions/event_month=unknown/part-k1.parquet": ["m3"],
    }
    # DuckDB reads the layer with its partitions, as the staging views do
    rows = duckdb.sql(f"""select article_id, published_month from read_parquet('{tmp_path}/clean/**/*.parquet',
        union_by_name = true, hive_partitioning = true) order by article_id""").fetchall()
    assert rows == [("a", "2024-01"), ("b", "2024-01"), ("c", "2024-02"), ("d", "unknown")]


def test_raw_stays_partitioned_by_ingest_date(tmp_path):
    frame = pd.DataFrame([{"raw_id": "r1", "source_uri": "/x", "source_kind": "file_text", "content_type": None,
                           "content": b"x", "meta_json": None, "fetched_at": None}])
    write_layer(tmp_path, "raw", frame, "k1")
    assert _files(tmp_path) == [f"raw/ingest_date={date.today().isoformat()}/part-k1.parquet"]


def test_every_file_carries_descriptions_schema_version_and_zstd(tmp_path):
    write_layer(tmp_path, "articles", _articles(ARTICLE_ROWS), "k1")
    ensure_layers(tmp_path)
    for path in sorted(tmp_path.rglob("*.parquet")):
        schema = pq.read_schema(path)
        assert schema.metadata[b"schema_version"] == SCHEMA_VERSION.encode(), path
        assert schema.metadata[b"description"], path
        assert all(field.metadata and field.metadata[b"description"] for field in schema), path
        meta = pq.read_metadata(path)
        codecs = {meta.row_group(g).column(c).compression for g in range(meta.num_row_groups)
                  for c in range(meta.num_columns)}
        assert codecs <= {"ZSTD"}, path
    described = {f.name: f.metadata[b"description"] for f in pq.read_schema(
        tmp_path / "clean/published_month=2024-01/part-k1.parquet")}
    assert described == {f.name: f.metadata[b"description"] for f in ARTICLES}


def test_rewriting_the_same_rows_in_any_order_gives_identical_bytes(tmp_path):
    write_layer(tmp_path / "one", "articles", _articles(ARTICLE_ROWS), "k1")
    first = {p: (tmp_path / "one" / p).read_bytes() for p in _files(tmp_path / "one")}
    write_layer(tmp_path / "one", "articles", _articles(ARTICLE_ROWS), "k1")
    write_layer(tmp_path / "two", "articles", _articles(list(reversed(ARTICLE_ROWS))), "k1")
    assert {p: (tmp_path / "one" / p).read_bytes() for p in _files(tmp_path / "one")} == first
    assert {p: (tmp_path / "two" / p).read_bytes() for p in _files(tmp_path / "two")} == first


@pytest.mark.parametrize("fail_at", ["write", "rename"])
def test_a_failed_write_leaves_no_temp_file_and_the_old_file_intact(tmp_path, monkeypatch, fail_at):
    write_layer(tmp_path, "articles", _articles(ARTICLE_ROWS[:1]), "k1")
    target = tmp_path / "clean/published_month=2024-02/part-k1.parquet"
    before = target.read_bytes()

    def boom(*args, **kwargs):
        if fail_at == "write":
            Path(args[1]).write_bytes(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(parquet.pq if fail_at == "write" else parquet.os, "write_table" if fail_at == "write"
                        else "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        write_layer(tmp_path, "articles", _articles([("c", date(2024, 2, 9)), ("e", date(2024, 2, 1))]), "k1")
    assert _files(tmp_path) == ["clean/published_month=2024-02/part-k1.parquet"]
    assert target.read_bytes() == before


@pytest.mark.parametrize("fail_at", ["write", "fsync", "rename"])
def test_a_failed_write_of_several_month_parts_leaves_no_temp_file_and_no_part_half_written(tmp_path, monkeypatch,
                                                                                           fail_at):
    """Month parts are written under temporary names, fsynced together, then renamed: a failure on the
    second part leaves every earlier file whole (old or new) and no temporary file."""
    write_layer(tmp_path, "articles", _articles(ARTICLE_ROWS), "k1")
    before = {p: (tmp_path / p).read_bytes() for p in _files(tmp_path)}
    real = {"write": parquet.pq.write_table, "fsync": parquet.os.fsync, "rename": parquet.os.replace}[fail_at]
    calls = []

    def second_fails(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(*args, **kwargs)

    owner, name = {"write": (parquet.pq, "write_table"), "fsync": (parquet.os, "fsync"),
                   "rename": (parquet.os, "replace")}[fail_at]
    monkeypatch.setattr(owner, name, second_fails)
    rows = [(article_id, day.replace(year=2023) if day else None) for article_id, day in ARTICLE_ROWS]
    with pytest.raises(OSError, match="disk full"):
        write_layer(tmp_path, "articles", _articles(rows), "k1")
    monkeypatch.undo()
    after = _files(tmp_path)
    assert not [f for f in after if f.endswith(".tmp")]
    assert all((tmp_path / p).read_bytes() == body for p, body in before.items())
    for path in set(after) - set(before):  # a part renamed before the failure is complete
        assert pq.read_table(tmp_path / path).num_rows >= 1
    assert len(set(after) - set(before)) == (1 if fail_at == "rename" else 0)


def test_raw_rows_are_written_in_row_groups_and_a_batch_gets_exactly_its_items(tmp_path, monkeypatch):
    import pyarrow as pa

    from transforms.io import layers
    from transforms.schemas import RAW

    monkeypatch.setattr(layers, "RAW_ROW_GROUP", 2)
    rows = [{"raw_id": f"r{i}", "source_uri": f"/p{i}.html", "source_kind": "file_html", "content_type": "text/html",
             "content": f"<p>page {i}</p>".encode() * i, "meta_json": None,
             "fetched_at": datetime(2024, 3, 1, tzinfo=timezone.utc)} for i in range(9)]
    path = write_layer(tmp_path, "raw", rows, "k1")
    assert pq.read_metadata(path).num_row_groups == 5
    assert pq.read_table(path).equals(pa.Table.from_pylist(rows, schema=RAW))  # the joined-bytes column included
    # ids spread over three row groups, with gaps inside the range they span
    got = layers.read_raw(tmp_path, ["r8", "r1", "r4", "r5"], [str(path)])
    assert got["raw_id"].tolist() == ["r1", "r4", "r5", "r8"]
    assert got["content"].tolist() == [rows[i]["content"] for i in (1, 4, 5, 8)]
    assert layers.read_raw(tmp_path, [], [str(path)]).empty
    # content that is not all bytes (a missing page) goes through pa.array, with the same result
    rows[3]["content"] = None
    assert pq.read_table(write_layer(tmp_path / "other", "raw", rows, "k1")).equals(
        pa.Table.from_pylist(rows, schema=RAW))
    rows[3]["raw_id"] = None
    with pytest.raises(ValueError, match="raw_id has nulls"):
        write_layer(tmp_path / "third", "raw", rows, "k1")


def test_ensure_layers_moves_parts_of_an_unpartitioned_layout_under_unknown(tmp_path):
    folder = tmp_path / LAYOUT["articles"][0]
    folder.mkdir(parents=True)
    parquet.write_file(ARTICLES.empty_table(), folder / "part-old.parquet")
    ensure_layers(tmp_path)
    assert [f for f in _files(tmp_path) if f.startswith("clean/")] == ["clean/published_month=unknown/part-old.parquet"]
    assert "links/article_duplicates.parquet" in _files(tmp_path)
