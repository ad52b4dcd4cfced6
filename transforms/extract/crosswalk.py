"""Crosswalk from sitrep event types to ACLED, CAMEO and PLOVER codes.

ACLED's "Agreement" sub-event type covers prisoner exchanges and releases, ceasefires,
negotiations and surrenders; loss claims are statements, not events, so ACLED has no code.
"""

from __future__ import annotations

__all__ = ["CROSSWALK", "EVENT_TYPES", "MODALITIES", "crosswalk"]

# event_type: (acled_event_type, acled_sub_event_type, cameo_code, plover_event, plover_mode)
CROSSWALK: dict[str, tuple[str | None, str | None, str, str | None, str | None]] = {
    "prisoner_exchange": ("Strategic developments", "Agreement", "0841", "RETREAT", "release"),
    "prisoner_release": ("Strategic developments", "Agreement", "0841", "RETREAT", "release"),
    "exchange_agreed": ("Strategic developments", "Agreement", "057", "AGREE", "settle"),
    "bodies_repatriation": ("Strategic developments", "Agreement", "0842", "RETREAT", "return"),
    "capture": ("Strategic developments", "Other", "173", "COERCE", "seize"),
    "surrender": ("Strategic developments", "Agreement", "0874", "RETREAT", "disarm"),
    "attack": ("Battles", "Armed clash", "190", "ASSAULT", "firearms"),
    "air_strike": ("Explosions/Remote violence", "Air/drone strike", "195", "ASSAULT", "aerial"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack", "194", "ASSAULT", "explosives"),
    "incursion": ("Battles", "Armed clash", "192", "ASSAULT", "occupy"),
    "loss_claim": (None, None, "010", None, None),
    "mediation": ("Strategic developments", "Agreement", "045", "CONSULT", "third-party"),
    "negotiation": ("Strategic developments", "Agreement", "046", "CONSULT", "negotiate"),
}
EVENT_TYPES = tuple(CROSSWALK)
MODALITIES = ("realised", "agreed", "hypothetical", "negated", "historical")


def crosswalk(event_type: str) -> dict[str, str | None]:
    acled, acled_sub, cameo, plover, mode = CROSSWALK[event_type]
    return {"acled_event_type": acled, "acled_sub_event_type": acled_sub, "cameo_code": cameo,
            "plover_event": plover, "plover_mode": mode}
