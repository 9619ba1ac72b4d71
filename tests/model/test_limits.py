"""Resource bounds (issue 6): the parser never gets more than MAX_PARSE_CHARS at once, and
``max_chars`` / ``--max-chars`` caps a document for users who prefer a fast failure."""

from __future__ import annotations

import io
import json

import pytest

import factx
from factx import api, batch, cli

TEXT = "Ingrid Solberg was born in Bergen. She moved to Oslo in 2001.\n\n"


@pytest.mark.model
def test_limits_max_chars_lets_a_text_of_that_length_through(extractor):
    capped = factx.Extractor(extractor.nlp, max_chars=len(TEXT))
    assert capped(TEXT) == extractor(TEXT)
    with pytest.raises(factx.DocumentTooLargeError):
        list(capped.pipe([TEXT, TEXT + "x"]))


@pytest.mark.model
def test_limits_batch_turns_a_too_long_text_into_an_error_record_and_goes_on(extractor):
    capped = factx.Extractor(extractor.nlp, max_chars=len(TEXT))
    records = [batch.Record(id=i, text=t, line=i + 1) for i, t in enumerate([TEXT, TEXT * 2, "", TEXT])]
    out = io.BytesIO()
    summary = batch.run(records, out, extractor=capped, batch_size=4)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [x["id"] for x in lines] == [0, 1, 2, 3]
    assert (summary.succeeded, summary.failed) == (3, 1)
    assert lines[1]["error"]["type"] == "DocumentTooLargeError"
    assert "max_chars" in lines[1]["error"]["message"] and lines[1]["error"]["line"] == 2
    assert lines[0]["entities"] and {**lines[0], "id": 3} == lines[3]


@pytest.mark.model
def test_limits_cli_max_chars(extractor, tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text(TEXT, encoding="utf-8")
    assert cli.main(["extract", str(story), "--max-chars", str(len(TEXT) - 1)]) == 2
    assert "max_chars" in capsys.readouterr().err
    assert cli.main(["extract", str(story), "--max-chars", str(len(TEXT))]) == 0
    assert {"Ingrid Solberg", "Bergen", "Oslo"} <= {e["name"] for e in json.loads(capsys.readouterr().out)["entities"]}
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(json.dumps({"id": "a", "text": TEXT}) + "\n" + json.dumps({"id": "b", "text": "Oslo."}) + "\n")
    assert cli.main(["batch", str(jsonl), "--max-chars", "10", "-q"]) == 1  # some records failed
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["id"] for x in lines] == ["a", "b"]
    assert lines[0]["error"]["type"] == "DocumentTooLargeError" and "error" not in lines[1]


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
    assert [i for i, t in enumerate(texts) if len(t) <= limit and piped[i] != expected[i]] == []
