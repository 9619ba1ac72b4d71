"""factx.columns: a Doc's token attributes read once per extraction, on hand-built Docs."""

from __future__ import annotations

import spacy
from spacy.strings import hash_string
from spacy.tokens import Doc

from factx import columns as cols


def _doc() -> Doc:
    nlp = spacy.blank("en")
    words = ["Mira", "Tolvan", "met", "Osk", ".", "Then", "she", "met", "Osk", "again", "."]
    heads = [1, 2, 2, 2, 2, 7, 7, 7, 7, 7, 7]
    sent_starts = [True, False, False, False, False, True, False, False, False, False, False]
    return Doc(nlp.vocab, words=words, heads=heads, deps=["dep"] * len(words), sent_starts=sent_starts)


def test_columns_give_heads_sentences_and_positions_of_words() -> None:
    doc = _doc()
    table = cols.columns(doc)
    assert table.n == len(doc)
    assert table.heads == [t.head.i for t in doc]
    assert table.sentence_numbers == [0] * 5 + [1] * 6
    assert [table.sentence(0), table.sentence(1)] == [(0, 5), (5, 11)]
    assert table.sentence(1) == (doc[7].sent.start, doc[7].sent.end)
    assert table.where("LOWER", frozenset({hash_string("osk"), hash_string("then")})) == [3, 5, 8]
    assert table.where("ORTH", frozenset({hash_string("osk")})) == []  # ORTH keeps the case
    assert table.where("LOWER", frozenset({hash_string("nowhere")})) == []
    assert set(table.index("LOWER").present) == {hash_string(t.lower_) for t in doc}


def test_columns_are_read_once_inside_kept_and_anew_outside() -> None:
    doc, other = _doc(), _doc()
    assert cols.columns(doc) is not cols.columns(doc)
    with cols.kept(doc):
        first = cols.columns(doc)
        assert cols.columns(doc) is first
        with cols.kept(doc):  # a nested block keeps the outer one's
            assert cols.columns(doc) is first
        assert cols.columns(doc) is first
        assert cols.columns(other) is not cols.columns(other)  # another Doc is not kept
    assert cols.columns(doc) is not first


def test_columns_of_an_empty_doc() -> None:
    doc = Doc(spacy.blank("en").vocab, words=[])
    table = cols.columns(doc)
    assert table.n == 0
    assert table.heads == []
    assert table.sentence_numbers == []
    assert table.where("LOWER", frozenset({hash_string("a")})) == []
