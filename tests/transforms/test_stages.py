"""The stages end to end on the bundled seeds, without Prefect: the issue's expected rows."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pyarrow.parquet as pq
import pytest

from transforms import stages


def _rows(root, sql):
    with duckdb.connect(str(root / "sitrep.duckdb"), read_only=True) as con:
        return con.sql(sql).fetchall()


def test_seed_exchanges(sample_warehouse):
    rows = _rows(sample_warehouse, """
        select event_date, time_precision, side_a, side_b, returned_to_a, returned_to_b, mediators, num_articles
        from prisoner_exchanges order by event_date""")
    assert rows == [
        (date(2024, 1, 3), 2, "RUS", "UKR", 248, 173, ["ARE"], 1),
        (date(2024, 8, 24), 1, "RUS", "UKR", 115, 115, ["ARE"], 1),
    ]


def test_seed_loss_claims(sample_warehouse):
    rows = _rows(sample_warehouse, """
        select claimant, claimant_iso3, target_iso3, item, value, qualifier, period_start, as_of
        from loss_claims where item in ('personnel', 'tanks', 'apc_ifv') order by value desc""")
    assert rows == [
        ("Russian Defence Ministry", "RUS", "UKR", "personnel", 5550, "more_than", date(2024, 8, 6), date(2024, 8, 24)),
        ("Russian Defence Ministry", "RUS", "UKR", "tanks", 71, "exact", date(2024, 8, 6), date(2024, 8, 24)),
        ("Russian Defence Ministry", "RUS", "UKR", "apc_ifv", 57, "exact", date(2024, 8, 6), date(2024, 8, 24)),
    ]


def test_hypothetical_offers_are_not_exchanges(sample_warehouse):
    rows = _rows(sample_warehouse, """
        select modality, count(*) from event_mentions where event_type = 'prisoner_exchange' group by 1 order by 1""")
    assert dict(rows)["realised"] == 2
    assert dict(rows).get("hypothetical", 0) >= 1


def test_exchange_totals_are_cumulative(sample_warehouse):
    rows = _rows(sample_warehouse, "select month, side, returned, cumulative from exchange_totals_monthly order by side, month")
    assert rows == [
        (date(2024, 1, 1), "RUS", 248, 248), (date(2024, 8, 1), "RUS", 115, 363),
        (date(2024, 1, 1), "UKR", 173, 173), (date(2024, 8, 1), "UKR", 115, 288),
    ]


def test_boilerplate_is_removed(sample_warehouse):
    texts = [t for (t,) in _rows(sample_warehouse, "select text from articles")]
    assert not any("See also" in t or "Related materials" in t for t in texts)
    assert any("formula “173 to 173.”" in t for t in texts)


def test_marts_parquet_read_back_by_pyarrow(sample_warehouse):
    table = pq.read_table(sample_warehouse / "marts" / "prisoner_exchanges.parquet")
    assert sorted(table.column("returned_to_a").to_pylist()) == [115, 248]
    assert table.schema.field("time_precision").type == "int32"


def _snapshot(root):
    tables = ["articles", "event_mentions", "event_quantities", "events", "prisoner_exchanges", "loss_claims",
              "exchange_totals_monthly", "quarantine"]
    return {t: sorted(map(repr, _rows(root, f"select * from {t}"))) for t in tables}


def test_rerun_changes_nothing(tmp_path, samples_copy):
    stages.ingest([str(samples_copy)], tmp_path)
    for manifest in stages.pending_batches(tmp_path, 10):
        stages.process_batch(manifest, tmp_path)
    stages.build(tmp_path)
    before = _snapshot(tmp_path)
    files_before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.parquet"))
    counts = stages.ingest([str(samples_copy)], tmp_path)
    assert counts["raw_new"] == 0 and counts["raw_seen"] == 2
    assert stages.pending_batches(tmp_path, 10) == []
    stages.build(tmp_path)
    assert _snapshot(tmp_path) == before
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.parquet")) == files_before


def test_bad_items_are_quarantined_and_good_ones_kept(tmp_path, samples_copy):
    (samples_copy / "empty.txt").write_bytes(b"")
    (samples_copy / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (samples_copy / "short.txt").write_text("Too short to be an article.")
    (samples_copy / "image.png").write_bytes(b"\x89PNG")
    stages.ingest([str(samples_copy)], tmp_path)
    for manifest in stages.pending_batches(tmp_path, 2):
        stages.process_batch(manifest, tmp_path)
    stages.build(tmp_path)
    reasons = dict(_rows(tmp_path, "select regexp_extract(source_uri, '[^/]+$'), reason from quarantine"))
    assert reasons == {"empty.txt": "empty_content", "binary.txt": "binary_content", "short.txt": "no_main_text",
                       "image.png": "unsupported_file_type"}
    assert _rows(tmp_path, "select count(*) from prisoner_exchanges") == [(2,)]


@pytest.mark.parametrize("batch_size", [1, 5])
def test_batch_size_does_not_change_results(tmp_path, samples_copy, sample_warehouse, batch_size):
    stages.ingest([str(samples_copy)], tmp_path)
    for manifest in stages.pending_batches(tmp_path, batch_size):
        stages.process_batch(manifest, tmp_path)
    stages.build(tmp_path)
    assert _snapshot(tmp_path)["events"] == _snapshot(sample_warehouse)["events"]


def test_copies_of_one_article_are_processed_once_and_never_again(tmp_path, samples_copy):
    original = samples_copy / "rt_2024-08-24_115_for_115.txt"
    (samples_copy / "copy.txt").write_bytes(original.read_bytes())
    (samples_copy / "copy.meta.json").write_bytes((samples_copy / "rt_2024-08-24_115_for_115.meta.json").read_bytes())
    stages.ingest([str(samples_copy)], tmp_path)
    for manifest in stages.pending_batches(tmp_path, 10):
        stages.process_batch(manifest, tmp_path)
    stages.build(tmp_path)
    assert _rows(tmp_path, "select count(*) from articles") == [(2,)]
    assert stages.pending_batches(tmp_path, 10) == []


def test_unchanged_inputs_skip_the_build_and_new_inputs_do_not(tmp_path, samples_copy):
    stages.ingest([str(samples_copy)], tmp_path)
    for manifest in stages.pending_batches(tmp_path, 10):
        stages.process_batch(manifest, tmp_path)
    first = stages.build(tmp_path)
    published = (tmp_path / "sitrep.duckdb").stat().st_mtime_ns
    assert stages.build(tmp_path) == first
    assert (tmp_path / "sitrep.duckdb").stat().st_mtime_ns == published  # not rebuilt
    (samples_copy / "extra.txt").write_text("Ukraine and Russia swapped 50 prisoners of war each on Friday, "
                                            "the Ukrainian Coordination Headquarters said. " * 2)
    stages.ingest([str(samples_copy)], tmp_path)
    for manifest in stages.pending_batches(tmp_path, 10):
        stages.process_batch(manifest, tmp_path)
    assert stages.build(tmp_path)["articles"] == first["articles"] + 1
    assert (tmp_path / "sitrep.duckdb").stat().st_mtime_ns != published


def test_each_batch_reads_only_the_raw_parts_holding_its_items(tmp_path):
    from transforms.io import layers
    from transforms.settings import Settings

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "items.jsonl").write_text("".join(
        json.dumps({"text": f"Item {i}: Ukraine and Russia swapped {10 + i} prisoners of war each on Friday, "
                            "the Ukrainian Coordination Headquarters said. " * 2}) + "\n" for i in range(9)))
    root = tmp_path / "warehouse"
    stages.ingest([str(inbox)], root, Settings(ingest_chunk=3))
    raw_parts = sorted(p for p in (root / "raw").rglob("part-*.parquet") if "empty" not in p.name)
    assert len(raw_parts) == 3
    manifests = stages.pending_batches(root, 2)
    assert len(manifests) == 5
    batches = [layers.read_manifest(m) for m in manifests]
    assert sorted(i for _key, ids, _parts in batches for i in ids) == sorted(layers.known_ids(root, "raw", "raw_id"))
    assert all(1 <= len(parts) <= 2 for _key, _ids, parts in batches)
    # A batch whose items all sit in the first part never opens the others: break them and it still runs.
    first = next(m for m, (_k, _i, parts) in zip(manifests, batches) if parts == [str(raw_parts[0])])
    for other in raw_parts[1:]:
        other.write_bytes(b"not parquet")
    assert stages.process_batch(first, root)["articles"] == 2


def test_duplicate_windows_do_not_depend_on_how_many_weeks_are_read_at_once(tmp_path, monkeypatch):
    from transforms.io import layers

    story = ("Ukraine and Russia swapped {n} prisoners of war each on Friday in a deal mediated by the United Arab "
             "Emirates, the Ukrainian Coordination Headquarters said, adding that talks on the next swap went on. ")
    days = ["2024-01-01", "2024-01-06", "2024-01-09", "2024-02-20", None, "2024-03-05"]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    # items 0-2 and 5 tell one story: 1 and 2 within a week's margin of 0, 5 two months later
    (inbox / "items.jsonl").write_text("".join(json.dumps(
        {"text": story.format(n=95 if i in (0, 1, 2, 5) else 10 + i) * 2 + f"Report {i}.",
         "url": f"https://example.org/{i}", **({"published": day} if day else {})}) + "\n"
        for i, day in enumerate(days)))
    root = tmp_path / "warehouse"
    stages.ingest([str(inbox)], root)
    for manifest in stages.pending_batches(root, 10):
        stages.process_batch(manifest, root)
    monkeypatch.setattr(layers, "_WINDOW_ROWS", 1)  # one read per week, as before reads were grouped
    one_by_one = list(layers.article_windows(root))
    monkeypatch.setattr(layers, "_WINDOW_ROWS", 10_000)
    together = list(layers.article_windows(root))
    assert len(one_by_one) == len(together) >= 4
    for (frame_a, own_a), (frame_b, own_b) in zip(one_by_one, together):
        assert frame_a.equals(frame_b) and own_a == own_b
    stages.build(root)
    links = _rows(root, "select a.url, d.url from articles a left join articles d on a.duplicate_of = d.article_id "
                        "order by a.url")
    first = "https://example.org/0"
    assert dict(links) == {first: None, "https://example.org/1": first, "https://example.org/2": first,
                           "https://example.org/3": None, "https://example.org/4": None,
                           "https://example.org/5": None}


def test_a_window_keeps_the_first_row_of_each_article_as_pandas_would():
    import pyarrow as pa

    from transforms.dedup import first_per_article

    table = pa.table({"article_id": ["a", "a", "b", "c", "c", "c", "d"], "raw_id": list("1213456"),
                      "_day": list(range(7))})
    expected = table.to_pandas().drop_duplicates("article_id", ignore_index=True)
    assert first_per_article(table).to_pandas().equals(expected)
    assert first_per_article(table.slice(0, 1)).num_rows == 1
    assert first_per_article(pa.concat_tables([table.slice(0, 3), table.slice(3)])).to_pandas().equals(expected)
