"""Raw records to clean article rows, one batch at a time; bad items become quarantine rows."""

from __future__ import annotations

import pandas as pd

from transforms.frames import records
from transforms.clean import clean_record
from transforms.ids import stable_id
from transforms.schemas import ARTICLES, QUARANTINE

__all__ = ["clean_batch", "quarantine_rows"]


def quarantine_rows(failures: list[dict], stage: str) -> pd.DataFrame:
    """Failed raw reads ({source_uri, error, detail}) as quarantine rows."""
    rows = [{"quarantine_id": stable_id(f["source_uri"], stage, f["error"]), "source_uri": f["source_uri"],
             "stage": stage, "reason": f["error"], "detail": f.get("detail"), "raw_id": f.get("raw_id")}
            for f in failures]
    return pd.DataFrame(rows, columns=QUARANTINE.names)


def clean_batch(raw: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Clean every raw row; return (articles, quarantine). One article failing never stops the batch."""
    articles, rejected = [], []
    for record in records(raw):
        try:
            article, problem = clean_record(record)
        except Exception as exc:  # noqa: BLE001 - any failure of one item is that item's quarantine reason
            article, problem = None, {"quarantine_id": stable_id(record["source_uri"], "clean", "clean_error"),
                                      "source_uri": record["source_uri"], "stage": "clean", "reason": "clean_error",
                                      "detail": f"{type(exc).__name__}: {exc}"[:500], "raw_id": record["raw_id"]}
        if article:
            articles.append(article)
        if problem:
            rejected.append(problem)
    frame = pd.DataFrame(articles, columns=ARTICLES.names)
    # Two inputs of one article (same URL or same text) both stay: each row marks its raw item done,
    # and staging keeps one row per article_id.
    frame = frame.sort_values(["article_id", "raw_id"]).reset_index(drop=True)
    return frame, pd.DataFrame(rejected, columns=QUARANTINE.names)
