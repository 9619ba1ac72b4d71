from __future__ import annotations

import spacy

from factx.segment import mark_line_breaks, split_at_breaks


def test_segment_line_break_starts_a_sentence():
    nlp = spacy.blank("en")
    doc = mark_line_breaks(nlp.make_doc("A headline without a stop\n\nThe story begins here.\nA caption"))
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["A", "The", "A"]


def test_segment_crlf_and_single_breaks():
    nlp = spacy.blank("en")
    doc = mark_line_breaks(nlp.make_doc("first line\r\nsecond line\nthird"))
    assert [t.text for t in doc if t.is_sent_start] == ["first", "second", "third"]


def test_segment_split_entity_at_break():
    nlp = spacy.blank("en")
    doc = nlp.make_doc("fleeing Kenya\n\nOdhiambo said")
    span = doc[1:4]  # "Kenya \n\n Odhiambo"
    pieces = [doc[s:e].text for s, e in split_at_breaks(span)]
    assert pieces == ["Kenya", "Odhiambo"]


def test_segment_span_without_break_is_whole():
    nlp = spacy.blank("en")
    doc = nlp.make_doc("the Royal Society of London met")
    assert [doc[s:e].text for s, e in split_at_breaks(doc[1:5])] == ["Royal Society of London"]
