"""Record factx's output on the development suites, or compare two recordings.

A change that should not alter behaviour (a refactoring) is checked by recording before
and after it and comparing: the two must be identical, document by document.

    python benchmarks/same_output.py record /tmp/before     # on the old commit
    python benchmarks/same_output.py record /tmp/after      # on the new one
    python benchmarks/same_output.py compare /tmp/before /tmp/after

The texts and reference dates are the ones the yardstick (../shared/eval/score.py) feeds
factx for seed, news-dev, Re-DocRED dev (500 documents) and timex; the recording wraps the
yardstick's own runner, so what is compared is exactly what is scored.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SUITES = {
    "seed": ["seed"],
    "news-dev": ["seed", "--data", str(SHARED / "data" / "news-dev")],
    "redocred": ["redocred", "--limit", "500"],
    "timex": ["timex"],
}


def _yardstick():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def record(folder: Path, suites: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    score = _yardstick()
    run = score.run_factx
    for name in suites:
        lines: list[str] = []

        def recording(texts, dates, _run=run, _lines=lines):
            out, seconds = _run(texts, dates)
            _lines.extend(json.dumps(o, sort_keys=True, ensure_ascii=False) for o in out)
            return out, seconds

        score.run_factx = recording
        argv, sys.argv = sys.argv, ["score.py", *SUITES[name]]
        try:
            score.main()
        finally:
            sys.argv = argv
        (folder / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{name}: {len(lines)} documents", file=sys.stderr)


def compare(before: Path, after: Path) -> int:
    differing = 0
    for old in sorted(before.glob("*.jsonl")):
        new = after / old.name
        if not new.exists():
            print(f"{old.name}: missing in {after}")
            differing += 1
            continue
        a, b = old.read_text().splitlines(), new.read_text().splitlines()
        changed = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        if len(a) != len(b) or changed:
            differing += 1
            print(
                f"{old.name}: {len(changed)} of {len(a)} documents differ"
                f"{f' (first: line {changed[0] + 1})' if changed else ''}"
                f"{'' if len(a) == len(b) else f'; {len(a)} vs {len(b)} documents'}"
            )
        else:
            print(f"{old.name}: identical ({len(a)} documents)")
    return 1 if differing else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record")
    rec.add_argument("folder", type=Path)
    rec.add_argument("--suites", nargs="+", choices=sorted(SUITES), default=list(SUITES))
    cmp_ = sub.add_parser("compare")
    cmp_.add_argument("before", type=Path)
    cmp_.add_argument("after", type=Path)
    args = ap.parse_args()
    if args.command == "record":
        record(args.folder, args.suites)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
