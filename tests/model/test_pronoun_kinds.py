"""Pronouns by kind: gender from titles and given names, pleonastic "it", no pronoun inside a
name. Sentences of our own writing."""

from __future__ import annotations

import pytest

import factx


def pronouns_of(text: str) -> dict[str, list[str]]:
    result = factx.extract(text)
    return {e.name: [m.text for m in e.mentions if m.kind == "pronoun"] for e in result.entities}


GENDER = [
    # a given name that tells the gender: "he" is not hers
    ("Kathryn Dorne runs the gallery. He said the show was a success.", "Kathryn Dorne", "He"),
    ("Gregory Pallis chairs the board. She said the vote was close.", "Gregory Pallis", "She"),
    # a title that tells it, though the given name does not
    ("Ms Jordan Pell met the builders. He said the deal was done.", "Jordan Pell", "He"),
    ("Mr Taylor Brice met the builders. She said the deal was done.", "Taylor Brice", "She"),
]


@pytest.mark.parametrize(("text", "name", "pronoun"), GENDER)
def test_pronoun_kinds_never_the_other_known_gender(text: str, name: str, pronoun: str) -> None:
    assert pronoun not in pronouns_of(text).get(name, [])


@pytest.mark.parametrize(
    ("text", "name", "pronoun"),
    [
        ("Tom Ash met Ms Jordan Pell. She said the deal was done.", "Jordan Pell", "She"),
        ("Kathryn Dorne met Tom Ash. She said the show was a success.", "Kathryn Dorne", "She"),
    ],
)
def test_pronoun_kinds_known_gender_still_resolves(text: str, name: str, pronoun: str) -> None:
    assert pronoun in pronouns_of(text)[name]


PLEONASTIC = [
    "Acme Corp opened a plant in Hamden in 1990. It was raining all day.",
    "Acme Corp opened a plant in Hamden in 1990. It is important that visitors book ahead.",
    "Acme Corp opened a plant in Hamden in 1990. It seems that the plant made a loss.",
]


@pytest.mark.parametrize("text", PLEONASTIC)
def test_pronoun_kinds_pleonastic_it_stands_for_nothing(text: str) -> None:
    assert all("It" not in found for found in pronouns_of(text).values())


def test_pronoun_kinds_referring_it_still_resolves() -> None:
    assert pronouns_of("Acme Corp opened a plant in Hamden in 1990. It was sold in 1995.")["Acme Corp"] == ["It"]


def test_pronoun_kinds_no_pronoun_inside_a_name() -> None:
    found = pronouns_of("Tom Ash starred in the film Her Last Summer in 1994. He later moved to Hamden.")
    assert "Her" not in found["Tom Ash"]
    assert found["Tom Ash"] == ["He"]
