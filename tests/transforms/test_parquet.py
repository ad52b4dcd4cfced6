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


def test_ensure_layers_moves_parts_of_an_unpartitioned_layout_under_unknown(tmp_path):
    folder = tmp_path / LAYOUT["articles"][0]
    folder.mkdir(parents=True)
    parquet.write_file(ARTICLES.empty_table(), folder / "part-old.parquet")
    ensure_layers(tmp_path)
    assert [f for f in _files(tmp_path) if f.startswith("clean/")] == ["clean/published_month=unknown/part-old.parquet"]
    assert "links/article_duplicates.parquet" in _files(tmp_path)
