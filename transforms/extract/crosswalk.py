"""Crosswalk from sitrep event types to ACLED, CAMEO and PLOVER codes.

ACLED's "Agreement" sub-event type covers prisoner exchanges and releases, ceasefires,
negotiations and surrenders; loss claims are statements, not events, so ACLED has no code.
An ``attack`` covers ground assaults, air and drone strikes, missile strikes and shelling (ACLED
actor1 attacks actor2); which one it is comes from the evidence sentence (``attack_kind``) and
sets the ACLED sub-event type, the CAMEO code and the PLOVER mode.
"""

from __future__ import annotations

import re

__all__ = ["CROSSWALK", "ATTACK_KINDS", "EVENT_TYPES", "MODALITIES", "attack_kind", "crosswalk"]

# event_type: (acled_event_type, acled_sub_event_type, cameo_code, plover_event, plover_mode)
CROSSWALK: dict[str, tuple[str | None, str | None, str, str | None, str | None]] = {
    "prisoner_exchange": ("Strategic developments", "Agreement", "0841", "RETREAT", "release"),
    "prisoner_release": ("Strategic developments", "Agreement", "0841", "RETREAT", "release"),
    "exchange_agreed": ("Strategic developments", "Agreement", "057", "AGREE", "settle"),
    "bodies_repatriation": ("Strategic developments", "Agreement", "0842", "RETREAT", "return"),
    "capture": ("Strategic developments", "Other", "173", "COERCE", "seize"),
    "surrender": ("Strategic developments", "Agreement", "0874", "RETREAT", "disarm"),
    "attack": ("Battles", "Armed clash", "190", "ASSAULT", "firearms"),
    "incursion": ("Battles", "Armed clash", "192", "ASSAULT", "occupy"),
    "loss_claim": (None, None, "010", None, None),
    "mediation": ("Strategic developments", "Agreement", "045", "CONSULT", "third-party"),
    "negotiation": ("Strategic developments", "Agreement", "046", "CONSULT", "negotiate"),
}
# The kinds of attack: ACLED sub-event type, CAMEO code, PLOVER mode.
ATTACK_KINDS: dict[str, tuple[str, str, str, str]] = {
    "air": ("Explosions/Remote violence", "Air/drone strike", "195", "aerial"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack", "194", "explosives"),
    "clash": ("Battles", "Armed clash", "190", "firearms"),
}
_AIR = re.compile(r"\b(?:drones?|UAVs?|unmanned|Shahed\w*|air ?strikes?|airstrikes?|air raids?|aerial|aircraft|warplanes?"
                  r"|jets?|glide bombs?|guided bombs?|bombers?)\b", re.I)
_SHELLING = re.compile(r"\b(?:shell(?:ed|ing|s)?|artillery|mortars?|missiles?|rockets?|MLRS|multiple rocket launchers?"
                       r"|Grad|HIMARS|bombard\w*|ballistic|cruise)\b", re.I)
EVENT_TYPES = tuple(CROSSWALK)
MODALITIES = ("realised", "agreed", "hypothetical", "negated", "historical")


def attack_kind(sentence: str) -> str:
    """air (drones, aircraft), shelling (artillery, rockets, missiles) or clash (a ground assault), by the
    weapon the sentence names first."""
    found = [(m.start(), kind) for kind, pattern in (("air", _AIR), ("shelling", _SHELLING)) if (m := pattern.search(sentence))]
    return min(found)[1] if found else "clash"


def crosswalk(event_type: str, sentence: str = "") -> dict[str, str | None]:
    acled, acled_sub, cameo, plover, mode = CROSSWALK[event_type]
    if event_type == "attack":
        acled, acled_sub, cameo, mode = ATTACK_KINDS[attack_kind(sentence)]
    return {"acled_event_type": acled, "acled_sub_event_type": acled_sub, "cameo_code": cameo,
            "plover_event": plover, "plover_mode": mode}
