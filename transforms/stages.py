"""The pipeline's stages as plain functions: each reads a layer, computes, writes the next layer.

Prefect flows call these; tests call them directly. Work is keyed by content, so a stage
re-run on the same input writes the same files and a crashed run resumes where it stopped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pandas as pd

from transforms.articles import clean_batch, quarantine_rows
from transforms.dedup import duplicates_by_window
from transforms.events import extract_batch
from transforms.ids import stable_id
from transforms.io import compact, files, layers, warehouse
from transforms.io.faults import checkpoint
from transforms.io.fingerprint import build_fingerprint, record_build, unchanged_since_last_build
from transforms.io.http import FetchOptions
from transforms.io.remote import read_remote
from transforms.settings import EXTRACTOR_VERSION, SAMPLE_DIR, SQL_DIR, Settings
from transforms.sources import split_sources

__all__ = ["ingest", "pending_batches", "process_batch", "build"]


def _records(sources: list[str] | None, root: Path, settings: Settings) -> Iterator[dict]:
    """Raw records from local and remote sources, in order; a bad source is one error record."""
    local, remote = split_sources(sources or [str(SAMPLE_DIR)])
    if local:
        yield from files.read_sources(files.discover(local))
    if remote:
        options = FetchOptions(per_host_concurrency=settings.per_host_concurrency,
                               per_host_interval=settings.per_host_interval)
        yield from read_remote(remote, state_dir=root / "state", allow_private=settings.allow_private,
                               options=options)


def ingest(sources: list[str] | None, root: Path, settings: Settings | None = None) -> dict[str, int]:
    """Read every source into the raw layer (new items only), streaming in chunks; failures to quarantine."""
    settings = settings or Settings()
    seen = layers.known_ids(root, "raw", "raw_id")
    counts = {"items_read": 0, "raw_new": 0, "raw_seen": 0, "quarantined": 0}
    for chunk in _chunks(_records(sources, root, settings), settings.ingest_chunk):
        good = {r["raw_id"]: r for r in chunk if not r.get("error") and r["raw_id"] not in seen}
        bad = [r for r in chunk if r.get("error")]
        if good:
            # rows go straight to Arrow, in raw_id order (no pandas frame in between)
            layers.write_layer(root, "raw", [good[raw_id] for raw_id in sorted(good)], stable_id(*sorted(good)))
            checkpoint("ingest.after_raw")
        if bad:
            layers.write_layer(root, "quarantine", quarantine_rows(bad, "ingest"),
                               "ingest-" + stable_id(*sorted(b["source_uri"] + b["error"] for b in bad)))
        seen |= set(good)
        counts["items_read"] += len(chunk)
        counts["raw_new"] += len(good)
        counts["raw_seen"] += len(chunk) - len(good) - len(bad)
        counts["quarantined"] += len(bad)
    return counts


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def pending_batches(root: Path, batch_size: int) -> list[Path]:
    """Manifests of raw items not yet cleaned and extracted by this extractor version.

    Batches follow the raw part files, so each batch reads one or two parts, not the whole layer."""
    pairs = ((part, raw_id) for part, ids in layers.pending_raw(root, layers.processed_raw_ids(root)) for raw_id in ids)
    manifests: list[Path] = []
    for chunk in _chunks(pairs, batch_size):
        ids = sorted(raw_id for _, raw_id in chunk)
        parts = list(dict.fromkeys(part for part, _ in chunk))
        manifests.append(layers.write_manifest(root, stable_id(EXTRACTOR_VERSION, *ids), ids, parts))
    return manifests


def process_batch(manifest: Path, root: Path) -> dict[str, int]:
    """Clean and extract one batch. The clean part is written last: it marks the batch done."""
    key, raw_ids, parts = layers.read_manifest(manifest)
    articles, rejected = clean_batch(layers.read_raw(root, raw_ids, parts))
    mentions, quantities, failed = extract_batch(articles.drop_duplicates("article_id"))
    layers.write_layer(root, "event_mentions", mentions, key)
    checkpoint("extract.after_mentions")
    layers.write_layer(root, "event_quantities", quantities, key)
    layers.write_layer(root, "quarantine", pd.concat([rejected, failed], ignore_index=True), key)
    checkpoint("extract.before_articles")
    layers.write_layer(root, "articles", articles, key)
    manifest.unlink(missing_ok=True)
    return {"articles": len(articles), "mentions": len(mentions), "quantities": len(quantities),
            "quarantined": len(rejected) + len(failed)}


def build(root: Path) -> dict[str, int]:
    """Build the DuckDB models and mart Parquet files from the layers (article duplicates derived first)."""
    layers.ensure_layers(root)
    compact.recover(root)  # a merge a crash stopped leaves rows twice until finished: before any read
    fingerprint = build_fingerprint(root, SQL_DIR)
    previous = unchanged_since_last_build(root, fingerprint)
    if previous is not None:
        return previous  # same inputs, same SQL: the published database is already this build
    # Merge small layer parts (DuckDB's memory grows with the file count). Not with batch manifests left: a
    # re-run batch rewrites its parts under their names, doubling rows already merged. The fingerprint
    # recorded is the one after compaction, so the next unchanged run is still recognised (and compacts nothing).
    if not layers.manifests_left(root) and compact.compact(root)["merges"]:
        fingerprint = build_fingerprint(root, SQL_DIR)
    layers.write_article_duplicates(root, duplicates_by_window(layers.article_windows(root)))
    layers.release_free_memory()
    counts = warehouse.build_models(root, SQL_DIR)
    record_build(root, fingerprint, counts)
    return counts
