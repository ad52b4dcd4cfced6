"""End-to-end throughput beside bare trafilatura, and peak memory as input grows.

Part 1: the scrapinghub article-extraction-benchmark pages (read from ../shared, decompressed to a
temporary folder, never copied into the project) go through every stage (ingest, clean + extract,
build; plain functions, no Prefect), and the same pages through bare `trafilatura.extract`, in the
same process. Printed: articles per second for both and their ratio (goal: at most 1.25).

Part 2: N synthetic text articles in a JSONL manifest; each size runs in a fresh child process
so its peak RSS is its own. `--memory-stage ingest` (default) ingests only; `full` also cleans,
extracts and builds (slow: about as fast as part 1 per article).

    python bench/throughput.py [--corpus DIR] [--limit N] [--sizes 10000,100000] [--memory-stage ingest|full]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html_extraction" / "scrapinghub_aeb"
_SENTENCE = ("Officials said {n} prisoners were returned on {day} May 2024 after talks mediated by the United "
             "Arab Emirates, and the ministry reported {m} drones destroyed overnight near Kharkiv. ")


def _pages(corpus: Path, limit: int | None, folder: Path) -> list[Path]:
    paths = sorted((corpus / "html").glob("*.html.gz"))[:limit]
    out = []
    for path in paths:
        target = folder / path.name.removesuffix(".gz")
        target.write_bytes(gzip.decompress(path.read_bytes()))
        out.append(target)
    return out


def _run_stages(sources: list[str], root: Path) -> dict:
    from transforms import stages
    from transforms.settings import Settings

    timings = {}
    started = time.perf_counter()
    stages.ingest(sources, root)
    timings["ingest"] = time.perf_counter() - started
    mark = time.perf_counter()
    for manifest in stages.pending_batches(root, Settings().batch_size):
        stages.process_batch(manifest, root)
    timings["clean+extract"] = time.perf_counter() - mark
    mark = time.perf_counter()
    stages.build(root)
    timings["build"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started
    return timings


def throughput(corpus: Path, limit: int | None) -> None:
    import trafilatura

    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        pages = _pages(corpus, limit, Path(tmp))
        started = time.perf_counter()
        for page in pages:
            trafilatura.extract(page.read_bytes())
        bare = time.perf_counter() - started
        timings = _run_stages([str(page) for page in pages], Path(tmp) / "warehouse")
    n = len(pages)
    print(f"pages: {n} ({corpus})")
    print(f"bare trafilatura.extract: {bare:7.2f} s  {n / bare:7.1f} articles/s")
    print(f"sitrep end to end:        {timings['total']:7.2f} s  {n / timings['total']:7.1f} articles/s  "
          f"(ingest {timings['ingest']:.2f} s, clean+extract {timings['clean+extract']:.2f} s, "
          f"build {timings['build']:.2f} s)")
    print(f"ratio end-to-end / bare: {timings['total'] / bare:.2f} (goal <= 1.25)")


def _synthetic(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = f"Exchange report {i}. " + _SENTENCE.format(n=100 + i % 200, day=1 + i % 28, m=i % 50) * 3
            out.write(json.dumps({"text": text, "title": f"Report {i}", "url": f"https://example.org/{i}",
                                  "published": "2024-05-30", "source": "Example"}) + "\n")


def _child(manifest: str, root: str, stage: str) -> None:
    if stage == "full":
        _run_stages([manifest], Path(root))
    else:
        from transforms import stages

        stages.ingest([manifest], Path(root))
    print(json.dumps({"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def memory(sizes: list[int], stage: str) -> None:
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="sitrep-mem-") as tmp:
            manifest = Path(tmp) / "articles.jsonl"
            _synthetic(manifest, n)
            started = time.perf_counter()
            out = subprocess.run([sys.executable, __file__, "--child", str(manifest), str(Path(tmp) / "wh"), stage],
                                 capture_output=True, text=True, check=True)
            peak = json.loads(out.stdout.strip().splitlines()[-1])["peak_rss_mb"]
            print(f"synthetic {n:>7} articles, stage {stage}: peak RSS {peak:6.0f} MB, "
                  f"{time.perf_counter() - started:6.1f} s")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(*sys.argv[2:5])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--memory-stage", choices=["ingest", "full"], default="ingest")
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args()
    if not args.skip_throughput:
        throughput(args.corpus, args.limit)
    if args.sizes:
        memory([int(size) for size in args.sizes.split(",")], args.memory_stage)


if __name__ == "__main__":
    main()
