"""Read local inputs (files, folders, globs, JSONL manifests) into raw records."""

from __future__ import annotations

import glob
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from transforms.ids import content_sha256, stable_id

__all__ = ["RawRecord", "discover", "read_sources"]

RawRecord = dict  # keys: the columns of schemas.RAW, plus "error" for inputs that failed to read

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_TEXT_SUFFIXES = {".txt", ".text", ".md"}
_MANIFEST_SUFFIXES = {".jsonl", ".ndjson"}


def discover(sources: list[str]) -> list[Path]:
    """Expand files, folders (recursively) and globs into a sorted, de-duplicated list of files."""
    found: set[Path] = set()
    for source in sources:
        path = Path(source)
        if path.is_dir():
            found.update(p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
        elif path.is_file():
            found.add(path)
        else:
            matches = [Path(m) for m in glob.glob(source, recursive=True)]
            if not matches:
                raise FileNotFoundError(f"no such file, folder or glob: {source}")
            found.update(m for m in matches if m.is_file())
    # Sidecars describe another file; they are read with it, not on their own.
    return sorted(p.resolve() for p in found if not p.name.endswith(".meta.json"))


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc).replace(microsecond=0)


def _record(uri: str, kind: str, content: bytes, meta: dict, fetched_at: datetime, content_type: str | None) -> RawRecord:
    return {
        "raw_id": stable_id(uri, content_sha256(content)),
        "source_uri": uri,
        "source_kind": kind,
        "content_type": content_type,
        "content": content,
        "meta_json": json.dumps(meta, sort_keys=True, ensure_ascii=False) if meta else None,
        "fetched_at": fetched_at,
        "error": None,
    }


def _error(uri: str, reason: str, detail: str) -> RawRecord:
    return {"source_uri": uri, "error": reason, "detail": detail}


def _sidecar(path: Path) -> dict:
    sidecar = path.with_name(path.stem + ".meta.json")
    if not sidecar.exists():
        return {}
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    if not isinstance(meta, dict):
        raise ValueError("sidecar is not a JSON object")
    return meta


def _manifest(path: Path) -> Iterator[RawRecord]:
    fetched_at = _mtime(path)
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            uri = f"{path}#L{number}"
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                if not isinstance(entry, dict):
                    raise ValueError("line is not a JSON object")
                meta = {k: v for k, v in entry.items() if k not in {"text", "path"}}
                if "text" in entry:
                    yield _record(uri, "manifest", str(entry["text"]).encode("utf-8"), meta, fetched_at, "text/plain")
                elif "path" in entry:
                    target = (path.parent / entry["path"]).resolve()
                    if path.parent.resolve() not in target.parents:
                        raise ValueError("manifest path leaves the manifest's folder")
                    kind = "file_html" if target.suffix.lower() in _HTML_SUFFIXES else "file_text"
                    ctype = "text/html" if kind == "file_html" else "text/plain"
                    yield _record(str(target), kind, target.read_bytes(), meta, fetched_at, ctype)
                else:
                    raise ValueError("manifest line has neither text nor path")
            except (ValueError, OSError) as exc:
                yield _error(uri, "bad_manifest_line", str(exc))


def read_sources(paths: list[Path]) -> Iterator[RawRecord]:
    """Yield one raw record per input item; unreadable items come back with an error reason."""
    for path in paths:
        suffix = path.suffix.lower()
        uri = str(path)
        try:
            if suffix in _MANIFEST_SUFFIXES:
                yield from _manifest(path)
            elif suffix in _HTML_SUFFIXES:
                yield _record(uri, "file_html", path.read_bytes(), {}, _mtime(path), "text/html")
            elif suffix in _TEXT_SUFFIXES:
                yield _record(uri, "file_text", path.read_bytes(), _sidecar(path), _mtime(path), "text/plain")
            else:
                yield _error(uri, "unsupported_file_type", f"no reader for '{suffix or path.name}'")
        except (ValueError, OSError) as exc:
            yield _error(uri, "unreadable_input", f"{type(exc).__name__}: {exc}")
