"""Read HTML responses out of WARC files (Common Crawl News style) as raw records.

Only `response` (and `resource`) records with HTTP 200 and an HTML media type become records;
redirects, robots.txt and request/metadata records are skipped, as CC-NEWS holds many of them.
"""

from __future__ import annotations

import gzip
import json
import zlib
import re
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator

from transforms.ids import content_sha256, stable_id
from transforms.sources import SourceFilters

__all__ = ["read_warc"]

_HTML = ("text/html", "application/xhtml+xml")


def _warc_date(value: str | None) -> datetime:
    if not value:
        return datetime(1970, 1, 1, tzinfo=timezone.utc)
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(timezone.utc)


def _passes(url: str, body: bytes, filters: SourceFilters) -> bool:
    if filters.url_patterns and not any(re.search(p, url) for p in filters.url_patterns):
        return False
    if any(re.search(p, url) for p in filters.exclude_patterns):
        return False
    segments = {s.lower() for s in urlsplit(url).path.split("/") if s}
    if filters.sections and not segments & {s.lower().strip("/") for s in filters.sections}:
        return False
    if filters.keywords:
        # No title or summary before cleaning: match words in the page bytes (markup included).
        text = body.decode("utf-8", "ignore").lower()
        return any(re.search(rf"\b{re.escape(k.lower())}\b", text) for k in filters.keywords)
    return True


def read_warc(path: Path, *, filters: SourceFilters = SourceFilters(), max_bytes: int = 10_000_000,
              canonical=lambda url: url, stats: Counter | None = None) -> Iterator[dict]:
    """Yield raw records (source_kind warc_record); a damaged file ends with one error record."""
    stats = stats if stats is not None else Counter()
    kept = 0
    try:
        with Path(path).open("rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                if record.format != "warc" or not record.rec_type:
                    # warcio reads some damaged or random bytes as a record without headers or as an old ARC
                    # record, and would end quietly: neither is a WARC record
                    raise ValueError(f"not a WARC record at offset {records.offset} ({record.format}, "
                                     f"type {record.rec_type!r})")
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                if urlsplit(uri).scheme not in ("http", "https"):
                    continue
                if record.rec_type == "response":
                    if record.http_headers is None or record.http_headers.get_statuscode() != "200":
                        stats["warc_skipped_status"] += 1
                        continue
                    ctype = record.http_headers.get_header("Content-Type") or ""
                else:
                    ctype = record.rec_headers.get_header("Content-Type") or ""
                media = ctype.split(";")[0].strip().lower()
                if media not in _HTML:
                    stats["warc_skipped_type"] += 1
                    continue
                record_id = record.rec_headers.get_header("WARC-Record-ID")
                body = record.content_stream().read(max_bytes + 1)  # decodes chunked and gzip bodies
                if len(body) > max_bytes:
                    yield {"source_uri": uri, "error": "body_too_large",
                           "detail": f"WARC record {record_id} in {path} exceeds {max_bytes} bytes"}
                    continue
                if getattr(record.raw_stream, "limit", 0):
                    # The file ended before the record's declared Content-Length: a cut download.
                    yield {"source_uri": uri, "error": "truncated_warc_record",
                           "detail": f"WARC record {record_id} in {path} is shorter than its Content-Length"}
                    continue
                if not _passes(uri, body, filters):
                    stats["warc_filtered"] += 1
                    continue
                url = canonical(uri)
                meta = {"url": url, "warc_file": Path(path).name, "warc_record_id": record_id}
                yield {
                    "raw_id": stable_id(url, content_sha256(body)), "source_uri": url,
                    "source_kind": "warc_record", "content_type": ctype or None, "content": body,
                    "meta_json": json.dumps(meta, sort_keys=True), "error": None,
                    "fetched_at": _warc_date(record.rec_headers.get_header("WARC-Date")),
                }
                kept += 1
                if filters.max_items is not None and kept >= filters.max_items:
                    return
    except Exception as exc:  # warcio raises many types on damaged input; the run goes on
        yield {"source_uri": str(path), "error": "bad_warc", "detail": f"{type(exc).__name__}: {exc}"}
        return
    if not _gzip_complete(Path(path)):
        # warcio ends quietly when a gzip member is cut off: the records after the cut are lost.
        yield {"source_uri": str(path), "error": "truncated_warc_file",
               "detail": f"{path} ends inside a compressed record; records after the cut are missing"}


def _gzip_complete(path: Path) -> bool:
    """True unless the file is gzip and its last member has no end-of-stream marker."""
    with path.open("rb") as handle:
        if handle.read(2) != b"\x1f\x8b":
            return True
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error):
        return False
    return True
