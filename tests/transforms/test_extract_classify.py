import pytest

from transforms.extract.classify import event_types, modality


@pytest.mark.parametrize("sentence, expected", [
    ("Moscow and Kiev have swapped 115 troops each in a prisoner exchange.", ["prisoner_exchange"]),
    ("The bodies of 502 fallen defenders have been returned to Ukraine.", ["bodies_repatriation"]),
    ("The official exchange rate was 90.4 roubles per dollar.", []),
    ("Troops exchanged fire near the border.", []),
    ("Seven Russian soldiers surrendered to Ukrainian troops.", ["surrender"]),
    ("Ukrainian forces lost up to 1,500 servicemen over the past 24 hours.", ["loss_claim"]),
    ("Zelensky said 197 Ukrainian defenders had come home.", ["prisoner_release"]),
])
def test_event_types(sentence, expected):
    assert event_types(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Moscow is ready to exchange prisoners with Ukraine.", "hypothetical"),
    ("No exchange has taken place.", "negated"),
    ("The delegations agreed to exchange 1,000 prisoners each.", "agreed"),
    ("Russia and Ukraine exchanged 103 prisoners each on Saturday.", "realised"),
])
def test_modality(sentence, expected):
    assert modality(sentence) == expected
