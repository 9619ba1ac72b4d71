"""News datelines: "PARIS, France, May 3 (AFP) --" at the start of a line.

A wire story opens with the place it was filed from, an optional date and the agency in
parentheses, then a dash (or the end of the line). The small models tag the capitalized
place names and the agency badly ("DAYTON" as an organization, "Saint-Gall" as nothing);
the construction itself says what they are, so mentions take the labels from here and the
place frames read the agency as located in the places.

Only the line's first words are read, so the cost is the number of lines, not of words.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MONTHS = frozenset(m.lower() for m in (*calendar.month_name, *calendar.month_abbr) if m) | frozenset({"sept"})
LINE_BREAK = re.compile(r"\n\s*")
DASHES = frozenset({"--", "-", "\u2013", "\u2014", "\u2015"})
# at most this many words in one place name ("SAN JUAN DE LA CRUZ") or in the agency's
MAX_NAME_WORDS = 4
MAX_PLACES = 3
# a line's first tokens read in search of the agency
MAX_DATELINE_TOKENS = 24


@dataclass(frozen=True, slots=True)
class Dateline:
    """Token spans (start, end exclusive) of the places and of the agency."""

    places: tuple[tuple[int, int], ...]
    agency: tuple[int, int]


def find(doc: Doc) -> list[Dateline]:
    """The datelines of ``doc``, one at most per line."""
    out = []
    for start in _line_starts(doc):
        found = _dateline(doc, start)
        if found is not None:
            out.append(found)
    return out


def _line_starts(doc: Doc) -> list[int]:
    """The first token after each line break. spaCy keeps a line break in a whitespace token
    of its own (a token's trailing whitespace is one space at most), so only those tokens
    are read: joining the document's text to search it cost more than the whole search."""
    if not len(doc):
        return []
    from spacy.attrs import IS_SPACE

    n = len(doc)
    starts = [0]
    for i in doc.to_array([IS_SPACE]).ravel().nonzero()[0].tolist():
        if i + 1 < n and i + 1 != starts[-1] and LINE_BREAK.search(doc[i].text):
            starts.append(i + 1)
    return starts


def _is_name_word(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.text.lower() not in MONTHS and tok.is_alpha


def _name(doc: Doc, i: int, stop: int) -> int:
    """The end of a capitalized name that starts at ``i`` ("Saint-Gall", "MEXICO CITY"), or
    ``i`` when none does. Words joined by a hyphen without spaces are one word."""
    j = i
    words = 0
    while j < stop and _is_name_word(doc[j]) and words < MAX_NAME_WORDS:
        j += 1
        words += 1
        while (
            j + 1 < stop
            and doc[j].text == "-"
            and not doc[j - 1].whitespace_
            and not doc[j].whitespace_
            and _is_name_word(doc[j + 1])
        ):
            j += 2
    return j


def _dateline(doc: Doc, start: int) -> Dateline | None:
    stop = min(len(doc), start + MAX_DATELINE_TOKENS)
    i = start
    # an editor's marker before the dateline: "(Text) Sofia, ..."
    if i + 2 < stop and doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].is_alpha:
        i += 3
    places: list[tuple[int, int]] = []
    while len(places) < MAX_PLACES:
        end = _name(doc, i, stop)
        if end == i:
            break
        places.append((i, end))
        i = end
        if i < stop and doc[i].text == ",":
            i += 1
        else:
            break
    if not places:
        return None
    dated_from = i
    # the date: "May 3", "3 May", "Feb 2,"
    while i < stop and (
        doc[i].lower_.rstrip(".") in MONTHS or (doc[i].like_num and len(doc[i].text) <= 2) or doc[i].text in {",", "."}
    ):
        i += 1
    if i >= stop or doc[i].text != "(":
        return None
    agency_start = i + 1
    agency_end = _name(doc, agency_start, stop)
    if agency_end == agency_start or agency_end >= len(doc) or doc[agency_end].text != ")":
        return None
    after = agency_end + 1
    line_ends = after >= len(doc) or doc[after].is_space or "\n" in doc[agency_end].whitespace_
    if not (line_ends or doc[after].text in DASHES):
        return None
    # "Jane Roe (Labour) -" opens a line too: a dateline shows itself by a comma between
    # places, a date, or a place in capitals
    if not (len(places) > 1 or dated_from < i or all(doc[t].is_upper for t in range(*places[0]) if doc[t].is_alpha)):
        return None
    return Dateline(tuple(places), (agency_start, agency_end))
