"""Time and memory of one long document, at 1, 2 and 5 MB of varied text.

    python benchmarks/long_documents.py [--sizes 1 2 5] [--kind corpus]

Each size is a prefix of the same shuffled paragraphs of the corpora in ../shared/data
(``tests/bigdoc.py --kind corpus``: news, encyclopedia abstracts, newswire), extracted in a
process of its own so that its peak resident set size is that document's. Reports the
parse (the spaCy model alone, the bare parse) and the extraction after it in CPU seconds,
their ratio, the peak RSS, and each figure's growth from the size before.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(mb: float, kind: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "bigdoc.py"), str(mb), "--kind", kind],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 5], help="millions of characters")
    parser.add_argument("--kind", choices=["corpus", "prose", "page"], default="corpus")
    args = parser.parse_args(argv)
    print(f"# Python {platform.python_version()}, {platform.machine()}, kind {args.kind}")
    print("| MB | tokens | parse CPU s | extraction CPU s | total / parse | peak RSS MB | growth (time, RSS) |")
    print("|---|---|---|---|---|---|---|")
    before: dict[str, float] | None = None
    for mb in args.sizes:
        m = measure(mb, args.kind)
        total = m["parse_cpu_s"] + m["extract_cpu_s"]
        growth = ""
        if before is not None:
            growth = (
                f"x{total / (before['parse_cpu_s'] + before['extract_cpu_s']):.2f}, "
                f"x{m['peak_rss_mb'] / before['peak_rss_mb']:.2f}"
            )
        print(
            f"| {mb:g} | {m['tokens']:,} | {m['parse_cpu_s']:.0f} | {m['extract_cpu_s']:.0f} | "
            f"{total / m['parse_cpu_s']:.2f} | {m['peak_rss_mb']:,.0f} | {growth} |",
            flush=True,
        )
        print(json.dumps(m), file=sys.stderr, flush=True)
        before = m
    return 0


if __name__ == "__main__":
    sys.exit(main())
