"""Find the charset a page is really in: declared, sniffed, or declared wrongly.

Order: byte-order mark; valid UTF-8 with non-ASCII bytes (a strong signal that beats a wrong
header, the usual misdeclaration being UTF-8 served as ISO-8859-1); the HTTP header; the HTML
<meta> declaration; charset_normalizer's guess for non-Latin scripts; cp1252 otherwise. A label only counts
if the bytes actually decode with it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

__all__ = ["detect_charset"]

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w:.]+)""", re.IGNORECASE)


def _decodes(content: bytes, label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
        content.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None
    return name


def detect_charset(content: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (codec name, how it was found: bom, utf8, declared, meta, sniffed or fallback)."""
    for bom, name in _BOMS:
        if content.startswith(bom):
            return name, "bom"
    if not content.isascii() and _decodes(content, "utf-8"):
        return "utf-8", "utf8"
    found = _decodes(content, declared)
    if found:
        # As browsers do (WHATWG): a latin-1 label means windows-1252, which it extends.
        return ("cp1252" if found == "iso8859-1" and _decodes(content, "cp1252") else found), "declared"
    meta = _META.search(content[:4096])
    found = _decodes(content, meta.group(1).decode("ascii", "ignore")) if meta else None
    if found:
        return found, "meta"
    if content.isascii():
        return "utf-8", "utf8"
    best = charset_normalizer.from_bytes(content).best()
    guess = _decodes(content, best.encoding) if best is not None else None
    # The detector is good at scripts (Cyrillic, Greek, CJK) and poor at telling Latin code pages
    # apart (French cp1252 comes back as cp1257): for Latin text keep cp1252.
    if guess and not _mostly_latin(content.decode(guess)):
        return guess, "sniffed"
    return "cp1252", "fallback"


def _mostly_latin(text: str) -> bool:
    letters = [c for c in text if ord(c) > 127 and c.isalpha()]
    latin = sum(unicodedata.name(c, "").startswith("LATIN") for c in letters)
    return latin * 2 >= len(letters)
