"""Read local inputs (files, folders, globs, JSONL manifests) into raw records."""

from __future__ import annotations

import glob
import json
import stat
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from transforms.ids import content_sha256, stable_id

__all__ = ["RawRecord", "discover", "read_sources", "MAX_FILE_BYTES"]

RawRecord = dict  # keys: the columns of schemas.RAW, plus "error" for inputs that failed to read

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_TEXT_SUFFIXES = {".txt", ".text", ".md"}
_MANIFEST_SUFFIXES = {".jsonl", ".ndjson"}
# One input item larger than this is quarantined unread (too_large): a news page is well under 1 MB,
# and reading a multi-gigabyte file whole would exhaust memory. Same cap as HTTP bodies and WARC records.
MAX_FILE_BYTES = 10_000_000
_MAX_SIDECAR_BYTES = 1_000_000


class _TooLarge(ValueError):
    pass


def _glob_base(pattern: str) -> Path:
    """The literal folder a glob starts from: its parts before the first wildcard."""
    parts = Path(pattern).parts
    literal = []
    for part in parts:
        if glob.has_magic(part):
            break
        literal.append(part)
    return Path(*literal) if literal else Path(".")


def _inside(match: Path, base: Path) -> bool:
    """No symlink between the glob's base folder and the match: the glob must not lead elsewhere."""
    try:
        return match.resolve() == base.resolve() / match.relative_to(base)
    except ValueError:
        return False


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
            base = _glob_base(source)
            # Like folders, globs do not follow symlinks (to files or folders) out of where they point.
            found.update(m for m in matches if m.is_file() and _inside(m, base))
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


def _read_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """A regular file's bytes, refusing devices and FIFOs (which could block or never end) and huge files."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(f"{path.name} is not a regular file")
    if info.st_size > limit:
        raise _TooLarge(f"{info.st_size} bytes, more than {limit}")
    with path.open("rb") as handle:
        content = handle.read(limit + 1)
    if len(content) > limit:  # grew while we looked
        raise _TooLarge(f"more than {limit} bytes")
    return content


def _sidecar(path: Path) -> dict:
    sidecar = path.with_name(path.stem + ".meta.json")
    if not sidecar.exists():
        return {}
    if sidecar.resolve().parent != path.resolve().parent:
        raise ValueError("sidecar is a symlink out of the article's folder")
    meta = json.loads(_read_file(sidecar, _MAX_SIDECAR_BYTES).decode("utf-8"))
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
                    if not isinstance(entry["path"], str) or path.parent.resolve() not in target.parents:
                        raise ValueError("manifest path leaves the manifest's folder")
                    kind = "file_html" if target.suffix.lower() in _HTML_SUFFIXES else "file_text"
                    ctype = "text/html" if kind == "file_html" else "text/plain"
                    yield _record(str(target), kind, _read_file(target), meta, fetched_at, ctype)
                else:
                    raise ValueError("manifest line has neither text nor path")
            except _TooLarge as exc:
                yield _error(uri, "too_large", str(exc))
            except (ValueError, OSError, TypeError) as exc:
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
                yield _record(uri, "file_html", _read_file(path), {}, _mtime(path), "text/html")
            elif suffix in _TEXT_SUFFIXES:
                yield _record(uri, "file_text", _read_file(path), _sidecar(path), _mtime(path), "text/plain")
            else:
                yield _error(uri, "unsupported_file_type", f"no reader for '{suffix or path.name}'")
        except _TooLarge as exc:
            yield _error(uri, "too_large", str(exc))
        except (ValueError, OSError) as exc:
            yield _error(uri, "unreadable_input", f"{type(exc).__name__}: {exc}")
