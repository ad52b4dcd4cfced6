"""The one entry point for remote inputs: URLs, feeds, sitemaps and WARC files -> raw records.

Records have exactly the shape of transforms.io.files (source_kind url, feed_item or
warc_record); failures come back as {source_uri, error, detail} and the run goes on.
The fetch state is saved only when the iterator is exhausted, so a run that dies part-way
fetches the same items again next time rather than losing them.
"""

from __future__ import annotations

import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import courlan

from transforms.ids import content_sha256, stable_id
from transforms.io.charset import detect_charset
from transforms.io.feeds import FeedError, FeedItem, filter_items, parse_feed
from transforms.io.fetch_state import FetchState
from transforms.io.files import discover, read_sources
from transforms.io.http import FEED_TYPES, FetchOptions, HttpClient
from transforms.io.netguard import AddressPolicy
from transforms.io.warc import read_warc
from transforms.sources import SourceSpec, classify_source, load_sources_toml, spec_from_string, split_sources

__all__ = ["read_remote", "canonical_url", "classify_source", "split_sources"]

_MAX_SITEMAPS = 50  # nested sitemaps read from one sitemap index per run


@dataclass(frozen=True)
class _Job:
    url: str  # canonical
    kind: str  # url or feed_item
    meta: dict = field(default_factory=dict)


def canonical_url(url: str) -> str:
    """courlan's normalisation (lower-case host, sorted query, tracking parameters dropped), no fragment."""
    try:
        normal = courlan.normalize_url(url)
    except (ValueError, AttributeError):
        normal = url
    return urlsplit(normal)._replace(fragment="").geturl()


def _error(uri: str, reason: str, detail: str | None) -> dict:
    return {"source_uri": uri, "error": reason, "detail": detail or reason}


def _expand(sources: list) -> list[SourceSpec]:
    specs: list[SourceSpec] = []
    for source in sources:
        spec = source if isinstance(source, SourceSpec) else spec_from_string(source)
        specs.extend(load_sources_toml(Path(spec.url)) if spec.kind == "toml" else [spec])
    return specs


def _feed_jobs(spec: SourceSpec, client: HttpClient, state: FetchState, stats: Counter) -> Iterator[dict | _Job]:
    """Fetch a feed or sitemap (conditionally) and turn its filtered items into jobs."""
    queue, read = [spec.url], 0
    while queue and read <= _MAX_SITEMAPS:
        url = canonical_url(queue.pop(0))
        read += 1
        known = state.get(url) or {}
        result = client.fetch(url, accept=FEED_TYPES, etag=known.get("etag"), last_modified=known.get("last_modified"))
        if result.error:
            yield _error(url, result.error, result.detail)
            continue
        if result.not_modified:
            stats["feeds_not_modified"] += 1
            state.touch(url, result.fetched_at)
            continue
        try:
            items = filter_items(parse_feed(result.content, result.final_url), spec.filters)
        except FeedError as exc:
            yield _error(url, exc.reason, str(exc))
            continue
        state.record(url, etag=result.etag, last_modified=result.last_modified,
                     sha256=content_sha256(result.content), fetched_at=result.fetched_at, status=200)
        for item in items:
            if item.is_sitemap:
                queue.append(item.url)
            else:
                yield _Job(canonical_url(item.url), "feed_item", _item_meta(item, spec))


def _item_meta(item: FeedItem, spec: SourceSpec) -> dict:
    meta = item.meta()
    meta["url"] = canonical_url(item.url)
    if spec.outlet:
        meta["source"] = spec.outlet  # configured outlet name beats a feed title
    meta["feed"] = spec.name
    return meta


def _fetch_job(job: _Job, client: HttpClient, state: FetchState) -> tuple[str, dict | None]:
    """(outcome, record): runs in worker threads, so it counts nothing itself."""
    known = state.get(job.url) or {}
    result = client.fetch(job.url, etag=known.get("etag"), last_modified=known.get("last_modified"))
    if result.error:
        return "failed", _error(job.url, result.error, result.detail)
    if result.not_modified:
        state.touch(job.url, result.fetched_at)
        return "not_modified", None
    sha = content_sha256(result.content)
    final = canonical_url(result.final_url)
    unchanged = known.get("sha256") == sha
    for url in {job.url, final}:
        state.record(url, etag=result.etag, last_modified=result.last_modified, sha256=sha,
                     fetched_at=result.fetched_at, status=200)
    if unchanged:
        return "unchanged", None
    charset, basis = detect_charset(result.content, result.declared_charset)
    meta = {**job.meta, "url": final, "charset": charset, "charset_basis": basis}
    if final != job.url:
        meta["requested_url"] = job.url
    return "fetched", {
        "raw_id": stable_id(final, sha), "source_uri": final, "source_kind": job.kind,
        "content_type": f"{result.media_type}; charset={charset}", "content": result.content,
        "meta_json": json.dumps(meta, sort_keys=True, ensure_ascii=False), "fetched_at": result.fetched_at,
        "error": None,
    }


def read_remote(sources: list[SourceSpec | str], *, state_dir: Path, allow_private: bool = False,
                options: FetchOptions | None = None, refetch_after: timedelta | None = None,
                max_workers: int = 8, stats: Counter | None = None) -> Iterator[dict]:
    """Yield raw records for remote sources (and local ones a sources TOML names).

    An article URL already in the fetch state is not asked for again unless refetch_after has
    passed (None: never); feeds and sitemaps are always asked, conditionally. `stats`, when
    given, counts fetched, failed, unchanged, not_modified and skipped_known items.
    """
    stats = stats if stats is not None else Counter()
    base = options or FetchOptions()
    options = replace(base, policy=replace(base.policy, allow_private=allow_private or base.policy.allow_private))
    state = FetchState(state_dir)
    now = datetime.now(timezone.utc)
    jobs: dict[str, _Job] = {}  # canonical URL -> first job: the same article is fetched once
    with HttpClient(options) as client:
        for spec in _expand(sources):
            if spec.kind in ("file", "folder", "glob"):
                yield from read_sources(discover([spec.url]))
            elif spec.kind == "warc":
                if urlsplit(spec.url).scheme in ("http", "https"):
                    yield _error(spec.url, "unsupported_source", "download remote WARC files first; read them locally")
                else:
                    yield from read_warc(Path(spec.url), filters=spec.filters, max_bytes=options.max_bytes,
                                         canonical=canonical_url, stats=stats)
            elif spec.kind in ("feed", "sitemap"):
                for found in _feed_jobs(spec, client, state, stats):
                    if isinstance(found, dict):
                        yield found
                    else:
                        jobs.setdefault(found.url, found)
            else:
                url = canonical_url(spec.url)
                jobs.setdefault(url, _Job(url, "url", {"source": spec.outlet} if spec.outlet else {}))
        todo = [job for job in jobs.values() if not state.is_fresh(job.url, now, refetch_after)]
        stats["skipped_known"] += len(jobs) - len(todo)
        with ThreadPoolExecutor(max_workers=max_workers) as pool:
            # map keeps input order, so the output order does not depend on thread timing.
            for outcome, record in pool.map(lambda job: _fetch_job(job, client, state), todo):
                stats[outcome] += 1
                if record is not None:
                    yield record
    state.save()
