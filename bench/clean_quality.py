"""Score trafilatura settings against the article-extraction-benchmark ground truth.

Token-level precision / recall / F1 of the kept text against `articleBody`, macro-averaged
over pages (and micro over all tokens), for several settings; then what leaks (kept lines that
are not in the expected body), grouped by kind. Reads ../shared/corpus only; writes nothing.

    python bench/clean_quality.py [--corpus DIR] [--limit N] [--workers N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

import trafilatura

from transforms.clean import _decode, _from_html, strip_boilerplate

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html_extraction" / "scrapinghub_aeb"
_BASE = {"include_comments": False, "deduplicate": False}
# name -> (trafilatura.extract keyword arguments, apply clean.strip_boilerplate afterwards)
CONFIGS: dict[str, tuple[dict, bool]] = {
    "trafilatura_defaults": ({}, False),
    "sitrep": ({}, True),  # transforms.clean as the pipeline runs it (precision + tables, then strip_boilerplate)
    "sitrep_old_no_tables": ({**_BASE, "include_tables": False}, True),
    "default_no_tables": ({**_BASE, "include_tables": False}, False),
    "default_tables": ({**_BASE, "include_tables": True}, False),
    "precision": ({**_BASE, "include_tables": False, "favor_precision": True}, False),
    "precision_tables": ({**_BASE, "include_tables": True, "favor_precision": True}, False),
    "precision_strip": ({**_BASE, "include_tables": False, "favor_precision": True}, True),
    "recall": ({**_BASE, "include_tables": False, "favor_recall": True}, False),
    "recall_tables": ({**_BASE, "include_tables": True, "favor_recall": True}, False),
    "precision_tables_fast": ({**_BASE, "include_tables": True, "favor_precision": True, "fast": True}, False),
    "default_tables_fast": ({**_BASE, "include_tables": True, "fast": True}, False),
}
_LEAK_KINDS = [
    ("related", re.compile(r"\b(related|read more|more from|recommended|you may also|most (popular|read)|trending|see also|more stories|also read)\b", re.I)),
    ("caption", re.compile(r"\b(photo|image|picture|getty|credit|pictured|illustration|file photo|video)\b", re.I)),
    ("social", re.compile(r"\b(share|follow|subscribe|newsletter|sign up|facebook|twitter|email|comments?)\b", re.I)),
    ("byline_date", re.compile(r"^(by\b|updated|published|posted)|\b(20\d\d|19\d\d)\b", re.I)),
    ("ads_legal", re.compile(r"\b(advertis\w*|sponsored|cookie|privacy|copyright|all rights reserved)\b", re.I)),
]


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def score(predicted: str, expected: str) -> tuple[int, int, int]:
    """(overlapping tokens, predicted tokens, expected tokens), multiset overlap."""
    got, want = Counter(tokens(predicted)), Counter(tokens(expected))
    return sum((got & want).values()), sum(got.values()), sum(want.values())


def leaks(predicted: str, expected: str) -> Counter:
    """Tokens of kept lines that are mostly not in the expected body, by kind of line."""
    want = set(tokens(expected))
    found: Counter = Counter()
    for line in predicted.splitlines():
        words = tokens(line)
        if len(words) < 2 or sum(w in want for w in words) / len(words) >= 0.5:
            continue
        kind = next((name for name, pattern in _LEAK_KINDS if pattern.search(line)), "other")
        found[kind] += len(words)
    return found


def _page(args: tuple[Path, str, str]) -> dict:
    path, url, expected = args
    html = gzip.decompress(path.read_bytes())
    out = {}
    for name, (kwargs, strip) in CONFIGS.items():
        started = time.perf_counter()
        if name == "sitrep":  # the pipeline's own path: decode, one parse, size checks, text and metadata
            text = _from_html(_decode(html, "text/html"), url)[0].get("text") or ""
        else:
            text = trafilatura.extract(html, url=url, **kwargs) or ""
        if strip:
            text = strip_boilerplate(text)
        out[name] = {"score": score(text, expected), "leaks": leaks(text, expected),
                     "seconds": time.perf_counter() - started}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    truth = json.loads((args.corpus / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [(args.corpus / "html" / f"{key}.html.gz", value.get("url"), value["articleBody"])
             for key, value in sorted(truth.items())][: args.limit]
    with Pool(args.workers) as pool:
        results = pool.map(_page, pages)
    print(f"{len(pages)} pages from {args.corpus}")
    print(f"{'setting':22} {'P':>6} {'R':>6} {'F1':>6} {'microF1':>8} {'empty':>6} {'ms/page':>8}")
    for name in CONFIGS:
        precisions, recalls, f1s, totals, empty, seconds = [], [], [], [0, 0, 0], 0, 0.0
        for page in results:
            overlap, got, want = page[name]["score"]
            totals = [totals[0] + overlap, totals[1] + got, totals[2] + want]
            empty += got == 0
            p = overlap / got if got else 0.0
            r = overlap / want if want else 0.0
            precisions.append(p), recalls.append(r), f1s.append(2 * p * r / (p + r) if p + r else 0.0)
            seconds += page[name]["seconds"]
        mp, mr = totals[0] / max(totals[1], 1), totals[0] / max(totals[2], 1)
        micro = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
        n = len(results)
        print(f"{name:22} {sum(precisions)/n:6.3f} {sum(recalls)/n:6.3f} {sum(f1s)/n:6.3f} {micro:8.3f} "
              f"{empty:6d} {1000*seconds/n:8.0f}")
    print("\nleaked tokens (kept lines mostly absent from the expected body), by kind of line:")
    kinds = [name for name, _ in _LEAK_KINDS] + ["other"]
    print(f"{'setting':22} " + " ".join(f"{k:>11}" for k in kinds) + f" {'total':>8}")
    for name in CONFIGS:
        total = sum((page[name]["leaks"] for page in results), Counter())
        print(f"{name:22} " + " ".join(f"{total[k]:11d}" for k in kinds) + f" {sum(total.values()):8d}")


if __name__ == "__main__":
    main()
