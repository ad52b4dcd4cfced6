"""The run report: what one run fetched, cleaned, quarantined and found, as text and markdown.

The CLI prints the text; the flow attaches the markdown to the flow run as an artifact. Both come
from the same `collect` result, so they always agree.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from transforms.io.warehouse import query
from transforms.summary import SUMMARY_QUERIES, format_summary

__all__ = ["exchange_ids", "collect", "render_text", "render_markdown"]

_EXCHANGES = """
    select event_id, event_date, side_a, side_b, returned_to_a, returned_to_b,
           array_to_string(mediators, ',') as mediators, num_articles
    from prisoner_exchanges order by event_date, event_id"""


def exchange_ids(root: Path) -> set[str]:
    """Exchanges already in the warehouse (empty before the first build)."""
    db = root / "sitrep.duckdb"
    if not db.exists():
        return set()
    present = query(db, "select count(*) as n from information_schema.tables where table_name = 'prisoner_exchanges'")
    if not present["n"].iloc[0]:
        return set()
    return set(query(db, "select event_id from prisoner_exchanges")["event_id"])


def collect(root: Path, stage_counts: dict[str, dict[str, int]], known_exchanges: set[str]) -> dict:
    """Stage counts plus the summary tables; `new exchanges` are those not in `known_exchanges`."""
    db = root / "sitrep.duckdb"
    tables = {title: query(db, sql) for title, sql in SUMMARY_QUERIES.items()}
    exchanges = query(db, _EXCHANGES)
    new = exchanges[~exchanges["event_id"].isin(known_exchanges)].drop(columns="event_id")
    tables["new exchanges"] = new.reset_index(drop=True)
    return {"counts": stage_counts, "tables": tables}


def render_text(report: dict) -> str:
    return format_summary(report["counts"], report["tables"])


def _headline(counts: dict[str, dict[str, int]]) -> list[str]:
    ingest, extract = counts.get("ingest", {}), counts.get("extract", {})
    return [
        "| measure | count |", "|---|---:|",
        f"| items read | {ingest.get('items_read', 0)} |",
        f"| articles fetched (new raw items) | {ingest.get('raw_new', 0)} |",
        f"| articles cleaned | {extract.get('articles', 0)} |",
        f"| quarantined | {ingest.get('quarantined', 0) + extract.get('quarantined', 0)} |",
        f"| extraction batches | {extract.get('batches', 0)} |",
    ]


def _markdown_table(frame: pd.DataFrame) -> list[str]:
    if frame.empty:
        return ["(none)"]
    cells = frame.astype(object).where(frame.notna(), "")
    lines = ["| " + " | ".join(map(str, frame.columns)) + " |", "|" + "---|" * len(frame.columns)]
    lines += ["| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |" for row in cells.itertuples(index=False)]
    return lines


def render_markdown(report: dict) -> str:
    lines = ["# sitrep run", "", *_headline(report["counts"])]
    for title, frame in report["tables"].items():
        lines += ["", f"## {title}", "", *_markdown_table(frame)]
    return "\n".join(lines) + "\n"
