"""The scorer: a statistical frame over pairs of names the rule frames leave unlinked.

The frames and lexicons are precise but say nothing of most sentences in which two names
stand in a relation ("Karl Dahl married the painter Greta Lund in 1990"). The scorer reads
every pair of entity mentions of one sentence, at most ``MAX_DISTANCE`` tokens apart, and
describes the pair by its parse alone (``pair_features``):

- the shortest dependency path between the two mentions' head tokens, written as one
  string (dependency labels with their direction, ``^`` up and ``v`` down, and the lemmas
  of the words on the way) and as its pieces (each lemma, each labelled step, the path's
  top word);
- the lemmas of the words between the mentions when they are few, and the word just
  before and just after the pair;
- the two entity labels in their order, whether other names lie between, the distance.

A multinomial logistic regression, trained by ``scripts/train_scorer.py`` on part of
FewRel and of Re-DocRED (both MIT), weighs the features for each class: no relation, or
one relation in one direction ("child_of" with the first mention as the child, or the
second). Its weights ship as ``models/scorer.json``; inference here is pure Python (sum the
weights of the pair's features, softmax), with no library beyond the standard one.

A pair yields a fact when its best class is a relation whose probability reaches that
relation's threshold in the model file, chosen at training time so that the scorer's own
facts are right about nine times in ten on data it was not fitted on. The fact is a frame
fact (frame ``scorer``) like the rule frames': the fact layer checks the argument labels
against the inventory, negation ("never married"), questions and hypotheticals ("if X
married Y") and attribution from its trigger, the top word of the path (the most weighted
word of the path when the top is a name itself). Its confidence is the probability times
``CONFIDENCE_FACTOR``, under the rule frames' confidences, so a rule frame's fact wins
deduplication when both state it.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import tables
from .frames import FrameFact, mention_bounds

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .resolve import EntityIndex

MODEL_FILE = "scorer.json"
MAX_DISTANCE = 30  # tokens between the two mentions' heads; farther pairs are seldom related
MAX_BETWEEN_WORDS = 6  # the words between two mentions are a feature only when this few
MAX_PATH = 6  # steps of a dependency path kept as one string; longer paths are rare and sparse
# The scorer's facts rank under every rule frame's (0.5-0.85) for the same probability.
CONFIDENCE_FACTOR = 0.6
# Entity labels whose mentions take part in pairs; dates, numbers and languages never do.
PAIR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
NONE = "none"


@dataclass(frozen=True, slots=True)
class Pair:
    """Two mentions of one sentence, the first before the second, with their features."""

    first: int  # head token of the first mention
    second: int  # head token of the second mention
    first_entity: int
    second_entity: int
    path: tuple[int, ...]  # the tokens strictly between the heads on the dependency path
    top: int  # the path's highest token (may be one of the heads)
    features: tuple[str, ...]


@dataclass(frozen=True)
class Model:
    """The weights of a trained scorer: ``weights[feature][class index]`` (pruned, so
    missing classes weigh 0), a bias per class, and each relation class's threshold."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, Mapping[int, float]]
    thresholds: Mapping[str, float]

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Model:
        classes = tuple(data["classes"])  # type: ignore[arg-type]
        weights = {f: {int(k): float(v) for k, v in w.items()} for f, w in data["weights"].items()}  # type: ignore[union-attr]
        return cls(classes, tuple(data["bias"]), weights, dict(data["thresholds"]))  # type: ignore[arg-type]

    def probabilities(self, features: Sequence[str]) -> list[float]:
        """Softmax over the classes of the summed weights of ``features``."""
        scores = list(self.bias)
        for f in features:
            w = self.weights.get(f)
            if w:
                for k, v in w.items():
                    scores[k] += v
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return [e / total for e in exp]


@functools.cache
def _not_membership() -> frozenset[str]:
    """Head nouns of bodies one holds a seat in, not a membership (``models/not_membership.tsv``):
    the rule frames' list, so the scorer never states what they refuse."""
    return frozenset(row[0] for row in tables.table_lines("not_membership.tsv"))


@functools.cache
def load_model() -> Model:
    """The shipped model (``models/scorer.json``), read once per process."""
    text = (tables.models_dir() / MODEL_FILE).read_text(encoding="utf-8")
    return Model.from_json(json.loads(text))


def class_relation(name: str) -> tuple[str, int]:
    """("child_of", 1) for "child_of>" (the first mention is the subject), -1 for "<", 0
    for a symmetric relation's class ("spouse")."""
    if name.endswith(">"):
        return name[:-1], 1
    if name.endswith("<"):
        return name[:-1], -1
    return name, 0


class ScorerFrames:
    """The scorer frame of one document: call ``facts(doc, index)``."""

    def __init__(self, model: Model | None = None) -> None:
        self._model = model

    @property
    def model(self) -> Model:
        if self._model is None:
            self._model = load_model()
        return self._model

    def facts(self, doc: Doc, index: EntityIndex) -> list[FrameFact]:
        pairs = candidate_pairs(doc, index)
        if not pairs:
            return []
        model = self.model
        out: list[FrameFact] = []
        for pair in pairs:
            probs = model.probabilities(pair.features)
            best = max(range(len(probs)), key=probs.__getitem__)
            name = model.classes[best]
            if name == NONE or probs[best] < model.thresholds.get(name, 2.0):
                continue
            relation, direction = class_relation(name)
            subject, obj = (pair.second, pair.first) if direction < 0 else (pair.first, pair.second)
            if relation == "member_of" and _seat_body(doc, index, obj):
                continue
            trigger = _trigger(doc, pair, index, model, best)
            out.append(FrameFact("scorer", relation, trigger, subject, obj, None,
                                 round(probs[best] * CONFIDENCE_FACTOR, 3)))
        return out


def _seat_body(doc: Doc, index: EntityIndex, head: int) -> bool:
    first, last = mention_bounds(index, head)
    return any(t.lower_ in _not_membership() for t in doc[first : last + 1])


def _trigger(doc: Doc, pair: Pair, index: EntityIndex, model: Model, cls: int) -> int:
    """The path's top word, unless it lies in a name; then the path word weighing most
    for the class; the second head when the path has no word between the heads."""
    if pair.top not in index.token_entity:
        return pair.top
    words = [i for i in pair.path if i not in index.token_entity]
    if not words:
        return pair.second
    return max(words, key=lambda i: model.weights.get("pw=" + doc[i].lemma_.lower(), {}).get(cls, 0.0))


def candidate_pairs(doc: Doc, index: EntityIndex) -> list[Pair]:
    """Every pair of mentions of two different entities in one sentence, at most
    ``MAX_DISTANCE`` tokens apart, with its features. The same function feeds training
    (``scripts/train_scorer.py``) and inference, so both see the same pairs."""
    mentions = _mentions(doc, index)
    if len(mentions) < 2:
        return []
    by_sentence: dict[int, list[tuple[int, int, int, int]]] = {}
    for m in mentions:
        by_sentence.setdefault(m[3], []).append(m)
    out: list[Pair] = []
    ancestors: dict[int, list[int]] = {}
    for group in by_sentence.values():
        if len(group) < 2:
            continue
        for a in range(len(group)):
            for b in range(a + 1, len(group)):
                first, second = group[a], group[b]
                if first[2] == second[2]:
                    continue
                h1, h2 = _head(doc, first), _head(doc, second)
                if abs(h2 - h1) > MAX_DISTANCE:
                    continue
                between = [m for m in group[a + 1 : b] if m[2] not in (first[2], second[2])]
                out.append(_pair(doc, index, first, second, h1, h2, len(between), ancestors))
    return out


def _mentions(doc: Doc, index: EntityIndex) -> list[tuple[int, int, int, int]]:
    """(first token, last token, entity, sentence start) of each name mention, in order."""
    out = []
    labels = index.labels
    for i in sorted(index.token_entity):
        e = index.token_entity[i]
        if index.token_entity.get(i - 1) == e or labels[e] not in PAIR_LABELS:
            continue
        first, last = mention_bounds(index, i)
        out.append((first, last, e, doc[first].sent.start))
    return out


def _head(doc: Doc, mention: tuple[int, int, int, int]) -> int:
    first, last = mention[0], mention[1]
    for i in range(last, first - 1, -1):
        h = doc[i].head.i
        if not first <= h <= last or h == i:
            return i
    return last


def _up(doc: Doc, i: int, cache: dict[int, list[int]]) -> list[int]:
    """``i`` and its ancestors, nearest first."""
    chain = cache.get(i)
    if chain is None:
        chain = [i, *(t.i for t in doc[i].ancestors)]
        cache[i] = chain
    return chain


def _pair(
    doc: Doc,
    index: EntityIndex,
    first: tuple[int, int, int, int],
    second: tuple[int, int, int, int],
    h1: int,
    h2: int,
    names_between: int,
    cache: dict[int, list[int]],
) -> Pair:
    labels = index.labels
    l1, l2 = labels[first[2]], labels[second[2]]
    up1, up2 = _up(doc, h1, cache), _up(doc, h2, cache)
    on2 = {t: n for n, t in enumerate(up2)}
    top_at = next((n for n, t in enumerate(up1) if t in on2), None)
    steps: list[str] = []
    path: list[int] = []
    if top_at is None:  # two sentences the parser did not join: no path
        top = h1
        steps.append("nopath")
    else:
        top = up1[top_at]
        falling = list(reversed(up2[: on2[top]]))
        steps.extend(doc[t].dep_ + "^" for t in up1[:top_at])
        steps.extend(doc[t].dep_ + "v" for t in falling)
        path = up1[1:top_at] + falling[:-1]
    inner = sorted({t for t in path if not first[0] <= t <= first[1] and not second[0] <= t <= second[1]})
    def word(t: int) -> str:  # a name stands as its label: features are never names
        e = index.token_entity.get(t)
        return doc[t].lemma_.lower() if e is None else f"<{labels[e]}>"

    top_word = "<head1>" if top == h1 else "<head2>" if top == h2 else word(top)
    words = [word(t) for t in inner]
    labels_f = f"{l1}>{l2}"
    feats = [f"lab={labels_f}", f"deps={' '.join(steps[:MAX_PATH])}|{labels_f}"]
    if len(steps) <= MAX_PATH:
        feats.append(f"path={' '.join(steps)}|{top_word}|{' '.join(words)}")
    feats.append(f"top={top_word}")
    feats.append(f"top={top_word}|{labels_f}")
    feats.extend(f"pd={s}" for s in steps)
    feats.extend(f"pw={w}" for w in words)
    feats.extend(f"pwl={w}|{labels_f}" for w in words)
    gap = range(first[1] + 1, second[0])
    if len(gap) <= MAX_BETWEEN_WORDS:
        gap_words = [word(t) for t in gap]
        between = " ".join(gap_words)
        feats.append(f"btw={between}")
        feats.append(f"btw={between}|{labels_f}")
        feats.extend(f"bw={w}" for w in gap_words)
    else:
        feats.append("btw=long")
    feats.append(f"names_between={min(names_between, 2)}")
    feats.append(f"dist={_bucket(h2 - h1)}")
    if first[0] > 0:
        feats.append(f"pre={word(first[0] - 1)}")
    if second[1] + 1 < len(doc):
        feats.append(f"post={word(second[1] + 1)}")
    return Pair(h1, h2, first[2], second[2], tuple(inner), top, tuple(feats))


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8-15" if n <= 15 else "16+"
