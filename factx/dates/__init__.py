"""Temporal expressions: find them in English text and normalize them to TIMEX3 values.

``find_dates`` takes the DATE/TIME spans a spaCy model found (passed in as plain character
spans: this module does not import spaCy), repairs them, drops what is not a point in time
(ages such as "Smith, 42,", durations such as "three years", sets such as "annually") and
adds the expressions the model misses, found with the rules below ("now", "recently",
"Friday morning", "third-quarter", "3 p.m.", holidays...).

Values follow TimeML TIMEX3: ``2022-02-24`` (day), ``2022-03`` (month), ``1994`` (year),
``199X`` (decade, as factx/1 specifies), ``19`` (century), ``2022-W12`` (ISO week), ``2022-W12-WE`` (weekend),
``2022-Q1`` (quarter), ``2022-H2`` (half-year), ``2022-SU`` (season),
``2022-02-24T15:00`` or ``2022-02-24TMO`` (time), ``PRESENT_REF``/``PAST_REF``/
``FUTURE_REF``, and ``1994/1996`` for a range.
Relative expressions are placed from the reference date (the document's creation date);
names of days, months, seasons and quarters go to their most recent past occurrence unless
the verb group that governs them speaks of the future ("will meet on Thursday", "plans to
leave Friday", "set for Tuesday", "extended to Nov. 16", "by Monday"); it is found by
reading the clause back from the expression, with the past perfect ("had been due to
expire Friday") and relative clauses ("where the Aug. 7 blasts...") taken into account.
A few anaphoric expressions ("the quarter", "a year earlier", "the 1988 period", "later
that year") are placed from the last expression of the document that fixes a time, and
a clock time without a day ("at 10 p.m.") goes on the last day the text named.

Limits: English only; no event anchoring ("two days after the election" is dropped as a
duration-like phrase or left without a value); tense is guessed from nearby words, not
parsed; fiscal years are taken as calendar years.
``dateparser`` is only a fallback for formats the rules here do not know, and is only ever
called on the short expression, never on the document.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from factx.errors import SettingsError
from factx.types import DateMention

from .vocabulary import (
    CALENDAR_NAME_RE,
    DECADE_WORD_RE,
    DECADE_WORDS,
    FORMER_WORDS,
    HOLIDAYS_FIXED,
    MONTH_NAME_RE,
    MONTH_RE,
    MONTHS,
    NUMBER_WORDS,
    NUMWORD_COMPOUND,
    ORDINALS,
    PART_OF_DAY,
    REF_WORDS,
    SEASON_ORDER,
    SEASON_RE,
    SEASONS,
    SHORT_YEAR_RE,
    TENSE_CUES,
    UNIT,
    UNITS_PLURAL,
    WEEKDAY_NAME_RE,
    WEEKDAY_RE,
    WEEKDAYS,
    YEAR_RE,
)

__all__ = ["DateSettings", "find_dates", "normalize"]

log = logging.getLogger("factx")

Value = tuple[str | None, str | None]


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


# Distinct expressions whose normalization is remembered (the same dates recur across a batch).
NORMALIZE_CACHE_SIZE = 65536


DEFAULT_SETTINGS = DateSettings()

# ------------------------------------------------------------------------ date helpers


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + k
    return n // 12, n % 12 + 1


def _iso_week(d: datetime.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _quarter(d: datetime.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _shift_quarter(year: int, q: int, k: int) -> tuple[int, int]:
    n = year * 4 + (q - 1) + k
    return n // 4, n % 4 + 1


def _season_of(d: datetime.date) -> tuple[int, int]:
    """(year, index in SEASON_ORDER); winter belongs to the year of its December."""
    m = d.month
    if m in (1, 2):
        return d.year - 1, 3
    if m == 12:
        return d.year, 3
    return d.year, (m - 3) // 3


def _fmt_day(d: datetime.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _safe_date(y: int, m: int, d: int) -> datetime.date | None:
    try:
        return datetime.date(y, m, d)
    except ValueError:
        return None


def _thanksgiving(year: int) -> datetime.date:
    first = datetime.date(year, 11, 1)
    first_thu = first + datetime.timedelta(days=(3 - first.weekday()) % 7)
    return first_thu + datetime.timedelta(days=21)


def _number(word: str) -> int | None:
    w = re.sub(r"\s+", " ", word.strip())
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    if w.isdigit():
        return int(w)
    parts = re.split(r"[\s-]", w)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


# ------------------------------------------------------------------------ normalization

_CLEAN_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-",
                               "\u2010": "-", "\u2011": "-", "\u00a0": " "})
_LEAD_PREP = re.compile(
    r"^(?:in|on|at|since|by|until|till|from|during|of|before|after|around|about|as\sof|"
    r"through|throughout|circa|for|both|either|between|as\searly\sas|as\slate\sas|as\srecently\sas|"
    r"no\slater\sthan|sometime|some\stime|beginning|starting|effective|dated)\s+"
)
# Trailing punctuation and a possessive, stripped by _strip_trail. (As a regular expression,
# "(?:'s|')?[\s.,;:!?)\"']*$", a search tries every start in a run of these characters and
# scans the run from each: quadratic in its length.)
_TRAIL_CHARS = " .,;:!?)\"'"
_MODIFIER = re.compile(
    r"^(?:(?:the\s)?(?:very\s)?(?:early|earlier|late|later|mid|middle|end|beginning|start|"
    r"close|turn|first\shalf|second\shalf|latter\spart|latter\shalf|last\spart|rest|"
    r"remainder|balance|bulk|course|last\shalf|first\shalf|latter\shalf)(?:\spart)?\s(?:of\s)?|"
    r"(?:the\s)?(?:mid|early|late)-|(?:this|that|the)\spast\s(?=(?:week|month|year)end)|"
    r"(?:some|any)\stime\s|all\sof\s|most\sof\s|much\sof\s|part\sof\s|until\s)"
)

_AGE = re.compile(
    r"(?:\d+|[a-z]+(?:-[a-z]+)?)[\s-](?:year|month|week|day)s?[\s-]olds?"
    r"|aged?\s\d+|\d{1,3}|[1-9]0s|(?:his|her|their)\s(?:\d+|early|mid|late)[\s-]?\w*"
)
_DURATION = re.compile(
    rf"(?:(?:the|a|an|its|his|her|their|our|this|that|these|those|each|every|per|only|just|"
    rf"nearly|almost|about|around|roughly|approximately|some|over|under|within|more\sthan|"
    rf"less\sthan|fewer\sthan|at\sleast|at\smost|up\sto|no\smore\sthan|as\slong\sas|"
    rf"as\smany\sas|as\slittle\sas|barely|another|an\sadditional|additional|past|last|next|"
    rf"first|coming|previous|following|final|latter|remaining|recent|ensuing|preceding|"
    rf"consecutive|straight|full|entire|whole|better|good|long)\s)*"
    rf"(?:{NUMWORD_COMPOUND}[\s-](?:(?:more|consecutive|straight|full|long|short|calendar)\s)?"
    rf"{UNIT}s?(?:[\s-](?:period|span|stretch|run|term|program|plan|high|low|old|long|"
    rf"and\sa\shalf))?|{UNITS_PLURAL}|{UNIT})"
    rf"(?:\s(?:and\s)?(?:a\shalf|{NUMWORD_COMPOUND}\s{UNIT}s?))?"
)
_SET = re.compile(
    r"(?:daily|weekly|monthly|yearly|annually|annual|quarterly|hourly|nightly|biweekly|"
    r"bimonthly|biannually|semiannually|semiannual|twice|once|every|each|per)\b.*"
    r"|.*\b(?:a|per|each)\s(?:day|week|month|year|quarter|night)"
)


def _tod_value(base: datetime.date | None, part: str | None, clock: str | None) -> Value:
    if base is None:
        return None, None
    if clock:
        return f"{_fmt_day(base)}T{clock}", "time"
    if part:
        return f"{_fmt_day(base)}T{part}", "time"
    return _fmt_day(base), "day"


_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s?(?P<ap>a\.?m\.?|p\.?m\.?)?"
    r"(?:\s(?:[a-z]{2,4}t|gmt|utc|local\stime))?"
)


def _clock(s: str) -> str | None:
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


_R_MONTH_DAY = re.compile(
    rf"(?:(?P<wd>{WEEKDAY_RE}),?\s)?(?:the\s)?(?P<mon>{MONTH_RE})\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,?\s(?P<year>{YEAR_RE}|{SHORT_YEAR_RE}))?"
)
_R_DAY_MONTH = re.compile(
    rf"(?:(?P<wd>{WEEKDAY_RE}),?\s)?(?:the\s)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?"
    rf"(?P<mon>{MONTH_RE}),?(?:\s(?P<year>{YEAR_RE}|{SHORT_YEAR_RE}))?"
)
_R_MONTH_YEAR = re.compile(
    rf"(?P<mon>{MONTH_RE}),?\s(?:of\s)?(?P<year>{YEAR_RE}|{SHORT_YEAR_RE})"
)
_R_NUMERIC = re.compile(
    r"(?P<a>\d{1,4})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{2,4})"
)
_R_YEAR = re.compile(
    rf"(?:(?:the\s)?(?:fiscal|calendar|financial|model|school|academic|tax|crop|marketing|"
    rf"budget)(?:\syear)?\s|the\syear\s|fy\s?|year\s)?(?P<year>{YEAR_RE}|{SHORT_YEAR_RE})"
    rf"(?:\sfiscal\syear)?"
)
# Only the compact forms ("1994-96", "1994/1995") are one expression; "between 1994 and
# 1996" is two expressions joined by words, and is found as two.
_R_YEAR_RANGE = re.compile(
    rf"(?:(?:fiscal|calendar)\s(?:years?\s)?)?(?P<y1>{YEAR_RE})[-/](?P<y2>{YEAR_RE}|\d{{2}})"
)
_SPELLED_UNITS = (r"one|two|three|four|five|six|seven|eight|nine")
_R_SPELLED_YEAR = re.compile(
    rf"(?:(?P<mon>{MONTH_RE})\s(?:of\s)?)?(?:the\syear\s)?"
    rf"(?:(?P<c>nineteen|eighteen|twenty)\s(?:hundred\s(?:and\s)?)?"
    rf"(?P<t>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|ten|eleven|twelve|"
    rf"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh\s(?:{_SPELLED_UNITS}))"
    rf"(?:[\s-](?P<u>{_SPELLED_UNITS}))?"
    rf"|two\sthousand(?:\s(?:and\s)?(?P<u2>{_SPELLED_UNITS}|ten|eleven|twelve))?)"
)
_R_MONTH_REL_YEAR = re.compile(
    rf"(?P<mon>{MONTH_RE}),?\s(?:of\s)?(?P<rel>this\syear|last\syear|next\syear)"
)
_R_DECADE = re.compile(
    r"(?:the\s)?(?:(?P<full>1[0-9]{2}0|20[0-9]0)|'(?P<short>\d0)|(?P<bare>[1-9]0))'?s"
    rf"|(?:the\s)?(?P<word>{DECADE_WORD_RE})"
)
_R_CENTURY = re.compile(
    r"(?:the\s|a\s)?(?P<n>\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)[\s-]century"
)
_R_SEASON = re.compile(
    rf"(?:(?P<rel>this|last|next|past|the\spast|the\scoming|coming|the\sprevious|previous|"
    rf"the\sfollowing|following|that|the|this\spast|early|late)\s)?"
    rf"(?P<season>{SEASON_RE})"
    rf"(?:(?:\sof)?\s(?P<year>{YEAR_RE}|{SHORT_YEAR_RE}|this\syear|last\syear|next\syear|"
    rf"(?:nineteen|twenty)\s[a-z]+(?:-[a-z]+)?))?"
    rf"|(?P<year2>{YEAR_RE})\s(?P<season2>{SEASON_RE})"
)
_R_QUARTER = re.compile(
    rf"(?:the\s)?(?:(?P<y0>{YEAR_RE}|this\syear|last\syear|next\syear)(?:'s)?\s|"
    rf"(?P<ago>(?:comparable\s)?(?:year-ago|year-earlier|year\searlier|year\sago|"
    rf"prior-year|previous-year)\s)|(?:company's|fiscal|its|their|the\scompany's)\s)?"
    rf"(?:fiscal\s|calendar\s)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
    rf"[\s-](?:fiscal[\s-])?(?:quarter|qtr\.?|period)"
    rf"(?:\s(?:of\s)?(?:(?:fiscal|calendar)\s)?(?P<year>{YEAR_RE}|{SHORT_YEAR_RE}|this\syear|"
    rf"last\syear|next\syear|the\syear|the\scurrent\syear|the\scurrent\sfiscal\syear|"
    rf"the\sprevious\syear|the\sfiscal\syear))?"
    rf"|q(?P<qn>[1-4])(?:\s(?P<year3>{YEAR_RE}|{SHORT_YEAR_RE}))?"
    rf"|(?P<qn2>[1-4])q(?:\s?(?P<year4>{YEAR_RE}|{SHORT_YEAR_RE}|\d{{2}}))?"
)
_R_REL_UNIT = re.compile(
    r"(?P<rel>this|that|last|next|the\spast|the\slast|past|the\scoming|coming|the\sprevious|"
    r"previous|the\sfollowing|following|the\scurrent|current|the\ssame|the\slatest|latest|"
    r"the\smost\srecent|most\srecent|the\snew|the|a|this\scoming|this\spast|the\snext|"
    r"the\sprior|prior|the\searlier|the\sensuing|the\sfull|the\swhole|the\sentire|"
    r"the\scalendar|calendar|the\sfiscal|fiscal|the\scurrent\sfiscal|this\sfiscal|"
    r"last\sfiscal|next\sfiscal|the\sprevious\sfiscal|the\snew\sfiscal)\s"
    r"(?P<unit>year|month|week|weekend|quarter|decade|century|day|period|morning|"
    r"afternoon|evening|night|season|half|fiscal\syear|calendar\syear)"
)
_R_AGO = re.compile(
    rf"(?:just\s|only\s|nearly\s|almost\s|about\s|around\s|roughly\s|some\s|more\sthan\s|"
    rf"less\sthan\s|over\s|under\s|barely\s|exactly\s)?"
    rf"(?P<n>{NUMWORD_COMPOUND})\s(?P<unit>day|week|weekend|month|year|decade|century|"
    rf"centurie|quarter|hour|minute)s?(?:\sor\sso)?\s(?P<dir>ago|earlier|later|before|after|back|"
    rf"from\snow|hence|previously|prior|since)"
)
_R_YEAR_AGO_ADJ = re.compile(
    r"(?:the\s|a\s)?(?:year|year-earlier|year-ago|year\searlier|year\sago|prior-year|"
    r"prior\syear|previous-year|previous\syear|last-year|same)(?:[\s-](?:earlier|ago))?"
    r"[\s-](?:quarter|period|three\smonths|fiscal\squarter|quarter\sof\slast\syear)"
    r"|(?:the\s)?(?:year-earlier|year-ago|prior-year|previous-year)"
)
_R_WEEKDAY = re.compile(
    rf"(?:(?P<rel>last|this|next|this\scoming|this\spast|coming|past|early|late|earlier|"
    rf"later|that|on|the\sfollowing|following|the\sprevious|previous)\s)?(?P<wd>{WEEKDAY_RE})"
    rf"(?:\s(?P<part>morning|afternoon|evening|night|overnight))?"
    rf"(?:\s(?:at\s|around\s|about\s|,\s)?(?P<clock>[0-9:.]+\s?(?:a\.?m\.?|p\.?m\.?)|noon|midnight))?"
)
_R_DEICTIC = re.compile(
    r"(?:(?P<mod>early|earlier|late|later|mid|the\sday\sbefore|the\sday\safter)\s)?"
    r"(?P<word>today|yesterday|tomorrow|tonight|this\smorning|this\safternoon|"
    r"this\sevening|last\snight|last\sevening|tomorrow\snight|tomorrow\smorning|"
    r"yesterday\smorning|yesterday\safternoon|yesterday\sevening|tomorrow\safternoon|"
    r"tomorrow\sevening|overnight|the\sday|this\sweekend|the\sweekend|last\sweekend|"
    r"next\sweekend|this\spast\sweekend)"
    r"(?:\s(?:at\s|around\s|about\s|,\s)?(?P<clock>[0-9:.]+\s?(?:a\.?m\.?|p\.?m\.?)|noon|midnight))?"
)
_R_HALF = re.compile(
    rf"(?:the\s)?(?P<which>first|second|last|latter|1st|2nd)\s(?:half|two\squarters|six\smonths)"
    rf"\s(?:of\s)?(?:(?:fiscal|calendar)\s)?(?P<year>{YEAR_RE}|{SHORT_YEAR_RE}|this\syear|"
    rf"last\syear|next\syear)"
)
_R_YEAR_END = re.compile(r"(?:around\s|by\s|at\s)?(?:the\s)?(?:year[\s-]end|year's\send)")
_R_YEAR_PERIOD = re.compile(rf"(?:the\s)?(?P<year>{YEAR_RE})\s(?:period|quarter)")
_R_PART_OF_DAY = re.compile(
    r"(?:(?:early|late)[\s-]|mid[\s-]?(?!night))(?P<part>morning|afternoon|evening|night)"
    r"(?:\s(?P<rest>.+))?"
)
_R_MONTH_ALONE = re.compile(
    rf"(?:(?P<rel>last|this|next|this\scoming|this\spast|coming|past|the\sprevious|previous|"
    rf"the\sfollowing|following|that)\s)?(?P<mon>{MONTH_RE})"
)
_R_TIME = re.compile(
    r"(?P<clock>\d{1,2}(?:[:.]\d{2})?\s?(?:a\.?m\.?|p\.?m\.?)|\d{1,2}:\d{2}|noon|midday|"
    r"midnight|\d{1,2}\so'clock)(?:\s(?:[a-z]{2,4}t|gmt|utc|local\stime))?"
    r"(?:,?\s(?:on\s)?(?P<rest>.+))?"
)
_R_HOLIDAY = re.compile(
    rf"(?:(?P<rel>last|this|next|this\spast|past|the)\s)?(?P<name>thanksgiving(?:\sday)?|"
    rf"new\syear's\sday|new\syear's\seve|valentine's\sday|independence\sday|"
    rf"(?:the\s)?fourth\sof\sjuly|halloween|christmas\seve|christmas\sday|christmas|"
    rf"boxing\sday|veterans\sday)(?:\s(?P<year>{YEAR_RE}))?"
)


def _spelled_year(m: re.Match[str]) -> int | None:
    if m.group("c") is None:
        extra = m.group("u2")
        return 2000 + (NUMBER_WORDS[extra] if extra else 0)
    century = NUMBER_WORDS[m.group("c")]
    t = m.group("t")
    if t.startswith("oh "):
        return century * 100 + NUMBER_WORDS[t[3:]]
    u = m.group("u")
    return century * 100 + NUMBER_WORDS[t] + (NUMBER_WORDS[u] if u else 0)


_SPACES = re.compile(r"\s+")
_REPEATED_WORD = re.compile(r"\b(\w+) \1\b")


def _strip_trail(s: str) -> str:
    """``s`` without its trailing spaces and punctuation, and a possessive just before them
    ("1990's." -> "1990")."""
    s = s.rstrip(_TRAIL_CHARS)  # _clean has made every run of white space one " "
    return s[:-2] if s.endswith("'s") else s


def _clean(expr: str) -> str:
    s = expr.translate(_CLEAN_QUOTES).lower()
    s = _SPACES.sub(" ", s).strip()
    s = _REPEATED_WORD.sub(r"\1", s)
    s = _strip_trail(s)
    for _ in range(3):
        t = _LEAD_PREP.sub("", s)
        if t == s:
            break
        s = t
    return s


def _year_of(token: str, ref: datetime.date | None, settings: DateSettings) -> int | None:
    if token.startswith("'"):
        yy = int(token[1:])
        if ref is None:
            return 1900 + yy if yy > 30 else 2000 + yy
        limit = ref.year + settings.two_digit_year_window
        y = (limit // 100) * 100 + yy
        return y if y <= limit else y - 100
    if token.isdigit() and len(token) == 2:
        return _year_of("'" + token, ref, settings)
    y = int(token)
    return y


def _relative_year(word: str, ref: datetime.date | None) -> int | None:
    if ref is None:
        return None
    if word in ("this year", "the year", "the current year", "the current fiscal year",
                "the fiscal year"):
        return ref.year
    if word in ("last year", "the previous year"):
        return ref.year - 1
    if word == "next year":
        return ref.year + 1
    return None


def _pick_year_for_month(month: int, day: int | None, ref: datetime.date, tense: str,
                         settings: DateSettings) -> int:
    """The year that puts month(/day) on the side of the reference date the tense says."""
    key = (month, day or 1)
    now = (ref.month, ref.day if day else 1)
    if tense == "future":
        return ref.year if key >= now else ref.year + 1
    if settings.undetermined_month_day == "past":
        return ref.year if key <= now else ref.year - 1
    # In a past-tense clause the month is the past one, unless the next one is so close
    # that the clause is more likely reported speech about it ("said the offer expires
    # Nov. 20", written on Nov. 2).
    if tense == "past":
        if key <= now:
            return ref.year
        ahead = (datetime.date(ref.year, month, min(day or 1, 28))
                 - datetime.date(ref.year, ref.month, min(ref.day if day else 1, 28))).days
        return ref.year if ahead <= settings.past_tense_future_days else ref.year - 1
    # No tense: the occurrence nearest to the reference date, the past one on a tie.
    here = datetime.date(2000, month, min(day or 1, 28))
    pivot = datetime.date(2000, ref.month, min(ref.day if day else 1, 28))
    diff = (here - pivot).days
    if diff > 183:
        return ref.year - 1
    if diff < -182:
        return ref.year + 1
    return ref.year


_REL_LAST = {"last", "the past", "the last", "past", "the previous", "previous", "this past",
             "the prior", "prior", "the earlier"}
_REL_NEXT = {"next", "the coming", "coming", "the following", "following", "this coming",
             "the next", "the ensuing", "the new"}


def _normalize_core(s: str, ref: datetime.date | None, tense: str, anchor: str | None,
                    settings: DateSettings) -> Value | str:
    """TIMEX3 value of a cleaned expression; "drop" for non-points, "?" if unknown."""
    if not s:
        return "drop"
    if s in REF_WORDS:
        return REF_WORDS[s], "ref"
    if s in FORMER_WORDS:
        if s == "former" and settings.former_as_past_ref:
            return "PAST_REF", "ref"
        return "drop"
    if _AGE.fullmatch(s):
        return "drop"
    if _SET.fullmatch(s):
        return "drop"
    if s.startswith("the ") and _FOUR_DIGITS.fullmatch(s, 4):
        return _normalize_core(s[4:], ref, tense, anchor, settings)  # "the 2010 (elections)"

    m = _R_DEICTIC.fullmatch(s)
    if m:
        return _deictic(m, ref, tense)

    m = _R_HALF.fullmatch(s)
    if m:
        ytok = m.group("year")
        y = _year_of(ytok, ref, settings) if ytok[0] in "0123456789'" else \
            _relative_year(ytok, ref)
        if y is None:
            return None, None
        return f"{y:04d}-H{1 if m.group('which') in ('first', '1st') else 2}", "half"

    m = _MODIFIER.match(s)
    if m and m.end() < len(s):
        rest = s[m.end():]
        rest = re.sub(r"^(?:the|in\sthe|in)\s(?=year$|month$|week$|day$)", "the ", rest)
        out = _normalize_core(rest, ref, tense, anchor, settings)
        if out == "drop" and re.fullmatch(r"the\s(?:year|month|week)", rest):
            return _rel_unit("this", rest[4:], ref, tense, anchor)
        if isinstance(out, tuple) or out == "drop":
            return out

    m = _R_SPELLED_YEAR.fullmatch(s)
    if m:
        y = _spelled_year(m)
        if y is not None:
            mon = m.group("mon")
            if mon:
                return f"{y:04d}-{MONTHS[mon.rstrip('.')]:02d}", "month"
            return f"{y:04d}", "year"

    m = _R_MONTH_REL_YEAR.fullmatch(s)
    if m:
        y = _relative_year(m.group("rel"), ref)
        if y is None:
            return None, None
        return f"{y:04d}-{MONTHS[m.group('mon').rstrip('.')]:02d}", "month"

    m = _R_AGO.fullmatch(s)
    if m:
        return _ago(m, ref, anchor)

    m = _R_YEAR_AGO_ADJ.fullmatch(s)
    if m:
        return _year_ago_period(ref, anchor)

    # "the quarter", "the latest quarter", "the period": the quarter being reported on.
    if re.fullmatch(r"(?:the|the\slatest|the\srecent|the\smost\srecent|the\sjust-ended|"
                    r"the\sjust\sended|the\sfiscal|the\ssame|that|the\scurrent|the\sreporting)"
                    r"\s(?:quarter|period|three\smonths|fiscal\squarter|reporting\speriod)", s):
        is_current = "current" in s
        if anchor and "-Q" in anchor and not is_current:
            return anchor, "quarter"
        if "period" in s and not (anchor and "-Q" in anchor):
            return "drop"
        if ref is None:
            return None, None
        y, q = _quarter(ref)
        if not is_current:
            y, q = _shift_quarter(y, q, -1)
        return f"{y:04d}-Q{q}", "quarter"

    m = _R_QUARTER.fullmatch(s)
    if m:
        return _quarter_value(m, ref, tense, anchor, settings)

    if _R_YEAR_END.fullmatch(s):
        # "by year end": the end of the reference year (TimeML: the year, mod END).
        return (f"{ref.year:04d}", "year") if ref else (None, None)

    m = _R_YEAR_PERIOD.fullmatch(s)
    if m:
        # "the 1988 period" in a report on a quarter: that quarter of 1988.
        if anchor and "-Q" in anchor:
            return f"{m.group('year')}{anchor[4:]}", "quarter"
        return f"{m.group('year')}", "year"

    m = _R_PART_OF_DAY.fullmatch(s)
    if m:
        part = PART_OF_DAY[m.group("part")]
        if m.group("rest"):
            sub = _normalize_core(m.group("rest"), ref, tense, anchor, settings)
            if isinstance(sub, str) or sub[0] is None or sub[1] != "day":
                return "?"
            return f"{sub[0]}T{part}", "time"
        return (f"{_fmt_day(ref)}T{part}", "time") if ref else (None, None)

    m = _R_YEAR_RANGE.fullmatch(s)
    if m:
        y1 = int(m.group("y1"))
        t = m.group("y2")
        y2 = int(t) if len(t) == 4 else (y1 // 100) * 100 + int(t)
        if len(t) == 2 and y2 < y1:
            y2 += 100
        if y2 > y1:
            return f"{y1:04d}/{y2:04d}", "year"

    m = _R_YEAR.fullmatch(s)
    if m:
        y = _year_of(m.group("year"), ref, settings)
        if y is not None and settings.min_year <= y <= settings.max_year:
            return f"{y:04d}", "year"
        return "drop"

    m = _R_DECADE.fullmatch(s)
    if m:
        return _decade(m, ref)

    m = _R_CENTURY.fullmatch(s)
    if m:
        n = m.group("n")
        num = int(re.sub(r"\D", "", n)) if n[0].isdigit() else ORDINALS.get(n)
        if n in ("this", "the"):
            return (f"{ref.year // 100:02d}", "century") if ref else (None, None)
        if n in ("last", "the last", "previous"):
            return (f"{ref.year // 100 - 1:02d}", "century") if ref else (None, None)
        if num and 1 <= num <= 22:
            return f"{num - 1:02d}", "century"
        return "drop"

    m = _R_MONTH_DAY.fullmatch(s) or _R_DAY_MONTH.fullmatch(s)
    if m:
        return _month_day(m, ref, tense, settings)

    m = _R_MONTH_YEAR.fullmatch(s)
    if m:
        y = _year_of(m.group("year"), ref, settings)
        mon = MONTHS[m.group("mon").rstrip(".")]
        return f"{y:04d}-{mon:02d}", "month"

    m = _R_NUMERIC.fullmatch(s)
    if m:
        return _numeric(m, ref, settings)

    m = _R_WEEKDAY.fullmatch(s)
    if m:
        return _weekday(m, ref, tense, settings)

    m = _R_MONTH_ALONE.fullmatch(s)
    if m:
        if ref is None:
            return None, None
        mon = MONTHS[m.group("mon").rstrip(".")]
        rel = m.group("rel")
        if rel in ("last", "this past", "past", "the previous", "previous"):
            y = ref.year if mon < ref.month else ref.year - 1
        elif rel in ("next", "this coming", "coming", "the following", "following"):
            y = ref.year if mon > ref.month else ref.year + 1
        elif rel == "this":
            y = ref.year
        else:
            y = _pick_year_for_month(mon, None, ref, tense, settings)
        return f"{y:04d}-{mon:02d}", "month"

    m = _R_SEASON.fullmatch(s)
    if m:
        return _season(m, ref, tense, settings)

    m = _R_HOLIDAY.fullmatch(s)
    if m:
        return _holiday(m, ref, tense)

    m = _R_REL_UNIT.fullmatch(s)
    if m:
        return _rel_unit(m.group("rel"), m.group("unit"), ref, tense, anchor)

    m = _R_TIME.fullmatch(s)
    if m:
        clock = _clock(m.group("clock").strip())
        if clock is None:
            return "drop"
        rest = m.group("rest")
        base: datetime.date | None = ref
        if anchor is not None and _granularity_of(anchor) == "day" and \
                settings.clock_time_on_anchor_day:
            # "shot at 10 p.m.": the day the text is talking about, not the day it was written.
            base = datetime.date.fromisoformat(anchor)
        if rest:
            sub = _normalize_core(rest, ref, tense, anchor, settings)
            if isinstance(sub, str) or sub[0] is None or sub[1] != "day":
                return "?"
            base = datetime.date.fromisoformat(sub[0])
        return _tod_value(base, None, clock)

    if _DURATION.fullmatch(s):
        return "drop"
    return "?"


def _deictic(m: re.Match[str], ref: datetime.date | None, tense: str) -> Value | str:
    word = m.group("word")
    if word in ("overnight",):
        return "drop"
    if word == "the day":
        return "drop"
    if ref is None:
        return None, None
    clock = _clock(m.group("clock")) if m.group("clock") else None
    mod = m.group("mod")
    if "weekend" in word:
        wd = ref.weekday()
        if word in ("this weekend", "the weekend"):
            if wd >= 5:
                base = ref
            elif tense == "future" or word == "this weekend":
                base = ref + datetime.timedelta(days=5 - wd)
            else:
                base = ref - datetime.timedelta(days=wd + 1)
        elif word in ("last weekend", "this past weekend"):
            base = ref - datetime.timedelta(days=wd + 1 if wd < 5 else wd + 2)
        else:
            base = ref + datetime.timedelta(days=12 - wd)
        return f"{_iso_week(base)}-WE", "week"
    offset = 0
    if word.startswith("yesterday") or word in ("last night", "last evening"):
        offset = -1
    elif word.startswith("tomorrow"):
        offset = 1
    if mod == "the day before":
        offset -= 1
    elif mod == "the day after":
        offset += 1
    day = ref + datetime.timedelta(days=offset)
    part = None
    for k, v in PART_OF_DAY.items():
        if word.endswith(k):
            part = v
    if word == "tonight":
        part = "NI"
    return _tod_value(day, part, clock)


def _ago(m: re.Match[str], ref: datetime.date | None, anchor: str | None) -> Value | str:
    n = _number(m.group("n"))
    unit = m.group("unit")
    direction = m.group("dir")
    if re.match(r"(?:a\s)?(?:few|several|many|some)\b", m.group("n")) and \
            direction in ("ago", "back"):
        return "PAST_REF", "ref"
    if n is None or "half" in m.group("n"):
        return "drop"
    if unit in ("hour", "minute"):
        return "drop"
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    anaphoric = direction in ("earlier", "later", "before", "after", "previously", "prior")
    # "up from a year ago": in reports on a quarter it is the same quarter a year before.
    if unit == "year" and anchor and "-Q" in anchor and anchor[:4].isdigit():
        y, q = int(anchor[:4]), int(anchor[-1])
        return f"{y + sign * n:04d}-Q{q}", "quarter"
    if direction == "since":
        return "drop"
    if anaphoric and anchor is not None:
        shifted = _shift_anchor(anchor, unit, sign * n)
        if shifted is not None:
            return shifted
    if ref is None:
        return None, None
    if unit == "day":
        return _fmt_day(ref + datetime.timedelta(days=sign * n)), "day"
    if unit in ("week", "weekend"):
        return _iso_week(ref + datetime.timedelta(days=7 * sign * n)), "week"
    if unit == "month":
        y, mo = _add_months(ref.year, ref.month, sign * n)
        return f"{y:04d}-{mo:02d}", "month"
    if unit == "quarter":
        y, q = _shift_quarter(*_quarter(ref), sign * n)
        return f"{y:04d}-Q{q}", "quarter"
    if unit == "year":
        return f"{ref.year + sign * n:04d}", "year"
    if unit == "decade":
        return f"{(ref.year + sign * 10 * n) // 10:03d}X", "decade"
    return f"{(ref.year + sign * 100 * n) // 100:02d}", "century"


_GRANULARITY_OF = (
    (re.compile(r"\d{4}"), "year"), (re.compile(r"\d{4}-\d{2}"), "month"),
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "day"), (re.compile(r"\d{4}-Q\d"), "quarter"),
    (re.compile(r"\d{4}-(?:SP|SU|FA|WI)"), "season"), (re.compile(r"\d{4}-W\d{2}"), "week"),
)


def _granularity_of(value: str) -> str | None:
    for rx, g in _GRANULARITY_OF:
        if rx.fullmatch(value):
            return g
    return None


def _shift_anchor(anchor: str, unit: str, k: int) -> Value | None:
    """The anchor moved by k units, at the anchor's own granularity when it has one."""
    g = _granularity_of(anchor)
    if g is None:
        return None
    if unit == "year" and g != "day":
        return f"{int(anchor[:4]) + k:04d}{anchor[4:]}", g
    if unit == "day" and g == "day":
        d = datetime.date.fromisoformat(anchor) + datetime.timedelta(days=k)
        return _fmt_day(d), "day"
    if unit == "month" and g in ("day", "month"):
        y, mo = _add_months(int(anchor[:4]), int(anchor[5:7]), k)
        return f"{y:04d}-{mo:02d}", "month"
    if unit == "quarter" and g == "quarter":
        y, q = _shift_quarter(int(anchor[:4]), int(anchor[-1]), k)
        return f"{y:04d}-Q{q}", "quarter"
    return None


def _year_ago_period(ref: datetime.date | None, anchor: str | None) -> Value | str:
    if anchor and "-Q" in anchor and anchor[:4].isdigit():
        return f"{int(anchor[:4]) - 1:04d}-Q{anchor[-1]}", "quarter"
    if ref is None:
        return None, None
    y, q = _shift_quarter(*_quarter(ref), -1)
    return f"{y - 1:04d}-Q{q}", "quarter"


def _quarter_value(m: re.Match[str], ref: datetime.date | None, tense: str,
                   anchor: str | None, settings: DateSettings) -> Value | str:
    if m.group("qn") or m.group("qn2"):
        q = int(m.group("qn") or m.group("qn2"))
        ytok = m.group("year3") or m.group("year4")
    else:
        q = ORDINALS[m.group("ord")]
        ytok = m.group("year") or m.group("y0")
        if q > 4:
            return "drop"
        if m.group("ago"):
            if anchor and anchor[:4].isdigit():
                return f"{int(anchor[:4]) - 1:04d}-Q{q}", "quarter"
            if ref is None:
                return None, None
            cy, cq = _quarter(ref)
            return f"{(cy if q <= cq else cy - 1) - 1:04d}-Q{q}", "quarter"
    year: int | None = None
    if ytok:
        if ytok[0].isdigit() or ytok[0] == "'":
            year = _year_of(ytok, ref, settings)
        else:
            year = _relative_year(ytok, ref)
            if year is None:
                return None, None
    elif ref is not None:
        cy, cq = _quarter(ref)
        # A quarter that has just ended is still reported on in the future tense.
        year = (cy if q >= cq - 1 else cy + 1) if tense == "future" else (cy if q <= cq else cy - 1)
    if year is None:
        return None, None
    return f"{year:04d}-Q{q}", "quarter"


def _decade(m: re.Match[str], ref: datetime.date | None) -> Value | str:
    if m.group("full"):
        y = int(m.group("full"))
        if y % 100 == 0:
            return f"{y // 100:02d}", "century"
        return f"{y // 10:03d}X", "decade"
    tens_tok = m.group("short") or m.group("bare")
    tens = int(tens_tok[0]) if tens_tok else DECADE_WORDS[m.group("word")]
    if tens == 0:
        return "drop"
    base = ref.year if ref else 1999
    century = base // 100
    # "the '90s" written in 2005 is the 1990s; "the '20s" written in 1998 is the 1920s.
    if century * 100 + tens * 10 > base:
        century -= 1
    if m.group("bare") and not m.group(0).startswith("the"):
        return "drop"  # "in his 40s" is an age, "the 40s" is a decade
    return f"{century:02d}{tens}X", "decade"


def _month_day(m: re.Match[str], ref: datetime.date | None, tense: str,
               settings: DateSettings) -> Value | str:
    mon = MONTHS[m.group("mon").rstrip(".")]
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return "drop"
    if m.group("year"):
        y = _year_of(m.group("year"), ref, settings)
        if y is None:
            return None, None
        d = _safe_date(y, mon, day)
        return (_fmt_day(d), "day") if d else "drop"
    if ref is None:
        return None, None
    wd = m.group("wd")
    if wd:
        target = WEEKDAYS[wd.rstrip(".")]
        for y in (ref.year, ref.year - 1, ref.year + 1):
            d = _safe_date(y, mon, day)
            if d and d.weekday() == target and abs((d - ref).days) < 200:
                return _fmt_day(d), "day"
    y = _pick_year_for_month(mon, day, ref, tense, settings)
    d = _safe_date(y, mon, day)
    return (_fmt_day(d), "day") if d else "drop"


def _numeric(m: re.Match[str], ref: datetime.date | None,
             settings: DateSettings) -> Value | str:
    a, b, c = m.group("a"), m.group("b"), m.group("c")
    if len(a) == 4:
        d = _safe_date(int(a), int(b), int(c)) if len(c) <= 2 else None
    else:
        if m.group("sep") == "." and len(c) == 2:
            return "drop"  # "3.5.10" is more often a version or a score than a date
        y = _year_of(c, ref, settings) if len(c) in (2, 4) else None
        # US news: month first, unless the first number cannot be a month.
        mo, dd = (int(a), int(b)) if int(a) <= 12 else (int(b), int(a))
        d = _safe_date(y, mo, dd) if y else None
    return (_fmt_day(d), "day") if d else "drop"


def _weekday(m: re.Match[str], ref: datetime.date | None, tense: str,
             settings: DateSettings) -> Value | str:
    if ref is None:
        return None, None
    target = WEEKDAYS[m.group("wd").rstrip(".")]
    rel = m.group("rel") or ""
    wd = ref.weekday()
    if rel in ("last", "this past", "past", "the previous", "previous"):
        delta = -((wd - target) % 7 or 7)
    elif rel in ("next", "this coming", "coming", "the following", "following"):
        delta = (target - wd) % 7 or 7
    elif rel == "this":
        delta = target - wd
    elif tense == "future":
        delta = (target - wd) % 7
        if delta == 0 and not settings.weekday_can_be_reference_day:
            delta = 7
    else:
        delta = -((wd - target) % 7)
        if delta == 0 and not settings.weekday_can_be_reference_day:
            delta = -7
    day = ref + datetime.timedelta(days=delta)
    part = PART_OF_DAY.get(m.group("part") or "")
    clock = _clock(m.group("clock")) if m.group("clock") else None
    return _tod_value(day, part, clock)


def _season(m: re.Match[str], ref: datetime.date | None, tense: str,
            settings: DateSettings) -> Value | str:
    name = m.group("season") or m.group("season2")
    code = SEASONS[name]
    idx = SEASON_ORDER.index(code)
    ytok = m.group("year") or m.group("year2")
    if ytok:
        if ytok[0].isdigit() or ytok[0] == "'":
            y = _year_of(ytok, ref, settings)
        elif ytok.startswith(("nineteen", "twenty")):
            sm = _R_SPELLED_YEAR.fullmatch(ytok)
            y = _spelled_year(sm) if sm else None
            if y is None:
                return "?"
        else:
            y = _relative_year(ytok, ref)
        return (f"{y:04d}-{code}", "season") if y is not None else (None, None)
    if ref is None:
        return None, None
    cy, ci = _season_of(ref)
    rel = m.group("rel") or ""
    cur = cy * 4 + ci
    if rel in ("last", "past", "the past", "previous", "the previous", "this past"):
        n = cur - ((ci - idx) % 4 or 4)
    elif rel in ("next", "the coming", "coming", "the following", "following"):
        n = cur + ((idx - ci) % 4 or 4)
    elif rel == "this":
        y = ref.year - 1 if (code == "WI" and ref.month <= 2) else ref.year
        return f"{y:04d}-{code}", "season"
    elif tense == "future":
        n = cur + (idx - ci) % 4
    else:
        n = cur - (ci - idx) % 4
    return f"{n // 4:04d}-{code}", "season"


def _holiday(m: re.Match[str], ref: datetime.date | None, tense: str) -> Value | str:
    name = m.group("name")
    rel = m.group("rel") or ""

    def on(year: int) -> datetime.date:
        if name.startswith("thanksgiving"):
            return _thanksgiving(year)
        mo, d = HOLIDAYS_FIXED[name]
        return datetime.date(year, mo, d)

    if m.group("year"):
        return _fmt_day(on(int(m.group("year")))), "day"
    if ref is None:
        return None, None
    this = on(ref.year)
    if rel in ("last", "this past", "past"):
        d = this if this < ref else on(ref.year - 1)
    elif rel == "next":
        d = this if this > ref else on(ref.year + 1)
    elif rel == "this":
        d = this
    elif tense == "future":
        d = this if this >= ref else on(ref.year + 1)
    else:
        d = this if this <= ref else on(ref.year - 1)
    return _fmt_day(d), "day"


def _rel_unit(rel: str, unit: str, ref: datetime.date | None, tense: str,
              anchor: str | None) -> Value | str:
    if unit in ("period", "season", "half") or (unit == "day" and rel not in ("that", "the same")):
        return "drop"
    if rel in ("the following", "the previous", "the prior") and anchor and \
            unit in ("year", "month", "day", "quarter"):
        shifted = _shift_anchor(anchor, unit, 1 if rel == "the following" else -1)
        if shifted is not None and (unit != "year" or shifted[1] == "year"):
            return shifted
    if rel == "a" or (rel in ("the past", "the last", "past", "the next", "the coming",
                              "the following", "the previous", "the prior", "the ensuing",
                              "the whole", "the entire")
                      and unit not in ("weekend",)):
        # "the past year", "the next month": a stretch of time, not a calendar unit.
        return "drop"
    if unit in ("morning", "afternoon", "evening", "night"):
        if rel not in ("this", "that", "the same", "last", "the") or ref is None:
            return "drop" if ref is not None else (None, None)
        if rel in ("that", "the same", "the"):
            return "drop"
        day = ref - datetime.timedelta(days=1) if rel == "last" else ref
        return _tod_value(day, PART_OF_DAY[unit], None)
    if rel in ("that", "the same"):
        # "that year", "the same day": the time last named in the text.
        g = _granularity_of(anchor) if anchor else None
        if g is None:
            return "drop"
        if unit == "year":
            return anchor[:4] if anchor else None, "year"
        if unit == "month" and g in ("month", "day"):
            return anchor[:7] if anchor else None, "month"
        if unit == "day" and g == "day":
            return anchor, "day"
        return "drop"
    if unit in ("fiscal year", "calendar year"):
        unit = "year"
    if rel == "the" and unit in ("week", "month", "decade", "century"):
        return "drop"
    if ref is None:
        return None, None
    k = -1 if rel in _REL_LAST else 1 if rel in _REL_NEXT else 0
    if rel in ("last fiscal", "the previous fiscal"):
        k = -1
    if rel in ("next fiscal", "the new fiscal"):
        k = 1
    if unit == "year":
        if rel == "the" and anchor and anchor[:4].isdigit() and len(anchor) == 4:
            return anchor, "year"
        return f"{ref.year + k:04d}", "year"
    if unit == "month":
        y, mo = _add_months(ref.year, ref.month, k)
        return f"{y:04d}-{mo:02d}", "month"
    if unit == "week":
        return _iso_week(ref + datetime.timedelta(days=7 * k)), "week"
    if unit == "weekend":
        wd = ref.weekday()
        base = ref + datetime.timedelta(days=7 * k)
        if k == 0 and wd < 5 and tense != "future":
            base = ref - datetime.timedelta(days=wd + 1)
        return f"{_iso_week(base)}-WE", "week"
    if unit == "quarter":
        y, q = _shift_quarter(*_quarter(ref), k)
        return f"{y:04d}-Q{q}", "quarter"
    if unit == "decade":
        return f"{ref.year // 10 + k:03d}X", "decade"
    return f"{ref.year // 100 + k:02d}", "century"


@functools.lru_cache(maxsize=1)
def _dateparser_module() -> Any:
    try:
        import dateparser.date
    except ImportError:  # pragma: no cover - dateparser is a declared dependency
        log.warning("dateparser is not installed: unusual date formats are not normalized")
        return None
    return dateparser.date


@functools.lru_cache(maxsize=256)
def _parser_for(ref: datetime.date | None, tense: str) -> Any:
    mod = _dateparser_module()
    if mod is None:
        return None
    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "future" if tense == "future" else "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": True,
        "STRICT_PARSING": False,
    }
    if ref is not None:
        settings["RELATIVE_BASE"] = datetime.datetime(ref.year, ref.month, ref.day)
    return mod.DateDataParser(languages=["en"], settings=settings)


_DP_PRECHECK = re.compile(
    rf"\d|{MONTH_RE}|{WEEKDAY_RE}|\b(?:today|yesterday|tomorrow|ago)\b"
)


_FOUR_DIGITS = re.compile(r"\b\d{4}\b")


def _dateparser_value(s: str, ref: datetime.date | None, tense: str) -> Value | None:
    if not _DP_PRECHECK.search(s) or len(s) > 40:
        return None
    if len(_FOUR_DIGITS.findall(s)) > 1 or "age" in s:
        # a span or list of years, or an age: never one date, and dateparser tries every
        # parser on it before saying so (~1 ms)
        return None
    parser = _parser_for(ref, tense)
    if parser is None:
        return None
    try:
        data = parser.get_date_data(s)
    except Exception:
        log.debug("dateparser failed on %r", s, exc_info=True)
        return None
    d, period = data.date_obj, data.period
    if d is None:
        return None
    relative = not _FOUR_DIGITS.search(s)
    if relative and ref is None:
        return None, None
    if relative and ref is not None and abs(d.year - ref.year) > 1:
        return None  # a number read as a year ("April 24 and 25")
    if period == "year":
        return f"{d.year:04d}", "year"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}", "month"
    if period == "week":
        return _iso_week(d.date()), "week"
    if period == "time" and (d.hour or d.minute):
        return f"{_fmt_day(d.date())}T{d.hour:02d}:{d.minute:02d}", "time"
    return _fmt_day(d.date()), "day"


@functools.lru_cache(maxsize=NORMALIZE_CACHE_SIZE)
def _normalize_cached(s: str, ref: datetime.date | None, tense: str, anchor: str | None,
                      settings: DateSettings) -> Value | str:
    out = _normalize_core(s, ref, tense, anchor, settings)
    if out == "?" and settings.use_dateparser:
        dp = _dateparser_value(s, ref, tense)
        if dp is not None:
            return dp
    return out


_ANCHOR_WORDS = re.compile(
    r"quarter|period|qtr|year|three months|ago|earlier|later|before|after"
    r"|previously|prior|that|same|day|month|\d\s?[ap]\.?m\b|noon|midnight|o'clock"
)


def _anchor_dependent(s: str) -> bool:
    return bool(_ANCHOR_WORDS.search(s))


def normalize(expression: str, reference_date: datetime.date | None, *,
              tense: str = "", settings: DateSettings | None = None) -> Value:
    """TIMEX3 (value, granularity) of one temporal expression, or (None, None).

    ``future`` places names of days, months, seasons and quarters after the reference
    date instead of before it. Durations, sets and ages give (None, None), as does a
    relative expression without a reference date. Results are cached.
    """
    out = _normalize_cached(_clean(expression), reference_date, tense, None,
                            settings or DEFAULT_SETTINGS)
    if isinstance(out, str):
        return None, None
    return out


# ------------------------------------------------------------------------ finding

_FUTURE_WORDS = TENSE_CUES["future"]
# Words of intention or schedule: what follows "plans to" or "scheduled for" is to come.
_INTENT_WORDS = TENSE_CUES["intent"]
# Words that announce a deadline or a start when they come right before the expression:
# the future, unless the clause is in the past perfect ("had filed reports by Monday").
_FUTURE_LEFT_ONLY = TENSE_CUES["deadline"]
_PAST_LEFT_ONLY = TENSE_CUES["since"]
_PAST_WORDS = TENSE_CUES["past"]
_MODALS = TENSE_CUES["modal"]
_CLAUSE_OPENERS = TENSE_CUES["clause_opener"]
_DETERMINERS = TENSE_CUES["determiner"]
_ADJECTIVAL_ED = TENSE_CUES["adjectival"]
# Verbs that move a deadline: "extended to Nov. 16" names the new, later date.
_RESCHEDULE_WORDS = TENSE_CUES["reschedule"]
_TOKEN = re.compile(r"[A-Za-z']+|[0-9][0-9.,:]*")
_SENT_BREAK = re.compile(r"[.!?]\s+(?=[A-Z\"'`])|\n|;")


def _word_tense(word: str) -> str:
    w = word.lower()
    if w in _FUTURE_WORDS:
        return "future"
    if w in _PAST_WORDS or (len(w) > 4 and w.endswith("ed") and w != "united"):
        return "past"
    return ""


def _past_perfect(tokens: list[str], i: int) -> bool:
    """Whether the verb group ending at tokens[i] is in the past perfect ("had been due")."""
    return any(t.lower() == "had" for t in tokens[max(0, i - 5): i])


def _modal_future(tokens: list[str], i: int) -> bool:
    """Whether the participle at tokens[i] belongs to a future group ("will be paid")."""
    return any(t.lower() in _MODALS for t in tokens[max(0, i - 3): i])


def _left_tense(tokens: list[str]) -> str:
    """The tense of the nearest verb group to the left, read from its last word back."""
    for i in range(len(tokens) - 1, -1, -1):
        w = tokens[i].lower()
        if w in _CLAUSE_OPENERS:
            return ""  # "where the Aug. 7 blasts killed": the verb is to the right
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if w in _INTENT_WORDS and (nxt == "for" or (nxt == "to" and i + 2 < len(tokens))):
            # "plans to redeem the notes Nov. 16", "the vote is set for Tuesday"
            return "past" if _past_perfect(tokens, i) else "future"
        if w in _ADJECTIVAL_ED or (w.endswith("ed") and i and
                                   tokens[i - 1].lower() in _DETERMINERS):
            continue  # "the proposed merger", "preferred shares"
        t = _word_tense(w)
        if t == "future" and _past_perfect(tokens, i):
            return "past"
        if t == "past" and w not in ("had", "has", "have") and _modal_future(tokens, i):
            return "future"
        if t:
            return t
    return ""


_AS_SOON_AS = re.compile(r"\bas\s(?:soon|early)\sas\s$", re.I)


def _tense(text: str, start: int, end: int, settings: DateSettings) -> str:
    """"past", "future" or "" from the verb group that governs an expression.

    The clause to the left is read back from the expression and the first tense cue met
    decides ("will meet him on Thursday", "plans to redeem the notes Nov. 16", "met
    Monday", "had been due to expire Friday"); a preposition of deadline right before it
    ("by", "until") means the future unless the clause is in the past perfect. Only when
    the left side has no cue (the expression opens the sentence) is the right side read.
    """
    w = settings.tense_context_chars
    left = _SENT_BREAK.split(text[max(0, start - w): start])[-1]
    right = _SENT_BREAK.split(text[end: end + w])[0]
    tokens = _TOKEN.findall(left)
    if tokens and left.endswith(tokens[-1] + " "):
        last = tokens[-1].lower()
        if last in _PAST_LEFT_ONLY:
            return "past"
        if last in ("to", "until", "till") and any(
                t.lower() in _RESCHEDULE_WORDS for t in tokens[-3:-1]):
            return "future"
        if last in _FUTURE_LEFT_ONLY:
            near = [t.lower() for t in tokens[-6:] + _TOKEN.findall(right)[:4]]
            return "past" if "had" in near else "future"
    if _AS_SOON_AS.search(left):
        return "future"
    best = _left_tense(tokens)
    if best:
        return best
    for m in _TOKEN.finditer(right):
        t = _word_tense(m.group(0))
        if t:
            return t
    return ""


_CAP_NAMES = re.compile(rf"\b(?:{CALENDAR_NAME_RE}|thanksgiving|christmas|halloween)\b")

_B = r"(?<![\w'-])"
_E = r"(?![\w-])"
_FIND_PARTS = [
    # explicit dates
    rf"(?:{WEEKDAY_RE},?\s)?{MONTH_RE}\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s(?:{YEAR_RE}|'\d\d))?",
    rf"(?:{WEEKDAY_RE},?\s)?\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{MONTH_RE},?\s{YEAR_RE}",
    rf"(?:(?:early|late|mid|mid-|the\send\sof|the\sbeginning\sof|last|this|next)[\s-])?"
    rf"{MONTH_RE},?\s(?:of\s)?{YEAR_RE}",
    r"(?:(?:early|late|mid-|mid)[\s-]?|(?:last|this|next)\s)"
    rf"(?:{MONTH_NAME_RE})",
    # days of the week, deictic days and parts of days
    rf"(?:(?:last|this|next|early|late)\s)?(?:{WEEKDAY_NAME_RE})(?:\s(?:morning|afternoon|evening|night))?",
    r"(?:(?:early|earlier|late|later)\s|(?:early|late|mid)[\s-]?(?:morning|afternoon|evening)\s)?"
    r"(?:today|yesterday|tomorrow|tonight)"
    r"(?:\s(?:morning|afternoon|evening|night))?",
    r"(?:this|last)\s(?:morning|afternoon|evening|night)",
    r"(?:this|last|next|the|this\spast)\sweekend",
    # relative calendar units
    r"(?:(?:early|earlier|late|later)\s)?(?:this|last|next)\s"
    rf"(?:year|month|week|quarter|decade|century|{SEASON_RE})",
    rf"(?:the\s)?(?:(?:fiscal|calendar)\s)?(?:first|second|third|fourth|1st|2nd|3rd|4th)"
    rf"[\s-](?:fiscal[\s-])?quarter(?:\s(?:of\s)?(?:{YEAR_RE}|this\syear|last\syear|next\syear))?",
    r"(?:the\s)?(?:year-earlier|year-ago|year\searlier|year\sago)\s(?:quarter|period)",
    rf"(?:{NUMWORD_COMPOUND})\s(?:day|week|month|year|decade)s?\sago",
    r"(?:a|one)\syear\searlier",
    # decades, fiscal years, holidays, clock times
    r"(?:the\s)?(?:(?:early|mid|late)[\s-])?(?:1[0-9]{2}0|20[0-9]0|'\d0)'?s",
    rf"fiscal\s(?:year\s)?{YEAR_RE}",
    r"(?:thanksgiving(?:\sday)?|christmas(?:\seve|\sday)?|new\syear's\s(?:day|eve)|halloween|"
    r"valentine's\sday|independence\sday)",
    r"\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am|pm)(?!\w)(?:\s(?:[a-z]{2,4}t|gmt|utc))?",
    r"(?:noon|midnight)",
]
_FIND_REF = (
    r"(?:right\s|just\s)?now(?!\sthat)|currently|recently|more\srecently|until\srecently|"
    r"presently|nowadays|these\sdays|at\spresent|at\sthe\smoment|current|"
    r"recent\s(?:years|months|weeks|days|decades)|"
    r"the\s(?:near|distant|foreseeable|recent|distant)\s(?:future|past)|"
    r"the\s(?:future|past)(?!\s(?:\w+\s){0,2}?(?:years?|months?|weeks?|days?|decades?|"
    r"centur(?:y|ies)|quarters?|hours?|nights?|sessions?|seasons?|times?|president|"
    r"performance|record)\b)|"
    r"the\s(?:near|short)\sterm"
)
_FINDER = re.compile(rf"{_B}(?:" + "|".join(_FIND_PARTS) + rf"){_E}", re.I)
_FINDER_REF = re.compile(rf"{_B}(?:{_FIND_REF}){_E}", re.I)

# Scanning a whole document with the case-insensitive finders is slow: the regex engine
# cannot skip an alternative by its first letter, so it tries all of them at every word.
# The same (all lower-case, all ASCII) patterns compiled case-sensitively and run over the
# lower-cased text find the same spans in a fraction of the time. That holds when lower()
# changes nothing but ASCII letters and the text holds none of the four non-ASCII
# characters that IGNORECASE equates with ASCII letters; other texts use the finders above.
_FINDER_LOWER = re.compile(_FINDER.pattern)
_FINDER_REF_LOWER = re.compile(_FINDER_REF.pattern)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")  # İ ı ſ K (Kelvin)


def _lowered(text: str) -> str | None:
    """``text.lower()`` if the lower-case finders give the same matches on it, else None."""
    if text.isascii():
        return text.lower()
    others = set(_NON_ASCII.findall(text))
    if others.isdisjoint(_FOLDS_TO_ASCII) and all(c.lower() == c for c in others):
        return text.lower()
    return None


def _has_lowercase_name(fragment: str) -> bool:
    # A month or day name in lower case is a word ("may", "march"), not a date; the
    # pattern only finds lower-case names, so any hit not glued to a hyphen disqualifies.
    return any(m.start() == 0 or fragment[m.start() - 1] != "-"
               for m in _CAP_NAMES.finditer(fragment))


_POSSESSIVE_END = re.compile(r"['\u2019]s$")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]{2,5}|[ap]\.m)\.$")  # "Sept.", "p.m." keep their period


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces, punctuation and a possessive from the ends of a span."""
    while start < end and (text[start].isspace() or text[start] in "\"'([{,;:\u201c\u2018"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"')]},;:!?\u201d\u2019"):
        end -= 1
    frag = text[start:end]
    m = _POSSESSIVE_END.search(frag)
    if m and end - start > 2:
        end -= 2
    if end > start and text[end - 1] == "." and not _ABBREVIATION_END.search(text[start:end]):
        end -= 1
    return start, end


@dataclass
class _Found:
    start: int
    end: int
    value: str | None
    granularity: str | None
    from_rules: bool = False


@dataclass
class _Anchors:
    """The last time the text fixed, and the last quarter it named."""

    last: str | None = None
    quarter: str | None = None

    def update(self, value: str | None, expr: str) -> None:
        self.last = _next_anchor(self.last, value, expr)
        if self.last is not None and "-Q" in self.last:
            self.quarter = self.last


# In a document that reports on a quarter, "a year ago" is that quarter a year before.
_YEAR_BEFORE = re.compile(r"\b(?:a|one)\syear\s(?:ago|earlier)\b|\byear-(?:ago|earlier)\b")


def _classify(text: str, start: int, end: int, ref: datetime.date | None,
              settings: DateSettings, anchors: _Anchors) -> Value | str:
    s = _clean(text[start:end])
    tense = _tense(text, start, end, settings) if settings.prefer_past else "future"
    anchor = anchors.last
    if anchors.quarter and _YEAR_BEFORE.search(s):
        anchor = anchors.quarter
    key_anchor = anchor if _anchor_dependent(s) else None
    return _normalize_cached(s, ref, tense, key_anchor, settings)


def _analyze_candidate(text: str, start: int, end: int, ref: datetime.date | None,
                       settings: DateSettings, anchors: _Anchors) -> list[_Found]:
    start, end = _trim(text, start, end)
    if end <= start:
        return []
    if end - start <= settings.max_expression_chars:
        out = _classify(text, start, end, ref, settings, anchors)
        if out == "drop":
            return []
        if not isinstance(out, str):
            return [_Found(start, end, out[0], out[1])]
    # Not one known expression: look for known expressions inside it, e.g. conjunctions
    # ("Thursday and Friday") or a date with trimmings the rules do not know.
    inner = _find_in(text, start, end)
    found: list[_Found] = []
    for a, b in inner:
        out = _classify(text, a, b, ref, settings, anchors)
        if isinstance(out, str):
            continue
        found.append(_Found(a, b, out[0], out[1]))
        anchors.update(out[0], text[a:b])
    if found:
        return found
    s = _clean(text[start:end])
    if _DURATION.fullmatch(s) or _AGE.fullmatch(s) or _SET.fullmatch(s):
        return []
    if not _TEMPORAL_WORD.search(s) or _UNPLACEABLE.search(s):
        return []
    return [_Found(start, end, None, None)]


# A candidate the rules cannot normalize is kept (with no value) only if it names a time
# and is not a stretch of time.
_TEMPORAL_WORD = re.compile(
    rf"\b(?:{MONTH_RE}|{WEEKDAY_RE}|today|yesterday|tomorrow|tonight|morning|afternoon|"
    rf"evening|night|week|weekend|month|year|quarter|decade|century|{SEASON_RE}|ago|\d{{4}}s?)(?![\w-])"
)
_UNPLACEABLE = re.compile(
    r"\b(?:hours?|minutes?|seconds?|years|months|weeks|days|decades|centuries|nights)\b"
    r"(?!\s(?:ago|earlier|later))|\b(?:each|every|per)\b"
)


_INNER_YEAR = re.compile(rf"{_B}{YEAR_RE}{_E}")


def _find_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for m in _FINDER.finditer(text, start, end):
        if _has_lowercase_name(m.group(0)):
            continue
        spans.append(_trim(text, m.start(), m.end()))
    # Inside a date candidate ("between 1994 and 1997"), a bare year is a year.
    for m in _INNER_YEAR.finditer(text, start, end):
        if not _overlaps(m.start(), m.end(), sorted(spans)):
            spans.append((m.start(), m.end()))
    return sorted(s for s in spans if s[1] > s[0])


_ANAPHORIC = re.compile(
    r"\b(?:ago|earlier|later|before|after|previous|prior|same|latest|year-ago|"
    r"year-earlier)\b|\bthe\s(?:quarter|period|year)\b", re.I
)


def _next_anchor(anchor: str | None, value: str | None, expr: str) -> str | None:
    """The anchor of the expressions that follow: the last time the text fixes itself."""
    if value is None or value.endswith("_REF") or not value[:4].isdigit():
        return anchor
    if _ANAPHORIC.search(expr) or _granularity_of(value) is None:
        return anchor
    return value


def find_dates(
    text: str,
    candidates: Iterable[tuple[int, int]],
    *,
    reference_date: datetime.date | None,
    settings: DateSettings | None = None,
) -> list[DateMention]:
    """Every temporal expression of `text` with its TIMEX3 value, sorted by start.

    ``candidates`` are character spans proposed by a model (spaCy DATE and TIME
    entities); they are repaired, filtered (ages, durations and sets are dropped) and
    completed with the expressions that the rules of this module find in the text.
    Relative expressions get ``value=None`` when ``reference_date`` is None.
    """
    settings = settings or DEFAULT_SETTINGS
    n = len(text)
    spans = sorted({(max(0, int(a)), min(n, int(b))) for a, b in candidates
                    if int(b) > int(a)})
    blocked: list[tuple[int, int]] = []
    proposals: list[tuple[int, int, bool]] = []
    for a, b in spans:
        blocked.append((a, b))
        proposals.append((a, b, False))
    if settings.add_missed:
        lowered = _lowered(text)
        if lowered is None:
            scanned, finder, finder_ref = text, _FINDER, _FINDER_REF
        else:
            scanned, finder, finder_ref = lowered, _FINDER_LOWER, _FINDER_REF_LOWER
        for m in finder.finditer(scanned):
            a, b = m.span()
            # the case of the original text decides (a lower-case "may" is no month)
            if not _has_lowercase_name(text[a:b]) and not _overlaps(a, b, blocked):
                proposals.append((a, b, True))
        if settings.reference_words:
            for m in finder_ref.finditer(scanned):
                if not _overlaps(m.start(), m.end(), blocked):
                    proposals.append((m.start(), m.end(), True))
    proposals = _repair(text, sorted(proposals))

    found: list[_Found] = []
    anchors = _Anchors()
    last_end = -1
    for a, b, from_rules in proposals:
        if a < last_end:
            continue
        if from_rules:
            a, b = _trim(text, a, b)
            if b <= a:
                continue
            out = _classify(text, a, b, reference_date, settings, anchors)
            if isinstance(out, str):
                continue
            items = [_Found(a, b, out[0], out[1], True)]
        else:
            items = _analyze_candidate(text, a, b, reference_date, settings, anchors)
        for it in items:
            if it.start < last_end:
                continue
            found.append(it)
            last_end = it.end
            anchors.update(it.value, text[it.start:it.end])
        if not items and not from_rules:
            last_end = max(last_end, b)
    return [DateMention(f.start, f.end, text[f.start:f.end], f.value,
                        f.granularity if f.value is not None else None) for f in found]


_EXTEND_RIGHT = re.compile(
    rf"(?:\s(?:[A-Z]{{2,4}}T|GMT|UTC))?(?:,?\s(?:on\s)?(?:{WEEKDAY_RE}(?:,?\s{MONTH_RE}\s\d{{1,2}})?"
    rf"|{MONTH_RE}\s\d{{1,2}}|today|yesterday|tomorrow)(?![\w-])"
    rf"|\s(?:morning|afternoon|evening|night)(?![\w-]))",
    re.I,
)
_YEAR_NOUN = re.compile(r"\s(?:period|quarter)(?![\w-])")
_EXTEND_LEFT = re.compile(
    r"(?:(?:the\s)?(?:comparable\s)?(?:year-ago|year-earlier|year\searlier|prior-year)|"
    r"(?:this|last|next)\syear's|early|late|mid|earlier|later|fiscal|(?<![\w-])the)[\s-]$",
    re.I,
)


def _repair(text: str, proposals: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Fix candidate boundaries the model often gets wrong.

    A clock time takes the day that follows it ("noon Thursday", "9 a.m. EDT Tuesday"), a
    day takes its part ("Friday morning"), and a quarter or month takes the modifier just
    before it ("the year-ago third quarter", "this year's third quarter", "early March"),
    including a bare "the" ("the quarter" and "quarter" are not the same expression).
    Candidates that the extension reaches are swallowed.
    """
    out: list[tuple[int, int, bool]] = []
    for a, b, from_rules in proposals:
        if out and a < out[-1][1]:
            if b > out[-1][1] and out[-1][2] and not from_rules:
                out[-1] = (out[-1][0], b, False)
            continue
        m = _EXTEND_RIGHT.match(text, b)
        if m and not _has_lowercase_name(m.group(0)):
            b = m.end()
        elif _INNER_YEAR.fullmatch(text, max(0, b - 4), b):
            m = _YEAR_NOUN.match(text, b)
            if m:
                b = m.end()  # "the 1988 period"
        head = text[max(0, a - 30):a]
        m = _EXTEND_LEFT.search(head)
        if m and not (out and out[-1][1] > a - len(m.group(0))):
            a = a - (len(head) - m.start())
        out.append((a, b, from_rules))
    return out


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [a, b) overlaps one of the sorted, mostly disjoint spans near it."""
    i = bisect.bisect_left(spans, (a, -1))
    return any(spans[j][0] < b and a < spans[j][1]
               for j in range(max(0, i - 3), min(len(spans), i + 2)))
