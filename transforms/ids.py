"""Deterministic identifiers: every id is a hash of content, never a counter or the clock."""

from __future__ import annotations

import hashlib

__all__ = ["stable_id", "content_sha256"]


def stable_id(*parts: object, length: int = 16) -> str:
    """Hex digest of the parts joined by a separator that cannot occur in them."""
    text = "\x1f".join("" if part is None else str(part) for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def content_sha256(data: bytes | str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()
