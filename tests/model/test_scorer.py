"""The scorer frame (factx/relations/scorer.py) on the model: sentences of our own where it
links two names no rule frame links, with negatives (lists, hypotheticals, negation, names
that merely co-occur)."""

from __future__ import annotations

import pytest
from fact_triples import case, split_facts

from factx.relations.scorer import ScorerFrames

# Sentences no rule frame links (the scorer alone states these facts: checked with it off).
SCORER_ONLY = [
    # no kinship noun of the frames' lexicon: the scorer's path through "consort" states it
    case("King Otto and his consort Queen Aino ruled for twenty years.", must=[("Otto", "spouse", "Aino")]),
    case(
        "Prince Erik and his consort Princess Lovisa attended the opening of the bridge.",
        must=[("Erik", "spouse", "Lovisa")],
    ),
]

POSITIVES = [
    # "on the coast of Aland", then the comma chain: the rules and containment say it too
    case(
        "Saltvik is a small fishing village on the coast of Aland, Finland.",
        must=[("Saltvik", "located_in", "Finland")],
    ),
    case(
        "Henrik Aalto married the sculptor Mirja Koskinen in a small ceremony.",
        must=[("Henrik Aalto", "spouse", "Mirja Koskinen")],
    ),
    case(
        "Leena Virta is the youngest daughter of the composer Pekka Virta.",
        must=[("Leena Virta", "child_of", "Pekka Virta")],
    ),
]

GAPS = [
    case(
        "In 1998 Henrik Aalto wed Mirja Koskinen, a sculptor from Turku.",
        must=[("Henrik Aalto", "spouse", "Mirja Koskinen")],
        xfail="'wed' is rare in the training sentences and no pattern has it: the scorer stays under its threshold",
    ),
]

NEGATIVES = [
    # names that merely share a sentence
    case(
        "Henrik Aalto and Mirja Koskinen both spoke at the conference in Tampere.",
        must_not=[("Henrik Aalto", "spouse", "Mirja Koskinen"), ("Mirja Koskinen", "spouse", "Henrik Aalto")],
    ),
    # a hypothetical states nothing
    case(
        "If Henrik Aalto married Mirja Koskinen, the press would notice.",
        must_not=[("Henrik Aalto", "spouse", "Mirja Koskinen"), ("Mirja Koskinen", "spouse", "Henrik Aalto")],
    ),
    # the noun coordinated with A is a third person: B is the widow's, not A's
    case(
        "Tove Berg and the widow of Anders Holm sat together at the front.",
        must_not=[("Tove Berg", "spouse", "Anders Holm"), ("Anders Holm", "spouse", "Tove Berg")],
    ),
    case(
        "Marta Ek and the deputy director of the Nordic Salmon Council met in Bergen.",
        must_not=[
            ("Marta Ek", "member_of", "Nordic Salmon Council"),
            ("Marta Ek", "works_for", "Nordic Salmon Council"),
        ],
    ),
    # titled names in a list of four: "Prince A and Princess B" alone would be a couple
    case(
        "King Otto, Queen Aino, Prince Erik and Princess Lovisa attended the opening of the bridge.",
        must_not=[("Erik", "spouse", "Lovisa"), ("Otto", "spouse", "Aino")],
    ),
    # a list of guests is no family
    case(
        "The guests were Henrik Aalto, Mirja Koskinen, Leena Virta and Pekka Virta.",
        must_not=[("Henrik Aalto", "spouse", "Mirja Koskinen"), ("Leena Virta", "child_of", "Pekka Virta")],
    ),
    # items of a list separated by semicolons
    case(
        "The exhibit at the college includes photographs of actor Dennis Holt; musician Nick Rowe of Velvet "
        "Lanterns; publishers Jann Weller of the Harbour Gazette and Carl Brandt of Norway's Il Giornale.",
        must_not=[("Dennis Holt", "spouse", "Nick Rowe"), ("Nick Rowe", "spouse", "Dennis Holt")],
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "must", "must_not", "negated"), SCORER_ONLY + POSITIVES + GAPS + NEGATIVES)
def test_scorer_sentences(extractor, text, must, must_not, negated):
    plain, neg = split_facts(extractor, text)
    assert must <= plain, f"missing {must - plain}"
    assert not (must_not & plain), f"unexpected {must_not & plain}"
    assert negated <= neg


@pytest.mark.model
@pytest.mark.parametrize(("text", "must", "must_not", "negated"), SCORER_ONLY)
def test_the_rule_frames_alone_miss_them(monkeypatch, text, must, must_not, negated):
    """Without the scorer these facts are not found: the sentences test the scorer itself."""
    import factx

    monkeypatch.setattr(ScorerFrames, "facts", lambda self, doc, index: [])
    plain, _neg = split_facts(factx.Extractor(), text)
    assert not (must & plain)


@pytest.mark.model
def test_a_hypothetical_scorer_fact_is_not_stated(extractor):
    plain, _neg = split_facts(extractor, "If King Otto and his consort Queen Aino had ruled, the war would have ended.")
    assert ("Otto", "spouse", "Aino") not in plain


@pytest.mark.model
def test_negation_is_kept_on_the_scorer_fact(extractor):
    plain, neg = split_facts(extractor, "Henrik Aalto never married the sculptor Mirja Koskinen.")
    pair = {("Henrik Aalto", "spouse", "Mirja Koskinen"), ("Mirja Koskinen", "spouse", "Henrik Aalto")}
    assert pair & plain == set()
    assert pair & neg, neg  # stated, and negated


@pytest.mark.model
def test_scorer_facts_are_explained_and_rank_under_frames():
    import factx

    ex = factx.Extractor(explain=True)
    result = ex("King Otto and his consort Queen Aino ruled for twenty years.")
    facts = [f for f in result.facts if f.explanation and f.explanation.get("frame") == "scorer"]
    assert facts, "the scorer states the marriage"
    for f in facts:
        assert f.explanation["pattern"] == "frame.scorer"
        assert f.explanation["trigger"] == "consort"
        assert f.confidence <= 0.6
