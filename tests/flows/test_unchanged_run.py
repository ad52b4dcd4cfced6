"""`unchanged_run`: the read-only check that lets `sitrep run` skip Prefect when nothing would change.

Real stages on the bundled samples (no Prefect); each test changes one thing a run depends on and
expects the check to send the run to the flow (None).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from transforms import stages
from transforms.io.fingerprint import unchanged_run
from transforms.settings import SAMPLE_DIR, SQL_DIR, Settings


def _run(sources: list[str], root: Path) -> None:
    stages.ingest(sources, root)
    for manifest in stages.pending_batches(root, Settings().batch_size):
        stages.process_batch(manifest, root)
    stages.build(root)


@pytest.fixture
def built(tmp_path) -> tuple[Path, Path]:
    """Sources and a warehouse built from them (per test: an item's raw_id includes its path)."""
    shutil.copytree(SAMPLE_DIR, tmp_path / "src")
    _run([str(tmp_path / "src")], tmp_path / "wh")
    return tmp_path / "src", tmp_path / "wh"


def test_an_unchanged_run_reports_what_a_real_re_run_reports(built):
    src, root = built
    counts = unchanged_run([str(src)], root, SQL_DIR)
    assert counts is not None
    assert counts["extract"] == {"batches": 0}
    assert counts["build"]["prisoner_exchanges"] == 2
    # The ingest counts are those the real stage reports on the same re-run (which writes nothing).
    assert counts["ingest"] == stages.ingest([str(src)], root) == {"items_read": 2, "raw_new": 0, "raw_seen": 2,
                                                                    "quarantined": 0}
    assert unchanged_run([str(src)], root, SQL_DIR) == counts


def test_a_new_or_edited_item_means_a_real_run(built):
    src, root = built
    (src / "extra.txt").write_text("Ukraine and Russia exchanged 90 prisoners on 2 June 2024.", encoding="utf-8")
    assert unchanged_run([str(src)], root, SQL_DIR) is None
    (src / "extra.txt").unlink()
    first = sorted(src.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + " Updated.", encoding="utf-8")
    assert unchanged_run([str(src)], root, SQL_DIR) is None


def test_raw_items_not_yet_extracted_mean_a_real_run(built, tmp_path):
    src, root = built
    other = tmp_path / "other"
    other.mkdir()
    (other / "extra.txt").write_text("Ukraine and Russia exchanged 90 prisoners on 2 June 2024.", encoding="utf-8")
    stages.ingest([str(other)], root)  # in the raw layer, never cleaned (`sitrep ingest`, then `sitrep build`)
    stages.build(root)
    assert unchanged_run([str(src)], root, SQL_DIR) is None


def test_a_left_over_batch_or_a_stale_build_means_a_real_run(built, tmp_path):
    src, root = built
    manifest = root / "state" / "batches" / "left-over.json"
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps({"key": "left-over", "raw_ids": []}), encoding="utf-8")
    assert unchanged_run([str(src)], root, SQL_DIR) is None
    manifest.unlink()
    sql = tmp_path / "sql"
    shutil.copytree(SQL_DIR, sql)
    assert unchanged_run([str(src)], root, sql) is not None  # the same SQL elsewhere: same fingerprint
    model = sorted(sql.rglob("*.sql"))[0]
    model.write_text(model.read_text(encoding="utf-8") + "\n-- changed\n", encoding="utf-8")
    assert unchanged_run([str(src)], root, sql) is None
    (root / "state" / "last_build.json").unlink()
    assert unchanged_run([str(src)], root, SQL_DIR) is None


def test_unreadable_items_remote_sources_and_new_warehouses_mean_a_real_run(built, tmp_path):
    src, root = built
    assert unchanged_run([str(src)], tmp_path / "empty", SQL_DIR) is None
    assert unchanged_run([str(src), "https://example.org/news/feed.xml"], root, SQL_DIR) is None
    assert unchanged_run([str(src / "missing.txt")], root, SQL_DIR) is None
    (src / "notes.xyz").write_bytes(b"\x00\x01")  # ingest quarantines it on every run
    assert unchanged_run([str(src)], root, SQL_DIR) is None
