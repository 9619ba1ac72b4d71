"""Mentions in parsed text: a surname after its full name, a regnal number, two given names
joined by 'and'."""

from __future__ import annotations

import pytest


@pytest.mark.model
def test_mentions_a_surname_alone_after_the_full_name_is_that_person(extractor):
    text = "Guests included Tom Hale and Rita Vance. Vance, a novelist, was there to sign her new book."
    result = extractor(text)
    vance = [e for e in result.entities if e.name == "Rita Vance"]
    assert len(vance) == 1, result.entities
    starts = {m.start for m in vance[0].mentions}
    assert text.index("Vance,") in starts
    # "her" is hers, not Tom Hale's: the surname made her the sentence's subject
    assert text.index("her new") in starts


@pytest.mark.model
def test_mentions_a_regnal_number_is_part_of_the_name(extractor):
    text = "The reign of King Harald I and his son Olaf II was peaceful."
    result = extractor(text)
    names = {e.name for e in result.entities}
    assert "Harald I" in names, names
    assert any(f.relation == "child_of" for f in result.facts), result.facts


@pytest.mark.model
def test_mentions_two_given_names_joined_by_and_are_two_persons(extractor):
    result = extractor("She played with Emperor Karl III's youngest children, Otto and Greta.")
    names = {e.name for e in result.entities if e.label == "PERSON"}
    assert {"Otto", "Greta"} <= names, names
    assert not any(" and " in n for n in names), names
