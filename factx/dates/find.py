"""Finding temporal expressions in a document.

The model's DATE and TIME spans come in as candidates; their boundaries are repaired, each
is normalized whole or searched for the expressions inside it, and the expressions the
model missed are added from the finders below. The last time the text fixed is carried
along, for the anaphoric expressions that follow it ("a year earlier", "the quarter").
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from factx.types import DateMention

from .normalization import AGE, DURATION, SET, Normalizer, anchor_dependent, clean, normalizer
from .settings import DEFAULT_SETTINGS, DateSettings
from .tense import guess_tense
from .timex import Result, Verdict, granularity_of
from .vocabulary import (
    CALENDAR_NAME_RE,
    MONTH_NAME_RE,
    MONTH_RE,
    NUMWORD_COMPOUND,
    SEASON_RE,
    WEEKDAY_NAME_RE,
    WEEKDAY_RE,
    YEAR_RE,
)

__all__ = ["find_dates"]

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
    # the period a financial report is on: "in the latest period", "for the quarter ended"
    r"the\s(?:latest|most\srecent|just-ended)\s(?:quarter|period)",
    r"(?:the|this|that)\s(?:quarter|year|fiscal\syear|period)(?=\sended\s)",
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
    r"(?:right\s|just\s)?now|currently|recently|more\srecently|until\srecently|"
    r"presently|nowadays|these\sdays|at\spresent|at\sthe\smoment|current|"
    r"recent\s(?:years|months|weeks|days|decades)|"
    r"the\s(?:near|distant|foreseeable|recent|distant)\s(?:future|past)|"
    r"the\s(?:future|past)(?!\s(?:\w+\s){0,2}?(?:years?|months?|weeks?|days?|decades?|"
    r"centur(?:y|ies)|quarters?|hours?|nights?|sessions?|seasons?|times?|president|"
    r"performance|record)\b)|"
    r"the\s(?:near|short)\sterm"
)
_FINDER = re.compile(rf"{_B}(?:" + "|".join(_FIND_PARTS) + rf"){_E}", re.I)
# The second year of "from 1980 to 2012", "between 2004 and 2009" or a lifespan "(1822 -
# 1890)", which models often leave out of the DATE span of the first.
_RANGE_END_YEAR = re.compile(
    rf"(?:{_B}(?:from|between)\s|\()\s?{YEAR_RE}\s?(?:to|through|until|till|and|-|\u2013|\u2014)\s?"
    rf"(?P<end>{YEAR_RE}){_E}",
    re.I,
)
_FINDER_REF = re.compile(rf"{_B}(?:{_FIND_REF}){_E}", re.I)

# Scanning a whole document with the case-insensitive finders is slow: the regex engine
# cannot skip an alternative by its first letter, so it tries all of them at every word.
# The same (all lower-case, all ASCII) patterns compiled case-sensitively and run over the
# lower-cased text find the same spans in a fraction of the time. That holds when lower()
# changes nothing but ASCII letters and the text holds none of the four non-ASCII
# characters that IGNORECASE equates with ASCII letters; other texts use the finders above.
_FINDER_LOWER = re.compile(_FINDER.pattern)
_FINDER_REF_LOWER = re.compile(_FINDER_REF.pattern)
_RANGE_END_YEAR_LOWER = re.compile(_RANGE_END_YEAR.pattern)
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
    return any(m.start() == 0 or fragment[m.start() - 1] != "-" for m in _CAP_NAMES.finditer(fragment))


_POSSESSIVE_END = re.compile(r"['\u2019]s$")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]{2,5}|[ap]\.m)\.$")  # "Sept.", "p.m." keep their period


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces, punctuation and a possessive from the ends of a span."""
    while start < end and (text[start].isspace() or text[start] in "\"'([{,;:\u201c\u2018"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"')]},;:!?\u201d\u2019"):
        end -= 1
    close = text.find("]", start, end)
    if close > 0 and start > 0 and text[start - 1] == "[" and "[" not in text[start:close]:
        start -= 1  # the editor's "[Ten] years ago" keeps its opening bracket
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
    """The last time the text fixed, and the latest quarter it named that had ended by the
    reference date: the quarter a report is on ("the fourth quarter", forecast in October,
    is not; "after a flat second quarter", looked back on in a report on the third, is
    not either)."""

    ref: datetime.date | None = None
    last: str | None = None
    quarter: str | None = None

    def update(self, value: str | None, expr: str) -> None:
        self.last = _next_anchor(self.last, value, expr)
        last = self.last
        if last is not None and _QUARTER_VALUE.fullmatch(last):
            ended = self.ref is None or (int(last[:4]), int(last[-1])) < (self.ref.year, (self.ref.month + 2) // 3)
            if ended and (self.quarter is None or last > self.quarter):
                self.quarter = last


_QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")


# In a document that reports on a quarter, "a year ago" is that quarter a year before.
# "the quarter", "the latest period": the quarter the report is on.
_REPORTED = re.compile(r"^the\s(?:latest\s|most\srecent\s|just-ended\s|same\s)?(?:quarter|period)$")
_YEAR_BEFORE = re.compile(
    r"\b(?:a|one)\syear\s(?:ago|earlier)\b|\byear-(?:ago|earlier)\b|\blast\syear's\s(?:period|quarter)\b"
    r"|\b(?:corresponding|comparable|same)\s(?:period|quarter)\s(?:of\s)?last\syear\b|^(?:the\s)?\d{4}\s(?:period|quarter)$"
)


def _classify(
    text: str,
    start: int,
    end: int,
    ref: datetime.date | None,
    settings: DateSettings,
    anchors: _Anchors,
    norm: Normalizer,
) -> Result:
    s = clean(text[start:end])
    tense = guess_tense(text, start, end, settings) if settings.prefer_past else "future"
    anchor = anchors.last
    if anchors.quarter and (_YEAR_BEFORE.search(s) or _REPORTED.match(s)):
        anchor = anchors.quarter
    key_anchor = anchor if anchor_dependent(s) else None
    return norm(s, ref, tense, key_anchor)


def _analyze_candidate(
    text: str,
    start: int,
    end: int,
    ref: datetime.date | None,
    settings: DateSettings,
    anchors: _Anchors,
    norm: Normalizer,
) -> list[_Found]:
    start, end = _trim(text, start, end)
    if end <= start:
        return []
    if end - start <= settings.max_expression_chars:
        out = _classify(text, start, end, ref, settings, anchors, norm)
        if out is Verdict.DROP:
            return []
        if not isinstance(out, Verdict):
            return [_Found(start, end, out[0], out[1])]
    # Not one known expression: look for known expressions inside it, e.g. conjunctions
    # ("Thursday and Friday") or a date with trimmings the rules do not know.
    inner = _find_in(text, start, end)
    found: list[_Found] = []
    for a, b in inner:
        out = _classify(text, a, b, ref, settings, anchors, norm)
        if isinstance(out, Verdict):
            continue
        found.append(_Found(a, b, out[0], out[1]))
        anchors.update(out[0], text[a:b])
    if found:
        return found
    s = clean(text[start:end])
    if DURATION.fullmatch(s) or AGE.fullmatch(s) or SET.fullmatch(s):
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
_INNER_MONTH = re.compile(rf"{_B}(?:{'|'.join(n.capitalize() for n in MONTH_NAME_RE.split('|'))}){_E}")


def _find_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for m in _FINDER.finditer(text, start, end):
        if _has_lowercase_name(m.group(0)):
            continue
        spans.append(_trim(text, m.start(), m.end()))
    # Inside a date candidate ("between 1994 and 1997", "Friday to December"), a bare year
    # is a year and a month's name (capitalized) a month.
    for rx in (_INNER_YEAR, _INNER_MONTH):
        for m in rx.finditer(text, start, end):
            if not _overlaps(m.start(), m.end(), sorted(spans)):
                spans.append((m.start(), m.end()))
    return sorted(s for s in spans if s[1] > s[0])


_ANAPHORIC = re.compile(
    r"\b(?:ago|earlier|later|before|after|previous|prior|same|latest|year-ago|"
    r"year-earlier|corresponding|comparable)\b|\bthe\s(?:quarter|period|year)\b|\blast\syear's\s"
    r"|\b\d{4}\s(?:period|quarter)\b",
    re.I,
)


_DAY_AND_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T")


def _next_anchor(anchor: str | None, value: str | None, expr: str) -> str | None:
    """The anchor of the expressions that follow: the last time the text fixes itself."""
    if value is None or value.endswith("_REF") or not value[:4].isdigit():
        return anchor
    if _ANAPHORIC.search(expr):
        return anchor
    if _DAY_AND_TIME.match(value):
        return value[:10]  # "Sunday night", "at 22:30 on Sunday": the text is on that day
    if granularity_of(value) is None:
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
    completed with the expressions that the finders of this module find in the text.
    Relative expressions get ``value=None`` when ``reference_date`` is None.
    """
    settings = settings or DEFAULT_SETTINGS
    n = len(text)
    spans = sorted({(max(0, int(a)), min(n, int(b))) for a, b in candidates if int(b) > int(a)})
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
        replaced: set[tuple[int, int]] = set()
        for m in finder.finditer(scanned):
            a, b = m.span()
            # the case of the original text decides (a lower-case "may" is no month)
            if _has_lowercase_name(text[a:b]):
                continue
            if not _overlaps(a, b, blocked):
                proposals.append((a, b, True))
                continue
            # A known expression that holds the model's spans whole replaces them: the model
            # often leaves out a modifier ("This year's results" tagged "year").
            inside = _overlapping(a, b, spans)
            if inside and all(a <= c and d <= b for c, d in inside) and (a, b) not in inside:
                replaced.update(inside)
                proposals.append((a, b, True))
        if replaced:
            proposals = [p for p in proposals if p[2] or (p[0], p[1]) not in replaced]
        for m in (_RANGE_END_YEAR if lowered is None else _RANGE_END_YEAR_LOWER).finditer(scanned):
            if not _overlaps(m.start("end"), m.end("end"), blocked):
                proposals.append((m.start("end"), m.end("end"), True))
        if settings.reference_words:
            for m in finder_ref.finditer(scanned):
                if not _overlaps(m.start(), m.end(), blocked):
                    proposals.append((m.start(), m.end(), True))
    proposals = _repair(text, sorted(proposals), settings)

    found: list[_Found] = []
    anchors = _Anchors(ref=reference_date)
    norm = normalizer(settings)
    last_end = -1
    for a, b, from_rules in proposals:
        if a < last_end:
            continue
        if from_rules:
            a, b = _trim(text, a, b)
            if b <= a:
                continue
            out = _classify(text, a, b, reference_date, settings, anchors, norm)
            if isinstance(out, Verdict):
                continue
            items = [_Found(a, b, out[0], out[1], True)]
        else:
            items = _analyze_candidate(text, a, b, reference_date, settings, anchors, norm)
        for it in items:
            if it.start < last_end:
                continue
            found.append(it)
            last_end = it.end
            anchors.update(it.value, text[it.start : it.end])
        if not items and not from_rules:
            last_end = max(last_end, b)
    found = [f for f in found if not _in_a_name(text, f.start, f.end)]
    _place_report_periods(text, found)
    if reference_date is not None:
        _order_ranges(text, found, reference_date)
    return [
        DateMention(f.start, f.end, text[f.start : f.end], f.value, f.granularity if f.value is not None else None)
        for f in found
    ]


# A capitalized word of time that goes on a name ("USA Today", "High Noon", ABC's "This
# Week"): not a month's, a weekday's or a holiday's name, which are always capitalized.
_CAPITALIZED_TIME_WORD = re.compile(
    r"(?:Today|Tonight|Tomorrow|Yesterday|Noon|Midnight|Now|This|Next|Last|Morning|Evening|Afternoon|Night)\b"
)
_NAME_BEFORE = re.compile(r"(?:^|[\s\"'`\u201c])[A-Z](?:[\w&.'\u2019-]*[\w&'\u2019-])?\s[\"'`\u201c]*$")
_LOWER_WORD = re.compile(r"\b[a-z]{4,}\b")
# A title in quotes in the middle of a sentence (the show \u201cThis Week\u201d).
_OPENING_QUOTE = re.compile(r"(?:``|[\"'\u201c\u2018])$")
_CLOSING_QUOTE = re.compile(r"[,.]?(?:''|[\"'\u201d\u2019])")
_MID_SENTENCE = re.compile(r"[\w,;]\s+(?:``|[\"'\u201c\u2018])$")


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalized expression continues the name before it (in a line that is no
    Title Case headline, where every word is capitalized)."""
    if not _CAPITALIZED_TIME_WORD.match(text, start):
        return False
    quoted = (
        _OPENING_QUOTE.search(text, max(0, start - 2), start) is not None
        and _CLOSING_QUOTE.match(text, end) is not None
        and _MID_SENTENCE.search(text, max(0, start - 40), start) is not None
    )
    if not quoted and _NAME_BEFORE.search(text, max(0, start - 40), start) is None:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return bool(_LOWER_WORD.search(text, line_start, len(text) if line_end < 0 else line_end))


_REPORT_PERIOD = re.compile(r"(?:the|this|that)\s(?:fiscal\s)?(?P<unit>quarter|year)", re.I)
_ENDED = re.compile(r"\sended\s", re.I)


def _place_report_periods(text: str, found: list[_Found]) -> None:
    """ "the quarter ended July 31": the quarter is the three months up to that day, named
    by the calendar quarter of their middle (Q2 here); "the year ended Sept. 30" is the
    year of that day."""
    for a, b in itertools.pairwise(found):
        m = _REPORT_PERIOD.fullmatch(text, a.start, a.end)
        if m is None or b.value is None or b.granularity not in ("day", "month"):
            continue
        if not _ENDED.fullmatch(text, a.end, b.start):
            continue
        end = datetime.date.fromisoformat(b.value if b.granularity == "day" else b.value + "-28")
        if m.group("unit") == "year":
            a.value, a.granularity = f"{end.year:04d}", "year"
        else:
            middle = end - datetime.timedelta(days=45)
            a.value, a.granularity = f"{middle.year:04d}-Q{(middle.month - 1) // 3 + 1}", "quarter"


# "from January 23 through March 9", "between May and July": two ends of one stretch.
_RANGE_JOIN = re.compile(r"\s?(?:-|\u2013|\u2014)\s?|\s(?:to|through|thru|until|till)\s", re.I)
_BETWEEN_JOIN = re.compile(r"\sand\s", re.I)
_BETWEEN = re.compile(r"\bbetween\s$", re.I)
_HAS_YEAR = re.compile(rf"{_B}(?:{YEAR_RE}|'\d\d){_E}")
_HAS_MONTH = re.compile(rf"\b{MONTH_RE}(?!\w)", re.I)


def _shift_year(value: str, k: int) -> str | None:
    """A day or month value moved by k years (None if the day does not exist then)."""
    y = int(value[:4]) + k
    if len(value) == 10:
        try:
            return datetime.date(y, int(value[5:7]), int(value[8:10])).isoformat()
        except ValueError:
            return None
    return f"{y:04d}{value[4:]}"


def _order_ranges(text: str, found: list[_Found], ref: datetime.date) -> None:
    """Put the two ends of a range of days or months without a year in order: each end
    was placed alone (the start of "is to run from January 23 through March 9", written on
    January 28, went to next January), so when the start falls after the end, the end
    that moves is the one that brings the range nearest to the reference date."""
    for a, b in itertools.pairwise(found):
        if a.value is None or b.value is None or a.granularity != b.granularity:
            continue
        if a.granularity not in ("day", "month") or a.value <= b.value:
            continue
        joined = _RANGE_JOIN.fullmatch(text, a.end, b.start) or (
            _BETWEEN_JOIN.fullmatch(text, a.end, b.start) and _BETWEEN.search(text, max(0, a.start - 9), a.start)
        )
        if not joined or not (_HAS_MONTH.search(text, a.start, a.end) and _HAS_MONTH.search(text, b.start, b.end)):
            continue  # "Friday and Thursday" is no range, only names of months are placed so
        options = []
        if not _HAS_YEAR.search(text, a.start, a.end):
            start = _shift_year(a.value, -1)
            if start is not None and start <= b.value:
                options.append((start, b.value))
        if not _HAS_YEAR.search(text, b.start, b.end):
            end = _shift_year(b.value, 1)
            if end is not None and a.value <= end:
                options.append((a.value, end))
        if options:
            a.value, b.value = min(options, key=lambda o: _distance(o, ref))


def _distance(span: tuple[str, str], ref: datetime.date) -> int:
    """Days from the reference date to a range of day or month values (0 inside it)."""
    first = datetime.date.fromisoformat(span[0] if len(span[0]) == 10 else span[0] + "-01")
    last = datetime.date.fromisoformat(span[1] if len(span[1]) == 10 else span[1] + "-28")
    return max((first - ref).days, (ref - last).days, 0)


_EXTEND_RIGHT = re.compile(
    rf"(?:\s(?:[A-Z]{{2,4}}T|GMT|UTC))?(?:,?\s(?:on\s)?(?:{WEEKDAY_RE}(?:,?\s{MONTH_RE}\s\d{{1,2}})?"
    rf"|{MONTH_RE}\s\d{{1,2}}|today|yesterday|tomorrow)(?![\w-])"
    rf"|\s(?:morning|afternoon|evening|night)(?![\w-]))",
    re.I,
)
_YEAR_NOUN = re.compile(r"\s(?:period|quarter)(?![\w-])")
_LAST_YEAR = re.compile(r"last\syear", re.I)
_YEARS_NOUN = re.compile(r"['\u2019]s\s(?:(?:first|second|third|fourth)[\s-])?(?:period|quarter)(?![\w-])")
_EXTEND_LEFT = re.compile(
    r"(?:(?:the\s)?(?:comparable\s)?(?:year-ago|year-earlier|year\searlier|prior-year)|"
    r"the\s(?:corresponding|comparable|same)\s(?:period|quarter)(?:\sof)?|"
    r"(?:this|last|next)\syear's|early|late|mid|earlier|later|fiscal|(?<![\w-])(?:the|each|every))[\s-]$",
    re.I,
)


def _repair(text: str, proposals: list[tuple[int, int, bool]], settings: DateSettings) -> list[tuple[int, int, bool]]:
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
        elif _INNER_YEAR.fullmatch(text, max(0, b - 4), b) or _LAST_YEAR.fullmatch(text, max(0, b - 9), b):
            m = (_YEAR_NOUN if text[b - 1].isdigit() else _YEARS_NOUN).match(text, b)
            if m:
                b = m.end()  # "the 1988 period", "last year's quarter"
        head = text[max(0, a - settings.look_left_chars) : a]
        m = _EXTEND_LEFT.search(head)
        if m and not (out and out[-1][1] > a - len(m.group(0))):
            a = a - (len(head) - m.start())
        out.append((a, b, from_rules))
    return out


_LONGEST_CANDIDATE = 1000


def _overlapping(a: int, b: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sorted spans that overlap [a, b)."""
    i = bisect.bisect_left(spans, (b, -1))
    out = []
    # a model's span is a few words: one that starts this far back cannot reach [a, b)
    while i > 0 and spans[i - 1][0] > a - _LONGEST_CANDIDATE:
        i -= 1
        if a < spans[i][1]:
            out.append(spans[i])
    return out[::-1]


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [a, b) overlaps one of the sorted, mostly disjoint spans near it."""
    i = bisect.bisect_left(spans, (a, -1))
    return any(spans[j][0] < b and a < spans[j][1] for j in range(max(0, i - 3), min(len(spans), i + 2)))
