"""Source specifications: parse a sources TOML and classify command-line SOURCE strings (pure)."""

from __future__ import annotations

import glob
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["SourceSpec", "SourceFilters", "SOURCE_KINDS", "REMOTE_KINDS", "classify_source",
           "spec_from_string", "load_sources_toml", "split_sources"]

# file/folder/glob are read by transforms.io.files; the rest by transforms.io.remote.
SOURCE_KINDS = ("file", "folder", "glob", "url", "feed", "sitemap", "warc", "toml")
REMOTE_KINDS = ("url", "feed", "sitemap", "warc")

_FEED_PATH = re.compile(r"(\.(rss|atom|rdf)$|/(feeds?|rss|atom)(/|\.xml$|$)|[-_/](rss|feed)\.xml$)", re.I)
_SITEMAP_PATH = re.compile(r"sitemap[^/]*\.xml(\.gz)?$", re.I)
_WARC_NAME = re.compile(r"\.(warc|arc)(\.gz)?$", re.I)
# An explicit prefix wins over the guess, e.g. "feed:https://example.org/news?format=xml".
_PREFIX = re.compile(r"^(url|feed|sitemap|warc):(?=https?://|/|\.|\w)", re.I)


@dataclass(frozen=True)
class SourceFilters:
    """Which feed or sitemap items to keep; an empty filter keeps everything."""

    keywords: tuple[str, ...] = ()  # any of them in title or summary (case-insensitive, word match)
    sections: tuple[str, ...] = ()  # any of them as a feed category or a URL path segment
    url_patterns: tuple[str, ...] = ()  # regexes; any must match the item URL
    exclude_patterns: tuple[str, ...] = ()  # regexes; none may match the item URL
    max_items: int | None = None  # per source and run, after filtering


@dataclass(frozen=True)
class SourceSpec:
    """One configured source. `url` is a URL or a local path (WARC files, folders)."""

    name: str
    kind: str
    url: str
    filters: SourceFilters = field(default_factory=SourceFilters)
    schedule: str | None = None  # a hint for the deployment (cron string), not used while fetching
    outlet: str | None = None  # outlet name to record as `source` when the page does not say

    def __post_init__(self) -> None:
        if self.kind not in SOURCE_KINDS:
            raise ValueError(f"unknown source kind {self.kind!r}; expected one of {SOURCE_KINDS}")


def classify_source(source: str) -> str:
    """Kind of a command-line SOURCE string, without touching the network."""
    prefixed = _PREFIX.match(source)
    if prefixed:
        return prefixed.group(1).lower()
    scheme = urlsplit(source).scheme.lower()
    if scheme in ("http", "https"):
        path = urlsplit(source).path
        if _WARC_NAME.search(path):
            return "warc"
        if _SITEMAP_PATH.search(path):
            return "sitemap"
        if _FEED_PATH.search(path):
            return "feed"
        return "url"
    if "://" in source:
        raise ValueError(f"unsupported URL scheme in {source!r}: only http and https are fetched")
    path = Path(source)
    if path.suffix.lower() == ".toml" and path.is_file():
        return "toml"
    if _WARC_NAME.search(path.name) and path.is_file():
        return "warc"
    if path.is_dir():
        return "folder"
    if path.is_file():
        return "file"
    if glob.has_magic(source):
        return "glob"
    raise FileNotFoundError(f"no such file, folder, glob or URL: {source}")


def spec_from_string(source: str) -> SourceSpec:
    """A SourceSpec for one command-line string (no filters)."""
    kind = classify_source(source)
    return SourceSpec(name=source, kind=kind, url=_PREFIX.sub("", source))


def _filters(table: dict, where: str) -> SourceFilters:
    unknown = set(table) - {"keywords", "sections", "url_patterns", "exclude_patterns", "max_items"}
    if unknown:
        raise ValueError(f"{where}: unknown filter keys {sorted(unknown)}")
    for key in ("url_patterns", "exclude_patterns"):
        for pattern in table.get(key, ()):
            re.compile(pattern)  # fail at load time, not on the first item
    return SourceFilters(
        keywords=tuple(table.get("keywords", ())), sections=tuple(table.get("sections", ())),
        url_patterns=tuple(table.get("url_patterns", ())),
        exclude_patterns=tuple(table.get("exclude_patterns", ())), max_items=table.get("max_items"),
    )


def load_sources_toml(path: Path) -> list[SourceSpec]:
    """Parse `[[source]]` tables: name, kind (guessed from url when absent), url, filters, schedule.

    Relative local paths are resolved against the TOML file's folder.
    """
    with Path(path).open("rb") as handle:
        data = tomllib.load(handle)
    specs = []
    for number, table in enumerate(data.get("source", []), start=1):
        where = f"{path}: source #{number}"
        unknown = set(table) - {"name", "kind", "url", "path", "filters", "schedule", "outlet"}
        if unknown:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
        url = table.get("url") or table.get("path")
        if not url:
            raise ValueError(f"{where}: needs url or path")
        if urlsplit(url).scheme not in ("http", "https"):
            url = str((Path(path).parent / url).resolve()) if not Path(url).is_absolute() else url
        kind = table.get("kind") or classify_source(url)
        if kind == "toml":
            raise ValueError(f"{where}: a sources TOML cannot include another")
        specs.append(SourceSpec(name=table.get("name", url), kind=kind, url=url,
                                filters=_filters(table.get("filters", {}), where),
                                schedule=table.get("schedule"), outlet=table.get("outlet")))
    names = [spec.name for spec in specs]
    if len(names) != len(set(names)):
        raise ValueError(f"{path}: source names must be unique")
    return specs


def split_sources(sources: list[str]) -> tuple[list[str], list[SourceSpec]]:
    """Split CLI strings into local paths (for io.files) and remote specs (for io.remote).

    A sources TOML is expanded; its local file/folder/glob entries join the local list.
    """
    local: list[str] = []
    remote: list[SourceSpec] = []
    for source in sources:
        kind = classify_source(source)
        specs = load_sources_toml(Path(source)) if kind == "toml" else [spec_from_string(source)]
        for spec in specs:
            (remote if spec.kind in REMOTE_KINDS else local).append(spec if spec.kind in REMOTE_KINDS else spec.url)
    return local, remote
