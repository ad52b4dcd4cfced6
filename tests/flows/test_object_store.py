"""The warehouse on object storage: s3://bucket/prefix through fsspec, against moto's S3 server on 127.0.0.1.

DuckDB reads the layers through a registered fsspec filesystem (no httpfs extension); credentials
come only from the environment and never appear in output, the run report or the bucket.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import secrets
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

moto_server = pytest.importorskip("moto.server", reason="moto[server] is a test dependency")
pytest.importorskip("s3fs")

from transforms import stages  # noqa: E402
from transforms.io import storage  # noqa: E402
from transforms.io import warehouse  # noqa: E402
from transforms.io.warehouse import query  # noqa: E402
from transforms.settings import SQL_DIR  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
BUCKET = "sitrep-test"
SECRET = "sitrep-secret-" + secrets.token_hex(12)
EXCHANGES = "select event_date, side_a, side_b, returned_to_a, returned_to_b from prisoner_exchanges order by event_date"
EXPECTED = [(date(2024, 1, 3), "RUS", "UKR", 248, 173), (date(2024, 8, 24), "RUS", "UKR", 115, 115)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    """moto's S3 server on a free port, a bucket, and AWS_* credentials in this process's environment."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's request log
    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    env = {"AWS_ACCESS_KEY_ID": "sitrep-test-key", "AWS_SECRET_ACCESS_KEY": SECRET,
           "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}", "AWS_DEFAULT_REGION": "us-east-1",
           "SITREP_CACHE_DIR": str(tmp_path_factory.mktemp("sitrep_cache"))}
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        fs = storage.ObjectPath(f"s3://{BUCKET}").fs
        fs.mkdir(BUCKET)
        yield env, fs
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        server.stop()


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
    assert not any(SECRET.encode() in fs.cat_file(key) for key in after)


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
    assert not [text for text in outputs if SECRET in text]
    assert not any(SECRET.encode() in fs.cat_file(key) for key in fs.find(f"{BUCKET}/cli"))
