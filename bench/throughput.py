"""End-to-end throughput beside bare trafilatura, and peak memory as input grows.

Part 1: real pages go through every stage (ingest, clean + extract, build; plain functions, no Prefect),
and the same pages through bare `trafilatura.extract` (defaults, the headline) and with
`with_metadata=True` (cleaning also finds date, title and site), in the same process, interleaved
`--repeat` times; each sitrep run is divided by the bare run beside it and the median and range of
those ratios are printed (the machine is shared: one pair says little). `--pages all` (default): every HTML
input of ../shared/corpus/html_extraction/*/ (scrapinghub_aeb, trafilatura_eval, readability_js,
newspaper4k, goose3; their .json/.txt/expected.html files are expected outputs, not inputs);
`--pages scrapinghub`: the 181 scrapinghub pages only (the earlier rounds' set). Pages are read in
place; only the gzipped scrapinghub ones are decompressed to a temporary folder (never copied into the
project). Printed: articles per second for both, their end-to-end ratio, what every stage after cleaning
adds as a share of sitrep's own cleaning stage (the issue's goal: at most 25 %; both from one run), the
per-page marginal ratio (both sides also run on every other page; the difference between the full and
the half run is the cost of the extra pages without the fixed costs), and where sitrep's time goes.

Part 2: N synthetic articles; each size runs in a fresh child process so its peak RSS is its own.
`--memory-stage ingest` (default) ingests text articles from one JSONL manifest; `full` ingests small
synthetic HTML pages (a JSONL manifest of paths with metadata), cleans, extracts and builds; `build`
re-runs only the build on the warehouses an earlier `full --keep DIR` run left in DIR/<n>. Articles
are dated 100 a day, as a feed grows: a week of news stays the same size however long the history.

    python bench/throughput.py [--pages all|scrapinghub] [--corpus DIR] [--limit N] [--repeat 3]
                               [--no-marginal] [--sizes 10000,100000]
                               [--memory-stage ingest|full|build] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HTML_EXTRACTION = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html_extraction"
DEFAULT_CORPUS = HTML_EXTRACTION / "scrapinghub_aeb"
# HTML inputs of the other html_extraction suites (their expected outputs sit beside them)
OTHER_INPUTS = ("trafilatura_eval/html/*.html", "readability_js/*/source.html", "newspaper4k/html/*.html",
                "goose3/*.html")
_SENTENCE = ("Officials said {n} prisoners were returned on {day} May 2024 after talks mediated by the United "
             "Arab Emirates, and the ministry reported {m} drones destroyed overnight near Kharkiv. ")


def _pages(corpus: Path, limit: int | None, folder: Path, which: str = "all") -> list[Path]:
    """The scrapinghub pages (decompressed into folder) and, with which="all", the other suites' HTML
    inputs read in place; limit applies to the whole list."""
    out = []
    for path in sorted((corpus / "html").glob("*.html.gz")):
        target = folder / path.name.removesuffix(".gz")
        target.write_bytes(gzip.decompress(path.read_bytes()))
        out.append(target)
    if which == "all":
        for pattern in OTHER_INPUTS:
            out.extend(sorted(corpus.parent.glob(pattern)))
    if not out:  # a bench with no pages would time nothing (and the re-run bench, given no sources, the samples)
        raise SystemExit(f"no pages under {corpus} (pass --corpus .../html_extraction/scrapinghub_aeb)")
    return out[:limit]


def _timed(owner: object, name: str, spent: dict, label: str) -> object:
    """Replace owner.name by a wrapper adding its wall time to spent[label] (bench only)."""
    real = getattr(owner, name)

    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - started

    setattr(owner, name, wrapper)
    return real


def _peak_mb() -> float:
    """Peak RSS of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_stages(sources: list[str], root: Path, spent: dict | None = None) -> dict:
    from transforms import clean, stages
    from transforms.settings import Settings

    spent = {} if spent is None else spent
    originals = [(clean, "_from_html"), (clean, "_language"), (stages, "clean_batch"), (stages, "extract_batch")]
    saved = [_timed(owner, name, spent, f"{owner.__name__}.{name}") for owner, name in originals]
    try:
        started, cpu = time.perf_counter(), time.process_time()
        stages.ingest(sources, root)
        spent["ingest"], spent["peak_mb_ingest"] = time.perf_counter() - started, _peak_mb()
        mark = time.perf_counter()
        for manifest in stages.pending_batches(root, Settings().batch_size):
            stages.process_batch(manifest, root)
        spent["batches"], spent["peak_mb_batches"] = time.perf_counter() - mark, _peak_mb()
        mark = time.perf_counter()
        stages.build(root)
        spent["build"], spent["peak_mb_build"] = time.perf_counter() - mark, _peak_mb()
        spent["total"], spent["cpu"] = time.perf_counter() - started, time.process_time() - cpu
    finally:
        for (owner, name), real in zip(originals, saved):
            setattr(owner, name, real)
    return spent


def _bare(pages: list[Path], with_metadata: bool = False) -> tuple[float, float]:
    import trafilatura

    started, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        trafilatura.extract(page.read_bytes(), with_metadata=with_metadata)
    return time.perf_counter() - started, time.process_time() - cpu


def _spread(values: list[float]) -> str:
    """Median and range: the machine is shared, so one pair of runs says little."""
    return f"{statistics.median(values):.2f} (range {min(values):.2f}-{max(values):.2f})"


def throughput(corpus: Path, limit: int | None, repeat: int, which: str = "all", marginal: bool = True) -> None:
    bare, meta, runs, half_bare, half_runs = [], [], [], [], []
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        pages = _pages(corpus, limit, Path(tmp), which)
        half = pages[::2]  # every other page: the same mix of suites as the full set
        # Warm-up, not counted: one-off loads (py3langid model, dateparser locales, trafilatura's own)
        # would otherwise land on the first repetition only.
        _bare(pages[:10], with_metadata=True)
        _run_stages([str(page) for page in pages[:10]], Path(tmp) / "warm-up")
        for attempt in range(repeat):  # interleaved, so load changes hit every side alike
            bare.append(_bare(pages))
            runs.append(_run_stages([str(page) for page in pages], Path(tmp) / f"warehouse{attempt}"))
            meta.append(_bare(pages, with_metadata=True))
            if marginal:
                half_bare.append(_bare(half))
                half_runs.append(_run_stages([str(page) for page in half], Path(tmp) / f"half{attempt}"))
    n = len(pages)
    ratios = [run["total"] / b[0] for run, b in zip(runs, bare)]  # each sitrep run against its neighbour
    # The measure: what everything after cleaning (trafilatura, language, decoding: sitrep's own
    # cleaning stage) adds to it, both timed inside the same run, so load shifts between runs cancel out.
    beyond = [(r["total"] - r["transforms.stages.clean_batch"]) / r["transforms.stages.clean_batch"] for r in runs]
    meta_ratios = [run["total"] / m[0] for run, m in zip(runs, meta)]
    cpu_ratios = [run["cpu"] / b[1] for run, b in zip(runs, bare)]
    mid = sorted(range(repeat), key=lambda i: ratios[i])[(repeat - 1) // 2]  # the run with the median ratio
    run, wall, meta_wall = runs[mid], bare[mid][0], meta[mid][0]
    clean_all = run.get("transforms.stages.clean_batch", 0.0)
    trafilatura_s = run.get("transforms.clean._from_html", 0.0)
    language_s = run.get("transforms.clean._language", 0.0)
    extract_s = run.get("transforms.stages.extract_batch", 0.0)
    parts = [("cleaning: trafilatura (one parse, text, metadata)", trafilatura_s),
             ("language id", language_s),
             ("rest of clean (decode, boilerplate, ids, frame)", clean_all - trafilatura_s - language_s),
             ("event extraction", extract_s),
             ("layers: read raw, write parts, manifests", run["batches"] - clean_all - extract_s),
             ("ingest", run["ingest"]), ("build", run["build"])]
    print(f"pages: {n} ({corpus.parent if which == 'all' else corpus}, {which}); {repeat} interleaved repetitions "
          "(bare, sitrep, bare with metadata); ratios are each sitrep run over the bare run beside it")
    print(f"bare trafilatura.extract:         median {statistics.median(b[0] for b in bare):7.2f} s  "
          f"{n / statistics.median(b[0] for b in bare):7.1f} articles/s")
    print(f"bare extract, with_metadata=True: median {statistics.median(m[0] for m in meta):7.2f} s  "
          f"{n / statistics.median(m[0] for m in meta):7.1f} articles/s")
    print(f"sitrep end to end:                median {statistics.median(r['total'] for r in runs):7.2f} s  "
          f"{n / statistics.median(r['total'] for r in runs):7.1f} articles/s")
    print(f"ratio end-to-end / bare (goal <= 1.25): {_spread(ratios)}; cpu {_spread(cpu_ratios)}")
    print(f"ratio end-to-end / bare with metadata:  {_spread(meta_ratios)}")
    print(f"added beyond cleaning, as a share of sitrep's cleaning (goal <= 0.25): {_spread(beyond)}")
    print("ratio without build (a fixed cost per run): "
          + _spread([(r["total"] - r["build"]) / b[0] for r, b in zip(runs, bare)]))
    if marginal:
        extra = n - len(half)
        margins = [(r["total"] - h["total"]) / (b[0] - hb[0]) for r, h, b, hb in zip(runs, half_runs, bare, half_bare)]
        print(f"per-page marginal ({len(half)} -> {n} pages), sitrep / bare: {_spread(margins)}; median ms/page: "
              f"sitrep {1000 * statistics.median(r['total'] - h['total'] for r, h in zip(runs, half_runs)) / extra:.1f}, "
              f"bare {1000 * statistics.median(b[0] - hb[0] for b, hb in zip(bare, half_bare)) / extra:.1f}")
    print("every run, wall s (after a warm-up on 10 pages): bare "
          + ", ".join(f"{b[0]:.2f}" for b in bare) + "; with metadata " + ", ".join(f"{m[0]:.2f}" for m in meta)
          + "; sitrep " + ", ".join(f"{r['total']:.2f}" for r in runs))
    print(f"breakdown of the median run (repetition {mid + 1}):")
    print(f"{'sitrep part':52} {'s':>7} {'ms/page':>8} {'x bare':>7}")
    for label, seconds in parts:
        print(f"{label:52} {seconds:7.2f} {1000 * seconds / n:8.1f} {seconds / wall:7.2f}")
    print(f"{'bare trafilatura.extract':52} {wall:7.2f} {1000 * wall / n:8.1f} {1.0:7.2f}")
    print(f"{'bare trafilatura.extract, with_metadata=True':52} {meta_wall:7.2f} {1000 * meta_wall / n:8.1f} "
          f"{meta_wall / wall:7.2f}")


_FILLER = [
    "Residents described the night as the loudest in weeks, and several schools moved lessons online.",
    "Local officials said repair crews had restored power to most districts by the afternoon.",
    "The regional governor urged people to stay in shelters until the all-clear was given.",
    "Analysts said the talks could resume next month if both sides agreed on the lists.",
    "Families of the missing gathered outside the ministry, holding photographs of their relatives.",
]


def _published(i: int) -> str:
    """100 articles a day from 2022-02-24: a longer input is a longer history, not a busier week."""
    return (date(2022, 2, 24) + timedelta(days=i // 100)).isoformat()


def _text(i: int) -> str:
    filler = " ".join(_FILLER[(i + k) % len(_FILLER)] for k in range(1 + i % 3))
    return (f"Exchange report {i}. " + _SENTENCE.format(n=100 + i % 200, day=1 + i % 28, m=i % 50) + filler
            + " " + _SENTENCE.format(n=7 + i % 90, day=1 + (i * 7) % 28, m=i % 31))


def _synthetic(path: Path, n: int, html: bool = False) -> None:
    """n articles in one JSONL manifest: inline text, or (html) paths to small HTML pages beside it."""
    pages = path.parent / "pages"
    pages.mkdir(exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            meta = {"url": f"https://example.org/news/{i}", "published": _published(i), "source": "Example"}
            if html:
                paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in _text(i).split(". "))
                (pages / f"{i}.html").write_text(
                    f"<html><head><title>Report {i} | Example</title></head><body><nav><a href='/'>Home</a>"
                    f"<a href='/world'>World</a></nav><article><h1>Report {i}</h1>{paragraphs}</article>"
                    "<footer><p>Subscribe to our newsletter.</p><p>(c) Example News</p></footer></body></html>",
                    encoding="utf-8")
                out.write(json.dumps({"path": f"pages/{i}.html", **meta}) + "\n")
            else:
                out.write(json.dumps({"text": _text(i), "title": f"Report {i}", **meta}) + "\n")


def _child(manifest: str, root: str, stage: str) -> None:
    if stage == "full":
        spent = _run_stages([manifest], Path(root))
        print(json.dumps({k: round(v) for k, v in spent.items() if k.startswith(("ingest", "batches", "build", "peak"))}))
    elif stage == "build":  # the build alone on a kept warehouse, forced (the unchanged-input skip removed)
        from transforms import stages

        (Path(root) / "state" / "last_build.json").unlink(missing_ok=True)
        started = time.perf_counter()
        stages.build(Path(root))
        print(json.dumps({"build": round(time.perf_counter() - started)}))
    else:
        from transforms import stages

        stages.ingest([manifest], Path(root))
    print(json.dumps({"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def memory(sizes: list[int], stage: str, keep: Path | None = None) -> None:
    """Peak RSS per size, then the slope between successive sizes (MB per 10,000 articles): flat input
    handling shows as a slope near zero once the batch working set is reached. keep: leave each size's
    warehouse in keep/<n> (to re-run its build alone), instead of a temporary folder."""
    peaks: list[tuple[int, float]] = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="sitrep-mem-") as tmp:
            folder = keep / str(n) if keep else Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            manifest = folder / "articles.jsonl"
            if stage == "build" and not (folder / "wh").is_dir():
                raise SystemExit("--memory-stage build needs a kept warehouse: run --memory-stage full --keep first")
            if stage != "build":
                _synthetic(manifest, n, html=stage == "full")
            started = time.perf_counter()
            out = subprocess.run([sys.executable, __file__, "--child", str(manifest), str(folder / "wh"), stage],
                                 capture_output=True, text=True, check=True)
            lines = out.stdout.strip().splitlines()
            peak = json.loads(lines[-1])["peak_rss_mb"]
            peaks.append((n, peak))
            print(f"synthetic {n:>7} articles, stage {stage}: peak RSS {peak:6.0f} MB, "
                  f"{time.perf_counter() - started:6.1f} s" + (f"  {lines[-2]}" if stage != "ingest" else ""),
                  flush=True)
    for (n0, p0), (n1, p1) in zip(peaks, peaks[1:]):
        print(f"slope {n0:>7} -> {n1:>7} articles: {10_000 * (p1 - p0) / (n1 - n0):+7.1f} MB per 10,000 articles")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(*sys.argv[2:5])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", choices=["all", "scrapinghub"], default="all",
                        help="all html_extraction inputs (default) or the 181 scrapinghub pages only")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the scrapinghub_aeb folder")
    parser.add_argument("--no-marginal", action="store_true", help="skip the half-size runs")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--memory-stage", choices=["ingest", "full", "build"], default="ingest",
                        help="build: only the build, on the warehouses kept by an earlier --keep run")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--keep", type=Path, default=None, help="memory runs: keep each size's warehouse in KEEP/<n>")
    args = parser.parse_args()
    if not args.skip_throughput:
        throughput(args.corpus, args.limit, args.repeat, args.pages, not args.no_marginal)
    if args.sizes:
        memory([int(size) for size in args.sizes.split(",")], args.memory_stage, args.keep)


if __name__ == "__main__":
    main()
