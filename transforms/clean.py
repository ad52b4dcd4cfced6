"""Turn raw records into clean article rows: trafilatura for HTML, boilerplate rules for text."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import py3langid
import trafilatura

from transforms.io.charset import detect_charset

from transforms.ids import content_sha256, stable_id
from transforms.settings import EXTRACTOR_VERSION

__all__ = ["clean_record", "strip_boilerplate", "parse_published", "MIN_TEXT_CHARS", "MAX_CONTENT_BYTES",
           "MAX_TEXT_CHARS", "MAX_HTML_ELEMENTS", "MAX_HTML_DEPTH"]

# Shorter than this is a caption or a stub, not an article.
MIN_TEXT_CHARS = 80
# Limits on pathological inputs (each is a quarantine reason): real news pages stay far below them,
# and beyond them extraction time and memory grow without bound (50 MB of HTML takes minutes).
MAX_CONTENT_BYTES = 10_000_000   # raw bytes of one item (the HTTP and WARC readers use the same cap)
MAX_TEXT_CHARS = 500_000         # main text, about 100 pages: event extraction takes ~7 s at this size
MAX_HTML_ELEMENTS = 100_000      # trafilatura slows sharply above this (300k elements: ~45 s)
MAX_HTML_DEPTH = 250             # libxml2 stops parsing at depth 256, silently dropping the rest
# Publication dates outside this window are typos or placeholders (1970-01-01, 9999-12-31).
_EARLIEST_PUBLISHED = date(1990, 1, 1)
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([-\w:.]+)", re.I)

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


def parse_published(value: object, latest: date | None = None) -> date | None:
    """ISO date or datetime string to a date; anything else, or an implausible date, is None.

    Plausible means from 1990 on and, when ``latest`` (the fetch date) is given, at most two days
    after it (time zones); a later "publication" date is a placeholder or a typo.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        found = date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
    if found < _EARLIEST_PUBLISHED or (latest is not None and found > latest + timedelta(days=2)):
        return None
    return found


def _declared_charset(content_type: str | None) -> str | None:
    match = _CHARSET_PARAM.search(content_type or "")
    return match.group(1) if match else None


def _decode(content: bytes, content_type: str | None) -> str:
    """Bytes to text in the charset they are really in (BOM, valid UTF-8, declared, sniffed, cp1252)."""
    charset, _basis = detect_charset(content, _declared_charset(content_type))
    text = content.decode(charset, errors="replace")
    return text[1:] if text.startswith("\ufeff") else text


def _meta_text(meta: dict, key: str) -> str | None:
    """A sidecar or manifest value as text: numbers, lists or blanks in hand-written metadata become None."""
    value = meta.get(key)
    return (value.strip() or None) if isinstance(value, str) else None


def _markup_problem(html: str) -> tuple[str, str] | None:
    """(reason, detail) when markup is too large or too deep to extract from in bounded time."""
    parser = lxml.html.HTMLParser(collect_ids=False, remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None  # trafilatura decides; an empty or unparsable page ends as no_main_text
    elements = depth = deepest = 0
    for event, _element in lxml.etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            elements += 1
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
        if elements > MAX_HTML_ELEMENTS:
            return "too_many_elements", f"markup has more than {MAX_HTML_ELEMENTS} elements"
    if deepest > MAX_HTML_DEPTH:
        return "markup_too_deep", f"markup is nested {deepest} levels deep, more than {MAX_HTML_DEPTH}"
    return None


def _language(text: str, declared: str | None) -> str:
    if declared:
        return declared.lower()[:2]
    return py3langid.classify(text[:5000])[0]


def _is_binary(content: bytes) -> bool:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark: text, NULs and all
        return False
    return b"\x00" in content[:8192]


def _from_html(content: str, url: str | None) -> dict:
    doc = trafilatura.bare_extraction(
        # favor_precision + tables scored best on the scrapinghub set (bench/clean_quality.py, BENCHMARKS.md).
        content, url=url, with_metadata=True, include_comments=False, include_tables=True,
        favor_precision=True, deduplicate=False,
    )
    if doc is None:
        return {}
    return {"text": doc.text or "", "title": doc.title, "published": doc.date, "site": doc.hostname,
            "source": doc.sitename, "url": doc.url}


def _day(value: object) -> date | None:
    return value.date() if isinstance(value, datetime) else None


def clean_record(record: dict) -> tuple[dict | None, dict | None]:
    """Return (article row, None) or (None, quarantine row) for one raw record."""
    uri = record["source_uri"]

    def reject(reason: str, detail: str) -> tuple[None, dict]:
        return None, {"quarantine_id": stable_id(uri, "clean", reason), "source_uri": uri, "stage": "clean",
                      "reason": reason, "detail": detail, "raw_id": record["raw_id"]}

    content: bytes = record["content"] or b""
    if not content.strip():
        return reject("empty_content", "the input has no bytes")
    if len(content) > MAX_CONTENT_BYTES:
        return reject("too_large", f"the input has {len(content)} bytes, more than {MAX_CONTENT_BYTES}")
    if _is_binary(content):
        return reject("binary_content", "the input contains NUL bytes; not text or HTML")
    meta = json.loads(record["meta_json"]) if record.get("meta_json") else {}
    meta = meta if isinstance(meta, dict) else {}
    decoded = _decode(content, record.get("content_type"))
    if record["source_kind"] == "file_html" or (record.get("content_type") or "").startswith(("text/html", "application/xhtml")):
        problem = _markup_problem(decoded)
        if problem:
            return reject(*problem)
        found = _from_html(decoded, _meta_text(meta, "url"))
    else:
        found = {"text": decoded}
    text = strip_boilerplate(found.get("text") or "")
    if len(text) < MIN_TEXT_CHARS:
        return reject("no_main_text", f"main text has {len(text)} characters, fewer than {MIN_TEXT_CHARS}")
    if len(text) > MAX_TEXT_CHARS:
        return reject("text_too_long", f"main text has {len(text)} characters, more than {MAX_TEXT_CHARS}")
    url = _meta_text(meta, "url") or found.get("url")
    if url and urlsplit(url).scheme.lower() not in ("http", "https"):
        url = None  # javascript:, file:, data: ... are not article addresses
    site = urlsplit(url).hostname if url else found.get("site")
    language = _language(text, _meta_text(meta, "language"))
    article = {
        # Local files without a URL are identified by their text, so a copy elsewhere is the same article.
        "article_id": stable_id("url", url) if url else stable_id("text", content_sha256(text)),
        "raw_id": record["raw_id"],
        "url": url,
        "source": _meta_text(meta, "source") or found.get("source") or site,
        "site": site,
        "title": _meta_text(meta, "title") or found.get("title"),
        "published_date": (parse_published(meta.get("published"), _day(record["fetched_at"]))
                           or parse_published(found.get("published"), _day(record["fetched_at"]))),
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
