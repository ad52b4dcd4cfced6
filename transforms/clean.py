"""Turn raw records into clean article rows: trafilatura for HTML, boilerplate rules for text."""

from __future__ import annotations

import json
import re
from datetime import date
from urllib.parse import urlsplit

import py3langid
import trafilatura

from transforms.ids import content_sha256, stable_id
from transforms.settings import EXTRACTOR_VERSION

__all__ = ["clean_record", "strip_boilerplate", "parse_published", "MIN_TEXT_CHARS"]

# Shorter than this is a caption or a stub, not an article.
MIN_TEXT_CHARS = 80

# Paragraphs that are navigation, promotion or links to other stories.
_BOILERPLATE = re.compile(
    r"^\s*(see also\b|related( materials| articles| stories| news)?\s*:|read (more|also)\b|also read\b"
    r"|more on this\b|subscribe\b|follow us\b|share this\b|advertisement\s*$|sign up\b)",
    re.IGNORECASE,
)


def strip_boilerplate(text: str) -> str:
    """Drop boilerplate paragraphs and normalise whitespace, keeping paragraph breaks."""
    paragraphs = [re.sub(r"[ \t\u00a0]+", " ", p).strip() for p in re.split(r"\n\s*\n|\r\n|\n", text)]
    return "\n".join(p for p in paragraphs if p and not _BOILERPLATE.match(p))


def parse_published(value: object) -> date | None:
    """ISO date or datetime string to a date; anything else is None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _decode_text(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def _language(text: str, declared: str | None) -> str:
    if declared:
        return declared.lower()[:2]
    return py3langid.classify(text[:5000])[0]


def _is_binary(content: bytes) -> bool:
    return b"\x00" in content[:8192]


def _from_html(content: bytes, url: str | None) -> dict:
    doc = trafilatura.bare_extraction(
        # favor_precision + tables scored best on the scrapinghub set (bench/clean_quality.py, BENCHMARKS.md).
        content, url=url, with_metadata=True, include_comments=False, include_tables=True,
        favor_precision=True, deduplicate=False,
    )
    if doc is None:
        return {}
    return {"text": doc.text or "", "title": doc.title, "published": doc.date, "site": doc.hostname,
            "source": doc.sitename, "url": doc.url}


def clean_record(record: dict) -> tuple[dict | None, dict | None]:
    """Return (article row, None) or (None, quarantine row) for one raw record."""
    uri = record["source_uri"]

    def reject(reason: str, detail: str) -> tuple[None, dict]:
        return None, {"quarantine_id": stable_id(uri, "clean", reason), "source_uri": uri, "stage": "clean",
                      "reason": reason, "detail": detail, "raw_id": record["raw_id"]}

    content: bytes = record["content"] or b""
    if not content.strip():
        return reject("empty_content", "the input has no bytes")
    if _is_binary(content):
        return reject("binary_content", "the input contains NUL bytes; not text or HTML")
    meta = json.loads(record["meta_json"]) if record.get("meta_json") else {}
    if record["source_kind"] == "file_html" or (record.get("content_type") or "").startswith("text/html"):
        found = _from_html(content, meta.get("url"))
    else:
        found = {"text": _decode_text(content)}
    text = strip_boilerplate(found.get("text") or "")
    if len(text) < MIN_TEXT_CHARS:
        return reject("no_main_text", f"main text has {len(text)} characters, fewer than {MIN_TEXT_CHARS}")
    url = meta.get("url") or found.get("url")
    site = urlsplit(url).hostname if url else found.get("site")
    language = _language(text, meta.get("language"))
    article = {
        # Local files without a URL are identified by their text, so a copy elsewhere is the same article.
        "article_id": stable_id("url", url) if url else stable_id("text", content_sha256(text)),
        "raw_id": record["raw_id"],
        "url": url,
        "source": meta.get("source") or found.get("source") or site,
        "site": site,
        "title": meta.get("title") or found.get("title"),
        "published_date": parse_published(meta.get("published")) or parse_published(found.get("published")),
        "language": language,
        "is_english": language == "en",
        "text": text,
        "text_sha256": content_sha256(text),
        "char_count": len(text),
        "source_uri": uri,
        "fetched_at": record["fetched_at"],
        "_extractor_version": EXTRACTOR_VERSION,
    }
    return article, None
