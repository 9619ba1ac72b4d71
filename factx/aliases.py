"""Merge the name mentions of one document into entities.

``merge(mentions)`` takes the cleaned named-entity mentions of one document and returns
one :class:`Cluster` per real-world entity: spelling variants, short forms, nicknames,
acronyms, country aliases and demonyms of one entity end up together, each with the reason
why it joined. The module is pure Python (plus rapidfuzz and the data tables of
:mod:`factx.tables`); it never imports spaCy.

How merging decides
===================

1. **Forms.** Mentions are grouped by a normalized *form key*: Unicode NFKC, case-folded,
   accents removed, periods, quote marks, a possessive ``'s`` and a leading "the" dropped,
   other punctuation turned into spaces. "The Beatles", "Beatles'", "U.S." / "US" and
   "Durán" / "Duran" each share one key; all later rules compare distinct forms, never
   all pairs of mentions, so a document with hundreds of mentions stays fast.
   A quoted nickname inside a name (``Aleksandr 'Sasha' Ivanov``, also with curly or double
   quotes) gives the form the extra keys "Aleksandr Ivanov" and "Sasha Ivanov" and the
   nickname "Sasha" as a given name of that person. A name followed by its acronym in
   parentheses ("Baltic Marine Research Council (BMRC)", also with the closing parenthesis
   cut off) is the form of the name, with the acronym as an extra key; only when the
   letters are the name's initials (see ``acronym``), so "Jane Roe (Progress Party)" stays
   one odd form.

2. **Class of a form.** Each form gets a coarse class by majority of its mentions' NER
   labels: PER (PERSON), LOC (GPE, LOC, FAC), ORG, NORP, MISC (the rest); ties go to the
   first of that list. A form of two to ``person_evidence_max_tokens`` tokens whose first
   token is a known given name (diminutive table) and which holds no function word,
   designator or company suffix gets ``person_evidence_weight`` extra PER votes, and
   ``surname_evidence_weight`` more when its last token also stands alone in the document
   tagged mostly PERSON: "Anna Kowalska" tagged ORG twice and PERSON once, with "Kowalska"
   tagged PERSON elsewhere, is a person; "Washington State Senate" tagged ORG stays an ORG.
   A form of two or more words whose last word is a head noun of an institution or
   facility (``org_head``, ``facility_head``, ``org_suffix`` and ``place_designator`` of
   ``models/name_affixes.tsv``: "University", "Records", "Airport", "Palace",
   "Municipality") names no person: its PERSON votes count for ORG (institutions) or LOC
   (facilities, places), so "Kahului Airport" tagged PERSON is no full person name that a
   bare "Kahului" could join as a given name. Not when the first word is a known given
   name ("Charlotte Chapel"); head nouns that are common surnames (Hall, Church, Park) are
   not in the table.

3. **Links**, strongest first; each joins two forms' clusters (union-find):

   * ``always merge`` - pairs from ``MergeSettings.always_merge`` (yours: see 7).
   * ``quoted nickname`` - a form equals one of the extra keys of a quoted-nickname form;
     ``parenthesized acronym`` - a form equals the acronym of a "Name (ACRONYM)" form.
   * ``country alias`` - both forms name one country in ``models/country_aliases.tsv``
     (US, U.S., USA, America, United States).
   * ``designator`` - non-person forms equal once a company suffix or club affix from
     ``models/name_affixes.tsv`` is dropped ("Acme Inc." / "Acme", "FC Porto" / "Porto").
     Place designators are not dropped: "Mexico City" is not Mexico, "Albany County" is not
     the city of Albany.
   * full person names (two or more tokens, both PER): ``token subset`` when one name's
     tokens align with the other's keeping first and last name ("John Smith" / "John Henry
     Smith"), ``initials`` ("J. H. Smith"), ``nickname table`` when given names differ by a
     diminutive ("Bill Gates" / "William Gates"), ``fuzzy`` when one token differs by
     spelling (see 4).
   * ``title`` / ``nickname table`` / ``fuzzy`` between one-token person names: equal once
     a title is dropped ("Saint Peter" / "Peter"), a diminutive (Sasha / Aleksandr) or a
     spelling variant (Larisa / Larissa).
   * a one-token person name (or a surname block such as "van Dyke") joins a full name:
     as a *surname* (last or a later token of the full name) it goes to the most salient
     person with that surname (most mentions, then earliest) so that in a family the bare
     surname goes to the main person and the relatives stay apart; as a *given name*
     (equal, diminutive or quoted nickname) it joins only when exactly one person has it,
     and never when all its mentions are tagged as places (towns start the names of
     newspapers and firms: "Austin" / "Austin Daily Herald").
     A one-token form not voted PER joins a person only when its label evidence is weak: at
     least ``min_person_votes_for_place`` of its mentions were tagged PERSON, or it has at
     most ``weak_label_max_mentions`` mentions, or (unless ``strict_labels``) its class is
     in ``person_confusable`` (ORG, MISC: the small model often tags surnames ORG). So the
     state "Washington" tagged GPE three times stays apart from "George Washington", while
     a surname the model tagged GPE once still joins. Countries and demonyms never join.
     With ``surname_any_label`` (on by default) a one-token form with strong place or group
     evidence still joins as a *surname* (never as a given name) when it equals the last
     token of a full name that at least half of its own mentions tag PERSON, and first
     appears after that full name: the small model tags unfamiliar surnames GPE or NORP
     ("Dolly Parton" ... "Parton" tagged GPE five times). Countries and demonym-table
     places never join. Known gap: a place sharing the surname, named only after the
     person ("George Washington" ... "Washington" the state), is read as the surname.
   * ``fuzzy`` - spelling variants (Odessa / Odesa) by ``rapidfuzz.fuzz.ratio`` on the
     form keys, compared only inside buckets of one first letter with
     ``rapidfuzz.process.cdist``; see 4 for the guards.
   * ``short form`` (``merge_org_short_forms``) - a form voted ORG joins a longer name
     that starts with its words and continues only with institution head nouns or company
     suffixes ("Quillon" / "Quillon Records", "Tarnhelm" / "Tarnhelm University"), when
     exactly one entity of the document has names starting with those words and neither
     side holds a full person name. Facility heads do not count here: a town gives its
     name to its airport and prison ("Kahului" / "Kahului Airport"); nor does a form tagged
     as a place (the city of Jeonju is not Jeonju University).
   * ``head reference`` (``merge_head_references``) - a one-word form voted ORG or MISC
     that no mention tags PERSON joins a longer name of the same class that ends in that
     word and was named before it ("Minnesota Vikings" ... "the Vikings", "Supreme Court"
     ... "the Court"), when exactly one entity has names containing the word, the longer
     name does not start with a known given name, and it is no country or demonym. Places
     are left out (York is not New York, Wales not New South Wales), and so are several-word
     short forms: "National Assembly" after "Malagasy National Assembly" is as often
     another body.
   * ``acronym`` - an all-capital form ("UNHCR", "N.A.T.O.") and a multi-word form whose
     initials spell it, from all words, from the words other than function words, or from
     the capitalized words only; only when exactly one entity fits.
   * ``demonym`` (only with ``merge_demonyms=True``; off by default) - a form voted NORP
     whose demonym table gives a place ("French", "Frenchmen" -> France) joins the entity
     of that place when the document names it; otherwise it stays its own NORP entity.
     Off by default because Re-DocRED keeps "French" and France apart more often than
     together (about 230 of 330 singular uses, 12 of 15 plural ones such as "Americans"):
     on its 500 dev documents the rule costs about 2 points of B-cubed precision for 1
     point of recall.
   * ``plural`` - NORP, ORG or MISC forms that differ only by a plural "s" ("Mamluk" /
     "Mamluks").

   Before two clusters are joined, a **conflict check** looks at every pair of full person
   names across them: two full names whose given names differ (not equal, not an initial,
   not a diminutive, not this document's quoted nickname) are different people, so the
   join is refused. This is what keeps "Anna X", "Boris X" and "Clara X" apart even though
   the bare "X" could go with each of them. ``never_merge`` pairs are refused the same way
   (see 7).

4. **Fuzzy guards.** Short names need more similarity: the shorter key must have at least
   ``fuzzy_min_length`` characters, and the ratio must reach ``fuzzy_short_threshold``
   when the shorter key has fewer than ``fuzzy_long_length`` characters, else
   ``fuzzy_threshold``. Refused: different first letters (``fuzzy_same_initial``); one key a
   prefix of the other (Sweden / Swede); different numbers or Roman numerals (Apollo 11 /
   Apollo 13, World War I / II); different token counts; more than one differing token or
   a differing token that is not itself a close variant (New York / New Jersey, Jon Smith /
   John Smyth); two different known given names (Daniel / Danielle); two different countries
   (Austria / Australia, Iran / Iraq, Gambia / Zambia). Kiev / Kyiv is not a fuzzy match
   and nothing makes it one.

5. **Labels across classes.** Links other than country alias and the person rules need
   compatible classes: equal, or LOC with ORG (the model swaps them on clubs and
   institutions named after places). Country aliases join whatever their tags. Mentions of
   one exact form always stay together whatever their labels: in practice the same string
   tagged PERSON in one sentence and ORG in the next is a tagging error far more often
   than two entities.

6. **The cluster.** Its class is the majority class of the members' labels plus the person
   evidence (NORP votes of demonyms do not count when the cluster holds the place they
   describe); a cluster holding a full person name is always PER, since only person rules
   join forms to one. ``label`` is the most frequent label within that class.
   ``name`` is the canonical country name for a country, else the
   fullest form of the winning class (most tokens without titles, then most mentions, then
   first seen), with a leading title and a lower-case leading "the" removed. ``aliases``
   are the other distinct surface forms in document order, plus the nickname forms of a
   quoted nickname; ``reasons`` tells for each surface form which rule joined it.

7. **Your lists.** ``never_merge`` and ``always_merge`` are pairs of names, compared by form
   key (and by the extra keys of a quoted nickname or a parenthesized acronym). Every join
   of two clusters is checked against every ``never_merge`` pair across them, so a pair
   never ends up in one entity, whichever rule would join it, also through a third name
   ("Gates" may join "William Gates" or "Bill Gates", never both once they are a pair).
   ``always_merge`` pairs are joined first, and without the person-name conflict check (a
   pen name, a married name); only a ``never_merge`` pair stops them, with a warning. A
   pair in both lists, or of two names with one form key, is a ``SettingsError``.
   ``read_name_pairs`` reads them from a file: TSV, one group of names a line separated by
   tabs (``#`` comments), or JSON, a list of groups; a never group keeps every two of its
   names apart, an always group makes its names one entity.

8. **Explanations.** ``Cluster.explanations`` gives, for every alias, the ``rule`` that
   joined it (the names of 3, ``exact`` for another spelling of the same form key,
   ``quoted nickname`` for the nickname forms, ``country alias`` with the ``table`` when
   the country table names the cluster), the name it ``joined`` (the form it was linked
   to), and a fuzzy match's ``score`` and ``threshold`` (and the tokens ``compared`` in
   full person names). ``factx.Extractor(explain=True)`` puts them in each entity's
   ``explanation``.

The result does not depend on the order of the input (every step works on forms sorted by
their first position and key), and merging the clusters' names again keeps the grouping.

Settings (all keyword-only fields of :class:`MergeSettings`)
------------------------------------------------------------
``fuzzy_threshold`` (88.0)
    minimum ``fuzz.ratio`` (0-100) of two keys for a spelling variant.
``fuzzy_short_threshold`` (90.0)
    the minimum instead when the shorter key has fewer than ``fuzzy_long_length`` chars.
``fuzzy_long_length`` (10)
    key length from which ``fuzzy_threshold`` applies.
``fuzzy_min_length`` (5)
    shorter keys (and name tokens) never match by spelling similarity alone.
``fuzzy_same_initial`` (True)
    spelling variants must share their first letter.
``acronym_min_length`` / ``acronym_max_length`` (2 / 8)
    letters an acronym may have.
``person_evidence_weight`` (0.5)
    extra PER votes for a 2-4 token form that starts with a known given name.
``surname_evidence_weight`` (1.0)
    further PER votes when that form's last token stands alone tagged mostly PERSON.
``person_evidence_max_tokens`` (4)
    longer forms get no person evidence ("Cy Twombly Neighbourhood Structure Plan").
``min_person_votes_for_place`` (1)
    PERSON-tagged mentions that let a one-token form of another class join a person.
``weak_label_max_mentions`` (1)
    a one-token form with at most this many mentions has weak label evidence and may join
    a person whatever its tag.
``person_confusable`` (ORG, MISC)
    classes whose one-token forms may join a person as surname or given name.
``strict_labels`` (False)
    when True, ``person_confusable`` is ignored.
``merge_demonyms`` (False), ``merge_plurals`` (True)
    switch the demonym and plural rules.
``surname_any_label`` (True)
    a one-token form tagged as a place or group may still join a full person name as its
    surname (see 3); off under ``strict_labels``.
``merge_org_short_forms`` (True), ``merge_head_references`` (True)
    switch the ``short form`` and ``head reference`` rules.
``never_merge`` / ``always_merge`` (empty)
    frozensets of name pairs (each a ``frozenset`` or 2-tuple of surface forms, compared by
    form key) that must stay apart / must be joined (see 7); also
    ``factx.Extractor(never_merge=..., always_merge=...)`` with a file or groups of names,
    and ``factx extract --never-merge FILE --always-merge FILE``.
"""

from __future__ import annotations

import json
import logging
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType

from rapidfuzz import fuzz, process

from factx import tables
from factx.errors import SettingsError

_log = logging.getLogger("factx")

__all__ = ["Cluster", "MergeSettings", "NameMention", "form_key", "merge", "name_pairs", "read_name_pairs"]


@dataclass(frozen=True)
class NameMention:
    """One named-entity mention of a document, as the NER found and cleaned it."""

    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class MergeSettings:
    """Every threshold and switch of :func:`merge`; see the module docstring."""

    fuzzy_threshold: float = 88.0
    fuzzy_short_threshold: float = 90.0
    fuzzy_long_length: int = 10
    fuzzy_min_length: int = 5
    fuzzy_same_initial: bool = True
    acronym_min_length: int = 2
    acronym_max_length: int = 8
    person_evidence_weight: float = 0.5
    surname_evidence_weight: float = 1.0
    person_evidence_max_tokens: int = 4
    min_person_votes_for_place: int = 1
    weak_label_max_mentions: int = 1
    person_confusable: frozenset[str] = frozenset({"ORG", "MISC"})
    strict_labels: bool = False
    merge_demonyms: bool = False
    merge_plurals: bool = True
    surname_any_label: bool = True
    merge_org_short_forms: bool = True
    merge_head_references: bool = True
    never_merge: frozenset[frozenset[str] | tuple[str, str]] = field(default_factory=frozenset)
    always_merge: frozenset[frozenset[str] | tuple[str, str]] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        for name in ("fuzzy_threshold", "fuzzy_short_threshold"):
            if not 0.0 <= getattr(self, name) <= 100.0:
                raise SettingsError(f"{name} is {getattr(self, name)!r}: a rapidfuzz score between 0 and 100")
        if not 1 <= self.acronym_min_length <= self.acronym_max_length:
            raise SettingsError("acronym_min_length must be at least 1 and at most acronym_max_length")
        for name in ("fuzzy_long_length", "person_evidence_max_tokens", "min_person_votes_for_place",
                     "weak_label_max_mentions"):
            if getattr(self, name) < 0:
                raise SettingsError(f"{name} is {getattr(self, name)!r}: it must not be negative")
        keyed: dict[str, set[frozenset[str]]] = {}
        for kind in ("never_merge", "always_merge"):
            keyed[kind] = set()
            for pair in getattr(self, kind):
                names = list(pair)
                if len(names) != 2 or not all(isinstance(n, str) and n.strip() for n in names):
                    raise SettingsError(f"{kind} holds pairs of two names, not {pair!r}")
                keys = frozenset(form_key(n) for n in names)
                if len(keys) != 2:
                    raise SettingsError(
                        f"{kind} pair {sorted(names)} names one form: factx reads "
                        f"{names[0]!r} and {names[1]!r} as the same name"
                    )
                keyed[kind].add(keys)
        both = keyed["never_merge"] & keyed["always_merge"]
        if both:
            raise SettingsError(f"the pair {sorted(next(iter(both)))} is both in never_merge and in always_merge")


@dataclass(frozen=True)
class Cluster:
    """One entity of the document: its name, voted label and member mention indices.

    ``reasons`` names, for each alias, the rule that joined it; ``explanations`` adds the
    name it was joined to and the rule's details (``score`` and ``threshold`` of a fuzzy
    match, the table of a country alias)."""

    name: str
    label: str
    members: tuple[int, ...]
    aliases: tuple[str, ...]
    reasons: Mapping[str, str]
    explanations: Mapping[str, Mapping[str, object]] = field(default_factory=dict)


_CLASS = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG",
          "NORP": "NORP"}
# Classes and labels in the order that breaks ties; one order for forms and clusters, so
# that merging a cluster's name again gives the same class (idempotence).
_CLASS_ORDER = ("PER", "LOC", "ORG", "NORP", "MISC")
_DEFAULT_LABEL = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG", "NORP": "NORP",
                  "MISC": "WORK_OF_ART"}
_LABEL_ORDER = ("PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "EVENT", "WORK_OF_ART",
                "PRODUCT", "LAW", "LANGUAGE")
_FUNCTION_WORDS = frozenset({
    "a", "an", "and", "at", "by", "de", "del", "der", "des", "di", "du", "et", "for", "in",
    "la", "le", "les", "of", "on", "or", "the", "to", "und", "with", "y"})
_QUOTED_NICK = re.compile(
    r"^(?P<first>[^\W\d_][\w.\-]*)\s+[\"'\u2018\u201c`](?P<nick>[^\"'\u2018\u2019\u201c\u201d`]+)"
    r"[\"'\u2019\u201d`]\s+(?P<rest>\S.*)$")
_PAREN_ACRONYM = re.compile(r"^(?P<name>[^()]*[^\s(])\s*\((?P<acro>[A-Z][A-Z0-9&.]*)\)?$")
_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]*")
_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae",
                       "œ": "oe", "þ": "th", "ð": "d"})
_POSSESSIVE_END = re.compile(r"'s?$")
_ACRONYM_NOISE = re.compile(r"[.\s]")       # dropped before testing for an acronym ("U.N.")
_INITIALS_SPLIT = re.compile(r"[\s\-/]+")  # word breaks when taking a name's initials
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


def _is_number(token: str) -> bool:
    return token.isdigit() or bool(_ROMAN.match(token))


@dataclass
class _Form:
    """One distinct form key of the document with everything the rules need."""

    key: str
    texts: list[str]
    members: list[int]
    first: int
    labels: Counter[str]
    cls: str = "MISC"
    tokens: tuple[str, ...] = ()     # key tokens; for persons without titles/suffixes
    name_text: str = ""              # the surface text used when this form names a cluster
    alt_keys: tuple[str, ...] = ()   # extra keys from a quoted nickname
    alt_texts: tuple[str, ...] = ()
    nick: str = ""
    country: str | None = None
    person_evidence: bool = False    # two or more tokens, the first a known given name
    head: str | None = None          # "ORG"/"LOC" when the last word is an institution head
    paren_key: str = ""              # key of the acronym of "Name (ACRONYM)"


class _Merger:
    def __init__(self, mentions: Sequence[NameMention], settings: MergeSettings) -> None:
        self.s = settings
        self.mentions = mentions
        self.dim, self.given = _folded_names()
        affixes = tables.name_affixes()
        self.particles = affixes.get("particle", frozenset())
        self.generational = affixes.get("generational", frozenset())
        # Place designators are not dropped: "Mexico City" is not Mexico, nor is "Albany
        # County" the city of Albany.
        self.designators = affixes.get("org_suffix", frozenset()) | affixes.get(
            "club_affix", frozenset())
        self.place_designators = affixes.get("place_designator", frozenset())
        self.org_heads = affixes.get("org_head", frozenset()) | affixes.get(
            "org_suffix", frozenset())
        self.facility_heads = affixes.get("facility_head", frozenset())
        # Unions the rules test every form against, built once per document.
        self.loc_heads = self.facility_heads | self.place_designators
        self.non_person_words = self.designators | self.place_designators | _FUNCTION_WORDS
        self.titles = tables.titles()
        self.extra_nicks: set[tuple[str, str]] = set()
        self.forms = self._build_forms()
        self.index = {f.key: i for i, f in enumerate(self.forms)}
        self.parent = list(range(len(self.forms)))
        # root -> its forms in index order: the rules ask for a cluster's members often,
        # and a scan of every form for each question made merging quadratic (issue 12)
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(self.forms))}
        # (form, form, rule, details): why two forms were joined, for reasons and explanations
        self.edges: list[tuple[int, int, str, dict[str, object]]] = []
        self.never = {frozenset(form_key(n) for n in pair) for pair in settings.never_merge}

    # ------------------------------------------------------------------ forms

    def _build_forms(self) -> list[_Form]:
        order = sorted(range(len(self.mentions)), key=lambda i: (
            self.mentions[i].start, self.mentions[i].end, self.mentions[i].text,
            self.mentions[i].label))
        by_key: dict[str, _Form] = {}
        for i in order:
            m = self.mentions[i]
            text = m.text.strip()
            alt_texts: tuple[str, ...] = ()
            nick = ""
            quoted = _QUOTED_NICK.match(unicodedata.normalize("NFKC", text))
            if quoted:
                base = f"{quoted['first']} {quoted['rest']}"
                nick = quoted["nick"].strip()
                alt_texts = (base, f"{nick} {quoted['rest']}", nick)
                text = base
            paren = _PAREN_ACRONYM.match(unicodedata.normalize("NFKC", text))
            paren_key = ""
            if paren and paren["acro"].replace(".", "") in self._initials(paren["name"]):
                text = paren["name"]
                paren_key = form_key(paren["acro"])
            key = form_key(text)
            if not key:
                key = text.casefold()
            form = by_key.get(key)
            if form is None:
                form = by_key[key] = _Form(key=key, texts=[], members=[], first=m.start,
                                           labels=Counter(), name_text=text)
            form.members.append(i)
            form.labels[m.label] += 1
            form.paren_key = form.paren_key or paren_key
            if m.text not in form.texts:
                form.texts.append(m.text)
            if quoted and not form.alt_texts:
                form.alt_texts = alt_texts
                form.alt_keys = tuple(form_key(t) for t in alt_texts[1:2])
                form.nick = form_key(nick)
        forms = sorted(by_key.values(), key=lambda f: (f.first, f.key))
        # One-token forms tagged PERSON by most of their mentions: a full name ending in one
        # of them is corroborated as a person.
        self.person_singles = frozenset(
            f.key for f in forms
            if " " not in f.key and 2 * f.labels["PERSON"] >= sum(f.labels.values()))
        for f in forms:
            self._classify(f)
        return forms

    def _strip_titles(self, tokens: tuple[str, ...]) -> tuple[int, int]:
        """Bounds of the name inside ``tokens`` without leading titles ("President", "Dr")
        and trailing generational suffixes ("Jr", "III")."""
        start, end = 0, len(tokens)
        while end - start > 1:
            for width in (3, 2, 1):
                if end - start > width and " ".join(tokens[start:start + width]) in self.titles:
                    start += width
                    break
            else:
                break
        while end - start > 1 and tokens[end - 1] in self.generational:
            end -= 1
        return start, end

    def _classify(self, f: _Form) -> None:
        raw = tuple(f.key.split())
        votes: defaultdict[str, float] = defaultdict(float)
        f.country = _country(f.key)
        if len(raw) >= 2 and f.country is None and raw[0] not in self.given:
            if raw[-1] in self.org_heads:
                f.head = "ORG"
            elif raw[-1] in self.loc_heads:
                f.head = "LOC"
        for label, n in f.labels.items():
            votes[_form_class(label, f.head)] += n
        # Person tokens keep a hyphenated surname in one piece ("Okonjo-Iweala").
        words = tuple(w for w in (form_key(w).replace(" ", "-") for w in f.name_text.split())
                      if w)
        skip = int(len(words) > 1 and words[0] == "the")
        start, end = self._strip_titles(words[skip:])
        start, end = start + skip, end + skip
        person_tokens = words[start:end]
        if (2 <= len(person_tokens) <= self.s.person_evidence_max_tokens
                and person_tokens[0] in self.given
                and f.head is None
                and self.non_person_words.isdisjoint(person_tokens)
                and f.country is None):
            f.person_evidence = True
            votes["PER"] += self.s.person_evidence_weight
            if person_tokens[-1] in self.person_singles:
                votes["PER"] += self.s.surname_evidence_weight
        f.cls = max(_CLASS_ORDER, key=lambda c: (votes[c], -_CLASS_ORDER.index(c)))
        if f.nick:
            self.extra_nicks.add((f.nick, person_tokens[0]))
        if f.cls == "PER":
            f.tokens = person_tokens
            f.name_text = self._strip_title_text(f.name_text, start)
        else:
            f.tokens = raw

    @staticmethod
    def _strip_title_text(text: str, n_title_words: int) -> str:
        words = [w for w in text.split() if form_key(w)]
        return " ".join(words[n_title_words:]) if 0 < n_title_words < len(words) else text

    # -------------------------------------------------------------- union-find

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def members_of(self, root: int) -> list[int]:
        return self.members[root]

    def union(self, a: int, b: int, reason: str, details: dict[str, object] | None = None, *,
              user: bool = False) -> bool:
        """Join the clusters of forms ``a`` and ``b`` unless that puts a ``never_merge`` pair
        or two incompatible full person names in one cluster; a ``user`` (always merge)
        join skips the person check, never the never_merge list."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self._conflict(ra, rb, persons=not user):
            return False
        low, high = min(ra, rb), max(ra, rb)
        self.parent[high] = low
        self.members[low] = sorted(self.members[low] + self.members.pop(high))
        self.edges.append((a, b, reason, details or {}))
        return True

    def _conflict(self, ra: int, rb: int, *, persons: bool = True) -> bool:
        ma, mb = self.members_of(ra), self.members_of(rb)
        for x in ma:
            fx = self.forms[x]
            for y in mb:
                fy = self.forms[y]
                if self.never and self._never_pair(fx, fy):
                    return True
                if (persons and self._is_full(fx) and self._is_full(fy)
                        and not self._persons_compatible(fx, fy)):
                    return True
                if persons and self._other_generation(fx, fy):
                    return True
        return False

    def _other_generation(self, x: _Form, y: _Form) -> bool:
        """"Erik IV" and "Erik V", "Sam Reyes Jr." and "Sam Reyes Sr.": two kings, or a father
        and a son, not one person. A name without a suffix may still be either (news writes
        "Martin Luther King" for "Martin Luther King Jr.")."""
        gx, gy = self._generation(x), self._generation(y)
        return bool(gx and gy and gx != gy)

    def _generation(self, f: _Form) -> str:
        words = f.key.split()
        return words[-1] if len(words) >= 2 and words[-1] in self.generational else ""

    def _never_pair(self, x: _Form, y: _Form) -> bool:
        """Whether a ``never_merge`` pair names these two forms (by any of their keys: a
        quoted nickname's, a parenthesized acronym's)."""
        return any(frozenset((kx, ky)) in self.never for kx in _keys(x) for ky in _keys(y))

    def _fuzzy_need(self, a: str, b: str) -> float:
        """The ``fuzz.ratio`` two strings must reach to be spelling variants."""
        short = min(len(a), len(b))
        return self.s.fuzzy_short_threshold if short < self.s.fuzzy_long_length else self.s.fuzzy_threshold

    def _fuzzy_details(self, x: tuple[str, ...], y: tuple[str, ...]) -> dict[str, object]:
        """Score and threshold of the name tokens that matched by spelling similarity."""
        for p in x:
            for q in y:
                if p != q and self._fuzzy_score(p, q) is not None:
                    return {"score": round(fuzz.ratio(p, q)), "threshold": self._fuzzy_need(p, q),
                            "compared": [p, q]}
        return {}

    # ---------------------------------------------------------- token matching

    def _diminutive(self, a: str, b: str) -> bool:
        return (b in self.dim.get(a, ()) or a in self.dim.get(b, ())
                or (a, b) in self.extra_nicks or (b, a) in self.extra_nicks)

    def _token_same(self, a: str, b: str, *, given: bool) -> str | None:
        """How two name tokens can be one name: "exact", "initials", "nickname table",
        "fuzzy ..." or None."""
        if a == b:
            return "exact"
        if (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
            return "initials"
        if given and self._diminutive(a, b):
            return "nickname table"
        if given and a in self.given and b in self.given:
            return None  # two different known given names are two names
        score = self._fuzzy_score(a, b)
        return f"fuzzy {score:.0f}" if score is not None else None

    def _fuzzy_score(self, a: str, b: str) -> float | None:
        s = self.s
        short = min(len(a), len(b))
        if short < s.fuzzy_min_length:
            return None
        if s.fuzzy_same_initial and a[0] != b[0]:
            return None
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        # One name continued by an ending is another word (Sweden / Swede, Niger / Nigeria);
        # only a doubled last letter (Podolsky / Podolskyy) is a spelling variant.
        if longer.startswith(shorter) and longer[len(shorter):] != shorter[-1]:
            return None
        need = self._fuzzy_need(a, b)
        score = fuzz.ratio(a, b)
        return score if score >= need else None

    def _align(self, short: tuple[str, ...], long: tuple[str, ...]) -> list[str] | None:
        """Reasons for aligning ``short`` onto ``long`` keeping the first and last tokens
        (tokens of ``long`` in between may be skipped), or None."""
        if len(short) > len(long) or len(short) < 2:
            return None
        first = self._token_same(short[0], long[0], given=True)
        last = self._token_same(short[-1], long[-1], given=False)
        if first is None or last is None:
            return None
        reasons = [first, last]
        j = 1
        for tok in short[1:-1]:
            while j < len(long) - 1 and self._token_same(tok, long[j], given=False) is None:
                j += 1
            if j >= len(long) - 1:
                return None
            reasons.append(self._token_same(tok, long[j], given=False) or "")
            j += 1
        return reasons

    def _persons_compatible(self, x: _Form, y: _Form) -> bool:
        a, b = (x.tokens, y.tokens) if len(x.tokens) <= len(y.tokens) else (y.tokens, x.tokens)
        reasons = self._align(a, b)
        if reasons is None:
            return False
        # Two spelling differences at once (Jon Smith / John Smyth) is a different name.
        return sum(r.startswith("fuzzy") for r in reasons) <= 1

    # ------------------------------------------------------------------ rules

    def run(self) -> None:
        self._rule_always()
        self._rule_quoted()
        self._rule_country()
        self._rule_designator()
        self._rule_full_persons()
        self._rule_single_given()
        self._rule_short_persons()
        self._rule_fuzzy()
        if self.s.merge_org_short_forms:
            self._rule_org_short()
        if self.s.merge_head_references:
            self._rule_head_reference()
        self._rule_acronyms()
        if self.s.merge_demonyms:
            self._rule_demonyms()
        if self.s.merge_plurals:
            self._rule_plurals()

    def _rule_always(self) -> None:
        by_key: dict[str, int] = {}
        for i, f in enumerate(self.forms):
            for k in _keys(f):
                by_key.setdefault(k, i)
        for pair in sorted(self.s.always_merge, key=lambda p: sorted(p)):
            keys = sorted(form_key(n) for n in pair)
            idx = [by_key[k] for k in keys if k in by_key]
            if len(idx) == 2 and not self.union(idx[0], idx[1], "always merge", user=True):
                _log.warning("always_merge pair %s is not merged: a never_merge pair would end up in one "
                             "entity", sorted(pair))

    def _rule_quoted(self) -> None:
        for i, f in enumerate(self.forms):
            for k in f.alt_keys:
                j = self.index.get(k)
                if j is not None:
                    self.union(i, j, "quoted nickname")
            j = self.index.get(f.paren_key) if f.paren_key else None
            if j is not None:
                self.union(i, j, "parenthesized acronym")

    def _rule_country(self) -> None:
        seen: dict[str, int] = {}
        for i, f in enumerate(self.forms):
            if f.country is None:
                continue
            if f.country in seen:
                self.union(seen[f.country], i, "country alias")
            else:
                seen[f.country] = i

    @staticmethod
    def _compatible(a: str, b: str) -> bool:
        return a == b or {a, b} == {"LOC", "ORG"}

    def _rule_designator(self) -> None:
        cores: dict[str, list[int]] = {}
        for i, f in enumerate(self.forms):
            if f.cls in ("PER", "NORP"):
                continue
            toks = list(f.tokens)
            while len(toks) > 1 and toks[-1] in self.designators:
                toks.pop()
            while len(toks) > 1 and toks[0] in self.designators:
                toks.pop(0)
            if len(toks) < len(f.tokens):
                cores.setdefault(" ".join(toks), []).append(i)
        for core, idx in cores.items():
            base = self.index.get(core)
            group = ([base] if base is not None else []) + idx
            for j in group[1:]:
                if self._compatible(self.forms[group[0]].cls, self.forms[j].cls):
                    self.union(group[0], j, "designator")

    def _rule_full_persons(self) -> None:
        full = [i for i, f in enumerate(self.forms) if self._is_full(f)]
        buckets: dict[str, list[int]] = {}
        for i in full:
            buckets.setdefault(self.forms[i].tokens[-1][0], []).append(i)
        for idx in buckets.values():
            for i, j in self._surname_pairs(idx):
                fi, fj = self.forms[i], self.forms[j]
                a, b = sorted((fi.tokens, fj.tokens), key=len)
                reasons = self._align(a, b)
                if reasons is None or sum(r.startswith("fuzzy") for r in reasons) > 1:
                    continue
                why = next((r for r in reasons if r != "exact"), "exact")
                if why == "exact" or len(a) < len(b):
                    why = "token subset"
                details = self._fuzzy_details(a, b) if why.startswith("fuzzy") else {}
                self.union(i, j, why, details)

    def _surname_pairs(self, idx: list[int]) -> list[tuple[int, int]]:
        """The pairs (i, j), i < j, of full names of ``idx`` whose last tokens can be one
        name for ``_align``: equal, an initial of the other, or within the fuzzy threshold
        (one ``cdist``), instead of aligning every pair (issue 12)."""
        by_last: dict[str, list[int]] = {}
        for i in idx:
            by_last.setdefault(self.forms[i].tokens[-1], []).append(i)
        lasts = list(by_last)
        token_pairs = {(t, t) for t in lasts}
        initials = [t for t in lasts if len(t) == 1]
        token_pairs.update((t, u) for t in initials for u in lasts if u.startswith(t))
        cutoff = min(self.s.fuzzy_threshold, self.s.fuzzy_short_threshold)
        # one token has no other to be a variant of (and the ratio of a long one with itself
        # would cost its length squared for nothing)
        for start in range(0, len(lasts) if len(lasts) > 1 else 0, _CDIST_ROWS):
            rows = lasts[start:start + _CDIST_ROWS]
            scores = process.cdist(rows, lasts, scorer=fuzz.ratio, score_cutoff=cutoff)
            token_pairs.update((rows[r], lasts[c]) for r, c in zip(*scores.nonzero(), strict=True))
        pairs = {(min(i, j), max(i, j)) for t, u in token_pairs for i in by_last[t] for j in by_last[u] if i != j}
        return sorted(pairs)

    def _is_full(self, f: _Form) -> bool:
        """A full person name: two or more tokens, not a bare surname block ("van Dyke")."""
        return f.cls == "PER" and len(f.tokens) >= 2 and f.tokens[0] not in self.particles

    def _person_like(self, f: _Form) -> bool:
        """Whether a form may stand for a person although the tagger may have said otherwise:
        tagged PERSON, or tagged so weakly (few mentions, some PERSON votes) that a tagging
        error is likelier than a same-named place or organization."""
        if f.cls == "PER":
            return True
        if f.cls == "NORP" or f.country is not None or tables.place_of_demonym(f.key):
            return False
        if f.labels["PERSON"] >= self.s.min_person_votes_for_place:
            return True
        weak = len(f.members) <= self.s.weak_label_max_mentions
        return weak or (f.cls in self.s.person_confusable and not self.s.strict_labels)

    def _surname_candidate(self, f: _Form) -> bool:
        """A one-token form that may be a surname whatever its tag: not a country, not a
        place or group of the demonym table (``surname_any_label``)."""
        return (self.s.surname_any_label and not self.s.strict_labels
                and len(f.tokens) == 1 and f.country is None
                and not tables.place_of_demonym(f.key))

    def _rule_single_given(self) -> None:
        """Two one-token given names where one is a diminutive of the other (Sasha /
        Aleksandr) or a spelling variant of it (Larisa / Larissa)."""
        single = [i for i, f in enumerate(self.forms)
                  if len(f.tokens) == 1 and self._person_like(f)]
        for i, j in self._single_pairs(single):
            fi, fj = self.forms[i], self.forms[j]
            if "PER" not in (fi.cls, fj.cls):
                continue
            a, b = fi.tokens[0], fj.tokens[0]
            if a == b:
                self.union(i, j, "title")
            elif self._diminutive(a, b):
                self.union(i, j, "nickname table")
            elif not (a in self.given and b in self.given):
                score = self._fuzzy_score(a, b)
                if score is not None:
                    self.union(i, j, f"fuzzy {score:.0f}",
                               {"score": round(score), "threshold": self._fuzzy_need(a, b)})

    def _single_pairs(self, single: list[int]) -> list[tuple[int, int]]:
        """The pairs (i, j), i < j, of one-token forms that may be one given name: the
        same token, a nickname pair, or tokens ``fuzz.ratio`` puts within the fuzzy
        threshold. Found by token lookups and one ``cdist`` per initial instead of a Python
        test of every pair, which made a long document quadratic (issue 12); the rule then
        tests each pair, in the order of the nested loop it replaces."""
        by_token: dict[str, list[int]] = {}
        for i in single:
            by_token.setdefault(self.forms[i].tokens[0], []).append(i)
        token_pairs: set[tuple[str, str]] = {(a, a) for a, forms in by_token.items() if len(forms) > 1}
        for a in by_token:
            for b in self.dim.get(a, ()):
                if b in by_token:
                    token_pairs.add((a, b))
        for a, b in self.extra_nicks:
            if a in by_token and b in by_token:
                token_pairs.add((a, b))
        long_enough = [t for t in by_token if len(t) >= self.s.fuzzy_min_length]
        buckets: dict[str, list[str]] = {}
        for t in long_enough:
            buckets.setdefault(t[0] if self.s.fuzzy_same_initial else "", []).append(t)
        cutoff = min(self.s.fuzzy_threshold, self.s.fuzzy_short_threshold)
        for tokens in buckets.values():
            for start in range(0, len(tokens) if len(tokens) > 1 else 0, _CDIST_ROWS):
                rows = tokens[start:start + _CDIST_ROWS]
                scores = process.cdist(rows, tokens, scorer=fuzz.ratio, score_cutoff=cutoff)
                for r, c in zip(*scores.nonzero(), strict=True):
                    if rows[r] != tokens[c]:
                        token_pairs.add((rows[r], tokens[c]))
        pairs: set[tuple[int, int]] = set()
        for a, b in token_pairs:
            for i in by_token[a]:
                for j in by_token[b]:
                    if i != j:
                        pairs.add((min(i, j), max(i, j)))
        return sorted(pairs)

    def _salience(self, root: int) -> tuple[int, int]:
        members = self.members_of(root)
        return (sum(len(self.forms[i].members) for i in members),
                -min(self.forms[i].first for i in members))

    def _rule_short_persons(self) -> None:
        full = [i for i, f in enumerate(self.forms) if self._is_full(f)]
        # The full names a short form can join are looked up by the token they share with
        # it, not found by testing every full name against every short form (issue 12).
        by_last: dict[str, list[int]] = {}
        by_later: dict[str, list[int]] = {}  # a token after the first
        by_first: dict[str, list[int]] = {}
        for j in full:
            long = self.forms[j].tokens
            by_last.setdefault(long[-1], []).append(j)
            by_first.setdefault(long[0], []).append(j)
            for t in set(long[1:]):
                by_later.setdefault(t, []).append(j)
        partners_of: dict[str, set[str]] = {}  # a first token -> the first tokens it is a nickname pair with
        for b in by_first:
            for a in self.dim.get(b, ()):
                partners_of.setdefault(a, set()).add(b)
        for i, f in enumerate(self.forms):
            toks = f.tokens
            surname_block = len(toks) >= 2 and toks[0] in self.particles
            if len(toks) != 1 and not surname_block:
                continue
            tagged_person = self._person_like(f)
            if not tagged_person and not self._surname_candidate(f):
                continue
            as_surname: set[int] = set()
            as_given: set[int] = set()
            if not tagged_person or surname_block:
                near = by_last.get(toks[-1], [])
            else:
                tok = toks[0]
                firsts = {tok} | set(self.dim.get(tok, ())) | partners_of.get(tok, set())
                firsts.update(b for a, b in self.extra_nicks if a == tok)
                firsts.update(a for a, b in self.extra_nicks if b == tok)
                near = sorted({*by_later.get(tok, ()), *(j for t in firsts for j in by_first.get(t, ()))})
            for j in near:
                long = self.forms[j].tokens
                if not tagged_person:
                    # Tagged as a place or group: only the last name of a full name that
                    # starts with a known given name ("Dolly Parton" / "Parton" tagged GPE).
                    fj = self.forms[j]
                    if (toks[0] == long[-1] and f.first > fj.first
                            and 2 * fj.labels["PERSON"] >= len(fj.members)):
                        as_surname.add(self.find(j))
                    continue
                if surname_block:
                    if long[-len(toks):] == toks and len(long) > len(toks):
                        as_surname.add(self.find(j))
                    continue
                tok = toks[0]
                if tok in long[1:] and (tok == long[-1] or tok not in self.given):
                    as_surname.add(self.find(j))
                elif (len(tok) > 1 and (tok == long[0] or self._diminutive(tok, long[0]))
                      and (f.cls != "LOC" or f.labels["PERSON"] > 0)):
                    # a form tagged only as a place is no given name: towns start the names
                    # of newspapers and firms ("Austin" / "Austin Daily Herald")
                    as_given.add(self.find(j))
            if as_surname:
                best = max(sorted(as_surname), key=self._salience)
                self.union(best, i, "surname")
            elif len(as_given) == 1:
                self.union(next(iter(as_given)), i, "given name")

    def _rule_fuzzy(self) -> None:
        cand = [i for i, f in enumerate(self.forms)
                if not self._is_full(f)
                and len(f.key) >= self.s.fuzzy_min_length]
        buckets: dict[str, list[int]] = {}
        for i in cand:
            buckets.setdefault(self.forms[i].key[0], []).append(i)
        cutoff = min(self.s.fuzzy_threshold, self.s.fuzzy_short_threshold)
        for idx in buckets.values():
            if len(idx) < 2:
                continue
            keys = [self.forms[i].key for i in idx]
            scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
            for a in range(len(idx)):
                for b in range(a + 1, len(idx)):
                    if scores[a][b] and self._fuzzy_forms(self.forms[idx[a]], self.forms[idx[b]]):
                        need = self._fuzzy_need(keys[a], keys[b])
                        self.union(idx[a], idx[b], f"fuzzy {scores[a][b]:.0f}",
                                   {"score": round(float(scores[a][b])), "threshold": need})

    def _fuzzy_forms(self, x: _Form, y: _Form) -> bool:
        if not self._compatible(x.cls, y.cls):
            return False
        if x.country and y.country and x.country != y.country:
            return False
        if tables.place_of_demonym(x.key) or tables.place_of_demonym(y.key):
            return False
        a, b = x.key.split(), y.key.split()
        if len(a) != len(b):
            return False
        if [t for t in a if _is_number(t)] != [t for t in b if _is_number(t)]:
            return False
        diff = [(p, q) for p, q in zip(a, b, strict=True) if p != q]
        if len(diff) != 1:
            return False
        p, q = diff[0]
        if p in self.given and q in self.given and not self._diminutive(p, q):
            return False
        return self._fuzzy_score(p, q) is not None and self._fuzzy_score(x.key, y.key) is not None

    def _holds_person(self, root: int) -> bool:
        return any(self._is_full(self.forms[k]) for k in self.members_of(root))

    def _rule_org_short(self) -> None:
        """An organization named by the start of a longer name whose remaining words are
        institution head nouns ("Villanova" / "Villanova Preparatory School" is not one:
        "Preparatory" is no head; "Blue Note" / "Blue Note Records" is), when exactly one
        longer name of the document starts with it."""
        heads = self.org_heads
        # first tokens (at most _PREFIX_KEY of them) -> the longer forms they start; keyed by a
        # few tokens only, as every prefix of a long name would be quadratic in its length
        starting: dict[tuple[str, ...], list[int]] = {}
        for j, g in enumerate(self.forms):
            if g.cls != "PER":
                for k in range(1, min(len(g.tokens), _PREFIX_KEY + 1)):
                    starting.setdefault(tuple(g.tokens[:k]), []).append(j)
        for i, f in enumerate(self.forms):
            if f.cls != "ORG" or f.country is not None or tables.place_of_demonym(f.key):
                continue
            n = len(f.tokens)
            near = starting.get(tuple(f.tokens[:_PREFIX_KEY]), ())
            longer = {self.find(j) for j in near
                      if j != i and len(self.forms[j].tokens) > n and self.forms[j].tokens[:n] == f.tokens}
            if len(longer) != 1:
                continue
            root = next(iter(longer))
            targets = [j for j in self.members_of(root)
                       if len(self.forms[j].tokens) > n and self.forms[j].tokens[:n] == f.tokens
                       and all(t in heads for t in self.forms[j].tokens[n:])]
            if (targets and self._compatible(f.cls, self.forms[targets[0]].cls)
                    and not self._holds_person(root) and not self._holds_person(self.find(i))):
                self.union(targets[0], i, "short form")

    def _rule_head_reference(self) -> None:
        """An organization or work named again by the last words of its name after the
        full name came first ("Minnesota Vikings" ... "the Vikings", "Supreme Court" ...
        "the Court"), when no other name of the document holds those words."""
        holding: dict[str, list[int]] = {}  # token -> the forms of two or more tokens holding it
        for j, g in enumerate(self.forms):
            if len(g.tokens) > 1:
                for t in set(g.tokens):
                    holding.setdefault(t, []).append(j)
        for i, f in enumerate(self.forms):
            if (len(f.tokens) != 1 or f.cls not in ("ORG", "MISC") or f.country is not None
                    or tables.place_of_demonym(f.key) or f.labels["PERSON"]):
                continue
            n = len(f.tokens)
            holders = {self.find(j) for j in holding.get(f.tokens[0], ()) if j != i}
            if len(holders) != 1:
                continue
            root = next(iter(holders))
            targets = [j for j in self.members_of(root)
                       if len(self.forms[j].tokens) > n and self.forms[j].tokens[-n:] == f.tokens
                       and self.forms[j].cls == f.cls and not self.forms[j].person_evidence
                       and self.forms[j].first < f.first]
            if targets and not self._holds_person(root):
                self.union(targets[0], i, "head reference")

    def _initials(self, text: str) -> set[str]:
        words = [w for w in _INITIALS_SPLIT.split(unicodedata.normalize("NFKC", text))
                 if w and w[0].isalnum()]
        if len(words) < 2:
            return set()
        out = {"".join(w[0] for w in words).upper(),
               "".join(w[0] for w in words if w.casefold() not in _FUNCTION_WORDS).upper(),
               "".join(w[0] for w in words if w[0].isupper())}
        if words[0].casefold() == "the":
            out.add("".join(w[0] for w in words[1:]).upper())
        return {a for a in out if len(a) >= self.s.acronym_min_length}

    def _rule_acronyms(self) -> None:
        acronyms: dict[str, list[int]] = {}
        for i, f in enumerate(self.forms):
            if f.cls == "PER":
                continue
            for t in f.texts:
                compact = _ACRONYM_NOISE.sub("", t)
                if (self.s.acronym_min_length <= len(compact) <= self.s.acronym_max_length
                        and _ACRONYM.fullmatch(compact)):
                    acronyms.setdefault(compact, []).append(i)
                    break
        if not acronyms:
            return
        # acronym -> the forms whose initials spell it, each form's initials computed once
        spelled: dict[str, list[int]] = {}
        for j, g in enumerate(self.forms):
            if g.cls != "PER":
                for a in set().union(*(self._initials(t) for t in g.texts)):
                    if a in acronyms:
                        spelled.setdefault(a, []).append(j)
        for acro, idx in sorted(acronyms.items()):
            targets: set[int] = set()
            target_form: dict[int, int] = {}
            # "US" names the country, never the "University of Sheffield" its letters spell
            country_only = any(self.forms[i].country is not None for i in idx)
            for j in spelled.get(acro, ()):
                if j not in idx and not (country_only and self.forms[j].cls != "LOC"):
                    root = self.find(j)
                    targets.add(root)
                    target_form.setdefault(root, j)
            if len(targets) == 1:
                root = next(iter(targets))
                self.union(target_form[root], idx[0], "acronym")

    def _rule_demonyms(self) -> None:
        place_forms: dict[str, list[int]] = {}
        for i, f in enumerate(self.forms):
            if f.cls in ("PER", "NORP"):
                continue
            place_forms.setdefault(f.country or f.key, []).append(i)
        for i, f in enumerate(self.forms):
            if f.cls != "NORP":
                continue
            places = {self.find(j) for p in tables.place_of_demonym(f.key)
                      for j in place_forms.get(_country(form_key(p)) or form_key(p), [])}
            if len(places) == 1:
                self.union(next(iter(places)), i, "demonym")

    def _rule_plurals(self) -> None:
        for i, f in enumerate(self.forms):
            if f.cls not in ("NORP", "ORG", "MISC") or not f.key.endswith("s"):
                continue
            j = self.index.get(f.key[:-1])
            if j is not None and self.forms[j].cls == f.cls:
                self.union(j, i, "plural")

    # ---------------------------------------------------------------- output

    def clusters(self) -> list[Cluster]:
        groups: dict[int, list[int]] = {}
        for i in range(len(self.forms)):
            groups.setdefault(self.find(i), []).append(i)
        out = []
        for form_ids in groups.values():
            out.append(self._cluster(form_ids))
        starts = {id(c): min(self.mentions[i].start for i in c.members) for c in out}
        out.sort(key=lambda c: (starts[id(c)], c.name))
        return out

    def _cluster(self, form_ids: list[int]) -> Cluster:
        forms = [self.forms[i] for i in form_ids]
        # Demonyms describe the place they joined: their NORP votes do not make it a NORP.
        has_place = len(forms) > 1 and any(f.cls != "NORP" for f in forms)
        label_votes: Counter[str] = Counter()
        cls_votes: defaultdict[str, float] = defaultdict(float)
        for f in forms:
            for label, n in f.labels.items():
                if not (label == "NORP" and has_place):
                    if f.head and label == "PERSON":
                        label = _DEFAULT_LABEL[f.head]
                    label_votes[label] += n
                    cls_votes[_CLASS.get(label, "MISC")] += n
        if any(f.person_evidence for f in forms):
            cls_votes["PER"] += self.s.person_evidence_weight
        cls = max(_CLASS_ORDER, key=lambda c: (cls_votes[c], -_CLASS_ORDER.index(c)))
        if any(self._is_full(f) for f in forms):
            # Only person rules join other forms to a full person name, so a cluster that
            # holds one is a person however its bare surname was tagged.
            cls = "PER"
        in_class = [lab for lab in label_votes if _CLASS.get(lab, "MISC") == cls]
        label = max(in_class, key=lambda lab: (label_votes[lab], -_label_rank(lab)),
                    default=_DEFAULT_LABEL[cls])
        name_form = self._name_form(forms, cls)
        country = next((f.country for f in forms if f.country), None)
        name = country if country and name_form.country else name_form.name_text
        if name.startswith("the "):
            name = name[4:]
        members = tuple(sorted(i for f in forms for i in f.members))
        root = self.index[name_form.key]
        links = self._reasons(form_ids, root)
        surface: dict[str, str] = {}
        explained: dict[str, dict[str, object]] = {}
        for f in sorted(forms, key=lambda f: f.first):
            i = self.index[f.key]
            why, via, details = links[i]
            for t in f.texts:
                if t in surface:
                    continue
                surface[t] = why
                if i == root and country and name != t:
                    # the cluster is named by the country table, not by one of its mentions
                    explained[t] = {"rule": "country alias", "joined": name, "table": "country_aliases.tsv"}
                elif i == root:
                    # the naming form's own spellings; a quoted nickname's full text reads as its name
                    explained[t] = {"rule": "quoted nickname" if f.alt_texts and t != f.name_text else "exact",
                                    "joined": name}
                else:
                    explained[t] = {"rule": _rule_name(why), "joined": self.forms[via].name_text, **details}
            for t in f.alt_texts:
                if t not in surface:
                    surface[t] = "quoted nickname"
                    explained[t] = {"rule": "quoted nickname", "joined": f.texts[0]}
        aliases = tuple(t for t in surface if t != name)
        return Cluster(name=name, label=label, members=members, aliases=aliases,
                       reasons=MappingProxyType({t: surface[t] for t in aliases}),
                       explanations=MappingProxyType({t: explained[t] for t in aliases}))

    def _name_form(self, forms: list[_Form], cls: str) -> _Form:
        if any(f.country for f in forms):
            pool = [f for f in forms if f.country]
        else:
            pool = [f for f in forms if f.cls == cls] or forms
        if len(pool) == 1:  # most clusters have one form: nothing to rank
            return pool[0]
        firsts = {f.tokens[0] for f in pool if f.tokens}

        def is_diminutive(f: _Form) -> bool:
            # "Maks Ivanov" does not name the cluster when "Maksim Ivanov" is in it.
            return bool(f.tokens) and bool(self.dim.get(f.tokens[0], frozenset()) & firsts)

        return max(pool, key=lambda f: (len(f.tokens), not _is_acronym_form(f),
                                        not is_diminutive(f), len(f.members), -f.first,
                                        f.key))

    def _reasons(self, form_ids: Iterable[int], root: int) -> dict[int, tuple[str, int, dict[str, object]]]:
        """Form -> (the rule that joined it, the form it was joined to, the rule's details),
        along the links from the naming form ``root``."""
        ids = set(form_ids)
        if len(ids) == 1:  # a cluster of one form joined nothing
            return {root: ("exact", root, {})}
        adj: dict[int, list[tuple[int, str, int]]] = {i: [] for i in ids}
        for k, (a, b, why, _details) in enumerate(self.edges):
            if a in ids and b in ids:
                adj[a].append((b, why, k))
                adj[b].append((a, why, k))
        reasons: dict[int, tuple[str, int, dict[str, object]]] = {root: ("exact", root, {})}
        queue = [root]
        while queue:
            cur = queue.pop(0)
            for nxt, why, k in sorted(adj[cur]):
                if nxt not in reasons:
                    reasons[nxt] = (why, cur, self.edges[k][3])
                    queue.append(nxt)
        return reasons


_STATE_OF = re.compile(
    r"^(?:\w+ )*(?:kingdom|republic|state|commonwealth|principality|grand duchy|sultanate"
    r"|emirate|federation|confederation|union) of (?:the )?(?P<name>.+)$")


@lru_cache(maxsize=FORM_KEY_CACHE_SIZE)
def _country(key: str) -> str | None:
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
def _folded_names() -> tuple[Mapping[str, frozenset[str]], frozenset[str]]:
    """The diminutive table and given names under form keys (accents folded), so that
    "Jose" and "José" look up alike."""
    dim: dict[str, set[str]] = {}
    for short, fulls in tables.diminutives().items():
        dim.setdefault(form_key(short), set()).update(form_key(f) for f in fulls)
    frozen = MappingProxyType({k: frozenset(v) for k, v in dim.items()})
    return frozen, frozenset(form_key(n) for n in tables.given_names())


@cache
def _known_places() -> Mapping[str, str]:
    return MappingProxyType({form_key(p): p for p in tables.demonyms()})


_PREFIX_KEY = 4  # tokens of a name the organization short-form rule indexes longer names by
_CDIST_ROWS = 512  # rows of one rapidfuzz score matrix: 512 x the tokens of an initial, as float32


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    n = len(short)
    return any(long[k:k + n] == short for k in range(len(long) - n + 1))


def _form_class(label: str, head: str | None) -> str:
    """The class a mention's label votes for; PERSON counts for the head's class when the
    form ends in an institution or facility head noun ("Kahului Airport")."""
    if head and label == "PERSON":
        return head
    return _CLASS.get(label, "MISC")


def _label_rank(label: str) -> int:
    return _LABEL_ORDER.index(label) if label in _LABEL_ORDER else len(_LABEL_ORDER)


def _is_acronym_form(f: _Form) -> bool:
    return any(_ACRONYM.fullmatch(_ACRONYM_NOISE.sub("", t)) for t in f.texts)


def read_name_pairs(path: str | os.PathLike[str], *, kind: str) -> frozenset[tuple[str, str]]:
    """The name pairs of a ``never_merge`` or ``always_merge`` file (``kind``: "never" or
    "always").

    A ``.json`` file holds a list of groups, each a list of two or more names; any other
    file is TSV, one group a line, names separated by tabs, ``#`` comments and blank lines
    skipped. A never group keeps every two of its names apart; an always group makes its
    names one entity. Errors (``SettingsError``) name the file and line (or group)."""
    if kind not in {"never", "always"}:
        raise ValueError(f"kind is 'never' or 'always', not {kind!r}")
    where = os.fspath(path)
    try:
        text = Path(where).read_text(encoding="utf-8")
    except OSError as e:
        raise SettingsError(f"cannot read the {kind}-merge file {where}: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise SettingsError(f"the {kind}-merge file {where} is not UTF-8 text (byte {e.start}: {e.reason}): "
                            "save it as UTF-8") from None
    groups: list[tuple[str, list[str]]] = []
    if where.endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise SettingsError(f"{where}:{e.lineno}: not valid JSON: {e.msg}") from None
        if not isinstance(data, list):
            raise SettingsError(f"{where}: a list of name groups, e.g. [[\"Jon Barr\", \"Jo Barr\"]]")
        groups = [(f"{where}: group {n}", g) for n, g in enumerate(data, 1)]
    else:
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                groups.append((f"{where}:{number}", [n.strip() for n in line.split("\t") if n.strip()]))
    return name_pairs([g for _, g in groups], kind=kind, where=[at for at, _ in groups])


def name_pairs(groups: Iterable[Sequence[str]], *, kind: str,
               where: Sequence[str] | None = None) -> frozenset[tuple[str, str]]:
    """The pairs of name groups: every two names of a ``never`` group, each name of an
    ``always`` group with its first; ``where`` names each group in errors."""
    pairs: set[tuple[str, str]] = set()
    for n, group in enumerate(groups):
        at = where[n] if where is not None else f"{kind}_merge group {n + 1}"
        if (isinstance(group, str) or not isinstance(group, (list, tuple, set, frozenset)) or len(group) < 2
                or not all(isinstance(x, str) and x.strip() for x in group)):
            raise SettingsError(f"{at}: a group of two or more names (separated by tabs in TSV), not {group!r}")
        names = sorted(group) if isinstance(group, (set, frozenset)) else list(group)
        if len({form_key(x) for x in names}) != len(names):
            raise SettingsError(f"{at}: two names of the group read as the same name: {names!r}")
        if kind == "always":
            pairs.update((names[0], other) for other in names[1:])
        else:
            pairs.update((a, b) for k, a in enumerate(names) for b in names[k + 1:])
    return frozenset(pairs)


def _keys(f: _Form) -> tuple[str, ...]:
    """Every key a user's name can reach a form by."""
    return (f.key, *f.alt_keys, *((f.paren_key,) if f.paren_key else ()))


def _rule_name(why: str) -> str:
    return "fuzzy" if why.startswith("fuzzy") else why


def merge(mentions: Sequence[NameMention], *,
          settings: MergeSettings | None = None) -> list[Cluster]:
    """Cluster mentions of one document; clusters sorted by their first member's start."""
    merger = _Merger(mentions, settings or MergeSettings())
    merger.run()
    return merger.clusters()
