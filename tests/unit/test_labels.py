"""factx.labels on hand-built Docs: an entity's label from the document's evidence, one
table per kind of evidence, each with cases where the evidence must not move the label."""

from __future__ import annotations

import functools

import pytest
import spacy
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from factx import aliases, entities, mentions


@functools.cache
def _vocab() -> Vocab:
    return spacy.blank("en").vocab


def _doc(text: str, ents: list[tuple[str, str]]) -> Doc:
    """``text`` split at spaces (punctuation written apart), with each (name, label) of
    ``ents`` tagged at its first occurrence, as a model would."""
    words = text.split(" ")
    doc = Doc(_vocab(), words=words, spaces=[True] * (len(words) - 1) + [False])
    spans: list[Span] = []
    for name, label in ents:
        n = name.split(" ")
        taken = {t for sp in spans for t in range(sp.start, sp.end)}
        start = next(
            i for i in range(len(words)) if words[i : i + len(n)] == n and not taken & set(range(i, i + len(n)))
        )
        spans.append(Span(doc, start, start + len(n), label=label))
    doc.ents = spans
    return doc


def _labels(text: str, ents: list[tuple[str, str]]) -> dict[str, tuple[str, dict[str, str]]]:
    """Entity name -> (label, the label's explanation)."""
    doc = _doc(text, ents)
    raw, _ = mentions.find(doc)
    found = entities.merge(doc, raw, settings=aliases.MergeSettings())
    return {c.name: (c.label, d.explanation()) for c, d in zip(found.clusters, found.decisions, strict=True)}


def _check(text, ents, name, label, rule):
    got = _labels(text, ents)[name]
    assert got[0] == label, got
    assert got[1]["rule"] == rule, got


@pytest.mark.parametrize(
    ("text", "ents", "name", "label", "rule"),
    [
        ("Vexa Ltd reported a loss .", [("Vexa Ltd", "PERSON")], "Vexa Ltd", "ORG", "company suffix"),
        ("Profits rose at Borg GmbH .", [("Borg GmbH", "GPE")], "Borg GmbH", "ORG", "company suffix"),
        ("Tarnwell AG cut jobs .", [("Tarnwell AG", "PERSON")], "Tarnwell AG", "ORG", "company suffix"),
        ("Corvane S.A. cut jobs .", [("Corvane S.A.", "PERSON")], "Corvane S.A.", "ORG", "company suffix"),
        ("Borvex Kft. cut jobs .", [("Borvex Kft.", "PERSON")], "Borvex Kft.", "ORG", "company suffix"),
        # a short legal form counts in capitals or with periods, not written as a name
        ("Tarnwell Kg cut jobs .", [("Tarnwell Kg", "PERSON")], "Tarnwell Kg", "PERSON", "model vote"),
    ],
)
def test_labels_company_suffix(text, ents, name, label, rule):
    _check(text, ents, name, label, rule)


@pytest.mark.parametrize(
    ("text", "ents", "name", "label", "rule"),
    [
        (
            "The Wexley Herald printed it .",
            [("Wexley Herald", "PERSON")],
            "Wexley Herald",
            "ORG",
            "organization head noun",
        ),
        (
            "The Ministry of Tides agreed .",
            [("Ministry of Tides", "GPE")],
            "Ministry of Tides",
            "ORG",
            "organization head noun",
        ),
        ("Brennick Council met .", [("Brennick Council", "NORP")], "Brennick Council", "ORG", "organization head noun"),
        # a given name and a surname that is also a head noun
        ("Helen Council spoke .", [("Helen Council", "PERSON")], "Helen Council", "PERSON", "given name"),
        # a work named with a head noun stays a work
        (
            "They read A Lament for the Society .",
            [("A Lament for the Society", "WORK_OF_ART")],
            "A Lament for the Society",
            "WORK_OF_ART",
            "model vote",
        ),
    ],
)
def test_labels_organization_head_noun(text, ents, name, label, rule):
    _check(text, ents, name, label, rule)


@pytest.mark.parametrize(
    ("text", "ents", "name", "label", "rule"),
    [
        ("We hiked to Brantock Falls .", [("Brantock Falls", "PERSON")], "Brantock Falls", "LOC", "place head noun"),
        ("Boats crossed Lake Orrin .", [("Lake Orrin", "PERSON")], "Lake Orrin", "LOC", "place head noun"),
        ("Shops line Kellaway Street .", [("Kellaway Street", "PERSON")], "Kellaway Street", "FAC", "place head noun"),
        ("Snow fell on Brask Glacier .", [("Brask Glacier", "ORG")], "Brask Glacier", "LOC", "place head noun"),
        # an institution named for its building stays an organization
        ("The Vostry Church said no .", [("Vostry Church", "ORG")], "Vostry Church", "ORG", "model vote"),
        # a titled person's place of rank
        (
            "Queen Isolde of Tarn Valley ruled .",
            [("Isolde of Tarn Valley", "PERSON")],
            "Isolde of Tarn Valley",
            "PERSON",
            "title",
        ),
    ],
)
def test_labels_place_head_noun(text, ents, name, label, rule):
    _check(text, ents, name, label, rule)


@pytest.mark.parametrize(
    ("text", "ents", "name", "label", "rule"),
    [
        ("We met Mr Vellacott today .", [("Vellacott", "ORG")], "Vellacott", "PERSON", "title"),
        ("They cheered Queen Ysolde loudly .", [("Ysolde", "GPE")], "Ysolde", "PERSON", "title"),
        # a political office is no title of a person's name here ("President Hotel")
        ("We stayed at the President Hotel .", [("Hotel", "ORG")], "Hotel", "ORG", "model vote"),
    ],
)
def test_labels_title(text, ents, name, label, rule):
    _check(text, ents, name, label, rule)


@pytest.mark.parametrize(
    ("text", "ents", "name", "label", "rule"),
    [
        ("Anna Lisbon won the case .", [("Anna Lisbon", "GPE")], "Anna Lisbon", "PERSON", "given name"),
        ("We met Theodor Quimby there .", [("Theodor Quimby", "ORG")], "Theodor Quimby", "PERSON", "given name"),
        ("We met Jane Q. Tollan there .", [("Jane Q. Tollan", "ORG")], "Jane Q. Tollan", "PERSON", "given name"),
        # a band named after a person: more than two words tagged an organization
        (
            "Robert Vane Orchestra played .",
            [("Robert Vane Orchestra", "ORG")],
            "Robert Vane Orchestra",
            "ORG",
            "organization head noun",
        ),
        ("Anna Marie Quell played .", [("Anna Marie Quell", "ORG")], "Anna Marie Quell", "ORG", "model vote"),
        # a city opening a club's name, a common word opening a band's
        ("Dallas Comets won .", [("Dallas Comets", "ORG")], "Dallas Comets", "ORG", "model vote"),
        ("Royal Tern played .", [("Royal Tern", "ORG")], "Royal Tern", "ORG", "model vote"),
        # a place opener ("San"), a country in the name
        ("San Quello is warm .", [("San Quello", "GPE")], "San Quello", "GPE", "model vote"),
        ("Julia Norway sang .", [("Julia Norway", "GPE")], "Julia Norway", "GPE", "model vote"),
        # works are often named after people
        ("They read Anna Vell .", [("Anna Vell", "WORK_OF_ART")], "Anna Vell", "WORK_OF_ART", "model vote"),
    ],
)
def test_labels_given_name(text, ents, name, label, rule):
    _check(text, ents, name, label, rule)


@pytest.mark.parametrize(
    ("text", "ents", "name", "label", "rule"),
    [
        (
            "Storms hit Brookvale , Indiana , on Monday .",
            [("Brookvale", "PERSON"), ("Indiana", "GPE")],
            "Brookvale",
            "GPE",
            "place apposition",
        ),
        # a list of places, not a town and its state
        (
            "Ilse of Vardo , Norway , and Sweden ruled .",
            [("Ilse of Vardo", "PERSON"), ("Norway", "GPE"), ("Sweden", "GPE")],
            "Ilse of Vardo",
            "PERSON",
            "model vote",
        ),
        # an organization is named with its seat too
        (
            "Quorran , Ohio , makes tools .",
            [("Quorran", "ORG"), ("Ohio", "GPE")],
            "Quorran",
            "ORG",
            "model vote",
        ),
    ],
)
def test_labels_place_apposition(text, ents, name, label, rule):
    _check(text, ents, name, label, rule)


@pytest.mark.parametrize(
    ("text", "ents", "name", "label", "rule"),
    [
        ("Trains reach Bergamo daily .", [("Bergamo", "PERSON")], "Bergamo", "GPE", "gazetteer"),
        ("Trains reach Mauritius daily .", [("Mauritius", "PERSON")], "Mauritius", "GPE", "gazetteer"),
        # a given name that is also a city's name stays a person
        ("We met Florence today .", [("Florence", "PERSON")], "Florence", "PERSON", "model vote"),
        # after "of": a title of place ("Itta of Metz"), not the city
        ("We met Wulf of Bergamo today .", [("Bergamo", "PERSON")], "Bergamo", "PERSON", "model vote"),
    ],
)
def test_labels_gazetteer(text, ents, name, label, rule):
    _check(text, ents, name, label, rule)


def test_labels_a_surname_that_is_a_city_stays_a_person():
    """Beside the full name, the bare surname is the person's, not the city's."""
    got = _labels(
        "Qarrow Bergamo spoke . Later Bergamo left .",
        [("Qarrow Bergamo", "PERSON"), ("Bergamo", "PERSON")],
    )
    assert got["Qarrow Bergamo"][0] == "PERSON"


def test_labels_explanation_names_the_vote_it_overruled():
    got = _labels("Borvex Kft. cut jobs .", [("Borvex Kft.", "PERSON")])
    assert got["Borvex Kft."][1] == {
        "rule": "company suffix",
        "evidence": "Kft.",
        "mention": "Borvex Kft.",
        "voted": "PERSON",
    }
