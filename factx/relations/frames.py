"""Role frames: the constructions English uses to say what a person is, over one lexicon.

A **role** is a job, office, rank or membership noun phrase from ``models/roles.tsv``
("chief executive", "Prime Minister", "guitarist", "spokeswoman"). A role has a **holder**
(the person it describes) and may have an **argument** (the organization, place or work it
is of). Each way of joining a role to its holder is a frame, written once here for every
role of the lexicon:

- ``premodifier``: "Acme spokesman Jane Roe", "guitarist Jane Roe";
- ``apposition``: "Jane Roe, the chairman of Acme", "the chairman of Acme, Jane Roe";
- ``copula``: "Jane Roe is/was/became the chairman of Acme";
- ``appointed``: "Jane Roe was named/appointed/elected chairman of Acme";
- ``served_as``: "Jane Roe served/worked as chairman of Acme", "appointed Roe as chairman";
- ``as_opener``: "As chairman of Acme, Jane Roe cut costs" (the clause's subject);
- ``such_as``: "photographers such as Jane Roe and Tom Lee", also past a relative clause
  ("photographers who used it, such as Jane Roe");
- ``include``: "the band's members include Jane Roe and Tom Lee", "Karl Dahl, whose
  children include Otto Dahl";
- and, for any of them, ``coordination`` of roles ("curator and director of the museum")
  and of holders ("photographers Jane Roe and Tom Lee").

Kinship nouns (``models/kinship.tsv``) are roles whose argument is a person: "the son of Karl
Dahl", "Karl Dahl's daughter", "his wife Greta", "the son of videographer Karl Dahl" (the
name after a describing noun). Two parents named together are a couple: ``parents`` ("the
daughter of Karl Dahl and Greta Lund") and ``had_children`` ("Karl Dahl and Greta Lund had
two sons, Otto and Emil", "Karl Dahl had a daughter with Greta Lund") give ``spouse`` at a
lower confidence (0.6), since parents need not be married; ``had_children`` makes the
children it names ``child_of`` both.

And each way of joining a role to its argument: a preposition ("of", "at", "for", "with",
"in"), a pre-modifying name ("Acme spokesman", "Green Party leader"), a possessive ("Acme's
chief executive", "Malaysia's Prime Minister"), or the holder's own "of"/"from" ("guitarist
Jane Roe of the Pebbles"). The lexicon says which relation a role states with an
organization, a place or a work (``leads``, ``works_for``, ``member_of``, ``educated_at``,
``founded``, ``created``); the role phrase as written is the holder's ``title``.

Titles are the whole role phrase, with the modifiers that belong to the office ("Deputy
Foreign Minister", "assistant professor", "Secretary of State", "Minister of Education"),
never a part of it ("Minister" of "Prime Minister"), without the words that only describe
the holder ("former", "well-known") or name the role's argument ("city" of "city mayor").
Honorifics (Mr, Ms, Dr) are not roles.

The frames are found from the role words: the lexicon's phrases are looked up by their last
word in one pass over the document's tokens, so a document without role words costs one
dictionary lookup a token. Matching is over the parse only; which entity an argument
token stands for, the argument labels, negation, hypotheticals and confidence factors are
the fact layer's (``factx.relations.layer``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import tables
from .._util import tokens_with, word_hashes
from ..columns import columns
from ..mentions import partitive

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .resolve import EntityIndex

# Words that stay part of a role phrase before it: they narrow the office, not the holder.
# Nouns that name what the role is of ("city" of "city mayor", "club", "party") are not
# among them: they are the role's argument, not part of the title.
OFFICE_MODIFIERS = frozenset(
    {
        "deputy",
        "vice",
        "assistant",
        "associate",
        "acting",
        "interim",
        "chief",
        "senior",
        "junior",
        "executive",
        "general",
        "shadow",
        "co",
        "joint",
        "lead",
        "principal",
        "special",
        "honorary",
        "emeritus",
        "adjunct",
        "visiting",
        "founding",
        "supreme",
        "head",
        "managing",
        "regional",
        "national",
        "international",
        "foreign",
        "finance",
        "defence",
        "defense",
        "health",
        "home",
        "interior",
        "justice",
        "education",
        "trade",
        "culture",
        "environment",
        "transport",
        "energy",
        "labour",
        "labor",
        "agriculture",
        "sports",
        "first",
        "second",
        "third",
        "lieutenant",
        "staff",
        "research",
        "public",
        "press",
        "sales",
        "marketing",
        "news",
        "art",
        "music",
        "film",
        "fashion",
        "television",
        "radio",
        "police",
        "fire",
        "army",
        "navy",
        "air",
        "military",
    }
)
# Prepositions that join a role to what it is of.
ROLE_PREPOSITIONS = frozenset({"of", "at", "for", "with", "in", "to"})
# "in" and "to" join only organizations: "instructor in English", "envoy to France".
ORG_ONLY_PREPOSITIONS = frozenset({"in", "to"})
# A capitalized office keeps its capitalized complement: "Minister of Education".
COMPLEMENT_PREPOSITIONS = frozenset({"of", "for"})
COPULAS = frozenset({"be", "become", "remain"})
APPOINTING_VERBS = frozenset(
    {
        "name",
        "appoint",
        "elect",
        "reelect",
        "re-elect",
        "make",
        "choose",
        "nominate",
        "select",
        "install",
        "promote",
        "confirm",
        "crown",
        "declare",
        "hire",
        "sign",
        "draft",
        "recruit",
    }
)
AS_VERBS = frozenset(
    {
        "serve",
        "work",
        "act",
        "remain",
        "continue",
        "join",
        "start",
        "begin",
        "retire",
        "stay",
        "return",
        "appoint",
        "name",
        "elect",
        "hire",
        "sign",
        "choose",
        "select",
        "install",
        "employ",
        "take",
        "play",
    }
)
HOLDER_OF_PREPOSITIONS = frozenset({"of", "from", "for"})
# Words of an apposition between commas that a list of parents reads past ("1st Baron Dahl")
MAX_APPOSITION_WORDS = 6
# Words describing a parent before the name ("the late author and 'Daily Planet' editor")
MAX_DESCRIBING_WORDS = 10
MAX_QUOTED = 6  # words of a quoted title among them
QUOTES = frozenset({'"', "\u201c", "\u201d", "'", "\u2018", "\u2019"})
# Nouns of groups one belongs to, before the group's name ("of the duo Roe & Lee")
PERSON = "PERSON"
# Kinship (models/kinship.tsv) -> the relation "holder <relation> argument" states;
# "parent_of" is turned around into child_of by the fact layer's inverse spellings.
KINSHIP_RELATIONS: Mapping[str, str] = {
    "spouse": "spouse",
    "former_spouse": "spouse",
    "sibling": "sibling",
    "child": "child_of",
    "parent": "parent_of",
}
TOKEN = re.compile(r"\w+|[^\w\s]")
ABBREVIATION = re.compile(r"[a-z]+\.")  # "gov.": one token with its full stop
MAX_WORDS = 6
MAX_BRACKET = 12  # tokens of a bracket passed over in a list of names: "Anna (born 1995)"


@dataclass(frozen=True, slots=True)
class Role:
    """One lexicon entry: the relation it states with each kind of argument."""

    phrase: str
    org: str | None
    place: str | None
    work: str | None
    title: bool
    person: str | None = None  # kinship: the holder's relation to the person it is of

    def relation(self, label: str) -> str | None:
        if label == PERSON:
            return self.person
        if label in {"GPE", "LOC"}:
            return self.place
        if label in {"WORK_OF_ART", "PRODUCT"}:
            return self.work
        if label in {"ORG", "FAC"}:  # the recognizer often takes a newspaper or a hospital for a building
            return self.org
        return None


@dataclass(frozen=True, slots=True)
class FrameFact:
    """One fact a frame states, on tokens; the fact layer resolves and qualifies it."""

    frame: str  # how the role met its holder and argument: "apposition", "premodifier+of", ...
    relation: str
    trigger: int  # the role's head token
    subject: int  # the holder's token
    object: int | None  # the argument's token, for entity objects
    title: tuple[int, int, str] | None  # (start token, end token, literal) for a title
    confidence: float
    holder_resolved: bool = False  # the holder token may be a pronoun ("he is the chairman")


# How often each frame is right, as an ordering (measured on the development data, see
# docs/relations.md). A fact's confidence is its holder frame's times its argument way's.
HOLDER_CONFIDENCE: Mapping[str, float] = {
    "premodifier": 0.85,
    "apposition": 0.85,
    "copula": 0.8,
    "appointed": 0.8,
    "served_as": 0.75,
    "as_opener": 0.75,
    "such_as": 0.7,
    "include": 0.75,
    "colon_list": 0.75,
}
ARGUMENT_CONFIDENCE: Mapping[str, float] = {
    "prep": 1.0,
    "name": 0.95,
    "possessive": 0.95,
    "nested": 0.85,
    "group_noun": 0.95,  # "the singer of the band Tin Roof": the name after the group noun
    "modifier": 0.9,  # "the president of the Lombardy region": the name before the noun
    "holder_of": 0.85,
    "shared": 0.9,
    "couple": 0.8,  # "X and his wife Y ... their son": the pronoun read as the couple
    "description": 0.8,  # "the band Tin Roof ... band members": the organization the noun stood for
}
COORDINATION_FACTOR = 0.95
ADJACENT_FACTOR = 0.9  # a role and a name side by side that the parse did not join
LIST_FACTOR = 0.9
BRACKET_WORDS = 12  # the longest bracket ("(born 4 May 1950 in Leeds)") a name is looked for before
BARE_AFFILIATION_CONFIDENCE = 0.6
HOMETOWN_CONFIDENCE = 0.7  # "Jane Roe, 50, of Leeds"
PARENTS_CONFIDENCE = 0.6
BORN_TO_CONFIDENCE = 0.8  # "born in Leeds to Karl Roe": the child of the persons named
FAMILY_CONFIDENCE = 0.6  # relatives of one person, related through that person
SIBLING_PARENT_CONFIDENCE = 0.6  # "the son of Karl and brother of Otto": Otto is Karl's child
NAMING_VERBS = frozenset({"name", "call"})  # "a daughter named Anna"
PLACE_NAME_CONFIDENCE = 0.7  # a place before a role that is not of a place: where the holder is
POSSESSIVE_AFFILIATION_CONFIDENCE = 0.6
LEADER_CITIZEN_FACTOR = 0.9  # a country's leader is its citizen: true as a rule, not said
GROUP_CONFIDENCE = 0.75  # "his band X", "Jane Roe from the band X": a group noun says member_of
GROUP_TENURE_WORDS = frozenset(
    {"former", "new", "own", "old", "first", "current", "previous", "later", "last"}
)  # "the Green Party's Lee Min", no role word: member_of


@functools.cache
def role_lexicon() -> Mapping[tuple[str, ...], Role]:
    """The roles of ``models/roles.tsv`` by their words as the tokenizer splits them."""
    out: dict[tuple[str, ...], Role] = {}
    for row in tables.table_lines("roles.tsv"):
        phrase, org, place, work, title = (row + ["-"] * 5)[:5]
        lowered = phrase.casefold()
        words = (lowered,) if ABBREVIATION.fullmatch(lowered) else tuple(TOKEN.findall(lowered))
        out[words] = Role(phrase, _rel(org), _rel(place), _rel(work), title == "yes")
    # kinship nouns are roles whose argument is a person: "the daughter of Jane Roe"
    for noun, (kin, _gender) in tables.kinship_nouns().items():
        relation = KINSHIP_RELATIONS.get(kin)
        words = tuple(TOKEN.findall(noun))
        if relation is not None and words not in out:
            out[words] = Role(noun, None, None, None, False, relation)
    return out


@functools.cache
def _portfolios() -> frozenset[str]:
    """Fields of an office of state ("Minister of Education"): words, not organizations (``models/portfolios.tsv``)."""
    return frozenset(row[0] for row in tables.table_lines("portfolios.tsv"))


def _rel(value: str) -> str | None:
    return None if value in {"-", ""} else value


@functools.cache
def _by_last_word() -> Mapping[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for words in role_lexicon():
        index.setdefault(words[-1], []).append(words)
    return {w: tuple(sorted(p, key=len, reverse=True)) for w, p in index.items()}


@dataclass
class _RoleMention:
    start: int  # token span of the role phrase as a title
    end: int
    head: int
    role: Role


class RoleFrames:
    """The role frames of one document: call ``facts(doc, index)``."""

    def __init__(self) -> None:
        self.lexicon = role_lexicon()
        self.last_words = _by_last_word()
        self._hash_key: int | None = None  # the string store the hashes below are of
        self._hashes: frozenset[int] = frozenset()

    def facts(self, doc: Doc, index: EntityIndex) -> list[FrameFact]:
        roles = self._roles(doc, index)
        by_head = {r.head: r for r in roles}
        out: list[FrameFact] = []
        linked: set[int] = set()  # holder tokens a role was found for
        # each child role's parents, read once: the holders, the couple and the siblings use them
        parents_of = {r.head: self._parent_tokens(doc, r, index) for r in roles if r.role.person == "child_of"}
        relatives: list[tuple[_RoleMention, int]] = []  # kinship roles with an owner, and who holds them
        for r in roles:
            parents = parents_of.get(r.head, {})
            for holder, frame, factor, resolved in self._holders(doc[r.head], by_head, index):
                if index.token_entity.get(holder) in parents:
                    continue  # "the daughter of Jane Roe and director Tom Lee": the parse hung a parent on the role
                linked.add(holder)
                out.extend(self._role_facts(doc, r, holder, frame, factor, resolved, by_head, index))
                if r.role.person is not None and holder in index.token_entity:
                    relatives.append((r, holder))
            if len(parents) == 2:
                # "the daughter of Karl Dahl and Greta Dahl": the two parents are a couple, whether
                # or not the child is named ("She was born in 1916, the daughter of ...")
                one, other = parents.values()
                out.append(FrameFact("parents", "spouse", r.head, one.i, other.i, None, PARENTS_CONFIDENCE))
        out.extend(self._bare_affiliations(doc, index, linked))
        out.extend(_own_groups(doc, index))
        out.extend(_one_family(doc, relatives, index))
        out.extend(self._had_children(doc, roles, index))
        out.extend(_born_to(doc, index))
        out.extend(self._siblings_parents(doc, roles, by_head, parents_of, index))
        return out

    @staticmethod
    def _had_children(doc: Doc, roles: list[_RoleMention], index: EntityIndex) -> Iterator[FrameFact]:
        """ "Karl Dahl and Greta Lund had two sons(, Otto and Emil)", "Karl Dahl had a
        daughter with Greta Lund": the two are a couple and the named children theirs; "Karl
        Dahl had a daughter named Anna", "Greta Lund bore him a son, Otto": the child is the
        subject's."""
        for r in roles:
            head = doc[r.head]
            verb = head.head
            # "had two sons", "bore him a son": the parse may make the child noun an adverb of "bore"
            if r.role.person != "child_of" or not (
                (head.dep_ == "dobj" and verb.lemma_ in {"have", "bear"})
                or (head.dep_ == "npadvmod" and verb.lemma_ == "bear")
            ):
                continue
            if any(c.dep_ == "neg" for c in verb.children):
                continue
            # the subject couple ("Karl Dahl and his wife Greta"), or the subject and "with"
            parents = _couple(head, index) or [
                # "His wife Greta bore him a son": the name in apposition to the subject noun
                *(
                    s if _is_person(s, index) else next((a for a in s.children if a.dep_ == "appos"), s)
                    for s in _subjects(verb, "nsubj")
                ),
                *(
                    p
                    for prep in (*verb.children, *head.children)
                    if prep.dep_ == "prep" and prep.lower_ == "with"
                    for p in prep.children
                    if p.dep_ == "pobj"
                ),
            ]
            persons: dict[int, Token] = {}
            for tok in parents:
                e = index.token_entity.get(tok.i)
                if e is not None and index.labels[e] == PERSON:
                    persons.setdefault(e, tok)
            if len(persons) != len(parents) or len(persons) not in {1, 2}:
                continue
            if len(persons) == 2:
                one, other = persons.values()
                yield FrameFact("had_children", "spouse", r.head, one.i, other.i, None, PARENTS_CONFIDENCE)
            # "two sons, Otto and Emil", "a daughter named Anna"
            named = [c for c in head.children if c.dep_ == "appos"]
            named += [
                n
                for c in head.children
                if c.dep_ == "acl" and c.lemma_ in NAMING_VERBS
                for n in c.children
                if n.dep_ in {"oprd", "dobj", "attr"}
            ]
            named += [m for c in named for m in _list_members(c, index)]
            if head.tag_ in {"NNS", "NNPS"}:
                named += _names_after_plural(head, index)
            for child in named:
                e = index.token_entity.get(child.i)
                if e is None or index.labels[e] != PERSON or e in persons:
                    continue
                for parent in persons.values():
                    yield FrameFact(
                        "had_children",
                        "child_of",
                        r.head,
                        child.i,
                        parent.i,
                        None,
                        HOLDER_CONFIDENCE["apposition"] * LIST_FACTOR,
                    )

    # ------------------------------------------------------------------ role phrases

    def _roles(self, doc: Doc, index: EntityIndex) -> list[_RoleMention]:
        """Role phrases, found right to left so that the longest phrase ending at a word wins
        ("foreign minister" before "minister") and office modifiers join it."""
        found: list[_RoleMention] = []
        ent = index.token_entity
        # the positions of possible last words, looked up in one pass over the token array
        positions = self._positions(doc)
        j = len(doc) - 1
        while positions:
            at = positions.pop()
            if at > j:
                continue  # inside a phrase already found
            j = at
            tok = doc[j]
            candidates = self.last_words.get(tok.lower_) or self.last_words.get(tok.lemma_.lower())
            if not candidates:
                j -= 1
                continue
            match = None
            for words in candidates:
                start = j - len(words) + 1
                if start < 0:
                    continue
                span = doc[start : j + 1]
                if any(t.i in ent for t in span) and not _inner_entities(span, index):
                    continue
                got = tuple(t.lower_ for t in span)
                got_lemma = got[:-1] + (span[-1].lemma_.lower(),)
                if words in (got, got_lemma) and _no_gap(span):
                    match = (start, words)
                    break
            if match is None:
                j -= 1
                continue
            start, words = match
            head = _phrase_head(doc, start, j)
            # a role word before a name is a noun, whatever its tag ("photographers" as a verb)
            before_name = doc[head].dep_ == "compound" and doc[head].head.i in ent
            if doc[head].pos_ not in {"NOUN", "PROPN"} and not before_name:
                j -= 1
                continue
            first = self._extend_left(doc, start, index)
            end = self._complement(doc, j + 1, head, index)
            found.append(_RoleMention(first, end, head, self.lexicon[words]))
            j = first - 1
        found.reverse()
        return found

    def _positions(self, doc: Doc) -> list[int]:
        """Tokens whose lower-case form is a role's last word or one of its plurals."""
        if len(doc) == 0:
            return []
        strings = doc.vocab.strings
        key = id(strings)
        if self._hash_key != key:
            self._hashes = frozenset(strings[w] for w in _surface_forms(self.last_words))
            self._hash_key = key
        hashes = self._hashes
        return list(columns(doc).where("LOWER", hashes))

    def _extend_left(self, doc: Doc, start: int, index: EntityIndex) -> int:
        """Office modifiers before the phrase ("Deputy" of "Deputy Foreign Minister")."""
        i = start
        while i > 0:
            prev = doc[i - 1]
            if prev.i in index.token_entity or prev.lower_ not in OFFICE_MODIFIERS:
                break
            if prev.dep_ not in {"amod", "compound", "nmod", "npadvmod"} or prev.head.i < i:
                break
            i -= 1
        return i

    @staticmethod
    def _complement(doc: Doc, end: int, head: int, index: EntityIndex) -> int:
        """ "Minister of Education": a capitalized office keeps "of"/"for" and a capitalized
        word that names no entity."""
        tok = doc[head]
        if not tok.is_title:
            return end
        if end + 1 < len(doc) and doc[end].lower_ in COMPLEMENT_PREPOSITIONS:
            word = doc[end + 1]
            named = word.i in index.token_entity and not (
                mention_bounds(index, word.i) == (word.i, word.i) and word.lower_ in _portfolios()
            )
            if word.is_title and not named and word.pos_ in {"NOUN", "PROPN"}:
                if word.head.i == end and (end + 2 >= len(doc) or doc[end + 2].ent_iob_ != "I"):
                    return end + 2
        return end

    # ------------------------------------------------------------------ holders

    def _holders(
        self, head: Token, by_head: Mapping[int, _RoleMention], index: EntityIndex, depth: int = 0
    ) -> Iterator[tuple[int, str, float, bool]]:
        """(holder token, frame, confidence, resolved) of the persons a role describes."""
        if depth > 3:
            return
        persons = index.labels
        found: list[tuple[int, str, float, bool]] = []

        def person(tok: Token) -> bool:
            return _is_person(tok, index)

        # "Acme spokesman Jane Roe", "director General Ali Khan"
        if head.dep_ in {"compound", "nmod", "amod"}:
            up = head.head
            if person(up):
                found.append((up.i, "premodifier", HOLDER_CONFIDENCE["premodifier"], False))
            elif up.i in by_head and up.i != head.i:
                found.extend(self._holders(up, by_head, index, depth + 1))
        # "the chairman of Acme, Jane Roe"; "photographers Jane Roe, Tom Lee"
        for child in head.children:
            if child.dep_ in {"appos", "npadvmod"} and person(child):
                found.append((child.i, "apposition", HOLDER_CONFIDENCE["apposition"], False))
        # "Jane Roe, the chairman of Acme"
        if head.dep_ == "appos" and person(head.head):
            found.append((head.head.i, "apposition", HOLDER_CONFIDENCE["apposition"], False))
        # "Ole Dahl was a Danish actor, son of Karl Dahl": the apposition of the copula's noun
        elif head.dep_ == "appos" and head.head.dep_ == "attr" and head.head.head.lemma_ in COPULAS:
            found += [
                (s.i, "copula+apposition", HOLDER_CONFIDENCE["copula"] * COORDINATION_FACTOR, True)
                for s in _subjects(head.head.head, "nsubj")
            ]
        verb = head.head
        # "Otto was the eldest of two sons of Karl", "Otto, one of the sons of Karl": the word
        # that picks one of the plural role takes its place
        up = partitive(head) if head.tag_ in {"NNS", "NNPS"} else None
        if up is not None:
            if up.dep_ in {"attr", "acomp"} and up.head.lemma_ in COPULAS:
                found += [(s.i, "copula", HOLDER_CONFIDENCE["copula"], True) for s in _subjects(up.head, "nsubj")]
            elif up.dep_ == "appos" and person(up.head):
                found.append((up.head.i, "apposition", HOLDER_CONFIDENCE["apposition"], False))
        # "Jane Roe is the chairman", "she became chairman"
        if head.dep_ in {"attr", "acomp", "oprd"} and verb.lemma_ in COPULAS:
            found += [(s.i, "copula", HOLDER_CONFIDENCE["copula"], True) for s in _subjects(verb, "nsubj")]
        # "Tom is the brother of Ola, and son of Knut": the parser joins the second noun to the verb
        if (
            head.dep_ == "conj"
            and head.pos_ == "NOUN"
            and verb.lemma_ in COPULAS
            and any(c.dep_ == "attr" for c in verb.children)
        ):
            found += [
                (s.i, "copula", HOLDER_CONFIDENCE["copula"] * COORDINATION_FACTOR, True)
                for s in _subjects(verb, "nsubj")
            ]
        # "The chairman of Acme is Jane Roe", "Another son of Karl was Otto": the subject is the
        # role ("... is not Jane Roe" says nothing of who is)
        if head.dep_ == "nsubj" and verb.lemma_ in COPULAS and not any(c.dep_ == "neg" for c in verb.children):
            found += [
                (c.i, "copula", HOLDER_CONFIDENCE["copula"], False)
                for c in verb.children
                if c.dep_ == "attr" and person(c)
            ]
        # "Acme's members include Jane Roe and Tom Lee", "whose children included Otto"
        if (
            head.dep_ == "nsubj"
            and verb.lemma_ == "include"
            and head.tag_ in {"NNS", "NNPS"}
            and not any(c.dep_ == "neg" for c in verb.children)
        ):
            for obj in verb.children:
                if obj.dep_ != "dobj":
                    continue
                for c in (obj, *obj.conjuncts):  # "the painter Otto Dahl and the writer Ann Dahl"
                    names = (
                        [c]
                        if person(c)
                        else [a for a in c.children if a.dep_ == "appos" and person(a)]
                        or [n for n in _named_after_descriptor(c, index) if n.i > c.i]
                    )
                    found += [(n.i, "include", HOLDER_CONFIDENCE["include"], False) for n in names[:1]]
        # "Three were members of the Linnean Club: the botanist Jane Roe, Tom Lee and Ann Poe"
        if head.tag_ in {"NNS", "NNPS"}:
            found += [
                (n.i, "colon_list", HOLDER_CONFIDENCE["colon_list"], False) for n in _names_after_colon(head, index)
            ]
        # "Jane Roe was named chairman"
        if head.dep_ in {"oprd", "attr", "xcomp", "dobj", "npadvmod"} and verb.lemma_ in APPOINTING_VERBS:
            found += [(s.i, "appointed", HOLDER_CONFIDENCE["appointed"], True) for s in _subjects(verb, "nsubjpass")]
        # "Jane Roe served as chairman", "Acme appointed Roe as chairman"
        if head.dep_ == "pobj" and verb.lower_ == "as" and verb.head.pos_ in {"VERB", "AUX"}:
            v = verb.head
            if v.lemma_ in AS_VERBS:
                holders = _subjects(v, "dobj") or _subjects(v, "nsubjpass") or _subjects(v, "nsubj")
                found += [(s.i, "served_as", HOLDER_CONFIDENCE["served_as"], True) for s in holders]
            else:
                # "As a member of the Academy, Chaplin exhibited": an opening "as" phrase
                # describes the clause's subject
                if verb.i == verb.sent.start or verb.nbor(-1).pos_ in {"CCONJ", "ADV"}:
                    phrase_end = max(t.i for t in verb.subtree)
                    found += [
                        (s.i, "as_opener", HOLDER_CONFIDENCE["as_opener"], True)
                        for s in _subjects(v, "nsubj")
                        if s.i > phrase_end
                    ]
        # "photographers such as Jane Roe and Tom Lee"
        for prep in [*head.children, *_such_as_past_clause(head)]:
            if prep.dep_ == "prep" and prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and person(pobj):
                        found.append((pobj.i, "such_as", HOLDER_CONFIDENCE["such_as"], False))
        # "husband of Ann Poe and father of Tom Poe": the parser may join the second role to the
        # first one's object; not "the son of Karl and his wife Greta" (her own possessor)
        of_object = head.head if head.head.dep_ != "appos" else head.head.head  # "the poet Ann Poe"
        if (
            head.dep_ == "conj"
            and of_object.dep_ == "pobj"
            and of_object.head.dep_ == "prep"
            and of_object.head.head.i in by_head
            and of_object.head.head.i != head.i
            and not any(c.dep_ == "poss" for c in head.children)
        ):
            for h in self._holders(of_object.head.head, by_head, index, depth + 1):
                found.append((h[0], h[1] + "+coordination", h[2] * COORDINATION_FACTOR, h[3]))
        # "curator and director of the museum": the second role has the first's holder
        if head.dep_ == "conj" and head.head.i in by_head:
            for h in self._holders(head.head, by_head, index, depth + 1):
                found.append((h[0], h[1] + "+coordination", h[2] * COORDINATION_FACTOR, h[3]))
        if not found:
            found += self._adjacent(head, by_head, index)
        seen: set[int] = set()
        for tok_i, frame, conf, resolved in found:
            ent = index.token_entity.get(tok_i)
            key = ent if ent is not None else -tok_i - 1
            if key in seen:
                continue
            seen.add(key)
            yield tok_i, frame, conf, resolved
            # "photographers Jane Roe, Tom Lee and Ann Poe": the list shares the role
            plural = head.tag_ in {"NNS", "NNPS"} or (head.tag_ == "VBZ" and head.dep_ == "compound")
            # "its members are Jane Roe, Tom Lee and Ann Poe", "Roe, Lee and Poe are members"
            if frame in {"apposition", "premodifier", "such_as", "copula", "include"} and plural:
                members = _list_members(head.doc[tok_i], index)
                if frame in {"apposition", "premodifier"}:  # the parser may hang them on the role noun
                    members = [*_conjuncts(head), *members, *_names_in_sequence(head.doc, tok_i, index)]
                for member in members:
                    e = index.token_entity.get(member.i)
                    if e is not None and persons[e] == PERSON and e not in seen and not _has_role(member, by_head):
                        seen.add(e)
                        yield member.i, frame + "+list", conf * LIST_FACTOR, False

    @staticmethod
    def _adjacent(
        head: Token, by_head: Mapping[int, _RoleMention], index: EntityIndex
    ) -> list[tuple[int, str, float, bool]]:
        """ "Malaysia's Prime Minister, Jane Roe said": a role and a name side by side between
        commas, where the parser did not join them."""
        doc = head.doc
        r = by_head[head.i]
        ents, labels = index.token_entity, index.labels
        out: list[tuple[int, str, float, bool]] = []
        after = r.end
        while after < len(doc) and doc[after].dep_ == "prep" and doc[after].head.i == head.i:
            # "the chairman of Acme, Jane Roe": past the preposition's object (the parse may
            # hang the name on it, so not its whole subtree)
            pobjs = [c for c in doc[after].children if c.dep_ == "pobj"]
            if not pobjs:
                break
            k = pobjs[0].i
            e = ents.get(k)
            while e is not None and k + 1 < len(doc) and ents.get(k + 1) == e:
                k += 1
            after = k + 1
        if after + 1 < len(doc) and doc[after].text == ",":
            e = ents.get(after + 1)
            if e is not None and labels[e] == PERSON and ents.get(after) is None:
                k = after + 1
                while k + 1 < len(doc) and ents.get(k + 1) == e:
                    k += 1
                out.append((k, "apposition", HOLDER_CONFIDENCE["apposition"] * ADJACENT_FACTOR, False))
        # "according to curator Jane Roe": a bare role right before a name, hung as two
        # objects of one word or of two words in a row (the premodifier frame, had the parser
        # joined them)
        e = ents.get(r.end)
        if (
            e is not None
            and labels[e] == PERSON
            and ents.get(r.end - 1) != e
            and not any(c.dep_ in {"det", "poss"} for c in head.children)
        ):
            name = doc[mention_bounds(index, r.end)[1]]
            near = {head.head.i, head.head.head.i}
            if name.head.i in near and name.i not in near and name.dep_ != "conj":
                out.append((name.i, "premodifier", HOLDER_CONFIDENCE["premodifier"] * ADJACENT_FACTOR, False))
        first = r.start
        while first > 0 and (
            doc[first - 1].dep_ in {"det", "poss", "case"}
            or doc[first - 1].lower_ in {"the", "a", "an"}
            # "the former member": a word that describes the role
            or (doc[first - 1].dep_ == "amod" and doc[first - 1].is_lower and first <= doc[first - 1].head.i < r.end)
            # "Jane Roe, IOC member, said": the name the role is of
            or (
                first - 1 in ents
                and doc[first - 1].dep_ in {"compound", "nmod", "amod"}
                and first <= doc[first - 1].head.i < r.end
            )
        ):
            first -= 1
        if first > 1 and doc[first - 1].text == ",":
            before = first - 2
            if doc[before].text == ")":  # "Jane Roe (1950-2001), the chairman of Acme"
                opening = next(
                    (k for k in range(before - 1, max(before - BRACKET_WORDS, 0) - 1, -1) if doc[k].text in {"(", ")"}),
                    None,
                )
                if opening is not None and doc[opening].text == "(":
                    before = opening - 1
            e = ents.get(before)
            if e is not None and labels[e] == PERSON:
                out.append((before, "apposition", HOLDER_CONFIDENCE["apposition"] * ADJACENT_FACTOR, False))
        return out

    # ------------------------------------------------------------------ facts of one holder

    def _role_facts(
        self,
        doc: Doc,
        r: _RoleMention,
        holder: int,
        frame: str,
        factor: float,
        resolved: bool,
        by_head: Mapping[int, _RoleMention],
        index: EntityIndex,
    ) -> Iterator[FrameFact]:
        head = doc[r.head]
        if r.role.person is None and (r.role.title or r.end - r.start > 1):  # "second child" is no title
            yield FrameFact(
                frame, "title", r.head, holder, None, (r.start, r.end, _title_literal(doc, r)), factor, resolved
            )
        args = list(self._arguments(head, index, r))
        if not args:  # "chief financial officer and treasurer at Acme": the conjuncts share it
            for other in _role_conjuncts(head, by_head):
                # "curator and director of exhibits at Acme": a role of its own object (the
                # exhibits) only works where its conjunct does, it does not lead it
                own_object = any(
                    c.dep_ == "prep"
                    and c.lower_ in COMPLEMENT_PREPOSITIONS
                    and any(p.dep_ == "pobj" for p in c.children)
                    for c in head.children
                )
                args += [
                    (tok, "nested" if own_object else "shared")
                    for tok, _way in self._arguments(other, index, by_head[other.i])
                ]
        if not args and r.role.person is None:
            args += _name_before_role(doc, r, holder, index)
        for holder_prep in doc[holder].children:
            if holder_prep.dep_ == "prep" and holder_prep.lower_ in {"of", "from"}:
                args += [(p, "holder_of") for p in holder_prep.children if p.dep_ == "pobj"]
        if r.role.person is not None:
            args = list(self._kin_arguments(head, args, index))
        if r.role.person == "child_of":
            args += [(tok, "prep") for tok in _other_parent(head, index)]
            args += [(tok, "prep") for tok in _parent_by(head, index)]
            named = {index.token_entity.get(tok.i) for tok, _way in args}
            sequence = _parents_in_sequence(doc, r, index)
            args += [(tok, "prep") for tok in sequence if index.token_entity.get(tok.i) not in named]
            between = _between_parents(sequence, index)
            args = [(tok, way) for tok, way in args if tok.i not in between]
        for tok, way in args:
            ent, _how = index.entity_of(tok)
            if ent is None or (index.labels[ent] == PERSON) != (r.role.person is not None):
                continue
            relation = r.role.relation(index.labels[ent])
            if relation is None and way == "name" and index.labels[ent] == "GPE":
                # "the New York attorney Jane Roe", "Leeds teacher Jane Roe"; a country's
                # office-holder is its citizen ("a U.S. Representative", "the Kenyan-born ...")
                relation = "citizen_of" if r.role.title and _is_country(index, ent) else "lives_in"
                factor_way = PLACE_NAME_CONFIDENCE
            else:
                factor_way = ARGUMENT_CONFIDENCE[way]
            if relation == "member_of" and _is_nationality(index, ent):
                # "the Dutch drummer Hans Voss": a nation's word before the role is no group
                # he plays in (a party tagged NORP is: "Republican senator Jane Roe")
                relation = "citizen_of" if way == "name" and r.role.title else None
            if way == "nested":
                relation = "works_for" if relation is not None and index.labels[ent] == "ORG" else None
            if relation is None or (relation == "member_of" and tok.lower_ in tables.not_membership()):
                continue
            yield FrameFact(f"{frame}+{way}", relation, r.head, holder, tok.i, None, factor * factor_way, resolved)
            if relation == "leads" and r.role.person is None and index.labels[ent] == "GPE":
                # "Ghana's first prime minister, Kwame Nkrumah": who leads a country is its citizen
                if _is_country(index, ent):
                    yield FrameFact(
                        f"{frame}+{way}+leader",
                        "citizen_of",
                        r.head,
                        holder,
                        tok.i,
                        None,
                        factor * factor_way * LEADER_CITIZEN_FACTOR,
                        resolved,
                    )

    def _parent_tokens(self, doc: Doc, r: _RoleMention, index: EntityIndex) -> dict[int, Token]:
        """Entity -> token of the persons a child role is of ("the son of Karl and Greta")."""
        head = doc[r.head]
        sequence = _parents_in_sequence(doc, r, index)
        args = [a for a in self._arguments(head, index, r) if a[1] == "prep"]
        args = [
            *self._kin_arguments(head, args, index),
            *((tok, "prep") for tok in _other_parent(head, index)),
            *((tok, "prep") for tok in _parent_by(head, index)),
            *((tok, "prep") for tok in sequence),
        ]
        parents: dict[int, Token] = {}
        between = _between_parents(sequence, index)
        for tok, way in args:
            ent, _how = index.entity_of(tok)
            if way == "prep" and ent is not None and index.labels[ent] == PERSON and tok.i not in between:
                parents.setdefault(ent, tok)
        return parents

    def _siblings_parents(
        self,
        doc: Doc,
        roles: list[_RoleMention],
        by_head: Mapping[int, _RoleMention],
        parents_of: Mapping[int, Mapping[int, Token]],
        index: EntityIndex,
    ) -> Iterator[FrameFact]:
        """ "the son of Karl Dahl and the brother of Otto Dahl": one holder's two roles make
        Otto a child of Karl too, whether or not the holder is named ("She was the daughter of
        ... and the sister of ..."). Not a half- or step-sibling, who may not share the parent."""
        for r in roles:
            if r.role.person != "child_of":
                continue
            parents = parents_of[r.head]
            for other in _coordinated_roles(doc[r.head], by_head):
                sib = by_head[other.i]
                if sib.role.person != "sibling" or "half" in sib.role.phrase:
                    continue
                for tok, way in self._arguments(other, index, sib):
                    s = index.token_entity.get(tok.i)
                    if way != "prep" or s is None or index.labels[s] != PERSON or s in parents:
                        continue
                    for parent in parents.values():
                        yield FrameFact(
                            "parents+sibling", "child_of", other.i, tok.i, parent.i, None, SIBLING_PARENT_CONFIDENCE
                        )

    @staticmethod
    def _kin_arguments(head: Token, args: list[tuple[Token, str]], index: EntityIndex) -> Iterator[tuple[Token, str]]:
        """A kinship noun's possessor, where the phrase is coordinated: in "Karl Dahl and his
        wife Greta" the wife is Karl's, whoever "his" would otherwise go to; in "his wife
        director Ann Poe" the possessive hangs on the outer noun."""
        noun = head
        while noun.dep_ in {"compound", "nmod", "amod"} and noun.head.i != noun.i:
            noun = noun.head
        extra = [(c, "possessive") for c in noun.children if c.dep_ == "poss" and noun.i != head.i]
        # "his actress wife Greta": the possessive hangs on the word that describes the role
        extra += [
            (p, "possessive")
            for c in head.children
            if c.dep_ in {"compound", "amod"} and c.i < head.i
            for p in c.children
            if p.dep_ == "poss"
        ]
        for tok, way in [*args, *extra]:
            if way == "possessive" and tok.pos_ == "PRON":
                # "X was the son of Y by his wife Z": "his" is Y, never X
                parent = index.parent_before_spouse(noun)
                if parent is not None:
                    yield parent, way
                    continue
            if way == "possessive" and tok.lower_ == "their":
                # "Karl Dahl and his wife Greta ... their son": both of the couple the
                # clause is about; with no couple, whatever the pronoun resolves to
                couple = _couple(noun, index) or _spouse_named_before(noun, index)
                if couple:
                    yield from ((parent, "couple") for parent in couple)
                    continue
            if way == "possessive" and tok.pos_ == "PRON" and noun.dep_ == "conj":
                host = noun.head
                e = index.token_entity.get(host.i)
                if e is not None and index.labels[e] == PERSON:
                    yield host, way
                continue  # coordinated with no person to own it: say nothing
            yield tok, way

    @staticmethod
    def _arguments(head: Token, index: EntityIndex, r: _RoleMention) -> Iterator[tuple[Token, str]]:
        """(argument token, way) of what a role is of."""
        doc = head.doc
        phrase_children = [c for t in doc[r.start : r.end] for c in t.children if c.i >= r.end or t.i == head.i]
        # "a fellow of the Royal Society and of the Academy": the second "of" hangs on the first
        phrase_children += [
            c
            for p in phrase_children
            if p.dep_ == "prep"
            for c in p.children
            if c.dep_ == "conj" and c.lower_ == p.lower_
        ]
        # "was a founding member, in 1768, of the Academy": the parser hangs a late "of" on the copula
        if (
            head.dep_ == "attr"
            and head.head.lemma_ in COPULAS
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
        ):
            phrase_children += [
                c
                for c in head.head.children
                if c.dep_ == "prep" and c.lower_ == "of" and c.i > head.i and doc[c.i - 1].text == ","
            ]
        for child in phrase_children:
            if child.dep_ in {"prep", "conj"} and child.lower_ in ROLE_PREPOSITIONS and child.i >= r.end:
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    ent, _how = index.entity_of(pobj)
                    if ent is not None:
                        # ... but a kinship noun's "to" right after it is its "of": "father to
                        # Tom Lee" (not a "to" the parser hangs on it from farther on)
                        if (
                            child.lower_ in ORG_ONLY_PREPOSITIONS
                            and index.labels[ent] != "ORG"
                            and not (r.role.person is not None and child.lower_ == "to" and child.i == r.end)
                        ):
                            continue
                        yield pobj, "prep"
                        if r.role.person is not None:  # "the son of Jane Roe and Tom Lee"
                            for other in _list_members(pobj, index):
                                yield other, "prep"
                            yield from ((other, "prep") for other in _coordinated_past_apposition(pobj, head, index))
                        continue
                    # "the singer of the (synthpop) groups Pale Fire and Tin Roof", "the son of
                    # videographer Karl Dahl": the names after the group or occupation noun
                    if r.role.person is not None:
                        named = list(_named_after_descriptor(pobj, index))
                        yield from ((name, "prep") for name in named)
                    else:
                        named = list(_named_groups(child, index, members_only=False))
                        for group in named:
                            yield group, "group_noun"
                            yield from ((other, "group_noun") for other in _list_members(group))
                    if named:
                        continue
                    # "the president of the Lombardy region": the name that modifies the noun
                    if pobj.pos_ == "NOUN" and pobj.is_lower:
                        modifiers = [c for c in pobj.children if c.dep_ in {"compound", "nmod"} and _is_name(c, index)]
                        if modifiers:
                            yield modifiers[0], "modifier"
                            continue
                    # "director of exhibits at the University": works there
                    for prep2 in pobj.children:
                        if prep2.dep_ == "prep" and prep2.lower_ in {"at", "of", "in"}:
                            for p2 in prep2.children:
                                if p2.dep_ == "pobj" and p2.i in index.token_entity:
                                    yield p2, "nested"
            elif (child.dep_ in {"compound", "nmod"} or (child.dep_ == "amod" and child.pos_ == "PROPN")) and (
                child.i < r.start and _is_name(child, index)
            ):
                yield child, "name"  # "Acme spokesman", "Tin Roof member" (the parser's amod)
            elif (
                child.dep_ == "compound"
                and child.pos_ == "NOUN"
                and child.i < r.start
                and (index.entity_of(child)[1] == "description")
            ):
                yield child, "description"  # "the band Tin Roof ... band members"
            elif child.dep_ == "poss":
                yield child, "possessive"
        # "Acme, of which she was chairman": the fronted "of which" hangs on the copula
        if head.dep_ in {"attr", "acomp"} and head.head.lemma_ in COPULAS:
            for prep in head.head.children:
                if prep.dep_ == "prep" and prep.lower_ in ROLE_PREPOSITIONS and prep.i < head.i:
                    yield from (
                        (p, "prep") for p in prep.children if p.dep_ == "pobj" and p.lower_ in {"which", "whom"}
                    )
        # "Green Party leader": the name may hang on the phrase's first word
        for i in range(r.start, r.head):
            tok = head.doc[i]
            for child in tok.children:
                if child.dep_ in {"compound", "nmod", "poss"} and child.i < r.start and _is_name(child, index):
                    yield child, "name" if child.dep_ != "poss" else "possessive"

    # ------------------------------------------------------------------ no role word

    @staticmethod
    def _bare_affiliations(doc: Doc, index: EntityIndex, linked: set[int]) -> Iterator[FrameFact]:
        """ "Jane Roe of Acme", "Jane Roe, from Acme": a person of an organization, with no
        role word to say how: ``member_of``, at a lower confidence."""
        for i in sorted(index.token_entity):  # the entity tokens alone, in document order
            tok = doc[i]
            e = index.token_entity[i]
            if index.labels[e] != PERSON:
                continue
            if index.token_entity.get(tok.head.i) == e:
                continue  # not the mention's head
            if tok.i not in linked:
                # "the Green Party's Lee Min": an organization's person, no role word; read
                # from the words when the parse hangs the possessive elsewhere
                owners = [poss for poss in tok.children if poss.dep_ == "poss"]
                first = mention_bounds(index, tok.i)[0]
                if not owners and first >= 2 and doc[first - 1].lower_ == "'s" and first - 2 in index.token_entity:
                    owners = [doc[first - 2]]
                for poss in owners:
                    o = index.token_entity.get(poss.i)
                    if o is not None and index.labels[o] == "ORG" and poss.lower_ not in tables.not_membership():
                        yield FrameFact(
                            "affiliation+possessive",
                            "member_of",
                            poss.i,
                            tok.i,
                            poss.i,
                            None,
                            POSSESSIVE_AFFILIATION_CONFIDENCE,
                        )
            for prep in tok.children:
                if prep.dep_ != "prep" or prep.lower_ not in HOLDER_OF_PREPOSITIONS:
                    continue
                objects = [c for c in prep.children if c.dep_ == "pobj"] + list(_named_groups(prep, index))
                for pobj in objects:
                    o = index.token_entity.get(pobj.i)
                    if o is not None and index.labels[o] == "GPE" and prep.lower_ != "for":
                        # "Jane Roe, 50, of Leeds": the newspaper's hometown
                        yield FrameFact(
                            "hometown+" + prep.lower_, "lives_in", prep.i, tok.i, pobj.i, None, HOMETOWN_CONFIDENCE
                        )
                        continue
                    if (
                        o is not None
                        and index.labels[o] == "ORG"
                        and tok.i not in linked
                        and pobj.lower_ not in tables.not_membership()
                    ):
                        yield FrameFact(
                            "affiliation+" + prep.lower_,
                            "member_of",
                            prep.i,
                            tok.i,
                            pobj.i,
                            None,
                            BARE_AFFILIATION_CONFIDENCE,
                        )
                # "Jane Roe and Tom Lee of the band Tin Roof": the parse hangs the group on the
                # last name; the names coordinated before it share it
                if prep.lower_ in {"of", "from"} and tok.dep_ == "conj":
                    for group in _named_groups(prep, index):
                        for other in _coordinated_before(tok, index):
                            yield FrameFact(
                                "affiliation+" + prep.lower_ + "+coordination",
                                "member_of",
                                prep.i,
                                other.i,
                                group.i,
                                None,
                                BARE_AFFILIATION_CONFIDENCE * COORDINATION_FACTOR,
                            )


def _coordinated_before(tok: Token, index: EntityIndex) -> list[Token]:
    """The persons' names that ``tok`` is coordinated with before it ("Jane Roe and Tom Lee")."""
    out = []
    up = tok
    while up.dep_ == "conj" and up.head.i < up.i:
        up = up.head
        if _is_person(up, index):
            out.append(up)
    return out


def _parents_in_sequence(doc: Doc, r: _RoleMention, index: EntityIndex) -> list[Token]:
    """The one or two persons' names a child role is "of", read from the words for where the
    parse loses them: "the son of dancers Karl Dahl and Greta Lund", "the daughter of Karl
    Dahl, 1st Baron Dahl, and Greta Lund", "the son of Karl Dahl (1910-1990) and his wife
    Greta". Describing words may come before each name; a bracket or an apposition between
    commas after the first; nothing else."""
    k = r.end
    if k >= len(doc) or doc[k].lower_ != "of":
        return []
    return _persons_in_sequence(doc, k + 1, index, closes_apposition=doc[r.head].dep_ == "appos")


def _persons_in_sequence(doc: Doc, k: int, index: EntityIndex, closes_apposition: bool = False) -> list[Token]:
    """The one or two persons' names from token ``k`` on (after "the son of", "born to"), as
    ``_parents_in_sequence`` reads them; with ``closes_apposition``, a comma right after the
    first name ends the phrase ("Anna met Tom, the son of Karl, and Greta")."""
    n, ents = len(doc), index.token_entity
    names: list[Token] = []
    after_comma = False
    while len(names) < 2:
        k = _past_describing_words(doc, k, index)
        e = ents.get(k)
        if e is None or index.labels[e] != PERSON or ents.get(k - 1) == e:
            break
        last = mention_bounds(index, k)[1]
        if after_comma and doc[last].dep_ == "conj" and ents.get(doc[last].head.i) not in {None, ents.get(names[0].i)}:
            # "the son of Karl, who was the son of Otto, and Greta": the parse joins Greta to Karl
            break
        names.append(doc[last])
        k = last + 1
        if k < n and doc[k].text == "(":
            close = next((j for j in range(k + 1, min(k + BRACKET_WORDS + 1, n)) if doc[j].text in "()"), None)
            if close is None or doc[close].text != ")":
                break
            k = close + 1
        if k < n and doc[k].text == ",":
            # ", 1st Baron Dahl," or ", a painter," before "and": an apposition of the first name
            close = next(
                (
                    j
                    for j in range(k + 1, min(k + MAX_APPOSITION_WORDS + 2, n))
                    if doc[j].text in {",", "(", ")", ";"} or doc[j].lower_ == "and"
                ),
                None,
            )
            if close is not None and doc[close].text == "," and close + 1 < n and doc[close + 1].lower_ == "and":
                k = close + 1
            elif (
                close is not None
                and close + 1 < n
                and doc[close].lower_ == "and"
                and doc[close + 1].lower_ in {"his", "her"}
            ):
                k = close  # ", 1st Baron Dahl and his wife Greta": the apposition needs no closing comma there
            elif k + 1 < n and doc[k + 1].lower_ == "and" and not closes_apposition:
                # not after an apposition, which the comma closes ("Anna met Tom, the son of
                # Karl, and Greta": Anna met Greta)
                k += 1
                after_comma = True
        if k + 1 < n and doc[k].lower_ == "and":
            k += 1
            if doc[k].lower_ == "of" and names:
                k += 1  # "the daughter of Karl and of Greta"
            elif doc[k].lower_ in {"his", "her"}:
                # "and his wife Greta", "and his second wife, Greta"
                j = k + 1
                while j < n and j - k <= 2 and doc[j].is_lower and doc[j].pos_ in {"ADJ", "NUM"}:
                    j += 1
                if j < n and doc[j].lower_ in tables.kinship_nouns():
                    k = j + 1 + (j + 1 < n and doc[j + 1].text == ",")
        else:
            break
    return names


@functools.cache
def _born_hashes() -> frozenset[int]:
    return word_hashes(["born"])


def _born_to(doc: Doc, index: EntityIndex) -> Iterator[FrameFact]:
    """ "Tom Roe was born in Leeds to Karl Roe and his wife Greta", "Born to farmers Karl
    and Greta Roe, he ...", "the second of three sons born to Karl Roe": the child is the
    passive's subject, the subject of the clause the participle opens, or the person a
    child noun the participle describes stands for; the parents are the one or two persons
    named right after "to" (``_persons_in_sequence``), a couple when two."""
    for i in tokens_with(doc, _born_hashes()):
        born = doc[i]
        if born.tag_ != "VBN" and born.dep_ not in {"acl", "advcl", "ROOT", "relcl"}:
            continue
        if any(c.dep_ == "neg" for c in born.children):
            continue
        # "to" hangs on "born", or the parse misreads "to" as an infinitive's: find it in the
        # words after "born", past a place or date phrase ("born in Leeds in 1950 to ...")
        to = next(
            (c for c in born.children if c.dep_ == "prep" and c.lower_ == "to" and c.i > born.i),
            None,
        )
        if to is None and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            to = doc[i + 1]
        if to is None:
            continue
        parents = _persons_in_sequence(doc, to.i + 1, index)
        persons = {index.token_entity[p.i]: p for p in parents}
        if not persons:
            continue
        children = [c for c in born.children if c.dep_ == "nsubjpass"]
        if not children and born.dep_ == "advcl":  # "Born to Karl Roe, Tom studied law"
            children = [c for c in born.head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i > born.i]
        if not children and born.dep_ == "acl":
            noun = born.head
            if _is_person(noun, index):
                children = [noun]  # "Tom Roe, born to Karl Roe"
            elif tables.kinship_nouns().get(noun.lower_, ("",))[0] == "child":
                # "the second of three sons born to Karl": the copula's subject
                up = partitive(noun) if noun.tag_ in {"NNS", "NNPS"} else noun
                if up is not None and up.dep_ == "attr" and up.head.lemma_ in COPULAS:
                    children = _subjects(up.head, "nsubj")
                named = [a for a in noun.children if a.dep_ == "appos"]  # "a son born to Karl, Otto"
                children = children or [a for a in named if _is_person(a, index)]
        for child in children[:1]:
            if index.token_entity.get(child.i) in persons:
                continue
            for parent in persons.values():
                yield FrameFact("born_to", "child_of", born.i, child.i, parent.i, None, BORN_TO_CONFIDENCE, True)
        if len(persons) == 2:
            one, other = persons.values()
            yield FrameFact("born_to+parents", "spouse", born.i, one.i, other.i, None, PARENTS_CONFIDENCE)


def _between_parents(names: list[Token], index: EntityIndex) -> range:
    """The tokens strictly between the two parents read in sequence (``_parents_in_sequence``):
    a name there lies in the first one's apposition or bracket ("Karl Dahl, 3rd Baron Vinje,
    and Greta Lund")."""
    if len(names) < 2:
        return range(0)
    return range(names[0].i + 1, mention_bounds(index, names[1].i)[0])


def _past_describing_words(doc: Doc, k: int, index: EntityIndex) -> int:
    """The first token from ``k`` on past a few words that describe a name: determiners,
    adjectives and nouns ("the late author and editor"; a role noun whatever its tag: the
    parser reads "poet" in "the aristocrat and poet" as a verb), a capitalized title
    outside any name ("Dr"), a name in quotation marks or an organization's name before a
    role noun ("the 'Daily Planet' editor", "Acme Records head"); ``k`` itself when a name
    does not follow them, or follows as a clause's subject ("the son of a man whom Karl Dahl
    saved")."""
    n, start = len(doc), k
    roles = _by_last_word()
    words = 0
    while k < n and words < MAX_DESCRIBING_WORDS:
        tok = doc[k]
        e = index.token_entity.get(k)
        if e is not None:
            if index.labels[e] == PERSON:
                break
            # "Acme Records head Karl Dahl": another entity's name that a role noun follows
            last = mention_bounds(index, k)[1]
            after = last + 1 + (last + 1 < n and doc[last + 1].text in QUOTES)
            if after >= n or not (doc[after].is_lower and doc[after].lower_ in roles):
                break
            k, words = after, words + 1
            continue
        if tok.text in QUOTES:
            # "the 'Harbour Times' editor": a quoted title passed over when a noun follows it
            close = next((j for j in range(k + 1, min(k + MAX_QUOTED + 2, n)) if doc[j].text in QUOTES), None)
            if close is not None and close + 1 < n and doc[close + 1].is_lower:
                k, words = close + 1, words + 1
                continue
            k += 1
            continue
        if tok.lower_ == "and":
            nxt = doc[k + 1] if k + 1 < n else None
            # "the late author and 'Daily Planet' editor": the words go on to describe one name
            if nxt is None or not (
                (nxt.is_lower and (nxt.pos_ in {"NOUN", "ADJ"} or nxt.lower_ in roles))
                or nxt.text in QUOTES
                or (nxt.i in index.token_entity and index.labels[index.token_entity[nxt.i]] != PERSON)
            ):
                break
        elif not (
            (
                tok.is_lower
                and (
                    tok.pos_ in {"DET", "ADJ", "NOUN"}
                    or tok.dep_ in {"amod", "compound", "nmod"}
                    or tok.lower_ in roles
                )
            )
            or (tok.is_title and (tok.lower_.rstrip(".") in tables.titles() or k + 1 in index.token_entity))
        ):
            break
        k += 1
        words += 1
    if k > start and (
        k >= n
        or k not in index.token_entity
        or index.labels[index.token_entity[k]] != PERSON
        or doc[mention_bounds(index, k)[1]].dep_ in {"nsubj", "nsubjpass"}
    ):
        return start
    return k


def _names_in_sequence(doc: Doc, i: int, index: EntityIndex) -> list[Token]:
    """The persons' names listed right after the name at ``i``, each after a comma or "and"
    ("members Jane Roe, Tom Lee and Ann Poe"), read from the words for when the parse
    breaks the list; the list ends at the first word that is neither."""
    ents, out = index.token_entity, []
    end = mention_bounds(index, i)[1] + 1
    while end < len(doc):
        k = end + (doc[end].text == ",")
        last_one = k < len(doc) and doc[k].lower_ == "and"
        k += last_one
        e = ents.get(k)
        if k == end or e is None or index.labels[e] != PERSON or ents.get(k - 1) == e:
            break
        end = mention_bounds(index, k)[1] + 1
        out.append(doc[end - 1])
        if last_one:
            break
    return out


def _own_groups(doc: Doc, index: EntityIndex) -> Iterator[FrameFact]:
    """ "with his band The Lanterns", "Park Min's band Velvet Harbour" (the owner of a group
    one is a member of: frame group+possessive), and "Matt Green from the band Velvet Harbour"
    where the parse hangs "from" on the verb (frame group+from, read from the words). Only
    groups people are members of (models/group_nouns.tsv), named right after the noun."""
    groups = tables.group_nouns()
    for noun in map(doc.__getitem__, tokens_with(doc, _member_group_hashes())):
        if groups.get(noun.lower_) != "members" or noun.i in index.token_entity:
            continue
        k = noun.i + 1 + (noun.i + 1 < len(doc) and doc[noun.i + 1].text == ",")
        group = index.token_entity.get(k)
        if group is None or index.labels[group] != "ORG":
            continue
        # "his favourite band" is a fan's; "his former band" still one he was in
        liked = any(a.dep_ == "amod" and a.lower_ not in GROUP_TENURE_WORDS for a in noun.children)
        for poss in noun.children:
            if poss.dep_ == "poss" and not liked and (poss.pos_ == "PRON" or _is_person(poss, index)):
                yield FrameFact("group+possessive", "member_of", noun.i, poss.i, k, None, GROUP_CONFIDENCE, True)
        # "Matt Green from the band X": the preposition right after a person's name
        first = noun.i - (noun.i > 0 and doc[noun.i - 1].lower_ == "the")
        prep = first - 1
        if prep >= 1 and doc[prep].lower_ in {"from", "of"} and doc[prep].head.i not in index.token_entity:
            member = index.token_entity.get(prep - 1)
            if member is not None and index.labels[member] == PERSON:
                yield FrameFact("group+" + doc[prep].lower_, "member_of", noun.i, prep - 1, k, None, GROUP_CONFIDENCE)


@functools.cache
def _member_group_hashes() -> frozenset[int]:
    """Hashes of the nouns of groups with members and their plurals ("band", "bands")."""
    words = [w for w, kind in tables.group_nouns().items() if kind == "members"]
    return word_hashes([*words, *(w + "s" for w in words)])


def _one_family(doc: Doc, relatives: list[tuple[_RoleMention, int]], index: EntityIndex) -> Iterator[FrameFact]:
    """Relatives of one person named in one sentence are related among themselves: "his
    father Karl and his brother Otto" (Otto child_of Karl), "his father, Karl, ... and his
    mother, Greta" (a couple), "his wife Greta and his son Otto" (Otto child_of Greta). The
    kinship nouns must have the same owner: the same possessive pronoun, or the same name.
    A former spouse's children or a step-parent's say nothing of the kind (frame family)."""
    kinship = tables.kinship_nouns()
    # (sentence, owner) -> (kin, gender, holder, kinship noun)
    owned: dict[tuple[int, str], list[tuple[str, str, int, int]]] = {}
    for r, holder in relatives:
        head = doc[r.head]
        kin, gender = kinship.get(head.lower_, (None, "-"))
        if kin not in {"spouse", "parent", "sibling", "child"}:
            continue
        for poss in head.children:
            if poss.dep_ != "poss":
                continue
            if poss.pos_ == "PRON":
                owner = poss.lower_
            elif (e := index.token_entity.get(poss.i)) is not None:
                owner = f"e{e}"
            else:
                continue
            owned.setdefault((head.sent.start, owner), []).append((kin, gender, holder, head.i))
    for family in owned.values():
        for kin, gender, one, _noun in family:
            for kin2, gender2, other, noun in family:
                if index.token_entity[one] == index.token_entity[other]:
                    continue
                if kin == "parent" and kin2 == "sibling":
                    yield FrameFact("family", "child_of", noun, other, one, None, FAMILY_CONFIDENCE)
                elif kin == "spouse" and kin2 == "child":
                    yield FrameFact("family", "child_of", noun, other, one, None, FAMILY_CONFIDENCE)
                elif kin == kin2 == "parent" and one < other and (gender != gender2 or "-" in (gender, gender2)):
                    yield FrameFact("family", "spouse", noun, one, other, None, FAMILY_CONFIDENCE)


def _names_after_colon(head: Token, index: EntityIndex) -> list[Token]:
    """The persons listed after a colon that closes a plural role's phrase ("members of the
    Linnean Club: the botanist Jane Roe, the physician Tom Lee and Ann Poe"), read from the
    words: the parser attaches such a list anywhere. Each name may follow a few describing
    words; the list ends at the first word that is neither a name nor a separator."""
    doc = head.doc
    phrase = {t.i for t in head.subtree}
    colon = head.i + 1
    while colon < head.sent.end and colon in phrase and doc[colon].text != ":":
        colon += 1
    if colon >= head.sent.end or doc[colon].text != ":":
        return []
    return listed_names(doc, colon + 1, index)


def _names_after_plural(head: Token, index: EntityIndex) -> list[Token]:
    """ "had two daughters together, Anna (born 1995) and Eva", "had three sons (Otto, Emil
    and Karl)": the persons listed after a comma, colon or bracket that follows a plural
    noun (and "together"), read from the words."""
    doc, k = head.doc, head.i + 1
    if k < len(doc) and doc[k].lower_ == "together":
        k += 1
    if k >= len(doc) or doc[k].text not in {",", ":", "("}:
        return []
    return listed_names(doc, k + 1, index)


def listed_names(doc: Doc, k: int, index: EntityIndex, labels: frozenset[str] = frozenset({PERSON})) -> list[Token]:
    """The last tokens of the names listed from ``k`` (persons', or of ``labels``), each after
    a few describing words ("the botanist"), separated by commas and "and"; a bracket after a
    name ("Anna (born 1995)") is passed over. The list ends at the first word that is none of
    these."""
    out: list[Token] = []
    while k < len(doc):
        k = _past_describing_words(doc, k, index) if PERSON in labels else k
        e = index.token_entity.get(k)
        if e is None or index.labels[e] not in labels:
            break
        last = mention_bounds(index, k)[1]
        out.append(doc[last])
        k = last + 1
        if k < len(doc) and doc[k].text == "(":
            close = next((j for j in range(k, min(len(doc), k + MAX_BRACKET)) if doc[j].text == ")"), None)
            if close is None:
                break
            k = close + 1
        if k < len(doc) and doc[k].text == ",":
            k += 1
        if k < len(doc) and doc[k].lower_ == "and":
            k += 1
        elif k >= len(doc) or doc[k - 1].text != ",":
            break
    return out


def _name_before_role(doc: Doc, r: _RoleMention, holder: int, index: EntityIndex) -> list[tuple[Token, str]]:
    """ "Tin Roof vocalist Jane Roe", "Tin Roof's frontman Jane Roe" read from the words, where
    the parse joined neither name to the role: a name (or its possessive) right before the
    role phrase, and the holder's name right after it."""
    ents = index.token_entity
    if r.end not in ents or ents[r.end] != ents.get(holder) or r.start < 1:
        return []
    before = r.start - 1
    way = "name"
    if doc[before].lower_ == "'s" and before >= 1:
        before, way = before - 1, "possessive"
    # an organization's name: a place before a role says where the holder is from or works
    # ("Leeds teacher"), which the frame reads from the parse alone
    if before not in ents or index.labels[ents[before]] != "ORG" or not _is_name(doc[before], index):
        return []
    return [(doc[before], way)]


def _named_after_descriptor(noun: Token, index: EntityIndex) -> Iterator[Token]:
    """The person's name right after a common noun that describes them ("the son of
    videographer Karl Dahl"), and the names coordinated with it ("... and curator Greta
    Dahl"); not a relative clause's subject ("the son of the man Karl Dahl saved")."""
    doc = noun.doc
    # "the son of revue writer and actor Karl Dahl": the name follows the last describing noun
    while True:
        more = [c for c in noun.children if c.dep_ == "conj" and c.pos_ == "NOUN" and c.is_lower]
        if not more:
            break
        noun = more[-1]
    k = noun.i + 1
    if noun.pos_ != "NOUN" or not noun.is_lower or noun.i in index.token_entity or k >= len(doc):
        return
    e = index.token_entity.get(k)
    if e is None or index.labels[e] != PERSON:
        return
    name = doc[mention_bounds(index, k)[1]]
    if name.dep_ in {"nsubj", "nsubjpass"}:
        return
    yield name
    for other in _list_members(name, index):
        o = index.token_entity.get(other.i)
        if o is not None and o != e and index.labels[o] == PERSON:
            yield other


def _named_groups(prep: Token, index: EntityIndex, members_only: bool = True) -> Iterator[Token]:
    """ "Jane Roe of the duo Roe & Lee": the group's name right after a noun of groups that
    stands as the preposition's object (the parse may hang the name anywhere); with
    ``members_only``, only groups people are members of (not "the company Acme")."""
    doc = prep.doc
    groups = tables.group_nouns()
    for pobj in prep.children:
        k = pobj.i + 1
        kind = groups.get(pobj.lower_)
        if (
            pobj.dep_ == "pobj"
            and kind is not None
            and (kind == "members" or not members_only)
            and pobj.i not in index.token_entity
            and k < len(doc)
            and k in index.token_entity
        ):
            yield doc[k]


def _surface_forms(words: Mapping[str, object]) -> set[str]:
    """The last words and their regular and "-men" plurals, as the text may write them."""
    out = set()
    for w in words:
        out |= {w, w + "s", w + "es"}
        if w.endswith("y"):
            out.add(w[:-1] + "ies")
        if w.endswith("man"):
            out.add(w[:-3] + "men")
        if w.endswith("child"):
            out.add(w + "ren")
        if w.endswith("wife"):
            out.add(w[:-2] + "ves")
    return out


def _no_gap(span: object) -> bool:
    """The words of a phrase are written together: a hyphen joins without spaces."""
    toks = list(span)  # type: ignore[call-overload]
    return all(not (t.text == "-" and (t.whitespace_ or toks[k - 1].whitespace_)) for k, t in enumerate(toks) if k)


def _phrase_head(doc: Doc, start: int, last: int) -> int:
    """The token of a phrase whose head lies outside it (the last such one)."""
    heads = [i for i in range(start, last + 1) if not start <= doc[i].head.i <= last or doc[i].head.i == i]
    nouns = [i for i in heads if doc[i].pos_ in {"NOUN", "PROPN"}]
    return (nouns or heads or [last])[-1 if not nouns else 0]


def _title_literal(doc: Doc, r: _RoleMention) -> str:
    """The title as written, singular: "photographers" -> "photographer"."""
    words = []
    # a plural tagged as a verb ("photographers Ann Lee and ...") was found by its lemma:
    # the lexicon's own word is then the singular
    word = r.role.phrase.split()[-1]
    for t in doc[r.start : r.end]:
        text = t.text
        if t.i == r.head and t.tag_ in {"NNS", "NNPS"} and t.lemma_:
            text = t.lemma_ if t.text.islower() else t.lemma_[:1].upper() + t.lemma_[1:]
        elif t.i == r.head and t.text.islower() and t.lower_ != word and t.lemma_.lower() == word:
            text = word
        words.append(text + t.whitespace_)
    return "".join(words).strip()


def _subjects(verb: Token, dep: str) -> list[Token]:
    return [c for c in verb.children if c.dep_ == dep]


def _conjuncts(tok: Token) -> list[Token]:
    out = []
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        t = stack.pop(0)
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _role_conjuncts(head: Token, by_head: Mapping[int, _RoleMention]) -> list[Token]:
    """The other roles coordinated with ``head``: its conj children and its conj head."""
    out = [c for c in _conjuncts(head) if c.i in by_head]
    up = head
    while up.dep_ == "conj" and up.head.i != up.i:
        up = up.head
        if up.i in by_head:
            out.append(up)
            out += [c for c in _conjuncts(up) if c.i in by_head and c.i != head.i and c not in out]
    return out


def _coordinated_roles(head: Token, by_head: Mapping[int, _RoleMention]) -> list[Token]:
    """The roles coordinated with ``head`` as one holder's: its conjuncts, and a role the
    parser joined to a word of the other's phrase ("son of Karl and Greta and brother of
    Otto": "brother" hangs on "Greta")."""
    out = _role_conjuncts(head, by_head)
    sent = head.sent
    for i in range(sent.start, sent.end):  # the sentence's words, not every role of the document
        if i not in by_head:
            continue
        other = head.doc[i]
        if other.i == head.i or other in out:
            continue
        if (
            (other.dep_ == "conj" and (other.head.i == head.i or head.is_ancestor(other.head)))
            or (head.dep_ == "conj" and (head.head.i == other.i or other.is_ancestor(head.head)))
            # "she is the daughter of Karl, and the sister of Otto": the parser joins the
            # second noun to the copula whose attribute the first one is
            or _attribute_and_conjunct(head, other)
            or _attribute_and_conjunct(other, head)
        ):
            out.append(other)
    return out


def _attribute_and_conjunct(attribute: Token, conjunct: Token) -> bool:
    """Whether ``conjunct`` is a noun the parser joined to the copula that ``attribute`` is
    the attribute of ("is the son of Karl, and the brother of Otto")."""
    verb = attribute.head
    return (
        attribute.dep_ == "attr"
        and verb.lemma_ in COPULAS
        and conjunct.dep_ == "conj"
        and conjunct.head.i == verb.i
        and conjunct.pos_ == "NOUN"
        and conjunct.i > attribute.i
    )


def _couple(noun: Token, index: EntityIndex) -> list[Token]:
    """The two persons "their" before ``noun`` stands for: the subject of a clause above the
    noun, when that subject is two persons coordinated ("Karl Dahl and Greta Dahl", "Karl
    Dahl and his wife Greta"). Anything else (one person, three, a group) gives none."""

    def person(tok: Token) -> bool:
        return _is_person(tok, index)

    up = noun
    for _ in range(6):  # a few clauses up, within the sentence
        if up.head.i == up.i:
            break
        up = up.head
        if up.pos_ not in {"VERB", "AUX"}:
            continue
        for subject in up.children:
            if subject.dep_ not in {"nsubj", "nsubjpass"} or not person(subject):
                continue
            members = [subject]
            for conj in _conjuncts(subject):
                if person(conj):
                    members.append(conj)
                else:  # "and his wife Greta": the name is the kinship noun's apposition
                    members += [a for a in conj.children if a.dep_ == "appos" and person(a)]
            persons = {index.token_entity[m.i] for m in members}
            return members if len(members) == 2 and len(persons) == 2 else []
    return []


def _spouse_named_before(noun: Token, index: EntityIndex) -> list[Token]:
    """ "Tom Lee, his wife Ann, and their two daughters", "His wife Ann was crowned, and their
    son ...": with no couple as a clause's subject, "their" is the spouse named earlier in
    the sentence with the spouse noun's possessor (a pronoun the fact layer resolves, or a
    name; left out when it is neither). The nearest kinship noun before decides: any other
    kind ("his sister Ann, and their son") gives none."""
    doc, kinship = noun.doc, tables.kinship_nouns()
    for k in range(noun.i - 1, noun.sent.start - 1, -1):
        tok = doc[k]
        if tok.lower_ not in kinship or tok.tag_ not in {"NN", "NNP"}:
            continue
        if kinship[tok.lower_][0] != "spouse":
            return []
        names = [a for a in tok.children if a.dep_ == "appos" and _is_person(a, index)]
        if not names:
            return []
        owner = [c for c in tok.children if c.dep_ == "poss" and (c.pos_ == "PRON" or _is_person(c, index))]
        return [names[0], *owner[:1]]
    return []


def _is_country(index: EntityIndex, ent: int) -> bool:
    """Whether the entity's name names a country ("United States", "U.S.")."""
    return ent < len(index.names) and tables.is_country(index.names[ent])


def _is_nationality(index: EntityIndex, ent: int) -> bool:
    """Whether the entity is a nation's word ("Dutch", "Kenyan"): a demonym of a country."""
    return (
        ent < len(index.names)
        and index.labels[ent] == "NORP"
        and any(tables.country_of_alias(p) for p in tables.place_of_demonym(index.names[ent]))
    )


def _is_person(tok: Token, index: EntityIndex) -> bool:
    """Whether ``tok`` lies in a person's mention."""
    e = index.token_entity.get(tok.i)
    return e is not None and index.labels[e] == PERSON


def _coordinated_past_apposition(name: Token, head: Token, index: EntityIndex) -> Iterator[Token]:
    """ "the son of Karl Dahl, an art critic, and Greta Lund": after an apposition or a
    bracket the parser hangs "and Greta Lund" on a word above the role (the role, its holder,
    the verb). The name right after the first one's phrase, joined by "and" to a word that
    the role hangs under, is the second of the pair."""
    doc = name.doc
    if not any(c.dep_ == "appos" for c in name.children):
        return  # "Karl met Tomas, the son of Otto Dahl, and Greta": Greta is met, not a parent
    k = max(t.i for t in name.subtree) + 1
    while k < len(doc) and doc[k].is_punct and doc[k].text in {",", ")"}:
        k += 1
    if k + 1 >= len(doc) or doc[k].lower_ != "and" or k + 1 not in index.token_entity:
        return
    e = index.token_entity[k + 1]
    if index.labels[e] != PERSON:
        return
    last = doc[mention_bounds(index, k + 1)[1]]
    top = doc[k + 1 : last.i + 1].root
    if top.dep_ == "conj" and (top.head.i == head.i or top.head.is_ancestor(head)):
        yield top


# Prepositions that name the other parent after a child role: "the son of Karl by his wife
# Greta", "his son with his second wife Greta".
OTHER_PARENT_PREPOSITIONS = frozenset({"by", "with"})


def _by_phrases(child: Token) -> list[Token]:
    """The "by"/"with" phrases of a child role: on the noun, or on the copula it is the
    attribute of ("X was the son of Y, by his wife Z")."""
    hosts = [child]
    if child.dep_ == "attr" and child.head.lemma_ in COPULAS:
        hosts.append(child.head)
    return [p for h in hosts for p in h.children if p.dep_ == "prep" and p.lower_ in OTHER_PARENT_PREPOSITIONS]


def _parent_by(head: Token, index: EntityIndex) -> Iterator[Token]:
    """ "the son of Karl by his wife Greta", "his son with his second wife, Greta": the other
    parent, named after a spouse noun (or directly) in the child role's "by"/"with" phrase."""
    kinship = tables.kinship_nouns()
    for prep in _by_phrases(head):
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            e = index.token_entity.get(obj.i)
            if e is not None and index.labels[e] == PERSON:
                yield obj
                continue
            kin = kinship.get(obj.lower_)
            if kin is not None and KINSHIP_RELATIONS.get(kin[0]) == "spouse":
                for c in obj.children:
                    ce = index.token_entity.get(c.i)
                    if c.dep_ in {"appos", "npadvmod"} and ce is not None and index.labels[ce] == PERSON:
                        yield c


def _right_after(doc: Doc, end: int, start: int) -> bool:
    """Whether only punctuation and "and" lie between token ``end`` and token ``start``."""
    return start > end and all(t.is_punct or t.lower_ == "and" for t in doc[end + 1 : start])


def _other_parent(head: Token, index: EntityIndex) -> Iterator[Token]:
    """ "the son of Karl Dahl and his wife Greta": the parser joins "his wife" to "son", but
    she is the wife of the father just named, and the other parent; after a bracket or an
    apposition it may join it to a word above ("the child of Karl Dahl (1910-1990) and his
    wife Greta")."""
    kinship = tables.kinship_nouns()
    above = [a for a in head.ancestors if a.i < head.i]
    end = max(t.i for t in head.subtree)
    # a word above takes "and his wife" only right after the role's phrase
    candidates = [
        *head.children,
        *(c for a in above for c in a.children if c.i > head.i and _right_after(head.doc, end, c.left_edge.i)),
    ]
    for conj in candidates:
        kin = kinship.get(conj.lower_)
        if conj.dep_ != "conj" or kin is None or KINSHIP_RELATIONS.get(kin[0]) != "spouse":
            continue
        # "his wife Greta", or "wife Greta" with no determiner ("the daughter of Karl and wife
        # Greta"); not "the wife of Otto" or "Otto's wife", who is someone else's
        if not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in conj.children) and any(
            c.dep_ in {"det", "poss", "prep"} for c in conj.children
        ):
            continue
        for c in conj.children:
            e = index.token_entity.get(c.i)
            if c.dep_ in {"appos", "npadvmod"} and e is not None and index.labels[e] == PERSON:
                yield c


def _such_as_past_clause(head: Token) -> list[Token]:
    """ "photographers who used the camera, such as Jane Roe": the parser hangs ", such as"
    on the last noun of the relative clause; one that is not plural cannot be what the list
    names, so the list is the plural role's."""
    found = []
    for clause in head.children:
        if clause.dep_ != "relcl":
            continue
        for tok in clause.subtree:
            if (
                tok.dep_ == "prep"
                and tok.lower_ == "as"
                and tok.head.tag_ not in {"NNS", "NNPS"}
                and tok.i >= 2
                and tok.doc[tok.i - 2].text == ","
            ):
                found.append(tok)
    return found


def _list_members(tok: Token, index: EntityIndex | None = None) -> list[Token]:
    """The further names of a list that starts at ``tok``: "A, B and C" (B hangs on A as an
    apposition or conjunct, C on B). With ``index``, a name's conjuncts may hang on any of its
    words: the parser joins "and Greta of Lund" to "Savoy" in "Karl of Savoy and Greta of Lund"."""
    out: list[Token] = []
    seen = {tok.i}

    def words(t: Token) -> list[Token]:
        if index is None or t.i not in index.token_entity:
            return [t]
        first, last = mention_bounds(index, t.i)
        return list(t.doc[first : last + 1])

    def further(t: Token) -> list[Token]:
        inside = {w.i for w in words(t)}
        seen.update(inside)
        return [
            c
            for w in words(t)
            for c in w.children
            if c.dep_ in {"conj", "appos"} and c.i not in inside and c.i not in seen
        ]

    stack = further(tok)
    while stack:
        t = stack.pop(0)
        if t.i in seen:
            continue
        out.append(t)
        stack.extend(further(t))
    return out


def _inner_entities(span: object, index: EntityIndex) -> bool:
    """Whether every entity in a role phrase lies wholly inside it ("State" in "Secretary of
    State", a stray "Emeritus" in "Emeritus Professor"): then the phrase is the role."""
    toks = list(span)  # type: ignore[call-overload]
    if len(toks) < 2:
        return False
    doc = toks[0].doc
    ents = {index.token_entity[t.i] for t in toks if t.i in index.token_entity}
    for e in ents:
        if index.labels[e] == PERSON:
            return False
        for i in (toks[0].i - 1, toks[-1].i + 1):
            if 0 <= i < len(doc) and index.token_entity.get(i) == e:
                return False
    return True


def mention_bounds(index: EntityIndex, i: int) -> tuple[int, int]:
    """The first and last token of the entity mention that token ``i`` lies in."""
    e = index.token_entity[i]
    first = last = i
    while first > 0 and index.token_entity.get(first - 1) == e:
        first -= 1
    while index.token_entity.get(last + 1) == e:
        last += 1
    return first, last


def _is_name(tok: Token, index: EntityIndex) -> bool:
    """Whether ``tok`` lies in an entity mention written as a name (a capitalized word or an
    acronym), not in common nouns the recognizer took for one ("disco club")."""
    if tok.i not in index.token_entity:
        return False
    first, last = mention_bounds(index, tok.i)
    return any(t.is_title or t.is_upper or t.pos_ == "PROPN" for t in tok.doc[first : last + 1])


def _has_role(tok: Token, by_head: Mapping[int, _RoleMention]) -> bool:
    """Whether a name has a role of its own before it ("author Jane Roe and singer Ann Poe")."""
    return any(c.dep_ in {"compound", "nmod", "amod"} and c.i in by_head for c in tok.children)
