"""Relative dates: placed from the reference date, or from the last time the text fixed.

"today", "yesterday morning", "this weekend", "three days ago", "a year earlier", "Friday",
"last Tuesday", "this year", "next month", "that day", "the following year", "the quarter",
"the year-ago quarter". Each rule here (a function of a ``Query``) returns None when the
expression is not of its kind, else the expression's value (``Verdict.DROP`` when it names no
point in time, such as "the past year").
"""

from __future__ import annotations

import datetime
import re

from .timex import (
    Query,
    Result,
    Value,
    Verdict,
    add_months,
    clock_time,
    day_time_value,
    format_day,
    granularity_of,
    iso_week,
    quarter_of,
    shift_quarter,
)
from .vocabulary import NUMBER_WORDS, NUMWORD_COMPOUND, PART_OF_DAY, WEEKDAY_RE, WEEKDAYS

__all__ = [
    "ago",
    "deictic",
    "rel_unit",
    "relative_unit",
    "reported_quarter",
    "unit_before",
    "weekday",
    "year_ago_period",
]


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
    r"|last\syear's\s(?:quarter|period)|(?:the\s)?(?:corresponding|comparable|same)\s(?:quarter|period)"
    r"\s(?:of\s)?last\syear"
)
_R_WEEKDAY = re.compile(
    rf"(?:(?P<rel>last|this|next|this\scoming|this\spast|coming|past|early|late|earlier|"
    rf"later|that|on|the\sfollowing|following|the\sprevious|previous|the)\s)?(?P<wd>{WEEKDAY_RE})"
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
# "the quarter", "the latest quarter", "the period": the quarter being reported on.
_R_REPORTED_QUARTER = re.compile(
    r"(?:the|the\slatest|the\srecent|the\smost\srecent|the\sjust-ended|"
    r"the\sjust\sended|the\sfiscal|the\ssame|that|the\scurrent|the\sreporting)"
    r"\s(?:quarter|period|three\smonths|fiscal\squarter|reporting\speriod)"
)

_REL_LAST = {
    "last",
    "the past",
    "the last",
    "past",
    "the previous",
    "previous",
    "this past",
    "the prior",
    "prior",
    "the earlier",
}
_REL_NEXT = {
    "next",
    "the coming",
    "coming",
    "the following",
    "following",
    "this coming",
    "the next",
    "the ensuing",
    "the new",
}


def deictic(q: Query) -> Result | None:
    """ "today", "yesterday morning", "tonight at 8 p.m.", "this weekend"."""
    m = _R_DEICTIC.fullmatch(q.text)
    if m is None:
        return None
    ref, tense = q.ref, q.tense
    word = m.group("word")
    if word in ("overnight",):
        return Verdict.DROP
    if word == "the day":
        return Verdict.DROP
    if ref is None:
        return None, None
    clock = clock_time(m.group("clock")) if m.group("clock") else None
    mod = m.group("mod")
    if "weekend" in word:
        wd = ref.weekday()
        if word in ("this weekend", "the weekend"):
            if wd >= 5:
                base = ref
            elif tense == "future" or (word == "this weekend" and tense != "past"):
                # "will open this weekend"; but "took place this weekend", written on a
                # weekday, is the weekend just gone
                base = ref + datetime.timedelta(days=5 - wd)
            else:
                base = ref - datetime.timedelta(days=wd + 1)
        elif word in ("last weekend", "this past weekend"):
            base = ref - datetime.timedelta(days=wd + 1 if wd < 5 else wd + 2)
        else:
            base = ref + datetime.timedelta(days=12 - wd)
        return f"{iso_week(base)}-WE", "week"
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
    return day_time_value(day, part, clock)


def ago(q: Query) -> Result | None:
    """ "three days ago", "a year earlier" (from the anchor), "two weeks from now"."""
    m = _R_AGO.fullmatch(q.text)
    if m is None:
        return None
    ref, anchor = q.ref, q.anchor
    n = _number(m.group("n"))
    unit = m.group("unit")
    direction = m.group("dir")
    if re.match(r"(?:a\s)?(?:few|several|many|some)\b", m.group("n")) and direction in ("ago", "back"):
        return "PAST_REF", "ref"
    if n is None or "half" in m.group("n"):
        return Verdict.DROP
    if unit in ("hour", "minute"):
        return Verdict.DROP
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    anaphoric = direction in ("earlier", "later", "before", "after", "previously", "prior")
    # "up from a year ago": in reports on a quarter it is the same quarter a year before.
    if unit == "year" and anchor and "-Q" in anchor and anchor[:4].isdigit():
        y, qn = int(anchor[:4]), int(anchor[-1])
        return f"{y + sign * n:04d}-Q{qn}", "quarter"
    if direction == "since":
        return Verdict.DROP
    if anaphoric and anchor is not None:
        shifted = _shift_anchor(anchor, unit, sign * n)
        if shifted is not None:
            return shifted
    if ref is None:
        return None, None
    if unit == "day":
        return format_day(ref + datetime.timedelta(days=sign * n)), "day"
    if unit in ("week", "weekend"):
        return iso_week(ref + datetime.timedelta(days=7 * sign * n)), "week"
    if unit == "month":
        y, mo = add_months(ref.year, ref.month, sign * n)
        return f"{y:04d}-{mo:02d}", "month"
    if unit == "quarter":
        y, qn = shift_quarter(*quarter_of(ref), sign * n)
        return f"{y:04d}-Q{qn}", "quarter"
    if unit == "year":
        return f"{ref.year + sign * n:04d}", "year"
    if unit == "decade":
        # "a decade ago" is a year, ten years back (TimeML), not the decade that holds it:
        # written in 2011 it is 2001, not the 2000s.
        return f"{ref.year + sign * 10 * n:04d}", "year"
    return f"{(ref.year + sign * 100 * n) // 100:02d}", "century"


def _day_of(value: str | None) -> datetime.date | None:
    """The day of a value of day or time granularity ("2022-03-21", "2022-03-21TNI")."""
    if value is None or granularity_of(value[:10]) != "day":
        return None
    return datetime.date.fromisoformat(value[:10])


_R_UNIT_BEFORE = re.compile(r"the\s(?P<unit>year|month|week|day)\s(?P<dir>before|earlier|after|later)")


def unit_before(q: Query) -> Result | None:
    """ "the year before", "the day after": one unit from the time the text last fixed, else
    from the reference date."""
    m = _R_UNIT_BEFORE.fullmatch(q.text)
    if m is None:
        return None
    sign = -1 if m.group("dir") in ("before", "earlier") else 1
    unit, anchor = m.group("unit"), q.anchor
    g = granularity_of(anchor) if anchor else None
    day = _day_of(anchor)
    if unit == "year" and anchor and g not in (None, "decade", "century"):
        return f"{int(anchor[:4]) + sign:04d}", "year"
    if unit == "month" and anchor and g in ("day", "month"):
        y, mo = add_months(int(anchor[:4]), int(anchor[5:7]), sign)
        return f"{y:04d}-{mo:02d}", "month"
    if unit == "week" and day is not None:
        return iso_week(day + datetime.timedelta(days=7 * sign)), "week"
    if unit == "day" and day is not None:
        return format_day(day + datetime.timedelta(days=sign)), "day"
    if unit == "day":
        return Verdict.DROP  # "the day before" with no day named: of an event, not placeable
    return ago(q._replace(text=f"a {unit} {'ago' if sign < 0 else 'from now'}"))


def _shift_anchor(anchor: str, unit: str, k: int) -> Value | None:
    """The anchor moved by k units, at the anchor's own granularity when it has one."""
    g = granularity_of(anchor)
    if g is None:
        return None
    if unit == "year" and g != "day":
        return f"{int(anchor[:4]) + k:04d}{anchor[4:]}", g
    if unit == "day" and g == "day":
        d = datetime.date.fromisoformat(anchor) + datetime.timedelta(days=k)
        return format_day(d), "day"
    if unit == "month" and g in ("day", "month"):
        y, mo = add_months(int(anchor[:4]), int(anchor[5:7]), k)
        return f"{y:04d}-{mo:02d}", "month"
    if unit == "quarter" and g == "quarter":
        y, q = shift_quarter(int(anchor[:4]), int(anchor[-1]), k)
        return f"{y:04d}-Q{q}", "quarter"
    return None


def year_ago_period(q: Query) -> Result | None:
    """ "the year-ago quarter": the quarter reported on, a year before."""
    if _R_YEAR_AGO_ADJ.fullmatch(q.text) is None:
        return None
    ref, anchor = q.ref, q.anchor
    if anchor and "-Q" in anchor and anchor[:4].isdigit():
        return f"{int(anchor[:4]) - 1:04d}-Q{anchor[-1]}", "quarter"
    if ref is None:
        return None, None
    y, qn = shift_quarter(*quarter_of(ref), -1)
    return f"{y - 1:04d}-Q{qn}", "quarter"


def reported_quarter(q: Query) -> Result | None:
    """ "the quarter", "the latest quarter", "the period": the last quarter the text named,
    else the one before the reference date's ("the current quarter": the reference date's)."""
    s, ref, anchor = q.text, q.ref, q.anchor
    if _R_REPORTED_QUARTER.fullmatch(s) is None:
        return None
    is_current = "current" in s
    if anchor and "-Q" in anchor and not is_current:
        return anchor, "quarter"
    if "period" in s and not (anchor and "-Q" in anchor):
        return Verdict.DROP
    if ref is None:
        return None, None
    y, n = quarter_of(ref)
    if not is_current:
        y, n = shift_quarter(y, n, -1)
    return f"{y:04d}-Q{n}", "quarter"


def weekday(q: Query) -> Result | None:
    """ "Friday", "last Tuesday", "next Monday morning", "Thursday at 3 p.m."."""
    m = _R_WEEKDAY.fullmatch(q.text)
    if m is None:
        return None
    ref, tense, settings = q.ref, q.tense, q.settings
    if ref is None:
        return None, None
    target = WEEKDAYS[m.group("wd").rstrip(".")]
    rel = m.group("rel") or ""
    anchor_day = _day_of(q.anchor)
    if rel in ("the previous", "the following") and anchor_day is not None:
        # "down from the previous Friday": the Friday before the day the text is on
        ref = anchor_day
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
    clock = clock_time(m.group("clock")) if m.group("clock") else None
    return day_time_value(day, part, clock)


def relative_unit(q: Query) -> Result | None:
    """ "this year", "last month", "next week", "that day", "the following year"."""
    m = _R_REL_UNIT.fullmatch(q.text)
    if m is None:
        return None
    return rel_unit(m.group("rel"), m.group("unit"), q.ref, q.tense, q.anchor)


def rel_unit(rel: str, unit: str, ref: datetime.date | None, tense: str, anchor: str | None) -> Result:
    """A calendar unit ("year", "week", "morning"...) placed by its modifier ("this", "last",
    "the following"...)."""
    if unit in ("period", "season", "half") or (unit == "day" and rel not in ("that", "the same")):
        return Verdict.DROP
    if rel in ("the following", "the previous", "the prior") and anchor and unit in ("year", "month", "day", "quarter"):
        shifted = _shift_anchor(anchor, unit, 1 if rel == "the following" else -1)
        if shifted is not None and (unit != "year" or shifted[1] == "year"):
            return shifted
        if unit == "year" and anchor[:4].isdigit():
            # "On Dec. 2, 1995 ... the following year": 1996
            return f"{int(anchor[:4]) + (1 if rel == 'the following' else -1):04d}", "year"
    anchor_day = _day_of(anchor)
    if (
        rel in ("the following", "the next", "the previous", "the prior")
        and unit in ("day", "morning", "afternoon", "evening", "night")
        and anchor_day is not None
    ):
        # "appeared in court the next morning": the day after the one the text is on
        day = anchor_day + datetime.timedelta(days=-1 if rel in ("the previous", "the prior") else 1)
        return day_time_value(day, PART_OF_DAY.get(unit), None)
    if rel == "a" or (
        rel
        in (
            "the past",
            "the last",
            "past",
            "the next",
            "the coming",
            "the following",
            "the previous",
            "the prior",
            "the ensuing",
            "the whole",
            "the entire",
        )
        and unit not in ("weekend",)
    ):
        # "the past year", "the next month": a stretch of time, not a calendar unit.
        return Verdict.DROP
    if unit in ("morning", "afternoon", "evening", "night"):
        if rel not in ("this", "that", "the same", "last", "the") or ref is None:
            return Verdict.DROP if ref is not None else (None, None)
        if rel in ("that", "the same", "the") and anchor_day is not None and unit != "night":
            # "dealers placed orders in the morning": the morning of the day the text is on
            # ("the night" is mostly an event's: "the night the plane went down")
            return day_time_value(anchor_day, PART_OF_DAY[unit], None)
        if rel in ("that", "the same", "the"):
            return Verdict.DROP
        day = ref - datetime.timedelta(days=1) if rel == "last" else ref
        return day_time_value(day, PART_OF_DAY[unit], None)
    if rel in ("that", "the same"):
        # "that year", "the same day": the time last named in the text.
        g = granularity_of(anchor) if anchor else None
        if g is None:
            return Verdict.DROP
        if unit == "year":
            return anchor[:4] if anchor else None, "year"
        if unit == "month" and g in ("month", "day"):
            return anchor[:7] if anchor else None, "month"
        if unit == "day" and g == "day":
            return anchor, "day"
        return Verdict.DROP
    if unit in ("fiscal year", "calendar year"):
        unit = "year"
    if rel == "the" and unit in ("week", "month", "decade", "century"):
        return Verdict.DROP
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
        y, mo = add_months(ref.year, ref.month, k)
        return f"{y:04d}-{mo:02d}", "month"
    if unit == "week":
        return iso_week(ref + datetime.timedelta(days=7 * k)), "week"
    if unit == "weekend":
        wd = ref.weekday()
        base = ref + datetime.timedelta(days=7 * k)
        if k == 0 and wd < 5 and tense != "future":
            base = ref - datetime.timedelta(days=wd + 1)
        return f"{iso_week(base)}-WE", "week"
    if unit == "quarter":
        y, q = shift_quarter(*quarter_of(ref), k)
        return f"{y:04d}-Q{q}", "quarter"
    if unit == "decade":
        return f"{ref.year // 10 + k:03d}X", "decade"
    return f"{ref.year // 100 + k:02d}", "century"
