"""Fixtures for the reliability suite (helpers live in reliability_support.py)."""

from __future__ import annotations

import pytest

from reliability_support import GOLD, SAMPLES


@pytest.fixture(scope="session")
def small_sources(tmp_path_factory) -> list[str]:
    """A tiny input set: the two samples, three gold articles, one bad file (so quarantine has a row)."""
    folder = tmp_path_factory.mktemp("sources")
    for name in ("rt_2024-09-14_103_for_103", "tass_2024-04-19_losses_1500", "dw_2025-03-19_175_plus_22"):
        for suffix in (".txt", ".meta.json"):
            (folder / (name + suffix)).write_bytes((GOLD / (name + suffix)).read_bytes())
    (folder / "stub.txt").write_text("Too short to be an article.")
    return [str(SAMPLES), str(folder)]
