"""The `sitrep` command line: each command runs a flow or reads the warehouse."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitrep", description="Conflict news to an event warehouse.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, doc in [("run", "ingest, extract and build (default sources: the bundled samples)"),
                      ("ingest", "read sources into the raw layer"),
                      ("extract", "clean and extract pending raw items"),
                      ("build", "build the DuckDB models and marts")]:
        command = sub.add_parser(name, help=doc)
        if name in ("run", "ingest"):
            command.add_argument("sources", nargs="*", help="files, folders, globs (default: bundled samples)")
        command.add_argument("--warehouse", default=None,
                             help="warehouse folder or s3://bucket/prefix (default $SITREP_WAREHOUSE or ./warehouse)")
        command.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                             help="if another run holds the warehouse, wait this long before giving up")
        if name == "run":
            _scale_options(command)
            command.add_argument("--no-skip", action="store_true",
                                 help="run the Prefect flow even when nothing changed (by default an unchanged "
                                 "re-run prints the summary without starting Prefect)")
    serve = sub.add_parser("serve", help="register the scheduled deployment(s) and serve them (Prefect)")
    serve.add_argument("sources", nargs="*", help="files, folders, globs, URLs or a sources TOML (schedule hints)")
    serve.add_argument("--warehouse", default=None)
    serve.add_argument("--cron", default=None, help="cron schedule for sources without a hint (default: every 6 hours)")
    serve.add_argument("--name", default="sitrep", help="deployment name (sitrep-run/NAME)")
    _scale_options(serve)
    query = sub.add_parser("query", help="read-only ad-hoc SQL")
    query.add_argument("sql")
    query.add_argument("--warehouse", default=None)
    query.add_argument("--format", choices=["table", "csv", "json"], default="table")
    evaluate = sub.add_parser("eval", help="score extraction in the warehouse against a gold file")
    evaluate.add_argument("gold")
    evaluate.add_argument("--warehouse", default=None)
    export = sub.add_parser("export", help="analyst handoff folder")
    export.add_argument("dir")
    export.add_argument("--warehouse", default=None)
    export.add_argument("--csv", action="store_true", help="also write a CSV per table")
    return parser


def _scale_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--dask", nargs="?", const="local", default=os.environ.get("SITREP_DASK") or None,
                         metavar="ADDRESS", help="spread extraction batches over Dask: a local cluster, "
                         "or the scheduler at ADDRESS (env SITREP_DASK)")
    command.add_argument("--per-host", type=int, default=None, metavar="N",
                         help="concurrent requests per remote host (env SITREP_PER_HOST_CONCURRENCY)")


def _show_progress() -> None:
    from flows.pipeline import PROGRESS

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("sitrep: %(message)s"))
    PROGRESS.addHandler(handler)
    PROGRESS.setLevel(logging.INFO)
    PROGRESS.propagate = False


def _warehouse(value: str | None):
    """A folder (Path) or an object-store URI such as s3://bucket/prefix (transforms/io/storage.py)."""
    from transforms.io.storage import warehouse_path
    from transforms.settings import Settings

    return warehouse_path(value) if value else Settings().warehouse


def _print_frame(frame, fmt: str) -> None:
    if fmt == "csv":
        frame.to_csv(sys.stdout, index=False)
    elif fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", date_format="iso", force_ascii=False) + "\n")
    else:
        print(frame.to_string(index=False) if len(frame) else "(no rows)")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = _warehouse(args.warehouse)
    if args.command == "query":
        from transforms.io.warehouse import query

        _print_frame(query(root / "sitrep.duckdb", args.sql), args.format)
        return 0
    if args.command == "eval":
        from transforms.evaluate import format_report, load_gold, score
        from transforms.io.warehouse import query

        db = root / "sitrep.duckdb"
        tables = {name: query(db, f"select * from {name}") for name in ("articles", "event_mentions", "event_quantities")}
        print(format_report(score(load_gold(Path(args.gold)), tables["articles"], tables["event_mentions"],
                                  tables["event_quantities"])))
        return 0
    if args.command == "export":
        from transforms.io.export import export

        written = export(root, Path(args.dir), with_csv=args.csv)
        print(f"exported {len(written)} files to {args.dir}")
        return 0
    if getattr(args, "per_host", None):
        os.environ["SITREP_PER_HOST_CONCURRENCY"] = str(args.per_host)
    if args.command == "serve":
        from flows.server import temporary_api

        with temporary_api(heartbeats=True) as api_ready:
            from flows.serve import serve

            api_ready()
            serve(args.sources, warehouse=root, cron=args.cron, name=args.name, dask=args.dask)
        return 0
    from transforms.io.lock import WarehouseBusy, warehouse_lock

    try:
        # Fail fast, before Prefect starts, when another run holds the warehouse; the flows take
        # the lock themselves for the run. Under the lock, a run that would change nothing stops here.
        with warehouse_lock(root, wait=args.wait):
            if args.command == "run" and not args.no_skip:
                summary = _unchanged_summary(args, root)
                if summary is not None:
                    print(summary)
                    return 0
        return _run_stage(args, root)
    except WarehouseBusy as busy:
        print(f"sitrep: {busy}", file=sys.stderr)
        return BUSY_EXIT


BUSY_EXIT = 75  # EX_TEMPFAIL: try again later


def _unchanged_summary(args: argparse.Namespace, root: Path) -> str | None:
    """The run summary when the run would change nothing (checked reading only, no Prefect), else None.

    Starting the temporary Prefect server and registering the flow runs costs seconds whatever the
    input; a scheduled re-run on unchanged sources would spend nearly all its time there."""
    from transforms.io.fingerprint import unchanged_run
    from transforms.settings import SQL_DIR

    counts = unchanged_run(args.sources or None, root, SQL_DIR)
    if counts is None:
        return None
    from transforms import run_report

    print(f"sitrep: nothing changed since the last run ({counts['ingest']['items_read']} items already "
          "ingested and extracted, build up to date); Prefect not started", file=sys.stderr)
    return run_report.render_text(run_report.collect(root, counts, run_report.exchange_ids(root)))


def _run_stage(args: argparse.Namespace, root: Path) -> int:
    from flows.server import temporary_api

    with temporary_api() as api_ready:  # a temporary Prefect server that dies with this process
        from flows import pipeline  # imports Prefect while the server starts

        api_ready()
        return _run_flow(pipeline, args, root)


def _run_flow(pipeline, args: argparse.Namespace, root: Path) -> int:
    _show_progress()
    if args.command == "run":
        # the CLI made the unchanged-run check already unless --no-skip: the flow need not repeat it (~0.3 s)
        result = pipeline.sitrep_run(args.sources or None, str(root), lock_wait=args.wait, dask=args.dask,
                                     check_unchanged=args.no_skip)
        print(result["summary"])
    elif args.command == "ingest":
        print(pipeline.ingest_flow(args.sources or None, str(root), lock_wait=args.wait))
    elif args.command == "extract":
        print(pipeline.extract_flow(str(root), lock_wait=args.wait))
    elif args.command == "build":
        print(pipeline.build_flow(str(root), lock_wait=args.wait))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
