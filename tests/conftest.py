"""Shared fixtures: Prefect runs offline and quiet in every test."""

from __future__ import annotations

import os
import shutil
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
