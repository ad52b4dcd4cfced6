"""A cheap whole-text test run before sentence analysis: most articles never name Ukraine, and
`context.about_ukraine` then rejects them only after every sentence has been analysed (issue 6 throughput).

It is exact in one direction: it returns False only if no sentence can count as naming Ukraine.
`about_ukraine` needs at least one sentence whose actors (`find_actors`) or places (`find_places`)
include UKR; each such match is a match of one UKR row of actors.csv or places.csv inside the
sentence, and a sentence is a substring of the text bordered by whitespace, closing punctuation or
the text's ends, so the same row also matches the whole text (the rows' only context tests are the
``(?<![\\w-])`` / ``(?![\\w-])`` guards, which such borders pass; tests check the rows keep to that).
"""

from __future__ import annotations

import re
from functools import lru_cache

from transforms.extract.lexicon import _load, keywords

__all__ = ["may_name_ukraine"]


@lru_cache(maxsize=1)
def _ukraine() -> tuple[re.Pattern | None, re.Pattern]:
    """A keyword gate and one regex for every actor and place row coded UKR.

    The regex is the rows' alternation inside the lexicon's guards: it matches somewhere exactly when
    one row does (the engine backtracks into the other alternatives). The gate holds the plain strings
    one of which every match of a row contains (`lexicon.keywords`, as the lexicon's own scan uses);
    a literal alternation is much cheaper to search than the rows, and most texts fail it."""
    rows = [row["pattern"] for row in _load("actors.csv") if row["code"] == "UKR"]
    rows += [row["pattern"] for row in _load("places.csv") if row["country_iso3"] == "UKR"]
    found = [keywords(pattern) for pattern in rows]
    words = sorted({w for ws in found for w in ws or ()}, key=len, reverse=True)
    # A keyword containing another is redundant for the gate ("Kyiv " holds "Kyiv").
    words = [w for w in words if not any(other != w and other in w for other in words)]
    gate = None if None in found else re.compile("|".join(map(re.escape, words)))
    return gate, re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{p})" for p in rows) + r")(?![\w-])")


def may_name_ukraine(text: str) -> bool:
    """False only when no UKR actor or place row matches anywhere in ``text``."""
    gate, rows = _ukraine()
    return (gate is None or gate.search(text) is not None) and rows.search(text) is not None
