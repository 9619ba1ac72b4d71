"""The fact layer's pattern files without a model: every shipped pattern loads, and a bad
one is an error naming its file and line."""

from __future__ import annotations

import json

import pytest

from factx.relations import PatternError, load_patterns
from factx.relations.patterns import builtin_pattern_files, read_patterns


def test_relations_core_every_shipped_pattern_loads():
    files = builtin_pattern_files()
    assert len(files) >= 4
    patterns = load_patterns()
    assert len({p.id for p in patterns}) == len(patterns)
    assert {p.relation for p in patterns} >= {"born_in", "located_in", "spouse", "founded", "age"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "not valid JSON"),
        ('{"id": "x", "relation": "likes", "pattern": []}', "unknown relation 'likes'"),
        (
            '{"id": "x", "relation": "spouse", "pattern": [{"RIGHT_ID": "subject", "RIGHT_ATTRS": {}}]}',
            "no node named 'object'",
        ),
        (
            '{"id": "x", "relation": "spouse", "pattern": [{"RIGHT_ID": "subject", "RIGHT_ATTRS": {}},'
            ' {"LEFT_ID": "subject", "REL_OP": ">", "RIGHT_ID": "object", "RIGHT_ATTRS": {"LOWER": {"IN": "@nosuch"}}}]}',
            "unknown table reference '@nosuch'",
        ),
        (
            '{"id": "x", "relation": "spouse", "subject_labels": ["PEOPLE"], "pattern": [{"RIGHT_ID": "subject"},'
            ' {"LEFT_ID": "subject", "REL_OP": ">", "RIGHT_ID": "object"}]}',
            "unknown entity label",
        ),
        ('{"id": "x", "relation": "spouse", "pattern": [], "colour": "red"}', "unknown key"),
        (
            '{"id": "x", "relation": "spouse", "confidence": 2, "pattern": [{"RIGHT_ID": "subject"},'
            ' {"LEFT_ID": "subject", "REL_OP": ">", "RIGHT_ID": "object"}]}',
            "confidence must be",
        ),
    ],
)
def test_relations_core_bad_pattern_names_file_and_line(line, message):
    with pytest.raises(PatternError, match=message) as info:
        list(read_patterns(["# a comment", line], "mine.jsonl"))
    assert str(info.value).startswith("mine.jsonl:2:")


def test_relations_core_duplicate_pattern_id(tmp_path):
    record = {
        "id": "dup",
        "relation": "spouse",
        "pattern": [
            {"RIGHT_ID": "subject", "RIGHT_ATTRS": {}},
            {"LEFT_ID": "subject", "REL_OP": ">", "RIGHT_ID": "object", "RIGHT_ATTRS": {}},
        ],
    }
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps(record) + "\n")
    with pytest.raises(PatternError, match="already used"):
        load_patterns([path])
