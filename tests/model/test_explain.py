"""Explanations (issue 7): with ``explain`` every fact says which pattern made it, which
tokens it matched and how its subject and object were found, and every entity why each
alias joined it; without it the output keeps the plain factx/1 shape."""

from __future__ import annotations

import json

import pytest

import factx
from factx.aliases import MergeSettings

pytestmark = pytest.mark.model

FACT_KEYS = {"subject", "relation", "object", "time", "negated", "confidence", "evidence", "support"}
OPTIONAL_FACT_KEYS = {"inferred", "predicate", "attributed_to", "custom", "slots"}
ENTITY_KEYS = {"id", "name", "label", "aliases", "mentions"}
HOWS = {"name", "alias", "pronoun", "relative", "description", "apposition", "demonym", "literal", "inferred"}


@pytest.fixture(scope="module")
def explaining(extractor) -> factx.Extractor:
    return factx.Extractor(extractor.nlp, explain=True)


@pytest.fixture(scope="module")
def seed_text(shared) -> tuple[str, str | None]:
    gold_path = next((shared / "data" / "seed").glob("*.gold.json"))
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return (gold_path.parent / gold["doc"]).read_text(encoding="utf-8"), gold.get("reference_date")


def _check_explained_fact(fact: dict) -> None:
    why = fact["explanation"]
    assert why["pattern"] and why["source"], why
    for role in ("subject", "object"):
        assert why[role]["how"] in HOWS, why
    if not why["pattern"].startswith("inferred."):  # inferred facts name the entity they go through
        assert {"subject", "object"} <= set(why["matched"]), why
        for token in why["matched"].values():
            assert token["end"] > token["start"]


def test_explain_every_fact_and_alias_of_the_seed_article(explaining, seed_text):
    text, ref = seed_text
    out = explaining(text, reference_date=ref).to_dict()
    assert out["facts"] and any(e["aliases"] for e in out["entities"])
    for fact in out["facts"]:
        _check_explained_fact(fact)
        for role in ("subject", "object"):
            how = fact["explanation"][role]
            if how["how"] not in {"literal", "inferred"}:
                assert how["entity"] == (fact["subject"] if role == "subject" else fact["object"]["entity"])
    for entity in out["entities"]:
        aliases = entity["explanation"]["aliases"]
        assert set(aliases) == set(entity["aliases"]), entity["name"]
        for why in aliases.values():
            assert why["rule"] and why["joined"], entity["name"]
            if why["rule"] == "fuzzy":
                assert why["score"] >= why["threshold"]


def test_explain_off_keeps_the_plain_schema(extractor, seed_text):
    text, ref = seed_text
    out = extractor(text, reference_date=ref).to_dict()
    assert set(out) == {"schema", "entities", "dates", "facts"}
    for entity in out["entities"]:
        assert set(entity) == ENTITY_KEYS
    for fact in out["facts"]:
        assert FACT_KEYS <= set(fact) <= FACT_KEYS | OPTIONAL_FACT_KEYS


def test_explain_does_not_change_the_facts(extractor, explaining, seed_text):
    text, ref = seed_text
    plain, explained = extractor(text, reference_date=ref), explaining(text, reference_date=ref)
    assert plain.facts == explained.facts  # explanation does not take part in equality
    assert plain.entities == explained.entities
    assert [f.confidence for f in plain.facts] == [f.confidence for f in explained.facts]


@pytest.mark.parametrize(
    ("text", "relation", "role", "expected"),
    [
        ("Tom Hale lives in Aarhus. He was born in Odense.", "born_in", "subject", {"how": "pronoun", "text": "He"}),
        (
            "Ann Lee, who was born in Leeds, works for Northwind Corp.",
            "born_in",
            "subject",
            {"how": "relative", "text": "who", "refers_to": "Ann Lee"},
        ),
        (
            "Northwind Logistics Ltd is a shipping company. The company is based in Leeds.",
            "headquartered_in",
            "subject",
            {"how": "description", "text": "The company"},
        ),
        (
            "Tom Hale, an American citizen, lives in Denver. He moved to the United States in 1990.",
            "citizen_of",
            "object",
            {"how": "demonym", "text": "American"},
        ),
        (
            "Thomas Hale was born in Leeds. In 1990, Hale moved to Denver.",
            "moved_to",
            "subject",
            {"how": "alias", "text": "Hale"},
        ),
        (
            "Thomas Hale was born in Leeds. In 1990, Hale moved to Denver.",
            "born_in",
            "subject",
            {"how": "name", "text": "Thomas Hale"},
        ),
        ("His wife, Ann Lee, was born in Leeds.", "born_in", "subject", {"how": "apposition", "text": "wife"}),
    ],
)
def test_explain_how_arguments_were_found(explaining, text, relation, role, expected):
    result = explaining(text)
    (fact,) = [f for f in result.facts if f.relation == relation]
    got = fact.explanation[role]
    assert {k: got.get(k) for k in expected} == expected
    assert got["entity"] == (fact.subject if role == "subject" else fact.object.entity)


def test_explain_pattern_source_and_matched_tokens(explaining):
    text = "Tom Hale was born in Leeds."
    (fact,) = explaining(text).facts
    why = fact.explanation
    assert why["pattern"] == "born_in.passive"
    assert why["source"].split(":")[0].endswith(".jsonl")
    assert {name: t["text"] for name, t in why["matched"].items()}["object"] == "Leeds"
    for t in why["matched"].values():
        assert text[t["start"] : t["end"]] == t["text"]


def test_explain_inferred_facts(explaining):
    result = explaining("Tom Hale lives in Ely, Cambridgeshire, England.")
    inferred = [f for f in result.facts if f.inferred]
    assert inferred, result.facts  # Ely in England, through Cambridgeshire
    for f in inferred:
        assert f.explanation["pattern"] == "inferred.containment"
        assert f.explanation["via"] in {e.id for e in result.entities}


def test_explain_user_merges(extractor):
    ex = factx.Extractor(
        extractor.nlp,
        explain=True,
        merge_settings=MergeSettings(always_merge=frozenset({("Samuel Clemens", "Mark Twain")})),
    )
    result = ex("Samuel Clemens was born in Florida, Missouri. As Mark Twain he wrote novels.")
    (person,) = [e for e in result.entities if e.name in {"Samuel Clemens", "Mark Twain"}]
    other = "Mark Twain" if person.name == "Samuel Clemens" else "Samuel Clemens"
    assert person.explanation["aliases"][other] == {"rule": "always merge", "joined": person.name}


def test_explain_never_merge_keeps_two_entities(extractor):
    text = "William Gates founded a firm. Bill Gates later moved to Seattle."
    assert len([e for e in extractor(text).entities if "Gates" in e.name]) == 1
    ex = factx.Extractor(extractor.nlp, never_merge=[("William Gates", "Bill Gates")])
    assert len([e for e in ex(text).entities if "Gates" in e.name]) == 2
