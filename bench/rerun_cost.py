"""Cost of an unchanged re-run against the first run (goal: at most 5 %).

The same input is run twice into one warehouse, by default every HTML input of
../shared/corpus/html_extraction/*/ (273 pages, as bench/throughput.py; the gzipped scrapinghub pages are
decompressed to a temporary folder, the others read in place); `--pages scrapinghub` for the 181-page
set; `--synthetic N` for N small synthetic HTML pages listed in a JSONL manifest (bench/throughput.py):

1. plain stage functions (no Prefect): ingest, pending batches, process, build;
2. `sitrep run` as cron would run it (a fresh interpreter each time), wall clock: the first run, the
   unchanged re-run (which stops before Prefect when nothing would change, flows/cli.py), and the
   unchanged re-run with `--no-skip` (temporary Prefect server, the flow and its subflows: what the
   re-run cost before the skip, and close to what a served deployment's scheduled run pays);
3. with `--in-process`: the `sitrep-run` flow called twice in one interpreter whose server is
   already up (Prefect's cost once start-up is paid).

    python bench/rerun_cost.py [--pages all|scrapinghub] [--synthetic N] [--limit N] [--skip-cli] [--in-process]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_CORPUS, _pages, _run_stages, _synthetic  # noqa: E402

# argv: warehouse, sources...; prints the two runs' wall-clock seconds.
_FLOW_TWICE = ("import sys, time\n"
               "from flows.server import temporary_api\n"
               "with temporary_api() as ready:\n"
               "    from flows import pipeline\n"
               "    ready()\n"
               "    for _ in range(2):\n"
               "        started = time.perf_counter()\n"
               "        pipeline.sitrep_run(sys.argv[2:], sys.argv[1])\n"
               "        print(time.perf_counter() - started, flush=True)\n")


def _wall(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - started


def _line(label: str, first: float, second: float) -> str:
    return f"{label:<40} first {first:7.2f} s   re-run {second:6.2f} s   re-run/first {second / first:6.1%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", choices=["all", "scrapinghub"], default="all")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the scrapinghub_aeb folder")
    parser.add_argument("--synthetic", type=int, default=0, metavar="N", help="N synthetic HTML pages instead")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--in-process", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitrep-rerun-") as tmp:
        if args.synthetic:
            manifest = Path(tmp) / "articles.jsonl"
            _synthetic(manifest, args.synthetic, html=True)
            sources, what = [str(manifest)], f"{args.synthetic} synthetic HTML pages"
        else:
            pages = _pages(args.corpus, args.limit, Path(tmp), args.pages)
            sources, what = [str(page) for page in pages], f"{len(pages)} real pages ({args.pages})"
        print(f"input: {what}", flush=True)
        first, second = (_run_stages(sources, Path(tmp) / "stages") for _ in range(2))
        print(_line("stages (no Prefect)", first["total"], second["total"]))
        print(f"  re-run parts: ingest {second['ingest']:.2f} s, batches {second['batches']:.2f} s, "
              f"build {second['build']:.2f} s", flush=True)
        if not args.skip_cli:
            cli = [sys.executable, "-m", "flows.cli", "run", *sources, "--warehouse", str(Path(tmp) / "cli")]
            first_cli, second_cli, forced = _wall(cli), _wall(cli), _wall([*cli, "--no-skip"])
            print(_line("sitrep run (CLI)", first_cli, second_cli))
            print(_line("sitrep run --no-skip (CLI, Prefect)", first_cli, forced), flush=True)
        if args.in_process:
            twice = subprocess.run([sys.executable, "-c", _FLOW_TWICE, str(Path(tmp) / "flow"), *sources],
                                   check=True, capture_output=True, text=True).stdout.split()
            print(_line("sitrep-run flow (server up)", float(twice[0]), float(twice[1])))


if __name__ == "__main__":
    main()
