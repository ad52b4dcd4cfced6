"""The warehouse on object storage: s3://bucket/prefix through fsspec, against moto's S3 server on 127.0.0.1.

DuckDB reads the layers through a registered fsspec filesystem (no httpfs extension); credentials
come only from the environment and never appear in output, the run report or the bucket.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import json
import signal
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

pytest.importorskip("moto.server", reason="moto[server] is a test dependency")
pytest.importorskip("s3fs")

from transforms import stages  # noqa: E402
from transforms.io import storage  # noqa: E402
from transforms.io import warehouse  # noqa: E402
from transforms.io.lock import LEASE_KEY, WarehouseBusy, warehouse_lock  # noqa: E402
from transforms.io.warehouse import query  # noqa: E402
from transforms.settings import SQL_DIR  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
BUCKET = "sitrep-test"
EXCHANGES = "select event_date, side_a, side_b, returned_to_a, returned_to_b from prisoner_exchanges order by event_date"
EXPECTED = [(date(2024, 1, 3), "RUS", "UKR", 248, 173), (date(2024, 8, 24), "RUS", "UKR", 115, 115)]


def _secret() -> str:
    """The fixture's random secret access key, which must never show in output or objects."""
    return os.environ["AWS_SECRET_ACCESS_KEY"]


@pytest.fixture(scope="module")
def s3(moto_s3):
    """moto's S3 server (tests/conftest.py) with a bucket -> (its AWS_* environment, the filesystem)."""
    fs = storage.ObjectPath(f"s3://{BUCKET}").fs
    fs.mkdir(BUCKET)
    return moto_s3, fs


def _objects(fs, prefix: str) -> dict[str, str]:
    """Every object under the prefix -> sha256 of its bytes."""
    return {key: hashlib.sha256(fs.cat_file(key)).hexdigest() for key in sorted(fs.find(f"{BUCKET}/{prefix}"))}


def _rows(root, sql: str) -> list[tuple]:
    """Rows from the warehouse's sitrep.duckdb, as `sitrep query` reads it (a local copy cached by ETag)."""
    with duckdb.connect(str(storage.local_copy(root / "sitrep.duckdb")), read_only=True) as con:
        return con.sql(sql).fetchall()


def _run_stages(root) -> None:
    stages.ingest([str(SAMPLES)], root)
    for manifest in stages.pending_batches(root, 10):
        stages.process_batch(manifest, root)
    stages.build(root)


def test_stages_on_s3_match_a_local_warehouse_and_rerun_changes_nothing(s3, sample_warehouse):
    _, fs = s3
    root = storage.warehouse_path(f"s3://{BUCKET}/wh")
    _run_stages(root)

    # through DuckDB: the built database, fetched from the bucket into the local cache
    assert _rows(root, EXCHANGES) == EXPECTED
    assert query(root / "sitrep.duckdb", "select count(*) as n from prisoner_exchanges")["n"].tolist() == [2]
    # through pyarrow, straight from the bucket
    table = pq.read_table(f"{BUCKET}/wh/marts/prisoner_exchanges.parquet", filesystem=fs)
    assert sorted(zip(table.column("returned_to_a").to_pylist(), table.column("returned_to_b").to_pylist())) == \
        [(115, 115), (248, 173)]
    # through DuckDB reading the layers on the bucket via the registered fsspec filesystem
    with duckdb.connect(config={"autoload_known_extensions": False, "autoinstall_known_extensions": False}) as con:
        con.register_filesystem(fs)
        assert con.sql(f"select count(distinct article_id) from read_parquet('s3://{BUCKET}/wh/clean/**/*.parquet')"
                       ).fetchone() == (2,)
    # the same tables as the same input built in a local folder
    local = duckdb.connect(str(sample_warehouse / "sitrep.duckdb"), read_only=True)
    for table_name in ("events", "prisoner_exchanges", "loss_claims", "event_mentions"):
        sql = f"select * exclude (event_id) from {table_name} order by all" if table_name != "event_mentions" \
            else "select mention_id, event_type, returned_to_a, returned_to_b from event_mentions order by all"
        assert _rows(root, sql) == local.sql(sql).fetchall(), table_name
    local.close()

    before = _objects(fs, "wh")
    assert not [key for key in before if key.endswith(".tmp") or "/state/batches/" in key]
    counts = stages.ingest([str(SAMPLES)], root)
    assert counts["raw_new"] == 0 and counts["raw_seen"] == 2
    assert stages.pending_batches(root, 10) == []
    stages.build(root)
    after = _objects(fs, "wh")
    assert sorted(after) == sorted(before)
    # every Parquet object is byte-identical; only the DuckDB file is rebuilt (same tables)
    assert {k: v for k, v in after.items() if k.endswith(".parquet")} == \
        {k: v for k, v in before.items() if k.endswith(".parquet")}
    assert _rows(root, EXCHANGES) == EXPECTED
    # a forced rebuild (past the unchanged-inputs skip) republishes the database and marts in place
    warehouse.build_models(root, SQL_DIR)
    assert sorted(_objects(fs, "wh")) == sorted(before)
    assert _rows(root, EXCHANGES) == EXPECTED
    assert not any(_secret().encode() in fs.cat_file(key) for key in after)


def test_warehouse_uris_and_local_paths():
    with pytest.raises(ValueError, match="credentials"):
        storage.warehouse_path("s3://AKIA:secret@bucket/wh")
    assert storage.warehouse_path("warehouse") == Path("warehouse")
    assert storage.warehouse_path("file:///tmp/wh") == Path("/tmp/wh")
    root = storage.warehouse_path("s3://bucket/wh/")
    assert str(root / "links" / "x.parquet") == "s3://bucket/wh/links/x.parquet"
    assert (root / "state/batches/k.json").stem == "k" and (root / "a").parent == root
    # what Prefect and Dask pickle is the URI alone: no filesystem, no credentials
    assert pickle.loads(pickle.dumps(root)) == root and b"wh" in pickle.dumps(root)
    assert len(pickle.dumps(root)) < 120


def test_cli_run_query_export_on_s3_never_show_the_secret(s3, prefect_server, tmp_path):
    aws_env, fs = s3
    server_env, api, _ = prefect_server
    env = {**server_env, **aws_env, "SITREP_WAREHOUSE": f"s3://{BUCKET}/cli"}
    sitrep = [sys.executable, "-m", "flows.cli"]
    outputs = []

    run = subprocess.run([*sitrep, "run", str(SAMPLES)], capture_output=True, text=True, env=env, timeout=240)
    outputs += [run.stdout, run.stderr]
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr and "ERROR" not in run.stderr, run.stderr[-3000:]
    assert "248" in run.stdout and "173" in run.stdout

    asked = subprocess.run([*sitrep, "query", EXCHANGES, "--format", "csv", "--warehouse", f"s3://{BUCKET}/cli"],
                           capture_output=True, text=True, env=env, timeout=120)
    outputs += [asked.stdout, asked.stderr]
    assert asked.returncode == 0, asked.stderr[-3000:]
    assert asked.stdout.splitlines()[1:] == ["2024-01-03,RUS,UKR,248,173", "2024-08-24,RUS,UKR,115,115"]

    exported = subprocess.run([*sitrep, "export", str(tmp_path / "out")], capture_output=True, text=True, env=env,
                              timeout=120)
    outputs += [exported.stdout, exported.stderr]
    assert exported.returncode == 0, exported.stderr[-3000:]
    assert pq.read_table(tmp_path / "out" / "prisoner_exchanges.parquet").num_rows == 2

    artifacts = api.post("/artifacts/filter", json={"artifacts": {"key": {"any_": ["sitrep-run-report"]}}}).json()
    reports = [a["data"] for a in artifacts if f"s3://{BUCKET}/cli" in (a.get("description") or "")]
    assert reports and "248" in reports[0]
    outputs += reports
    assert not [text for text in outputs if _secret() in text]
    assert not any(_secret().encode() in fs.cat_file(key) for key in fs.find(f"{BUCKET}/cli"))


# A run holding the lease for argv[2] seconds ("stdin": until it reads a second line), once it reads a
# line on stdin (so that contenders, their interpreters started, go at the same instant).
# Exit 75 when refused, 3 when the lease was lost.
HOLD = """
import sys, time
from transforms.io import storage
from transforms.io.lock import LeaseLost, WarehouseBusy, warehouse_lock
root = storage.warehouse_path(sys.argv[1])
print('ready', flush=True)
sys.stdin.readline()
try:
    with warehouse_lock(root, wait=0):
        print('held', flush=True)
        sys.stdin.readline() if sys.argv[2] == 'stdin' else time.sleep(float(sys.argv[2]))
except LeaseLost:
    sys.exit(3)
except WarehouseBusy as busy:
    print(busy, flush=True)
    sys.exit(75)
"""
REPO = Path(__file__).resolve().parents[2]


def _hold(uri: str, seconds: float | str, go: bool = True, lease: float = 2.0) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO), "SITREP_LOCK_LEASE_SECONDS": str(lease)}
    proc = subprocess.Popen([sys.executable, "-c", HOLD, uri, str(seconds)], env=env, cwd=REPO, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()[-2000:]
    if go:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    return proc


def _lease(fs, prefix: str) -> dict | None:
    key = f"{BUCKET}/{prefix}/{LEASE_KEY}"
    return json.loads(fs.cat_file(key)) if fs.exists(key) else None


def test_s3_lease_one_of_several_processes_wins_and_a_second_run_is_refused(s3):
    """Three processes race for the lease at the same instant: exactly one holds it, past its lease length
    (the heartbeat renews it); `sitrep run` on the same prefix is refused with exit 75 and the holder named.
    (moto checks If-None-Match and stores the object in two steps; S3 itself makes the check atomic.)"""
    _, fs = s3
    uri = f"s3://{BUCKET}/race"
    racers = [_hold(uri, "stdin", go=False) for _ in range(3)]
    try:
        for racer in racers:
            racer.stdin.write("go\n")
        for racer in racers:
            racer.stdin.flush()
        deadline = time.monotonic() + 60
        while sum(r.poll() is not None for r in racers) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)  # the losers exit as soon as they see the winner's lease
        losers = [r for r in racers if r.poll() is not None]
        assert [r.returncode for r in losers] == [75, 75], [r.stdout.read() + r.stderr.read() for r in losers]
        (winner,) = [r for r in racers if r not in losers]
        assert winner.stdout.readline().strip() == "held"
        first = _lease(fs, "race")
        assert first["pid"] == winner.pid
        assert all(f"in use by pid {winner.pid}" in r.stdout.read() for r in losers)
        time.sleep(3.5)  # lease 2 s: still held only because it is renewed
        lease = _lease(fs, "race")
        assert lease["run_id"] == first["run_id"] and lease["renewals"] >= 2
        cli = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--warehouse", uri], cwd=REPO,
                             env={**os.environ, "DO_NOT_TRACK": "1"}, capture_output=True, text=True, timeout=120)
        assert cli.returncode == 75, cli.stderr[-2000:]
        assert f"is in use by pid {winner.pid} on {socket.gethostname()}" in cli.stderr
        assert "Traceback" not in cli.stderr
        with pytest.raises(WarehouseBusy, match=f"pid {winner.pid}"):
            with warehouse_lock(storage.warehouse_path(uri), wait=0):
                pass
        winner.stdin.write("release\n")
        winner.stdin.flush()
        assert winner.wait(timeout=60) == 0, winner.stderr.read()[-2000:]
    finally:
        for racer in racers:
            racer.kill()
    assert _lease(fs, "race") is None  # released by its holder
    with warehouse_lock(storage.warehouse_path(uri), wait=0):
        assert _lease(fs, "race")["pid"] == os.getpid()
    assert _lease(fs, "race") is None


def test_s3_lease_of_a_killed_holder_is_taken_over_once_stale(s3, monkeypatch):
    _, fs = s3
    uri = f"s3://{BUCKET}/stale"
    holder = _hold(uri, 60)
    assert holder.stdout.readline().strip() == "held"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    root = storage.warehouse_path(uri)
    with pytest.raises(WarehouseBusy, match=f"pid {holder.pid}"):  # not stale yet: killed a moment ago
        with warehouse_lock(root, wait=0):
            pass
    monkeypatch.setenv("SITREP_LOCK_LEASE_SECONDS", "2")
    started = time.monotonic()
    with warehouse_lock(root, wait=20):
        assert time.monotonic() - started >= 1.0  # waited for the dead holder's lease to run out
        assert _lease(fs, "stale")["pid"] == os.getpid()
    assert _lease(fs, "stale") is None


def test_s3_lease_of_a_stalled_holder_is_taken_over_and_it_learns_it_lost(s3, monkeypatch):
    """A holder frozen past its lease (SIGSTOP) loses it to another run; resumed, it exits with LeaseLost
    and leaves the new holder's lease in place (release is conditional on its own ETag)."""
    _, fs = s3
    uri = f"s3://{BUCKET}/stalled"
    holder = _hold(uri, 3)
    try:
        assert holder.stdout.readline().strip() == "held"
        holder.send_signal(signal.SIGSTOP)
        monkeypatch.setenv("SITREP_LOCK_LEASE_SECONDS", "30")
        with warehouse_lock(storage.warehouse_path(uri), wait=20):
            mine = _lease(fs, "stalled")
            assert mine["pid"] == os.getpid()
            holder.send_signal(signal.SIGCONT)
            assert holder.wait(timeout=30) == 3, holder.stderr.read()[-2000:]
            assert "lost the lease" in holder.stderr.read()
            assert _lease(fs, "stalled")["run_id"] == mine["run_id"]
        assert _lease(fs, "stalled") is None
    finally:
        holder.send_signal(signal.SIGCONT)
        holder.kill()
