"""Sentence splitting that keeps character offsets into the clean text."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences", "is_heading"]

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no", "vs", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g",
    "i.e", "approx", "est", "gov", "rep", "sen", "adm", "prof", "inc", "corp", "ltd",
}
# A boundary: terminal punctuation, optional closing quotes or brackets, whitespace, then a capital,
# an opening quote or a digit.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


# "At around 3:00 a.m. Moscow time, the ministry said ...": a clock time goes on into its time zone
_CLOCK_GOES_ON = re.compile(r"\b[ap]\.m\.$", re.I)
_TIME_ZONE = re.compile(r"(?:[A-Z][a-z]+ time|GMT|UTC|ET|EST|EDT|CET|CEST|EET|EEST|BST|MSK)\b")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


def _is_abbreviation(chunk: str) -> bool:
    words = chunk.rstrip("\"'”’)]").split()
    if not words:
        return False
    last = words[-1].rstrip(".").lower()
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def split_sentences(text: str) -> list[Sentence]:
    """Split on line breaks and sentence ends; each sentence's offsets index into ``text``."""
    sentences: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        cursor = start
        for boundary in _BOUNDARY.finditer(line.group()):
            cut = line.start() + boundary.start()
            if _is_abbreviation(text[cursor:cut]) or _CLOCK_GOES_ON.search(text[cursor:cut]) and _TIME_ZONE.match(
                    line.group(), boundary.end()):
                continue
            sentences.append(_make(text, cursor, cut))
            cursor = line.start() + boundary.end()
        sentences.append(_make(text, cursor, line.end()))
    return [s for s in sentences if s.text]


def _make(text: str, start: int, end: int) -> Sentence:
    chunk = text[start:end]
    stripped = chunk.strip()
    lead = len(chunk) - len(chunk.lstrip())
    begin = start + lead
    return Sentence(stripped, begin, begin + len(stripped))


def is_heading(sentence: Sentence, text: str) -> bool:
    """A headline or subheading: a line that is one short sentence without closing punctuation."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    if line != sentence.text or len(line.split()) > 25:
        return False
    return not re.search(r"[.!?][\"'”’)\]]*$", line)
