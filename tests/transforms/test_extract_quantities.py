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
     [(75, "exact", "personnel", "RUS", "part"), (5, "exact", "personnel", "UKR", "part")]),
    ("The bodies of 502 fallen defenders were returned.", "returned_to", "UKR", [(502, "exact", "bodies", "UKR", "stated")]),
    ("Ukraine has lost more than 5,550 troops and 71 tanks.", "lost", "UKR",
     [(5550, "more_than", "personnel", "UKR", "stated"), (71, "exact", "tanks", "UKR", "stated")]),
    ("The attack killed 14 civilians.", "lost", "UKR", []),
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
