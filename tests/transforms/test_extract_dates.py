from datetime import date

import pytest

from transforms.extract.dates import DAY, MONTH, WEEK, ResolvedDate, find_dates

SAT = date(2024, 8, 24)  # a Saturday


@pytest.mark.parametrize("text, published, expected", [
    ("on Saturday", SAT, [ResolvedDate(SAT, DAY, "on Saturday", 0, "relative")]),
    ("On August 6, Ukraine", SAT, [ResolvedDate(date(2024, 8, 6), DAY, "August 6", 3, "relative")]),
    ("On December 6", SAT, [ResolvedDate(date(2023, 12, 6), DAY, "December 6", 3, "relative")]),
    ("In September 2023, he", SAT, [ResolvedDate(date(2023, 9, 1), MONTH, "September 2023", 3, "stated")]),
    ("Last week, he", SAT, [ResolvedDate(date(2024, 8, 12), WEEK, "Last week", 0, "relative")]),
    ("on Friday", None, [ResolvedDate(None, None, "on Friday", 0, "unresolved")]),
    ("2024-01-03 and yesterday", date(2024, 1, 4),
     [ResolvedDate(date(2024, 1, 3), DAY, "2024-01-03", 0, "stated"),
      ResolvedDate(date(2024, 1, 3), DAY, "yesterday", 15, "relative")]),
])
def test_find_dates(text, published, expected):
    assert find_dates(text, published) == expected


@pytest.mark.parametrize("text, expected, precision", [
    ("In March, with the mediation of the UAE, 175 defenders returned.", date(2025, 3, 1), 3),
    ("In May, Russian forces opened a new front.", date(2024, 5, 1), 3),
    ("In the autumn of 1941 alone, soldiers were taken prisoner.", date(1941, 1, 1), 3),
])
def test_bare_month_and_year(text, expected, precision):
    published = date(2025, 4, 2) if "March" in text else date(2024, 8, 8)
    found = [d for d in find_dates(text, published) if d.value]
    assert (found[0].value, found[0].precision) == (expected, precision)


@pytest.mark.parametrize("text, published, expected", [
    ("surrendered over the weekend, the ministry said on Monday", date(2024, 5, 20), (date(2024, 5, 18), WEEK)),
    ("the previous exchange took place at the end of May", date(2024, 6, 25), (date(2024, 5, 31), WEEK)),
    ("the previous exchange took place in May", date(2024, 6, 25), (date(2024, 5, 1), MONTH)),
])
def test_weekend_and_end_of_month(text, published, expected):
    first = find_dates(text, published)[0]
    assert (first.value, first.precision) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a dateline is when the report was filed: the event's own day is the one in the text
    ("LVIV. Oct 4 (Ukrinform) - Forty soldiers were freed on Thursday, officials said.", [date(2024, 10, 3)]),
    ("MOSCOW, October 4. On October 2, Russia returned 40 soldiers.", [date(2024, 10, 2)]),
    ("On October 2, Russia returned 40 soldiers.", [date(2024, 10, 2)]),
])
def test_datelines_do_not_date_events(sentence, expected):
    from transforms.extract.timing import main_clause_dates
    assert [d.value for d in main_clause_dates(sentence, date(2024, 10, 4))] == expected


def test_this_morning_is_the_day_of_publication():
    found = find_dates("A drone hit a market in Kherson this morning.", date(2025, 6, 3))
    assert [(d.value, d.precision) for d in found] == [(date(2025, 6, 3), DAY)]


@pytest.mark.parametrize("sentence, expected", [
    # round 18: a who-clause ends where the main verb in the simple past begins
    ("Six sailors who had been held in Russia since 2023 returned to Ukraine on Tuesday, the ombudsman said.",
     [date(2024, 10, 1)]),
    ("Nine residents who were taken to Ukraine in 2024 came home on Wednesday.", [date(2024, 10, 2)]),
    # the clause's own date stays out
    ("Soldiers who were captured on Monday were shown on television.", []),
])
def test_round18_date_after_a_who_clause(sentence, expected):
    from transforms.extract.timing import main_clause_dates
    assert [d.value for d in main_clause_dates(sentence, date(2024, 10, 4)) if d.value] == expected
