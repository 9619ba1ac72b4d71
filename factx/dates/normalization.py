"""TIMEX3 values of temporal expressions, one expression at a time.

An expression is cleaned (case, quotes, leading prepositions, trailing punctuation), then
put to the named rules of the table ``RULES`` in order ("word", "age", ..., "month_day",
..., "duration"); the first that recognizes it gives its value, ``Verdict.DROP`` (not a
point in time: a duration, an age, a set) or ``Verdict.UNKNOWN`` (a time the rules cannot
place, which dateparser may). Values are remembered, per settings
(``DateSettings.cache_size``).
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import logging
import re
import weakref
from typing import Any, Protocol

from .relative import (
    ago,
    deictic,
    rel_unit,
    relative_unit,
    reported_quarter,
    unit_before,
    weekday,
    year_ago_period,
)
from .settings import DEFAULT_SETTINGS, DateSettings
from .timex import (
    Query,
    Result,
    Rule,
    Value,
    Verdict,
    clock_time,
    day_time_value,
    format_day,
    granularity_of,
    iso_week,
    quarter_of,
)
from .vocabulary import (
    DECADE_WORD_RE,
    DECADE_WORDS,
    FORMER_WORDS,
    HOLIDAYS_FIXED,
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
    UNIT,
    UNITS_PLURAL,
    WEEKDAY_RE,
    WEEKDAYS,
    YEAR_RE,
)

__all__ = [
    "AGE",
    "DURATION",
    "RULES",
    "SET",
    "Normalizer",
    "anchor_dependent",
    "clean",
    "normalize",
    "normalizer",
    "value_of",
]

log = logging.getLogger("factx")


def _season_of(d: datetime.date) -> tuple[int, int]:
    """(year, index in SEASON_ORDER); winter belongs to the year of its December."""
    m = d.month
    if m in (1, 2):
        return d.year - 1, 3
    if m == 12:
        return d.year, 3
    return d.year, (m - 3) // 3


def _safe_date(y: int, m: int, d: int) -> datetime.date | None:
    try:
        return datetime.date(y, m, d)
    except ValueError:
        return None


def _thanksgiving(year: int) -> datetime.date:
    first = datetime.date(year, 11, 1)
    first_thu = first + datetime.timedelta(days=(3 - first.weekday()) % 7)
    return first_thu + datetime.timedelta(days=21)


# Curly quotes and dashes as ASCII; the brackets of an editor's insertion in a quotation
# ("[Ten] years ago") dropped, their words kept.
_CLEAN_QUOTES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",
        "[": "",
        "]": "",
    }
)
_LEAD_PREP = re.compile(
    r"^(?:in|on|at\sleast|at|since|by|until|till|from|during|of|before|after|around|about|as\sof|just|only|"
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

AGE = re.compile(
    r"(?:\d+|[a-z]+(?:-[a-z]+)?)[\s-](?:year|month|week|day)s?[\s-]olds?"
    r"|aged?\s\d+|\d{1,3}|[1-9]0s|(?:his|her|their)\s(?:\d+|early|mid|late)[\s-]?\w*"
)
DURATION = re.compile(
    rf"(?:(?:the|a|an|all|its|his|her|their|our|this|that|these|those|each|every|per|only|just|"
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
SET = re.compile(
    r"(?:daily|weekly|monthly|yearly|annually|annual|quarterly|hourly|nightly|biweekly|"
    r"bimonthly|biannually|semiannually|semiannual|twice|once|every|each|per)\b.*"
    r"|.*\b(?:a|per|each)\s(?:day|week|month|year|quarter|night)"
)


# A score, a vote or a tally ("won 2-1", "voted 52-48"): two numbers joined by a dash and
# no third, which dateparser would read as a month and a day.
_SCORE = re.compile(r"(?<![\d/.-])\d{1,3}\s?-\s?\d{1,3}(?![\d/.-])")
# "the 20th minute", "the 51st and 67th minutes", "the third hour": a moment counted from
# the start of a match or an event, not a clock time.
_ORDINAL_WORD = "|".join(sorted((w for w in ORDINALS if not w[0].isdigit()), key=len, reverse=True))
_ORDINAL = rf"(?:\d{{1,3}}(?:st|nd|rd|th)|{_ORDINAL_WORD})"
_R_COUNTED_MOMENT = re.compile(
    rf"(?:the\s)?{_ORDINAL}(?:(?:,\s|\sand\s|\sor\s|,\sand\s){_ORDINAL})*(?:\s?\+\s?\d{{1,2}})?"
    rf"[\s-](?:minute|hour|second|lap|round|inning|over)s?"
    # "the third consecutive month": a count of units in a row, no one of them placed
    rf"|(?:the\s|a\s)?{_ORDINAL}\s(?:consecutive|straight|successive)\s{UNIT}"
)


# The day of a month in words, as said aloud ("March eighth", "the twenty-first of May").
_DAY_WORD = "|".join(
    sorted((w for w, n in ORDINALS.items() if not w[0].isdigit() and w not in ("final", "last")), key=len, reverse=True)
)
_DAY_OF_MONTH = rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|(?P<dayword>{_DAY_WORD}))"
# "Tuesday, March 5", "this coming Sunday, March 8": the weekday and its modifier may lead.
_WEEKDAY_LEAD = rf"(?:(?:(?:this\s)?coming|this|next|last)\s)?(?P<wd>{WEEKDAY_RE}),?\s"
_R_MONTH_DAY = re.compile(
    rf"(?:{_WEEKDAY_LEAD})?(?:the\s)?(?P<mon>{MONTH_RE})\s(?:the\s)?{_DAY_OF_MONTH}"
    rf"(?:,?\s(?P<year>{YEAR_RE}|{SHORT_YEAR_RE}))?"
)
_R_DAY_MONTH = re.compile(
    rf"(?:{_WEEKDAY_LEAD})?(?:the\s)?{_DAY_OF_MONTH}\s(?:of\s)?"
    rf"(?P<mon>{MONTH_RE}),?(?:\s(?P<year>{YEAR_RE}|{SHORT_YEAR_RE}))?"
)
_R_MONTH_YEAR = re.compile(rf"(?P<mon>{MONTH_RE}),?\s(?:of\s)?(?P<year>{YEAR_RE}|{SHORT_YEAR_RE})")
_R_NUMERIC = re.compile(r"(?P<a>\d{1,4})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{2,4})")
_R_YEAR = re.compile(
    rf"(?:(?:the\s)?(?:fiscal|calendar|financial|model|school|academic|tax|crop|marketing|"
    rf"budget)(?:\syear)?\s|the\syear\s|fy\s?|year\s)?(?P<year>{YEAR_RE}|{SHORT_YEAR_RE})"
    rf"(?:\sfiscal\syear)?"
)
# Only the compact forms ("1994-96", "1994/1995") are one expression; "between 1994 and
# 1996" is two expressions joined by words, and is found as two.
_R_YEAR_RANGE = re.compile(rf"(?:(?:fiscal|calendar)\s(?:years?\s)?)?(?P<y1>{YEAR_RE})[-/](?P<y2>{YEAR_RE}|\d{{2}})")
_SPELLED_UNITS = r"one|two|three|four|five|six|seven|eight|nine"
_R_SPELLED_YEAR = re.compile(
    rf"(?:(?P<mon>{MONTH_RE})\s(?:of\s)?)?(?:the\syear\s)?"
    rf"(?:(?P<c>nineteen|eighteen|twenty)\s(?:hundred\s(?:and\s)?)?"
    rf"(?P<t>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|ten|eleven|twelve|"
    rf"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh\s(?:{_SPELLED_UNITS}))"
    rf"(?:[\s-](?P<u>{_SPELLED_UNITS}))?"
    rf"|two\sthousand(?:\s(?:and\s)?(?P<u2>{_SPELLED_UNITS}|ten|eleven|twelve))?)"
)
_R_MONTH_REL_YEAR = re.compile(rf"(?P<mon>{MONTH_RE}),?\s(?:of\s)?(?P<rel>this\syear|last\syear|next\syear)")
_R_DECADE = re.compile(
    r"(?:the\s)?(?:(?P<full>1[0-9]{2}0|20[0-9]0)|'(?P<short>\d0)|(?P<bare>[1-9]0))'?s"
    rf"|(?:the\s)?(?P<word>{DECADE_WORD_RE})"
)
_R_CENTURY = re.compile(r"(?:the\s|a\s)?(?P<n>\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)[\s-]century")
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
    s = s.rstrip(_TRAIL_CHARS)  # clean has made every run of white space one " "
    return s[:-2] if s.endswith("'s") else s


def clean(expr: str) -> str:
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
            return 1900 + yy if yy > settings.two_digit_year_pivot else 2000 + yy
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
    if word in ("this year", "the year", "the current year", "the current fiscal year", "the fiscal year"):
        return ref.year
    if word in ("last year", "the previous year"):
        return ref.year - 1
    if word == "next year":
        return ref.year + 1
    return None


def _pick_year_for_month(month: int, day: int | None, ref: datetime.date, tense: str, settings: DateSettings) -> int:
    """The year that puts month(/day) on the side of the reference date the tense says."""
    key = (month, day or 1)
    now = (ref.month, ref.day if day else 1)
    if tense == "future":
        if key >= now:
            return ref.year
        if day is not None:
            behind = (ref - datetime.date(ref.year, month, min(day, 28))).days
            if behind <= settings.future_tense_past_days:
                return ref.year  # a date just gone, reported in the future tense of its plans
        return ref.year + 1
    if settings.undetermined_month_day == "past":
        return ref.year if key <= now else ref.year - 1
    # In a past-tense clause the month is the past one, unless the next one is so close
    # that the clause is more likely reported speech about it ("said the offer expires
    # Nov. 20", written on Nov. 2).
    if tense == "past":
        if key <= now:
            return ref.year
        ahead = (
            datetime.date(ref.year, month, min(day or 1, 28))
            - datetime.date(ref.year, ref.month, min(ref.day if day else 1, 28))
        ).days
        return ref.year if ahead <= settings.past_tense_future_days else ref.year - 1
    # No tense: the occurrence nearest to the reference date, the past one on a tie.
    here = datetime.date(2000, month, min(day or 1, 28))
    pivot = datetime.date(2000, ref.month, min(ref.day if day else 1, 28))
    diff = (here - pivot).days
    if diff > settings.nearest_window_days:
        return ref.year - 1
    if diff <= settings.nearest_window_days - 365:
        return ref.year + 1
    return ref.year


def value_of(q: Query) -> Result:
    """TIMEX3 value of a cleaned expression, or the verdict of the rules on it: the answer of
    the first rule of ``RULES`` that recognizes it."""
    for rule in RULES.values():
        out = rule(q)
        if out is not None:
            return out
    return Verdict.UNKNOWN


def _word(q: Query) -> Result | None:
    """ "now", "recently", "earlier", "the future"; "former" (no time unless the settings say)."""
    s = q.text
    if not s:
        return Verdict.DROP
    if s in REF_WORDS:
        return REF_WORDS[s], "ref"
    if s in FORMER_WORDS:
        if s == "former" and q.settings.former_as_past_ref:
            return "PAST_REF", "ref"
        return Verdict.DROP
    return None


def _age(q: Query) -> Result | None:
    """ "a 42-year-old", "aged 42", "his 40s": an age, no time."""
    return Verdict.DROP if AGE.fullmatch(q.text) else None


def _set(q: Query) -> Result | None:
    """ "annually", "every week", "twice a year": a set of times, no point in time."""
    return Verdict.DROP if SET.fullmatch(q.text) else None


def _the_year_number(q: Query) -> Result | None:
    """ "the 2010 (elections)": the year."""
    if q.text.startswith("the ") and _FOUR_DIGITS.fullmatch(q.text, 4):
        return value_of(q._replace(text=q.text[4:]))
    return None


def _bare_part_of_day(q: Query) -> Result | None:
    """ "morning" alone ("a morning talk show", "good evening"): no time."""
    return Verdict.DROP if q.text in PART_OF_DAY else None


def _score(q: Query) -> Result | None:
    """ "2-1", "52-48": a score or a tally, no date."""
    return Verdict.DROP if _SCORE.fullmatch(q.text) else None


def _counted_moment(q: Query) -> Result | None:
    """ "the 20th minute", "the third hour": counted from the start of an event, no time of
    the calendar or the clock."""
    return Verdict.DROP if _R_COUNTED_MOMENT.fullmatch(q.text) else None


_R_DAY_SHIFT = re.compile(r"(?:the\s)?day\s(?P<dir>before|after)\s(?P<rest>.+)")
_R_WEEK_OF = re.compile(r"(?:the\s)?week\sof\s(?P<rest>.+)")


def _inner_day(q: Query, text: str) -> datetime.date | None:
    """The day an inner expression ("last Tuesday", "March 5") names, or None."""
    sub = value_of(q._replace(text=text))
    if isinstance(sub, Verdict) or sub[0] is None or sub[1] != "day":
        return None
    return datetime.date.fromisoformat(sub[0])


def _day_shift(q: Query) -> Result | None:
    """ "the day before last Tuesday", "the day after March 5": the day next to a day."""
    m = _R_DAY_SHIFT.fullmatch(q.text)
    day = None if m is None else _inner_day(q, m.group("rest"))
    if m is None or day is None:
        return None
    return format_day(day + datetime.timedelta(days=-1 if m.group("dir") == "before" else 1)), "day"


def _week_of(q: Query) -> Result | None:
    """ "the week of March 6": the week that holds the day."""
    m = _R_WEEK_OF.fullmatch(q.text)
    day = None if m is None else _inner_day(q, m.group("rest"))
    return None if day is None else (iso_week(day), "week")


def _half(q: Query) -> Result | None:
    """ "the first half of 1990", "the second half of this year"."""
    m = _R_HALF.fullmatch(q.text)
    if m is None:
        return None
    ytok = m.group("year")
    y = _year_of(ytok, q.ref, q.settings) if ytok[0] in "0123456789'" else _relative_year(ytok, q.ref)
    if y is None:
        return None, None
    return f"{y:04d}-H{1 if m.group('which') in ('first', '1st') else 2}", "half"


def _modified(q: Query) -> Result | None:
    """ "early March", "the end of the year", "mid-1996": the expression the modifier is of
    (TimeML keeps the modifier out of the value)."""
    m = _MODIFIER.match(q.text)
    if not (m and m.end() < len(q.text)):
        return None
    rest = q.text[m.end() :]
    rest = re.sub(r"^(?:the|in\sthe|in)\s(?=year$|month$|week$|day$)", "the ", rest)
    out = value_of(q._replace(text=rest))
    if out is Verdict.DROP and rest in PART_OF_DAY:
        return None  # "late morning" is a part of the day, for the rule of parts of days
    if out is Verdict.DROP and re.fullmatch(r"the\s(?:year|month|week)", rest):
        return rel_unit("this", rest[4:], q.ref, q.tense, q.anchor)
    if isinstance(out, tuple) or out is Verdict.DROP:
        return out
    return None  # the modifier may be part of another kind of expression


def _spelled(q: Query) -> Result | None:
    """ "nineteen ninety-six", "March of nineteen eighty"."""
    m = _R_SPELLED_YEAR.fullmatch(q.text)
    if m is None:
        return None
    y = _spelled_year(m)
    if y is None:
        return None
    mon = m.group("mon")
    if mon:
        return f"{y:04d}-{MONTHS[mon.rstrip('.')]:02d}", "month"
    return f"{y:04d}", "year"


def _month_of_relative_year(q: Query) -> Result | None:
    """ "March of last year", "June this year"."""
    m = _R_MONTH_REL_YEAR.fullmatch(q.text)
    if m is None:
        return None
    y = _relative_year(m.group("rel"), q.ref)
    if y is None:
        return None, None
    return f"{y:04d}-{MONTHS[m.group('mon').rstrip('.')]:02d}", "month"


def _quarter(q: Query) -> Result | None:
    """ "the third quarter of 2005", "Q3", "the year-ago second quarter", "the fourth quarter"."""
    m = _R_QUARTER.fullmatch(q.text)
    if m is None:
        return None
    ref, anchor = q.ref, q.anchor
    if m.group("qn") or m.group("qn2"):
        n = int(m.group("qn") or m.group("qn2"))
        ytok = m.group("year3") or m.group("year4")
    else:
        n = ORDINALS[m.group("ord")]
        ytok = m.group("year") or m.group("y0")
        if n > 4:
            return Verdict.DROP
        if m.group("ago"):
            if anchor and anchor[:4].isdigit():
                return f"{int(anchor[:4]) - 1:04d}-Q{n}", "quarter"
            if ref is None:
                return None, None
            cy, cq = quarter_of(ref)
            return f"{(cy if n <= cq else cy - 1) - 1:04d}-Q{n}", "quarter"
    year: int | None = None
    if ytok:
        if ytok[0].isdigit() or ytok[0] == "'":
            year = _year_of(ytok, ref, q.settings)
        else:
            year = _relative_year(ytok, ref)
            if year is None:
                return None, None
    elif ref is not None:
        cy, cq = quarter_of(ref)
        # A quarter that has just ended is still reported on in the future tense.
        year = (cy if n >= cq - 1 else cy + 1) if q.tense == "future" else (cy if n <= cq else cy - 1)
    if year is None:
        return None, None
    return f"{year:04d}-Q{n}", "quarter"


def _year_end(q: Query) -> Result | None:
    """ "by year end": the end of the reference year (TimeML: the year, mod END)."""
    if _R_YEAR_END.fullmatch(q.text) is None:
        return None
    return (f"{q.ref.year:04d}", "year") if q.ref else (None, None)


def _year_period(q: Query) -> Result | None:
    """ "the 1988 period" in a report on a quarter: that quarter of 1988."""
    m = _R_YEAR_PERIOD.fullmatch(q.text)
    if m is None:
        return None
    if q.anchor and "-Q" in q.anchor:
        return f"{m.group('year')}{q.anchor[4:]}", "quarter"
    return f"{m.group('year')}", "year"


def _part_of_day(q: Query) -> Result | None:
    """ "early morning", "late evening Monday"."""
    m = _R_PART_OF_DAY.fullmatch(q.text)
    if m is None:
        return None
    part = PART_OF_DAY[m.group("part")]
    if m.group("rest"):
        sub = value_of(q._replace(text=m.group("rest")))
        if isinstance(sub, Verdict) or sub[0] is None or sub[1] != "day":
            return Verdict.UNKNOWN
        return f"{sub[0]}T{part}", "time"
    return (f"{format_day(q.ref)}T{part}", "time") if q.ref else (None, None)


def _year_range(q: Query) -> Result | None:
    """ "1994-96", "1994/1995"."""
    m = _R_YEAR_RANGE.fullmatch(q.text)
    if m is None:
        return None
    y1 = int(m.group("y1"))
    t = m.group("y2")
    y2 = int(t) if len(t) == 4 else (y1 // 100) * 100 + int(t)
    if len(t) == 2 and y2 < y1:
        y2 += 100
    if y2 > y1:
        return f"{y1:04d}/{y2:04d}", "year"
    return None


def _year(q: Query) -> Result | None:
    """ "1994", "fiscal 1989", "'98"; a number out of the years' bounds is no year."""
    m = _R_YEAR.fullmatch(q.text)
    if m is None:
        return None
    y = _year_of(m.group("year"), q.ref, q.settings)
    if y is not None and q.settings.min_year <= y <= q.settings.max_year:
        return f"{y:04d}", "year"
    return Verdict.DROP


def _number_no_year(q: Query) -> Result | None:
    """ "0735", "12000": a number of four digits or more that is no year (the rule of years
    has passed it) names no time."""
    return Verdict.DROP if _BARE_NUMBER.fullmatch(q.text) else None


_BARE_NUMBER = re.compile(r"\d{4,}")


def _decade(q: Query) -> Result | None:
    """ "the 1990s", "the '90s", "the nineties"; "the 1800s" is a century."""
    m = _R_DECADE.fullmatch(q.text)
    if m is None:
        return None
    if m.group("full"):
        y = int(m.group("full"))
        if y % 100 == 0:
            return f"{y // 100:02d}", "century"
        return f"{y // 10:03d}X", "decade"
    tens_tok = m.group("short") or m.group("bare")
    tens = int(tens_tok[0]) if tens_tok else DECADE_WORDS[m.group("word")]
    if tens == 0:
        return Verdict.DROP
    base = q.ref.year if q.ref else 1999
    century = base // 100
    # "the '90s" written in 2005 is the 1990s; "the '20s" written in 1998 is the 1920s.
    if century * 100 + tens * 10 > base:
        century -= 1
    if m.group("bare") and not m.group(0).startswith("the"):
        return Verdict.DROP  # "in his 40s" is an age, "the 40s" is a decade
    return f"{century:02d}{tens}X", "decade"


def _century(q: Query) -> Result | None:
    """ "the 20th century", "the nineteenth century", "this century"."""
    m = _R_CENTURY.fullmatch(q.text)
    if m is None:
        return None
    ref = q.ref
    n = m.group("n")
    num = int(re.sub(r"\D", "", n)) if n[0].isdigit() else ORDINALS.get(n)
    if n in ("this", "the"):
        return (f"{ref.year // 100:02d}", "century") if ref else (None, None)
    if n in ("last", "the last", "previous"):
        return (f"{ref.year // 100 - 1:02d}", "century") if ref else (None, None)
    if num and 1 <= num <= q.settings.max_century:
        return f"{num - 1:02d}", "century"
    return Verdict.DROP


def _month_day(q: Query) -> Result | None:
    """ "March 3, 1998", "3 March 1998", "Feb. 24", "Tuesday, March 5"."""
    m = _R_MONTH_DAY.fullmatch(q.text) or _R_DAY_MONTH.fullmatch(q.text)
    if m is None:
        return None
    ref = q.ref
    mon = MONTHS[m.group("mon").rstrip(".")]
    day = int(m.group("day")) if m.group("day") else ORDINALS[m.group("dayword")]
    if not 1 <= day <= 31:
        return Verdict.DROP
    if m.group("year"):
        y = _year_of(m.group("year"), ref, q.settings)
        if y is None:
            return None, None
        d = _safe_date(y, mon, day)
        return (format_day(d), "day") if d else Verdict.DROP
    if ref is None:
        return None, None
    wd = m.group("wd")
    if wd:
        target = WEEKDAYS[wd.rstrip(".")]
        for y in (ref.year, ref.year - 1, ref.year + 1):
            d = _safe_date(y, mon, day)
            if d and d.weekday() == target and abs((d - ref).days) < q.settings.weekday_date_window_days:
                return format_day(d), "day"
    y = _pick_year_for_month(mon, day, ref, q.tense, q.settings)
    d = _safe_date(y, mon, day)
    return (format_day(d), "day") if d else Verdict.DROP


def _month_year(q: Query) -> Result | None:
    """ "July 1997", "June of '98"."""
    m = _R_MONTH_YEAR.fullmatch(q.text)
    if m is None:
        return None
    y = _year_of(m.group("year"), q.ref, q.settings)
    mon = MONTHS[m.group("mon").rstrip(".")]
    return f"{y:04d}-{mon:02d}", "month"


def _numeric(q: Query) -> Result | None:
    """ "3/5/1998", "1998-03-05", "3-5-98"."""
    m = _R_NUMERIC.fullmatch(q.text)
    if m is None:
        return None
    a, b, c = m.group("a"), m.group("b"), m.group("c")
    if len(a) == 4:
        d = _safe_date(int(a), int(b), int(c)) if len(c) <= 2 else None
    else:
        if m.group("sep") == "." and len(c) == 2:
            return Verdict.DROP  # "3.5.10" is more often a version or a score than a date
        y = _year_of(c, q.ref, q.settings) if len(c) in (2, 4) else None
        # US news: month first, unless the first number cannot be a month.
        mo, dd = (int(a), int(b)) if int(a) <= 12 else (int(b), int(a))
        d = _safe_date(y, mo, dd) if y else None
    return (format_day(d), "day") if d else Verdict.DROP


def _month(q: Query) -> Result | None:
    """ "March", "last May", "next December"."""
    m = _R_MONTH_ALONE.fullmatch(q.text)
    if m is None:
        return None
    ref = q.ref
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
        y = _pick_year_for_month(mon, None, ref, q.tense, q.settings)
    return f"{y:04d}-{mon:02d}", "month"


def _season(q: Query) -> Result | None:
    """ "summer 2010", "last winter", "the spring"."""
    m = _R_SEASON.fullmatch(q.text)
    if m is None:
        return None
    ref = q.ref
    name = m.group("season") or m.group("season2")
    code = SEASONS[name]
    idx = SEASON_ORDER.index(code)
    ytok = m.group("year") or m.group("year2")
    if ytok:
        if ytok[0].isdigit() or ytok[0] == "'":
            y = _year_of(ytok, ref, q.settings)
        elif ytok.startswith(("nineteen", "twenty")):
            sm = _R_SPELLED_YEAR.fullmatch(ytok)
            y = _spelled_year(sm) if sm else None
            if y is None:
                return Verdict.UNKNOWN
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
    elif q.tense == "future":
        n = cur + (idx - ci) % 4
    else:
        n = cur - (ci - idx) % 4
    return f"{n // 4:04d}-{code}", "season"


def _holiday(q: Query) -> Result | None:
    """ "Christmas", "last Thanksgiving", "Independence Day 1998"."""
    m = _R_HOLIDAY.fullmatch(q.text)
    if m is None:
        return None
    ref = q.ref
    name = m.group("name")
    rel = m.group("rel") or ""

    def on(year: int) -> datetime.date:
        if name.startswith("thanksgiving"):
            return _thanksgiving(year)
        mo, d = HOLIDAYS_FIXED[name]
        return datetime.date(year, mo, d)

    if m.group("year"):
        return format_day(on(int(m.group("year")))), "day"
    if ref is None:
        return None, None
    this = on(ref.year)
    if rel in ("last", "this past", "past"):
        d = this if this < ref else on(ref.year - 1)
    elif rel == "next":
        d = this if this > ref else on(ref.year + 1)
    elif rel == "this":
        d = this
    elif q.tense == "future":
        d = this if this >= ref else on(ref.year + 1)
    else:
        d = this if this <= ref else on(ref.year - 1)
    return format_day(d), "day"


def _clock_time(q: Query) -> Result | None:
    """ "3 p.m.", "noon", "10:30 a.m. Tuesday": on the day named, else the last day the text
    named, else the reference date."""
    m = _R_TIME.fullmatch(q.text)
    if m is None:
        return None
    clock = clock_time(m.group("clock").strip())
    if clock is None:
        return Verdict.DROP
    rest = m.group("rest")
    base: datetime.date | None = q.ref
    if q.anchor is not None and granularity_of(q.anchor) == "day" and q.settings.clock_time_on_anchor_day:
        # "shot at 10 p.m.": the day the text is talking about, not the day it was written.
        base = datetime.date.fromisoformat(q.anchor)
    if rest:
        sub = value_of(q._replace(text=rest))
        if isinstance(sub, Verdict) or sub[0] is None or sub[1] != "day":
            return Verdict.UNKNOWN
        base = datetime.date.fromisoformat(sub[0])
    return day_time_value(base, None, clock)


def _duration(q: Query) -> Result | None:
    """ "three years", "the past two weeks": a stretch of time, no point in time."""
    return Verdict.DROP if DURATION.fullmatch(q.text) else None


# The rules, by name, in the order they are tried: each takes the question and answers
# None when the expression is not of its kind. The order matters where kinds overlap: a
# word before the patterns, ages and sets before anything that could read their numbers as
# years, "the first half of 1990" before the modifier "first half of", dates before
# durations.
RULES: dict[str, Rule] = {
    "word": _word,
    "age": _age,
    "set": _set,
    "bare_part_of_day": _bare_part_of_day,
    "score": _score,
    "counted_moment": _counted_moment,
    "the_year_number": _the_year_number,
    "deictic": deictic,
    "day_shift": _day_shift,
    "week_of": _week_of,
    "half": _half,
    "modified": _modified,
    "spelled_year": _spelled,
    "month_of_relative_year": _month_of_relative_year,
    "ago": ago,
    "unit_before": unit_before,
    "year_ago_period": year_ago_period,
    "reported_quarter": reported_quarter,
    "quarter": _quarter,
    "year_end": _year_end,
    "year_period": _year_period,
    "part_of_day": _part_of_day,
    "year_range": _year_range,
    "year": _year,
    "number_no_year": _number_no_year,
    "decade": _decade,
    "century": _century,
    "month_day": _month_day,
    "month_year": _month_year,
    "numeric": _numeric,
    "weekday": weekday,
    "month": _month,
    "season": _season,
    "holiday": _holiday,
    "relative_unit": relative_unit,
    "clock_time": _clock_time,
    "duration": _duration,
}


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


_DP_PRECHECK = re.compile(rf"\d|{MONTH_RE}|{WEEKDAY_RE}|\b(?:today|yesterday|tomorrow|ago)\b")


_FOUR_DIGITS = re.compile(r"\b\d{4}\b")


def _dateparser_value(s: str, ref: datetime.date | None, tense: str) -> Value | None:
    if not _DP_PRECHECK.search(s) or len(s) > 40:
        return None
    if len(_FOUR_DIGITS.findall(s)) > 1 or "age" in s or _SCORE.search(s):
        # a span or list of years, or an age: never one date, and dateparser tries every
        # parser on it before saying so (~1 ms); a score ("2-1 on Saturday") it would read
        # as a month and a day
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
        return iso_week(d.date()), "week"
    if period == "time" and (d.hour or d.minute):
        return f"{format_day(d.date())}T{d.hour:02d}:{d.minute:02d}", "time"
    return format_day(d.date()), "day"


class Normalizer(Protocol):
    """The cached normalization under some settings: (cleaned expression, reference date,
    tense, anchor) -> its value."""

    def __call__(self, s: str, ref: datetime.date | None, tense: str, anchor: str | None, /) -> Result: ...

    def cache_info(self) -> Any: ...  # functools' CacheInfo(hits, misses, maxsize, currsize)


# The normalizer of each settings. The same expressions recur across a batch's documents, so
# values are remembered, per settings since the settings change them. Weak keys: a cache
# goes with the last settings object equal to its own.
_NORMALIZERS: weakref.WeakKeyDictionary[DateSettings, Normalizer] = weakref.WeakKeyDictionary()


def normalizer(settings: DateSettings) -> Normalizer:
    """The normalization of cleaned expressions under ``settings``, remembering the values
    of the last ``settings.cache_size`` distinct (expression, reference date, tense,
    anchor); equal settings share it. It is a ``functools.lru_cache`` (``cache_info()``)."""
    try:
        return _NORMALIZERS[settings]
    except KeyError:
        pass
    # A copy: the cache must not hold the key it is stored under, or the key never goes.
    own = dataclasses.replace(settings)

    @functools.lru_cache(maxsize=own.cache_size)
    def normalize_cleaned(s: str, ref: datetime.date | None, tense: str, anchor: str | None) -> Result:
        out = value_of(Query(s, ref, tense, anchor, own))
        if out is Verdict.UNKNOWN and own.use_dateparser:
            dp = _dateparser_value(s, ref, tense)
            if dp is not None:
                return dp
        return out

    _NORMALIZERS[settings] = normalize_cleaned
    return normalize_cleaned


_ANCHOR_WORDS = re.compile(
    r"quarter|period|qtr|year|three months|ago|earlier|later|before|after"
    r"|previously|prior|following|next|that|same|day|month|morning|afternoon|evening|night|\d\s?[ap]\.?m\b|\d:\d\d|noon|midnight|o'clock"
)


def anchor_dependent(s: str) -> bool:
    return bool(_ANCHOR_WORDS.search(s))


def normalize(
    expression: str, reference_date: datetime.date | None, *, tense: str = "", settings: DateSettings | None = None
) -> Value:
    """TIMEX3 (value, granularity) of one temporal expression, or (None, None).

    ``future`` places names of days, months, seasons and quarters after the reference
    date instead of before it. Durations, sets and ages give (None, None), as does a
    relative expression without a reference date. Results are cached
    (``DateSettings.cache_size``).
    """
    out = normalizer(settings or DEFAULT_SETTINGS)(clean(expression), reference_date, tense, None)
    if isinstance(out, Verdict):
        return None, None
    return out
