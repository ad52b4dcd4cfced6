import pytest

from transforms.extract.crosswalk import EVENT_TYPES, crosswalk


@pytest.mark.parametrize("event_type, expected", [
    ("prisoner_exchange", {"acled_event_type": "Strategic developments", "acled_sub_event_type": "Agreement",
                           "cameo_code": "0841", "plover_event": "RETREAT", "plover_mode": "release"}),
    ("attack", {"acled_event_type": "Battles", "acled_sub_event_type": "Armed clash",
                "cameo_code": "190", "plover_event": "ASSAULT", "plover_mode": "firearms"}),
])
def test_crosswalk(event_type, expected):
    assert crosswalk(event_type) == expected


@pytest.mark.parametrize("sentence, sub_type, mode", [
    ("In Odesa, a drone strike damaged port infrastructure.", "Air/drone strike", "aerial"),
    ("Russian forces attacked Ukraine overnight with 112 Shahed-type drones.", "Air/drone strike", "aerial"),
    ("Russian troops shelled Kherson on Thursday, hitting a bus stop.", "Shelling/artillery/missile attack", "explosives"),
    ("A missile struck an apartment block in Dnipro.", "Shelling/artillery/missile attack", "explosives"),
    ("Russian troops stormed Ukrainian positions near Pokrovsk.", "Armed clash", "firearms"),
])
def test_attack_sub_type_comes_from_the_sentence(sentence, sub_type, mode):
    row = crosswalk("attack", sentence)
    assert (row["acled_sub_event_type"], row["plover_mode"], row["plover_event"]) == (sub_type, mode, "ASSAULT")


def test_no_air_strike_or_shelling_event_types():
    assert not {"air_strike", "shelling"} & set(EVENT_TYPES)


def test_every_contract_type_has_a_crosswalk():
    contract = {"prisoner_exchange", "prisoner_release", "exchange_agreed", "bodies_repatriation", "capture",
                "surrender", "attack", "incursion", "loss_claim", "mediation", "negotiation"}
    assert contract <= set(EVENT_TYPES)
