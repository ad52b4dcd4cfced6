"""Shared fixtures: Prefect runs offline and quiet in every test."""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import socket
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    """The bundled samples run through every stage once (plain functions, no Prefect)."""
    from transforms import stages

    root = tmp_path_factory.mktemp("warehouse")
    stages.ingest([str(SAMPLES)], root)
    for manifest in stages.pending_batches(root, batch_size=50):
        stages.process_batch(manifest, root)
    stages.build(root)
    return root


@pytest.fixture
def samples_copy(tmp_path) -> Path:
    target = tmp_path / "articles"
    shutil.copytree(SAMPLES, target)
    return target


@pytest.fixture(scope="module")
def moto_s3(tmp_path_factory) -> dict[str, str]:
    """moto's S3 server on a free port of 127.0.0.1, with AWS_* credentials (a random secret, which tests check
    never leaks) in this process's environment while the module runs -> that environment."""
    moto_server = pytest.importorskip("moto.server", reason="moto[server] is a test dependency")
    s3fs = pytest.importorskip("s3fs")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's request log
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    env = {"AWS_ACCESS_KEY_ID": "sitrep-test-key", "AWS_SECRET_ACCESS_KEY": "sitrep-secret-" + secrets.token_hex(12),
           "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}", "AWS_DEFAULT_REGION": "us-east-1",
           "SITREP_CACHE_DIR": str(tmp_path_factory.mktemp("sitrep_cache"))}
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    # fsspec caches filesystems with the endpoint they were made with: none from before or after this server
    s3fs.S3FileSystem.clear_instance_cache()
    try:
        yield env
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        s3fs.S3FileSystem.clear_instance_cache()
        server.stop()
