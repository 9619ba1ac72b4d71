"""The label of each entity, from the strongest evidence the whole document gives.

Merging (``factx.aliases``) labels an entity by the vote of its mentions' model tags. The
small model's tags are often wrong in ways the words of a name, or the words around it,
make plain: "Vexa Ltd" tagged as a person, a town tagged as a person, a person whose
surname is a place tagged as a place. Each of the entity's mentions is looked at for the
kinds of evidence below, strongest first; the strongest kind found anywhere in the
document decides the entity's class (person, place, organization), and a label the vote
gave within that class is kept. The reason is what ``explain`` shows.

1. ``company suffix`` - the name ends in a legal form: Ltd, Inc, Corp, plc, AG, GmbH, S.A.,
   Kft. (the ``org_suffix`` words of ``models/name_affixes.tsv`` and the table of the
   ``cleanco`` package). A suffix of up to three letters counts only when written in
   capitals or with periods ("AG", "S.A."), so that "Kg" in a name does not. Overrules
   any label.
2. ``organization head noun`` - the last word of a name of two or more words is the head
   noun of an institution, a body or a publication (``org_head``, ``org_noun``: University,
   Council, Ministry, Party, Herald, Times), or the first word is one and "of" follows
   ("Ministry of Health"). Overrules a person's, a place's or a nation's label, not a
   facility's (an institution and its building share a name) nor a work's or an event's
   ("A Vindication of Natural Society").
3. ``title`` - a title (``models/titles.tsv``) stands right before the name, outside it
   ("Mr", "Queen", "General"), and no word of the name is a head noun ("the President
   Hotel"); a titled person's place of rank keeps its head noun to itself ("Queen
   Isolde of Tarn Valley"). Overrules a place's, an organization's or a nation's label.
4. ``place head noun`` - a facility (``facility_head``: Airport, Palace), a street or bridge
   (``street_head``), a natural feature (``feature_head``: River, Glacier, Falls) or a
   place designator (``place_designator``: County, Province) ends the name, a head opens it
   before "of", or a ``feature_prefix`` before a name ("Lake Orrin", "Mount Tabor"); not a
   two-word name tagged a person whose first word is a given name ("Helen Marsh").
   Features and designators overrule a person's, a nation's or an organization's label,
   facilities and streets only a person's or a nation's.
   ``kinship or marriage`` - the grammar makes the name a relative or a spouse
   (``mentions.related_persons``: "the son of X", "X married Y"), and it is no country,
   city, nation or faith.
5. ``given name`` - a name of two to four capitalized words whose first is a known given
   name (``models/given_names.tsv``, from nomquamgender) that opens few place names ("San"
   is no evidence) and is no title; no word is a country, a nation or a head noun, the
   whole is no place, and a city in it only as the surname of a two-word name not tagged an
   organization or a facility ("Anna Lisbon" tagged as a place is a person, "Dallas
   Comets" stays a club). Works and events are often named after people: their labels
   stand; a name tagged an organization must have two words (or an initial between).
6. ``place apposition`` - the name is followed by a comma and a country or US state the
   model tagged a place, then punctuation or the end of the clause, not another place of a
   list ("Brookvale, Indiana"). Overrules a person's, a nation's, a work's or a product's
   label: a firm is named with its seat too.
7. ``gazetteer`` - a one-word name the gazetteer (``models/places.tsv``) or the country
   tables know and no given name, tagged a person or a product, when every mention of the
   entity is one word (beside a full name it is a surname), it does not follow "of" ("Itta
   of Metz" is a person) and it is never the subject of "say" or "tell".

The strongest kind found decides; when it cannot overrule the vote, the vote stands, and
weaker kinds are not asked. Nothing here changes which mentions form an entity: the merge stands, only its label moves.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import mentions, tables

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Classes of labels, as merging counts them (factx.aliases.forms.CLASS).
CLASS_OF = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG", "NORP": "NORP"}
# A company suffix written in so few letters counts only in capitals or with periods.
SHORT_SUFFIX_LETTERS = 3
MAX_GIVEN_NAME_WORDS = 4
# Words no person's name holds between its given name and surname.
FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "&"})
ANY_PLACE = frozenset({"GPE", "LOC", "FAC"})
ALL_LABELS = frozenset(CLASS_OF) | {"EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE"}
# Labels a title before the name corrects.
TITLE_RELABELS = ANY_PLACE | {"ORG", "NORP"}
# Labels a given name corrects: not works and events, which are often named after people.
GIVEN_NAME_RELABELS = ANY_PLACE | {"PERSON", "ORG", "NORP"}
# Labels a relative's or a spouse's name corrects (factx.mentions relabels most already).
KINSHIP_RELABELS = ANY_PLACE | {"ORG", "NORP", "PRODUCT", "WORK_OF_ART"}
# Labels "<name>, <state>" corrects: an organization's seat is named so too ("Acme, Ohio").
APPOSITION_RELABELS = frozenset({"PERSON", "NORP", "WORK_OF_ART", "PRODUCT"})
# Labels the gazetteer corrects: a known place the model took for a person or a product.
GAZETTEER_RELABELS = frozenset({"PERSON", "PRODUCT"})
# Given names that open this many place names of the gazetteer are no evidence ("San").
PLACE_OPENER_MIN = 15
SPEECH_LEMMAS = frozenset({"say", "tell"})


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a mention shows: its ``rank`` (lower is stronger), the ``label`` it points to,
    the ``reason`` (the kind of evidence), the ``word`` that shows it and the voted labels
    it ``overrides``: a weaker kind corrects only the confusions the model is known to make
    (an institution's name that is its building's too stays an organization)."""

    rank: int
    label: str
    reason: str
    word: str
    overrides: frozenset[str]  # the labels of the vote it corrects


@dataclass(frozen=True, slots=True)
class _Context:
    """What the evidence of every mention reads: the entity of each token of a mention,
    the entities' voted labels, the tokens the grammar makes persons."""

    place_tokens: dict[int, int]
    labels: Sequence[str]
    persons: set[int]


@dataclass(frozen=True, slots=True)
class Decision:
    """An entity's label and why: ``reason`` and ``word`` of the deciding evidence, or
    "model vote" when no evidence was found; ``voted`` is the label the vote gave."""

    label: str
    reason: str
    voted: str
    word: str = ""
    mention: str = ""

    def explanation(self) -> dict[str, str]:
        out = {"rule": self.reason}
        if self.word:
            out |= {"evidence": self.word, "mention": self.mention}
        if self.label != self.voted:
            out["voted"] = self.voted
        return out


@functools.cache
def _company_suffixes() -> frozenset[str]:
    """Table keys of legal forms of companies: factx's table and cleanco's."""
    from cleanco.termdata import terms_by_country, terms_by_type

    affixes = tables.name_affixes()
    terms = {t for group in (terms_by_type, terms_by_country) for ts in group.values() for t in ts}
    keys = {tables.table_key(t) for t in terms} | affixes.get("org_suffix", frozenset())
    # a surname particle ("da") or a country's code ("UK") that cleanco lists is no evidence
    not_suffix = affixes.get("particle", frozenset()) | affixes.get("generational", frozenset())
    return frozenset(k for k in keys if k and k not in not_suffix and tables.country_of_alias(k) is None)


@functools.cache
def _heads() -> list[tuple[str, frozenset[str], frozenset[str]]]:
    """(label, head words, labels of the vote they correct) of each kind of head noun."""
    affixes = tables.name_affixes()
    return [
        (
            "ORG",
            affixes.get("org_head", frozenset()) | affixes.get("org_noun", frozenset()),
            frozenset({"PERSON", "GPE", "LOC", "NORP"}),
        ),
        ("FAC", affixes.get("facility_head", frozenset()), frozenset({"PERSON", "NORP"})),
        ("FAC", affixes.get("street_head", frozenset()), frozenset({"PERSON", "NORP"})),
        ("LOC", affixes.get("feature_head", frozenset()), frozenset({"PERSON", "NORP", "ORG"})),
        # "City" and "State" end the names of clubs and universities too ("Ohio State")
        ("GPE", affixes.get("place_designator", frozenset()) - {"city", "state"}, frozenset({"PERSON", "NORP", "ORG"})),
    ]


def _written_as_suffix(words: Sequence[Token]) -> bool:
    """A legal form as companies write it: capitalized, and a short one in capitals or with
    periods ("AG", "S.A.", "Ltd", not "ag")."""
    text = "".join(t.text for t in words)
    letters = [c for c in text if c.isalpha()]
    if not letters or not letters[0].isupper():
        return False
    return len(letters) > SHORT_SUFFIX_LETTERS or "." in text or all(c.isupper() for c in letters) or text == "Ltd"


@functools.cache
def _suffix_last_words() -> frozenset[str]:
    """The last word of every legal form: a name ending in none of them has none."""
    return frozenset(k.rsplit(" ", 1)[-1] for k in _company_suffixes())


def _company_suffix(words: Sequence[Token]) -> str | None:
    suffixes = _company_suffixes()
    if len(words) < 2 or tables.table_key(words[-1].text).rsplit(" ", 1)[-1] not in _suffix_last_words():
        return None
    for n in (3, 2, 1):
        if len(words) > n:
            tail = words[-n:]
            key = tables.table_key(" ".join(t.text for t in tail))
            if key in suffixes and _written_as_suffix(tail):
                return " ".join(t.text for t in tail)
    return None


def _head(words: Sequence[Token], voted: str) -> tuple[str, str, frozenset[str]] | None:
    """(label, word, labels corrected) of a head noun that ends the name or opens it
    before "of" ("Ministry of Health"), or of a feature's word that opens it ("Lake Orrin")."""
    if len(words) < 2:
        return None
    last, first = words[-1], words[0]
    last_key, first_key = tables.table_key(last.text), tables.table_key(first.text)
    # "King Nanda of Toungoo Dynasty": a person's title of place ends in the place's head
    titled = first_key in tables.titles() and any(t.lower_ == "of" for t in words)
    # "Helen Marsh", "Ricki Lake": a given name and a surname that is also a head noun
    surname = voted == "PERSON" and len(words) == 2 and first_key in tables.given_name_genders()
    for label, heads, overrides in _heads():
        if last_key in heads and last.text[:1].isupper() and not titled and not surname:
            return label, last.text, overrides
    if not first.text[:1].isupper():
        return None
    if words[1].lower_ == "of":
        for label, heads, overrides in _heads():
            if first_key in heads:
                return label, first.text, overrides
    if first_key in tables.name_affixes().get("feature_prefix", frozenset()) and words[1].text[:1].isupper():
        return "LOC", first.text, frozenset({"PERSON", "NORP", "ORG"})
    return None


def _is_nation_word(text: str) -> bool:
    return tables.is_country(text) or bool(tables.place_of_demonym(text))


@functools.cache
def _place_openers() -> frozenset[str]:
    """Words that open the names of many places of the gazetteer ("San", "Santa", "West",
    "La"): a given name among them is no evidence of a person."""
    counts: dict[str, int] = {}
    for key in tables.places():
        if " " in key:
            first = key.split(" ", 1)[0]
            counts[first] = counts.get(first, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= PLACE_OPENER_MIN)


def _is_name_word(t: Token) -> bool:
    """A capitalized word of a person's name ("Jane", "Okonjo-Iweala", "Tōjō"), or an initial."""
    text = t.text
    if len(text) == 2 and text[1] == "." and text[0].isupper():
        return True
    return text[:1].isupper() and text.replace("-", "").replace("'", "").isalpha() and not text[1:].isupper()


def _given_name(words: Sequence[Token], voted: str) -> str | None:
    """The known given name that opens a name of two to four name words, none of them a
    head noun, a country, a nation or a function word. For a name the model tagged an
    organization (bands, firms and clubs are named after people and places), only two words
    (or three with an initial between: "Jane Q. Roe") and no place among them."""
    if not 2 <= len(words) <= MAX_GIVEN_NAME_WORDS or voted not in GIVEN_NAME_RELABELS:
        return None
    if voted == "ORG" and not (len(words) == 2 or (len(words) == 3 and words[1].text.endswith("."))):
        return None
    first = words[0]
    key = tables.table_key(first.text)
    if key not in tables.given_name_genders() or key in _place_openers() or key in tables.titles():
        return None
    if not first.whitespace_ or not all(_is_name_word(t) for t in words):
        return None  # "Ho-Chunk": one word
    # "Helen Council": the surname of a two-word name may be a head noun
    heads = words[:-1] if len(words) == 2 and voted == "PERSON" else words
    if any(_is_nation_word(t.text) for t in words) or any(tables.table_key(t.text) in _head_words() for t in heads):
        return None
    text = " ".join(t.text for t in words)
    if _is_nation_word(text) or tables.table_key(text) in tables.places():
        return None  # "Bonita Springs", "Sri Lanka"
    # a club, a firm or a hall is named after its city ("Dallas Comets", "Sony Music
    # Nashville"); a person's surname may be a city's name ("Anna Lisbon" tagged as a place)
    places = [tables.table_key(t.text) in tables.places() for t in words]
    if any(places) and (voted in {"ORG", "FAC"} or len(words) > 2):
        return None
    return first.text


@functools.cache
def _head_words() -> frozenset[str]:
    """Every head noun and company suffix: a word that makes a name no person's."""
    affixes = tables.name_affixes()
    words = {w for _label, heads, _overrides in _heads() for w in heads}
    words |= affixes.get("feature_prefix", frozenset()) | affixes.get("place_designator", frozenset())
    return frozenset(words | _company_suffixes())


@functools.cache
def _us_states() -> frozenset[str]:
    return frozenset(k for k, rows in tables.places().items() if ("United States", "-") in rows)


def _title_before(doc: Doc, start: int, end: int) -> str | None:
    """The capitalized title right before the name ("Mr", "Queen", "General"), when no word
    of the name is a head noun ("the President Hotel")."""
    if start == 0:
        return None
    tok = doc[start - 1]
    if not tok.text[:1].isupper() or tables.table_key(tok.text) not in tables.titles():
        return None
    # the name itself, not its place of rank ("Queen Isolde of Tarn Valley")
    name = next((doc[start:k] for k in range(start, end) if doc[k].lower_ == "of"), doc[start:end])
    if any(tables.table_key(t.text) in _head_words() for t in name):
        return None
    return tok.text


def _place_apposition(doc: Doc, start: int, end: int, context: _Context) -> str | None:
    """The country or US state after "<name>, ", when the clause goes no further: not a
    list of places ("Anna of Denmark, Norway, and Sweden")."""
    if end + 1 >= len(doc) or doc[end].text != "," or any(t.lower_ == "of" for t in doc[start:end]):
        return None
    ent = context.place_tokens.get(end + 1)
    if ent is None or context.labels[ent] not in {"GPE", "LOC"}:
        return None
    k = end + 1
    while k < len(doc) and context.place_tokens.get(k) == ent:
        k += 1
    text = doc[end + 1 : k].text
    if not (tables.is_country(text) or tables.table_key(text) in _us_states()):
        return None
    if k < len(doc) and not (doc[k].is_punct or doc[k].is_lower):
        return None
    if (
        k + 1 < len(doc)
        and doc[k].text == ","
        and (doc[k + 1].lower_ in {"and", "or"} or k + 1 in context.place_tokens)
    ):
        return None
    return text


def _speaks(doc: Doc, start: int, end: int) -> bool:
    return any(t.dep_ == "nsubj" and t.head.lemma_ in SPEECH_LEMMAS for t in doc[start:end])


def _mention_evidence(
    doc: Doc,
    start: int,
    end: int,
    voted: str,
    context: _Context,
    one_word: bool,
) -> Evidence | None:
    """The strongest evidence mention ``doc[start:end]`` gives; ``one_word`` when every
    mention of its entity is one word (a one-word name beside a full name is a surname)."""
    words = [t for t in doc[start:end] if not t.is_punct or t.text in {"&", "."}]
    suffix = _company_suffix(words)
    if suffix:
        return Evidence(1, "ORG", "company suffix", suffix, ALL_LABELS)
    title = _title_before(doc, start, end)
    # "King Nanda of Toungoo Dynasty": a titled person's place ends in the place's head noun
    head = None if title and any(t.lower_ == "of" for t in words) else _head(words, voted)
    if head and head[0] == "ORG":
        return Evidence(2, "ORG", "organization head noun", head[1], head[2])
    if title:
        return Evidence(3, "PERSON", "title", title, TITLE_RELABELS)
    if head:
        return Evidence(4, head[0], "place head noun", head[1], head[2])
    # not a country, city, nation or faith ("a son of France", "Jews ... under his father")
    if any(t in context.persons for t in range(start, end)):
        text = doc[start:end].text
        if not (tables.is_country(text) or tables.place_of_demonym(text) or tables.table_key(text) in tables.places()):
            return Evidence(4, "PERSON", "kinship or marriage", text, KINSHIP_RELABELS)
    given = _given_name(words, voted)
    if given:
        return Evidence(5, "PERSON", "given name", given, GIVEN_NAME_RELABELS)
    place = _place_apposition(doc, start, end, context)
    if place:
        return Evidence(6, "GPE", "place apposition", place, APPOSITION_RELABELS)
    # "Itta of Metz", "the King of Sweden": a person's title of place, whatever was tagged
    after_of = start > 0 and doc[start - 1].lower_ == "of"
    if len(words) == 1 and one_word and not after_of and not _speaks(doc, start, end):
        text = words[0].text
        key = tables.table_key(text)
        if (tables.is_country(text) or key in tables.places()) and key not in tables.given_name_genders():
            return Evidence(7, "GPE", "gazetteer", text, GAZETTEER_RELABELS)
    return None


def decide(
    doc: Doc, labels: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]], texts: Sequence[Sequence[str]]
) -> list[Decision]:
    """The label of each entity: ``labels[i]`` is the label its mentions voted,
    ``spans[i]`` their token spans and ``texts[i]`` their texts."""
    context = _Context(
        {t: i for i, group in enumerate(spans) for s, e in group for t in range(s, e)},
        labels,
        mentions.related_persons(doc),
    )
    out = []
    for i, (voted, group) in enumerate(zip(labels, spans, strict=True)):
        best: tuple[Evidence, str] | None = None
        one_word = all(e - s == 1 for s, e in group)
        for (s, e), text in zip(group, texts[i], strict=True):
            ev = _mention_evidence(doc, s, e, voted, context, one_word)
            if ev is not None and (best is None or ev.rank < best[0].rank):
                best = (ev, text)
        if best is None:
            out.append(Decision(voted, "model vote", voted))
            continue
        ev, text = best
        if CLASS_OF.get(voted, "MISC") == CLASS_OF.get(ev.label, "MISC"):
            out.append(Decision(voted, ev.reason, voted, ev.word, text))  # the vote, confirmed
        elif voted in ev.overrides:
            out.append(Decision(ev.label, ev.reason, voted, ev.word, text))
        else:
            out.append(Decision(voted, "model vote", voted))
    return out
