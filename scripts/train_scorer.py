"""Train the scorer frame (factx/relations/scorer.py) and write models/scorer.json.

    python scripts/train_scorer.py [--cache pairs.jsonl] [--out models/scorer.json]

Training data (both MIT), never the parts the acceptance figures are measured on:

- FewRel val_wiki: the sentences 350..699 of each relation (``score.py fewrel --limit 350``
  measures on 0..349). The gold head and tail of the properties that map onto the inventory
  are a positive of that relation and direction; the gold pair of every other property is a
  negative; other pairs of a sentence are negatives of lower weight, since FewRel annotates
  one pair a sentence and the others may be true facts left unsaid ("the daughter of X and
  Y": Y is a parent too). Without them, two persons in one sentence would nearly always be
  kin, as FewRel's kinship sentences are the most of its sentences with two persons.
- Re-DocRED dev: documents 250..499 (``score.py redocred --limit 250`` measures on 0..249).
  Re-DocRED was revised to be exhaustive, so a pair of mentions of two annotated entities
  with no mapped relation is a negative.

Texts go through factx's own extraction (``Extractor.extract_doc``) up to the fact layer,
which is replaced by a recorder that calls ``candidate_pairs`` on the very Doc and
EntityIndex the fact layer would get: the pairs and features of training are those of run
time. Mentions are aligned to gold by character overlap, as ``score.py`` does.

The model is scikit-learn's multinomial logistic regression (a training-time dependency,
``pip install 'factx[dev]'``). Each relation's threshold is chosen on out-of-fold
probabilities (4 folds by document) as the lowest at which the scorer's facts of that
relation are right at least ``--precision`` of the time; a relation that never gets there
is left out. Weights below ``--prune`` are dropped so the file stays small.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(SHARED / "eval"))

import score  # noqa: E402  (the evaluation's detokenizer and relation maps)

import factx  # noqa: E402
from factx.relations.frames import mention_bounds  # noqa: E402
from factx.relations.scorer import MODEL_FILE, NONE, candidate_pairs  # noqa: E402

FEWREL_TRAIN = range(350, 700)
REDOCRED_TRAIN = range(250, 500)
OTHER_PAIR_WEIGHT = 0.3  # FewRel pairs besides the annotated one: maybe true, so weak negatives
SYMMETRIC = frozenset({"spouse", "sibling"})
# Relations the scorer may learn; each needs enough gold pairs in one sentence to get a threshold.
RELATIONS = (
    "spouse",
    "sibling",
    "child_of",
    "member_of",
    "part_of",
    "located_in",
    "works_for",
    "educated_at",
    "born_in",
    "died_in",
    "citizen_of",
    "created",
    "headquartered_in",
    "founded",
    "leads",
    "lives_in",
)


class _Recorder:
    """Stands in for the fact layer: keeps the candidate pairs and mention spans."""

    def __init__(self) -> None:
        self.last: list[dict] = []

    def __call__(self, doc, index, dates, *, entities=(), reference_date=None):
        records = []
        for p in candidate_pairs(doc, index):
            spans = []
            for head in (p.first, p.second):
                a, b = mention_bounds(index, head)
                spans.append((doc[a].idx, doc[b].idx + len(doc[b].text)))
            records.append({"f": list(p.features), "s": spans})
        self.last = records
        return []


class _RecordingExtractor(factx.Extractor):
    def __init__(self) -> None:
        super().__init__()
        self.recorder = _Recorder()

    @property
    def facts(self):  # the extraction path up to the fact layer, then the recorder
        return self.recorder


def _overlaps(span, spans) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


def _class(relation: str, subject_first: bool) -> str:
    if relation in SYMMETRIC:
        return relation
    return relation + (">" if subject_first else "<")


def fewrel_records(extractor: _RecordingExtractor) -> list[dict]:
    data = json.loads((SHARED / "data" / "fewrel" / "val_wiki.json").read_text())
    out = []
    for pid, sents in sorted(data.items()):
        mapped = score.FEWREL_MAP.get(pid)
        for n in FEWREL_TRAIN:
            s = sents[n]
            text, (tok,) = score.detokenize([s["tokens"]])
            h = [(tok[p[0]][0], tok[p[-1]][1]) for p in s["h"][2]]
            t = [(tok[p[0]][0], tok[p[-1]][1]) for p in s["t"][2]]
            extractor(text)
            for r in extractor.recorder.last:
                first, second = r["s"]
                label, gold = NONE, False
                for a, b, head_first in ((first, second, True), (second, first, False)):
                    if _overlaps(a, h) and _overlaps(b, t):
                        gold = True
                        if mapped and mapped[0] in RELATIONS:
                            relation, direction = mapped
                            # direction 1: the head is the subject; -1: the tail is
                            label = _class(relation, head_first == (direction >= 0))
                out.append({"f": r["f"], "y": label, "g": f"fewrel-{pid}-{n}", "annotated": gold})
    return out


def redocred_records(extractor: _RecordingExtractor) -> list[dict]:
    docs = json.loads((SHARED / "data" / "redocred" / "dev_revised.json").read_text())
    out = []
    for n in REDOCRED_TRAIN:
        doc = docs[n]
        text, tok = score.detokenize(doc["sents"])
        mentions = []  # (start, end, gold entity)
        for ei, ent in enumerate(doc["vertexSet"]):
            for m in ent:
                mentions.append((tok[m["sent_id"]][m["pos"][0]][0], tok[m["sent_id"]][m["pos"][1] - 1][1], ei))
        gold: dict[tuple[int, int], str] = {}
        for lab in doc["labels"]:
            for rel in RELATIONS:  # the first relation in RELATIONS wins a pair with two
                for prop, inverse in score.RELATION_MAP.get(rel, []):
                    if lab["r"] == prop:
                        s, o = (lab["t"], lab["h"]) if inverse else (lab["h"], lab["t"])
                        gold.setdefault((s, o), rel)
        extractor(text)
        for r in extractor.recorder.last:
            ents = []
            for span in r["s"]:
                hits = Counter(e for a, b, e in mentions if span[0] < b and a < span[1])
                ents.append(hits.most_common(1)[0][0] if hits else None)
            label = NONE
            if None not in ents:
                e1, e2 = ents
                if (e1, e2) in gold:
                    label = _class(gold[e1, e2], True)
                elif (e2, e1) in gold:
                    label = _class(gold[e2, e1], False)
            out.append({"f": r["f"], "y": label, "g": f"redocred-{n}", "annotated": True})
    return out


def thresholds(y, probs, classes, annotated, precision: float, floor: float, min_facts: int) -> dict[str, float]:
    """Per relation class, the lowest threshold at which out-of-fold facts reach ``precision``,
    over the annotated pairs: FewRel's other pairs are often true facts left unannotated."""
    out = {}
    best = probs.argmax(axis=1)
    for k, name in enumerate(classes):
        if name == NONE:
            continue
        scored = sorted(
            ((probs[i, k], y[i] == name) for i in range(len(y)) if best[i] == k and annotated[i]), reverse=True
        )
        right = chosen = 0
        for n, (p, ok) in enumerate(scored, 1):
            right += ok
            if p >= floor and n >= min_facts and right / n >= precision:
                chosen = p
        if chosen:
            out[name] = round(max(float(chosen), floor), 3)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", help="JSONL of parsed training pairs: written if missing, else read")
    ap.add_argument("--out", default=str(ROOT / "models" / MODEL_FILE))
    ap.add_argument("--c", type=float, default=0.5, help="inverse regularization strength")
    ap.add_argument("--min-count", type=int, default=2, help="features seen fewer times are dropped")
    ap.add_argument("--precision", type=float, default=0.9)
    ap.add_argument("--floor", type=float, default=0.6, help="no threshold below this probability")
    ap.add_argument("--min-facts", type=int, default=8, help="out-of-fold facts needed to trust a threshold")
    ap.add_argument(
        "--other-weight",
        type=float,
        default=OTHER_PAIR_WEIGHT,
        help="weight of FewRel's unannotated pairs as negatives",
    )
    ap.add_argument("--prune", type=float, default=0.05)
    args = ap.parse_args()

    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    cache = Path(args.cache) if args.cache else None
    if cache is not None and cache.exists():
        records = [json.loads(line) for line in cache.read_text().splitlines()]
    else:
        extractor = _RecordingExtractor()
        records = fewrel_records(extractor) + redocred_records(extractor)
        if cache is not None:
            cache.write_text("".join(json.dumps(r) + "\n" for r in records))
    counts = Counter(f for r in records for f in set(r["f"]))
    keep = {f for f, c in counts.items() if c >= args.min_count}
    X = DictVectorizer().fit([{f: 1 for f in keep}])
    matrix = X.transform([{f: 1 for f in r["f"] if f in keep} for r in records])
    y = np.array([r["y"] for r in records])
    w = np.array([1.0 if r["annotated"] else args.other_weight for r in records])
    groups = [r["g"] for r in records]
    print("pairs", len(records), "features", len(keep), "labels", dict(Counter(y)), file=sys.stderr)

    def model():
        return LogisticRegression(C=args.c, max_iter=2000)

    classes = sorted(set(y))
    probs = np.zeros((len(y), len(classes)))
    for train, test in GroupKFold(n_splits=4).split(matrix, y, groups):
        m = model().fit(matrix[train], y[train], sample_weight=w[train])
        cols = [classes.index(c) for c in m.classes_]
        probs[np.ix_(test, cols)] = m.predict_proba(matrix[test])
    chosen = thresholds(
        y, probs, classes, [r["annotated"] for r in records], args.precision, args.floor, args.min_facts
    )
    print("thresholds", chosen, file=sys.stderr)
    final = model().fit(matrix, y, sample_weight=w)
    names = X.get_feature_names_out()
    weights: dict[str, dict[str, float]] = defaultdict(dict)
    coef = final.coef_
    for k in range(coef.shape[0]):
        for j in np.flatnonzero(np.abs(coef[k]) >= args.prune):
            weights[str(names[j])][str(k)] = round(float(coef[k, j]), 3)
    out = {
        "about": "Weights of factx's scorer frame (factx/relations/scorer.py), trained by "
        "scripts/train_scorer.py on FewRel val_wiki sentences 350-699 of each relation (MIT) and "
        "Re-DocRED dev documents 250-499 (MIT); multinomial logistic regression, weights[feature]"
        "[class index], pruned below " + str(args.prune),
        "classes": [str(c) for c in final.classes_],
        "bias": [round(float(b), 4) for b in final.intercept_],
        "thresholds": chosen,
        "weights": dict(sorted(weights.items())),
    }
    Path(args.out).write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    print("wrote", args.out, Path(args.out).stat().st_size, "bytes,", len(weights), "features", file=sys.stderr)


if __name__ == "__main__":
    main()
