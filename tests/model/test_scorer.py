"""The scorer frame (factx/relations/scorer.py): pure-Python inference over a toy model,
the shipped model file, and sentences of our own where it links two names no rule frame
links, with negatives (lists, hypotheticals, negation, names that merely co-occur)."""

from __future__ import annotations

import json
import math

import pytest
from fact_triples import case, split_facts

from factx import tables
from factx.relations.scorer import MODEL_FILE, NONE, Model, ScorerFrames, class_relation, load_model


def _toy() -> Model:
    return Model.from_json({
        "classes": ["none", "spouse", "child_of>"],
        "bias": [1.0, -1.0, -2.0],
        "weights": {"pw=marry": {"1": 3.0}, "btw=daughter of": {"2": 4.0, "0": -1.0}},
        "thresholds": {"spouse": 0.7},
    })


def test_probabilities_are_a_softmax_of_summed_weights():
    model = _toy()
    probs = model.probabilities(["pw=marry", "unknown feature"])
    scores = [1.0, 2.0, -2.0]
    total = sum(math.exp(s) for s in scores)
    assert probs == pytest.approx([math.exp(s) / total for s in scores])
    assert sum(model.probabilities(["btw=daughter of"])) == pytest.approx(1.0)
    # no features: the bias alone, and the class without a relation wins
    assert max(range(3), key=model.probabilities([]).__getitem__) == 0


def test_screen_gives_the_softmax_decision():
    """``best`` screens on the margin over the no-relation class, then decides on the full
    softmax: the same answer as the argmax and threshold, on the few pairs that pass."""
    model = _toy()
    for feats in ([], ["pw=marry"], ["pw=marry", "pw=marry"], ["btw=daughter of"], ["pw=marry", "btw=daughter of"]):
        probs = model.probabilities(feats)
        top = max(range(3), key=probs.__getitem__)
        name = model.classes[top]
        expected = (top, probs[top]) if name in model.thresholds and probs[top] >= model.thresholds[name] else None
        got = model.best(feats)
        assert (got is None) == (expected is None), feats
        if got is not None:
            assert got[0] == expected[0] and got[1] == pytest.approx(expected[1])


def test_pairs_are_limited_to_labels_a_thresholded_relation_takes():
    frames = ScorerFrames(_toy())  # only "spouse" has a threshold: two persons
    assert frames.label_pairs == frozenset({("PERSON", "PERSON")})
    assert ScorerFrames(_toy(), relations={"child_of"}).label_pairs == frozenset()


def test_class_names_give_relation_and_direction():
    assert class_relation("spouse") == ("spouse", 0)
    assert class_relation("child_of>") == ("child_of", 1)
    assert class_relation("member_of<") == ("member_of", -1)


def test_shipped_model_is_small_and_consistent():
    path = tables.models_dir() / MODEL_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(path.read_bytes()) < 2_000_000
    model = load_model()
    assert model.classes[0] == NONE or NONE in model.classes
    assert len(model.bias) == len(model.classes)
    assert set(model.thresholds) <= set(model.classes) - {NONE}
    assert all(0.5 <= t <= 1.0 for t in model.thresholds.values())
    assert all(0 <= k < len(model.classes) for w in model.weights.values() for k in w)
    # features are parse paths and words, never a name: names stand as their label
    assert not any(f.startswith(("pw=", "bw=")) and f[3:4].isupper() for f in data["weights"])


# Sentences no rule frame links (the scorer alone states these facts: checked with it off).
SCORER_ONLY = [
    # no kinship noun of the frames' lexicon: the scorer's path through "consort" states it
    case("King Otto and his consort Queen Aino ruled for twenty years.", must=[("Otto", "spouse", "Aino")]),
    case("Prince Erik and his consort Princess Lovisa attended the opening of the bridge.",
         must=[("Erik", "spouse", "Lovisa")]),
]

POSITIVES = [
    # "on the coast of Aland", then the comma chain: the rules and containment say it too
    case("Saltvik is a small fishing village on the coast of Aland, Finland.",
         must=[("Saltvik", "located_in", "Finland")]),
    case("Henrik Aalto married the sculptor Mirja Koskinen in a small ceremony.",
         must=[("Henrik Aalto", "spouse", "Mirja Koskinen")]),
    case("Leena Virta is the youngest daughter of the composer Pekka Virta.",
         must=[("Leena Virta", "child_of", "Pekka Virta")]),
]

GAPS = [
    case("In 1998 Henrik Aalto wed Mirja Koskinen, a sculptor from Turku.", must=[("Henrik Aalto", "spouse", "Mirja Koskinen")],
         xfail="'wed' is rare in the training sentences and no pattern has it: the scorer stays under its threshold"),
]

NEGATIVES = [
    # names that merely share a sentence
    case("Henrik Aalto and Mirja Koskinen both spoke at the conference in Tampere.",
         must_not=[("Henrik Aalto", "spouse", "Mirja Koskinen"), ("Mirja Koskinen", "spouse", "Henrik Aalto")]),
    # a hypothetical states nothing
    case("If Henrik Aalto married Mirja Koskinen, the press would notice.",
         must_not=[("Henrik Aalto", "spouse", "Mirja Koskinen"), ("Mirja Koskinen", "spouse", "Henrik Aalto")]),
    # the noun coordinated with A is a third person: B is the widow's, not A's
    case("Tove Berg and the widow of Anders Holm sat together at the front.",
         must_not=[("Tove Berg", "spouse", "Anders Holm"), ("Anders Holm", "spouse", "Tove Berg")]),
    case("Marta Ek and the deputy director of the Nordic Salmon Council met in Bergen.",
         must_not=[("Marta Ek", "member_of", "Nordic Salmon Council"), ("Marta Ek", "works_for", "Nordic Salmon Council")]),
    # titled names in a list of four: "Prince A and Princess B" alone would be a couple
    case("King Otto, Queen Aino, Prince Erik and Princess Lovisa attended the opening of the bridge.",
         must_not=[("Erik", "spouse", "Lovisa"), ("Otto", "spouse", "Aino")]),
    # a list of guests is no family
    case("The guests were Henrik Aalto, Mirja Koskinen, Leena Virta and Pekka Virta.",
         must_not=[("Henrik Aalto", "spouse", "Mirja Koskinen"), ("Leena Virta", "child_of", "Pekka Virta")]),
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
    assert not (pair & plain)


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
