"""The fact layer's machinery on the model: patterns compiled, the matcher, resolution, qualifiers, dedupe."""

from __future__ import annotations

import pytest

import factx
from factx.relations import FactLayer, FactSettings, load_patterns


def _facts(extractor, text: str, **kw) -> set[tuple[str, str, str, bool]]:
    result = extractor(text, **kw)
    names = {e.id: e.name for e in result.entities}
    return {
        (names[f.subject], f.relation, names[f.object.entity] if f.object.entity else f.object.literal, f.negated)
        for f in result.facts
    }


@pytest.mark.model
def test_relations_core_every_shipped_pattern_compiles(extractor):
    layer = FactLayer(extractor.nlp.vocab)
    assert len(layer.indexed_matcher) == len(layer.patterns) == len(load_patterns())


SENTENCES = [
    "Ingrid Solberg, 51, was born in Bergen, Norway. She moved to Sweden in 1998.",
    "Her husband, Tomas Berg, runs Fjord Analytics, a company based in Trondheim.",
    "The studio, located in Stavanger, released the album Northern Lights in 2004.",
    "Lars Dahl is not a Danish citizen, but he lived in Aarhus with his brother Erik.",
    "Bodo is a town in Nordland county, in northern Norway.",
    "Solberg founded Kystlys, an organization that she led until 2010, when she retired.",
]


@pytest.mark.model
def test_relations_core_indexed_matcher_equals_spacy_dependency_matcher(extractor):
    layer = extractor.facts
    strings = extractor.nlp.vocab.strings
    for text in SENTENCES:
        doc = extractor.nlp(extractor._make_doc(text))
        extractor.extract_doc(doc)  # sets the entities the patterns look at
        ref = sorted((strings[k], tuple(ids)) for k, ids in layer.spacy_matcher(doc))
        mine = sorted((k, tuple(ids)) for k, ids in layer.indexed_matcher(doc))
        assert mine == ref, text


@pytest.mark.model
def test_relations_core_both_matchers_give_the_same_facts(extractor):
    spacy_based = factx.Extractor(model=extractor.nlp, fact_settings=FactSettings(matcher="spacy"))
    for text in SENTENCES:
        assert _facts(spacy_based, text) == _facts(extractor, text)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Ingrid Solberg is not a Danish citizen.", ("Ingrid Solberg", "citizen_of", "Danish", True)),
        ("Tomas Berg never lived in Aarhus.", ("Tomas Berg", "lives_in", "Aarhus", True)),
        ("Tomas Berg lives in Aarhus.", ("Tomas Berg", "lives_in", "Aarhus", False)),
    ],
)
def test_relations_core_negation(extractor, text, fact):
    assert fact in _facts(extractor, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "If Tomas Berg lives in Aarhus, he will say so.",
        "Does Tomas Berg live in Aarhus?",
        "Tomas Berg may live in Aarhus.",
        "Tomas Berg said he would live in Aarhus.",
    ],
)
def test_relations_core_conditionals_questions_and_hedges_state_nothing(extractor, text):
    assert [f for f in _facts(extractor, text) if f[1] == "lives_in"] == []


@pytest.mark.model
def test_relations_core_pronoun_goes_to_the_main_subject(extractor):
    text = "Ingrid Solberg met Tomas Berg in Oslo after Lars Dahl left. She was born in Bergen."
    result = extractor(text)
    facts = _facts(extractor, text)
    assert ("Ingrid Solberg", "born_in", "Bergen", False) in facts
    person = next(e for e in result.entities if e.name == "Ingrid Solberg")
    pronouns = [m for m in person.mentions if m.kind == "pronoun"]
    assert [(m.text, text[m.start : m.end]) for m in pronouns] == [("She", "She")]


@pytest.mark.model
def test_relations_core_his_wife_belongs_to_the_sentence_subject(extractor):
    text = "Lars Dahl is a painter. His father, Olav Dahl, who runs Dahl Frames, lives in Aarhus with his wife, Kari."
    facts = _facts(extractor, text)
    assert ("Olav Dahl", "spouse", "Kari", False) in facts or ("Kari", "spouse", "Olav Dahl", False) in facts
    assert ("Lars Dahl", "spouse", "Kari", False) not in facts
    assert ("Lars Dahl", "child_of", "Olav Dahl", False) in facts


@pytest.mark.model
def test_relations_core_time_qualifier_and_age_time(extractor):
    result = extractor(SENTENCES[0], reference_date="2020-06-01")
    by_rel = {f.relation: f for f in result.facts}
    assert by_rel["moved_to"].time is not None and by_rel["moved_to"].time.value == "1998"
    assert by_rel["age"].time is not None and by_rel["age"].time.value == "2020-06-01"
    assert by_rel["age"].object.literal == "51"


@pytest.mark.model
def test_relations_core_containment_is_inferred_and_marked(extractor):
    result = extractor("The festival is held in Tromso, Troms, Norway.")
    names = {e.id: e.name for e in result.entities}
    found = {(names[f.subject], names[f.object.entity or ""]): f for f in result.facts if f.relation == "located_in"}
    assert ("Tromso", "Troms") in found and ("Troms", "Norway") in found
    inferred = found[("Tromso", "Norway")]
    assert inferred.inferred is True and inferred.to_dict()["inferred"] is True
    assert inferred.confidence < found[("Tromso", "Troms")].confidence


@pytest.mark.model
def test_relations_core_facts_are_deduplicated_with_support(extractor):
    text = "Tomas Berg lives in Aarhus. Everyone knows that Tomas Berg lives in Aarhus."
    result = extractor(text)
    lives = [f for f in result.facts if f.relation == "lives_in"]
    assert len(lives) == 1
    assert lives[0].support == 2


@pytest.mark.model
def test_relations_core_evidence_is_the_sentence(extractor):
    text = "A quiet year. Tomas Berg lives in Aarhus. Then winter came."
    (fact,) = [f for f in extractor(text).facts if f.relation == "lives_in"]
    assert text[fact.evidence.start : fact.evidence.end] == "Tomas Berg lives in Aarhus."
    assert 0 < fact.confidence <= 1


@pytest.mark.model
def test_relations_core_relations_can_be_switched_off(extractor):
    only = factx.Extractor(model=extractor.nlp, fact_settings=FactSettings(relations=frozenset({"age"})))
    facts = _facts(only, SENTENCES[0])
    assert facts and all(f[1] == "age" for f in facts)


@pytest.mark.model
def test_relations_core_open_facts_only_when_asked(extractor):
    text = "Russia invaded Ukraine in 2022. Tomas Berg lives in Aarhus."
    assert "open" not in {f.relation for f in extractor(text).facts}
    with_open = factx.Extractor(model=extractor.nlp, fact_settings=FactSettings(open_facts=True))
    result = with_open(text)
    names = {e.id: e.name for e in result.entities}
    opened = [
        (names[f.subject], f.predicate, names[f.object.entity or ""]) for f in result.facts if f.relation == "open"
    ]
    assert opened == [("Russia", "invade", "Ukraine")]
    (fact,) = [f for f in result.facts if f.relation == "open"]
    assert fact.to_dict()["predicate"] == "invade"
    assert fact.time is not None and fact.time.value == "2022"
    # an inventory fact is not repeated as an open one
    assert [f.relation for f in result.facts if names[f.subject] == "Tomas Berg"] == ["lives_in"]


@pytest.mark.model
def test_relations_core_demonym_stands_for_the_named_country(extractor):
    named = _facts(extractor, "Anna Kowalski moved to Denmark in 1990. She is a Danish citizen.")
    assert ("Anna Kowalski", "citizen_of", "Denmark", False) in named
    unnamed = _facts(extractor, "Lars Dahl is a Danish citizen.")
    assert ("Lars Dahl", "citizen_of", "Danish", False) in unnamed


@pytest.mark.model
def test_relations_core_it_stands_for_the_earlier_subject(extractor):
    text = "Northwind Logistics Ltd is a shipping company. It was founded in 2004 and it is based in Leeds."
    result = extractor(text)
    facts = _facts(extractor, text)
    assert ("Northwind Logistics Ltd", "founded_on", "2004", False) in facts
    assert ("Northwind Logistics Ltd", "headquartered_in", "Leeds", False) in facts
    company = next(e for e in result.entities if e.name == "Northwind Logistics Ltd")
    assert [m.text for m in company.mentions if m.kind == "pronoun"] == ["It", "it"]


@pytest.mark.model
def test_relations_core_it_in_the_first_sentence_is_not_resolved(extractor):
    result = extractor("It was founded in 2004 by Mary Ellison.")
    assert [
        (e.name, m.text) for e in result.entities for m in e.mentions if m.kind == "pronoun" and m.text.lower() == "it"
    ] == []


@pytest.mark.model
def test_relations_core_the_noun_stands_for_what_was_described(extractor):
    text = "Northwind Logistics Ltd is a shipping company. The company is based in Leeds."
    assert ("Northwind Logistics Ltd", "headquartered_in", "Leeds", False) in _facts(extractor, text)
    # without the description "the company" is nobody in particular
    assert [f for f in _facts(extractor, "The company is based in Leeds.") if f[1] == "headquartered_in"] == []


@pytest.mark.model
def test_relations_core_explanations_only_when_asked(extractor):
    text = "Tomas Berg lives in Aarhus. He was born in Odense."
    assert [f for f in extractor(text).facts if f.explanation is not None or "explanation" in f.to_dict()] == []
    explaining = factx.Extractor(model=extractor.nlp, fact_settings=FactSettings(explain=True))
    by_rel = {f.relation: f.explanation for f in explaining(text).facts}
    lives = by_rel["lives_in"]
    assert (lives["pattern"], lives["subject"]["how"], lives["object"]["how"]) == ("lives_in.verb", "name", "name")
    assert lives["source"].startswith("person.jsonl:") or lives["source"].endswith(
        ".jsonl:" + lives["source"].split(":")[-1]
    )
    assert by_rel["born_in"] is not None and by_rel["born_in"]["subject"] == {
        "how": "pronoun",
        "entity": "e0",
        "text": "He",
    }


@pytest.mark.model
def test_relations_core_pronoun_gender_follows_kinship_nouns(extractor):
    text = "Tom Dahl lives in Oslo with his wife, Anna Berg. She was born in Bergen."
    facts = _facts(extractor, text)
    assert ("Anna Berg", "born_in", "Bergen", False) in facts
    assert ("Tom Dahl", "born_in", "Bergen", False) not in facts
