"""Layer compaction (transforms/io/compact.py): same rows, fewer files, safe at every crash point."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from transforms import stages
from transforms.io import compact, fingerprint, layers
from transforms.settings import SQL_DIR

FOLDERS = ("clean", "events/mentions", "events/quantities")
STEPS = ["compact.before_journal", "compact.before_rename", "compact.before_delete", "compact.deleting",
         "compact.before_journal_delete"]


def _corpus(folder: Path, n: int = 12) -> Path:
    """n short exchange reports over two months: one clean part per batch and month, mentions, quantities."""
    folder.mkdir(parents=True)
    for i in range(n):
        day = f"2024-0{3 + i % 2}-{10 + i:02d}"
        (folder / f"a{i:02d}.txt").write_text(
            f"Ukraine and Russia swapped {40 + i} prisoners of war each on {day}, the Ukrainian Coordination "
            f"Headquarters said. Russia said it lost {5 + i} tanks near Avdiivka in the week to {day}.", encoding="utf-8")
        (folder / f"a{i:02d}.meta.json").write_text(json.dumps({"published": day, "language": "en"}), encoding="utf-8")
    return folder


def _populate(root: Path, sources: Path) -> None:
    stages.ingest([str(sources)], root)
    for manifest in stages.pending_batches(root, 1):  # one batch per article: many small parts
        stages.process_batch(manifest, root)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> tuple[Path, Path]:
    """A warehouse of many small parts, built with compaction off, and its sources."""
    tmp = tmp_path_factory.mktemp("compact")
    sources = _corpus(tmp / "articles")
    root = tmp / "wh"
    _populate(root, sources)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compact, "MIN_FILES", 10**9)
        stages.build(root)
    return root, sources


@pytest.fixture
def warehouse(base, tmp_path) -> Path:
    shutil.copytree(base[0], tmp_path / "wh")
    return tmp_path / "wh"


def _files(root: Path) -> dict[str, list[str]]:
    return {folder: sorted(str(p.relative_to(root)) for p in (root / folder).rglob("*.parquet")) for folder in FOLDERS}


def _layer_rows(root: Path) -> dict[str, list[tuple]]:
    """Every row of each compacted layer (partition column included), as a sorted multiset."""
    with duckdb.connect() as con:
        return {folder: con.sql(f"select * from read_parquet('{root / folder}/**/*.parquet', hive_partitioning = true)"
                                " order by all").fetchall() for folder in FOLDERS}


def _tables(root: Path) -> dict[str, list[tuple]]:
    """Every table of the built database, rows sorted."""
    with duckdb.connect(str(root / "sitrep.duckdb"), read_only=True) as con:
        names = [row[0] for row in con.sql("select table_name from information_schema.tables order by 1").fetchall()]
        return {name: con.sql(f'select * from "{name}" order by all').fetchall() for name in names}


def test_fixture_has_many_parts_and_rows(base):
    files = _files(base[0])
    assert len(files["clean"]) >= 12 and len(files["events/quantities"]) >= 6
    assert all(_layer_rows(base[0]).values())


def test_compaction_keeps_every_row_and_merges_small_files(warehouse):
    rows, files = _layer_rows(warehouse), _files(warehouse)
    raw = sorted(p.name for p in (warehouse / "raw").rglob("*.parquet"))
    counts = compact.compact(warehouse, min_files=3)
    assert counts["merges"] >= 3 and counts["files_in"] >= 20
    assert _layer_rows(warehouse) == rows
    after = _files(warehouse)
    for folder in FOLDERS:
        assert len(after[folder]) < len(files[folder])
        by_partition = {}
        for path in after[folder]:
            by_partition.setdefault(str(Path(path).parent), []).append(path)
        assert all(len(paths) < 3 for paths in by_partition.values()), by_partition
    assert sorted(p.name for p in (warehouse / "raw").rglob("*.parquet")) == raw  # raw never touched
    assert not list((warehouse / compact.JOURNALS).glob("*"))
    assert not [p for p in warehouse.rglob("*") if p.name.endswith(".tmp")]
    assert compact.plan(warehouse, min_files=3) == []  # nothing left to do


def test_merged_part_is_deterministic_with_the_writers_schema(warehouse, tmp_path):
    import pyarrow.parquet as pq

    other = tmp_path / "other"
    shutil.copytree(warehouse, other)
    compact.compact(warehouse, min_files=3)
    compact.compact(other, min_files=3)
    for folder in FOLDERS:
        mine = sorted((warehouse / folder).rglob("*.parquet"))
        theirs = sorted((other / folder).rglob("*.parquet"))
        assert [p.relative_to(warehouse) for p in mine] == [p.relative_to(other) for p in theirs]
        assert [p.read_bytes() for p in mine] == [p.read_bytes() for p in theirs]
    schema = layers.LAYOUT["event_quantities"][1]
    merged = pq.ParquetFile(next((warehouse / "events/quantities").glob("*.parquet"))).schema_arrow
    assert merged.equals(schema, check_metadata=True)


def test_threshold_and_target_bound_the_merges(warehouse):
    assert compact.plan(warehouse, min_files=10**6) == []
    sizes = {p: p.stat().st_size for folder in FOLDERS for p in (warehouse / folder).rglob("*.parquet")}
    target = 3 * max(sizes.values())
    merges = compact.plan(warehouse, min_files=3, target_bytes=target)
    assert merges and all(len(m.inputs) >= 2 and sum(sizes[p] for p in m.inputs) <= target for m in merges)
    assert len({m.output for m in merges}) == len(merges)
    rows = _layer_rows(warehouse)
    compact.compact(warehouse, min_files=3, target_bytes=target)
    assert _layer_rows(warehouse) == rows
    # a file of at least half the target counts as full and is never merged again
    sizes = {p: p.stat().st_size for folder in FOLDERS for p in (warehouse / folder).rglob("*.parquet")}
    target = 2 * sorted(sizes.values())[len(sizes) // 2]
    inputs = {p for m in compact.plan(warehouse, min_files=2, target_bytes=target) for p in m.inputs}
    assert inputs and all(sizes[p] < target // 2 for p in inputs)
    assert any(size >= target // 2 for size in sizes.values())


def test_build_on_a_compacted_warehouse_gives_the_same_tables(warehouse, monkeypatch):
    before, files = _tables(warehouse), _files(warehouse)
    (warehouse / "state" / "last_build.json").unlink()  # force the build
    monkeypatch.setattr(compact, "MIN_FILES", 3)
    stages.build(warehouse)
    assert sum(map(len, _files(warehouse).values())) < sum(map(len, files.values()))
    assert _tables(warehouse) == before


def test_run_after_compaction_is_unchanged_and_does_not_compact_again(base, warehouse, monkeypatch):
    monkeypatch.setattr(compact, "MIN_FILES", 3)
    (warehouse / "state" / "last_build.json").unlink()
    counts = stages.build(warehouse)
    files = _files(warehouse)
    published = (warehouse / "sitrep.duckdb").stat().st_mtime_ns
    merges = []
    monkeypatch.setattr(compact, "_merge", lambda root, merge: merges.append(merge) or 0)
    assert stages.build(warehouse) == counts
    assert (warehouse / "sitrep.duckdb").stat().st_mtime_ns == published and merges == []
    assert _files(warehouse) == files
    # the CLI's read-only check sees the fingerprint recorded after compaction
    assert fingerprint.unchanged_run([str(base[1])], warehouse, SQL_DIR) is not None


def test_no_compaction_while_batch_manifests_are_left(warehouse, monkeypatch):
    monkeypatch.setattr(compact, "MIN_FILES", 3)
    (warehouse / "state" / "last_build.json").unlink()
    layers.write_manifest(warehouse, "left-over", [])
    files = _files(warehouse)
    stages.build(warehouse)
    assert _files(warehouse) == files


class _Crash(Exception):
    pass


@pytest.mark.parametrize("step", STEPS)
def test_a_crash_at_any_step_then_a_rerun_keeps_exactly_the_rows(warehouse, monkeypatch, step):
    rows, tables = _layer_rows(warehouse), _tables(warehouse)

    def crash(name):
        if name == step:
            raise _Crash(name)

    with monkeypatch.context() as patch:
        patch.setattr(compact, "checkpoint", crash)
        with pytest.raises(_Crash):
            compact.compact(warehouse, min_files=3)
    journals = list((warehouse / compact.JOURNALS).glob("*.json"))
    assert bool(journals) == (step != "compact.before_journal")
    # the next build finishes (or drops) the interrupted merge before reading anything, then compacts the rest
    monkeypatch.setattr(compact, "MIN_FILES", 3)
    (warehouse / "state" / "last_build.json").unlink()
    stages.build(warehouse)
    assert _layer_rows(warehouse) == rows
    assert _tables(warehouse) == tables
    assert not list((warehouse / compact.JOURNALS).glob("*"))
    assert compact.plan(warehouse, min_files=3) == []


def test_recover_alone_restores_the_rows_after_the_rename(warehouse, monkeypatch):
    """Between the rename and the deletes the rows are there twice; recover() removes the inputs."""
    rows = _layer_rows(warehouse)
    monkeypatch.setattr(compact, "checkpoint", lambda name: (_ for _ in ()).throw(_Crash()) if name ==
                        "compact.before_delete" else None)
    with pytest.raises(_Crash):
        compact.compact(warehouse, min_files=3)
    assert _layer_rows(warehouse) != rows  # doubled for now
    assert compact.recover(warehouse) == 1
    assert _layer_rows(warehouse) == rows


def test_a_part_of_another_schema_is_left_alone(warehouse):
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = warehouse / "events" / "quantities"
    odd = folder / "part-0ld.parquet"
    pq.write_table(pa.table({"mention_id": ["x"]}), odd)
    files = sorted(folder.glob("*.parquet"))
    assert compact.compact(warehouse, min_files=3)["merges"] >= 2  # the other layers still compact
    assert sorted(folder.glob("*.parquet")) == files


# -- object storage: the same steps through the storage helpers, a PUT under the final key for the rename

@pytest.fixture(scope="module")
def s3(moto_s3):
    """moto's S3 server (tests/conftest.py) with a bucket -> its root."""
    from transforms.io import storage

    storage.ObjectPath("s3://sitrep-compact").fs.mkdir("sitrep-compact")
    return storage.ObjectPath("s3://sitrep-compact")


def _remote_rows(root) -> dict[str, list]:
    from transforms.io import storage

    out = {}
    for folder in FOLDERS:
        table = storage.dataset(root / folder, format="parquet", partitioning="hive").to_table()
        out[folder] = sorted(map(repr, table.to_pylist()))
    return out


def _remote_files(root) -> list[str]:
    return sorted(p.uri for folder in FOLDERS for p in (root / folder).rglob("*.parquet"))


def test_compaction_on_object_storage_survives_crashes_and_keeps_the_rows(s3, base, monkeypatch):
    root = s3 / "wh"
    _populate(root, base[1])
    rows, files = _remote_rows(root), _remote_files(root)
    assert len(files) >= 24
    for step in ("compact.before_rename", "compact.before_delete"):  # before and after the PUT of the merged part
        with monkeypatch.context() as patch:
            patch.setattr(compact, "checkpoint", lambda name, step=step: (_ for _ in ()).throw(_Crash()) if name == step
                          else None)
            with pytest.raises(_Crash):
                compact.compact(root, min_files=3)
        assert list((root / compact.JOURNALS).glob("*.json"))
        compact.recover(root)
        assert _remote_rows(root) == rows, step
        assert not list((root / compact.JOURNALS).glob("*.json"))
    monkeypatch.setattr(compact, "MIN_FILES", 3)
    counts = stages.build(root)
    assert _remote_rows(root) == rows
    assert len(_remote_files(root)) < len(files) // 2
    assert counts["prisoner_exchanges"] >= 1
    assert stages.build(root) == counts  # unchanged afterwards
