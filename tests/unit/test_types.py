from __future__ import annotations

import dataclasses
import json

import pytest

import factx
from factx.types import (
    SCHEMA,
    DateMention,
    Entity,
    Extraction,
    Fact,
    FactObject,
    Mention,
    Span,
    TimeValue,
)


def _sample() -> Extraction:
    ent = Entity(
        id="e0",
        name="Ada Lovelace",
        label="PERSON",
        aliases=("Lovelace",),
        mentions=(Mention(0, 12, "Ada Lovelace"), Mention(30, 32, "she", kind="pronoun")),
    )
    place = Entity(id="e1", name="London", label="GPE", mentions=(Mention(50, 56, "London"),))
    fact = Fact(
        subject="e0",
        relation="born_in",
        object=FactObject(entity="e1"),
        evidence=Span(0, 57),
        confidence=0.9,
        time=TimeValue("1815"),
    )
    age = Fact(
        subject="e0",
        relation="age",
        object=FactObject(literal="36", text="36", start=14, end=16),
        evidence=Span(0, 57),
        confidence=0.8,
    )
    date = DateMention(60, 64, "1815", "1815", "year")
    return Extraction(entities=(ent, place), dates=(date,), facts=(fact, age), id="doc-1")


def test_types_to_dict_has_the_schema_keys():
    d = _sample().to_dict()
    assert d["schema"] == SCHEMA
    assert list(d) == ["schema", "id", "entities", "dates", "facts"]
    assert set(d["entities"][0]) == {"id", "name", "label", "aliases", "mentions"}
    assert d["entities"][0]["mentions"][1]["kind"] == "pronoun"
    assert "kind" not in d["entities"][0]["mentions"][0]
    assert set(d["facts"][0]) == {
        "subject",
        "relation",
        "object",
        "time",
        "negated",
        "confidence",
        "evidence",
        "support",
    }
    assert d["facts"][0]["support"] == 1 and "inferred" not in d["facts"][0]
    assert d["facts"][0]["object"] == {"entity": "e1"}
    assert d["facts"][1]["object"] == {"literal": "36", "text": "36", "start": 14, "end": 16}
    assert d["facts"][1]["time"] is None
    assert d["dates"][0] == {"text": "1815", "start": 60, "end": 64, "value": "1815", "granularity": "year"}


def test_types_round_trip_through_json():
    original = _sample()
    again = Extraction.from_dict(json.loads(json.dumps(original.to_dict())))
    assert again == original
    assert again.to_dict() == original.to_dict()


def test_types_empty_extraction_gives_empty_lists():
    d = Extraction().to_dict()
    assert d == {"schema": SCHEMA, "entities": [], "dates": [], "facts": []}


def test_types_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        _sample().entities[0].name = "x"  # type: ignore[misc]


def test_types_fact_object_is_entity_or_literal():
    with pytest.raises(ValueError):
        FactObject()
    with pytest.raises(ValueError):
        FactObject(entity="e0", literal="x")


def test_types_from_dict_rejects_another_schema():
    with pytest.raises(ValueError, match="factx/2"):
        Extraction.from_dict({"schema": "factx/2", "entities": [], "dates": [], "facts": []})


def test_types_entity_lookup():
    ex = _sample()
    assert ex.entity("e1").name == "London"
    with pytest.raises(KeyError):
        ex.entity("e9")


_GOOD_FACT = {
    "subject": "e0",
    "relation": "born_in",
    "object": {"entity": "e1"},
    "evidence": {"start": 0, "end": 30},
    "confidence": 0.9,
}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "no 'entities' and no 'facts' key"),
        ({"id": "r7", "error": {"type": "JSONDecodeError", "message": "empty line"}}, "is an error record"),
        (None, "not NoneType"),
        (
            {"schema": "factx/1", "entities": [{"id": "e0", "label": "PERSON"}], "facts": []},
            r"entities\[0\] has no 'name'",
        ),
        ({"schema": "factx/1", "entities": [None], "facts": []}, r"entities\[0\] does not have the factx/1 shape"),
        ({"schema": "factx/1", "entities": [], "facts": [{**_GOOD_FACT, "object": None}]}, r"facts\[0\] does not have"),
        (
            {"schema": "factx/1", "entities": [], "facts": [{k: v for k, v in _GOOD_FACT.items() if k != "evidence"}]},
            r"facts\[0\] has no 'evidence'",
        ),
        ({"schema": "factx/1", "entities": {}, "facts": []}, "entities must be a list"),
    ],
)
def test_types_from_dict_rejects_what_is_not_an_extraction_with_a_clear_error(data, message):
    with pytest.raises(factx.SchemaError, match=message):
        Extraction.from_dict(data)


def test_types_from_dict_still_reads_facts_only_output():
    data = {
        "schema": "factx/1",
        "entities": [{"id": "e0", "name": "Ola Nordmann", "label": "PERSON"}],
        "facts": [_GOOD_FACT],
    }
    assert Extraction.from_dict(data).facts[0].relation == "born_in"


def test_types_failure_round_trips_and_has_the_shape_of_a_batch_error_record():
    failure = factx.Failure.of(factx.InputTypeError("factx extracts from str, not bytes"), id="d1")
    assert failure == factx.Failure("InputTypeError", "factx extracts from str, not bytes", id="d1")
    assert failure.to_dict() == {"id": "d1", "error": {"type": "InputTypeError", "message": failure.message}}
    assert factx.Failure.from_dict(json.loads(json.dumps(failure.to_dict()))) == failure
    assert factx.Failure("KeyError", "'x'").to_dict() == {"error": {"type": "KeyError", "message": "'x'"}}
    with pytest.raises(factx.SchemaError):
        factx.Failure.from_dict({"entities": []})


def test_types_failure_of_an_exception_without_a_message_says_what_it_was():
    assert factx.Failure.of(RuntimeError()).message == "RuntimeError()"
