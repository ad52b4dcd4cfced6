"""Skip a build whose inputs did not change: a fingerprint of the layer part files and the SQL.

Part files are named by a hash of their content, so their names and sizes stand for their
content; the SQL files and the schema and extractor versions complete what a build depends on.

`unchanged_run` extends this to a whole run on local sources: it answers, reading only, whether
ingest, extraction and build would all find nothing to do, so the CLI can skip Prefect entirely.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from transforms.io import files, layers, storage
from transforms.settings import EXTRACTOR_VERSION, SAMPLE_DIR, SCHEMA_VERSION
from transforms.sources import split_sources

__all__ = ["INPUT_LAYERS", "build_fingerprint", "unchanged_since_last_build", "record_build", "unchanged_run"]

INPUT_LAYERS = ("raw", "clean", "events", "quarantine")
_STATE = Path("state") / "last_build.json"


def build_fingerprint(root: Path, sql_dir: Path) -> str:
    digest = hashlib.sha256(f"{SCHEMA_VERSION}|{EXTRACTOR_VERSION}".encode())
    for layer in INPUT_LAYERS:
        for path in sorted((root / layer).rglob("*.parquet")):
            if not path.name.startswith("."):
                digest.update(f"{path.relative_to(root)}|{path.stat().st_size}\n".encode())
    for path in sorted(sql_dir.rglob("*")):
        if path.is_file() and path.suffix in (".sql", ".yml", ".csv"):
            digest.update(str(path.relative_to(sql_dir)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def unchanged_since_last_build(root: Path, fingerprint: str) -> dict[str, int] | None:
    """The last build's table counts when it was built from exactly these inputs and is still there."""
    state = root / _STATE
    if not state.exists() or not (root / "sitrep.duckdb").exists():
        return None
    last = json.loads(state.read_text(encoding="utf-8"))
    return last["counts"] if last.get("fingerprint") == fingerprint else None


def record_build(root: Path, fingerprint: str, counts: dict[str, int]) -> None:
    state = root / _STATE
    if storage.is_remote(state):  # one PUT under the final key: atomic on an object store
        state.write_text(json.dumps({"fingerprint": fingerprint, "counts": counts}, sort_keys=True), encoding="utf-8")
        return
    state.parent.mkdir(parents=True, exist_ok=True)
    tmp = state.with_name(f".{state.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"fingerprint": fingerprint, "counts": counts}, sort_keys=True), encoding="utf-8")
    os.replace(tmp, state)


def unchanged_run(sources: list[str] | None, root: Path, sql_dir: Path) -> dict[str, dict[str, int]] | None:
    """The stage counts a run would report when it would change nothing, else None.

    Nothing changes when every item of the (local) sources is already in the raw layer, every raw
    item is cleaned by this extractor version or quarantined, no batch manifest is left over, and
    the build fingerprint equals the last build's. Conservative: remote sources (fetch state and
    politeness decide what is new), unreadable items (ingest quarantines them) or any doubt mean None.
    The counts are those `sitrep run` would report (ingest as stages.ingest counts a re-read).
    """
    try:
        local, remote = split_sources(sources or [str(SAMPLE_DIR)])
    except (ValueError, FileNotFoundError):
        return None  # the run reports the bad source
    if remote or layers.manifests_left(root):
        return None
    try:
        paths = files.discover(local)
    except (ValueError, FileNotFoundError):
        return None
    seen = layers.known_ids(root, "raw", "raw_id")
    read = 0
    for record in files.read_sources(paths):
        if record.get("error") or record["raw_id"] not in seen:
            return None
        read += 1
    if next(layers.pending_raw(root, layers.processed_raw_ids(root)), None) is not None:
        return None
    built = unchanged_since_last_build(root, build_fingerprint(root, sql_dir))
    if built is None:
        return None
    return {"ingest": {"items_read": read, "raw_new": 0, "raw_seen": read, "quarantined": 0},
            "extract": {"batches": 0}, "build": built}
