"""Turn raw records into clean article rows: trafilatura for HTML, boilerplate rules for text."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

import py3langid
import trafilatura
from courlan import extract_domain
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import META_URL, examine_meta, extract_meta_json, extract_sitename, extract_title, extract_url
from trafilatura.settings import DEFAULT_CONFIG, Document, set_date_params

from transforms.io.charset import detect_charset

from transforms.ids import content_sha256, stable_id
from transforms.settings import EXTRACTOR_VERSION

__all__ = ["clean_record", "strip_boilerplate", "unwrap_lines", "parse_published", "MIN_TEXT_CHARS", "MAX_CONTENT_BYTES",
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


_OPEN_LINE_END = re.compile(r"[^.!?:;\"”’)\]]\s*$")


def unwrap_lines(text: str) -> str:
    """Join hard-wrapped plain text (e-mailed wire copy, lines cut near 72-80 columns) into one line per
    paragraph, so a sentence is not split at a line break. Only a text whose lines are all short and
    often end mid-sentence counts as wrapped; paragraphs are then the blocks between blank lines."""
    lines = text.splitlines()
    body = [line for line in lines if line.strip()]
    if len(body) < 3 or max(len(line) for line in body) > 100:
        return text
    continued = [a for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()]
    open_ends = sum(bool(_OPEN_LINE_END.search(a)) for a in continued)
    if open_ends < 2 or open_ends < 0.5 * len(continued):  # a headline or two is not wrapping
        return text
    return "\n\n".join(" ".join(line.strip() for line in block.splitlines())
                       for block in re.split(r"\n\s*\n", text) if block.strip())


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


# "/*/*/.../*": the elements at depth MAX_HTML_DEPTH + 1, the root being depth 1 (evaluated in C, no Python walk).
_TOO_DEEP = "boolean(" + "/*" * (MAX_HTML_DEPTH + 1) + ")"


def _markup_problem(tree: HtmlElement) -> tuple[str, str] | None:
    """(reason, detail) when markup is too large or too deep to extract from in bounded time."""
    if tree.xpath("count(//*)") > MAX_HTML_ELEMENTS:
        return "too_many_elements", f"markup has more than {MAX_HTML_ELEMENTS} elements"
    # libxml2 stops at depth 256 (trafilatura's parser has no huge_tree), so a deeper page still shows 251.
    if tree.xpath(_TOO_DEEP):
        return "markup_too_deep", f"markup is nested more than {MAX_HTML_DEPTH} levels deep"
    return None


# Function words frequent in English and not words of other languages ("a", "in", "to", "is", "was", "of", "on",
# "at", "by", "an", "as", "for", "her", "so", "no" are common words elsewhere). Their share decides clear English
# without loading the py3langid model (about 1 s per process); short, mixed or foreign text goes to the model.
# On 962 samples (gold, news corpus, html_extraction pages): English median 0.22, 1st percentile 0.13; other
# languages at most 0.013 (English names and quotes). On 825 whole texts every answer equals the model's.
_ENGLISH_WORDS = frozenset(
    "the and that with from this which have has had been were would could should their they them said will about "
    "after you your our his she what when who there more than into its not but are it these those other some only "
    "over up out if because while where how".split())
_ENGLISH_SHARE = 0.10
_LANGUAGE_SAMPLE = 2000  # characters: plenty for either test, and bounded on very long texts
_WORD = re.compile(r"[^\W\d_]+")


def _language(text: str, declared: str | None) -> str:
    if declared:
        return declared.lower()[:2]
    sample = text[:_LANGUAGE_SAMPLE]
    words = _WORD.findall(sample.lower())
    if len(words) >= 40 and sum(word in _ENGLISH_WORDS for word in words) >= _ENGLISH_SHARE * len(words):
        return "en"
    return py3langid.classify(sample)[0]


def _is_binary(content: bytes) -> bool:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark: text, NULs and all
        return False
    return b"\x00" in content[:8192]


_TRAFILATURA = {
    # favor_precision + tables scored best on the scrapinghub set (bench/clean_quality.py, BENCHMARKS.md).
    "include_comments": False, "include_tables": True, "favor_precision": True, "deduplicate": False,
}


def _from_html(content: str, url: str | None) -> tuple[dict, tuple[str, str] | None]:
    """(fields found, None) or ({}, (reason, detail)) for markup too large to extract from.

    The page is parsed once, by trafilatura's own loader: the size checks, the metadata and the text
    (trafilatura copies the tree it is given) all read that tree.
    """
    tree = trafilatura.load_html(content)
    if tree is None:
        return {}, None  # not HTML trafilatura can read: ends as no_main_text
    problem = _markup_problem(tree)
    if problem:
        return {}, problem
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, **_TRAFILATURA)
    if doc is None:
        return {}, None
    meta = _metadata(tree, url)
    return {"text": doc.text or "", "title": meta.title, "published": meta.date, "site": meta.hostname,
            "source": meta.sitename, "url": meta.url}, None


def _metadata(tree: HtmlElement, url: str | None) -> Document:
    """The fields we store of trafilatura's extract_metadata (title, date, url, hostname, sitename), found the
    same way; its author, categories, tags and licence searches are two thirds of its time and are not stored."""
    meta = examine_meta(tree)
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001 - trafilatura guards this call the same way (bugs in its JSON-LD parser)
        pass
    meta.title = meta.title or extract_title(tree)
    meta.url = meta.url or extract_url(tree, url)
    meta.hostname = extract_domain(meta.url, fast=True) if meta.url else None
    dates = set_date_params(DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH"))
    meta.date = find_date(tree, **dates, url=meta.url)
    meta.sitename = meta.sitename or extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")  # a Twitter handle
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url and (match := META_URL.match(meta.url)):
        meta.sitename = match[1]
    meta.clean_and_trim()
    return meta


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
        found, problem = _from_html(decoded, _meta_text(meta, "url"))
        if problem:
            return reject(*problem)
    else:
        found = {"text": unwrap_lines(decoded)}
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
