"""Numbers in digits and words, with their qualifiers ("more than 5,550", "up to 1,500", "dozens")."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Number", "find_numbers"]

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
# Vague plurals: a floor, never an exact count.
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000}
_QUALIFIERS = [
    ("more_than", r"more than|(?<!handed )(?<!handing )(?<!hand )(?<!turned )over|in excess of|upwards of|above"),
    ("at_least", r"at least|no fewer than|no less than|a minimum of"),
    ("about", r"about|around|approximately|roughly|some|nearly|almost|close to|an estimated|estimated"),
    ("up_to", r"up to|as many as|no more than|fewer than|less than"),
]
_QUALIFIER_RE = re.compile(
    r"(?:" + "|".join(f"(?P<{name}>\\b(?:{words}))" for name, words in _QUALIFIERS) + r")\s+$", re.IGNORECASE
)
_WORD = "|".join(sorted(list(_UNITS) + list(_SCALES) + ["a", "and"], key=len, reverse=True))
_NUMBER_RE = re.compile(
    r"(?P<digits>\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\b)(?:\s*(?P<scale>thousand|million)\b)?"
    r"|(?P<vague>\b(?:dozens|scores|hundreds|thousands)\b)"
    # longest words first and a word boundary after: "Ninety-five" is not "Nine", "fourteen" not "four"
    r"|(?P<words>\b(?:" + "|".join(sorted(list(_UNITS), key=len, reverse=True) + ["a hundred", "a thousand"]) + r")\b"
    r"(?:[\s-]+(?:" + _WORD + r")\b)*)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Number:
    value: int
    qualifier: str
    text: str
    start: int  # offset of the number (qualifier excluded) within the searched string
    end: int


def _words_value(words: str) -> int | None:
    total, current = 0, 0
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t != "and"]
    if tokens and tokens[0] == "a":
        tokens[0] = "one"
    for token in tokens:
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _SCALES:
            scale = _SCALES[token]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        else:
            return None
    value = total + current
    return value or None


def _trim_words(match: re.Match) -> tuple[str, int]:
    """Drop a trailing 'a'/'and' that the greedy word pattern swallowed."""
    text = match.group("words")
    trimmed = re.sub(r"(?:[\s-]+(?:a|and))+$", "", text, flags=re.IGNORECASE)
    return trimmed, match.start() + len(trimmed)


def find_numbers(text: str) -> list[Number]:
    numbers: list[Number] = []
    for match in _NUMBER_RE.finditer(text):
        qualifier = "exact"
        end = match.end()
        if match.group("digits"):
            if re.fullmatch(r"(1[89]|20)\d\d", match.group("digits")):
                continue  # a year, not a count
            value_f = float(match.group("digits").replace(",", ""))
            if match.group("scale"):
                value_f *= _SCALES[match.group("scale").lower()]
            value = int(value_f)
        elif match.group("vague"):
            value, qualifier = _VAGUE[match.group("vague").lower()], "at_least"
        else:
            words, end = _trim_words(match)
            value = _words_value(words)
            if value is None:
                continue
        prefix = _QUALIFIER_RE.search(text[: match.start()])
        if prefix:
            qualifier = next(name for name, _ in _QUALIFIERS if prefix.group(name))
        numbers.append(Number(value, qualifier, text[match.start():end], match.start(), end))
    return numbers
