"""Two runs on one warehouse: the second refuses clearly or waits; readers read while a run writes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reliability_support import BASE_ENV, REPO, assert_readable, run_worker, snapshot
from transforms.io.lock import WarehouseBusy, warehouse_lock

HOLD = ("import sys, time; from pathlib import Path; from transforms.io.lock import warehouse_lock\n"
        "with warehouse_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(float(sys.argv[2]))")


def _holder(root: Path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(root), str(seconds)], env={**BASE_ENV, "PYTHONPATH": str(REPO)},
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def _stopped(pid: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        if state == "T":
            return
        time.sleep(0.05)
    raise AssertionError("the run never reached its stop point")


def test_lock_refuses_a_second_holder_and_names_the_first(tmp_path):
    holder = _holder(tmp_path, 30)
    try:
        with pytest.raises(WarehouseBusy, match=f"pid {holder.pid}"):
            with warehouse_lock(tmp_path, wait=0):
                pass
    finally:
        holder.kill()
        holder.wait()


def test_lock_waits_for_the_holder_to_finish(tmp_path):
    holder = _holder(tmp_path, 1.0)
    started = time.monotonic()
    with warehouse_lock(tmp_path, wait=20):
        assert holder.poll() is not None or time.monotonic() - started >= 0.5
    holder.wait()


def test_lock_of_a_killed_holder_is_free_at_once(tmp_path):
    holder = _holder(tmp_path, 60)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with warehouse_lock(tmp_path, wait=0):
        pass


def test_cli_run_refuses_while_another_run_holds_the_warehouse(tmp_path):
    root = tmp_path / "warehouse"
    holder = _holder(root, 60)
    try:
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--warehouse", str(root)], cwd=REPO,
                                env={**BASE_ENV, "DO_NOT_TRACK": "1"}, capture_output=True, text=True, timeout=120)
        assert result.returncode == 75, result.stderr[-2000:]
        assert "in use by pid" in result.stderr and "Traceback" not in result.stderr
        assert time.monotonic() - started < 30  # refused up front, before Prefect starts
        assert not (root / "raw").exists()
    finally:
        holder.kill()
        holder.wait()


def test_readers_read_while_a_build_writes(tmp_path, small_sources):
    """A run frozen mid-build (SIGSTOP at a checkpoint): `sitrep query` and `duckdb -readonly` still answer."""
    root = tmp_path / "warehouse"
    assert run_worker(root, small_sources).returncode == 0
    before = snapshot(root)
    (root / "state" / "last_build.json").unlink()  # forget the build, so the second run rebuilds
    writer = run_worker(root, small_sources, env={"SITREP_STOP_AT": "build.marts@3"}, wait=False)
    try:
        _stopped(writer.pid)
        assert_readable(root)
        query = subprocess.run([sys.executable, "-m", "flows.cli", "query", "select count(*) as n from articles",
                                "--warehouse", str(root), "--format", "json"], cwd=REPO, env=BASE_ENV,
                               capture_output=True, text=True, timeout=120)
        assert query.returncode == 0, query.stderr
        assert json.loads(query.stdout) == [{"n": len(before["articles"])}]
        duckdb_cli = shutil.which("duckdb", path=str(Path(sys.executable).parent)) or shutil.which("duckdb")
        cli = subprocess.run([duckdb_cli, "-readonly", "-json", str(root / "sitrep.duckdb"), "-c",
                              "select count(*) as n from prisoner_exchanges"], capture_output=True, text=True,
                             cwd=tmp_path, timeout=60)
        assert cli.returncode == 0, cli.stderr
        assert json.loads(cli.stdout) == [{"n": len(before["prisoner_exchanges"])}]
    finally:
        os.kill(writer.pid, signal.SIGCONT)
        writer.communicate(timeout=120)
    assert writer.returncode == 0
    assert snapshot(root) == before
