"""Dates in sport, politics and business news: the constructions that put a date in the
wrong place or made one of a score. Sentences of our own; no spaCy model: the model's
candidate spans are given by hand, as the phrases a tagger would propose.
"""

from __future__ import annotations

import datetime

import pytest

from factx.dates import DateSettings, find_dates, normalize

REF = datetime.date(2022, 3, 21)  # a Monday: the past Friday is 03-18, the coming one 03-25


def _dates(text: str, *phrases: str, ref: datetime.date | None = REF) -> list[tuple[str, str | None]]:
    """(text, value) of every date found, the phrases given as the model's candidates."""
    spans = []
    for p in phrases:
        i = text.index(p)
        spans.append((i, i + len(p)))
    found = find_dates(text, spans, reference_date=ref)
    for d in found:
        assert text[d.start : d.end] == d.text
    return [(d.text, d.value) for d in found]


# --------------------------------------------------------------------------- the kinds


@pytest.mark.parametrize(
    ("text", "phrases", "expected"),
    [
        # a minute of a match is counted from the kick-off: a duration, no clock time
        ("Varga scored in the 20th minute for Pellworth.", ["the 20th minute"], []),
        ("Ostrand equalised in the 88th minute.", ["the 88th minute"], []),
        ("Kellan scored in the 51st and 67th minutes.", ["the 51st and 67th minutes"], []),
        ("The Tarn crew led after the third lap.", ["the third lap"], []),
        # a score or a tally is no month-day
        ("Pellworth won 2-1 at home.", ["2-1"], []),
        ("The hosts drew 1-1 with Brask.", ["1-1"], []),
        ("The council voted 10-12 against the plan.", ["10-12"], []),
        ("Karsby won 2-1 on Saturday.", ["2-1 on Saturday"], [("Saturday", "2022-03-19")]),
        ("Karsby won 2\u20131 on Saturday.", ["2\u20131 on Saturday"], [("Saturday", "2022-03-19")]),
        # but a numeric date with its year still is one
        ("The law took effect on 3-5-2021.", ["3-5-2021"], [("3-5-2021", "2021-03-05")]),
    ],
)
def test_dates_news_scores_and_match_minutes_are_no_dates(
    text: str, phrases: list[str], expected: list[tuple[str, str]]
) -> None:
    assert _dates(text, *phrases) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # the coming one: the verb is in the future
        ("On Wednesday the Lorvish delegation will travel to Brenholt.", "Wednesday", "2022-03-23"),
        ("The Orvan squad travels to Tesk, where it will play on Friday.", "Friday", "2022-03-25"),
        ("On Tuesday, the Korlan league plans to hold a hearing.", "Tuesday", "2022-03-22"),
        # the past one: past or past perfect
        ("By Thursday night the rebels had taken the bridge.", "Thursday", "2022-03-17"),
        ("On Friday the minister resigned.", "Friday", "2022-03-18"),
        ("On Friday, the Tarsk council planned to raise taxes.", "Friday", "2022-03-18"),
        # a passive after "be" is not the past: "is to be held" is to come
        ("The vote is to be held on Thursday.", "Thursday", "2022-03-24"),
        # a sentence does not end at an initial: "will" still governs the day
        ("Anna M. Voss will succeed him on Friday.", "Friday", "2022-03-25"),
    ],
)
def test_dates_news_weekday_takes_its_direction_from_the_tense(text: str, phrase: str, expected: str) -> None:
    got = [v for t, v in _dates(text, phrase) if phrase in t]
    assert [v[:10] for v in got] == [expected]


@pytest.mark.parametrize(
    ("text", "phrases", "expected"),
    [
        # a clock time goes on the day the text is talking about
        (
            "Voters in Marrowby went to the polls on March 6. Polls closed at 22:30 and counting began.",
            ["March 6", "22:30"],
            [("March 6", "2022-03-06"), ("22:30", "2022-03-06T22:30")],
        ),
        (
            "The ferry sank on Sunday night. The last call came at 11 p.m.",
            ["Sunday night", "11 p.m."],
            [("Sunday night", "2022-03-20TNI"), ("11 p.m.", "2022-03-20T23:00")],
        ),
        # with no day named, the reference date
        ("Polls closed at 22:30.", ["22:30"], [("22:30", "2022-03-21T22:30")]),
    ],
)
def test_dates_news_clock_time_belongs_to_the_day_talked_about(
    text: str, phrases: list[str], expected: list[tuple[str, str]]
) -> None:
    assert _dates(text, *phrases) == expected


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        # a point a decade back is a year, the granularity the schema gives it
        ("a decade ago", ("2012", "year")),
        ("nearly a decade ago", ("2012", "year")),
        ("two decades ago", ("2002", "year")),
        # a decade named is a decade
        ("the 1990s", ("199X", "decade")),
        ("this decade", ("202X", "decade")),
    ],
)
def test_dates_news_a_decade_ago_follows_the_schema(expr: str, expected: tuple[str, str]) -> None:
    assert normalize(expr, REF) == expected


# ---------------------------------------------------------------------- other constructions


@pytest.mark.parametrize(
    ("text", "phrases", "expected"),
    [
        # one unit from the day or year the text is on
        (
            "Sales fell to $3 million last year, from $4 million the year before.",
            ["last year", "the year before"],
            [("last year", "2021"), ("the year before", "2020")],
        ),
        (
            "Hallam joined the board on May 2, 2015, and the following year he became chairman.",
            ["May 2, 2015", "the following year"],
            [("May 2, 2015", "2015-05-02"), ("the following year", "2016")],
        ),
        (
            "He was arrested on March 3 and appeared in court the next morning.",
            ["March 3", "the next morning"],
            [("March 3", "2022-03-03"), ("the next morning", "2022-03-04TMO")],
        ),
        (
            "The index closed at 200 on Friday, down 3% from the previous Friday.",
            ["Friday", "the previous Friday"],
            [("Friday", "2022-03-18"), ("the previous Friday", "2022-03-11")],
        ),
        (
            "The day before last Tuesday, Voss met his lawyer.",
            ["The day before last Tuesday"],
            [("The day before last Tuesday", "2022-03-14")],
        ),
        ("A hearing is set for the week of April 4.", ["the week of April 4"], [("the week of April 4", "2022-W14")]),
        # the two ends of a range, put in order
        (
            "The Hollin show, which opened in Tesk, is to run from March 14 through May 9.",
            ["March 14 through May 9"],
            [("March 14", "2022-03-14"), ("May 9", "2022-05-09")],
        ),
        (
            "The fair ran from December 28 to January 3.",
            ["December 28 to January 3"],
            [("December 28", "2021-12-28"), ("January 3", "2022-01-03")],
        ),
        # the end year a model leaves out of "from 1980 to 2012"
        ("Ozone fell by a quarter from 1980 to 2012.", ["1980"], [("1980", "1980"), ("2012", "2012")]),
        ("Taxes were owed for the years between 2004 and 2009.", ["2004"], [("2004", "2004"), ("2009", "2009")]),
        ("Ilse Varn (1822 \u2013 1890) painted the Tesk coast.", ["1822"], [("1822", "1822"), ("1890", "1890")]),
        # an editor's brackets in a quotation
        ('"[Ten] years ago, the mill closed," Voss said.', ["Ten] years ago"], [("[Ten] years ago", "2012")]),
        # "this weekend" in a past-tense clause written on a weekday is the weekend gone
        ("The Brask fair took place this weekend.", [], [("this weekend", "2022-W11-WE")]),
        ("The Brask fair opens this weekend.", [], [("this weekend", "2022-W12-WE")]),
    ],
)
def test_dates_news_anaphora_ranges_and_quotations(
    text: str, phrases: list[str], expected: list[tuple[str, str]]
) -> None:
    assert _dates(text, *phrases) == expected


@pytest.mark.parametrize(
    ("text", "phrases", "expected"),
    [
        # the period of a report takes its value from the day it ended
        (
            "Hollin Corp. lost $3 million in the quarter ended Jan. 31.",
            ["the quarter ended Jan. 31"],
            [("the quarter", "2021-Q4"), ("Jan. 31", "2022-01-31")],
        ),
        (
            "For the year ended Sept. 30, Tarsk Mills earned $9 million.",
            ["the year ended Sept. 30"],
            [("the year", "2021"), ("Sept. 30", "2021-09-30")],
        ),
        # a model's span inside a longer known expression gives way to it
        ("This year's results included a gain.", ["year"], [("This year", "2022")]),
        # the same quarter a year before, in a report on a quarter
        (
            "Brask Bank lost money in the fourth quarter, against a profit for the corresponding period last year.",
            ["the fourth quarter", "last year"],
            [("the fourth quarter", "2021-Q4"), ("the corresponding period last year", "2020-Q4")],
        ),
        # a quarter forecast is not the one a report is on
        (
            "Tarsk Mills earned $2 million in the fourth quarter. It expects a loss in the second quarter,"
            " after $1 million in the year-ago period.",
            ["the fourth quarter", "the second quarter", "the year-ago period"],
            [("the fourth quarter", "2021-Q4"), ("the second quarter", "2022-Q2"), ("the year-ago period", "2020-Q4")],
        ),
    ],
)
def test_dates_news_report_periods(text: str, phrases: list[str], expected: list[tuple[str, str]]) -> None:
    got = _dates(text, *phrases)
    assert got == expected


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("The story ran in USA Today.", ["Today"]),
        ("It aired on the Vellan show \u201cThis Week\u201d with Anna Roe.", ["This Week"]),
        ("She starred in the film ``High Noon'' at the Brask cinema.", ["Noon"]),
        ("Orangemen march each July from the church.", ["July"]),
        ("Flights leave every Thursday from Tesk.", ["Thursday"]),
        ("It was the third consecutive month of growth.", ["the third consecutive month"]),
        ("Officials met all week in Osk.", ["all week"]),
        ("She hosts the morning talk show on Vellan radio.", ["morning"]),
        ("The blast came at 10:35 a.m. (0735 GMT).", ["0735"]),
    ],
)
def test_dates_news_names_sets_and_counts_are_no_dates(text: str, phrases: list[str]) -> None:
    assert [t for t, _ in _dates(text, *phrases) if t in phrases] == []


def test_dates_news_a_title_case_headline_keeps_its_day() -> None:
    # in a headline every word is capitalized: "Today" there is the day, not a name's word
    assert _dates("Storm Hits Coast Today", "Today") == [("Today", "2022-03-21")]


@pytest.mark.parametrize(
    ("expr", "tense", "expected"),
    [
        ("this coming Sunday, March twenty-seventh", "", ("2022-03-27", "day")),
        ("March eighth", "", ("2022-03-08", "day")),
        ("the twenty-first of May", "", ("2022-05-21", "day")),
        ("just last month", "", ("2022-02", "month")),
        ("at least the first two quarters of 2023", "", ("2023-H1", "half")),
        # a deadline just gone, in a future-tense clause, is this year's
        ("March 14", "future", ("2022-03-14", "day")),
        ("March 1", "future", ("2023-03-01", "day")),
    ],
)
def test_dates_news_normalization(expr: str, tense: str, expected: tuple[str, str]) -> None:
    assert normalize(expr, REF, tense=tense) == expected


def test_dates_news_future_tense_past_days_setting() -> None:
    assert normalize("March 14", REF, tense="future", settings=DateSettings(future_tense_past_days=3)) == (
        "2023-03-14",
        "day",
    )


@pytest.mark.parametrize(
    ("expr", "overrides", "expected"),
    [
        # with no tense a month goes to its occurrence up to a season ahead
        ("May", {}, ("2022-05", "month")),
        ("July", {}, ("2021-07", "month")),
        ("July", {"nearest_window_days": 183}, ("2022-07", "month")),
        ("November", {"nearest_window_days": 183}, ("2021-11", "month")),
    ],
)
def test_dates_news_nearest_window_leans_to_the_past(expr: str, overrides: dict, expected: tuple[str, str]) -> None:
    assert normalize(expr, REF, settings=DateSettings(**overrides)) == expected
