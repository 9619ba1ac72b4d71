"""From a parsed spaCy ``Doc`` to clean mentions.

The model's entity spans are cut at line breaks (see ``factx.text``), trimmed of possessive
endings, quote marks and stray punctuation at either end, and sorted into name mentions
(people, places, organizations, works...) and date candidates (DATE and TIME spans, which
the date layer checks, repairs and normalizes). Numbers, money and quantities are values,
not entities, and are dropped here.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import datelines, tables
from ._util import tokens_with, word_hashes
from .text import split_at_breaks

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE"}
)
DATE_LABELS = frozenset({"DATE", "TIME"})
# "the" belongs to the noun phrase, not to the name: "the United States" is "United States".
LEADING_DETERMINERS = frozenset({"the", "The", "THE"})
LEADING_DETERMINERS_LOWER = frozenset({"the", "a", "an"})
POSSESSIVE_ENDINGS = frozenset({"'s", "\u2019s", "'", "\u2019", "'S", "\u2019S"})
# Characters that never begin or end a name, though the tokenizer may leave them there.
EDGE_PUNCT = frozenset(
    "\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f`\u00ab\u00bb,;:!?()[]{}*\u2022\u2013\u2014-/"
)


@dataclass(frozen=True, slots=True)
class RawMention:
    """A clean entity mention: character and token offsets, surface text, model label."""

    start: int
    end: int
    text: str
    label: str
    token_start: int
    token_end: int
    repeated: bool = False  # found again by its surface form; it joins that form's entity
    defined: bool = False  # an organization's name the text defines ("X is a company")


def _droppable(token: Token, at_end: bool, keep_determiner: bool = False) -> bool:
    text = token.text
    if token.is_space:
        return True
    if at_end and text in POSSESSIVE_ENDINGS:
        return True
    if not at_end and not keep_determiner and text in LEADING_DETERMINERS:
        return True
    return all(ch in EDGE_PUNCT for ch in text)


def _trim(doc: Doc, start: int, end: int, *, keep_determiner: bool = False) -> tuple[int, int]:
    while start < end and _droppable(doc[end - 1], at_end=True):
        end -= 1
    while start < end and _droppable(doc[start], at_end=False, keep_determiner=keep_determiner):
        start += 1
    return start, end


def _is_descriptor(token: Token) -> bool:
    """A word before a person's name that describes, not names, them."""
    key = tables.table_key(token.text)
    if key in tables.titles() or key in tables.occupations():
        return True
    # Names start with a capital; lower-case words other than particles (van, de, al)
    # are descriptors the model swept in ("harbour pilot").
    return token.is_lower and key not in tables.name_affixes().get("particle", frozenset())


def _is_nationality(token: Token) -> bool:
    """ "Yugoslav" of "Yugoslav Marshal Josip Broz": a demonym that is no given name ("Roman")."""
    return bool(tables.place_of_demonym(token.text)) and tables.table_key(token.text) not in tables.given_names()


def _trim_person(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading titles, roles, nationalities and lower-case descriptors from a PERSON
    span, keeping at least one token (a bare "President" stays a mention), and a title that
    is also a given name ("Dean", "Don", "Earl") when one surname follows it ("Dean Roe")."""
    while end - start > 1 and (_is_descriptor(doc[start]) or _is_nationality(doc[start])):
        if end - start == 2 and _given_name_not_title(doc[start], doc[start + 1]):
            break
        start += 1
    return start, end


# Titles that come before a surname or a ruler's name ("Major Tobin", "Governor Vale",
# "Sheikh Hasina"), and titles of nobility ("Earl Spencer" is as often a peer as "Earl
# Tolliver" a man named Earl): never read as a given name.
SURNAME_TITLE_KINDS = frozenset({"military", "political", "business", "judicial", "religious", "royal"})


def _given_name_not_title(word: Token, after: Token) -> bool:
    """ "Dean" of "Dean Roe", "Don" of "Don Roe": a capitalized title that is also a
    given name, before one capitalized word that is neither a title nor a given name (a
    title goes before the given name: "King Harald", "Don Juan"), is the person's given
    name; not a rank that goes before a surname ("Major Tobin")."""
    key = tables.table_key(word.text)
    after_key = tables.table_key(after.text)
    return (
        word.is_title
        and key in tables.given_name_genders()
        and tables.titles().get(key) not in SURNAME_TITLE_KINDS
        and after.is_title
        and after_key not in tables.titles()
        and after_key not in tables.given_name_genders()
        and after_key not in tables.given_names()
    )


def _char_trim(doc: Doc, text: str, start: int, end: int) -> tuple[int, int]:
    """Character span of tokens ``start:end``, with possessives glued to a token removed."""
    first, last = doc[start], doc[end - 1]
    s, e = first.idx, last.idx + len(last.text)
    for ending in ("'s", "\u2019s", "'", "\u2019"):
        if text.endswith(ending, s, e) and e - len(ending) > s:
            e -= len(ending)
            break
    while e > s and text[e - 1] in EDGE_PUNCT:
        e -= 1
    while s < e and text[s] in EDGE_PUNCT:
        s += 1
    return s, e


OPEN_QUOTES = frozenset({"'", '"', "\u2018", "\u201c", "`", "``"})
CLOSE_QUOTES = frozenset({"'", '"', "\u2019", "\u201d", "''"})
# How many capitalized words a repaired name may take on either side of its core.
MAX_NAME_EXTENSION = 2
ACRONYM_MIN, ACRONYM_MAX = 2, 8
# A name is looked for again elsewhere in the document only if one of its words is this long.
MIN_PROPAGATED_CHARS = 3
ACRONYM_SKIP_WORDS = frozenset({"of", "the", "and", "for", "with", "in", "on", "at", "to", "a", "an", "&"})


def _is_name_word(token: Token) -> bool:
    """A capitalized word that can be part of a proper name."""
    return token.is_alpha and token.text[:1].isupper() and token.tag_ in {"NNP", "NNPS", ""}


def _same_line(doc: Doc, i: int, j: int) -> bool:
    return not any(t.is_space for t in doc[min(i, j) : max(i, j) + 1])


def _quoted_nickname_names(doc: Doc, words: list[str], lowers: list[str]) -> list[tuple[int, int, str]]:
    """``Given 'Nick' Surname``: one person, whatever pieces the model tagged."""
    found = []
    for i in range(1, len(doc) - 3):
        if not (words[i] in OPEN_QUOTES and words[i + 2] in CLOSE_QUOTES):
            continue
        before, nick, after = doc[i - 1], doc[i + 1], doc[i + 3]
        if not (_is_name_word(before) and _is_name_word(nick) and _is_name_word(after)):
            continue
        if not _same_line(doc, i - 1, i + 3) or doc[i - 1].whitespace_ == "" or doc[i + 2].whitespace_ == "":
            continue
        start, end = i - 1, i + 4
        while start > 0 and i - 1 - start < MAX_NAME_EXTENSION and _is_name_word(doc[start - 1]):
            if _is_descriptor(doc[start - 1]) or doc[start - 1].is_sent_start:
                break
            start -= 1
        while end < len(doc) and end - (i + 4) < MAX_NAME_EXTENSION and _is_name_word(doc[end]):
            end += 1
        found.append((start, end, "PERSON"))
    return found


def _kinship_names(doc: Doc, words: list[str], lowers: list[str]) -> list[tuple[int, int, str]]:
    """``his wife(,) Jane Roe``: a name in apposition to a kinship noun is a person."""
    kin = tables.kinship_nouns()
    found = []
    for i, lower in enumerate(lowers):
        if lower not in kin or i + 1 >= len(doc):
            continue
        start = i + 1
        if words[start] == "," and start + 1 < len(doc):
            start += 1
        end = start
        while end < len(doc) and end - start <= MAX_NAME_EXTENSION and _is_name_word(doc[end]):
            end += 1
        if end > start and not _is_descriptor(doc[start]):
            found.append((start, end, "PERSON"))
    return found


# Labels a kinship noun's relative may carry in the model's output when it is a person: a
# person tagged as a place or organization ("the son of Emperor Otto" as ORG). Not NORP: in
# "the brothers of Jesus, Catholic, Orthodox ... interpretations" the adjectives are no names.
RELABELLED_AS_RELATIVE = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})
# "Acme's parent, Globex": in business news a parent is a company's owner, not a person's.
NOT_PERSONAL_KIN = frozenset({"parent", "parents"})
# "his son", "her husband": the possessor is a person.
GENDERED_POSSESSIVES = frozenset({"his", "her"})


def _relatives(doc: Doc) -> set[int]:
    """Tokens of names the grammar ties to a lower-case kinship noun, which are persons:
    "the son of Emperor Otto and Greta", "Karl's daughter", "Otto, son of Karl", "Otto was
    the eldest son of Karl", "his sons, Karl and Otto"."""
    found: set[int] = set()
    for i in tokens_with(doc, _kinship_hashes()):  # from the token array: cheaper than every word
        noun = doc[i]
        if noun.lower_ in NOT_PERSONAL_KIN:
            continue
        if noun.pos_ != "NOUN" or not noun.is_lower or noun.dep_ in {"compound", "amod"}:
            continue
        for child in noun.children:
            if child.dep_ == "poss" and child.pos_ == "PROPN":
                found.add(child.i)
            elif child.dep_ == "appos":
                found.update(t.i for t in (child, *child.conjuncts))
            elif child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj":  # "the son of the footballer Karl Dahl": the apposition
                        for t in (obj, *obj.conjuncts):
                            found.add(t.i)
                            found.update(a.i for a in t.children if a.dep_ == "appos")
        # "Otto was the eldest of two sons of Karl": the partitive stands for the noun
        described = partitive(noun) or noun
        if described.dep_ == "appos":
            found.add(described.head.i)
        elif described.dep_ == "attr" and described.head.lemma_ == "be":
            found.update(s.i for s in described.head.children if s.dep_ == "nsubj")
        if any(c.dep_ == "poss" and c.lower_ in GENDERED_POSSESSIVES for c in noun.children):
            subject = _clause_subject(noun)
            if subject is not None and subject.i < noun.i:
                found.add(subject.i)
        # "Karl and Greta had three sons": the parents
        if noun.dep_ == "dobj" and noun.head.lemma_ == "have" and noun.tag_ in {"NNS", "NNPS"}:
            for subject in noun.head.children:
                if subject.dep_ == "nsubj" and subject.pos_ == "PROPN":
                    found.update(t.i for t in (subject, *subject.conjuncts))
    return found | _wed_or_born(doc)


# Verbs of a life's events: whoever marries, is married to, divorces or is born is a person.
MARRYING_VERBS = frozenset({"marry", "wed", "divorce"})
LIFE_EVENT_WORDS = frozenset(
    {"married", "marries", "marry", "marrying", "wed", "weds", "wedded", "divorced", "divorces", "divorce", "born"}
)


def _event_parties(verb: Token) -> list[Token]:
    """The two sides of a marriage or a birth the verb states, as the parse names them:
    "Clotilde married Amalric", "Clotilde was married to Amalric", "Amalric was born (in
    1204) to Clotilde"; none for another word, for "born" with no place, time or parents
    ("an idea was born") or with nobody born."""
    if verb.lemma_ == "bear":
        if verb.tag_ != "VBN" or not any(
            c.dep_ == "prep" and c.lower_ in {"in", "on", "at", "to"} for c in verb.children
        ):
            return []
        parties = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not parties and verb.dep_ == "advcl" and verb.i == verb.sent.start:
            # "Born to Karl Roe, Ivo grew up in Leeds": the main clause's subject was born
            parties = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i > verb.i]
        if not parties:
            return []  # "Born to Fight", a title: nobody is born
    elif verb.lemma_ in MARRYING_VERBS or verb.lower_ in {"married", "divorced"}:
        parties = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
        if verb.dep_ in {"acomp", "attr"}:  # "was married to"
            parties += [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    else:
        return []
    return parties + [
        o for p in verb.children if p.dep_ == "prep" and p.lower_ == "to" for o in p.children if o.dep_ == "pobj"
    ]


def _wed_or_born(doc: Doc) -> set[int]:
    """Names the grammar makes a party to a marriage or a birth. Only proper nouns: "the
    company was born of a merger" names nothing."""
    found: set[int] = set()
    for i in tokens_with(doc, _life_event_hashes()):
        for party in _event_parties(doc[i]):
            if party.pos_ == "PROPN":
                found.update(t.i for t in (party, *party.conjuncts) if t.pos_ == "PROPN")
    return found


def related_persons(doc: Doc) -> set[int]:
    """Tokens the grammar makes a person: a kinship noun's relative or possessor ("the son
    of Karl", "his wife Greta") and a party to a marriage or a birth."""
    return _relatives(doc)


def partitive(noun: Token) -> Token | None:
    """ "the eldest of two sons", "one of the daughters": the word that picks one of the
    plural ``noun``, which stands where the noun would ("Otto was the eldest of ...")."""
    of = noun.head
    if noun.dep_ != "pobj" or of.lower_ != "of" or of.head.i == of.i:
        return None
    up = of.head
    if up.i < of.i and (up.pos_ in {"ADJ", "NUM"} or up.lower_ in {"one", "middle"}):
        return up
    return None


def _clause_subject(tok: Token) -> Token | None:
    """The subject of the clause ``tok`` is in, through coordinated verbs ("X died in 1526,
    and was succeeded by his son"): the possessor "his" most often stands for."""
    verb = tok
    for _ in range(8):
        if verb.pos_ in {"VERB", "AUX"}:
            subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subjects:
                return subjects[0] if subjects[0].pos_ == "PROPN" else None
            if verb.dep_ != "conj":
                return None
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _names_an_organization(doc: Doc, start: int, end: int) -> bool:
    """A company suffix or an institution's head noun in the name ("Acme Ltd", "Ford Foundation")."""
    affixes = tables.name_affixes()
    org_words = affixes.get("org_suffix", frozenset()) | affixes.get("org_head", frozenset())
    return any(tables.table_key(t.text) in org_words for t in doc[start:end])


def _relabel_relatives(doc: Doc, lowers: list[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name tied to a kinship noun is a person whatever the model tagged it, unless it is
    a country ("a son of France" is a figure of speech)."""
    relatives = _relatives(doc)
    if not relatives:
        return spans
    out = []
    for s, e, label in spans:
        if (
            label in RELABELLED_AS_RELATIVE
            and any(t in relatives for t in range(s, e))
            and not tables.is_country(doc[s:e].text)
            and not _names_an_organization(doc, s, e)
        ):
            # "the son of Aeolus and Enarete" tagged as one group: two persons
            out.extend((ps, pe, "PERSON") for ps, pe in _two_persons(doc, s, e))
            continue
        out.append((s, e, label))
    # "the son of Amphiaraus and Eriphyle": a relative's name the model did not tag at all
    taken = {t for s, e, _ in out for t in range(s, e)}
    for i in sorted(relatives - taken):
        span = _untagged_name(doc, i, taken)
        if span is not None:
            out.append((*span, "PERSON"))
            taken.update(range(*span))
    return out


def _untagged_name(doc: Doc, i: int, taken: set[int]) -> tuple[int, int] | None:
    """The capitalized name whose head word is token ``i`` ("Hetepheres" with its regnal
    number, "Merfyn Frych"), when no span covers it and it names no country or kinship."""
    tok = doc[i]
    # the tagger takes an unknown name opening a sentence for a noun ("Hyllus was the son")
    if tok.pos_ not in {"PROPN", "NOUN"} or not tok.is_title or tok.i in taken:
        return None
    if tok.pos_ == "NOUN" and not tok.is_sent_start:
        return None
    start = i
    while (
        start > 0
        and start - 1 not in taken
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].is_title
        and doc[start - 1].dep_ == "compound"
        and start <= doc[start - 1].head.i <= i
    ):
        start -= 1
    end = i + 1
    if end < len(doc) and end not in taken and REGNAL.fullmatch(doc[end].text) and doc[end].head.i == i:
        end += 1
    text = doc[start:end].text
    if tables.is_country(text) or tables.place_of_demonym(text) or text.lower() in tables.kinship_nouns():
        return None
    # "the 34th President of the United States, Dwight Eisenhower, was born": a title whose
    # holder is named beside it
    key = tables.table_key(tok.text)
    if (
        key in tables.titles()
        or key in tables.role_words()
        or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in tok.children)
    ):
        return None
    return start, end


# Prepositions of place: "in Toulouse", "near Leeds" is a place whatever the model tagged it,
# when the gazetteer knows a city of that name.
PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "around"})
# "a resident of Evansville", "the mayor of Leeds": nouns whose "of" object is a place (not
# "the coach of Barcelona", where the club is meant)
PLACE_OF_NOUNS = frozenset(
    {
        "resident",
        "residents",
        "native",
        "natives",
        "citizen",
        "citizens",
        "mayor",
        "people",
        "city",
        "town",
        "village",
        "suburb",
        "suburbs",
        "outskirts",
        "centre",
        "center",
        "streets",
        "inhabitants",
    }
)
RELABELLED_AS_CITY = frozenset({"PERSON", "ORG", "NORP"})


def _relabel_cities(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A known city's name as the object of "in"/"near" or of "a resident of" is a place
    (the small model tags "in Toulouse" as a person, "in Marseille" as an organization)."""
    cities = tables.places()
    out = []
    for s, e, label in spans:
        after_place_word = (s > 0 and doc[s - 1].lower_ in PLACE_PREPOSITIONS) or (
            s > 1 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in PLACE_OF_NOUNS
        )
        if label in RELABELLED_AS_CITY and after_place_word and tables.table_key(doc[s:e].text) in cities:
            label = "GPE"
        out.append((s, e, label))
    return out


# Titles of rank that only people hold: "Queen Margrethe", "Archduchess Maria Amalia" are
# persons, whatever the model tagged them. Not offices ("President", "Governor"), which also
# name institutions and places ("Governor Generals' Awards").
RANK_TITLES = frozenset({"royal"})
RANK_HONORIFICS = frozenset({"sir", "dame", "lord", "lady"})
RELABELLED_AS_TITLED = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP"})
# what may follow the name in a titled person's span: "Countess Beatrice II", "Queen
# Victoria of the United Kingdom"
TITLED_NAME_ENDINGS = frozenset({"of", "the"})


def _is_rank_title(token: Token) -> bool:
    return _is_rank_title_word(token.text)


def _is_rank_title_word(text: str) -> bool:
    key = tables.table_key(text)
    return text.istitle() and (tables.titles().get(key) in RANK_TITLES or key in RANK_HONORIFICS)


def _titled_person(doc: Doc, start: int, end: int, label: str) -> bool:
    """A span that is a title of rank and a name ("Princess Carolina", "Queen Victoria of
    the United Kingdom"), or a name right after one. Not a place or institution named after
    a person ("Prince Edward Island", "King Abdullah University", a city "Prince George"),
    and, for the labels of bands and companies, only with a known given name or a regnal
    number after the title ("King Crimson" is a band)."""
    if _is_rank_title(doc[start]):
        name = start + 1
    elif start > 0 and _is_rank_title(doc[start - 1]):
        name = start
    else:
        return False
    if name >= end or not doc[name].is_title:
        return False
    affixes = tables.name_affixes()
    heads = frozenset().union(
        *(affixes.get(k, frozenset()) for k in ("feature_head", "street_head", "award_head", "facility_head")),
        affixes.get("place_designator", frozenset()),
    )
    if _names_an_organization(doc, start, end) or any(tables.table_key(t.text) in heads for t in doc[name:end]):
        return False
    text = doc[start:end].text
    if tables.is_country(text) or tables.table_key(text) in tables.places():
        return False
    if label in {"ORG", "PRODUCT"}:
        after = doc[name + 1] if name + 1 < end else None
        regnal = after is not None and REGNAL.fullmatch(after.text) is not None
        return (
            tables.table_key(doc[name].text) in tables.given_names()
            or regnal
            or (after is not None and after.lower_ in TITLED_NAME_ENDINGS)
        )
    return True


def _relabel_titled(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name after a title of rank is a person ("Queen Margrethe" tagged as a work)."""
    return [
        (s, e, "PERSON" if label in RELABELLED_AS_TITLED and _titled_person(doc, s, e, label) else label)
        for s, e, label in spans
    ]


# Labels a name after an occupation noun may carry when it is a person ("fashion designer
# Halston" tagged as a place).
RELABELLED_AS_DESCRIBED = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})


def _relabel_described(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name the parser ties to an occupation noun just before it is a person: "fashion
    designer Halston", "photographers Ann Poe and Tom Lee" (not "publisher Penguin", not a
    country or an institution)."""
    occupations = tables.personal_occupations()
    out = []
    for s, e, label in spans:
        if label in RELABELLED_AS_DESCRIBED and s > 0:
            noun = doc[s - 1]
            lemma = noun.lemma_.lower() if noun.pos_ == "NOUN" else noun.lower_.removesuffix("s")
            if (
                noun.is_lower
                and (noun.lower_ in occupations or lemma in occupations)
                and noun.dep_ in {"compound", "amod", "nmod"}
                and s <= noun.head.i < e
                and not tables.is_country(doc[s:e].text)
                and not _names_an_organization(doc, s, e)
            ):
                label = "PERSON"
        out.append((s, e, label))
    return out


# "Jane Roe of Harbour Lights", "Jane Roe from The Pebbles": a full name's "of"/"from" name
# is what she belongs to; the model often takes a band's name for a person's or a nation's.
AFFILIATION_PREPOSITIONS = frozenset({"of", "from"})
RELABELLED_AS_AFFILIATION = frozenset({"PERSON", "NORP"})


def _relabel_affiliations(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name that the parse hangs by "of"/"from" on a person's full name (given name and
    surname) is an organization: persons are not "of" persons, but for titles of nobility
    with one given name ("Peter of Savoy"), which this leaves alone, as it leaves a known
    given name, a country or a nationality ("Jane Roe of the Dutch")."""
    persons = {t: (s, e) for s, e, label in spans if label == "PERSON" and e - s >= 2 for t in range(s, e)}
    if not persons:
        return spans
    out = []
    for s, e, label in spans:
        at = s - 1 if s > 0 and doc[s - 1].lower_ != "the" else s - 2
        if (
            label in RELABELLED_AS_AFFILIATION
            and at > 0
            and doc[at].lower_ in AFFILIATION_PREPOSITIONS
            and at - 1 in persons
            and doc[at].head.i in range(*persons[at - 1])
            and doc[at].dep_ == "prep"
            and any(doc[t].head.i == at for t in range(s, e))
            # a one-word given name after a full name is a band's or a club's name
            # ("Jane Roe of Delilah"); two words may be a person's ("... of Mary Poe")
            and (e - s == 1 or tables.table_key(doc[s].text) not in tables.given_names())
            and not tables.is_country(doc[s:e].text)
            and not tables.place_of_demonym(doc[s:e].text)
        ):
            label = "ORG"
        out.append((s, e, label))
    return out


# Nouns of a member of a group, which only a group's name modifies ("Harbour Lights
# members", "Tin Roof guitarist"): the name is the group's, whatever the model tagged it.
# Not roles a person's name modifies too ("Clinton aide", "Trump supporter").
GROUP_MEMBER_NOUNS = frozenset(
    {
        "member",
        "members",
        "bandmate",
        "bandmates",
        "frontman",
        "frontwoman",
        "guitarist",
        "guitarists",
        "bassist",
        "drummer",
        "vocalist",
        "keyboardist",
        "lineup",
        "line-up",
    }
)


# What the model tags a band's name as; a known place keeps its label ("the Leeds guitarist")
GROUP_NAME_MISLABELS = frozenset({"PERSON", "NORP", "WORK_OF_ART", "PRODUCT", "GPE"})
# Lower-case words between a group's name and its member's noun ("Tin Roof lead guitarist")
MAX_MEMBER_NOUN_MODIFIERS = 2


def _relabel_group_names(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name before a noun of a group's member is the group ("Harbour Lights members Jane
    Roe and Tom Lee", the band tagged a person); not a name with a person's title. Where the
    parse does not join them, the words alone say it when a person's name follows the noun
    ("Tin Roof lead guitarist Jane Roe"). A group's name before its member's name is the
    group too ("Tin Roof's frontman Tom Lee"; "Tin Roof's Jane Roe" when the group's name
    has two words and no given name first, as a person's possessive before another
    person's name is rare but does occur: "Lee's Jane Roe")."""
    person_starts = {s for s, e, label in spans if label == "PERSON"}
    full_names = {s for s, e, label in spans if label == "PERSON" and e - s >= 2}
    out = []
    for s, e, label in spans:
        if (
            label in GROUP_NAME_MISLABELS
            and e < len(doc)
            and not _is_rank_title(doc[s])
            and not (label == "NORP" and tables.place_of_demonym(doc[s:e].text))  # "the Dutch drummer"
            and not (label == "GPE" and _is_place(doc[s:e].text))
        ):
            top = doc[s:e].root
            noun = top.head
            if (
                (
                    top.dep_ in {"compound", "nmod"}
                    and noun.i >= e
                    and noun.is_lower
                    and noun.lower_ in GROUP_MEMBER_NOUNS
                    and all(doc[k].dep_ in {"compound", "amod", "nmod"} for k in range(e, noun.i))
                )
                or _member_noun_before_person(doc, e, person_starts)
                or (
                    e - s <= 2
                    and e + 1 < len(doc)
                    and doc[e].lower_ == "'s"
                    and tables.table_key(doc[s].text) not in tables.given_names()
                    and (
                        (label == "PERSON" and e - s == 2 and e + 1 in full_names)
                        or _member_noun_before_person(doc, e + 1, person_starts)
                    )
                )
            ):
                label = "ORG"
        out.append((s, e, label))
    return out


# Labels of the long names a maker's product or a firm is named again by the last word of
SHORT_FORM_LABELS = frozenset({"ORG", "PRODUCT"})


def _relabel_short_forms(words: list[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One word tagged a person that ends exactly one longer name of an organization or a
    product written before it ("Vexo Glide" ... "Glide", "Tarrow Mobile" ... "Mobile") is
    that name again: the model tags an unknown capitalized word alone as a person. Not a
    known given name, nor a word a person's name of the document ends with ("Tarrow Mobile"
    and "Jo Mobile"). The long name is of words only, the first no country or nation's: a
    work named with a hyphen after a person ("Ilse - Varro") and "British Tarrows" are not
    named again by the last word."""
    long_names: dict[str, dict[str, str]] = {}  # last word -> long name -> its label
    first_at: dict[str, int] = {}  # last word -> where a long name ending in it starts first
    person_ends: set[str] = set()
    for s, e, label in spans:
        if (
            e - s >= 2
            and label in SHORT_FORM_LABELS
            and all(w.isalnum() for w in words[s:e])
            and not tables.is_country(words[s])
            and not tables.place_of_demonym(words[s])
        ):
            long_names.setdefault(words[e - 1], {})[" ".join(words[s:e])] = label
            first_at[words[e - 1]] = min(s, first_at.get(words[e - 1], s))
        elif e - s >= 2 and label == "PERSON":
            person_ends.add(words[e - 1])
    if not long_names:
        return spans
    given = tables.given_names()
    out = []
    for s, e, label in spans:
        word = words[s]
        held = long_names.get(word) if e - s == 1 and label == "PERSON" else None
        if (
            held
            and len(held) == 1
            and first_at[word] < s
            and word not in person_ends
            and tables.table_key(word) not in given
        ):
            label = next(iter(held.values()))
        out.append((s, e, label))
    return out


def _member_noun_groups(doc: Doc, words: list[str], lowers: list[str]) -> list[tuple[int, int, str]]:
    """ "Copper Lantern lead guitarist Jane Roe": the proper nouns the model left untagged
    before a noun of a group's member, with a person's name after it, are the group's name."""
    found: list[tuple[int, int, str]] = []
    for i, lower in enumerate(lowers):
        if (
            lower not in GROUP_MEMBER_NOUNS
            or not doc[i].is_lower
            or i + 1 >= len(doc)
            or doc[i + 1].ent_type_ != "PERSON"
        ):
            continue
        end = i
        while (
            end > 0
            and i - end < MAX_MEMBER_NOUN_MODIFIERS
            and doc[end - 1].is_lower
            and doc[end - 1].is_alpha
            and (doc[end - 1].pos_ in {"ADJ", "NOUN"} or doc[end - 1].dep_ in {"amod", "compound"})
        ):
            end -= 1
        start = end
        while (
            start > 0
            and end - start < MAX_TITLE_TOKENS
            and doc[start - 1].pos_ in {"PROPN", "NOUN"}
            and not doc[start - 1].ent_type_
            and doc[start - 1].is_title
            and not doc[start - 1].is_stop
        ):
            start -= 1
        if start < end:
            found.append((start, end, "ORG"))
    return found


def _member_noun_before_person(doc: Doc, i: int, person_starts: set[int]) -> bool:
    """Whether a noun of a group's member starts at ``i``, after at most a few lower-case
    words, with a person's name right after it ("lead guitarist Jane Roe")."""
    for k in range(i, min(i + MAX_MEMBER_NOUN_MODIFIERS + 1, len(doc) - 1)):
        tok = doc[k]
        if tok.is_lower and tok.lower_ in GROUP_MEMBER_NOUNS:
            return k + 1 in person_starts
        # a modifier of the noun ("lead", "bass"), not a word of the clause ("and", "by")
        if not (tok.is_lower and tok.is_alpha and (tok.pos_ in {"ADJ", "NOUN"} or tok.dep_ in {"amod", "compound"})):
            return False
    return False


# What a kind of place makes of the name it describes.
PLACE_KIND_LABELS = {"settlement": "GPE", "feature": "LOC"}
RELABELLED_AS_PLACE = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT"})


def _place_kind(doc: Doc, s: int, e: int) -> str | None:
    """The kind of place the grammar says the name ``doc[s:e]`` is: "X is a town (in Y)",
    "the town of X", "the X region"; None when it says none."""
    kinds = tables.place_nouns()
    top = doc[s:e].root
    # "Urgut is a town in ...", "Leonessa is a town and comune"
    if top.dep_ in {"nsubj", "nsubjpass"} and top.head.lemma_ == "be":
        for attr in top.head.children:
            if attr.dep_ == "attr" and attr.is_lower and attr.i > top.i and attr.lemma_ in kinds:
                return kinds[attr.lemma_]
    # "the town of Leonessa", "the province of Buenos Aires"
    if s >= 2 and doc[s - 1].lower_ == "of" and top.head.i == s - 1:
        noun = doc[s - 2]
        if (
            noun.is_lower
            and noun.lemma_ in kinds
            and doc[s - 1].head.i == noun.i
            and any(c.lower_ == "the" for c in noun.children)
        ):
            return kinds[noun.lemma_]
    # "in the Lazio region": the name modifies the noun of its kind
    if e < len(doc) and top.dep_ == "compound" and top.head.i == e:
        noun = doc[e]
        if noun.is_lower and noun.lemma_ in kinds:
            return kinds[noun.lemma_]
    return None


def _relabel_named_places(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name the grammar calls a kind of place is a place, whatever the model tagged it
    ("Leonessa is a town and comune", "the Lazio region" tagged as persons); not a name
    with a company suffix or an institution's head noun ("Acme Corp is a town sponsor")."""
    out = []
    for s, e, label in spans:
        if label in RELABELLED_AS_PLACE:
            kind = _place_kind(doc, s, e)
            if kind is not None and not _names_an_organization(doc, s, e):
                label = PLACE_KIND_LABELS[kind]
        out.append((s, e, label))
    return out


def _extend_given_name(doc: Doc, start: int, end: int) -> int:
    """Take a known given name or diminutive just before a person's surname into the span
    ("Misha" before "Petrov" when the model tagged only the surname)."""
    given = tables.given_names()
    while (
        start > 0
        and start - 1 >= 0
        and _is_name_word(doc[start - 1])
        and doc[start - 1].lower_ in given
        and doc[start - 1].whitespace_
    ):
        start -= 1
    return start


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w and w.casefold() not in ACRONYM_SKIP_WORDS and w[0].isalpha())


def _acronym_mentions(words: list[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Untagged all-capital words that spell the initials of a name the document uses."""
    by_initials: dict[str, str] = {}
    for s, e, label in spans:
        if e - s >= 2 and label not in DATE_LABELS:
            name = words[s:e]
            # acronyms are made with and without the small words: NATO, and "BOTN" ("of the")
            by_initials.setdefault(_initials(name).upper(), label)
            by_initials.setdefault("".join(w[0] for w in name if w[:1].isalpha()).upper(), label)
    if not by_initials:
        return []
    taken = {i for s, e, _ in spans for i in range(s, e)}
    found = []
    for i, text in enumerate(words):
        if (
            text in by_initials  # first: rules out almost every word at once
            and i not in taken
            and ACRONYM_MIN <= len(text) <= ACRONYM_MAX
            and text.isalpha()
            and text.isupper()
        ):
            found.append((i, i + 1, by_initials[text]))
    return found


def _repeated_names(doc: Doc, words: list[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Other occurrences of a name the model tagged once: one name, one sense per document.

    Only capitalized proper-noun tokens match, case-sensitively, so "Will" the name does
    not tag "will" the verb; a date never becomes a name."""
    names: dict[tuple[str, ...], str] = {}
    for s, e, label in spans:
        if label in DATE_LABELS:
            continue
        name = tuple(words[s:e])
        if all(w[:1].isupper() for w in name if w.isalpha()) and any(len(w) >= MIN_PROPAGATED_CHARS for w in name):
            names.setdefault(name, label)
    if not names:
        return []
    # The lengths of the names each word starts, longest first: a word is looked up once per
    # length, not once per name (a long document has many names that share a first word).
    lengths: dict[str, list[int]] = {}
    for name in names:
        lengths.setdefault(name[0], []).append(len(name))
    for sizes in lengths.values():
        sizes[:] = sorted(set(sizes), reverse=True)
    taken = {i for s, e, _ in spans for i in range(s, e)}
    found = []
    i = 0
    while i < len(doc):
        options = lengths.get(words[i])
        if i in taken or not options:
            i += 1
            continue
        for size in options:
            end = i + size
            if end > len(doc) or any(j in taken for j in range(i, end)):
                continue
            name = tuple(words[i:end])
            if name not in names or doc[end - 1].pos_ not in {"PROPN", "NOUN"}:
                continue
            found.append((i, end, names[name]))
            taken.update(range(i, end))
            i = end - 1
            break
        i += 1
    return found


REGNAL = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XVI{0,3})")


def _regnal_numbers(doc: Doc, words: list[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A person's span extended by the regnal or generational number the model left out
    ("King Harald" + "I", "Pope Pius" + "XII"): the number is a word of the name, joined to
    it by the parse, and tells two kings of one name apart."""
    taken = {i for s, e, _ in spans for i in range(s, e)}
    out = []
    for s, e, label in spans:
        if (
            label == "PERSON"
            and e < len(doc)
            and e not in taken
            and REGNAL.fullmatch(words[e])
            and doc[e].pos_ == "PROPN"
            and (doc[e - 1].head.i == e or doc[e].head.i == e - 1)
        ):
            e += 1
        out.append((s, e, label))
    return out


# "Elisabeth of Bohemia": a territory after a lone given name is part of a noble's name.
TERRITORY_LABELS = frozenset({"GPE", "LOC", "ORG", "NORP"})
MAX_TERRITORY_WORDS = 4


def _noble_names(doc: Doc, words: list[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "Elisabeth of Bohemia", "Albert II of Habsburg", "Queen Henrietta of France": the
    model tags the given name a person and the territory a place, and two noble women named
    Elisabeth would merge. A person's span that is one given name (with a regnal number or
    after a title of rank), followed by "of" and a place the parse hangs on it, is one name.
    Not a full name ("Jane Roe of Acme" is her employer) nor a bare surname ("Roe of Acme").
    The territory may be tagged a person too when the gazetteer knows it ("Marie of
    Brittany"), and one span the model tagged otherwise that reads so is a person's name
    too ("Beatrice of Navarre" tagged an organization)."""
    by_start = {s: (s, e, label) for s, e, label in spans}
    drop: set[tuple[int, int, str]] = set()
    out = []
    for s, e, label in spans:
        if label in TERRITORY_LABELS and _given_name_of_place(doc, words, s, e):
            out.append((s, e, "PERSON"))
            continue
        if label != "PERSON" or (s, e, label) in drop or e + 1 >= len(doc) or words[e] != "of":
            out.append((s, e, label))
            continue
        at = e + 1 + (words[e + 1] == "the")
        place = by_start.get(at)
        first = s + _is_rank_title(doc[s])
        given = first < e and tables.table_key(words[first]) in tables.given_names()
        alone = e - first == 1 or (e - first == 2 and REGNAL.fullmatch(words[e - 1]) is not None)
        titled = first > s or (s > 0 and _is_rank_title(doc[s - 1]))
        if (
            place is not None
            and (place[2] in TERRITORY_LABELS or (place[2] == "PERSON" and _is_place(doc[place[0] : place[1]].text)))
            and place[1] - place[0] <= MAX_TERRITORY_WORDS
            and alone
            and (given or titled)
            and s <= doc[e].head.i < e
            and not _names_an_organization(doc, place[0], place[1])
        ):
            drop.add(place)
            out.append((s, place[1], "PERSON"))
            continue
        out.append((s, e, label))
    return [sp for sp in out if sp not in drop]


def _is_place(text: str) -> bool:
    return tables.is_country(text) or tables.table_key(text) in tables.places()


def _given_name_of_place(doc: Doc, words: list[str], s: int, e: int) -> bool:
    """One span "<given name> (<regnal number>) of (the) <country or known place>": a
    noble's name, whatever the model tagged it ("Beatrice of Navarre", "Louis II of Tarn")."""
    k = s + 1 + (s + 1 < e and REGNAL.fullmatch(words[s + 1]) is not None)
    if k + 1 >= e or words[k] != "of" or tables.table_key(words[s]) not in tables.given_names():
        return False
    rest = k + 1 + (words[k + 1] == "the")
    return rest < e and e - rest <= MAX_TERRITORY_WORDS and _is_place(doc[rest:e].text)


def _surnames(doc: Doc, words: list[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A person's last name standing alone where the model tagged nothing: "Margaret Atwood
    ... Atwood, a prize-winner, said". News names a person in full once, then by surname.

    Only a surname that one full name of the document ends with, that starts no name and
    that no span tags otherwise; only a capitalized proper-noun token with no capitalized
    proper noun beside it (so not a word of a longer name the model missed)."""
    owners: dict[str, set[tuple[str, ...]]] = {}
    firsts: set[str] = set()
    other: set[str] = set()
    for s, e, label in spans:
        if e - s == 1:
            if label != "PERSON":
                other.add(words[s])
            continue
        firsts.add(words[s])
        last = words[e - 1]
        if label == "PERSON" and last.isalpha() and last.istitle() and len(last) >= MIN_PROPAGATED_CHARS:
            owners.setdefault(last, set()).add(tuple(words[s:e]))
    surnames = {w for w, full in owners.items() if len(full) == 1 and w not in firsts and w not in other}
    if not surnames:
        return []
    taken = {i for s, e, _ in spans for i in range(s, e)}

    def name_word(j: int) -> bool:
        return 0 <= j < len(doc) and doc[j].pos_ == "PROPN" and words[j][:1].isupper()

    return [
        (i, i + 1, "PERSON")
        for i, w in enumerate(words)
        if w in surnames and i not in taken and doc[i].pos_ == "PROPN" and not name_word(i - 1) and not name_word(i + 1)
    ]


def _role_off_organization(doc: Doc, start: int, end: int) -> int:
    """ "the State Department Spokesperson" tagged as one organization: the role word at its
    end is the person's, not the organization's name (two name words stay before it)."""
    last = doc[end - 1]
    if (
        end - start >= 3
        and last.text[:1].isupper()
        and last.lower_ in tables.role_words()
        and doc[end - 2].text[:1].isupper()
        and doc[end - 2].lower_ not in ACRONYM_SKIP_WORDS
        and tables.table_key(last.text) not in tables.name_affixes().get("org_head", frozenset())
    ):
        return end - 1
    return end


def _model_spans(doc: Doc) -> list[tuple[int, int, str]]:
    spans = []
    for ent in doc.ents:
        label = ent.label_
        if label not in NAME_LABELS and label not in DATE_LABELS:
            continue
        for tok_start, tok_end in split_at_breaks(ent):
            # "the" stays on dates: TimeML spans include it ("the third quarter")
            tok_start, tok_end = _trim(doc, tok_start, tok_end, keep_determiner=label in DATE_LABELS)
            if label == "ORG":
                tok_end = _role_off_organization(doc, tok_start, tok_end)
            pieces = [(tok_start, tok_end)] if label in DATE_LABELS else _name_pieces(doc, tok_start, tok_end, label)
            for start, end in pieces:
                more = _two_persons(doc, start, end) if label == "PERSON" else [(start, end)]
                spans.extend((s, e, label) for s, e in more)
    return spans


# Words that end no name: "the Grand Lodge of", "Chihuahua and" (the model ran on).
TRAILING_FUNCTION_WORDS = frozenset({"of", "and", "or", "the", "for", "in", "on", "at", "to", "a", "an", "with", "by"})
SCORE_DASHES = frozenset({"-", "\u2013", "\u2014"})
MAX_SCORE_DIGITS = 3
# Between two sides of a line of results: their names and these ("Leeds 2, Hull 1").
SCORE_SEPARATORS = frozenset({",", ";", "-", "\u2013", "\u2014"})
MAX_SCORE_GAP = 6
# The labels of a team's name; works and products carry numbers ("Apollo 11", "Part 2").
SCORE_LABELS = frozenset({"ORG", "GPE", "PERSON", "NORP", "LOC"})


def _name_pieces(doc: Doc, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """The name's own words in a model's span: not a bracket it left open ("World Health
    Organization (WHO": the acronym is a mention of its own), not lower-case words before it
    ("a Roman Catholic", "these United States", "non-Muslims"; a surname particle such as
    "van" stays), nor function words after it ("Grand Lodge of"); and the numbers of a score
    line are no part of a name ("Leeds 2 Chelsea 1": two names)."""
    particles = tables.name_affixes().get("particle", frozenset())
    opened = next((k for k in range(start, end) if doc[k].text == "("), None)
    if opened is not None and not any(doc[k].text == ")" for k in range(opened, end)):
        end = opened
    # only before a capitalized word: a name in lower case ("blues rock") stays whole
    while (
        start + 1 < end
        and doc[start].is_lower
        and doc[start].is_alpha
        and doc[start].lower_ not in particles
        and any(t.text[:1].isupper() for t in doc[start + 1 : end])
    ):
        start += 1
    start, end = _trim(doc, start, end)
    while end > start and doc[end - 1].lower_ in TRAILING_FUNCTION_WORDS and doc[end - 1].is_lower:
        end -= 1
        start, end = _trim(doc, start, end)
    if start >= end:
        return []
    if label not in SCORE_LABELS or not any(_is_score(doc, k) for k in range(start + 1, end)):
        return [(start, end)]
    pieces, first = [], start
    for k in range(start + 1, end):
        if _is_score(doc, k):
            if first < k:
                pieces.append((first, k))
            first = k + 1
    if first < end:
        pieces.append((first, end))
    return [(s, e) for s, e in (_trim(doc, s, e) for s, e in pieces) if s < e]


def _is_score(doc: Doc, k: int) -> bool:
    """A team's score after its name: a number of at most three digits after a capitalized
    word, before a dash and the other side's score ("Leeds 2-1"), or in a line of results,
    where the other side's name and score come next or just before ("Leeds 2, Hull 1")."""
    if not _score_number(doc, k):
        return False
    if k + 2 < len(doc) and doc[k + 1].text in SCORE_DASHES and doc[k + 2].is_digit:
        return not (k + 3 < len(doc) and doc[k + 3].text in SCORE_DASHES)  # "1-8-7" is a title
    for step in (1, -1):
        j = k + step
        while 0 < j < len(doc) and abs(j - k) <= MAX_SCORE_GAP:
            if _score_number(doc, j):
                return True
            if not (doc[j].text in SCORE_SEPARATORS or (doc[j].is_alpha and doc[j].text[:1].isupper())):
                break
            j += step
    return False


def _score_number(doc: Doc, k: int) -> bool:
    tok = doc[k]
    return tok.is_digit and len(tok.text) <= MAX_SCORE_DIGITS and k > 0 and doc[k - 1].text[:1].isupper()


def _two_persons(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """ "Otto and Greta" tagged as one person: two persons, split at the conjunction (a
    person's name holds no "and"; a firm's may, but that is an ORG)."""
    pieces, first = [], start
    for i in range(start + 1, end - 1):
        if doc[i].lower_ in {"and", "&"} and doc[i + 1].text[:1].isupper() and doc[i - 1].text[:1].isupper():
            pieces.append((first, i))
            first = i + 1
    pieces.append((first, end))
    return pieces


# Nouns that say the subject of "X is a ... <noun>" is the title of a work.
WORK_NOUNS = frozenset(
    {
        "song",
        "single",
        "album",
        "ep",
        "film",
        "movie",
        "novel",
        "book",
        "novella",
        "play",
        "opera",
        "poem",
        "painting",
        "sculpture",
        "series",
        "sitcom",
        "documentary",
        "musical",
        "comic",
        "manga",
        "anime",
        "game",
        "videogame",
        "soundtrack",
        "symphony",
        "ballet",
        "miniseries",
        "franchise",
        "serial",
        "drama",
        "comedy",
        "thriller",
        "anthology",
        "compilation",
        "mixtape",
        "record",
        "track",
    }
)
MAX_TITLE_TOKENS = 8


def _work_titles(doc: Doc, words: list[str], lowers: list[str]) -> list[tuple[int, int, str]]:
    """``X is a (1994) (British) <work noun> ...``: X is the title of a work, whatever the
    model tagged it (it often tags song and film titles as people or places, or not at all);
    ``X is a (Turkish) <organization noun>`` (``models/group_nouns.tsv``: company, band,
    manufacturer): X is an organization's name. Not "X is a group of islands" or "a party
    to the treaty": a noun with its own "of" or "to" says something else, but for a firm's
    trade ("a manufacturer of bicycles")."""
    found: list[tuple[int, int, str]] = []
    if not doc.has_annotation("DEP"):
        return found
    groups = tables.group_nouns()
    for sent in doc.sents:
        root = sent.root
        if root.lemma_ != "be":
            continue
        attrs = [
            c
            for c in root.children
            if c.dep_ == "attr"
            and (c.lower_ in WORK_NOUNS or c.lower_ in groups)
            and not any(p.dep_ == "prep" and _changes_the_noun(c.lower_, p.lower_, groups) for p in c.children)
        ]
        subjects = [c for c in root.children if c.dep_ == "nsubj" and c.i < root.i]
        if not attrs or not subjects:
            continue
        label = "WORK_OF_ART" if attrs[0].lower_ in WORK_NOUNS else "ORG"
        subtree = list(subjects[0].subtree)
        start, end = subtree[0].i, subtree[-1].i + 1
        # "Silver Lake (1954) is a novel": the title ends where a bracket opens
        end = next((t.i for t in doc[start:end] if t.text == "("), end)
        while start < end and (doc[start].lower_ in LEADING_DETERMINERS_LOWER or doc[start].is_punct):
            start += 1
        while end > start and doc[end - 1].is_punct:
            end -= 1
        alpha = [t for t in doc[start:end] if t.is_alpha]
        if (
            0 < end - start <= MAX_TITLE_TOKENS
            and alpha
            and alpha[0].text[:1].isupper()
            and all(t.text[:1].isupper() or t.lower_ in ACRONYM_SKIP_WORDS for t in alpha)
            and not any(t.is_space for t in doc[start:end])
        ):
            found.append((start, end, label))
    return found


# The labels the model gives a company's or a band's name elsewhere in the text it defines
DEFINED_ORG_MISLABELS = frozenset({"PERSON", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC", "FAC"})


# Nouns of firms whose "of" phrase still names a firm: "a manufacturer of bicycles" is one,
# "a company of actors" is a troupe
OF_MAKES_NO_FIRM = frozenset({"company", "group"})


def _changes_the_noun(noun: str, preposition: str, groups: Mapping[str, str]) -> bool:
    """Whether ``preposition`` after a work or group noun makes it no name of that kind: "to"
    always ("a party to the treaty"), "of" but after a firm's noun ("a group of islands",
    "a company of actors"; not "a manufacturer of bicycles")."""
    if preposition == "to":
        return True
    return preposition == "of" and (groups.get(noun) != "org" or noun in OF_MAKES_NO_FIRM)


def _relabel_as_defined(
    words: list[str], spans: list[tuple[int, int, str]], names: set[tuple[str, ...]]
) -> list[tuple[int, int, str]]:
    """A name the text defines as an organization ("Vexa Rand is a Japanese company") is one
    wherever it is written in the same words: the model, having tagged the defining mention
    a person, tags the others alike, and the company would take a person's given name and
    surname. A longer name that starts with a defined name of two words or more is one too
    ("Vexa Rand Europe"): a one-word name starts persons' names as well. Not after a title
    ("Mr Vexa Rand" is a person of that name). Works are not carried so: a band's
    self-titled album is not the band. ``names`` are the words of the organizations'
    names ``_work_titles`` found."""
    if not names:
        return spans
    out = []
    for s, e, label in spans:
        if (
            label in DEFINED_ORG_MISLABELS
            and any(_starts_with(words[s:e], name) for name in names)
            and not (s > 0 and _is_rank_title_word(words[s - 1]))
        ):
            label = "ORG"
        out.append((s, e, label))
    return out


def _starts_with(words: list[str], name: tuple[str, ...]) -> bool:
    longer = len(name) >= 2 and len(words) > len(name)
    return (len(words) == len(name) or longer) and tuple(words[: len(name)]) == name


# Words before a work or group noun that make what follows its name: "the album X", "her
# debut album X".
NAMING_DETERMINERS = frozenset(
    {"the", "his", "her", "their", "its", "debut", "first", "second", "third", "new", "latest", "final", "last"}
)


def _noun_named(doc: Doc, words: list[str], lowers: list[str]) -> list[tuple[int, int, str]]:
    """``the album X`` / ``the (Italian) band X``: the capitalized words right after a work
    or group noun (``models/group_nouns.tsv``) are the name of that work or group (the small
    model often misses or mislabels them)."""
    groups = tables.group_nouns()
    found: list[tuple[int, int, str]] = []
    for i, lower in enumerate(lowers):
        if lower in WORK_NOUNS:
            label = "WORK_OF_ART"
            if i == 0 or lowers[i - 1] not in NAMING_DETERMINERS:
                continue
        elif lower in groups and doc[i].is_lower:
            # a group noun may follow its modifiers ("the Italian band", "synthpop groups")
            label = "ORG"
        else:
            continue
        plural = label == "ORG" and lower.endswith("s") and lower[:-1] in groups
        start = end = i + 1
        while end < len(doc) and end - start < MAX_TITLE_TOKENS:
            t = doc[end]
            capitalized = t.is_alpha and t.text[:1].isupper()
            # a small word inside the name ("the Sound of Music"), never first or last
            joining = lowers[end] in ACRONYM_SKIP_WORDS and end + 1 < len(doc) and words[end + 1][:1].isupper()
            if plural and lowers[end] in {"and", "&"}:
                break  # "the groups Pale Fire and Tin Roof": two names
            if not (capitalized or (joining and end > start)):
                break
            end += 1
        if end == start or not doc[start].text[:1].isupper() or doc[start].is_sent_start:
            continue
        if label == "ORG" and _not_a_group_name(doc, start, end):
            continue
        found.append((start, end, label))
    return found


def _not_a_group_name(doc: Doc, start: int, end: int) -> bool:
    """ "the company President Jane Roe", "the group Jane Roe founded": a title, or a
    relative clause's subject, follows the noun, not the group's name."""
    if tables.table_key(doc[start].text) in tables.titles():
        return True
    if any(t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ == "relcl" for t in doc[start:end]):
        return True
    # the parser may hang the clause on the noun instead: "company <- founded (acl)"
    return end < len(doc) and doc[end].pos_ == "VERB" and doc[end].dep_ in {"acl", "relcl"}


def _dateline_names(doc: Doc, words: list[str], lowers: list[str]) -> list[tuple[int, int, str]]:
    """ "DAYTON, Ohio (AP) --": the dateline's names are places, its parenthesis the agency."""
    out = []
    for line in datelines.find(doc):
        out += [(s, e, "GPE") for s, e in line.places]
        out.append((*line.agency, "ORG"))
    return out


# Labels of a span that may hold two institutions joined by "at".
SPLIT_AT_LABELS = frozenset({"ORG", "FAC"})


def _institution_at_institution(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "the Hale Museum of Art at Westbury College" tagged as one name is two: a museum,
    gallery or school named by its head noun, then "at" and an institution. Not "University
    of Kent at Canterbury" (what follows "at" is a place, not an institution)."""
    affixes = tables.name_affixes()
    heads = affixes.get("org_head", frozenset()) | affixes.get("facility_head", frozenset())
    out = []
    for s, e, label in spans:
        at = next((k for k in range(s + 2, e - 1) if doc[k].text == "at"), None)
        if label in SPLIT_AT_LABELS and at is not None:
            left_heads = [t for t in doc[s:at] if t.lower_ in heads and t.text[:1].isupper()]
            right = at + 1 + (doc[at + 1].lower_ == "the")
            if left_heads and right < e and any(t.lower_ in heads and t.text[:1].isupper() for t in doc[right:e]):
                out += [(s, at, label), (right, e, "ORG")]
                continue
        out.append((s, e, label))
    return _university_at_campus(doc, out)


def _university_at_campus(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "University of North Dakota at Grand Forks": a university's campus name goes on
    through "at" and the campus town, which the model tags as a place of its own."""
    by_start = {s: (e, label) for s, e, label in spans}
    out = []
    skip = set()
    for s, e, label in spans:
        if (s, e, label) in skip:
            continue
        town = by_start.get(e + 1)
        if (
            label == "ORG"
            and town is not None
            and town[1] == "GPE"
            and e < len(doc)
            and doc[e].text == "at"
            and any(doc[k].lower_ == "university" and doc[k + 1].lower_ == "of" for k in range(s, e - 1))
        ):
            skip.add((e + 1, *town))
            out.append((s, town[0], label))
            continue
        out.append((s, e, label))
    return out


def _repair(
    doc: Doc,
    words: list[str],
    lowers: list[str],
    spans: list[tuple[int, int, str]],
    defined: list[tuple[int, int, str]],
) -> list[tuple[int, int, str]]:
    """General rules for what the small models get wrong in news text; ``defined`` is what
    ``_work_titles`` found (``find`` reads it for other mentions too)."""
    # A repaired name replaces whatever the model tagged inside it. The spans are kept with
    # their place in the list (the model's in document order, then repairs as they come)
    # and an index from each token to the spans over it, so that finding and replacing the
    # spans a repair overlaps costs the repair's length: scanning every span for every
    # repair is quadratic in a long document.
    place: dict[tuple[int, int, str], int] = {}
    over: dict[int, set[tuple[int, int, str]]] = {}

    def add(sp: tuple[int, int, str], at: int) -> None:
        place[sp] = min(at, place.get(sp, at))
        for t in range(sp[0], sp[1]):
            over.setdefault(t, set()).add(sp)

    def remove(sp: tuple[int, int, str]) -> int:
        for t in range(sp[0], sp[1]):
            over[t].discard(sp)
        return place.pop(sp)

    for i, sp in enumerate(spans):
        add(sp, i)
    later = itertools.count(len(spans))  # repairs go after the model's spans, in turn
    for rule in (
        _quoted_nickname_names,
        _kinship_names,
        _work_titles,
        _noun_named,
        _dateline_names,
        _member_noun_groups,
    ):
        found = defined if rule is _work_titles else rule(doc, words, lowers)
        for new in found:  # every rule gives non-empty spans
            inside = {sp for t in range(new[0], new[1]) for sp in over.get(t, ())}
            if any(sp[2] in DATE_LABELS for sp in inside):
                continue
            if any(sp[0] < new[0] or sp[1] > new[1] for sp in inside) and rule is _kinship_names:
                # the model's span reaches beyond: keep its boundaries, trust "person"
                relabelled = [((sp[0], sp[1], "PERSON"), remove(sp)) for sp in inside]
                for sp, at in relabelled:
                    add(sp, at)
                continue
            for sp in inside:
                remove(sp)
            add(new, next(later))
    ordered = sorted(place, key=place.__getitem__)
    ordered = [
        (_extend_given_name(doc, s, e), e, label) if label == "PERSON" else (s, e, label) for s, e, label in ordered
    ]
    ordered += _acronym_mentions(words, ordered)
    return sorted(set(ordered))


def _words(doc: Doc) -> tuple[list[str], list[str]]:
    """The text and lower-case form of every token. Every rule scans the words of the
    document, so they are read once, through one array (making a spaCy ``Token`` per word
    and rule cost more than all the rules themselves)."""
    from spacy.attrs import LOWER, ORTH

    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, LOWER]).tolist()
    return [strings[orth] for orth, _ in rows], [strings[lower] for _, lower in rows]


def distinct_names(doc: Doc, names: Sequence[RawMention]) -> list[tuple[str, str]]:
    """Pairs of names the grammar shows to be two entities, which alias merging must keep
    apart however alike they are: coordinated names ("Sukumaran and Mallika Sukumaran") and
    relatives ("Hughes was the son of Ted Hughes", "Maxwell, the son of Robert Maxwell"),
    and a name the text defines as an organization beside a person's name that ends in it
    ("Cardo is a maker of bicycles ... founded by Ugo Cardo")."""
    owner = {t: k for k, m in enumerate(names) for t in range(m.token_start, m.token_end)}
    pairs: set[tuple[int, int]] = set()
    defined = {doc[m.token_end - 1].text: k for k, m in enumerate(names) if m.defined}
    if defined:
        for k, m in enumerate(names):
            if m.label == "PERSON" and m.token_end - m.token_start >= 2:
                other = defined.get(doc[m.token_end - 1].text)
                if other is not None:
                    pairs.add((other, k))
    for k, m in enumerate(names):
        for tok in doc[m.token_start : m.token_end]:
            for child in tok.children:
                other = owner.get(child.i)
                if child.dep_ == "conj" and other is not None and other != k:
                    pairs.add((k, other))
    for noun in _kinship_tokens(doc):
        holders = [noun.head] if noun.dep_ == "appos" else []
        if noun.dep_ == "attr" and noun.head.lemma_ == "be":
            holders += [c for c in noun.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        holders += [c for c in noun.children if c.dep_ == "poss"]
        relatives = [c for c in noun.children if c.dep_ == "appos"]
        relatives += [
            o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"
        ]
        # "the son of the poet Ted Hughes": the name in apposition to the describing noun
        relatives += [a for r in relatives for a in r.children if a.dep_ == "appos"]
        relatives += [c for r in relatives for c in r.conjuncts]
        for h in holders:
            for r in relatives:
                a, b = owner.get(h.i), owner.get(r.i)
                if a is not None and b is not None and a != b:
                    pairs.add((a, b))
    # "Roe was born to Tom Roe", "Roe married Ann Roe": the two sides of a birth or a marriage
    for i in tokens_with(doc, _life_event_hashes()):
        sides = _event_parties(doc[i])
        sides += [c for t in sides for c in t.conjuncts]
        ks = sorted({owner[t.i] for t in sides if t.i in owner})
        pairs.update((a, b) for a in ks for b in ks if a < b)
    return sorted({(names[a].text, names[b].text) for a, b in pairs})


@functools.cache
def _kinship_hashes() -> frozenset[int]:
    return word_hashes(tables.kinship_nouns())


@functools.cache
def _life_event_hashes() -> frozenset[int]:
    return word_hashes(LIFE_EVENT_WORDS)


def _kinship_tokens(doc: Doc) -> list[Token]:
    """The lower-case kinship nouns of ``doc`` ("son", "wives")."""
    return [t for t in map(doc.__getitem__, tokens_with(doc, _kinship_hashes())) if t.pos_ == "NOUN" and t.is_lower]


# Words before a person's former surname ("née Lee"), spelled with and without the accent
MAIDEN_NAME_MARKERS = frozenset({"née", "nee", "né"})


def find(doc: Doc) -> tuple[list[RawMention], list[tuple[int, int]]]:
    """Name mentions and date candidate character spans of ``doc``, in document order."""
    names: list[RawMention] = []
    dates: list[tuple[int, int]] = []
    text = doc.text
    words, lowers = _words(doc)
    defined = _work_titles(doc, words, lowers)
    defined_names = {tuple(words[s:e]) for s, e, label in defined if label == "ORG"}
    spans = _repair(doc, words, lowers, _model_spans(doc), defined)
    spans = _relabel_as_defined(words, spans, defined_names)
    spans = _relabel_relatives(doc, lowers, spans)
    spans = _relabel_cities(doc, spans)
    spans = _relabel_titled(doc, spans)
    spans = _relabel_described(doc, spans)
    spans = _relabel_affiliations(doc, spans)
    spans = _relabel_named_places(doc, spans)
    spans = _relabel_group_names(doc, spans)
    spans = _relabel_short_forms(words, spans)
    spans = _institution_at_institution(doc, spans)
    spans = _regnal_numbers(doc, words, spans)
    spans = _noble_names(doc, words, spans)
    spans += _surnames(doc, words, spans)  # find sorts all spans below
    repeated = _repeated_names(doc, words, spans)
    marked = sorted([(s, e, label, False) for s, e, label in spans] + [(s, e, label, True) for s, e, label in repeated])
    for tok_start, tok_end, label, is_repeat in marked:
        if label == "PERSON" and tok_start > 0 and lowers[tok_start - 1] in MAIDEN_NAME_MARKERS:
            continue  # "Jane Roe (née Lee)": a name she had, not a second person
        if label in DATE_LABELS:
            first, last = doc[tok_start], doc[tok_end - 1]
            dates.append((first.idx, last.idx + len(last.text)))
            continue
        if label == "PERSON":
            tok_start, tok_end = _trim_person(doc, tok_start, tok_end)
        start, end = _char_trim(doc, text, tok_start, tok_end)
        if start >= end or not any(ch.isalnum() for ch in text[start:end]):
            continue
        if names and start < names[-1].end:  # overlapping repairs: the earlier one stands
            continue
        is_defined = label == "ORG" and tuple(words[tok_start:tok_end]) in defined_names
        names.append(RawMention(start, end, text[start:end], label, tok_start, tok_end, is_repeat, is_defined))
    return _without_headline_words(doc, names), dates


# A line is a headline in capitals when it has this many words and no lower-case letter.
MIN_HEADLINE_WORDS = 3
# An acronym in a headline has at most this many letters ("NATO", "UNHCR").
MAX_ACRONYM_IN_HEADLINE = 5


def _without_headline_words(doc: Doc, names: list[RawMention]) -> list[RawMention]:
    """Names in a headline written in capitals ("FLOODS HIT COASTAL TOWNS") are what the
    model guesses from capitals alone, an all-capital common word tagged as an organization
    most often. One stays when the document names it again in ordinary case; when it is a
    country, a nation, a city of the gazetteer or a wire dateline's place or agency; or when
    it is one short word that the document never writes in lower case (an acronym such as
    "NATO", not "AGREE" of "leaders agreed")."""
    text = doc.text
    if not names or text.lower() == text:
        return names
    headlines = []
    offset = 0
    for line in text.split("\n"):
        # no lower-case letter (str methods, not a loop over characters: this runs on every text)
        if line.upper() == line and line.lower() != line:
            words = [w for w in line.split() if any(ch.isalpha() for ch in w)]
            if len(words) >= MIN_HEADLINE_WORDS:
                headlines.append((offset, offset + len(line)))
        offset += len(line) + 1
    if not headlines:
        return names

    def in_headline(m: RawMention) -> bool:
        return any(s <= m.start and m.end <= e for s, e in headlines)

    elsewhere = {m.text.casefold() for m in names if not in_headline(m)}
    lower_words = {w for t in doc if t.is_lower for w in (t.text, t.lemma_)}
    wire = {t for line in datelines.find(doc) for s, e in (*line.places, line.agency) for t in range(s, e)}
    return [
        m
        for m in names
        if not in_headline(m)
        or m.text.casefold() in elsewhere
        or m.token_start in wire
        or (
            m.token_end - m.token_start == 1
            and len(m.text) <= MAX_ACRONYM_IN_HEADLINE
            and m.text.lower() not in lower_words
        )
        or tables.is_country(m.text.title())
        or tables.place_of_demonym(m.text)
        or tables.table_key(m.text) in tables.places()
    ]
