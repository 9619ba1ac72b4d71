from __future__ import annotations

import spacy

from factx.text import mark_line_breaks, split_at_breaks


def test_text_line_break_starts_a_sentence():
    nlp = spacy.blank("en")
    doc = mark_line_breaks(nlp.make_doc("A headline without a stop\n\nThe story begins here.\nA caption"))
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["A", "The", "A"]


def test_text_crlf_and_single_breaks():
    nlp = spacy.blank("en")
    doc = mark_line_breaks(nlp.make_doc("first line\r\nsecond line\nthird"))
    assert [t.text for t in doc if t.is_sent_start] == ["first", "second", "third"]


def test_text_split_entity_at_break():
    nlp = spacy.blank("en")
    doc = nlp.make_doc("fleeing Kenya\n\nOdhiambo said")
    span = doc[1:4]  # "Kenya \n\n Odhiambo"
    pieces = [doc[s:e].text for s, e in split_at_breaks(span)]
    assert pieces == ["Kenya", "Odhiambo"]


def test_text_span_without_break_is_whole():
    nlp = spacy.blank("en")
    doc = nlp.make_doc("the Royal Society of London met")
    assert [doc[s:e].text for s, e in split_at_breaks(doc[1:5])] == ["Royal Society of London"]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from factx.text import chunk_spans  # noqa: E402


def test_text_chunks_prefer_paragraphs():
    text = "First paragraph here.\n\nSecond one is here.\n\nThird."
    spans = chunk_spans(text, 30)
    assert [text[a:b] for a, b in spans] == ["First paragraph here.\n\n", "Second one is here.\n\nThird."]


def test_text_chunks_cut_inside_an_enormous_word():
    text = "a" * 25
    assert chunk_spans(text, 10) == [(0, 10), (10, 20), (20, 25)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n?!"), max_size=400), st.integers(min_value=2, max_value=60))
def test_text_chunks_cover_the_text_exactly(text, limit):
    spans = chunk_spans(text, limit)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(0 < b - a <= limit for a, b in spans) or text == ""
    assert [i for i in range(len(spans) - 1) if spans[i][1] != spans[i + 1][0]] == []
