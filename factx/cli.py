"""Command line: argument parsing and printing only; the work happens in ``factx.api``."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .api import Extractor
from .errors import FactxError
from .pipeline import DEFAULT_MODEL
from .types import Extraction


def _read_text(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    if not path.is_file():
        raise FactxError(f"no such file: {source} (give a text file, or - for standard input)")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise FactxError(f"{source} is not UTF-8 text: {e}") from e


def fact_rows(result: Extraction) -> list[tuple[str, ...]]:
    """One row a fact: subject, relation, object, time, negated, confidence, evidence."""
    names = {e.id: e.name for e in result.entities}
    rows: list[tuple[str, ...]] = []
    for f in result.facts:
        obj = names.get(f.object.entity or "", "") if f.object.entity else str(f.object.literal)
        time = f.time.value if f.time is not None and f.time.value else ""
        rows.append(
            (names.get(f.subject, f.subject), f.relation, obj, time, "not" if f.negated else "", f"{f.confidence:.2f}")
        )
    return rows


def _table(result: Extraction) -> str:
    header = ("subject", "relation", "object", "time", "negated", "confidence")
    rows = [header, *fact_rows(result)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cmd_extract(args: argparse.Namespace) -> int:
    text = _read_text(args.file)
    extractor = Extractor(args.model)
    result = extractor(text, reference_date=args.reference_date)
    if args.format == "table":
        sys.stdout.write(_table(result) + "\n")
        return 0
    data = result.to_dict()
    if args.facts_only:
        data = {"schema": data["schema"], "facts": data["facts"],
                "entities": [{"id": e["id"], "name": e["name"], "label": e["label"]} for e in data["entities"]]}
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None)
    sys.stdout.write("\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factx", description="English text to merged entities, normalized dates and facts."
    )
    parser.add_argument("--version", action="version", version=f"factx {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what factx does to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="print the factx/1 JSON of one document")
    ex.add_argument("file", help="a UTF-8 text file, or - for standard input")
    ex.add_argument(
        "--reference-date",
        metavar="YYYY-MM-DD",
        help="the document's date, to place relative dates such as 'February 24' or 'last week'",
    )
    ex.add_argument("--model", default=None, help=f"spaCy pipeline name or path (default: {DEFAULT_MODEL})")
    ex.add_argument("--pretty", action="store_true", help="indent the JSON")
    ex.add_argument(
        "--format", choices=["json", "table"], default="json", help="json (factx/1, default) or a table of the facts"
    )
    ex.add_argument(
        "--facts-only", action="store_true", help="JSON with the facts and the entities' names only (no mentions, dates)"
    )
    ex.set_defaults(func=_cmd_extract)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="factx: %(message)s")
    try:
        return int(args.func(args))
    except FactxError as e:
        print(f"factx: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
