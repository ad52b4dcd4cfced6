"""Run cleaning + extraction over the real news articles in ../shared/corpus and list what comes out.

Prints events per type and modality for each corpus, then every realised prisoner_exchange,
prisoner_release, exchange_agreed, bodies_repatriation and loss_claim with its evidence sentence,
so false positives can be read. The CNN July 2024 set holds the US-Russia swap of 1 August 2024
and the Gershkovich / Whelan / Griner stories: none of them is a Russia-Ukraine POW exchange.
Reads ../shared/corpus only (never copies an article into the project); writes nothing.

    python bench/extract_corpus.py [--corpus DIR] [--workers 2] [--only cnn|gdelt] [--limit N]
                                   [--list TYPE ...] [--quiet]
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from datetime import date
from multiprocessing import Pool
from pathlib import Path

from transforms.clean import strip_boilerplate
from transforms.extract.events import extract_article

__all__ = ["load_cnn", "load_gdelt", "run"]

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news_articles"
LISTED = ("prisoner_exchange", "prisoner_release", "exchange_agreed", "bodies_repatriation", "loss_claim")
_PUBLISHED = re.compile(r"^Published\s*:\s*`(\d{4}-\d{2}-\d{2})", re.M)
_GDELT_NAME = re.compile(r"^(\d{4})(\d{2})(\d{2})T?\d{6}Z?_(\w+?)_(\w+?)_")


def load_cnn(path: Path) -> dict:
    """A CNN markdown file: '# title', a 'Published :`YYYY-MM-DD HH:MM:SS`' line, '---', the body."""
    raw = path.read_text(encoding="utf-8")
    found = _PUBLISHED.search(raw)
    body = raw.split("\n---", 1)[1] if "\n---" in raw else raw
    title = raw.splitlines()[0].lstrip("# ").strip() if raw.startswith("#") else None
    # The title goes first as its own line: the extractor treats a headline as a heading, as in HTML.
    text = f"{title}\n{body}" if title else body
    return {"file": path.name, "corpus": "cnn", "text": text,
            "published": date.fromisoformat(found.group(1)) if found else None, "language": "en"}


def load_gdelt(path: Path) -> dict:
    """A GDELT text file; the date, source country and language are in the name."""
    found = _GDELT_NAME.match(path.name)
    published = date(int(found.group(1)), int(found.group(2)), int(found.group(3))) if found else None
    return {"file": path.name, "corpus": "gdelt", "text": path.read_text(encoding="utf-8", errors="replace"),
            "published": published, "language": found.group(5) if found else "en"}


def _extract(record: dict) -> tuple[dict, list[dict]]:
    article = {"article_id": f"{record['corpus']}:{record['file']}", "source_uri": record["file"],
               "text": strip_boilerplate(record["text"]), "published_date": record["published"],
               "is_english": record["language"] == "en"}
    mentions, _ = extract_article(article)
    keep = ("event_type", "modality", "event_date", "side_a", "side_b", "returned_to_a", "returned_to_b",
            "claimant", "evidence")
    return record, [{k: m.get(k) for k in keep} for m in mentions]


def _records(corpus: Path, only: str | None, limit: int | None) -> list[dict]:
    records = []
    if only in (None, "cnn"):
        records += [load_cnn(p) for p in sorted((corpus / "cnn_2024_mmdrzaco" / "articles").glob("*.md"))[:limit]]
    if only in (None, "gdelt"):
        records += [load_gdelt(p) for p in sorted((corpus / "gdelt_ukraine_war_hellaskella33" / "articles").glob("*.txt"))[:limit]]
    return records


def run(corpus: Path, workers: int, only: str | None = None, limit: int | None = None) -> list[tuple[dict, list[dict]]]:
    records = _records(corpus, only, limit)
    if workers > 1:
        with Pool(workers) as pool:
            return pool.map(_extract, records, chunksize=16)
    return [_extract(r) for r in records]


def _report(results: list[tuple[dict, list[dict]]], listed: tuple[str, ...], quiet: bool) -> None:
    for corpus in ("cnn", "gdelt"):
        rows = [(r, m) for r, ms in results if r["corpus"] == corpus for m in ms]
        articles = [r for r, _ in results if r["corpus"] == corpus]
        if not articles:
            continue
        with_events = sum(1 for r, ms in results if r["corpus"] == corpus and ms)
        print(f"\n=== {corpus}: {len(articles)} articles, {with_events} with events, {len(rows)} mentions")
        by_type = Counter((m["event_type"], m["modality"]) for _, m in rows)
        for kind in sorted({k for k, _ in by_type}):
            cells = ", ".join(f"{mode} {n}" for (k, mode), n in sorted(by_type.items()) if k == kind)
            print(f"  {kind:<20} {sum(n for (k, _), n in by_type.items() if k == kind):>4}  ({cells})")
        for kind in listed:
            realised = [(r, m) for r, m in rows if m["event_type"] == kind and m["modality"] == "realised"]
            print(f"\n--- {corpus}: realised {kind}: {len(realised)}")
            if quiet:
                continue
            for record, m in realised:
                counts = f" returned {m['side_a']}={m['returned_to_a']} {m['side_b']}={m['returned_to_b']}" \
                    if kind != "loss_claim" else ""
                print(f"* {record['file'][:70]} | {m['event_date']} | {m['claimant']}{counts}\n    {m['evidence'][:400]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", choices=("cnn", "gdelt"))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--list", nargs="*", default=list(LISTED), help="event types whose realised mentions are listed")
    parser.add_argument("--quiet", action="store_true", help="figures only, no evidence sentences")
    args = parser.parse_args()
    started = time.perf_counter()
    results = run(args.corpus, args.workers, args.only, args.limit)
    _report(results, tuple(args.list), args.quiet)
    print(f"\n{len(results)} articles in {time.perf_counter() - started:.1f}s with {args.workers} worker(s)")


if __name__ == "__main__":
    main()
