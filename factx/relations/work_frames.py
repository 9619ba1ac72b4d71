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
            while k < len(doc) and doc[k].text in QUOTES:
                k += 1
            record = index.token_entity.get(k)
            if record is None:
                continue
            j = noun.i - 1
            while j > noun.sent.start and doc[j].dep_ in BETWEEN_DEPS:
                j -= 1
            if doc[j].lower_ not in FROM_WORDS:
                continue
            host = doc[j].head
            if host.lemma_ in SOURCE_VERBS and host.pos_ == "VERB":
                host = host.head
            if host.lower_ not in TRACK_NOUNS:
                continue
            for track in _described(host, index):
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
    return [a for a in noun.children if a.dep_ == "appos" and a.i in index.token_entity]
