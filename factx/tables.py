"""Data tables of general knowledge that factx ships under ``models/``.

Every table is a tab-separated text file whose first lines are ``#`` comments naming its
source and licence. They are read once per process (``functools.cache``) through
``importlib.resources``: an installed wheel holds them in ``factx/models/``; a source or
editable checkout keeps them in the top-level ``models/`` folder next to ``factx/``. No path
is ever taken relative to the working directory.

Tables:

``diminutives.tsv``
    given names and their diminutives across languages (Slavic, Spanish, Italian,
    German, French, Portuguese, Polish, ...), merged at load time with the English
    nicknames of the ``nicknames`` package (Apache-2.0) when it is installed.
``country_aliases.tsv``
    other names of countries: abbreviations (US, U.K.), official and former names.
``demonyms.tsv``
    adjectives and demonyms of countries, regions and religions (French -> France).
``religions.tsv``
    religions and the adjectives of the faith itself (Islam -> Islamic), not of its adherents.
``kinship.tsv``
    kinship nouns with the relation they express (wife -> spouse).
``titles.tsv``
    titles and honorifics with a category (President -> political).
``reporting.tsv``
    reporting verbs and phrases ("said", "according to") whose clause is someone's claim.
``given_names.tsv``
    given names across languages with the gender they tell (when one gender bears the
    name at least ten times as often), from nomquamgender and the US Census 1990 lists.
``name_affixes.tsv``
    company suffixes, place designators, club affixes, surname particles, generational
    suffixes, head nouns of institutions ("University") and facilities ("Airport").

:func:`models_dir` gives the folder itself, for modules that ship further data there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importlib.resources.abc exists from Python 3.11 on
    from importlib.resources.abc import Traversable

__all__ = [
    "country_aliases",
    "country_of_alias",
    "demonyms",
    "diminutives",
    "full_name_diminutives",
    "given_name_genders",
    "given_names",
    "group_nouns",
    "institution_nouns",
    "is_country",
    "kinship_nouns",
    "models_dir",
    "name_affixes",
    "not_membership",
    "occupations",
    "place_nouns",
    "place_of_demonym",
    "places",
    "religion_of_adjective",
    "reporting_words",
    "role_words",
    "table_key",
    "table_lines",
    "title_genders",
    "titles",
]


# Distinct strings whose table key is remembered: the same names come back in every
# document (and the tables themselves are keyed once at load time).
TABLE_KEY_CACHE_SIZE = 65536
_LEADING_THE = re.compile(r"^the\s+")
_NON_WORD_RUN = re.compile(r"[^\w']+")


@lru_cache(maxsize=TABLE_KEY_CACHE_SIZE)
@lru_cache(maxsize=1 << 16)  # names and their words recur across a corpus; the key is a pure function
def table_key(text: str) -> str:
    """Lookup key of a table entry or a name: NFKC, case-folded, periods dropped.

    Curly apostrophes become straight ones and any run of other non-word characters
    becomes one space, so "U.S.", "US" and "u s" share the key "us".
    """
    s = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    s = s.casefold().replace(".", "")
    s = _LEADING_THE.sub("", s.strip())
    return _NON_WORD_RUN.sub(" ", s).strip()


def _models_dir() -> Traversable:
    packaged = resources.files("factx") / "models"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "models"


def models_dir() -> Traversable:
    """The folder that holds factx's data tables (``models/`` of a checkout, or
    ``factx/models`` of an installed wheel), for other modules that ship data next to
    them."""
    return _models_dir()


def table_lines(name: str) -> Iterator[list[str]]:
    """The data rows of ``models/<name>``: tab-split fields, comments and blanks skipped."""
    text = (_models_dir() / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield [field.strip() for field in line.split("\t")]


def _freeze(d: Mapping[str, set[str]]) -> Mapping[str, frozenset[str]]:
    return MappingProxyType({k: frozenset(v) for k, v in d.items()})


@cache
def _diminutive_pairs() -> frozenset[tuple[str, str]]:
    """(short, full) pairs, lower-cased, from the table and the nicknames package."""
    pairs: set[tuple[str, str]] = set()
    for row in table_lines("diminutives.tsv"):
        fulls = [table_key(f) for f in row[0].split("|") if f.strip()]
        shorts = [table_key(s) for s in row[1].split("|") if s.strip()]
        pairs.update((s, f) for s in shorts for f in fulls if s != f)
    try:
        from nicknames import name_triplets
    except ImportError:  # optional: the table alone still covers many names
        return frozenset(pairs)
    for triplet in name_triplets():
        full, short = table_key(triplet.name1), table_key(triplet.name2)
        if full and short and full != short:
            pairs.add((short, full))
    return frozenset(pairs)


@cache
def diminutives() -> Mapping[str, frozenset[str]]:
    """Lower-cased short form -> the full given names it is a diminutive of.

    ``diminutives()["sasha"]`` holds "aleksandr", "alexander", ...; the reverse direction
    is :func:`full_name_diminutives`.
    """
    out: dict[str, set[str]] = {}
    for short, full in _diminutive_pairs():
        out.setdefault(short, set()).add(full)
    return _freeze(out)


@cache
def full_name_diminutives() -> Mapping[str, frozenset[str]]:
    """Lower-cased full given name -> its known diminutives and nicknames."""
    out: dict[str, set[str]] = {}
    for short, full in _diminutive_pairs():
        out.setdefault(full, set()).add(short)
    return _freeze(out)


@cache
def given_names() -> frozenset[str]:
    """Every lower-cased given name or diminutive that the name tables know."""
    return frozenset(n for pair in _diminutive_pairs() for n in pair)


@cache
def given_name_genders() -> Mapping[str, str]:
    """Lower-cased given name -> "f", "m" or "-" (``given_names.tsv``): a list of given
    names across languages, larger than the diminutive tables (which ``given_names`` reads).
    "f" or "m" only when one gender bears the name at least ten times as often as the
    other, so that a pronoun of the other gender may be refused; "-" tells no gender."""
    return MappingProxyType({row[0]: row[1] for row in table_lines("given_names.tsv")})


@cache
def country_aliases() -> Mapping[str, frozenset[str]]:
    """Canonical country name -> its other names, as written in the table."""
    out: dict[str, set[str]] = {}
    for row in table_lines("country_aliases.tsv"):
        out.setdefault(row[0], set()).update(a for a in row[1].split("|") if a)
    return _freeze(out)


@cache
def _alias_index() -> Mapping[str, str]:
    index: dict[str, str] = {}
    for canon, others in country_aliases().items():
        index[table_key(canon)] = canon
        for other in others:
            index.setdefault(table_key(other), canon)
    return MappingProxyType(index)


@lru_cache(maxsize=TABLE_KEY_CACHE_SIZE)
def country_of_alias(name: str) -> str | None:
    """The canonical country that ``name`` is a name of ("U.S." -> "United States")."""
    return _alias_index().get(table_key(name))


@cache
def demonyms() -> Mapping[str, frozenset[str]]:
    """Place name -> its demonyms and adjectives ("France" -> {"French", "Frenchman"})."""
    out: dict[str, set[str]] = {}
    for row in table_lines("demonyms.tsv"):
        out.setdefault(row[0], set()).update(d for d in row[1].split("|") if d)
    return _freeze(out)


@cache
def _demonym_index() -> Mapping[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for place, words in demonyms().items():
        for word in words:
            index.setdefault(table_key(word), set()).add(place)
    return _freeze(index)


@lru_cache(maxsize=TABLE_KEY_CACHE_SIZE)
def place_of_demonym(word: str) -> frozenset[str]:
    """Places whose demonym ``word`` is; regular plurals ("Americans", "Frenchmen") too."""
    key = table_key(word)
    index = _demonym_index()
    for candidate in (key, key[:-1] if key.endswith("s") else "", key[:-3] + "man" if key.endswith("men") else ""):
        if candidate and candidate in index:
            return index[candidate]
    return frozenset()


@cache
def _religion_adjectives() -> Mapping[str, str]:
    return MappingProxyType(
        {table_key(adj): row[0] for row in table_lines("religions.tsv") for adj in row[1].split("|") if adj.strip()}
    )


def religion_of_adjective(word: str) -> str | None:
    """The religion ``word`` is an adjective of the faith of ("Islamic" -> "Islam")."""
    return _religion_adjectives().get(table_key(word))


@cache
def kinship_nouns() -> Mapping[str, tuple[str, str]]:
    """Lower-cased kinship noun -> (relation, gender); gender is "f", "m" or "-"."""
    return MappingProxyType({row[0].casefold(): (row[1], row[2]) for row in table_lines("kinship.tsv")})


@cache
def half_and_step_kin() -> frozenset[str]:
    """Kinship nouns of half- and step-relatives ("half-brother", "stepmother"), lower case."""
    return frozenset(w for w, (rel, _g) in kinship_nouns().items() if w.startswith("half") or rel.startswith("step_"))


def is_country(name: str) -> bool:
    """Whether ``name`` names a country, or a region with a demonym of its own ("England")."""
    return country_of_alias(name) is not None or name in demonyms()


@cache
def group_nouns() -> Mapping[str, str]:
    """Lower-case noun of a kind of organization, singular and plural ("band", "trios") ->
    its kind: "members" (a group people belong to) or "org"."""
    rows = [(row[0], row[1]) for row in table_lines("group_nouns.tsv")]
    return MappingProxyType({**{w + "s": kind for w, kind in rows}, **dict(rows)})


@cache
def not_membership() -> frozenset[str]:
    """Head nouns of bodies one holds a seat in or serves, which "member of" makes no
    membership of (``not_membership.tsv``: legislatures, armed forces, leagues)."""
    return frozenset(row[0] for row in table_lines("not_membership.tsv"))


@cache
def place_nouns() -> Mapping[str, str]:
    """Lower-case noun of a kind of place, singular and plural ("town", "islands") -> its
    kind: "settlement" (GPE) or "feature" (LOC)."""
    rows = [(row[0], row[1]) for row in table_lines("place_nouns.tsv")]
    return MappingProxyType({**{w + "s": kind for w, kind in rows}, **dict(rows)})


@cache
def places() -> Mapping[str, frozenset[tuple[str, str]]]:
    """City key -> the (country, US state or "-") of each city of that name (``places.tsv``)."""
    out: dict[str, set[tuple[str, str]]] = {}
    for city, country, state in table_lines("places.tsv"):
        out.setdefault(table_key(city), set()).add((country, state))
    return MappingProxyType({k: frozenset(v) for k, v in out.items()})


@cache
def role_words() -> frozenset[str]:
    """The one-word roles of ``roles.tsv`` ("spokesperson", "chairman"), lower case."""
    return frozenset(row[0].casefold() for row in table_lines("roles.tsv") if " " not in row[0])


@cache
def occupations() -> frozenset[str]:
    """Lower-case occupation nouns that precede a person's name ("farmer", "curator")."""
    return frozenset(row[0].casefold() for row in table_lines("occupations.tsv"))


@cache
def personal_occupations() -> frozenset[str]:
    """The occupations that describe only people: a name after one is a person's."""
    return frozenset(row[0].casefold() for row in table_lines("occupations.tsv") if row[1:] != ["company"])


@cache
def titles() -> Mapping[str, str]:
    """Title key (lower case, no periods: "dr", "prime minister") -> category."""
    return MappingProxyType({table_key(row[0]): row[1] for row in table_lines("titles.tsv")})


@cache
def name_affixes() -> Mapping[str, frozenset[str]]:
    """Kind ("org_suffix", "place_designator", "club_affix", "particle", "generational")
    -> the lower-cased words of that kind."""
    out: dict[str, set[str]] = {}
    for row in table_lines("name_affixes.tsv"):
        out.setdefault(row[1], set()).add(row[0])
    return _freeze(out)


@cache
def title_genders() -> Mapping[str, str]:
    """Lower-cased title without periods ("mr", "lady") -> "f" or "m"."""
    return MappingProxyType({row[0]: row[1] for row in table_lines("title_genders.tsv")})


@cache
def institution_nouns() -> frozenset[str]:
    """Lower-case nouns that head the names of institutions ("court", "church", "ministry")
    and name one again alone after its full name."""
    return frozenset(row[0] for row in table_lines("institution_nouns.tsv"))


@cache
def reporting_words() -> Mapping[str, str]:
    """Lower-cased reporting verb lemma or phrase ("say", "according to") -> its kind,
    "verb" (its subject is the speaker) or "phrase" (its object is)."""
    return MappingProxyType({row[0].casefold(): row[1] for row in table_lines("reporting.tsv")})
