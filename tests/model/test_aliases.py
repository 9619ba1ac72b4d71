"""Merging in a parsed document: names the document shows to be two people stay apart."""

from __future__ import annotations

import pytest


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "apart"),
    [
        ("Roe was the son of the painter Tom Roe.", ("Roe", "Tom Roe")),  # relatives
        ("She was born to Roe and Ann Roe in Leeds.", ("Roe", "Ann Roe")),  # coordinated parents
        ("Dahl married Greta Dahl in 1990.", ("Dahl", "Greta Dahl")),  # the two sides of a marriage
    ],
)
def test_aliases_relatives_and_coordinated_names_stay_apart(extractor, text, apart) -> None:
    result = extractor(text)
    clusters = [{m.text for m in e.mentions} for e in result.entities]
    assert not any(set(apart) <= c for c in clusters), clusters
