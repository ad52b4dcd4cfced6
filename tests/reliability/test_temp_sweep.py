"""Temp files left by killed writers are swept when the next run takes the warehouse lock."""

from __future__ import annotations

import os
import subprocess
import sys

from transforms.io.lock import warehouse_lock


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temp_files_go_live_ones_stay(tmp_path):
    dead = _dead_pid()
    stale = [tmp_path / "clean" / f".part-abc.parquet.{dead}.tmp", tmp_path / f".sitrep.duckdb.{dead}.tmp",
             tmp_path / f".sitrep.duckdb.{dead}.tmp.wal", tmp_path / "state" / "batches" / f"k.{dead}.tmp"]
    live = [tmp_path / "clean" / f".part-def.parquet.{os.getppid()}.tmp", tmp_path / "clean" / "part-abc.parquet"]
    for path in stale + live:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    with warehouse_lock(tmp_path):
        pass
    assert [p for p in stale if p.exists()] == []
    assert [p for p in live if p.exists()] == live
