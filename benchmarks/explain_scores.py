"""Scores with explanations on and off: explanations must not change what factx finds.

    python benchmarks/explain_scores.py [--limit 500]

Runs factx over the seed article and the Re-DocRED dev documents twice (``explain`` off and
on), saves each run's output as JSONL and scores it with ``../shared/eval/score.py
--predictions``, the scorer's own path for saved output. Prints one summary line per suite
and setting, then whether the two agree.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import factx

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"


def _scorer_module():
    spec = importlib.util.spec_from_file_location("factx_shared_score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(*args: str) -> dict:
    out = subprocess.run([sys.executable, str(SCORER), *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])["summary"]


def _write(results: list[factx.Extraction], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in results:
            f.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=500)
    args = ap.parse_args()
    scorer = _scorer_module()
    gold_path = next((SHARED / "data" / "seed").glob("*.gold.json"))
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    seed_text = (gold_path.parent / gold["doc"]).read_text(encoding="utf-8")
    docs = json.loads((SHARED / "data" / "redocred" / "dev_revised.json").read_text(encoding="utf-8"))[: args.limit]
    texts = [scorer.detokenize(d["sents"])[0] for d in docs]
    summaries: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for explain in (False, True):
            ex = factx.Extractor(explain=explain)
            seed_path = Path(tmp) / f"seed-{explain}.jsonl"
            _write([ex(seed_text, reference_date=gold.get("reference_date"))], seed_path)
            (seed,) = _score("seed", "--predictions", str(seed_path)).values()
            red_path = Path(tmp) / f"redocred-{explain}.jsonl"
            _write(list(ex.pipe(texts)), red_path)
            red = _score("redocred", "--limit", str(args.limit), "--predictions", str(red_path))
            label = "explain on " if explain else "explain off"
            summaries[label] = {"seed": seed, "redocred": red}
            print(
                f"seed     {label}: facts {seed['facts']}, merge {seed['merge']['entities_in_one_piece']}, "
                f"dates {seed['dates']}, schema_errors {seed['schema_errors']}"
            )
            print(
                f"redocred {label}: relations {red['relations_micro']}, clusters_b3 {red['clusters_b3']}, "
                f"ner_typed f1 {red['ner_typed']['f1']}, schema_errors_docs {red['schema_errors_docs']}"
            )
    off, on = summaries["explain off"], summaries["explain on "]
    same = off["seed"] == on["seed"] and off["redocred"] == on["redocred"]
    print("explanations change nothing scored:", same)
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
