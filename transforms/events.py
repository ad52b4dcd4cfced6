"""Clean articles to event mention and quantity frames, one batch at a time."""

from __future__ import annotations

import pandas as pd

from transforms.frames import records
from transforms.extract.events import extract_article
from transforms.ids import stable_id
from transforms.schemas import MENTIONS, QUANTITIES, QUARANTINE
from transforms.settings import EXTRACTOR_VERSION

__all__ = ["extract_batch"]


def extract_batch(articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return (mentions, quantities, quarantine) for a batch of clean articles."""
    mentions, quantities, rejected = [], [], []
    for article in records(articles):
        try:
            found, numbers = extract_article(article)
        except Exception as exc:  # noqa: BLE001 - one article's failure is quarantined, the batch goes on
            rejected.append({"quarantine_id": stable_id(article["source_uri"], "extract", "extract_error"),
                             "source_uri": article["source_uri"], "stage": "extract", "reason": "extract_error",
                             "detail": f"{type(exc).__name__}: {exc}"[:500], "raw_id": article["raw_id"]})
            continue
        mentions += found
        quantities += numbers
    mention_frame = pd.DataFrame(mentions).reindex(columns=MENTIONS.names)
    quantity_frame = pd.DataFrame(quantities).reindex(columns=QUANTITIES.names)
    mention_frame["_extractor_version"] = EXTRACTOR_VERSION
    quantity_frame["_extractor_version"] = EXTRACTOR_VERSION
    return (mention_frame.sort_values("mention_id", ignore_index=True),
            quantity_frame.sort_values("quantity_id", ignore_index=True),
            pd.DataFrame(rejected, columns=QUARANTINE.names))
