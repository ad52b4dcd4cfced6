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
    assert _rows(tmp_path, "select count(*), count(distinct event_id) from event_mentions") == [(8, 4)]


def test_event_ids_come_from_content_and_survive_a_rebuild(tmp_path):
    _build(tmp_path / "one", MENTIONS)
    _build(tmp_path / "two", list(reversed(MENTIONS)))
    ids = "select event_id, event_type, modality from events order by all"
    assert _rows(tmp_path / "one", ids) == _rows(tmp_path / "two", ids)
    build_models(tmp_path / "one", SQL_DIR)
    assert _rows(tmp_path / "one", "select * from events order by event_id") == \
        _rows(tmp_path / "two", "select * from events order by event_id")


def _mention_frames(specs: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Articles and mentions from specs: article, outlet, published, text (optional), then mention fields."""
    articles, mentions = {}, []
    for number, spec in enumerate(specs):
        spec = dict(spec)
        article, outlet, published = spec.pop("article"), spec.pop("outlet"), spec.pop("published")
        text = spec.pop("text", f"Report {article}. " * 20)
        articles[article] = {
            "article_id": article, "raw_id": f"raw-{article}", "url": None, "source": outlet, "site": None,
            "title": article, "published_date": published, "language": "en", "is_english": True,
            "text": text, "text_sha256": article, "char_count": len(text),
            "source_uri": f"/tmp/{article}.txt", "fetched_at": None, "_extractor_version": "test"}
        mention = {name: None for name in LAYOUT["event_mentions"][1].names}
        mention.update({
            "mention_id": f"m{number:02d}-{article}", "article_id": article, "modality": "realised",
            "time_precision": 1, "side_a": "RUS", "side_b": "UKR", "mediators": [], "claimants": [],
            "evidence": text[:10], "evidence_start": 0, "evidence_end": 10, "_extractor_version": "test"})
        mention.update(spec)
        mentions.append(mention)
    return pd.DataFrame(list(articles.values())), pd.DataFrame(mentions)


def _build_specs(root: Path, specs: list[dict]) -> None:
    articles, mentions = _mention_frames(specs)
    write_layer(root, "articles", articles, "k")
    write_layer(root, "event_mentions", mentions, "k")
    ensure_layers(root)
    build_models(root, SQL_DIR)


def _strike(article: str, outlet: str, day: int, place: str, precision: int = 1) -> dict:
    return {"article": article, "outlet": outlet, "published": date(2024, 8, day), "event_type": "attack",
            "event_date": date(2024, 8, day), "time_precision": precision, "admin1": place, "place_name": place}


def test_fighting_merges_only_on_the_same_day_and_place_and_never_chains(tmp_path):
    specs = [_strike(f"d{day}", "Ukrinform", day, "Kharkiv") for day in range(1, 8)]  # a strike a day for a week
    specs += [_strike("x1", "Reuters", 3, "Kharkiv"), _strike("x2", "TASS", 3, "Kharkiv", precision=2),
              _strike("y1", "Reuters", 3, "Belgorod")]
    _build_specs(tmp_path, specs)
    rows = _rows(tmp_path, """
        select event_date, admin1, mention_count, num_articles, num_sources, sources
        from events order by event_date, admin1""")
    assert rows == [
        (date(2024, 8, 1), "Kharkiv", 1, 1, 1, ["Ukrinform"]),
        (date(2024, 8, 2), "Kharkiv", 1, 1, 1, ["Ukrinform"]),
        (date(2024, 8, 3), "Belgorod", 1, 1, 1, ["Reuters"]),
        (date(2024, 8, 3), "Kharkiv", 3, 3, 3, ["Reuters", "TASS", "Ukrinform"]),
        (date(2024, 8, 4), "Kharkiv", 1, 1, 1, ["Ukrinform"]),
        (date(2024, 8, 5), "Kharkiv", 1, 1, 1, ["Ukrinform"]),
        (date(2024, 8, 6), "Kharkiv", 1, 1, 1, ["Ukrinform"]),
        (date(2024, 8, 7), "Kharkiv", 1, 1, 1, ["Ukrinform"]),
    ]


def _swap(article: str, outlet: str, day: date, precision: int = 1, published: date | None = None) -> dict:
    return {"article": article, "outlet": outlet, "published": published or day, "event_type": "prisoner_exchange",
            "event_date": day, "time_precision": precision, "returned_to_a": 100, "returned_to_b": 100}


def test_exchanges_cluster_around_an_anchor_date_and_do_not_chain(tmp_path):
    specs = [
        # one exchange on 3 January, reported a day apart and with week precision by five outlets
        _swap("e1", "TASS", date(2024, 1, 3)),
        _swap("e2", "Reuters", date(2024, 1, 4)),
        _swap("e3", "RT", date(2024, 1, 5), precision=2),
        _swap("e4", "Ukrinform", date(2024, 1, 3), precision=2),
        _swap("e5", "Kyiv Independent", date(2024, 1, 4)),
        # the next exchange between the same sides three weeks later
        _swap("f1", "TASS", date(2024, 1, 24)),
        _swap("f2", "Reuters", date(2024, 1, 25)),
        # daily day-precision reports for six days in June: windows of two days, not one endless event
        *[_swap(f"g{day}", "Ukrinform", date(2024, 6, day)) for day in range(1, 7)],
    ]
    _build_specs(tmp_path, specs)
    rows = _rows(tmp_path, """
        select event_date, time_precision, mention_count, num_articles, num_sources, first_published_date
        from events order by event_date""")
    assert rows == [
        (date(2024, 1, 3), 1, 5, 5, 5, date(2024, 1, 3)),
        (date(2024, 1, 24), 1, 2, 2, 2, date(2024, 1, 24)),
        (date(2024, 6, 1), 1, 2, 2, 1, date(2024, 6, 1)),
        (date(2024, 6, 3), 1, 2, 2, 1, date(2024, 6, 3)),
        (date(2024, 6, 5), 1, 2, 2, 1, date(2024, 6, 5)),
    ]
    # the event id hashes the group and the anchor date: the same whatever else is in the warehouse
    alone = tmp_path / "alone"
    _build_specs(alone, specs[:5])
    query = "select event_id from events where event_date = date '2024-01-03'"
    assert _rows(alone, query) == _rows(tmp_path, query)


WIRE = (
    "Russia and Ukraine exchanged 95 prisoners of war each on Thursday in a deal mediated by the "
    "United Arab Emirates, the defence ministries of both countries said. It was the third exchange "
    "this year. Ukrainian officials said the freed soldiers included defenders of Mariupol and the "
    "Azovstal steel works, while the Russian side said its servicemen would receive medical care in Moscow."
)


def test_a_syndicated_wire_story_counts_one_article_and_every_outlet(tmp_path):
    from transforms.stages import build

    specs = [
        {**_swap("wire", "Wire Agency", date(2024, 1, 4)), "published": date(2024, 1, 4), "text": WIRE},
        {**_swap("kyiv", "Kyiv Wire", date(2024, 1, 4)), "published": date(2024, 1, 5),
         "text": f"Kyiv Wire. Live updates. Subscribe to our morning briefing.\n\n{WIRE}\n\nRead more: ten things to know."},
        {**_swap("other", "City Daily", date(2024, 1, 4)), "text": "Kyiv and Moscow swapped prisoners today, " * 5},
    ]
    articles, mentions = _mention_frames(specs)
    write_layer(tmp_path, "articles", articles, "k")
    write_layer(tmp_path, "event_mentions", mentions, "k")
    build(tmp_path)
    assert _rows(tmp_path, "select article_id, duplicate_of, similarity, duplicate_method from articles order by 1") == [
        ("kyiv", "wire", 1.0, "near"), ("other", None, None, None), ("wire", None, None, None)]
    assert _rows(tmp_path, "select mention_count, num_articles, num_sources, sources from events") == [
        (3, 2, 3, ["City Daily", "Kyiv Wire", "Wire Agency"])]
    # derived again from the clean layer on every build, replaced in place
    build(tmp_path)
    assert sorted(p.name for p in (tmp_path / "links").iterdir()) == ["article_duplicates.parquet"]
