import pytest

from transforms.extract.text import Sentence, is_heading, split_sentences


@pytest.mark.parametrize("text, expected", [
    ("One. Two.", [Sentence("One.", 0, 4), Sentence("Two.", 5, 9)]),
    ("Gen. Smith said. Then\nNext line", [Sentence("Gen. Smith said.", 0, 16), Sentence("Then", 17, 21),
                                          Sentence("Next line", 22, 31)]),
    ("115 troops each.  2 more.", [Sentence("115 troops each.", 0, 16), Sentence("2 more.", 18, 25)]),
])
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


@pytest.mark.parametrize("text, index, expected", [
    ("Moscow and Kiev swap 115 troops\nBody sentence here.", 0, True),
    ("Moscow and Kiev swap 115 troops\nBody sentence here.", 1, False),
    ("The exchange took place according to the formula “173 to 173”\nBody.", 0, True),
    ("He said it. (RT News)", 1, False),
])
def test_is_heading(text, index, expected):
    assert is_heading(split_sentences(text)[index], text) is expected


def test_round18_clock_time_runs_into_its_time_zone():
    text = "At around 3:00 a.m. Moscow time, saboteurs tried to cross. All were repelled. It came at 9 a.m. The mayor said so."
    assert [s.text for s in split_sentences(text)] == [
        "At around 3:00 a.m. Moscow time, saboteurs tried to cross.", "All were repelled.", "It came at 9 a.m.",
        "The mayor said so."]
