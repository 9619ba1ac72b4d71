"""Small helpers shared by factx's modules."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any


# itertools.batched does this from Python 3.12 on (yielding tuples); factx supports 3.10.
def batched(items: Iterable[Any], n: int) -> Iterator[list[Any]]:
    """Lists of ``n`` items (at least one) from ``items`` in order; the last may be shorter."""
    it = iter(items)
    while chunk := list(itertools.islice(it, max(1, n))):
        yield chunk


def word_hashes(words: Iterable[str]) -> frozenset[int]:
    """spaCy's string hashes of ``words``, to find them in a token array (computed, not
    added to any vocabulary's string store)."""
    from spacy.strings import hash_string

    return frozenset(hash_string(w) for w in words)


def tokens_with(doc: Any, hashes: frozenset[int], *, lemma: bool = False) -> list[int]:
    """The indices of the tokens whose lower-case form (or lemma) has one of ``hashes``,
    looked up in the document's columns (``factx.columns``): asking each token for its
    string costs more than the question."""
    from .columns import columns

    return list(columns(doc).where("LEMMA" if lemma else "LOWER", hashes))
