"""Resource bounds (issue 6): the parser never gets more than MAX_PARSE_CHARS at once."""

from __future__ import annotations

import pytest

from factx import api

TEXT = "Ingrid Solberg was born in Bergen. She moved to Oslo in 2001.\n\n"


@pytest.mark.model
def test_limits_the_parser_never_gets_more_than_max_parse_chars(extractor, monkeypatch):
    """Long texts in pieces, short ones in groups: no batch the parser takes in holds more
    than MAX_PARSE_CHARS characters (its memory grows with them), and the results are
    those of parsing every text alone."""
    limit = 400
    texts = [TEXT * 3, TEXT * 20, "", TEXT, TEXT * 2, TEXT * 5, TEXT]
    expected = [extractor(t) for t in texts]
    nlp = extractor.nlp
    real_pipe = nlp.pipe
    calls: list[int] = []

    def pipe(docs, batch_size=None, **kwargs):
        docs = list(docs)
        size = batch_size or nlp.batch_size  # what nlp.pipe takes in at once
        calls.extend(sum(len(d.text) for d in docs[i : i + size]) for i in range(0, len(docs), size))
        return real_pipe(docs, batch_size=batch_size, **kwargs)

    monkeypatch.setattr(api, "MAX_PARSE_CHARS", limit)
    monkeypatch.setattr(nlp, "pipe", pipe)
    piped = list(extractor.pipe(texts, batch_size=len(texts)))
    assert calls and max(calls) <= limit
    assert sum(calls) == sum(len(t) for t in texts)
    long = next(i for i, t in enumerate(texts) if len(t) > limit)
    assert [e.name for e in piped[long].entities] == [e.name for e in expected[long].entities]
    assert all(piped[i] == expected[i] for i, t in enumerate(texts) if len(t) <= limit)
