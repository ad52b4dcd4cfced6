"""Modality and scope of a trigger: realised, negated, hypothetical or agreed/planned; relative clauses and
conjuncts as scopes of their own; events told as the war's background."""

from __future__ import annotations

import re

from transforms.extract.other_senses import TALKS_AGREED_AT

__all__ = ["modality", "relative_clause", "background"]

_NEGATED = re.compile(r"\b(?:not|no|never|n't|too early|refused|denied|rejected|ruled out|failed to|out of the question|cannot|can't"
                      # "Russia's claim that it had captured the village is untrue": the claim called false
                      r"|(?:is|was|are|were) (?:\w+ )?(?:false|untrue|fake|baseless|unfounded))\b", re.I)
_HYPOTHETICAL = re.compile(
    r"\b(?:ready[\"”’']? to|willing to|prepared to|offered to|could|would(?! continue)|might|(?-i:may)(?! \d)|if|proposal|proposed|propose|proposes"
    r"|(?<!became )(?<!made )possible|possibility|hopes? (?:to|for|that)|called for|calls for|urged?|should|requested|requesting|seeks? to|sought to|seeking to|tried to|trying to|attempt(?:ed|ing|s)? to|open to|can lead to|can be|suggest(?:ed|s)?|demands?)\b", re.I)
_AGREED = re.compile(
    r"\b(?:agreed|agreement|will(?! continue)|(?:likely|expected|planned) (?:size|scale|number)|plans? to|planned|to be (?:exchanged|released|returned|swapped|carried out|conducted|completed)|expected to|scheduled|set to|(?:is|are|was|were) due to|is to take place)\b", re.I)


# A relative clause is its own modality scope: in "Saudi Arabia, which hosted talks last week, has
# offered to mediate", the talks happened and only the mediation is an offer.
_RELATIVE = re.compile(r",\s*(?:which|who|whom|where|whose)\b[^,;]*(?:,|$)", re.I)


def relative_clause(sentence: str, at: int) -> tuple[int, int] | None:
    """The span of the relative clause the offset ``at`` falls in, if any."""
    return next(((m.start(), m.end()) for m in _RELATIVE.finditer(sentence) if m.start() <= at < m.end()), None)


# "had been returned from captivity and would be flown to Moscow": a modal after "and" starts a predicate of its own.
# '"They gave themselves up, no shots were fired"': a negated clause with its own subject denies something else.
# "agreed to a new exchange ..., though there was no breakthrough on a ceasefire": a concession that denies something
# denies something else (other concessions stay in scope, as before).
_CONJUNCT = re.compile(r",? and that\b|;\s|, but\b|, while\b|, whereas\b|, (?:even |al)?though\b(?=[^,;.]*\b(?:no|not|never)\b)|\band (?=(?:would|will|could|should|might)\b)"
                       r"|,\s+(?=(?:no|not a) (?:\w+ ){1,2}(?:was|were|had been|has been|have been)\b)", re.I)
# "the mediation that made the return of the servicemen possible": it did happen.
_MADE_POSSIBLE = re.compile(r"\b(?:made|makes|make|became) (?:[\w’'-]+ ){0,6}possible\b|\bas (?:they|it|he|she|we) (?:tried|attempted) to\b"
                            # "a group tried to cross the border but was stopped": the attempt is the raid, and it happened
                            r"|\b(?:tried|attempted|attempting|trying|an attempt) to (?=(?:invade|cross|break through|break into)\b)"
                            r"|\b(?:that|which) (?:could|can)(?:not| not|n't) be (?:independently )?(?:verified|confirmed)\b"
                            # "held talks ..., making no progress towards a ceasefire": the talks were held
                            r"|\b(?:making|made|makes|make) (?:little|no) (?:progress|headway|breakthrough)\b"
                            r"|\bfail(?:ed|ing) to (?:make|achieve) (?:\w+ )?(?:progress|headway|breakthrough)\b"
                            # "no fewer than 1,000 people": a bound on a figure, not a negation
                            r"|\bno (?:fewer|more|less) than\b"
                            # "we hope it will not be the last": a hope for more, not a denial
                            r"|\bnot (?:be )?the last\b", re.I)


def _scope(sentence: str, at: int | None) -> str:
    if at is None:
        return sentence
    clauses = [(m.start(), m.end()) for m in _RELATIVE.finditer(sentence)]
    inside = relative_clause(sentence, at)
    if inside:
        return sentence[inside[0]:inside[1]]
    for a, b in reversed(clauses):
        sentence = sentence[:a] + " " * (b - a) + sentence[b:]
    # "had established control over the town, and that an office would be set up there": each conjunct is its own scope.
    cuts = [0] + [m.start() for m in _CONJUNCT.finditer(sentence)] + [len(sentence)]
    a, b = next(((a, b) for a, b in zip(cuts, cuts[1:]) if a <= at < b), (0, len(sentence)))
    return sentence[:a].replace(sentence[:a], " " * a) + sentence[a:b] + " " * (len(sentence) - b)


# "since Russia launched its invasion", "six months after Russia invaded", "in the 18th century": the
# event is the background of the story, not news.
_BACKGROUND = re.compile(r"\b(?:since|after|before|until)\b[^,;]{0,40}$", re.I)
_PAST = re.compile(r"\bcentury\b|\bin (?:late |early |mid-)?(?:1[89]\d\d|200\d|201[0-3])\b", re.I)
_AGO = re.compile(r"^[^,;]{0,50}\b(?:ago|years? earlier)\b", re.I)


def background(sentence: str, at: int) -> bool:
    """An invasion or capture the sentence mentions as the war's background ("since Russia launched its invasion")."""
    clause = _scope(sentence, at)
    return bool(_BACKGROUND.search(clause[:at] if len(clause) == len(sentence) else clause)
                or _PAST.search(clause) or _AGO.search(sentence[at:]))


# "were returned under the same agreement", "as part of the agreements reached in Istanbul": the agreement is what
# the event carried out, not a plan.
_UNDER_AGREEMENT = re.compile(r"\b(?:under|as part of|in line with|in accordance with|pursuant to) (?:the |a |an |this |that )?"
                              r"(?:same |new |earlier |previous |\w+ )?agreements?\b(?: reached\b)?", re.I)


# "215 people had been returned, among them five commanders who will remain in Turkey": a modal in a relative clause
# on people after the trigger is theirs, not the event's ("a swap that would free everyone" stays hypothetical).
_MODAL_RELATIVE = re.compile(r"\bwho\s+(?:will|would|could|might|may|should|are to|is to)\b[^,;]*", re.I)


# "agreed at their first direct peace talks on Friday to exchange ...": the talks where it was agreed took place.
_AGREED_AT = re.compile(r"\bagreed (?:at|during|in) (?:the |their |its |a |an )?(?:[\w-]+ ){0,4}$", re.I)


def modality(sentence: str, at: int | None = None) -> str:
    """realised unless the clause of the trigger at ``at`` (default: the whole sentence) marks the event
    as negated, hypothetical or agreed/planned."""
    clause = _UNDER_AGREEMENT.sub(" ", _MADE_POSSIBLE.sub(" ", _scope(sentence, at)))
    # "the third stage of the deal agreed at talks in Istanbul": the deal's agreement is its background
    clause = TALKS_AGREED_AT.sub(lambda m: " " * len(m.group()), clause)
    if at is not None:
        clause = clause[:at] + _MODAL_RELATIVE.sub(lambda m: " " * len(m.group()), clause[at:])
    if _HYPOTHETICAL.search(clause):
        return "hypothetical"
    if _NEGATED.search(clause):
        return "negated"
    if _AGREED.search(clause) and not (at is not None and _AGREED_AT.search(sentence[:at])):
        return "agreed"
    return "realised"
