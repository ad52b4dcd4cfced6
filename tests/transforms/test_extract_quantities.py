from datetime import date

import pytest

from transforms.extract.quantities import sentence_quantities

DYAD = ("RUS", "UKR")


def _rows(sentence, role, default=None):
    found = sentence_quantities(sentence, role=role, published=date(2024, 8, 24), dyad=DYAD, default_side=default)
    return [(q.value, q.qualifier, q.item, q.side, q.basis) for q in found]


@pytest.mark.parametrize("sentence, role, default, expected", [
    ("Moscow and Kiev have swapped 115 troops each.", "returned_to", None,
     [(115, "exact", "personnel", "RUS", "each"), (115, "exact", "personnel", "UKR", "each")]),
    ("The exchange took place according to the formula 173 to 173.", "returned_to", None,
     [(173, "exact", "personnel", "RUS", "each"), (173, "exact", "personnel", "UKR", "each")]),
    ("An additional 75 soldiers returned home in exchange for five fighters.", "returned_to", "RUS",
     [(75, "exact", "personnel", "RUS", "addition"), (5, "exact", "personnel", "UKR", "part")]),
    ("The bodies of 502 fallen defenders were returned.", "returned_to", "UKR", [(502, "exact", "bodies", "UKR", "stated")]),
    ("Ukraine has lost more than 5,550 troops and 71 tanks.", "lost", "UKR",
     [(5550, "more_than", "personnel", "UKR", "stated"), (71, "exact", "tanks", "UKR", "stated")]),
    ("The attack killed 14 civilians.", "lost", "UKR", []),
    # the side named last before the number is whose figure it is, not the speaker's named before it
    ("Kyiv says Russia had lost 12 ships since the invasion began.", "lost", "UKR",
     [(12, "exact", "ships", "RUS", "stated")]),
    # people held by one side are returned to the other; held by both names no single side
    ("Kyiv said it won the freedom of 88 soldiers held by Russia in the swap.", "returned_to", None,
     [(88, "exact", "personnel", "UKR", "stated")]),
    ("Moscow got back 40 of its sailors who had been held in Ukraine.", "returned_to", None,
     [(40, "exact", "personnel", "RUS", "stated")]),
    ("The deal freed 90 prisoners held by Russia and Ukraine.", "returned_to", None,
     [(90, "exact", "personnel", None, "stated")]),
])
def test_sentence_quantities(sentence, role, default, expected):
    assert _rows(sentence, role, default) == expected


@pytest.mark.parametrize("sentence, values", [
    # "since 2022" is how long they were held, not the date of the count
    ("31 Ukrainians, including women who had been held in Russian detention facilities since 2022, had come home.", [31]),
    ("In 2022, 31 Ukrainians had come home.", [31]),
])
def test_since_a_date_is_a_duration(sentence, values):
    found = sentence_quantities(sentence, role="returned_to", published=date(2025, 4, 30), dyad=("RUS", "UKR"),
                                default_side="UKR")
    assert [q.value for q in found] == values


# Round 7: attack casualties, "N of the M", "N of them", launched is not lost.
from transforms.extract.quantities import casualty_quantities  # noqa: E402


@pytest.mark.parametrize("sentence, expected", [
    ("A guided bomb fell on a bus stop, killing at least nine people and wounding over 40.",
     [("killed", 9, "at_least"), ("injured", 40, "more_than")]),
    ("Three people died and 12 others, among them a baby, were hurt when the rocket landed.",
     [("killed", 3, "exact"), ("injured", 12, "exact")]),
    ("Eight residents were wounded, including four children, the mayor wrote.", [("injured", 8, "exact")]),
    ("The barrage left two dead and 19 injured in the old town.", [("killed", 2, "exact"), ("injured", 19, "exact")]),
    ("A 62-year-old man was hurt by debris.", []),
    ("Forty drones were fired at the city overnight.", []),
    ("Three residents lost their lives in the strike, the mayor said.", [("killed", 3, "exact")]),
])
def test_casualty_quantities(sentence, expected):
    found = casualty_quantities(sentence, victim="UKR")
    assert [(q.item, q.value, q.qualifier) for q in found] == expected
    assert {q.side for q in found} <= {"UKR"}


def test_casualty_side_follows_nationality_word():
    found = casualty_quantities("The drone strike killed two Russian soldiers near the border.", victim="UKR")
    assert [(q.item, q.value, q.side) for q in found] == [("killed", 2, "RUS")]


def test_share_of_a_launched_total_takes_its_item():
    rows = _rows("Air defences destroyed 31 of the 40 Shahed drones sent overnight.", "lost", "RUS")
    assert rows == [(31, "exact", "uav", "RUS", "stated")]


def test_of_them_takes_the_antecedent_item():
    found = sentence_quantities("Gunners intercepted 17 of them before dawn.", role="lost", published=date(2024, 8, 24),
                                dyad=DYAD, default_side="RUS", antecedent="uav")
    assert [(q.value, q.item) for q in found] == [(17, "uav")]


def test_launched_weapons_are_not_losses():
    rows = _rows("The enemy fired 60 drones and 8 missiles at the region; 52 drones were downed.", "lost", "RUS")
    assert [(r[0], r[2]) for r in rows] == [(52, "uav")]


def test_on_each_side_counts_for_both():
    found = sentence_quantities("On Friday, 390 people were exchanged on each side.", role="returned_to",
                                published=None, dyad=("RUS", "UKR"), default_side=None)
    assert {(q.side, q.value, q.basis) for q in found} == {("RUS", 390, "each"), ("UKR", 390, "each")}


def test_an_age_range_is_not_a_swap_formula():
    rows = _rows("The sides agreed to exchange all wounded prisoners and soldiers aged 19 to 24.", "returned_to")
    assert rows == []
    assert _rows("The swap followed the formula 84 to 84.", "returned_to") == [
        (84, "exact", "personnel", "RUS", "each"), (84, "exact", "personnel", "UKR", "each")]


def test_a_date_starting_a_since_phrase_does_not_make_the_count_historical():
    rows = _rows("Kyiv and Moscow swapped 84 captives each, the biggest swap since fighting began in March 2022.", "returned_to")
    assert rows == [(84, "exact", "personnel", "RUS", "each"), (84, "exact", "personnel", "UKR", "each")]


@pytest.mark.parametrize("sentence, expected", [
    # "of war of the <force> of <country>": the force names the side
    ("In return, 64 prisoners of war of the Armed Forces of Ukraine were handed over.",
     [(64, "exact", "personnel", "UKR", "stated")]),
    # "N handed over by each side" is an each-side figure even five words after the number
    ("In all, 40 detained soldiers were handed over by each side on the border.",
     [(40, "exact", "personnel", "RUS", "each"), (40, "exact", "personnel", "UKR", "each")]),
    # "exchanged for" names the counterpart; "separately" an addition
    ("The swap had two stages: 120 for 120, and separately 12 injured Russian troops who were exchanged for 7 Ukrainians.",
     [(120, "exact", "personnel", "RUS", "each"), (120, "exact", "personnel", "UKR", "each"),
      (12, "exact", "personnel", "RUS", "addition"), (7, "exact", "personnel", "UKR", "part")]),
    # "bringing the number sent to Russia to 41": a stated total with its side
    ("Kyiv released 40 Russians and a former mayor, bringing the number sent to Russia to 41.",
     [(40, "exact", "personnel", "RUS", "stated"), (41, "exact", "personnel", "RUS", "stated")]),
])
def test_round9_returned_figures(sentence, expected):
    assert _rows(sentence, "returned_to") == expected


def test_an_earlier_swaps_figures_are_not_the_current_swaps():
    sentence = "The handover came a month after the last exchange, in which 60 prisoners from each side went home."
    found = sentence_quantities(sentence, role="returned_to", published=date(2024, 8, 24), dyad=DYAD,
                                default_side=None, current=True)
    assert found == []
    # for the earlier swap itself the figures count
    assert sentence_quantities(sentence, role="returned_to", published=date(2024, 8, 24), dyad=DYAD, default_side=None)


@pytest.mark.parametrize("sentence, expected", [
    ("Ukraine has received the bodies of 900 people said to be Ukrainian soldiers, while 41 bodies were handed to Russia.",
     {(900, "UKR"), (41, "RUS")}),
    ("Kyiv got back 212 bodies of fallen defenders on Friday, and 34 bodies were transferred to the Russian side.",
     {(212, "UKR"), (34, "RUS")}),
])
def test_receiver_named_after_the_noun_takes_the_figure(sentence, expected):
    found = sentence_quantities(sentence, role="returned_to", published=date(2025, 6, 16), dyad=("RUS", "UKR"),
                                default_side="UKR")
    assert {(q.value, q.side) for q in found} == expected


def test_part_of_a_deal_formula_is_not_the_stage_figure():
    sentence = "The sides swapped 120 soldiers each in the second stage of the 500-for-500 deal."
    values = {q.value for q in sentence_quantities(sentence, role="returned_to", published=date(2025, 5, 2),
                                                   dyad=("RUS", "UKR"), default_side=None)}
    assert values == {120}


def test_occupiers_are_personnel():
    found = sentence_quantities("Ukrainian forces eliminated 880 occupiers over the past day.", role="lost",
                                published=date(2024, 5, 2), dyad=("RUS", "UKR"), default_side="RUS")
    assert [(q.value, q.item) for q in found] == [(880, "personnel")]


def test_receiver_subject_and_talks_date_in_a_bodies_sentence():
    sentence = ("Kyiv has received the bodies of 2,400 people, while 40 bodies were handed to Russia, completing the "
                "repatriation agreed at talks in Geneva last month.")
    found = sentence_quantities(sentence, role="returned_to", published=date(2025, 6, 30), dyad=("RUS", "UKR"),
                                default_side=None, current=True)
    assert sorted((q.value, q.side, q.item) for q in found) == [(40, "RUS", "bodies"), (2400, "UKR", "bodies")]


# Round 12: one victim without a number; "of which N" counts the item named before it.
@pytest.mark.parametrize("sentence, expected", [
    ("Shelling killed a 70-year-old woman and injured four others in the village.", [("injured", 4), ("killed", 1)]),
    ("A man was wounded when a drone dropped a grenade on his car.", [("injured", 1)]),
    ("The strike killed three people, including a child.", [("killed", 3)]),
    ("A man was arrested after the blast.", []),
])
def test_one_victim_named_without_a_number(sentence, expected):
    assert sorted((q.item, q.value) for q in casualty_quantities(sentence, victim="UKR")) == expected


def test_of_which_counts_the_item_named_before():
    rows = _rows("The enemy sent 120 drones overnight, of which 96 were shot down over the north.", "lost", "RUS")
    assert rows == [(96, "exact", "uav", "RUS", "stated")]


@pytest.mark.parametrize("sentence, expected", [
    ("The sides agreed to exchange 250 prisoners for 250 in two stages.",
     [(250, "exact", "personnel", "RUS", "each"), (250, "exact", "personnel", "UKR", "each")]),
    ("Soldiers aged 18 to 25 were called up.", []),
])
def test_formula_with_the_people_between_the_figures(sentence, expected):
    assert _rows(sentence, "returned_to") == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Kyiv said it was ready to hand over 40 bodies of soldiers.", [(40, "exact", "bodies", "RUS", "stated")]),
    ("Ukraine brought home 230 people; Russia received 248.",
     [(230, "exact", "personnel", "UKR", "stated"), (248, "exact", "personnel", "RUS", "stated")]),
])
def test_giver_and_bare_receiver(sentence, expected):
    assert _rows(sentence, "returned_to") == expected


@pytest.mark.parametrize("sentence, expected", [
    ("In return, Kyiv handed over 40 Russian servicemen and a pro-Russian former lawmaker.",
     [(40, "exact", "personnel", "RUS", "stated"), (1, "exact", "personnel", "RUS", "addition")]),
    ("Russia received 12 soldiers and Ivan Petrov, a jailed journalist.",
     [(12, "exact", "personnel", "RUS", "stated"), (1, "exact", "personnel", "RUS", "addition")]),
    ("Ukraine received 12 soldiers and 3 civilians.",  # a number, not one named person
     [(12, "exact", "personnel", "UKR", "stated"), (3, "exact", "civilians", "UKR", "stated")]),
])
def test_one_named_person_handed_over_with_the_soldiers(sentence, expected):
    assert _rows(sentence, "returned_to", "UKR") == expected


def test_casualties_are_personnel_lost():
    found = sentence_quantities("This figure includes 1,230 casualties over the past day.", role="lost", published=None,
                                dyad=("RUS", "UKR"), default_side="RUS")
    assert [(q.item, q.value, q.side) for q in found] == [("personnel", 1230, "RUS")]


@pytest.mark.parametrize("sentence, role, default, expected", [
    # "airplanes" is the General Staff's word for aircraft in its running tallies
    ("Russia has also lost 8,200 tanks, 410 airplanes and 330 helicopters.", "lost", "RUS",
     [(8200, "exact", "tanks", "RUS", "stated"), (410, "exact", "aircraft", "RUS", "stated"),
      (330, "exact", "helicopters", "RUS", "stated")]),
    # "another" counts this batch after earlier swaps: the homecoming formula states the whole batch
    ('"Another 64 of our defenders are home," the president wrote.', "returned_to", "UKR",
     [(64, "exact", "personnel", "UKR", "stated")]),
    ("Another 64 soldiers were handed over later that day.", "returned_to", "UKR",
     [(64, "exact", "personnel", "UKR", "addition")]),
])
def test_round15_quantities(sentence, role, default, expected):
    assert _rows(sentence, role, default) == expected


@pytest.mark.parametrize("sentence, expected", [
    # "N prisoners of war for N": the formula with the full noun between the figures
    ("Negotiators said they would trade 480 prisoners of war for 480 next week.",
     {(480, "RUS", "each"), (480, "UKR", "each")}),
    # the receiving side named as "the X side", with "in turn" before the verb
    ("The Ukrainian side, in turn, received the bodies of 64 of its soldiers.", {(64, "UKR", "stated")}),
])
def test_round16_returned_figures(sentence, expected):
    found = sentence_quantities(sentence, role="returned_to", published=date(2025, 4, 2), dyad=DYAD, default_side=None)
    assert {(q.value, q.side, q.basis) for q in found} == expected


@pytest.mark.parametrize("sentence", [
    # the date of the deed that befell the people (death, detention) or the start of a stay is not the return's date
    "The remains of 31 Ukrainian marines killed near the river crossing in May 2023 were handed to Ukraine.",
    "Six Ukrainian civilians who had lived in Russia since 2023 came back to Ukraine on Monday.",
])
def test_a_deed_or_stay_date_does_not_make_the_return_historical(sentence):
    found = sentence_quantities(sentence, role="returned_to", published=date(2025, 4, 2), dyad=DYAD, default_side="UKR",
                                current=True)
    assert [q.value for q in found] in ([31], [6])


def test_a_formula_before_an_exchange_of_bodies_counts_bodies():
    found = sentence_quantities('The delegations agreed on a "2,000 for 2,000" exchange of remains.', role="returned_to",
                                published=date(2025, 4, 2), dyad=DYAD, default_side=None)
    assert {(q.value, q.item, q.side) for q in found} == {(2000, "bodies", "RUS"), (2000, "bodies", "UKR")}


def test_moscow_names_for_troops_are_personnel():
    found = sentence_quantities('"Up to 40 Ukrainian nationalists and two armoured vehicles were destroyed," the ministry said.',
                                role="lost", published=date(2024, 5, 2), dyad=("RUS", "UKR"), default_side="UKR")
    assert sorted((q.value, q.item) for q in found) == [(2, "apc_ifv"), (40, "personnel")]


@pytest.mark.parametrize("sentence, expected", [
    # round 18: people named by who they were, counted one by one; "more" before the harm
    ("A man and a woman died at the scene, the mayor said.", [(2, "killed")]),
    ("The driver, a 61-year-old man, died in hospital.", [(1, "killed")]),
    ("The shell hit a minibus, killing the driver and a passenger.", [(2, "killed")]),
    ("A second pedestrian on the street was wounded.", [(1, "injured")]),
    ("Three civilians were killed and eleven more injured in the strike.", [(3, "killed"), (11, "injured")]),
    # a part of a toll with its number is not counted again
    ("The strike killed five people, including a child.", [(5, "killed")]),
])
def test_round18_people_named_in_a_toll(sentence, expected):
    assert [(q.value, q.item) for q in casualty_quantities(sentence, victim="UKR")] == expected
