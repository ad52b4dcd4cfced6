"""Small frame helpers shared by the stage transforms."""

from __future__ import annotations

import pandas as pd

__all__ = ["records"]


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts with every missing value as None (pandas 3 strings use NaN for missing)."""
    return [{key: _plain(value) for key, value in row.items()} for row in frame.to_dict("records")]


def _plain(value: object) -> object:
    """None for missing; Python lists for the arrays DuckDB and pyarrow return for list columns."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
    return None if _missing(value) else value


def _missing(value: object) -> bool:
    try:
        return value is pd.NA or value is pd.NaT or bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and arrays are values, not missing
        return False
