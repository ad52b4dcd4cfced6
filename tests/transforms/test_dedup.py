"""Exact and near-duplicate detection keeps every copy, links it to its original and keeps outlets."""

from __future__ import annotations

from datetime import date

import pandas as pd

from transforms.dedup import find_duplicates, outlets_per_original

# Written for this test: a wire story, and two outlets' boilerplate around it.
STORY = (
    "Russia and Ukraine exchanged 95 prisoners of war each on Thursday in a deal mediated by the "
    "United Arab Emirates, the defence ministries of both countries said. It was the third exchange "
    "this year. Ukrainian officials said the freed soldiers included defenders of Mariupol and the "
    "Azovstal steel works, while the Russian side said its servicemen would receive medical care in Moscow."
)
OTHER = (
    "Heavy rain flooded several districts of the coastal city overnight, forcing hundreds of families "
    "to leave their homes and closing the main road to the airport for most of the morning while crews "
    "pumped water from tunnels and the city council asked residents to avoid travel until the evening."
)
HEADER_A = "Kyiv Wire. Live updates. Subscribe to our morning briefing for the news that matters most today."
FOOTER_B = "Read more: Ten things to know about the war. Share this story on social media and follow our channel for alerts."


def _articles() -> pd.DataFrame:
    return pd.DataFrame({
        "article_id": ["a_wire", "b_kyiv", "c_copy", "d_flood", "e_edit", "f_short"],
        "source": ["Wire Agency", "Kyiv Wire", None, "City Daily", "Kyiv Wire", "Wire Agency"],
        "site": ["wire.example", "kyivwire.example", "mirror.example", "city.example", "kyivwire.example", "wire.example"],
        "published_date": [date(2024, 1, 4), date(2024, 1, 4), date(2024, 1, 5), date(2024, 1, 4), date(2024, 1, 3), None],
        "text": [
            STORY,
            f"{HEADER_A}\n\n{STORY}\n\n{FOOTER_B}",
            STORY.upper().replace(",", " ,"),  # same words, different case and spacing: exact
            OTHER,
            STORY.replace("95 prisoners", "ninety-five prisoners").replace("Moscow", "Moscow hospitals"),
            "Short note.",
        ],
    })


def test_find_duplicates_links_copies_to_the_earliest_original():
    result = find_duplicates(_articles())
    expected = pd.DataFrame({
        "article_id": ["a_wire", "b_kyiv", "c_copy", "d_flood", "e_edit", "f_short"],
        # e_edit was published first, so it is the original the others point to.
        "duplicate_of": ["e_edit", "e_edit", "e_edit", None, None, None],
        "similarity": [0.9138, 0.8833, 0.9138, None, None, None],  # containment in the smaller text
        "method": ["near", "near", "near", None, None, None],
    }, dtype=object).astype({"similarity": "float64"})
    pd.testing.assert_frame_equal(result, expected)


def test_exact_copy_of_an_original_is_marked_exact():
    articles = _articles().iloc[[0, 2, 3]].reset_index(drop=True)
    result = find_duplicates(articles)
    expected = pd.DataFrame({"article_id": ["a_wire", "c_copy", "d_flood"], "duplicate_of": [None, "a_wire", None],
                             "similarity": [None, 1.0, None], "method": [None, "exact", None]}, dtype=object)
    pd.testing.assert_frame_equal(result, expected.astype({"similarity": "float64"}))


def test_boilerplate_does_not_hide_a_syndicated_copy():
    articles = _articles().iloc[[0, 1]].reset_index(drop=True)
    result = find_duplicates(articles)
    assert result["duplicate_of"].tolist() == [None, "a_wire"]
    assert result["similarity"].tolist()[1] == 1.0  # the whole story is inside the copy


def test_outlets_survive_dedup():
    articles = _articles()
    outlets = outlets_per_original(articles, find_duplicates(articles))
    expected = pd.DataFrame({
        "article_id": ["d_flood", "e_edit", "f_short"],
        "outlets": [["City Daily"], ["Kyiv Wire", "Wire Agency", "mirror.example"], ["Wire Agency"]],
        "source_count": [1, 3, 1],
    }, dtype=object).astype({"source_count": "int64"})
    pd.testing.assert_frame_equal(outlets, expected)


def test_original_is_earliest_published_then_fetched_with_missing_dates_last():
    times = ["2024-01-01T00:00Z", "2024-01-05T10:00Z", "2024-01-04T07:00+01:00", "2024-01-04T06:00Z", None]
    articles = pd.DataFrame({
        "article_id": ["z_undated", "a_late_fetch", "c_early_fetch", "b_same_fetch", "x_no_fetch"],
        "published_date": [None, date(2024, 1, 4), date(2024, 1, 4), date(2024, 1, 4), date(2024, 1, 4)],
        # c_early_fetch and b_same_fetch were fetched at the same instant (06:00 UTC): article_id breaks the tie
        "fetched_at": pd.to_datetime(times, utc=True),
        "text": [STORY] * 5,
    })
    result = find_duplicates(articles)
    assert result["article_id"].tolist() == articles["article_id"].tolist()  # the caller's order
    assert result["duplicate_of"].tolist() == ["b_same_fetch", "b_same_fetch", "b_same_fetch", None, "b_same_fetch"]
    assert result["method"].tolist() == ["exact", "exact", "exact", None, "exact"]


def test_windows_decide_only_their_own_articles_and_links_end_at_roots():
    from transforms.dedup import duplicates_by_window

    frame = lambda ids, days: pd.DataFrame({"article_id": ids, "text": [STORY] * len(ids),  # noqa: E731
                                            "published_date": [date(2024, 1, d) for d in days]})
    # c_late only sees b_copy (a_first is outside its window), yet ends linked to the root a_first
    windows = [(frame(["a_first", "b_copy"], [1, 3]), ["a_first", "b_copy"]),
               (frame(["b_copy", "c_late"], [3, 12]), ["c_late"]),
               (frame(["d_empty"], [20]).iloc[:0], []),
               (frame(["e_alone"], [30]), ["e_alone"])]  # alone in its window: an original
    result = duplicates_by_window(windows)
    assert result["article_id"].tolist() == ["a_first", "b_copy", "c_late", "e_alone"]
    assert [v if isinstance(v, str) else None for v in result["duplicate_of"]] == [None, "a_first", "a_first", None]
    assert result["similarity"].dtype == "float64"
    assert result["similarity"].isna().tolist() == [True, False, False, True]


def test_a_window_as_an_arrow_table_gives_the_same_links_as_the_same_frame():
    """The build passes each window as an Arrow table (no frame per window): the original is chosen by the
    same order (published, then fetched, then article_id; missing dates last) as for a pandas frame."""
    import random
    from datetime import datetime, timedelta, timezone

    import pyarrow as pa

    from transforms.dedup import duplicates_by_window
    from transforms.schemas import ARTICLES

    rng = random.Random(7)
    texts = [STORY, f"{HEADER_A}\n\n{STORY}", OTHER, f"{OTHER}\n\n{FOOTER_B}", STORY.upper(), "Short note."]
    fields = [ARTICLES.field(name) for name in ("article_id", "text", "published_date", "fetched_at")]
    windows = []
    for window in range(12):
        n = rng.randint(1, 9)
        published = [None if rng.random() < 0.3 else date(2024, 1, 1) + timedelta(days=rng.randint(0, 4))
                     for _ in range(n)]
        fetched = [None if rng.random() < 0.3 else datetime(2024, 1, 1, tzinfo=timezone.utc)
                   + timedelta(hours=rng.randint(0, 30)) for _ in range(n)]
        table = pa.table([[f"w{window}-{i:02d}-{rng.randint(0, 99)}" for i in range(n)],
                          [rng.choice(texts) for _ in range(n)], published, fetched], schema=pa.schema(fields))
        windows.append((table, table.column("article_id").to_pylist()))
    as_tables = duplicates_by_window(windows)
    as_frames = duplicates_by_window([(table.to_pandas(date_as_object=False), own) for table, own in windows])
    assert as_tables.equals(as_frames)
    assert as_tables["duplicate_of"].notna().sum() >= 20  # the case is not trivial: many copies were linked


def test_an_article_decided_in_two_windows_keeps_its_first_decision():
    from transforms.dedup import duplicates_by_window

    frame = lambda ids, texts: pd.DataFrame({"article_id": ids, "text": texts,  # noqa: E731
                                             "published_date": [date(2024, 1, 1 + i) for i in range(len(ids))]})
    copy_first = [(frame(["a_first", "b_copy"], [STORY, STORY]), ["a_first", "b_copy"]),
                  (frame(["b_copy", "c_other"], [STORY, OTHER]), ["b_copy", "c_other"])]  # b_copy again, a root
    result = duplicates_by_window(copy_first)
    assert result["article_id"].tolist() == ["a_first", "b_copy", "c_other"]
    assert result["duplicate_of"].tolist() == [None, "a_first", None]
    assert result["method"].tolist() == [None, "exact", None]
    root_first = copy_first[::-1]  # now b_copy's first decision is the window where it is a root
    assert duplicates_by_window(root_first)["duplicate_of"].tolist() == [None, None, None]


def test_article_windows_match_a_plain_read_of_every_part(tmp_path, monkeypatch):
    """Each part is read on its own (not one dataset scan): the windows are still every week's articles plus
    3 days either side, the first raw_id of each article, parts written without a column included."""
    from datetime import datetime, timedelta, timezone

    import pyarrow as pa
    import pyarrow.parquet as pq

    from transforms.io import layers
    from transforms.schemas import ARTICLES

    def part(month: str, name: str, rows: list[tuple], columns=("article_id", "raw_id", "source", "text",
                                                                 "published_date", "fetched_at")):
        folder = tmp_path / "clean" / f"published_month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        fields = [ARTICLES.field(column) for column in columns]
        columns_of_rows = list(zip(*rows)) or [[] for _ in fields]
        pq.write_table(pa.table(columns_of_rows, schema=pa.schema(fields)), folder / f"part-{name}.parquet")

    fetched = lambda day: datetime(2024, 1, 1, 23, tzinfo=timezone.utc) + timedelta(days=day)  # noqa: E731
    january = [(f"a{d:02d}", f"r{d:02d}", "Wire", f"text {d}", date(2024, 1, 1) + timedelta(days=d), fetched(d))
               for d in range(0, 31, 2)]
    january.append(("a04", "r00", "Wire", "re-extracted earlier", date(2024, 1, 5), fetched(4)))  # first raw_id
    part("2024-01", "one", january)
    part("2024-01", "old", [("b09", "s09", "old part: no source column", date(2024, 1, 10), fetched(9))],
         columns=("article_id", "raw_id", "text", "published_date", "fetched_at"))
    part("2024-02", "two", [(f"c{d:02d}", f"t{d:02d}", "Daily", f"feb {d}", date(2024, 2, 1) + timedelta(days=d),
                             fetched(31 + d)) for d in range(0, 20, 3)])
    part("unknown", "three", [("d01", "u01", None, "fetched only", None, fetched(15)),
                              ("d02", "u02", None, "no date at all", None, None),
                              ("d03", "u03", "Daily", "also undated", None, None)])
    part("unknown", "empty", [])

    rows = pd.concat([pq.read_table(path).to_pandas() for path in sorted((tmp_path / "clean").rglob("*.parquet"))])
    rows["day"] = [p if p is not None and p == p else (f.date() if f == f and f is not None else None)
                   for p, f in zip(rows["published_date"], rows["fetched_at"])]
    epoch = date(1970, 1, 1)
    dated = rows[rows["day"].notna()]
    days = (dated["day"] - epoch).map(lambda delta: delta.days)
    expected = []
    for week in sorted(set(days // 7)):
        window = dated[(days >= week * 7 - 3) & (days < week * 7 + 10)]
        window = window.sort_values(["article_id", "raw_id"]).drop_duplicates("article_id")
        own = window[((window["day"] - epoch).map(lambda delta: delta.days) // 7) == week]
        expected.append((window["article_id"].tolist(), window["text"].tolist(), own["article_id"].tolist()))
    undated = rows[rows["day"].isna()].sort_values(["article_id", "raw_id"])
    expected.append((undated["article_id"].tolist(), undated["text"].tolist(), undated["article_id"].tolist()))

    for budget in (1, 10_000):  # one week per read, and every week in one read
        monkeypatch.setattr(layers, "_WINDOW_ROWS", budget)
        windows = [(table.column("article_id").to_pylist(), table.column("text").to_pylist(), own)
                   for table, own in layers.article_windows(tmp_path)]
        assert windows == expected
    assert "re-extracted earlier" in expected[0][1]  # the test sees the re-extraction
    sources = {row[0]: row[2] for table, _ in layers.article_windows(tmp_path)
               for row in zip(*(table.column(c).to_pylist() for c in ("article_id", "text", "source")))}
    assert sources["b09"] is None and sources["a02"] == "Wire"
