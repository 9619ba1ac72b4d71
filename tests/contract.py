"""The contract every factx result keeps, shared by the property and hostile-input tests."""

from __future__ import annotations

import factx


def check(text: str, result: factx.Extraction) -> None:
    """Offsets give the text, every entity has a mention, facts name existing entities and
    carry a confidence in (0, 1]."""
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
        if f.time is not None and f.time.start is not None:
            assert text[f.time.start : f.time.end] == f.time.text
        assert 0 <= f.evidence.start < f.evidence.end <= len(text)
        assert 0 < f.confidence <= 1
