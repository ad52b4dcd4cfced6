"""The `sitrep` command line: each command runs a flow or reads the warehouse."""

from __future__ import annotations

import argparse
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
        command.add_argument("--warehouse", default=None, help="warehouse folder (default ./warehouse)")
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


def _warehouse(value: str | None) -> Path:
    from transforms.settings import Settings

    return Path(value) if value else Settings().warehouse


def _summary(root: Path, stage_counts: dict) -> str:
    from transforms.io.warehouse import query
    from transforms.summary import SUMMARY_QUERIES, format_summary

    db = root / "sitrep.duckdb"
    return format_summary(stage_counts, {title: query(db, sql) for title, sql in SUMMARY_QUERIES.items()})


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
    from flows import pipeline

    root.mkdir(parents=True, exist_ok=True)
    if args.command == "run":
        counts = pipeline.sitrep_run(args.sources or None, str(root))
        print(_summary(root, counts))
    elif args.command == "ingest":
        print(pipeline.ingest_flow(args.sources or None, str(root)))
    elif args.command == "extract":
        print(pipeline.extract_flow(str(root)))
    elif args.command == "build":
        print(pipeline.build_flow(str(root)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
