"""The end-of-run summary printed by the CLI (and, later, attached to the flow run)."""

from __future__ import annotations

import pandas as pd

__all__ = ["SUMMARY_QUERIES", "format_summary"]

SUMMARY_QUERIES = {
    "tables": """
        select 'articles' as table_name, count(*) as rows from articles
        union all select 'event_mentions', count(*) from event_mentions
        union all select 'events', count(*) from events
        union all select 'prisoner_exchanges', count(*) from prisoner_exchanges
        union all select 'loss_claims', count(*) from loss_claims
        union all select 'quarantine', count(*) from quarantine""",
    "events by type": """
        select event_type, modality, count(*) as events from events group by all order by events desc, event_type""",
    "prisoner exchanges": """
        select event_date, time_precision, side_a, side_b, returned_to_a, returned_to_b,
               array_to_string(mediators, ',') as mediators, num_articles
        from prisoner_exchanges order by event_date""",
    "quarantine": "select stage, reason, count(*) as items from quarantine group by all order by items desc",
}


def format_summary(stage_counts: dict[str, dict[str, int]], results: dict[str, pd.DataFrame]) -> str:
    lines = []
    for stage, counts in stage_counts.items():
        lines.append(f"{stage}: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    for title, frame in results.items():
        lines.append("")
        lines.append(f"== {title} ==")
        lines.append(frame.to_string(index=False) if len(frame) else "(none)")
    return "\n".join(lines)
