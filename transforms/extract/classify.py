"""Which event kinds a sentence states, and in what modality."""

from __future__ import annotations

import re

__all__ = ["event_types", "modality", "OFF_TOPIC"]

_PEOPLE = (r"(?:prisoners?(?: of war)?|POWs?|troops|soldiers|servicemen|servicemembers|service members|military personnel"
           r"|personnel|defenders|fighters|marines|captives|combatants|people|civilians|Russians|Ukrainians|men|women)")
_EXCLUDE_EXCHANGE = re.compile(
    r"exchange rates?|stock exchange|foreign exchange|currency|exchange of (?:fire|gunfire|views|blows|letters|information|experience)"
    r"|exchanged (?:fire|gunfire|views|blows)|in exchange for (?:money|cash|aid|weapons|sanctions|concessions)", re.I)

_TRIGGERS: dict[str, re.Pattern] = {
    "prisoner_exchange": re.compile(
        rf"\b(?:prisoner|POW|captive)s?[- ](?:exchange|swap)|\bswap(?:ped|s|ping)?\b.*{_PEOPLE}|{_PEOPLE}.*\bswap(?:ped)?\b"
        rf"|\bexchange(?:d)?\b.*{_PEOPLE}|{_PEOPLE}.*\bin exchange for\b|\bexchange took place\b"
        r"|formula\W+\d+ (?:to|for) \d+|\b\d+[- ]for[- ]\d+\b|handed over\b.*\breceived\b", re.I),
    "prisoner_release": re.compile(
        rf"\b(?:released|freed|set free|returned home|brought (?:back )?home|been returned|were returned|was returned"
        rf"|(?:came|come|coming) home|return(?:ed)? from (?:\w+ )?captivity|(?:the )?return of \d[\d,]* .*captivity|repatriated)\b", re.I),
    "exchange_agreed": re.compile(
        r"\bagree(?:d|ment)? (?:on|to) (?:an? |the )?(?:prisoner |POW )?(?:exchange|swap)|"
        r"\b(?:exchange|swap) (?:deal|agreement)\b", re.I),
    "bodies_repatriation": re.compile(
        r"\b(?:bodies|remains) of (?:\w+ ){0,3}(?:soldiers|servicemen|troops|fallen|defenders|people)\b.*\b(?:repatriat|return|handed|transferred|exchang)"
        r"|\b(?:repatriat\w+|return\w*|handed over|transferred|received)\b.*\b(?:bodies|remains)\b", re.I),
    "capture": re.compile(
        r"\btaken? (?:\w+ ){0,6}(?:captive|prisoner)|\btook (?:\w+ ){0,6}(?:captive|prisoner)|\bcaptured\b", re.I),
    "surrender": re.compile(
        r"\bsurrender(?:ed|ing|s)?\b|\blaying down (?:their )?arms\b|\blaid down (?:their )?arms\b|\bgave themselves up\b", re.I),
    "air_strike": re.compile(
        r"\b(?:drone|missile|air|aerial|airstrike|air strike)s? (?:attack|strike|raid)s?\b.*\b(?:hit|struck|launched|killed|targeted|carried out)\b"
        r"|\b(?:launched|carried out|conducted)\b.*\b(?:drone|missile|air) (?:attack|strike)", re.I),
    "shelling": re.compile(r"\b(?:shelled|shelling|artillery fire|bombarded|bombardment)\b", re.I),
    "incursion": re.compile(
        r"\b(?:launched|began|started|mounted)\b.*\b(?:incursion|invasion|attack on (?:\w+ )*territory|cross-border (?:attack|raid))\b"
        r"|\b(?:crossed the border|invaded|pushed into|advanced into)\b", re.I),
    "attack": re.compile(
        r"\b(?:attacked|stormed|assaulted|ambushed)\b|\b(?:launched|carried out|mounted|repelled)\b (?:\w+ ){0,4}(?:attacks?|assaults?|offensive)\b", re.I),
    "loss_claim": re.compile(
        r"\b(?:ha(?:s|ve|d) lost|lost (?:up to |more than |over |about |at least )?[\d,]+|losses|casualties|were killed|killed (?:more than |up to |over |about |at least )?[\d,]+|destroyed|eliminated|shot down|downed|intercepted)\b", re.I),
    "mediation": re.compile(r"\bmediat(?:ion|ed|e|or|ors|ing)\b|\bbrokered\b|\bwith the (?:assistance|help|participation) of\b|\bfacilitated\b", re.I),
    "negotiation": re.compile(r"\bnegotiat(?:ion|ions|ing|ed|e)\b|\b(?:peace )?talks (?:between|with|in)\b|\bcontacts between\b", re.I),
}

# Articles about these are not about armed conflict, whatever words they share with it.
OFF_TOPIC = re.compile(
    r"\b(?:exchange rate|stock exchange|transfer window|football|basketball|Premier League|NBA|NFL|Olympic"
    r"|wrongfully detained|journalist Evan Gershkovich|Paul Whelan|Brittney Griner)\b", re.I)

_EXCHANGE_HAPPENED = re.compile(
    r"\bswap|\bexchanged\b|took place|handed over|\breceived\b|\breturned\b|\breleased\b|\bfreed\b|carried out"
    r"|\bconducted\b|\bheld\b|\bcompleted\b|\bexchange for\b|\d|\b(?:will|to) (?:exchange|swap)\b|\bagreed\b", re.I)
_NEGATED = re.compile(r"\b(?:not|no|never|n't|too early|refused|denied|rejected|ruled out|failed to)\b", re.I)
_HYPOTHETICAL = re.compile(
    r"\b(?:ready to|willing to|prepared to|offered to|could|would|might|may(?! \d)|if|proposal|proposed|propose|proposes"
    r"|(?<!became )(?<!made )possible|possibility|hopes? (?:to|for|that)|called for|calls for|urged?|should|requested|requesting|seeks? to)\b", re.I)
_AGREED = re.compile(
    r"\b(?:agreed|agreement|will|plans? to|planned|to be (?:exchanged|released|returned|swapped)|expected to|scheduled|set to|is due to)\b", re.I)


def event_types(sentence: str) -> list[str]:
    """Event kinds the sentence states, by trigger; exchange-of-fire and currency senses excluded."""
    found = [kind for kind, pattern in _TRIGGERS.items() if pattern.search(sentence)]
    if _EXCLUDE_EXCHANGE.search(sentence):
        found = [k for k in found if k not in ("prisoner_exchange", "exchange_agreed")]
    if "prisoner_exchange" in found and not _EXCHANGE_HAPPENED.search(sentence):
        # "contacts on the issue of prisoner exchange continue": the exchange is a topic, not an event.
        found.remove("prisoner_exchange")
    if re.search(r"\bwithout (?:an? )?exchange\b", sentence, re.I):
        found = [k for k in found if k != "prisoner_exchange"]
    if "prisoner_exchange" in found or "prisoner_release" in found or "bodies_repatriation" in found:
        # "troops captured by Ukraine ... have been freed": captured describes the people freed.
        found = [k for k in found if k != "capture"]
    if "bodies_repatriation" in found:
        found = [k for k in found if k not in ("prisoner_exchange", "prisoner_release")]
    if "incursion" in found or "air_strike" in found or "shelling" in found:
        found = [k for k in found if k != "attack"]
    return found


def modality(sentence: str) -> str:
    """realised unless the sentence marks the event as negated, hypothetical or agreed/planned."""
    if _HYPOTHETICAL.search(sentence):
        return "hypothetical"
    if _NEGATED.search(sentence):
        return "negated"
    if _AGREED.search(sentence):
        return "agreed"
    return "realised"
