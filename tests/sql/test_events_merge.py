"""Cross-article merging of mentions into events, on real Parquet and a real DuckDB build."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from transforms.io.layers import LAYOUT, ensure_layers, write_layer
from transforms.io.warehouse import build_models
from transforms.settings import SQL_DIR

# (article_id, outlet, published, event_type, modality, event_date, precision, to_rus, to_ukr, claimant)
MENTIONS = [
    ("a1", "TASS", date(2024, 1, 3), "prisoner_exchange", "realised", date(2024, 1, 3), 1, 248, 230, "Russian Defence Ministry"),
    ("a2", "Reuters", date(2024, 1, 3), "prisoner_exchange", "realised", date(2024, 1, 3), 1, 248, 230, "Russian Defence Ministry"),
    ("a3", "Ukrinform", date(2024, 1, 4), "prisoner_exchange", "realised", date(2024, 1, 4), 1, 248, 230, "Ukrainian Coordination Headquarters for POWs"),
    ("a4", "Kyiv Independent", date(2024, 1, 4), "prisoner_exchange", "realised", date(2024, 1, 4), 1, None, 230, "Volodymyr Zelensky"),
    ("a5", "RT", date(2024, 1, 5), "prisoner_exchange", "realised", date(2024, 1, 5), 2, 250, 230, "Tatyana Moskalkova"),
    ("a6", "Reuters", date(2023, 12, 30), "exchange_agreed", "agreed", date(2023, 12, 30), 1, None, None, None),
    ("a7", "TASS", date(2024, 1, 31), "prisoner_exchange", "realised", date(2024, 1, 31), 1, 195, 207, "Russian Defence Ministry"),
    ("a7", "TASS", date(2024, 1, 31), "prisoner_exchange", "hypothetical", date(2024, 1, 31), 1, None, None, None),
]


def _frames(rows: list[tuple]) -> tuple[pd.DataFrame, pd.DataFrame]:
    articles, mentions = {}, []
    for article, outlet, published, kind, modality, day, precision, to_rus, to_ukr, claimant in rows:
        text = f"Report {article}."
        articles[article] = {
            "article_id": article, "raw_id": f"raw-{article}", "url": None, "source": outlet, "site": None,
            "title": article, "published_date": published, "language": "en", "is_english": True,
            "text": text * 20, "text_sha256": article, "char_count": len(text) * 20,
            "source_uri": f"/tmp/{article}.txt", "fetched_at": None, "_extractor_version": "test"}
        evidence = text
        mention = {name: None for name in LAYOUT["event_mentions"][1].names}
        mention.update({
            "mention_id": f"m-{article}-{kind}-{modality}", "article_id": article, "event_type": kind, "modality": modality,
            "event_date": day, "time_precision": precision, "side_a": "RUS", "side_b": "UKR",
            "returned_to_a": to_rus, "returned_to_b": to_ukr, "mediators": ["ARE"], "claimant": claimant,
            "claimants": [claimant] if claimant else [], "evidence": evidence, "evidence_start": 0,
            "evidence_end": len(evidence), "acled_event_type": "Strategic developments",
            "acled_sub_event_type": "Agreement", "_extractor_version": "test"})
        mentions.append(mention)
    return pd.DataFrame(list(articles.values())), pd.DataFrame(mentions)


def _build(root: Path, rows: list[tuple]) -> None:
    articles, mentions = _frames(rows)
    write_layer(root, "articles", articles, "k")
    write_layer(root, "event_mentions", mentions, "k")
    ensure_layers(root)
    build_models(root, SQL_DIR)


def _rows(root: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(root / "sitrep.duckdb"), read_only=True) as con:
        return con.sql(sql).fetchall()


def test_five_outlets_one_exchange_disputed_figures_kept_agreement_linked(tmp_path):
    _build(tmp_path, MENTIONS)
    rows = _rows(tmp_path, """
        select event_type, modality, event_date, time_precision, returned_to_a, returned_to_b,
            returned_to_a_reported, is_disputed, num_articles, num_sources, mention_count, sources
        from events order by event_date, event_type, modality""")
    assert rows == [
        ("exchange_agreed", "agreed", date(2023, 12, 30), 1, None, None, None, False, 1, 1, 1, ["Reuters"]),
        ("prisoner_exchange", "realised", date(2024, 1, 3), 1, 250, 230, [248, 250], True, 5, 5, 5,
         ["Kyiv Independent", "RT", "Reuters", "TASS", "Ukrinform"]),
        ("prisoner_exchange", "hypothetical", date(2024, 1, 31), 1, None, None, None, False, 1, 1, 1, ["TASS"]),
        ("prisoner_exchange", "realised", date(2024, 1, 31), 1, 195, 207, [195], False, 1, 1, 1, ["TASS"]),
    ]
    figures = _rows(tmp_path, """
        select unnest(reported_figures, recursive := true) from events
        where event_type = 'prisoner_exchange' and event_date = date '2024-01-03'""")
    assert figures == [
        ("RUS", 248, ["Russian Defence Ministry", "Ukrainian Coordination Headquarters for POWs"],
         ["Reuters", "TASS", "Ukrinform"]),
        ("RUS", 250, ["Tatyana Moskalkova"], ["RT"]),
        ("UKR", 230, ["Russian Defence Ministry", "Tatyana Moskalkova", "Ukrainian Coordination Headquarters for POWs",
                      "Volodymyr Zelensky"], ["Kyiv Independent", "RT", "Reuters", "TASS", "Ukrinform"]),
    ]
    links = _rows(tmp_path, """
        select agreed.event_type, realised.event_date
        from events as agreed inner join events as realised on agreed.realised_event_id = realised.event_id""")
    assert links == [("exchange_agreed", date(2024, 1, 3))]
    ledger = _rows(tmp_path, "select event_date, returned_to_a, returned_to_b, num_sources from prisoner_exchanges")
    assert ledger == [(date(2024, 1, 3), 250, 230, 5), (date(2024, 1, 31), 195, 207, 1)]
    assert _rows(tmp_path, "select count(*), count(distinct event_id) from mention_events") == [(8, 4)]


def test_event_ids_come_from_content_and_survive_a_rebuild(tmp_path):
    _build(tmp_path / "one", MENTIONS)
    _build(tmp_path / "two", list(reversed(MENTIONS)))
    ids = "select event_id, event_type, modality from events order by all"
    assert _rows(tmp_path / "one", ids) == _rows(tmp_path / "two", ids)
    build_models(tmp_path / "one", SQL_DIR)
    assert _rows(tmp_path / "one", "select * from events order by event_id") == \
        _rows(tmp_path / "two", "select * from events order by event_id")
