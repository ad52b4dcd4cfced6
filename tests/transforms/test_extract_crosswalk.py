import pytest

from transforms.extract.crosswalk import EVENT_TYPES, crosswalk


@pytest.mark.parametrize("event_type, expected", [
    ("prisoner_exchange", {"acled_event_type": "Strategic developments", "acled_sub_event_type": "Agreement",
                           "cameo_code": "0841", "plover_event": "RETREAT", "plover_mode": "release"}),
    ("air_strike", {"acled_event_type": "Explosions/Remote violence", "acled_sub_event_type": "Air/drone strike",
                    "cameo_code": "195", "plover_event": "ASSAULT", "plover_mode": "aerial"}),
])
def test_crosswalk(event_type, expected):
    assert crosswalk(event_type) == expected


def test_every_contract_type_has_a_crosswalk():
    contract = {"prisoner_exchange", "prisoner_release", "exchange_agreed", "bodies_repatriation", "capture",
                "surrender", "attack", "incursion", "loss_claim", "mediation", "negotiation"}
    assert contract <= set(EVENT_TYPES)
