"""TIMEX3 values and the calendar arithmetic that makes them."""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Callable
from typing import NamedTuple

from .settings import DateSettings

__all__ = [
    "Query",
    "Result",
    "Rule",
    "Value",
    "Verdict",
    "add_months",
    "clock_time",
    "day_time_value",
    "format_day",
    "granularity_of",
    "iso_week",
    "quarter_of",
    "shift_quarter",
]

# (value, granularity): ("2022-03-21", "day"), ("2022-Q1", "quarter"), ("PAST_REF", "ref");
# (None, None) for a time that cannot be placed (a relative one without a reference date).
Value = tuple[str | None, str | None]


class Verdict(enum.Enum):
    """What the rules say of an expression they give no value."""

    DROP = "drop"  # not a point in time (a duration, an age, a set): it is no date mention
    UNKNOWN = "unknown"  # a time the rules cannot place: dateparser may, else it is kept without a value


Result = Value | Verdict


class Query(NamedTuple):
    """What a normalization rule is asked: a cleaned expression and its context."""

    text: str
    ref: datetime.date | None  # the reference date (the document's creation date)
    tense: str  # "past", "future" or "" (unknown): the tense of the clause around it
    anchor: str | None  # the last value that fixed a time in the text, for anaphora
    settings: DateSettings


# A rule gives the Result of a Query, or None when the expression is not of its kind.
Rule = Callable[[Query], "Result | None"]


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + k
    return n // 12, n % 12 + 1


def iso_week(d: datetime.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: datetime.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def shift_quarter(year: int, q: int, k: int) -> tuple[int, int]:
    n = year * 4 + (q - 1) + k
    return n // 4, n % 4 + 1


def format_day(d: datetime.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def day_time_value(base: datetime.date | None, part: str | None, clock: str | None) -> Value:
    if base is None:
        return None, None
    if clock:
        return f"{format_day(base)}T{clock}", "time"
    if part:
        return f"{format_day(base)}T{part}", "time"
    return format_day(base), "day"


_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s?(?P<ap>a\.?m\.?|p\.?m\.?)?"
    r"(?:\s(?:[a-z]{2,4}t|gmt|utc|local\stime))?"
)


def clock_time(s: str) -> str | None:
    if s in ("noon", "midday", "12 noon"):
        return "12:00"
    if s in ("midnight", "12 midnight"):
        return "24:00"
    m = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?\so'clock", s)
    if m:
        h = int(m.group(1))
        return f"{h:02d}:{int(m.group(2) or 0):02d}" if h <= 24 else None
    m = _CLOCK.fullmatch(s)
    if not m:
        return None
    h, mi, ap = int(m.group("h")), int(m.group("m") or 0), m.group("ap")
    if ap is None and m.group("m") is None:
        return None
    if ap:
        if not 1 <= h <= 12:
            return None
        if ap.startswith("p") and h != 12:
            h += 12
        elif ap.startswith("a") and h == 12:
            h = 0
    if h > 24 or mi > 59:
        return None
    return f"{h:02d}:{mi:02d}"


_GRANULARITY_OF = (
    (re.compile(r"\d{4}"), "year"),
    (re.compile(r"\d{4}-\d{2}"), "month"),
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"\d{4}-Q\d"), "quarter"),
    (re.compile(r"\d{4}-(?:SP|SU|FA|WI)"), "season"),
    (re.compile(r"\d{4}-W\d{2}"), "week"),
)


def granularity_of(value: str) -> str | None:
    for rx, g in _GRANULARITY_OF:
        if rx.fullmatch(value):
            return g
    return None
