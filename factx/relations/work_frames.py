"""Work frames: a track and the record it comes from.

"X is the third single from the album Y", "X is a song from Ana Holt's album Y", "X ... is
the second single off the EP Y", "X is a 1971 song by Ana Holt, taken from her album Y":
the track is ``part_of`` the record. The record is the name right after its noun (past a
quotation mark); the track is the name that the track noun ("single", "song") describes, as a
copula's subject or in apposition. Read partly from the words: the parse hangs the record's
name and the preposition in many places.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._util import tokens_with, word_hashes
from .frames import FrameFact

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .resolve import EntityIndex

CONFIDENCE = 0.75
TRACK_NOUNS = frozenset({"single", "song", "track", "ballad", "b-side"})
RECORD_NOUNS = frozenset({"album", "ep", "lp", "record", "soundtrack", "mixtape"})
_RECORD_HASHES = word_hashes(RECORD_NOUNS)
FROM_WORDS = frozenset({"from", "off", "on"})
# "taken from her album", "released as a single from the album": the verb between
SOURCE_VERBS = frozenset({"take", "release", "lift", "cull", "extract", "draw"})
# "a song recorded by Ana Holt for her album Y": "for" after a verb of making a track
FOR_VERBS = frozenset({"record", "write", "compose", "produce", "release", "cut"})
QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})
# words between the preposition and the record noun: "from (the|her|Jane Roe's) (debut) album"
BETWEEN_DEPS = frozenset({"det", "poss", "case", "amod", "nummod", "compound", "nmod"})


class WorkFrames:
    """The work frames of one document: call ``facts(doc, index)``."""

    def facts(self, doc: Doc, index: EntityIndex) -> list[FrameFact]:
        out: list[FrameFact] = []
        for noun in map(doc.__getitem__, tokens_with(doc, _RECORD_HASHES)):
            if noun.pos_ != "NOUN":
                continue
            k = noun.i + 1
            if k < len(doc) and doc[k].text == ",":  # "her fifth album, 'Black Tide'"
                k += 1
            while k < len(doc) and doc[k].text in QUOTES:
                k += 1
            record = index.token_entity.get(k)
            if record is None:
                continue
            j = noun.i - 1
            while j > noun.sent.start and doc[j].dep_ in BETWEEN_DEPS:
                j -= 1
            host = doc[j].head
            if doc[j].lower_ == "for" and host.lemma_ == "be":
                # "X is a song recorded by Ana Holt for her album Y": the parse may hang "for"
                # on the copula; the participle that makes the track is the attribute's
                made = [
                    v
                    for a in host.children
                    if a.dep_ == "attr" and a.lower_ in TRACK_NOUNS
                    for v in a.children
                    if v.dep_ == "acl" and v.lemma_ in FOR_VERBS and v.i < j
                ]
                host = made[0] if made else host
            made_for = doc[j].lower_ == "for" and host.lemma_ in FOR_VERBS and host.pos_ == "VERB"
            if not made_for and doc[j].lower_ not in FROM_WORDS:
                continue
            tracks: list[Token] = []
            if made_for and host.dep_ != "acl":
                # "Ana Holt released X as a single for her album Y": the verb's object
                if any(
                    p.dep_ == "prep" and p.lower_ == "as" and any(o.lower_ in TRACK_NOUNS for o in p.children)
                    for p in host.children
                ):
                    tracks = [o for o in host.children if o.dep_ == "dobj" and o.i in index.token_entity]
            else:
                if host.pos_ == "VERB" and (host.lemma_ in SOURCE_VERBS or made_for):
                    host = host.head  # "a song recorded by Ana Holt for her album Y"
                if host.lower_ in TRACK_NOUNS:
                    tracks = _described(host, index)
            for track in tracks:
                if index.token_entity.get(track.i) != record:
                    out.append(FrameFact("work.album", "part_of", noun.i, track.i, k, None, CONFIDENCE))
        return out


def _described(noun: Token, index: EntityIndex) -> list[Token]:
    """The names a track noun describes: the copula's subject ("X is the third single"), the
    name it is in apposition to ("X, the third single"), or its own apposition ("the single
    X")."""
    if noun.dep_ in {"attr", "acomp"} and noun.head.lemma_ == "be":
        return [s for s in noun.head.children if s.dep_ in {"nsubj", "nsubjpass"} and s.i in index.token_entity]
    if noun.dep_ == "appos" and noun.head.i in index.token_entity:
        return [noun.head]
    # "Ana Holt released X as a single": the object of the verb "as" hangs on
    if noun.dep_ == "pobj" and noun.head.lower_ == "as":
        return [o for o in noun.head.head.children if o.dep_ == "dobj" and o.i in index.token_entity]
    return [a for a in noun.children if a.dep_ == "appos" and a.i in index.token_entity]
