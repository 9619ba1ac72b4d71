"""Who states a fact: reported speech, "according to" and quotations.

A fact stated in a clause that a reporting verb introduces ("Acme bought Initech, the
company said"; "Roe claimed that Acme had bought Initech"), after "according to X", or
inside quotation marks, is someone's claim rather than the narrator's. Its
``attributed_to`` names the speaker: the entity id when the speaker is one of the
document's entities (directly, or as a resolved pronoun: "she said"), else the words that
name the speaker ("a company spokesman", "police"), else ``UNNAMED`` ("it was reported
that ..."). Reporting words are the table ``models/reporting.tsv``.

The reporting verb must govern the fact's clause (as ``ccomp`` or ``parataxis``, either
way round): in "Roe, who was born in Leeds, said ..." the birth is not what Roe said. A
quotation is a stretch between paired quotation marks; a fact inside one goes to the
speaker named by a reporting verb outside the quotation in the sentence where it opens
or closes, else in the sentence before it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from .. import tables
from .._util import word_hashes
from ..columns import columns
from .resolve import EntityIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

UNNAMED = "unnamed"
# How a reporting verb governs the clause it reports, or hangs on it ("..., she said").
REPORTED_DEPS = frozenset({"ccomp", "parataxis"})
SPEAKER_DEPS = frozenset({"nsubj"})
# Dependents that belong to the words naming a speaker ("a company spokesman").
SPEAKER_WORDS = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod"})
# Opening mark -> closing mark. Curly single quotes count (British and tabloid style); a
# closing "\u2019" token is a quote mark, since the tokenizer keeps apostrophes in their words
# ("didn\u2019t", "\u2019s"). Straight single quotes do not: they are too often apostrophes.
QUOTE_PAIRS = {'"': '"', "\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c", "\u2018": "\u2019"}
# A quotation longer than this many tokens is more likely an unpaired mark than a quote.
MAX_QUOTE_TOKENS = 400


class Attribution:
    """Speakers of the facts of one parsed document."""

    def __init__(self, doc: Doc, index: EntityIndex) -> None:
        self.doc = doc
        self.index = index
        self.verbs, self.phrases = _reporting()
        self.quote_of = _quotes(doc)  # token index -> (first, last) token of its quotation
        # Most documents hold no reporting verb or phrase at all: then no fact's clause
        # needs walking for one (looked up once in the document's columns).
        table = columns(doc)
        verb_hashes, phrase_hashes = _reporting_hashes()
        self.reports = not table.index("LEMMA").present.isdisjoint(verb_hashes)
        self.cites = not table.index("LOWER").present.isdisjoint(phrase_hashes)

    def speaker(self, anchor: Token) -> str | None:
        """The entity id (``"e3"``) or words of whoever states the fact anchored at
        ``anchor``; None when the narrator does."""
        reporter = self._reporting_verb(anchor) if self.reports else None
        if reporter is not None:
            return self._who(reporter)
        for tok in (anchor, *anchor.ancestors) if self.cites else ():
            for child in tok.children:
                prep = self.phrases.get(child.lower_)
                if prep is None:
                    continue
                for p in child.children:
                    if p.lower_ == prep:
                        objects = [o for o in p.children if o.dep_ == "pobj"]
                        if objects:
                            return self._name(objects[0])
        quote = self.quote_of.get(anchor.i)
        if quote is not None:
            return self._quote_speaker(*quote)
        return None

    def _reporting_verb(self, anchor: Token) -> Token | None:
        tok = anchor
        while True:
            for child in tok.children:
                # "Acme bought Initech, the company said": the report hangs on the clause
                if (
                    child.lemma_ in self.verbs
                    and child.dep_ in REPORTED_DEPS
                    and child.i > tok.i
                    and child.pos_ == "VERB"
                ):
                    return child
            head = tok.head
            if head.i == tok.i:
                return None
            if head.lemma_ in self.verbs and tok.dep_ in REPORTED_DEPS and head.pos_ == "VERB":
                return head
            tok = head

    def _who(self, verb: Token) -> str:
        subjects = [c for c in verb.children if c.dep_ in SPEAKER_DEPS]
        if not subjects:
            return UNNAMED
        return self._name(subjects[0])

    def _name(self, token: Token) -> str:
        ent, _how = self.index.entity_of(token)
        if ent is not None:
            return f"e{ent}"
        if token.pos_ == "PRON":
            return UNNAMED
        words = [c for c in token.children if c.dep_ in SPEAKER_WORDS and c.i < token.i]
        start = min((w.left_edge.i for w in words), default=token.i)
        return self.doc[start : token.i + 1].text

    def _quote_speaker(self, first: int, last: int) -> str:
        """The speaker of the quotation from ``first`` to ``last``: named by a reporting verb
        outside it in the sentence where it opens or closes, else in the sentence before
        (a quotation that goes on after "she said." or after another quotation of hers)."""
        doc = self.doc
        opening = doc[first].sent
        sentences = [opening, doc[last].sent]
        if opening.start > 0:
            sentences.append(doc[opening.start - 1].sent)
        for sent in sentences:
            for tok in sent:
                if first <= tok.i <= last:
                    continue
                if tok.lemma_ in self.verbs and tok.pos_ == "VERB":
                    return self._who(tok)
        return UNNAMED


@cache
def _reporting() -> tuple[frozenset[str], dict[str, str]]:
    """The reporting verbs, and the first word of each reporting phrase -> its second
    ("according" -> "to"), made once rather than for each document."""
    words = tables.reporting_words()
    verbs = frozenset(w for w, kind in words.items() if kind == "verb")
    phrases = {w.split()[0]: w.split()[1] for w, kind in words.items() if kind == "phrase" and " " in w}
    return verbs, phrases


@cache
def _reporting_hashes() -> tuple[frozenset[int], frozenset[int]]:
    """The hashes of the reporting verbs (lemmas) and of the reporting phrases' first words."""
    verbs, phrases = _reporting()
    return word_hashes(verbs), word_hashes(phrases)


@cache
def _quote_hashes() -> frozenset[int]:
    from spacy.strings import hash_string

    marks = {*QUOTE_PAIRS, *QUOTE_PAIRS.values(), "``", "''"}
    return frozenset(hash_string(m) for m in marks)


def _quotes(doc: Doc) -> dict[int, tuple[int, int]]:
    """Token index -> the (first, last) token inside the quotation holding it."""
    out: dict[int, tuple[int, int]] = {}
    open_at: int | None = None
    closing = ""
    # only quotation marks open or close a quotation: they are found in the token columns
    for at in columns(doc).where("ORTH", _quote_hashes()):
        tok = doc[at]
        text = tok.text
        if open_at is None:
            if text in QUOTE_PAIRS or text == "``":
                open_at, closing = tok.i, QUOTE_PAIRS.get(text, "''")
            continue
        if text == closing or (closing == '"' and text == "''"):
            first, last = open_at + 1, tok.i - 1
            if first <= last and last - first < MAX_QUOTE_TOKENS:
                for i in range(first, last + 1):
                    out[i] = (first, last)
            open_at = None
    return out
