"""The data dictionary, generated from schemas: never written by hand twice.

Layer descriptions live in the pyarrow schemas (transforms/schemas.py) and mart descriptions in
the mart YAMLs; the build stores both in each Parquet file's schema, so the dictionary of any
set of Parquet files is a pure function of their schemas.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

__all__ = ["data_dictionary", "dictionary_markdown"]

COLUMNS = ["table", "column", "type", "nullable", "description"]


def _text(metadata: dict | None, key: bytes) -> str:
    return (metadata or {}).get(key, b"").decode()


def data_dictionary(schemas: dict[str, pa.Schema]) -> pd.DataFrame:
    """One row per column of every table, in table order then column order."""
    rows = [
        {"table": table, "column": field.name, "type": str(field.type), "nullable": field.nullable,
         "description": _text(field.metadata, b"description")}
        for table, schema in schemas.items()
        for field in schema
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def dictionary_markdown(schemas: dict[str, pa.Schema]) -> str:
    """The dictionary as Markdown: a heading, the grain and a column table per table."""
    lines = ["# Data dictionary", ""]
    for table, schema in schemas.items():
        lines += [f"## {table}", "", _text(schema.metadata, b"description") or "(no description)", "",
                  "| column | type | description |", "|---|---|---|"]
        lines += [f"| {field.name} | {field.type} | {_text(field.metadata, b'description').replace('|', '/')} |"
                  for field in schema]
        lines.append("")
    return "\n".join(lines)
