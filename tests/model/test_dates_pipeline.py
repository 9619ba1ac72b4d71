"""Dates of sport, politics and business news through the whole pipeline: the spans the
default model proposes, then factx's repairs and values. Sentences of our own."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

REF = "2022-03-21"  # a Monday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a minute of a match is no clock time, a score no month-day
        ("Varga scored in the 20th minute and Pellworth won 2-1 on Saturday.", [("Saturday", "2022-03-19")]),
        # a weekday's direction comes from the verb
        ("On Wednesday the Lorvish delegation will travel to Brenholt.", [("Wednesday", "2022-03-23")]),
        ("By Thursday night the rebels had taken the bridge.", [("Thursday night", "2022-03-17TNI")]),
        # a clock time goes on the day the text is talking about
        (
            "Voters in Marrowby went to the polls on March 6. Polls closed at 22:30 and counting began.",
            [("March 6", "2022-03-06"), ("22:30", "2022-03-06T22:30")],
        ),
        # "a decade ago" is a year
        ("The Tessel mill closed a decade ago.", [("a decade ago", "2012")]),
        # the period of a report, and the same period a year before
        (
            "Hollin Corp. lost $3 million in the quarter ended Jan. 31, against a profit in the year-ago period.",
            [("the quarter", "2021-Q4"), ("Jan. 31", "2022-01-31"), ("the year-ago period", "2020-Q4")],
        ),
        # a newspaper's name and a set are no dates
        ("The story ran in USA Today on Monday.", [("Monday", "2022-03-21")]),
        ("Orangemen march each July from the church.", []),
    ],
)
def test_dates_pipeline_news_constructions(extractor, text: str, expected: list[tuple[str, str]]) -> None:
    result = extractor(text, reference_date=REF)
    assert [(d.text, d.value) for d in result.dates] == expected
    for d in result.dates:
        assert text[d.start : d.end] == d.text
