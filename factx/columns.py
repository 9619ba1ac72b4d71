"""A parsed document's token attributes as columns of integers, read once per extraction.

``Doc.to_array`` reads an attribute of every token at once, in C, where ``doc[i]`` makes a
new ``Token`` object each time and asking it for a string costs more than most questions
factx asks of it. The stages after the parse read the same attributes over and over (the
words a rule looks for, heads, sentence starts, the relation patterns' columns), so one
extraction reads them once into a ``Columns`` that every stage shares: inside
``kept(doc)``, which ``Extractor.extract_doc`` opens around its stages, ``columns(doc)``
gives the same one each time; outside, a new one each call, so that a Doc changed between
two calls is never read stale.

The entity attributes are not here: the extraction replaces the Doc's entities midway, and
the relation matcher reads them after that.
"""

from __future__ import annotations

from collections.abc import Iterator, KeysView
from contextlib import contextmanager
from itertools import accumulate
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

# The attributes read, all at once: those of the relation patterns and of the stages' word
# lookups, the head and the sentence starts.
ATTRS = (
    "ORTH",
    "LOWER",
    "LEMMA",
    "POS",
    "TAG",
    "DEP",
    "SHAPE",
    "IS_TITLE",
    "IS_ALPHA",
    "IS_DIGIT",
    "IS_PUNCT",
    "LIKE_NUM",
    "IS_LOWER",
    "IS_UPPER",
    "HEAD",
    "SENT_START",
)
_AT = {name: k for k, name in enumerate(ATTRS)}


class ValueIndex:
    """One column's tokens by value: which values the document holds, and where."""

    __slots__ = ("_found", "by_value")

    def __init__(self, column: list[int]) -> None:
        by_value: dict[int, list[int]] = {}
        for i, value in enumerate(column):
            if value in by_value:
                by_value[value].append(i)
            else:
                by_value[value] = [i]
        self.by_value = by_value
        self._found: dict[frozenset[int], list[int]] = {}

    @property
    def present(self) -> KeysView[int]:
        """The values some token holds."""
        return self.by_value.keys()

    def where(self, values: frozenset[int]) -> list[int]:
        """The tokens holding one of ``values``, in order; kept for the document, so the
        list must not be changed."""
        found = self._found.get(values)
        if found is None:
            by_value = self.by_value
            # the values the document holds, intersected in C: a lookup may list 240 words
            hits = [by_value[v] for v in by_value.keys() & values]
            found = hits[0] if len(hits) == 1 else sorted(i for h in hits for i in h)
            self._found[values] = found
        return found


class Columns:
    """The ``ATTRS`` of every token of one Doc as lists of ints (string attributes as
    their hashes in the vocabulary's string store), with heads as token indices and each
    token's sentence number."""

    __slots__ = ("_columns", "_indexes", "_sentence_numbers", "_sentence_starts", "heads", "n")

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import IDS

        self.n = len(doc)
        self._indexes: dict[str, ValueIndex] = {}
        self._sentence_numbers: list[int] | None = None
        self._sentence_starts: list[int] | None = None
        if self.n == 0:
            self._columns: list[list[int]] = [[] for _ in ATTRS]
            self.heads: list[int] = []
            return
        array = doc.to_array([IDS[name] for name in ATTRS])
        self._columns = array.T.tolist()
        # HEAD is an offset, read as unsigned like the rest
        offsets = array[:, _AT["HEAD"]].astype("int64").tolist()
        self.heads = [i + off for i, off in enumerate(offsets)]

    def column(self, name: str) -> list[int]:
        """Attribute ``name`` of every token, in order (``HEAD`` as offsets; ``heads`` has
        them as indices)."""
        return self._columns[_AT[name]]

    def index(self, name: str) -> ValueIndex:
        """The tokens of each value of attribute ``name``, built the first time it is asked."""
        found = self._indexes.get(name)
        if found is None:
            found = self._indexes[name] = ValueIndex(self.column(name))
        return found

    def where(self, name: str, values: frozenset[int]) -> list[int]:
        """The tokens whose attribute ``name`` holds one of ``values`` (hashes), in order;
        the list is shared and must not be changed."""
        return self.index(name).where(values)

    @property
    def sentence_numbers(self) -> list[int]:
        """The sentence number of each token (0 for the first sentence)."""
        if self._sentence_numbers is None:
            starts = self.column("SENT_START")
            if not starts:
                self._sentence_numbers = []
            else:
                steps = [1 if s == 1 else 0 for s in starts]
                steps[0] = 0
                self._sentence_numbers = list(accumulate(steps))
        return self._sentence_numbers

    def sentence(self, number: int) -> tuple[int, int]:
        """The first token of sentence ``number`` and the token after its last (the
        sentences of ``Token.sent``: from the sentence starts)."""
        if self._sentence_starts is None:
            numbers = self.sentence_numbers
            self._sentence_starts = [i for i in range(self.n) if i == 0 or numbers[i] != numbers[i - 1]]
        starts = self._sentence_starts
        return starts[number], starts[number + 1] if number + 1 < len(starts) else self.n


# id(doc) -> (doc, its columns once read) for the Docs being extracted; the Doc is held so
# that its id is not reused while it is here.
_kept: dict[int, tuple[Doc, Columns | None]] = {}


@contextmanager
def kept(doc: Doc) -> Iterator[None]:
    """Within this block, ``columns(doc)`` reads ``doc`` once and gives the same
    ``Columns`` to every caller: the Doc's tokens and parse must not change inside it."""
    key = id(doc)
    if key in _kept:  # an extraction inside another's block: the outer one keeps them
        yield
        return
    _kept[key] = (doc, None)
    try:
        yield
    finally:
        _kept.pop(key, None)


def columns(doc: Doc) -> Columns:
    """The columns of ``doc``: read once inside ``kept(doc)``, anew outside it."""
    entry = _kept.get(id(doc))
    if entry is None or entry[0] is not doc:
        return Columns(doc)
    found = entry[1]
    if found is None:
        found = Columns(doc)
        _kept[id(doc)] = (doc, found)
    return found
