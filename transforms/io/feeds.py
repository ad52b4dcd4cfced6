"""Parse RSS 2.0, RSS 1.0 (RDF), Atom and XML sitemaps into feed items, and filter them.

Standard-library XML only. Documents that declare entities are refused outright: feeds never
need them, and entity expansion is how XML bombs work.
"""

from __future__ import annotations

import email.utils
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from transforms.sources import SourceFilters

__all__ = ["FeedItem", "FeedError", "parse_feed", "filter_items"]

_TAG = re.compile(r"<[^>]+>")


class FeedError(ValueError):
    """The document is not a feed or sitemap we can read; `reason` is a quarantine reason."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str | None = None
    summary: str | None = None
    published: str | None = None  # ISO 8601 with the feed's own offset, so the local date is kept
    categories: tuple[str, ...] = ()
    source: str | None = None  # outlet: the item's <source>, news:name, or the feed's title
    is_sitemap: bool = False  # an entry of a sitemap index: another sitemap to read

    def meta(self) -> dict:
        """The meta_json keys clean.py understands, only those that are known."""
        found = {"url": self.url, "title": self.title, "published": self.published, "source": self.source}
        return {key: value for key, value in found.items() if value}


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    value = "".join(element.itertext()).strip()
    return html.unescape(value) or None


def _date(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None  # an unreadable date is no date, not a failed item


def _atom_link(entry: ET.Element) -> str | None:
    for link in entry.findall("{*}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return None


def _rss_items(root: ET.Element, base: str, feed_title: str | None) -> list[FeedItem]:
    items = []
    for item in root.iter():
        if not isinstance(item.tag, str) or item.tag.rsplit("}", 1)[-1] != "item":
            continue
        # Plain <link> first: an <atom:link href=...> in the item has no text.
        link = (_text(item.find("link")) or _text(item.find("{http://purl.org/rss/1.0/}link"))
                or item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"))
        guid = item.find("guid")
        if not link and guid is not None and guid.get("isPermaLink", "true") == "true":
            link = _text(guid)
        if not link:
            continue
        date = _text(item.find("pubDate")) or _text(item.find("{*}date"))
        items.append(FeedItem(
            url=urljoin(base, link), title=_text(item.find("title")) or _text(item.find("{*}title")),
            summary=_text(item.find("{*}description")), published=_date(date),
            categories=tuple(c for c in (_text(e) for e in item.findall("{*}category") + item.findall("{*}subject")) if c),
            source=_text(item.find("source")) or feed_title,
        ))
    return items


def _atom_entries(root: ET.Element, base: str, feed_title: str | None) -> list[FeedItem]:
    items = []
    for entry in root.findall("{*}entry"):
        link = _atom_link(entry)
        if not link:
            continue
        items.append(FeedItem(
            url=urljoin(base, link), title=_text(entry.find("{*}title")),
            summary=_text(entry.find("{*}summary")) or _text(entry.find("{*}content")),
            published=_date(_text(entry.find("{*}published")) or _text(entry.find("{*}updated"))),
            categories=tuple(c.get("term") or c.get("label") for c in entry.findall("{*}category") if c.get("term") or c.get("label")),
            source=_text(entry.find("{*}source/{*}title")) or feed_title,
        ))
    return items


def _sitemap(root: ET.Element, base: str, is_index: bool) -> list[FeedItem]:
    items = []
    for node in root.findall("{*}sitemap" if is_index else "{*}url"):
        loc = _text(node.find("{*}loc"))
        if not loc:
            continue
        news = node.find("{*}news")  # Google News sitemap extension
        items.append(FeedItem(
            url=urljoin(base, loc), is_sitemap=is_index,
            title=_text(news.find("{*}title")) if news is not None else None,
            published=_date(_text(news.find("{*}publication_date")) if news is not None else _text(node.find("{*}lastmod"))),
            source=_text(news.find("{*}publication/{*}name")) if news is not None else None,
        ))
    return items


def parse_feed(content: bytes, base_url: str) -> list[FeedItem]:
    """Items in document order; relative links resolved against base_url; only http(s) links kept."""
    return [item for item in _parse(content, base_url) if urlsplit(item.url).scheme in ("http", "https")]


def _parse(content: bytes, base_url: str) -> list[FeedItem]:
    if re.search(rb"<!ENTITY", content[:65536], re.IGNORECASE):
        raise FeedError("xml_entities", "feed declares XML entities; refused")
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        raise FeedError("bad_feed", f"not well-formed XML: {exc}") from exc
    kind = root.tag.rsplit("}", 1)[-1].lower()
    if kind == "rss" or kind == "rdf":
        channel = root.find("channel")
        title = _text(channel.find("title")) if channel is not None else _text(root.find("{*}channel/{*}title"))
        return _rss_items(root, base_url, title)
    if kind == "feed":
        return _atom_entries(root, base_url, _text(root.find("{*}title")))
    if kind in ("urlset", "sitemapindex"):
        return _sitemap(root, base_url, kind == "sitemapindex")
    raise FeedError("bad_feed", f"root element <{kind}> is not rss, rdf, feed, urlset or sitemapindex")


def _words(text: str) -> str:
    return " ".join(_TAG.sub(" ", text).lower().split())


def filter_items(items: list[FeedItem], filters: SourceFilters) -> list[FeedItem]:
    """Keep items matching every configured filter; sitemap-index entries always pass."""
    keywords = [re.compile(rf"\b{re.escape(k.lower())}\b") for k in filters.keywords]
    sections = {s.lower().strip("/") for s in filters.sections}
    include = [re.compile(p) for p in filters.url_patterns]
    exclude = [re.compile(p) for p in filters.exclude_patterns]
    kept = []
    for item in items:
        if not item.is_sitemap:
            text = _words(f"{item.title or ''} {item.summary or ''}")
            if keywords and not any(k.search(text) for k in keywords):
                continue
            segments = {s.lower() for s in urlsplit(item.url).path.split("/") if s}
            if sections and not sections & ({c.lower() for c in item.categories} | segments):
                continue
            if include and not any(p.search(item.url) for p in include):
                continue
            if any(p.search(item.url) for p in exclude):
                continue
        kept.append(item)
    if filters.max_items is not None:
        kept = kept[: filters.max_items]
    return kept
