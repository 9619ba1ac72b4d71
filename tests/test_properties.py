"""Properties over arbitrary text: extract never raises on a str, offsets are exact, facts
point at entities that exist, and the output is deterministic."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.model

WORDS = st.sampled_from(
    ["Anna", "Berg", "Oslo", "Norway", "born", "in", "his", "wife", "'Kolya'", "(1950 –", "2001)", ",", ".",
     "\n\n", "\r\n", "she", "it", "the", "album", "of", "lives", "42", "March", "3", "U.S.", "NATO", "–", "“", "”",
     "not", "never", "Inc.", "\u202e", "\x00", "🚢", "Ωμέγα", "東京", "é"]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(WORDS, max_size=60).map(" ".join),
    st.lists(WORDS, max_size=60).map("".join),
)


def _check(text: str, result) -> None:
    ids = {e.id for e in result.entities}
    for e in result.entities:
        assert e.mentions, e
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
    for d in result.dates:
        assert text[d.start : d.end] == d.text
    for f in result.facts:
        assert f.subject in ids
        assert f.object.entity is None or f.object.entity in ids
        if f.object.start is not None:
            assert text[f.object.start : f.object.end] == f.object.text
        assert 0 <= f.evidence.start <= f.evidence.end <= len(text)
        assert 0 < f.confidence <= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXTS)
def test_properties_any_text_extracts_with_exact_offsets(extractor, text):
    result = extractor(text, reference_date="2020-01-01")
    _check(text, result)
    assert extractor(text, reference_date="2020-01-01") == result  # deterministic


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(TEXTS, max_size=6))
def test_properties_pipe_equals_single_calls(extractor, texts):
    assert list(extractor.pipe(texts, batch_size=2)) == [extractor(t) for t in texts]


def test_properties_no_network_at_run_time(extractor, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("factx tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = extractor("Ingrid Solberg, 51, moved to Bergen, Norway, last week.", reference_date="2021-05-05")
    assert result.entities and result.dates
