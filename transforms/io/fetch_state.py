"""What was already fetched: canonical URL -> validators and content hash, in one JSON file.

The file lives at `<warehouse>/state/fetch_state.json` and is replaced atomically (temp file +
os.replace), so a crash mid-write leaves the previous state intact.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from datetime import datetime, timedelta
from pathlib import Path

from transforms.io import storage

__all__ = ["FetchState", "STATE_FILE"]

STATE_FILE = "fetch_state.json"
_FORMAT = 1


class FetchState:
    """Thread-safe map of canonical URL -> {etag, last_modified, sha256, fetched_at, status}."""

    def __init__(self, state_dir: Path) -> None:
        self.path = storage.warehouse_path(state_dir) / STATE_FILE
        self._lock = threading.Lock()
        self._entries: dict[str, dict] = {}
        if self.path.exists():
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") != _FORMAT:
                raise ValueError(f"{self.path}: unknown fetch state format {data.get('format')!r}")
            self._entries = data["urls"]

    def get(self, url: str) -> dict | None:
        with self._lock:
            entry = self._entries.get(url)
            return dict(entry) if entry else None

    def is_fresh(self, url: str, now: datetime, refetch_after: timedelta | None) -> bool:
        """True when the URL was fetched and is too recent to ask again (None: never ask again)."""
        entry = self.get(url)
        if not entry or not entry.get("sha256"):
            return False
        if refetch_after is None:
            return True
        return now - datetime.fromisoformat(entry["fetched_at"]) < refetch_after

    def seen_content(self, sha256: str) -> bool:
        with self._lock:
            return any(entry.get("sha256") == sha256 for entry in self._entries.values())

    def record(self, url: str, *, etag: str | None, last_modified: str | None, sha256: str | None,
               fetched_at: datetime, status: int) -> None:
        with self._lock:
            self._entries[url] = {"etag": etag, "last_modified": last_modified, "sha256": sha256,
                                  "fetched_at": fetched_at.isoformat(), "status": status}

    def touch(self, url: str, fetched_at: datetime) -> None:
        """A 304 answer: keep validators and hash, move the check time."""
        with self._lock:
            if url in self._entries:
                self._entries[url]["fetched_at"] = fetched_at.isoformat()

    def __len__(self) -> int:
        return len(self._entries)

    def save(self) -> None:
        """Write atomically; sorted keys keep the file diff-friendly and deterministic."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            payload = json.dumps({"format": _FORMAT, "urls": self._entries}, sort_keys=True, indent=1)
        if storage.is_remote(self.path):  # one PUT under the final key: atomic on an object store
            self.path.write_text(payload, encoding="utf-8")
            return
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".fetch_state.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
