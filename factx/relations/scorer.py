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
from collections.abc import Collection, Container, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import tables
from ..columns import columns
from .frames import FrameFact, mention_bounds
from .patterns import inventory

if TYPE_CHECKING:
    from spacy.tokens import Doc

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

    def weight(self, feature: str, cls: int) -> float:
        w = self.weights.get(feature)
        return w.get(cls, 0.0) if w else 0.0

    @functools.cached_property
    def screen(self) -> _Screen:
        return _Screen(self)

    def best(self, features: Sequence[str]) -> tuple[int, float] | None:
        """The relation class and probability of a pair that yields a fact: its most probable
        class, a relation with a threshold that the probability reaches; else None.

        Most pairs are no relation. ``p_k <= 1 / (1 + exp(s_none - s_k))``, so a class whose
        score is not ``logit(threshold)`` above the no-relation class's cannot reach its
        threshold: the scores of those two kinds of classes are summed first, over weights
        kept in one short row per feature, and the full softmax runs only on the few pairs
        that pass."""
        screen = self.screen
        if not screen.margins:
            return None
        rows = screen.rows
        found = [row for row in map(rows.get, features) if row is not None]
        scores = [b + sum(col) for b, col in zip(screen.bias, zip(*found))] if found else screen.bias
        base = scores[0]
        if not any(scores[j] - base >= m for j, m in enumerate(screen.margins, 1)):
            return None
        probs = self.probabilities(features)
        top = max(range(len(probs)), key=probs.__getitem__)
        if probs[top] < self.thresholds.get(self.classes[top], 2.0):
            return None
        return top, probs[top]


class _Screen:
    """The no-relation class and the classes with a threshold, in that order: their bias,
    each feature's weights on them (features weighing on none of them left out), and the
    margin over the no-relation score each class needs to reach its threshold."""

    def __init__(self, model: Model) -> None:
        none = model.classes.index(NONE) if NONE in model.classes else -1
        enabled = [k for k, c in enumerate(model.classes) if c in model.thresholds]
        self.classes = (none, *enabled)
        self.bias = [model.bias[k] if k >= 0 else -math.inf for k in self.classes]
        t = [min(max(model.thresholds[model.classes[k]], 1e-9), 1 - 1e-9) for k in enabled]
        self.margins = tuple(math.log(p / (1 - p)) for p in t)
        self.rows: dict[str, tuple[float, ...]] = {}
        for f, w in model.weights.items():
            row = tuple(w.get(k, 0.0) for k in self.classes)
            if any(row):
                self.rows[f] = row


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
    """The scorer frame of one document: call ``facts(doc, index)``. ``relations`` limits it
    to those relations (the fact layer's setting), so pairs that could only yield others
    are never described."""

    def __init__(self, model: Model | None = None, relations: Collection[str] | None = None) -> None:
        self._model = model
        self._relations = None if relations is None else frozenset(relations)
        self._label_pairs: frozenset[tuple[str, str]] | None = None

    @property
    def model(self) -> Model:
        if self._model is None:
            self._model = load_model()
        return self._model

    @property
    def label_pairs(self) -> frozenset[tuple[str, str]]:
        """The (first, second) label pairs some class with a threshold may link: the
        inventory's argument labels of its relation, in its direction. The fact layer
        drops every other pair's fact, so those pairs are not scored at all."""
        if self._label_pairs is None:
            specs, _inverses = inventory()
            out = set()
            for name in self.model.thresholds:
                relation, direction = class_relation(name)
                spec = specs.get(relation)
                if spec is None or (self._relations is not None and relation not in self._relations):
                    continue
                subjects = PAIR_LABELS if "*" in spec.subject else spec.subject & PAIR_LABELS
                objects = PAIR_LABELS if "*" in spec.object else spec.object & PAIR_LABELS
                for s in subjects:
                    for o in objects:
                        if direction >= 0:
                            out.add((s, o))
                        if direction <= 0:
                            out.add((o, s))
            self._label_pairs = frozenset(out)
        return self._label_pairs

    def facts(self, doc: Doc, index: EntityIndex) -> list[FrameFact]:
        wanted = self.label_pairs
        if not wanted:
            return []
        pairs = candidate_pairs(doc, index, wanted)
        if not pairs:
            return []
        model = self.model
        out: list[FrameFact] = []
        for pair in pairs:
            found = model.best(pair.features)
            if found is None:
                continue
            best, prob = found
            relation, direction = class_relation(model.classes[best])
            subject, obj = (pair.second, pair.first) if direction < 0 else (pair.first, pair.second)
            if relation == "member_of" and _seat_body(doc, index, obj):
                continue
            if _coordinated_holder(doc, index, subject, obj) or _coordinated_holder(doc, index, obj, subject):
                continue
            if _in_list(doc, pair.first, pair.second) or _clause_agent(doc, pair) or _across_semicolon(doc, pair):
                continue
            trigger = _trigger(doc, pair, index, model, best)
            out.append(FrameFact("scorer", relation, trigger, subject, obj, None, round(prob * CONFIDENCE_FACTOR, 3)))
        return out


def _seat_body(doc: Doc, index: EntityIndex, head: int) -> bool:
    first, last = mention_bounds(index, head)
    return any(t.lower_ in tables.not_membership() for t in doc[first : last + 1])


def _coordinated_holder(doc: Doc, index: EntityIndex, head: int, other: int) -> bool:
    """Whether ``other`` hangs by a preposition under a common noun coordinated with
    ``head``: in "A and the secretary of B" (or "the son of B") the noun is a third
    person, so B is that person's, not A's."""
    for c in doc[head].children:
        if c.dep_ != "conj" or c.pos_ != "NOUN" or c.i in index.token_entity:
            continue
        t = doc[other]
        while t.head.i != t.i and t.head.i != c.i:
            t = t.head
        if t.head.i == c.i and t.i != c.i and t.dep_ == "prep":
            return True
    return False


def _conj_root(doc: Doc, i: int) -> int:
    t = doc[i]
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t.i


def _in_list(doc: Doc, a: int, b: int) -> bool:
    """Whether the two heads are items of one coordination of three or more ("A, B, C and
    D attended"): a list of names says nothing of how any two of them are related, though
    two names joined alone ("Prince A and Princess B") often are a couple."""
    root = _conj_root(doc, a)
    if root != _conj_root(doc, b):
        return False
    items, todo = 1, [doc[root]]
    while todo:
        for c in todo.pop().children:
            if c.dep_ == "conj":
                items += 1
                todo.append(c)
    return items >= 3


def _across_semicolon(doc: Doc, pair: Pair) -> bool:
    """Whether a semicolon stands between the two names: it separates the items of a list
    ("actor A; musician B of C; ...") or two clauses, and the scorer's words and paths
    across one say nothing of the two (the rule frames read such sentences themselves)."""
    a, b = sorted((pair.first, pair.second))
    depth = 0  # not one inside brackets: "Anna Berg (; born 1519) was the child of ..."
    for i in range(a + 1, b):
        text = doc[i].text
        depth += (text == "(") - (text == ")")
        if text == ";" and depth <= 0:
            return True
    return False


def _clause_agent(doc: Doc, pair: Pair) -> bool:
    """Whether the path runs into a relative clause to one name as its subject: in "the son
    of the sailor B rescued" B does something to the sailor and is no one's parent."""
    for h in (pair.first, pair.second):
        tok = doc[h]
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "relcl" and tok.head.i in pair.path:
            return True
    return False


def _trigger(doc: Doc, pair: Pair, index: EntityIndex, model: Model, cls: int) -> int:
    """The path's top word, unless it lies in a name; then the path word weighing most
    for the class; the second head when the path has no word between the heads."""
    if pair.top not in index.token_entity:
        return pair.top
    words = [i for i in pair.path if i not in index.token_entity]
    if not words:
        return pair.second
    return max(words, key=lambda i: model.weight("pw=" + doc[i].lemma_.lower(), cls))


Mention = tuple[int, int, int, int]  # first token, last token, entity, head token


def candidate_pairs(doc: Doc, index: EntityIndex, label_pairs: Container[tuple[str, str]] | None = None) -> list[Pair]:
    """Every pair of mentions of two different entities in one sentence, at most
    ``MAX_DISTANCE`` tokens apart, with its features; with ``label_pairs``, only pairs whose
    (first, second) labels are among them. The same function feeds training
    (``scripts/train_scorer.py``, all pairs) and inference, so both see the same features.

    Cheap tests come first: sentences with fewer than two names, the labels, the distance;
    the parse is read from arrays taken once per document, and features are written only
    for the pairs that pass."""
    token_entity, labels = index.token_entity, index.labels
    starts = [
        i
        for i in sorted(token_entity)
        if token_entity.get(i - 1) != token_entity[i] and labels[token_entity[i]] in PAIR_LABELS
    ]
    if len(starts) < 2:
        return []
    parse = _Parse(doc)
    by_sentence: dict[int, list[int]] = {}
    for i in starts:
        by_sentence.setdefault(parse.sentence[i], []).append(i)
    out: list[Pair] = []
    for group_starts in by_sentence.values():
        if len(group_starts) < 2:
            continue
        group: list[Mention] = []
        for i in group_starts:
            first, last = mention_bounds(index, i)
            group.append((first, last, token_entity[i], parse.mention_head(first, last)))
        for a in range(len(group) - 1):
            first = group[a]
            l1 = labels[first[2]]
            for b in range(a + 1, len(group)):
                second = group[b]
                if first[2] == second[2] or abs(second[3] - first[3]) > MAX_DISTANCE:
                    continue
                if label_pairs is not None and (l1, labels[second[2]]) not in label_pairs:
                    continue
                between = sum(1 for m in group[a + 1 : b] if m[2] != first[2] and m[2] != second[2])
                out.append(_pair(parse, index, first, second, between))
    return out


class _Parse:
    """The parse of one document as plain lists, read once: each token's sentence number
    and head, and (on demand) each token's chain of ancestors, dependency label and lemma.
    ``Token`` objects are made anew on every ``doc[i]``, and ``token.sent`` walks the
    sentence each time."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        table = columns(doc)
        self.head = table.heads
        self.sentence = table.sentence_numbers
        self._up: dict[int, list[int]] = {}
        self._dep: dict[int, str] = {}
        self._word: dict[int, str] = {}

    def mention_head(self, first: int, last: int) -> int:
        """The mention's token whose head lies outside it (or the root), from the end."""
        head = self.head
        for i in range(last, first - 1, -1):
            h = head[i]
            if not first <= h <= last or h == i:
                return i
        return last

    def up(self, i: int) -> list[int]:
        """``i`` and its ancestors, nearest first."""
        chain = self._up.get(i)
        if chain is None:
            head, chain, j = self.head, [i], i
            while head[j] != j and len(chain) <= len(head):
                j = head[j]
                chain.append(j)
            self._up[i] = chain
        return chain

    def dep(self, i: int) -> str:
        d = self._dep.get(i)
        if d is None:
            d = self._dep[i] = self.doc[i].dep_
        return d

    def word(self, i: int, index: EntityIndex) -> str:
        """The token's lemma, or ``<LABEL>`` in a name: features are never names."""
        w = self._word.get(i)
        if w is None:
            e = index.token_entity.get(i)
            w = self.doc[i].lemma_.lower() if e is None else f"<{index.labels[e]}>"
            self._word[i] = w
        return w


def _pair(parse: _Parse, index: EntityIndex, first: Mention, second: Mention, names_between: int) -> Pair:
    labels = index.labels
    h1, h2 = first[3], second[3]
    l1, l2 = labels[first[2]], labels[second[2]]
    up1, up2 = parse.up(h1), parse.up(h2)
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
        dep = parse.dep
        steps = [dep(t) + "^" for t in up1[:top_at]] + [dep(t) + "v" for t in falling]
        path = up1[1:top_at] + falling[:-1]
    inner = sorted({t for t in path if not first[0] <= t <= first[1] and not second[0] <= t <= second[1]})

    def word(t: int) -> str:
        return parse.word(t, index)

    top_word = "<head1>" if top == h1 else "<head2>" if top == h2 else word(top)
    words = [word(t) for t in inner]
    labels_f = f"{l1}>{l2}"
    feats = [f"lab={labels_f}", f"deps={' '.join(steps[:MAX_PATH])}|{labels_f}"]
    if len(steps) <= MAX_PATH:
        feats.append(f"path={' '.join(steps)}|{top_word}|{' '.join(words)}")
    feats.append(f"top={top_word}")
    feats.append(f"top={top_word}|{labels_f}")
    feats += ["pd=" + s for s in steps]
    feats += ["pw=" + w for w in words]
    feats += [f"pwl={w}|{labels_f}" for w in words]
    gap = range(first[1] + 1, second[0])
    if len(gap) <= MAX_BETWEEN_WORDS:
        gap_words = [word(t) for t in gap]
        between = " ".join(gap_words)
        feats.append(f"btw={between}")
        feats.append(f"btw={between}|{labels_f}")
        feats += ["bw=" + w for w in gap_words]
    else:
        feats.append("btw=long")
    feats.append(f"names_between={min(names_between, 2)}")
    feats.append(f"dist={_bucket(h2 - h1)}")
    if first[0] > 0:
        feats.append(f"pre={word(first[0] - 1)}")
    if second[1] + 1 < len(parse.head):
        feats.append(f"post={word(second[1] + 1)}")
    return Pair(h1, h2, first[2], second[2], tuple(inner), top, tuple(feats))


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8-15" if n <= 15 else "16+"
