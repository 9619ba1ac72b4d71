"""The scorer frame (factx/relations/scorer.py) without a model: pure-Python inference over
a toy model, and the shipped model file."""

from __future__ import annotations

import json
import math

import pytest

from factx import tables
from factx.relations.scorer import MODEL_FILE, NONE, Model, ScorerFrames, class_relation, load_model


def _toy() -> Model:
    return Model.from_json(
        {
            "classes": ["none", "spouse", "child_of>"],
            "bias": [1.0, -1.0, -2.0],
            "weights": {"pw=marry": {"1": 3.0}, "btw=daughter of": {"2": 4.0, "0": -1.0}},
            "thresholds": {"spouse": 0.7},
        }
    )


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
    assert {r: t for r, t in model.thresholds.items() if not 0.5 <= t <= 1.0} == {}
    assert [(f, k) for f, w in model.weights.items() for k in w if not 0 <= k < len(model.classes)] == []
    # features are parse paths and words, never a name: names stand as their label
    assert [f for f in data["weights"] if f.startswith(("pw=", "bw=")) and f[3:4].isupper()] == []
