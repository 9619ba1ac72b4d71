"""Entity labels on parsed text: the document's evidence decides, and explain says which."""

from __future__ import annotations

import pytest

import factx


def _entity(result, name):
    found = [e for e in result.entities if e.name == name]
    assert len(found) == 1, [(e.name, e.label) for e in result.entities]
    return found[0]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        # a company suffix, a newspaper's head noun, a natural feature
        ("Shares of Vexa Ltd fell sharply after the report.", "Vexa Ltd", "ORG"),
        ("Last week, Katya told the Brantley Daily Herald that courts would open.", "Brantley Daily Herald", "ORG"),
        ("Hikers reached Brantock Falls before noon.", "Brantock Falls", "LOC"),
        # a town and its state
        ("Storms hit Brookvale, Indiana, on Monday.", "Brookvale", "GPE"),
        # what the copula says the name is: an organization, a work (its year in brackets apart)
        ("Korvanto is a Finnish software company founded in 2003.", "Korvanto", "ORG"),
        ("Quiet Harbour (1962) is a novel by the writer Roger Hale.", "Quiet Harbour", "WORK_OF_ART"),
        # a firm's trade after "of" keeps it a firm
        ("Ferrano was a Portuguese manufacturer of sewing machines.", "Ferrano", "ORG"),
    ],
)
def test_labels_follow_the_evidence(extractor, text, name, label):
    assert _entity(extractor(text), name).label == label


@pytest.mark.model
def test_labels_explain_names_the_reason():
    result = factx.Extractor(explain=True)("Shares of Vexa Ltd fell sharply after the report.")
    why = _entity(result, "Vexa Ltd").explanation["label"]
    assert why["rule"] == "company suffix" and why["evidence"] == "Ltd", why


@pytest.mark.model
def test_labels_a_person_with_a_given_name_keeps_facts(extractor):
    """A person the model tagged an organization loses every fact; the given name brings
    them back."""
    result = extractor("It was bought by Ilse Varga, a banker.")
    assert _entity(result, "Ilse Varga").label == "PERSON"
    assert any(f.relation == "title" for f in result.facts), result.facts


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The Faroe Islands is a group of islands in the north.",  # a noun with its own "of"
        "Anna Berg is a party to the contract.",
    ],
)
def test_labels_a_copula_noun_with_its_own_complement_says_nothing(extractor, text):
    assert all(e.label != "ORG" for e in extractor(text).entities), [
        (e.name, e.label) for e in extractor(text).entities
    ]


@pytest.mark.model
def test_labels_a_defined_company_is_one_wherever_named(extractor):
    """The defining sentence makes every mention of the same words, and a longer name they
    start, the organization: the model tags the later ones as persons."""
    result = extractor(
        "Holm Lindqvist is a Swedish furniture company. Last year Holm Lindqvist opened a store in Malmo."
    )
    assert _entity(result, "Holm Lindqvist").label == "ORG"
    assert len(_entity(result, "Holm Lindqvist").mentions) == 2
    result = extractor("Darvo Kessel is a Dutch board game company. It bought Darvo Kessel Europe in 2009.")
    assert _entity(result, "Darvo Kessel Europe").label == "ORG"


@pytest.mark.model
def test_labels_a_defined_company_and_its_founder_stay_two(extractor):
    result = extractor(
        "Ferrano was a Portuguese manufacturer of sewing machines. In 1948 the engineer Ugo Ferrano opened a "
        "workshop in Porto. Ferrano later sold machines to Spain."
    )
    assert _entity(result, "Ferrano").label == "ORG"
    assert _entity(result, "Ugo Ferrano").label == "PERSON"
