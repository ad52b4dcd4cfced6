import pytest

from transforms.extract.numbers import Number, find_numbers


@pytest.mark.parametrize("text, expected", [
    ("swapped 115 troops", [Number(115, "exact", "115", 8, 11)]),
    ("more than a hundred troops", [Number(100, "more_than", "a hundred", 10, 19)]),
    ("up to 1,500 servicemen", [Number(1500, "up_to", "1,500", 6, 11)]),
    ("dozens of soldiers", [Number(24, "at_least", "dozens", 0, 6)]),
    ("about 1,740 personnel in 2024", [Number(1740, "about", "1,740", 6, 11)]),
    ("twenty-four soldiers and five fighters", [Number(24, "exact", "twenty-four", 0, 11),
                                                 Number(5, "exact", "five", 25, 29)]),
])
def test_find_numbers(text, expected):
    assert find_numbers(text) == expected


@pytest.mark.parametrize("text, value", [
    # the longest number word wins: "Ninety-five" is not "Nine" plus "five", "fourteen" is not "four"
    ("Ninety-five sailors came home.", 95),
    ("fourteen drones", 14),
    ("Seventy-one tanks", 71),
])
def test_number_words_are_read_whole(text, value):
    assert [n.value for n in find_numbers(text)] == [value]
