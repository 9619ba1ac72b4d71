"""The words of temporal expressions, read from ``models/date_words.tsv`` and
``models/tense_cues.tsv``, and the pieces of regular expression built from them.

The tables are read once, when ``factx.dates`` is imported: the patterns of the other
modules are compiled from these names at import time. Mappings are read-only.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from factx.tables import table_lines

__all__ = [
    "CALENDAR_NAME_RE",
    "DECADE_WORDS",
    "DECADE_WORD_RE",
    "FORMER_WORDS",
    "HOLIDAYS_FIXED",
    "MONTHS",
    "MONTH_NAME_RE",
    "MONTH_RE",
    "NUMBER_WORDS",
    "NUMWORD",
    "NUMWORD_COMPOUND",
    "ORDINALS",
    "PART_OF_DAY",
    "REF_WORDS",
    "SEASONS",
    "SEASON_ORDER",
    "SEASON_RE",
    "SHORT_YEAR_RE",
    "TENSE_CUES",
    "UNIT",
    "UNITS_PLURAL",
    "WEEKDAYS",
    "WEEKDAY_NAME_RE",
    "WEEKDAY_RE",
    "YEAR_RE",
]


def _read_words() -> dict[str, list[tuple[list[str], str]]]:
    """Kind -> its rows in file order, each (words, value); the first word of a month or
    weekday row is the full name."""
    out: dict[str, list[tuple[list[str], str]]] = {}
    for row in table_lines("date_words.tsv"):
        if len(row) != 3:  # a damaged table would otherwise fail far from its cause
            raise ValueError(f"models/date_words.tsv: a row has three fields, not {row!r}")
        kind, words, value = row
        out.setdefault(kind, []).append((words.split("|"), value))
    return out


_WORDS = _read_words()


def _values(kind: str) -> dict[str, str]:
    """Word -> value of one kind, in table order."""
    return {w: value for words, value in _WORDS[kind] for w in words}


MONTHS: Mapping[str, int] = MappingProxyType({w: int(v) for w, v in _values("month").items()})
WEEKDAYS: Mapping[str, int] = MappingProxyType({w: int(v) for w, v in _values("weekday").items()})
SEASONS: Mapping[str, str] = MappingProxyType(_values("season"))
SEASON_ORDER: tuple[str, ...] = tuple(value for _, value in _WORDS["season"])
PART_OF_DAY: Mapping[str, str] = MappingProxyType(_values("part_of_day"))
NUMBER_WORDS: Mapping[str, int] = MappingProxyType({w: int(v) for w, v in _values("number").items()})
ORDINALS: Mapping[str, int] = MappingProxyType({w: int(v) for w, v in _values("ordinal").items()})
DECADE_WORDS: Mapping[str, int] = MappingProxyType({w: int(v) for w, v in _values("decade").items()})
# Holidays on a fixed date -> (month, day); Thanksgiving, the one moving holiday of US news
# that is easy to compute, is computed.
HOLIDAYS_FIXED: Mapping[str, tuple[int, int]] = MappingProxyType(
    {w: (int(v[:2]), int(v[3:])) for w, v in _values("holiday").items()}
)
REF_WORDS: Mapping[str, str] = MappingProxyType(_values("reference"))
FORMER_WORDS: frozenset[str] = frozenset(_values("former"))

if sorted(set(MONTHS.values())) != list(range(1, 13)) or sorted(set(WEEKDAYS.values())) != list(range(7)):
    raise ValueError("models/date_words.tsv: every month (1-12) and weekday (0-6) needs a row")


def _read_cues() -> Mapping[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for word, cue in table_lines("tense_cues.tsv"):
        out.setdefault(cue, set()).add(word)
    return MappingProxyType({cue: frozenset(words) for cue, words in out.items()})


# Cue ("future", "intent", "past", ...) -> the words that give it.
TENSE_CUES: Mapping[str, frozenset[str]] = _read_cues()


def _alternation(kind: str, *, short: bool = True, leave_out: frozenset[str] = frozenset()) -> str:
    """The names of a month or weekday table as a regular-expression alternation: the full
    names in table order, then the abbreviations in table order (longer before shorter)."""
    names = [words[0] for words, _ in _WORDS[kind]]
    if short:
        names += [w for words, _ in _WORDS[kind] for w in words[1:]]
    return "|".join(n for n in names if n not in leave_out)


# A month or weekday name, full or abbreviated, with the period of an abbreviation.
MONTH_RE = rf"(?:{_alternation('month')})\.?"
WEEKDAY_RE = rf"(?:{_alternation('weekday')})\.?"
# The full names only.
MONTH_NAME_RE = _alternation("month", short=False)
WEEKDAY_NAME_RE = _alternation("weekday", short=False)
# The names that, written in lower case, make a match no date (find.py: "may", "march" and
# "sun" are words): all but "thur", so that a lower-case "thur, March 5" is still found.
CALENDAR_NAME_RE = f"{_alternation('month')}|{_alternation('weekday', leave_out=frozenset({'thur'}))}"
SEASON_RE = "|".join(w for words, _ in _WORDS["season"] for w in words)
DECADE_WORD_RE = "|".join(w for words, _ in _WORDS["decade"] for w in words)

YEAR_RE = r"(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})"
SHORT_YEAR_RE = r"'\d{2}"

UNIT = (
    r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|year|decade|century|"
    r"centurie|quarter|term|season|semester|period)"
)
UNITS_PLURAL = (
    r"(?:seconds|minutes|hours|days|nights|weeks|weekends|fortnights|months|years|decades|"
    r"centuries|quarters|terms|seasons|semesters|periods)"
)
NUMWORD = (
    r"(?:\d+(?:[.,]\d+)?(?:\s1/2)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|a\scouple\sof|a\scouple|couple\sof|"
    r"a\sfew|few|several|many|some|a\sdozen|dozens\sof|hundreds\sof|thousands\sof|"
    r"a|an|half\san|half\sa|a\shalf)"
)
NUMWORD_COMPOUND = rf"{NUMWORD}(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine|and\sa\shalf))?"
