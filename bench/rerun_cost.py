"""Cost of an unchanged re-run against the first run (goal: at most 5 %).

The same pages (the scrapinghub benchmark from ../shared, decompressed to a temporary folder) are
run twice into one warehouse:

1. plain stage functions (no Prefect): ingest, pending batches, process, build;
2. `sitrep run` as a user runs it (Prefect with its temporary local server), wall clock.
   The server start-up is a fixed cost per command, so it is also measured on its own (a
   no-op flow in a fresh interpreter, started the way the CLI starts it: flows/server.py, the
   server starting while the pipeline imports) and reported subtracted, beside the raw figures;
3. the `sitrep-run` flow called twice in one interpreter whose server is already up: what a
   re-run costs with Prefect once start-up is paid (as in a long-lived process).

    python bench/rerun_cost.py [--corpus DIR] [--limit N] [--skip-cli]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_CORPUS, _pages, _run_stages  # noqa: E402

_NOOP_FLOW = ("from flows.server import temporary_api\n"
              "with temporary_api() as ready:\n"
              "    import flows.pipeline\n"
              "    from prefect import flow\n"
              "    ready()\n"
              "    flow(name='noop')(lambda: 1)()\n")
# argv: sources glob, warehouse; prints the two runs' wall-clock seconds.
_FLOW_TWICE = ("import sys, time\n"
               "from flows.server import temporary_api\n"
               "with temporary_api() as ready:\n"
               "    from flows import pipeline\n"
               "    ready()\n"
               "    for _ in range(2):\n"
               "        started = time.perf_counter()\n"
               "        pipeline.sitrep_run([sys.argv[1]], sys.argv[2])\n"
               "        print(time.perf_counter() - started, flush=True)\n")


def _wall(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - started


def _line(label: str, first: float, second: float, fixed: float = 0.0) -> str:
    text = f"{label:<34} first {first:7.2f} s   re-run {second:6.2f} s   re-run/first {second / first:6.1%}"
    if fixed:
        a, b = first - fixed, second - fixed
        text += f"\n{'  minus Prefect start-up ' + f'({fixed:.1f} s)':<34} first {a:7.2f} s   re-run {b:6.2f} s   re-run/first {b / a:6.1%}"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--skip-cli", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitrep-rerun-") as tmp:
        pages = _pages(args.corpus, args.limit, Path(tmp))
        print(f"pages: {len(pages)}")
        root = Path(tmp) / "stages"
        first, second = (_run_stages([tmp + "/*.html"], root) for _ in range(2))
        print(_line("stages (no Prefect)", first["total"], second["total"]))
        batches = second.get("batches", second.get("clean+extract", 0.0))  # bench/throughput.py's key, old or new
        print(f"  re-run parts: ingest {second['ingest']:.2f} s, batches {batches:.2f} s, "
              f"build {second['build']:.2f} s")
        if args.skip_cli:
            return
        cli = [sys.executable, "-m", "flows.cli", "run", tmp + "/*.html", "--warehouse", str(Path(tmp) / "cli")]
        first_cli, second_cli = _wall(cli), _wall(cli)
        fixed = min(_wall([sys.executable, "-c", _NOOP_FLOW]) for _ in range(2))
        print(_line("sitrep run (CLI, Prefect)", first_cli, second_cli, fixed))
        twice = subprocess.run([sys.executable, "-c", _FLOW_TWICE, tmp + "/*.html", str(Path(tmp) / "flow")],
                               check=True, capture_output=True, text=True).stdout.split()
        print(_line("sitrep-run flow (server up)", float(twice[0]), float(twice[1])))


if __name__ == "__main__":
    main()
