"""The options of date finding and normalization."""

from __future__ import annotations

from dataclasses import dataclass

from factx.errors import SettingsError

__all__ = ["DEFAULT_SETTINGS", "UNDETERMINED_MONTH_DAY", "DateSettings"]

UNDETERMINED_MONTH_DAY = ("nearest", "past")


@dataclass(frozen=True, kw_only=True)
class DateSettings:
    """Options of :func:`find_dates`; every threshold has a documented default.

    prefer_past: names of days, months, seasons and quarters without a year go to their
        most recent occurrence (news reports the past) unless the context is future.
    tense_context_chars: how many characters before and after an expression (within its
        sentence) are read for the tense of the verb that governs it.
    weekday_can_be_reference_day: "Friday" written on a Friday means that very day
        (otherwise the Friday a week before).
    add_missed: add expressions found by this module's rules that no candidate covers.
    reference_words: add "now", "currently", "recently", "the future"... as
        PRESENT_REF / PAST_REF / FUTURE_REF.
    former_as_past_ref: also tag the adjective "former" as PAST_REF (TimeML corpora do not
        annotate it, so it is off by default).
    undetermined_month_day: where "Jan. 14" or "May" goes when the context shows no tense:
        "nearest" (the occurrence closest to the reference date) or "past".
    past_tense_future_days: in a past-tense clause, a month or month-day without a year
        goes to the past unless its next occurrence is at most this many days ahead.
    clock_time_on_anchor_day: a clock time without a day ("at 10 p.m.") is placed on the
        last day the text named, if any, rather than on the reference date.
    max_expression_chars: longer candidates are searched for expressions inside them
        instead of being normalized whole.
    use_dateparser: fall back on dateparser for formats the rules do not know.
    two_digit_year_window: a two-digit year ("'98") is placed in the century that puts it
        at most this many years after the reference year.
    min_year / max_year: a bare four-digit number is a year only within these bounds.

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
    clock_time_on_anchor_day: bool = True
    two_digit_year_window: int = 10
    min_year: int = 1000
    max_year: int = 2199

    def __post_init__(self) -> None:
        if self.undetermined_month_day not in UNDETERMINED_MONTH_DAY:
            raise SettingsError(
                f"undetermined_month_day is {self.undetermined_month_day!r}: choose from "
                f"{', '.join(UNDETERMINED_MONTH_DAY)}"
            )
        for name in ("tense_context_chars", "max_expression_chars", "past_tense_future_days", "two_digit_year_window"):
            if getattr(self, name) < 0:
                raise SettingsError(f"{name} is {getattr(self, name)!r}: it must not be negative")
        if self.min_year > self.max_year:
            raise SettingsError(f"min_year {self.min_year} is after max_year {self.max_year}")


DEFAULT_SETTINGS = DateSettings()
