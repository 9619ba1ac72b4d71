"""Command line: argument parsing and printing only; the work happens in ``factx.api``."""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from . import __version__, batch, export
from .api import DEFAULT_BATCH_SIZE, Extractor, parse_reference_date
from .errors import FactxError, OutputError
from .pipeline import DEFAULT_MODEL
from .types import Extraction


def _readable_file(source: str, what: str) -> Path:
    """``source`` as a path to read: a file, or a pipe (``<(cmd)`` gives ``/dev/fd/63``,
    which is not a regular file); a directory or a missing path is a ``FactxError``."""
    path = Path(source)
    if path.is_dir():
        raise FactxError(f"{source} is a directory: give {what}")
    if not path.exists():
        raise FactxError(f"no such file: {source} (give {what})")
    return path


def _read_text(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    path = _readable_file(source, "a text file, or - for standard input")
    try:
        # a byte order mark is not part of the text: offsets count from the first character
        # after it, as for the files of a batch directory
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise FactxError(f"{source} is not UTF-8 text: {e}") from e
    except OSError as e:
        raise FactxError(f"cannot read {source}: {e.strerror or e}") from e


def fact_rows(result: Extraction) -> list[tuple[str, ...]]:
    """One row a fact: subject, relation, object, time, negated, confidence, evidence."""
    names = {e.id: e.name for e in result.entities}
    rows: list[tuple[str, ...]] = []
    for f in result.facts:
        obj = names.get(f.object.entity or "", "") if f.object.entity else str(f.object.literal)
        time = f.time.value if f.time is not None and f.time.value else ""
        rows.append(
            (names.get(f.subject, f.subject), f.name, obj, time, "not" if f.negated else "", f"{f.confidence:.2f}")
        )
    return rows


def _table(result: Extraction) -> str:
    header = ("subject", "relation", "object", "time", "negated", "confidence")
    rows = [header, *fact_rows(result)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _extractor(args: argparse.Namespace) -> Extractor:
    """The Extractor the options of ``extract`` and ``batch`` describe."""
    return Extractor(
        args.model,
        extra_patterns=args.patterns or None,
        builtin_relations=False if args.no_builtin_relations else None,
        relations=[r.strip() for r in args.relations.split(",") if r.strip()] if args.relations else None,
        explain=args.explain or None,
        never_merge=args.never_merge,
        always_merge=args.always_merge,
        max_chars=args.max_chars,
    )


def _add_extraction_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("relations, merging and explanations")
    g.add_argument(
        "--patterns",
        metavar="FILE",
        action="append",
        help="a JSONL file of your own relations (templates or patterns, see docs/custom_relations.md); repeatable",
    )
    g.add_argument("--no-builtin-relations", action="store_true", help="run only the relations of --patterns")
    g.add_argument(
        "--relations", metavar="NAMES", help="keep only these relations, comma-separated (built-in or yours)"
    )
    g.add_argument(
        "--explain",
        action="store_true",
        help="add an explanation to every fact (pattern, matched tokens, how subject and object were found) "
        "and entity (why each alias joined)",
    )
    g.add_argument(
        "--never-merge", metavar="FILE", help="names that must stay separate entities: TSV or JSON (docs/merging.md)"
    )
    g.add_argument(
        "--always-merge", metavar="FILE", help="names that must be one entity: TSV or JSON (docs/merging.md)"
    )


def _cmd_extract(args: argparse.Namespace) -> int:
    text = _read_text(args.file)
    extractor = _extractor(args)
    result = extractor(text, reference_date=args.reference_date)
    if args.format == "table":
        sys.stdout.write(_table(result) + "\n")
        return 0
    data = result.to_dict()
    if args.facts_only:
        data = {
            "schema": data["schema"],
            "facts": data["facts"],
            "entities": [{"id": e["id"], "name": e["name"], "label": e["label"]} for e in data["entities"]],
        }
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None)
    sys.stdout.write("\n")
    return 0


PROGRESS_INTERVAL_S = 0.25  # the batch progress line is redrawn at most this often

EXIT_OK = 0  # factx batch: every record extracted
EXIT_RECORDS_FAILED = 1  # some records are error lines in the output
EXIT_USAGE = 2  # nothing run: bad arguments, missing input, unloadable model, output not resumable
EXIT_ABORTED = 3  # the run stopped early (a worker process died); rerun with --resume
EXIT_OUTPUT = 4  # the output cannot be written: read-only, a directory, a full disk
EXIT_INTERRUPTED = 130  # Ctrl-C (SIGINT)
EXIT_TERMINATED = 143  # SIGTERM, what schedulers and `kill` send: stopped as cleanly as Ctrl-C


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is so that it unwinds as on Ctrl-C: a partial
    export's temporary file is removed, the JSONL lines written stay whole."""


class _ProgressLine:
    """``factx: 1,234 docs  56.7 docs/s  2 failed  42%  ETA 0:01:23  0:00:41`` redrawn on stderr.

    Lines come back a batch at a time, so redrawing only when they are written moved the
    line once a batch (seconds apart). From the first call on, a thread redraws it every
    ``PROGRESS_INTERVAL_S`` with the time gone by; it starts then, not before, because the
    worker processes are forked by then (a process with threads should not fork)."""

    def __init__(self, stream: TextIO, total: int | None) -> None:
        self._stream = stream
        self._total = total
        self._start = time.monotonic()
        self._first_position: int | None = None
        self._counted = 0.0  # when a call last drew the line
        self._width = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        self._state: tuple[int, int, int] | None = None  # done, failed, position

    def __call__(self, summary: batch.Summary, position: int) -> None:
        with self._lock:
            if self._first_position is None:
                self._first_position = position
            self._state = (summary.done, summary.failed, position)
            # throttled on its own clock: the ticker's redraws must not hide new counts
            if time.monotonic() - self._counted >= PROGRESS_INTERVAL_S:
                self._counted = time.monotonic()
                self._draw()
        if self._ticker is None:
            self._ticker = threading.Thread(target=self._tick, name="factx-progress", daemon=True)
            self._ticker.start()

    def _tick(self) -> None:
        while not self._stop.wait(PROGRESS_INTERVAL_S):
            with self._lock:
                if not self._stop.is_set():
                    self._draw()

    def _draw(self) -> None:
        if self._state is None or self._first_position is None:
            return
        done, failed, position = self._state
        now = time.monotonic()
        elapsed = max(now - self._start, 1e-9)
        parts = [f"{done:,} docs", f"{done / elapsed:.1f} docs/s"]
        if failed:
            parts.append(f"{failed:,} failed")
        if self._total:
            parts.append(f"{100 * position / self._total:.0f}%")
            covered = position - self._first_position
            if covered > 0:
                parts.append(f"ETA {_clock(elapsed * (self._total - position) / covered)}")
        parts.append(_clock(elapsed))
        line = "factx: " + "  ".join(parts)
        self._stream.write("\r" + line.ljust(self._width))
        self._stream.flush()
        self._width = len(line)

    def close(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        with self._lock:
            if self._width:
                self._stream.write("\r" + " " * self._width + "\r")
                self._stream.flush()
                self._width = 0


def _clock(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _batch_source(args: argparse.Namespace, source: str) -> tuple[Iterator[batch.Record], int | None]:
    """The records of SOURCE (a batch INPUT) and the input position they end at (for the
    ETA), when known."""
    ref = parse_reference_date(args.reference_date)
    fields = {"id_field": args.id_field, "text_field": args.text_field, "date_field": args.date_field}
    if source == "-":
        return batch.read_jsonl(sys.stdin.buffer, reference_date=ref, **fields), None
    path = Path(source)
    if path.is_dir():
        files, skipped = batch.scan_text_files(path)
        if skipped:
            args.skipped_note = f"skipped in {source}: {batch.skipped_note(skipped)}"
        return batch.read_text_files(files, reference_date=ref), len(files)
    if not path.exists():
        raise FactxError(f"no such file or directory: {source} (give a JSONL file, a directory of .txt files, or -)")
    stream = path.open("rb")  # a file, or a pipe such as <(zcat docs.jsonl.gz)

    def records() -> Iterator[batch.Record]:
        with stream:
            yield from batch.read_jsonl(stream, reference_date=ref, **fields)

    return records(), path.stat().st_size if path.is_file() else None


def _same_file(output: str | None, input: str) -> bool:
    """Whether OUTPUT is INPUT by another name: the same path, a symbolic or a hard link."""
    if output is None or input == "-":
        return False
    try:
        return os.path.samefile(output, input)
    except OSError:  # one of them does not exist (yet)
        return Path(output).resolve() == Path(input).resolve()


def _check_output(output: str | None, input: str) -> None:
    """Refuse, before any work, an OUTPUT that is INPUT or cannot be written."""
    if _same_file(output, input):
        raise FactxError(f"OUTPUT must not be INPUT: {output} is {input} (give another -o file)")
    if output is not None:
        export.check_writable(output)


def _cmd_batch(args: argparse.Namespace) -> int:
    if args.workers < 1 or args.batch_size < 1:
        raise FactxError("--workers and --batch-size must be at least 1")
    if args.resume and args.output is None:
        raise FactxError("--resume needs -o OUTPUT: the file whose written records are skipped")
    _check_output(args.output, args.input)
    _check_export(args.format, args.output)
    if args.resume and args.format != "jsonl":
        raise FactxError(
            f"--resume works only with --format jsonl: a {args.format} output has no line per record to resume "
            f"from. Write JSONL with --resume, then convert it: factx export OUTPUT.jsonl --format {args.format} "
            "-o FILE --texts INPUT"
        )
    records, total = _batch_source(args, args.input)
    extractor = _extractor(args)
    if args.workers == 1:
        extractor.facts  # noqa: B018 - a model or pattern file that cannot load fails now, before OUTPUT is touched
    progress = None if args.quiet or not sys.stderr.isatty() else _ProgressLine(sys.stderr, total)
    try:
        if args.output is None:
            summary = batch.run(
                records,
                sys.stdout.buffer,
                extractor=extractor,
                workers=args.workers,
                batch_size=args.batch_size,
                format=args.format,
                on_progress=progress,
            )
        else:
            summary = batch.run_to_file(
                records,
                args.output,
                resume=args.resume,
                extractor=extractor,
                workers=args.workers,
                batch_size=args.batch_size,
                format=args.format,
                on_progress=progress,
            )
    except KeyboardInterrupt as e:
        if progress is not None:
            progress.close()
        resumable = args.output is not None and args.format == "jsonl"
        what = "terminated" if isinstance(e, Terminated) else "interrupted"
        print(f"factx: {what}" + ("; rerun with --resume to go on" if resumable else ""), file=sys.stderr)
        return EXIT_TERMINATED if isinstance(e, Terminated) else EXIT_INTERRUPTED
    except OutputError:
        if progress is not None:
            progress.close()
        raise
    except batch.BatchAborted as e:
        if progress is not None:
            progress.close()
        print(f"factx: error: {e}", file=sys.stderr)
        return EXIT_ABORTED
    if progress is not None:
        progress.close()
    note = getattr(args, "skipped_note", None)
    print(_summary_line(summary, args.format) + (f"; {note}" if note else ""), file=sys.stderr)
    return EXIT_OK if summary.all_succeeded else EXIT_RECORDS_FAILED


def _summary_line(s: batch.Summary, format: str = "jsonl") -> str:
    rate = s.done / s.seconds if s.seconds > 0 else 0.0
    text = f"factx: {s.succeeded} succeeded, {s.failed} failed in {s.seconds:.1f} s ({rate:.1f} docs/s)"
    if s.skipped:
        text += f"; {s.skipped} already in the output ({s.skipped_failed} of them failed)"
    if s.failed and format != "jsonl":
        text += f"; failed records are not in the {format} output (the JSONL format keeps them as error records)"
    return text


def _check_export(format: str, output: str | None) -> None:
    """Refuse, before any work, an export that cannot be written: a missing package, a
    binary format to standard output."""
    fmt = export.get_format(format)
    if fmt.binary and output is None:
        raise FactxError(f"--format {format} writes a binary file: give -o OUTPUT")


def _cmd_export(args: argparse.Namespace) -> int:
    _check_output(args.output, args.input)
    _check_export(args.format, args.output)
    if args.input != "-":
        _readable_file(args.input, "the JSONL output of factx batch, or -")
    lines = export.read_jsonl(sys.stdin.buffer if args.input == "-" else args.input)
    # the first record is read before anything is written: an INPUT that is not batch
    # output fails with nothing on standard output (not a CSV header, then the error)
    first = next(lines, None)
    records = lines if first is None else itertools.chain([first], lines)
    if args.texts is not None:
        if args.texts == "-" and args.input == "-":
            raise FactxError("INPUT and --texts cannot both be standard input")
        pairs = batch.with_texts(records, _batch_source(args, args.texts)[0])
    else:
        pairs = ((r, None) for r in records)
    counts = export.write_pairs(pairs, args.output or sys.stdout.buffer, format=args.format)
    print(
        f"factx: {counts.documents} documents, {counts.entities} entities, {counts.facts} facts exported"
        f"{f'; {counts.errors} error record' + 's' * (counts.errors != 1) if counts.errors else ''}"
        f"{' (not in the output)' if counts.errors and args.format != 'jsonl' else ''}",
        file=sys.stderr,
    )
    return 0


def _cmd_render(args: argparse.Namespace) -> int:
    from .render import to_html

    _check_output(args.output, args.file)
    text = _read_text(args.file)
    result = Extractor(args.model)(text, reference_date=args.reference_date)
    title = args.title if args.title is not None else ("standard input" if args.file == "-" else args.file)
    page = to_html(result, text, title=title)
    if args.output is None:
        sys.stdout.write(page)
    else:
        with export.replacing(args.output) as f:
            f.write(page.encode("utf-8"))
    return 0


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive integer")
    return n


def _add_max_chars(parser: argparse.ArgumentParser, outcome: str) -> None:
    parser.add_argument(
        "--max-chars",
        type=_positive_int,
        metavar="N",
        default=None,
        help=f"a text longer than N characters is not extracted: {outcome} (default: no limit; "
        "long texts are parsed in pieces)",
    )


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
    _add_max_chars(ex, "fail with exit code 2")
    ex.add_argument("--pretty", action="store_true", help="indent the JSON")
    ex.add_argument(
        "--format", choices=["json", "table"], default="json", help="json (factx/1, default) or a table of the facts"
    )
    ex.add_argument(
        "--facts-only",
        action="store_true",
        help="JSON with the facts and the entities' names only (no mentions, dates)",
    )
    _add_extraction_options(ex)
    ex.set_defaults(func=_cmd_extract)

    ba = sub.add_parser(
        "batch",
        help="extract from many documents: one factx/1 JSON line per record, in input order",
        description="Extract from a JSONL file, a directory of .txt files or standard input; write one JSON "
        "line per record, in input order (a record that fails becomes an error line). Exit code 0: all "
        "succeeded; 1: some records failed; 2: usage error, nothing run; 3: aborted (rerun with --resume); 4: "
        "OUTPUT cannot be written; 130: interrupted (Ctrl-C); 143: stopped by SIGTERM.",
    )
    ba.add_argument("input", metavar="INPUT", help="a JSONL file, a directory of .txt files, or - for JSONL on stdin")
    ba.add_argument("-o", "--output", metavar="OUTPUT", help="the JSONL file to write (default: standard output)")
    ba.add_argument("--id-field", default="id", help="the JSONL field with the record id (default: id)")
    ba.add_argument("--text-field", default="text", help="the JSONL field with the text (default: text)")
    ba.add_argument(
        "--date-field",
        default="reference_date",
        help="the JSONL field with a record's own reference date (default: reference_date)",
    )
    ba.add_argument("--reference-date", metavar="YYYY-MM-DD", help="the reference date of records without their own")
    ba.add_argument("--model", default=None, help=f"spaCy pipeline name or path (default: {DEFAULT_MODEL})")
    ba.add_argument(
        "--workers", type=int, default=1, help="processes, each loading the model once (default: 1; try the cores)"
    )
    ba.add_argument(
        "--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help=f"texts per batch (default: {DEFAULT_BATCH_SIZE})"
    )
    _add_max_chars(ba, "an error record")
    ba.add_argument(
        "--resume",
        action="store_true",
        help="keep OUTPUT, skip the records it already holds and append the rest (needs -o; --format jsonl "
        "only; the records need ids)",
    )
    ba.add_argument(
        "--format",
        choices=list(export.FORMATS),
        default="jsonl",
        help="jsonl (factx/1 records, default), csv/tsv/parquet (a row per fact), ntriples (RDF), graphml, "
        "entities/entities-csv/entities-parquet (a row per entity); see docs/exports.md",
    )
    ba.add_argument("-q", "--quiet", action="store_true", help="no progress line (it shows only on a terminal)")
    _add_extraction_options(ba)
    ba.set_defaults(func=_cmd_batch)

    exp = sub.add_parser(
        "export",
        help="convert the JSONL output of factx batch to another format",
        description="Convert factx batch output (factx/1 JSONL) to another export format, without extracting "
        "again. With --texts (the batch's INPUT) the facts carry their evidence text.",
    )
    exp.add_argument("input", metavar="INPUT", help="the JSONL output of factx batch, or - for standard input")
    exp.add_argument("-o", "--output", metavar="OUTPUT", help="the file to write (default: standard output)")
    exp.add_argument("--format", choices=list(export.FORMATS), required=True, help="the format to write")
    exp.add_argument(
        "--texts",
        metavar="SOURCE",
        help="the batch's INPUT (a JSONL file, a directory of .txt files, or -), for the evidence text",
    )
    exp.add_argument("--id-field", default="id", help="the id field of a JSONL --texts (default: id)")
    exp.add_argument("--text-field", default="text", help="the text field of a JSONL --texts (default: text)")
    exp.set_defaults(func=_cmd_export, date_field="reference_date", reference_date=None)

    re_ = sub.add_parser(
        "render",
        help="write a standalone HTML page of one document: entities, facts, a graph",
        description="Extract from one document and write an HTML page that needs no network: the text with "
        "its entities highlighted (one colour per entity), the facts as a table and a graph, the entities.",
    )
    re_.add_argument("file", help="a UTF-8 text file, or - for standard input")
    re_.add_argument("-o", "--output", metavar="OUT.html", help="the HTML file to write (default: standard output)")
    re_.add_argument(
        "--reference-date",
        metavar="YYYY-MM-DD",
        help="the document's date, to place relative dates such as 'February 24' or 'last week'",
    )
    re_.add_argument("--model", default=None, help=f"spaCy pipeline name or path (default: {DEFAULT_MODEL})")
    re_.add_argument("--title", help="the page's heading (default: the file name)")
    re_.set_defaults(func=_cmd_render)
    return parser


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def main(argv: Sequence[str] | None = None) -> int:
    if "numpy" not in sys.modules:
        # Run as a program, before the model brings numpy in: its BLAS would start a thread
        # pool that spaCy's CPU pipelines never use (they multiply with blis), that competes
        # with --workers for the cores, and that OpenBLAS stops at each fork, where the
        # thread still counted makes the fork racy (Python warns "multi-threaded").
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="factx: %(message)s")
    # Only the main thread may set handlers (the CLI called from a test thread keeps the default).
    terminate = None
    if threading.current_thread() is threading.main_thread():
        terminate = signal.signal(signal.SIGTERM, _terminate)
    try:
        return int(args.func(args))
    except OutputError as e:
        print(f"factx: error: {e}", file=sys.stderr)
        return EXIT_OUTPUT
    except FactxError as e:
        print(f"factx: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as e:  # extract, export, render; batch reports its own
        terminated = isinstance(e, Terminated)
        print(f"factx: {'terminated' if terminated else 'interrupted'}", file=sys.stderr)
        return EXIT_TERMINATED if terminated else EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. piped into head
        # Python flushes stdout at exit and would complain again: point it at devnull.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        if terminate is not None:
            signal.signal(signal.SIGTERM, terminate)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
