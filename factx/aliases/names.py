"""The text of a name as the merging rules read it: its form key, the country it names, its
initials and acronym, and the word tables (given names, diminutives, titles, affixes) under
form keys."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType

from factx import tables

FUNCTION_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "at",
        "by",
        "de",
        "del",
        "der",
        "des",
        "di",
        "du",
        "et",
        "for",
        "in",
        "la",
        "le",
        "les",
        "of",
        "on",
        "or",
        "the",
        "to",
        "und",
        "with",
        "y",
    }
)
_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]*")
_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"})
_POSSESSIVE_END = re.compile(r"'s?$")
_ACRONYM_NOISE = re.compile(r"[.\s]")  # dropped before testing for an acronym ("U.N.")
_INITIALS_SPLIT = re.compile(r"[\s\-/]+")  # word breaks when taking a name's initials
_STATE_OF = re.compile(
    r"^(?:\w+ )*(?:kingdom|republic|state|commonwealth|principality|grand duchy|sultanate"
    r"|emirate|federation|confederation|union) of (?:the )?(?P<name>.+)$"
)
# Distinct surface strings whose form key (and country) is remembered across documents:
# form keys are pure functions of the text, asked for again for every word of every form.
FORM_KEY_CACHE_SIZE = 65536


@lru_cache(maxsize=FORM_KEY_CACHE_SIZE)
def form_key(text: str) -> str:
    """The normalized key that decides which surface forms count as the same form."""
    s = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    s = s.strip().strip("\"'`\u201c\u201d")
    s = _POSSESSIVE_END.sub("", s)
    s = tables.table_key(s).replace("'", "")
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return s.translate(_FOLD)


def is_number(token: str) -> bool:
    return token.isdigit() or bool(_ROMAN.match(token))


def acronym(text: str) -> str:
    """``text`` without periods and spaces when that is an all-capital acronym ("U.N." ->
    "UN"), else ""."""
    compact = _ACRONYM_NOISE.sub("", text)
    return compact if _ACRONYM.fullmatch(compact) else ""


def initials(text: str, min_length: int) -> set[str]:
    """The acronyms a name of two or more words can be spelled by: the initials of all its
    words, of the words other than function words, of the capitalized words, and without a
    leading "the"; those shorter than ``min_length`` dropped."""
    words = [w for w in _INITIALS_SPLIT.split(unicodedata.normalize("NFKC", text)) if w and w[0].isalnum()]
    if len(words) < 2:
        return set()
    out = {
        "".join(w[0] for w in words).upper(),
        "".join(w[0] for w in words if w.casefold() not in FUNCTION_WORDS).upper(),
        "".join(w[0] for w in words if w[0].isupper()),
    }
    if words[0].casefold() == "the":
        out.add("".join(w[0] for w in words[1:]).upper())
    return {a for a in out if len(a) >= min_length}


@lru_cache(maxsize=FORM_KEY_CACHE_SIZE)
def country(key: str) -> str | None:
    """The canonical country a form key names: a table alias ("us" -> "United States"),
    a country or place of the demonym table under its own name, or "Kingdom of <country>"
    and similar official styles of a known country."""
    found = tables.country_of_alias(key)
    if found:
        return found
    places = _known_places()
    if key in places:
        return places[key]
    styled = _STATE_OF.match(key)
    if styled:
        inner = styled["name"]
        return tables.country_of_alias(inner) or places.get(inner)
    return None


@cache
def _known_places() -> Mapping[str, str]:
    return MappingProxyType({form_key(p): p for p in tables.demonyms()})


@dataclass(frozen=True)
class NameWords:
    """The word tables the rules read names with, under form keys."""

    dim: Mapping[str, frozenset[str]]  # diminutive -> the full given names it is short for
    given: frozenset[str]
    genders: Mapping[str, str]  # given name -> "f" / "m", for names that tell it
    particles: frozenset[str]  # "van", "de": a surname block ("van Dyke")
    generational: frozenset[str]  # "jr", "iii"
    designators: frozenset[str]  # company suffixes and club affixes, dropped by the designator rule
    club_affixes: frozenset[str]  # "FC", "AC": a name they open is a club's, never a person's
    institution_nouns: frozenset[str]  # "court", "church": a short name ending in one may drop an "of" phrase
    org_heads: frozenset[str]  # institution head nouns and company suffixes
    loc_heads: frozenset[str]  # facility head nouns and place designators
    non_person_words: frozenset[str]  # words no person's name holds
    titles: Mapping[str, str]


@cache
def name_words() -> NameWords:
    """The tables of ``factx.tables`` as the rules use them, built once: they are the same
    for every document. Names are under form keys (accents folded), so that "Jose" and
    "José" look up alike."""
    dim: dict[str, set[str]] = {}
    for short, fulls in tables.diminutives().items():
        dim.setdefault(form_key(short), set()).update(form_key(f) for f in fulls)
    affixes = tables.name_affixes()
    # Place designators are not dropped: "Mexico City" is not Mexico, nor is "Albany
    # County" the city of Albany.
    designators = affixes.get("org_suffix", frozenset()) | affixes.get("club_affix", frozenset())
    place_designators = affixes.get("place_designator", frozenset())
    return NameWords(
        dim=MappingProxyType({k: frozenset(v) for k, v in dim.items()}),
        given=frozenset(form_key(n) for n in tables.given_names()),
        genders=MappingProxyType({form_key(n): g for n, g in tables.given_name_genders().items() if g != "-"}),
        particles=affixes.get("particle", frozenset()),
        generational=affixes.get("generational", frozenset()),
        designators=designators,
        club_affixes=affixes.get("club_affix", frozenset()),
        institution_nouns=tables.institution_nouns(),
        org_heads=affixes.get("org_head", frozenset()) | affixes.get("org_suffix", frozenset()),
        loc_heads=affixes.get("facility_head", frozenset()) | place_designators,
        non_person_words=designators | place_designators | FUNCTION_WORDS,
        titles=tables.titles(),
    )
