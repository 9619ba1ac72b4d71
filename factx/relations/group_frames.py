"""Group frames: what a group or a place is made of, and who forms a group.

- ``consisting``: "Tin Roof is a trio consisting of Jane Roe, Tom Lee and Ann Poe", "Tin
  Roof, a band composed of singer Jane Roe and drummer Tom Lee", "the duo was made up of two
  members: Jane Roe and Tom Lee", "The trio comprises Jane Roe and Tom Lee": each person
  listed is ``member_of`` the group; "The archipelago consists of Vik Island and Ness Island":
  each place listed is ``part_of`` the place.
- ``formed``: "Tin Roof was formed in 1998 by Jane Roe and Tom Lee", "Jane Roe and Tom Lee
  formed the band Tin Roof": who forms a group people are members of (a band, a duo, a
  party: ``models/group_nouns.tsv``) is its member. A company's founders are not its
  members: the group must be named with such a noun, or described as one in the text.

The group is the verb's subject, the name the participle's noun stands for ("a trio
consisting of": the copula's subject or the name in apposition) or the name right after a
group noun ("the band Tin Roof, composed of ..."). The members are read from the words
after "of" or "by" (``frames.listed_names``): the parse hangs a list anywhere. Negation,
hypotheticals and confidence are the fact layer's.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import tables
from .._util import tokens_with, word_hashes
from .frames import FrameFact, listed_names, mention_bounds

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .resolve import EntityIndex

PERSON = "PERSON"
PLACES = frozenset({"GPE", "LOC", "FAC"})
CONFIDENCE = {"consisting": 0.75, "formed": 0.7}
LIST_FACTOR = 0.95  # each further name of the list
# the words that say what a whole is made of; "of" follows all but "comprise"
CONSISTING_WORDS = frozenset(
    {
        "consist",
        "consists",
        "consisted",
        "consisting",
        "composed",
        "comprise",
        "comprises",
        "comprised",
        "comprising",
        "made",
    }
)
FORMING_WORDS = frozenset({"form", "forms", "formed", "forming", "co-founded", "cofounded", "co-formed"})
# words before the list passed over: "of three members:", "of the members"
LIST_OPENERS = frozenset({"the", "its", "their", "members", "member", ":", "-", "—"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@functools.cache
def _hashes() -> frozenset[int]:
    return word_hashes(CONSISTING_WORDS | FORMING_WORDS)


class GroupFrames:
    """The group frames of one document: call ``facts(doc, index)``."""

    def facts(self, doc: Doc, index: EntityIndex) -> list[FrameFact]:
        out: list[FrameFact] = []
        for i in tokens_with(doc, _hashes()):
            word = doc[i]
            if word.lower_ in CONSISTING_WORDS:
                out.extend(_consisting(word, index))
            else:
                out.extend(_formed(word, index))
        return out


def _consisting(verb: Token, index: EntityIndex) -> Iterator[FrameFact]:
    doc = verb.doc
    k = verb.i + 1
    if verb.lower_ == "made":  # "made up of"
        if k + 1 >= len(doc) or doc[k].lower_ != "up":
            return
        k += 1
    if k < len(doc) and doc[k].lower_ == "of":
        k += 1
    elif not verb.lower_.startswith("compris"):
        return
    if any(c.dep_ == "neg" for c in verb.children):
        return
    group = _group(verb, index)
    whole = None if group is None else index.entity_of(group)[0]
    if group is None or whole is None:
        return
    label = index.labels[whole]
    if label in PLACES:
        relation, labels = "part_of", PLACES
    elif label == "ORG" or _is_members_group(group, index):
        relation, labels = "member_of", frozenset({PERSON})
    else:
        return
    yield from _members(doc, _past_openers(doc, k), group, relation, labels, "consisting", verb, index)


def _formed(verb: Token, index: EntityIndex) -> Iterator[FrameFact]:
    doc = verb.doc
    if any(c.dep_ == "neg" for c in verb.children):
        return
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if any(c.dep_ == "nsubjpass" for c in subjects):  # "Tin Roof was formed (in 1998) by ..."
        group = _named(subjects[0], index)
        by = next((c for c in verb.children if c.dep_ == "agent" and c.lower_ == "by"), None)
        if group is None or by is None or not _is_members_group(group, index):
            return
        yield from _members(doc, by.i + 1, group, "member_of", frozenset({PERSON}), "formed", verb, index)
        return
    # "Jane Roe and Tom Lee formed the band Tin Roof"
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects or not subjects:
        return
    group = _named(objects[0], index)
    if group is None or not _is_members_group(group, index):
        return
    first = subjects[0]
    founders = [first, *first.conjuncts] if first.i in index.token_entity else []
    for n, member in enumerate(founders):
        e = index.token_entity.get(member.i)
        if e is not None and index.labels[e] == PERSON and e != index.entity_of(group)[0]:
            conf = CONFIDENCE["formed"] * (LIST_FACTOR if n else 1.0)
            yield FrameFact("group.formed", "member_of", verb.i, member.i, group.i, None, conf)


def _members(
    doc: Doc,
    k: int,
    group: Token,
    relation: str,
    labels: frozenset[str],
    frame: str,
    verb: Token,
    index: EntityIndex,
) -> Iterator[FrameFact]:
    whole = index.entity_of(group)[0]
    for n, member in enumerate(listed_names(doc, k, index, labels)):
        if index.token_entity[member.i] == whole:
            continue
        conf = CONFIDENCE[frame] * (LIST_FACTOR if n else 1.0)
        yield FrameFact(f"group.{frame}", relation, verb.i, member.i, group.i, None, conf)


def _past_openers(doc: Doc, k: int) -> int:
    """Past "the", "three", "members" and a colon before a list ("of three members: ...")."""
    start = k
    while k < len(doc) and k - start < 4 and (doc[k].lower_ in LIST_OPENERS or doc[k].like_num):
        k += 1
    return k


def _group(verb: Token, index: EntityIndex) -> Token | None:
    """The whole a consisting word is about: the clause's subject ("Tin Roof consists of",
    "Tin Roof is made up of"), or the noun its participle describes and the name that noun
    stands for ("Tin Roof is a trio consisting of", "Tin Roof, a trio composed of", "the
    trio Tin Roof, consisting of")."""
    if verb.dep_ in {"acl", "relcl"}:
        return _named(verb.head, index)
    for subject in verb.children:
        if subject.dep_ in SUBJECTS:
            return _named(subject, index)
    return None


def _named(noun: Token, index: EntityIndex) -> Token | None:
    """The name token ``noun`` stands for: itself, the name in apposition with it or right
    after it ("the trio Tin Roof"), the copula's subject ("X is a trio"), or the
    organization a definite description names ("the band", after "X is a band")."""
    if noun.i in index.token_entity:
        return noun
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    if noun.dep_ == "appos" and noun.head.i in index.token_entity:
        return noun.head
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        subjects = [s for s in noun.head.children if s.dep_ == "nsubj" and s.i in index.token_entity]
        return subjects[0] if subjects else None
    for child in noun.children:
        # "the trio Tin Roof", "the Vik archipelago"
        if (child.dep_ == "appos" and child.i > noun.i) or child.dep_ in {"compound", "nmod"}:
            if child.i in index.token_entity:
                return child
    after = noun.i + 1
    if after < len(noun.doc) and after in index.token_entity and noun.lower_ in tables.group_nouns():
        return noun.doc[mention_bounds(index, after)[1]]
    ent, how = index.entity_of(noun)
    if ent is not None and how == "description":
        return noun
    return None


def _is_members_group(group: Token, index: EntityIndex) -> bool:
    """Whether the text calls the group a kind people are members of: a group noun before or
    after its name ("the band Tin Roof", "Tin Roof, a trio"), or a description of it ("Tin
    Roof is a band")."""
    nouns = tables.group_nouns()
    ent = index.token_entity.get(group.i)
    if ent is None:
        # a description ("the band") stands for the group
        return nouns.get(group.lower_) == "members"
    if index.labels[ent] != "ORG":
        return False
    doc = group.doc
    first, last = mention_bounds(index, group.i)
    near = [doc[first - 1]] if first > 0 else []
    near += [doc[first - 2]] if first > 1 and doc[first - 1].lower_ == "the" else []
    near += [t for t in doc[first : last + 1] if t.head.i not in range(first, last + 1)]
    near += [t.head for t in near] + [c for t in doc[first : last + 1] for c in t.children if c.dep_ == "appos"]
    if any(nouns.get(t.lower_) == "members" for t in near):
        return True
    return any(e == ent for noun, kind in nouns.items() if kind == "members" for _, e in index.described.get(noun, []))
