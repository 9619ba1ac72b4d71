"""Reported claims carry ``attributed_to`` (issue 7): reporting verbs, "according to" and
quotations give the speaker; narration gives none."""

from __future__ import annotations

import pytest

import factx
from factx.relations.attribution import UNNAMED

pytestmark = pytest.mark.model


def _attributions(extractor, text: str) -> dict[tuple[str, str, str], str | None]:
    """(subject, relation, object) -> the speaker's name, the speaker's words, or None."""
    result = extractor(text)
    names = {e.id: e.name for e in result.entities}
    return {
        (names[f.subject], f.relation, names.get(f.object.entity or "", str(f.object.literal))): names.get(
            f.attributed_to or "", f.attributed_to
        )
        for f in result.facts
    }


@pytest.mark.parametrize(
    ("text", "fact", "speaker"),
    [
        # a reporting verb governing the clause, before or after it
        ("Tom Hale claimed that he was born in Leeds.", ("Tom Hale", "born_in", "Leeds"), "Tom Hale"),
        ("Helen Carter was born in Leeds, her spokesman said.", ("Helen Carter", "born_in", "Leeds"), "her spokesman"),
        ("Police said Tom Hale was born in Leeds.", ("Tom Hale", "born_in", "Leeds"), "Police"),
        (
            "Tom Hale told reporters that his wife, Ann Hale, was born in Dublin.",
            ("Ann Hale", "born_in", "Dublin"),
            "Tom Hale",
        ),
        # "according to"
        ("According to police, Tom Hale was born in Leeds.", ("Tom Hale", "born_in", "Leeds"), "police"),
        # quotations: the speaker outside the quotation, in its sentence or the one before
        (
            "“Sam Hale was born in Leeds. He lives in Boston now,” Tom Hale said.",
            ("Sam Hale", "lives_in", "Boston"),
            "Tom Hale",
        ),
        (
            "“I was born in Leeds,” said Tom Hale. “My brother Sam Hale lives in York.”",
            ("Sam Hale", "lives_in", "York"),
            "Tom Hale",
        ),
        (
            "Tom Hale said: ‘My wife Ann Hale was born in Dublin.’",
            ("Ann Hale", "born_in", "Dublin"),
            "Tom Hale",
        ),
        # narration is nobody's claim
        ("Tom Hale was born in Leeds. He lives in York.", ("Tom Hale", "born_in", "Leeds"), None),
        ("Tom Hale was born in Leeds. He lives in York.", ("Tom Hale", "lives_in", "York"), None),
        # the reporting verb does not govern a relative clause of its own subject
        ("Tom Hale, who was born in Leeds, said the harvest was poor.", ("Tom Hale", "born_in", "Leeds"), None),
    ],
)
def test_attribution_speakers(extractor, text, fact, speaker):
    found = _attributions(extractor, text)
    assert fact in found, found
    assert found[fact] == speaker


def test_attribution_is_an_entity_id_when_the_speaker_is_one(extractor):
    result = extractor("Tom Hale claimed that his sister, Ann Hale, was born in Dublin.")
    (born,) = [f for f in result.facts if f.relation == "born_in"]
    assert born.attributed_to == next(e.id for e in result.entities if e.name == "Tom Hale")
    assert born.to_dict()["attributed_to"] == born.attributed_to


def test_attribution_unnamed_quotation(extractor):
    found = _attributions(extractor, "The harvest was poor.\n“Sam Hale lives in Boston.”")
    assert found[("Sam Hale", "lives_in", "Boston")] == UNNAMED


def test_attribution_narrated_once_is_not_only_a_claim(extractor):
    text = "Tom Hale was born in Leeds. His brother said Tom Hale was born in Leeds."
    assert _attributions(extractor, text)[("Tom Hale", "born_in", "Leeds")] is None


def test_attribution_absent_from_narration_output(extractor):
    result = extractor("Tom Hale was born in Leeds.")
    assert [f.to_dict()["attributed_to"] for f in result.facts if "attributed_to" in f.to_dict()] == []


def test_attribution_on_custom_relations(extractor):
    ex = factx.Extractor(
        extractor.nlp, custom_relations=[factx.Relation("acquired", templates=["{ORG} acquired {ORG}"])]
    )
    result = ex("According to Reuters, Northwind Corp. acquired Contoso Ltd. in 2019.")
    (fact,) = [f for f in result.facts if f.name == "acquired"]
    assert result.entity(fact.attributed_to or "").name == "Reuters"
