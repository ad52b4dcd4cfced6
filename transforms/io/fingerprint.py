"""Skip a build whose inputs did not change: a fingerprint of the layer part files and the SQL.

Part files are named by a hash of their content, so their names and sizes stand for their
content; the SQL files and the schema and extractor versions complete what a build depends on.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from transforms.io import storage
from transforms.settings import EXTRACTOR_VERSION, SCHEMA_VERSION

__all__ = ["INPUT_LAYERS", "build_fingerprint", "unchanged_since_last_build", "record_build"]

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
