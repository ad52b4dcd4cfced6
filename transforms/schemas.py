"""The one contract per dataset: pyarrow schemas with a description on every column.

These schemas are used to write Parquet, to validate frames at each stage boundary and
to generate the data dictionary. Column descriptions travel inside the Parquet files.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from transforms.settings import SCHEMA_VERSION

__all__ = ["SCHEMAS", "RAW", "ARTICLES", "MENTIONS", "QUANTITIES", "QUARANTINE", "to_table", "check_not_null", "data_dictionary"]


def _f(name: str, type_: pa.DataType, doc: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"description": doc})


def _schema(doc: str, *fields: pa.Field) -> pa.Schema:
    return pa.schema(list(fields), metadata={"description": doc, "schema_version": SCHEMA_VERSION})


RAW = _schema(
    "One row per fetched or read input item, bytes as received. Append-only.",
    _f("raw_id", pa.string(), "sha256 of source_uri and content bytes", nullable=False),
    _f("source_uri", pa.string(), "file path or URL the item came from", nullable=False),
    _f("source_kind", pa.string(), "file_html, file_text, manifest, url, feed_item, warc_record", nullable=False),
    _f("content_type", pa.string(), "declared or inferred media type"),
    _f("content", pa.binary(), "bytes as received"),
    _f("meta_json", pa.string(), "sidecar or manifest metadata as JSON (url, title, published, source, language)"),
    _f("fetched_at", pa.timestamp("us", tz="UTC"), "when the bytes were read (UTC)"),
)

ARTICLES = _schema(
    "One row per distinct article after cleaning.",
    _f("article_id", pa.string(), "hash of the canonical URL, or of the text for local files", nullable=False),
    _f("raw_id", pa.string(), "raw item this article was cleaned from", nullable=False),
    _f("url", pa.string(), "canonical URL when known"),
    _f("source", pa.string(), "outlet name (sidecar, site name or host)"),
    _f("site", pa.string(), "host name of the URL"),
    _f("title", pa.string(), "article title"),
    _f("published_date", pa.date32(), "publication date; relative dates resolve against it"),
    _f("language", pa.string(), "ISO 639-1 code, declared or detected"),
    _f("is_english", pa.bool_(), "whether English extraction rules were applied"),
    _f("text", pa.string(), "main text after boilerplate removal; evidence offsets index into it", nullable=False),
    _f("text_sha256", pa.string(), "sha256 of text, for exact-duplicate detection", nullable=False),
    _f("char_count", pa.int64(), "length of text in characters", nullable=False),
    _f("source_uri", pa.string(), "file path or URL the article came from", nullable=False),
    _f("fetched_at", pa.timestamp("us", tz="UTC"), "when the raw bytes were read (UTC)"),
    _f("_extractor_version", pa.string(), "sitrep extractor version that produced the row", nullable=False),
)

MENTIONS = _schema(
    "One row per event per article, with the evidence sentence and its character offsets.",
    _f("mention_id", pa.string(), "hash of article_id, evidence offset and event type", nullable=False),
    _f("article_id", pa.string(), "article the mention is in", nullable=False),
    _f("event_type", pa.string(), "sitrep event type (CONTRACT.md)", nullable=False),
    _f("modality", pa.string(), "realised, agreed, hypothetical, negated or historical", nullable=False),
    _f("event_date", pa.date32(), "resolved event date; NULL when unresolved"),
    _f("time_precision", pa.int32(), "ACLED time precision: 1 day, 2 week, 3 month; NULL when unresolved"),
    _f("date_basis", pa.string(), "how event_date was found: stated, relative, publication_date, unresolved"),
    _f("date_text", pa.string(), "the date expression in the text, if any"),
    _f("side_a", pa.string(), "first party (ISO 3166 alpha-3 or org code), alphabetical for two-sided events"),
    _f("side_b", pa.string(), "second party"),
    _f("actor1_sector", pa.string(), "sector of side_a where stated (military, government, civilian)"),
    _f("returned_to_a", pa.int64(), "people side_a received back (exchanges)"),
    _f("returned_to_b", pa.int64(), "people side_b received back (exchanges)"),
    _f("mediators", pa.list_(pa.string()), "mediator codes (ISO3, ICRC, UN, VAT)"),
    _f("claimant", pa.string(), "who states it, e.g. Russian Defence Ministry"),
    _f("claimant_iso3", pa.string(), "country of the claimant"),
    _f("claimants", pa.list_(pa.string()), "every claimant of the sentences behind the mention"),
    _f("period_start", pa.date32(), "loss claims: start of the period the figure covers"),
    _f("place_name", pa.string(), "place as named in the text"),
    _f("country_iso3", pa.string(), "country of the place"),
    _f("admin1", pa.string(), "first-level administrative unit of the place"),
    _f("latitude", pa.float64(), "WGS84 latitude of the place"),
    _f("longitude", pa.float64(), "WGS84 longitude of the place"),
    _f("geo_precision", pa.int32(), "ACLED geo precision: 1 town, 2 near a town or part of region, 3 region"),
    _f("evidence", pa.string(), "the sentence that states the event", nullable=False),
    _f("evidence_start", pa.int64(), "character offset of evidence in articles.text", nullable=False),
    _f("evidence_end", pa.int64(), "end offset (exclusive) of evidence in articles.text", nullable=False),
    _f("acled_event_type", pa.string(), "ACLED event_type crosswalk"),
    _f("acled_sub_event_type", pa.string(), "ACLED sub_event_type crosswalk"),
    _f("cameo_code", pa.string(), "CAMEO event code crosswalk"),
    _f("plover_event", pa.string(), "PLOVER event crosswalk"),
    _f("plover_mode", pa.string(), "PLOVER mode crosswalk"),
    _f("_extractor_version", pa.string(), "sitrep extractor version", nullable=False),
)

QUANTITIES = _schema(
    "One row per number stated for an event: whose, what item, value and qualifier.",
    _f("quantity_id", pa.string(), "hash of mention_id and the number's offset", nullable=False),
    _f("mention_id", pa.string(), "mention the number belongs to", nullable=False),
    _f("article_id", pa.string(), "article the number is in", nullable=False),
    _f("role", pa.string(), "returned_to, lost, captured, surrendered, released; killed, injured (attack casualties)", nullable=False),
    _f("side_iso3", pa.string(), "whose people or equipment the number counts"),
    _f("item", pa.string(), "personnel, civilians, bodies, tanks, apc_ifv, artillery, aircraft, ...", nullable=False),
    _f("value", pa.int64(), "the number", nullable=False),
    _f("qualifier", pa.string(), "exact, more_than, at_least, about, up_to", nullable=False),
    _f("value_text", pa.string(), "the number as written", nullable=False),
    _f("count_basis", pa.string(), "stated (a figure for that side), each (same figure for both sides), part (an addition)"),
    _f("claimant", pa.string(), "who states the number"),
    _f("claimant_iso3", pa.string(), "country of the claimant"),
    _f("evidence", pa.string(), "sentence containing the number", nullable=False),
    _f("char_start", pa.int64(), "offset of the number in articles.text", nullable=False),
    _f("_extractor_version", pa.string(), "sitrep extractor version", nullable=False),
)

QUARANTINE = _schema(
    "One row per rejected input, with the stage that rejected it and why.",
    _f("quarantine_id", pa.string(), "hash of source_uri, stage and reason", nullable=False),
    _f("source_uri", pa.string(), "file path or URL of the rejected input", nullable=False),
    _f("stage", pa.string(), "ingest, clean or extract", nullable=False),
    _f("reason", pa.string(), "short machine-readable reason, e.g. empty_text, binary_content", nullable=False),
    _f("detail", pa.string(), "human-readable detail"),
    _f("raw_id", pa.string(), "raw item, when one was written"),
)

SCHEMAS: dict[str, pa.Schema] = {
    "raw": RAW,
    "articles": ARTICLES,
    "event_mentions": MENTIONS,
    "event_quantities": QUANTITIES,
    "quarantine": QUARANTINE,
}


def to_table(frame: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    """Validate a frame against a schema: exact column set, types cast, non-nullable columns filled."""
    missing = set(schema.names) - set(frame.columns)
    extra = set(frame.columns) - set(schema.names)
    if missing or extra:
        raise ValueError(f"frame does not match schema: missing={sorted(missing)} extra={sorted(extra)}")
    return check_not_null(pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False), schema)


def check_not_null(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """The table, if no column the schema declares not null holds a null."""
    for field in schema:
        if not field.nullable and table.column(field.name).null_count:
            raise ValueError(f"column {field.name} has nulls but is declared not null")
    return table


def data_dictionary() -> pd.DataFrame:
    """One row per column of every dataset, from the schemas themselves."""
    rows = [
        {
            "table": table,
            "column": field.name,
            "type": str(field.type),
            "nullable": field.nullable,
            "description": field.metadata[b"description"].decode(),
        }
        for table, schema in SCHEMAS.items()
        for field in schema
    ]
    return pd.DataFrame(rows)
