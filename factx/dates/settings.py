"""The options of date finding and normalization."""

from __future__ import annotations

from dataclasses import dataclass

from factx.errors import SettingsError

__all__ = ["DEFAULT_SETTINGS", "UNDETERMINED_MONTH_DAY", "DateSettings"]

UNDETERMINED_MONTH_DAY = ("nearest", "past")

# The settings that count characters, words, days or years: none may be negative.
_COUNTS = (
    "tense_context_chars",
    "max_expression_chars",
    "past_tense_future_days",
    "future_tense_past_days",
    "two_digit_year_window",
    "max_century",
    "weekday_date_window_days",
    "past_perfect_tokens",
    "modal_tokens",
    "deadline_tokens_before",
    "deadline_tokens_after",
    "reschedule_tokens",
    "look_left_chars",
    "cache_size",
)


@dataclass(frozen=True, kw_only=True)
class DateSettings:
    """Options of :func:`find_dates`; every threshold has a documented default.

    prefer_past: names of days, months, seasons and quarters without a year go to their
        most recent occurrence (news reports the past) unless the context is future.
    tense_context_chars: how many characters before and after an expression (within its
        sentence) are read for the tense of the verb that governs it.
    weekday_can_be_reference_day: "Friday" written on a Friday means that very day
        (otherwise the Friday a week before).
    add_missed: add expressions found by the package's own patterns that no candidate covers.
    reference_words: add "now", "currently", "recently", "the future"... as
        PRESENT_REF / PAST_REF / FUTURE_REF.
    former_as_past_ref: also tag the adjective "former" as PAST_REF (TimeML corpora do not
        annotate it, so it is off by default).
    undetermined_month_day: where "Jan. 14" or "May" goes when the context shows no tense:
        "nearest" (the occurrence closest to the reference date) or "past".
    past_tense_future_days: in a past-tense clause, a month or month-day without a year
        goes to the past unless its next occurrence is at most this many days ahead.
    future_tense_past_days: in a future-tense clause, a month-day without a year stays in
        the reference year when it fell at most this many days before the reference date
        ("must leave by Jan. 14", written on Jan. 15, is a deadline just passed, not one a
        year away).
    clock_time_on_anchor_day: a clock time without a day ("at 10 p.m.") is placed on the
        last day the text named, if any, rather than on the reference date.
    max_expression_chars: longer candidates are searched for expressions inside them
        instead of being normalized whole.
    use_dateparser: fall back on dateparser for formats the rules do not know.
    two_digit_year_window: a two-digit year ("'98") is placed in the century that puts it
        at most this many years after the reference year.
    two_digit_year_pivot: without a reference date, a two-digit year above this is in the
        1900s ("'98": 1998), at or below it in the 2000s ("'05": 2005).
    min_year / max_year: a bare four-digit number is a year only within these bounds.
    nearest_window_days: with ``undetermined_month_day="nearest"`` and no tense, a month or
        month-day goes to its occurrence from 365 minus this many days before the reference
        date to this many days after it: to the previous year when it falls more than this
        many days after the reference date in the reference year, to the next year when it
        falls 365 minus this many days or more before it. 183 is the nearest occurrence;
        the default, a season ahead, leans to the past, which news reports more often than
        it announces ("in March", written in October, is the March gone; "Nov. 6", written
        in October, is to come).
    max_century: an ordinal century ("the 21st century") is a time up to this one.
    weekday_date_window_days: a month-day written with its weekday and no year ("Tuesday,
        March 5") goes to the year, of the reference year and the two around it, in which
        that day is that weekday, if that is fewer than this many days from the reference
        date.
    past_perfect_tokens: how many words before a verb are read for "had" (the past perfect:
        "had been due to expire Friday" is past, not future).
    modal_tokens: how many words before a past participle are read for a modal ("will be
        paid Friday" is future).
    deadline_tokens_before / deadline_tokens_after: after "by", "until" or "till", how many
        words before and after the expression are read for "had" ("had filed reports by
        Monday" is past; otherwise a deadline is in the future).
    reschedule_tokens: how many words before a "to", "until" or "till" right before the
        expression are read for a verb that moves a deadline ("extended it to Nov. 16" names
        a future date).
    look_left_chars: how many characters before a candidate are searched for a modifier it
        lacks ("the year-ago", "early", "fiscal", "the").
    cache_size: how many distinct expressions (with their reference date, tense and the
        last time the text fixed) the normalization under these settings remembers; equal
        settings share one cache; 0 remembers none.

    A value out of range, or an unknown ``undetermined_month_day``, is a ``SettingsError``
    when the settings are made.
    """

    prefer_past: bool = True
    tense_context_chars: int = 100
    weekday_can_be_reference_day: bool = True
    add_missed: bool = True
    reference_words: bool = True
    former_as_past_ref: bool = False
    max_expression_chars: int = 60
    use_dateparser: bool = True
    undetermined_month_day: str = "nearest"
    past_tense_future_days: int = 60
    future_tense_past_days: int = 14
    clock_time_on_anchor_day: bool = True
    two_digit_year_window: int = 10
    two_digit_year_pivot: int = 30
    min_year: int = 1000
    max_year: int = 2199
    nearest_window_days: int = 90
    max_century: int = 22
    weekday_date_window_days: int = 200
    past_perfect_tokens: int = 5
    modal_tokens: int = 3
    deadline_tokens_before: int = 6
    deadline_tokens_after: int = 4
    reschedule_tokens: int = 2
    look_left_chars: int = 30
    cache_size: int = 65536

    def __post_init__(self) -> None:
        if self.undetermined_month_day not in UNDETERMINED_MONTH_DAY:
            raise SettingsError(
                f"undetermined_month_day is {self.undetermined_month_day!r}: choose from "
                f"{', '.join(UNDETERMINED_MONTH_DAY)}"
            )
        for name in _COUNTS:
            if getattr(self, name) < 0:
                raise SettingsError(f"{name} is {getattr(self, name)!r}: it must not be negative")
        if not 0 <= self.two_digit_year_pivot <= 99:
            raise SettingsError(
                f"two_digit_year_pivot is {self.two_digit_year_pivot!r}: a two-digit year, from 0 to 99"
            )
        if not 1 <= self.nearest_window_days <= 366:
            raise SettingsError(f"nearest_window_days is {self.nearest_window_days!r}: a number of days from 1 to 366")
        if self.min_year > self.max_year:
            raise SettingsError(f"min_year {self.min_year} is after max_year {self.max_year}")


DEFAULT_SETTINGS = DateSettings()
