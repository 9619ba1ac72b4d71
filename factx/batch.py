"""Batch extraction: records in, one ``factx/1`` JSONL line per record out, in input order.

The pieces, each streaming (memory stays flat however long the input is):

- readers turn JSONL lines (``read_jsonl``) or text files (``read_text_files``) into
  ``Record`` objects; a record that cannot be read carries its ``RecordError`` instead of
  a text, so that it still gets its one output line;
- ``extract_records`` turns a batch of records into output lines (what each Spark task
  runs), ``run`` the lines of a record stream, written to a stream in input order; both
  give the records' texts to ``Extractor.pipe`` with ``errors="return"``, so that every
  per-document failure is an error line, and ``run`` with ``n_process=workers``;
  ``run_to_file`` writes to a file and can resume an interrupted run.

A success line is the ``factx/1`` object with the record's ``id``; a failure line is
``{"id": ..., "error": {"type": ..., "message": ..., "line": ...}}``. See docs/batch.md.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import io
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from . import export
from .api import DEFAULT_BATCH_SIZE, DateLike, Extractor, parse_reference_date
from .errors import BatchAborted, FactxError, OutputError, ResumeError
from .types import SCHEMA, Document, Extraction, Failure

log = logging.getLogger("factx")

FSYNC_INTERVAL_S = 5.0  # run_to_file: fsync the output at most this long after a write
MAX_LOGGED_ERRORS = 10  # failed records logged one by one; the rest are only counted
TAIL_CHUNK_BYTES = 1 << 16  # resume: read the output backwards in chunks this size
TEXT_SUFFIX = ".txt"  # the files a directory input is made of

RecordId = str | int | None


@dataclass(frozen=True, slots=True)
class RecordError:
    """Why a record has no extraction: an exception class name and its message."""

    type: str
    message: str


@dataclass(frozen=True, slots=True)
class Record:
    """One input document: its ``id``, its text and reference date, or the error that
    makes it unreadable. ``line`` is its 1-based line in a JSONL input; ``position`` how far
    into the input it ends (bytes of a file, or a count of files), for progress."""

    id: RecordId
    text: str | None = None
    reference_date: dt.date | None = None
    line: int | None = None
    error: RecordError | None = None
    position: int = 0


@dataclass(slots=True)
class Summary:
    """What a run did. ``skipped`` records were already in a resumed output, ``skipped_failed``
    of them as error records."""

    succeeded: int = 0
    failed: int = 0
    skipped: int = 0
    skipped_failed: int = 0
    seconds: float = 0.0

    @property
    def done(self) -> int:
        """Records written by this run."""
        return self.succeeded + self.failed

    @property
    def all_succeeded(self) -> bool:
        """No error record in the output, counting the part a resumed run found."""
        return self.failed == 0 and self.skipped_failed == 0


ProgressCallback = Callable[[Summary, int], None]
"""Called after every written line with the summary so far and the input position reached."""


# --- reading -------------------------------------------------------------------------


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def record_from_object(
    obj: object,
    *,
    line: int | None = None,
    position: int = 0,
    id_field: str = "id",
    text_field: str = "text",
    date_field: str = "reference_date",
    reference_date: dt.date | None = None,
) -> Record:
    """A ``Record`` from one decoded JSON value: an object with an id (a string or an
    integer; absent means null), a string text and an optional ISO reference date (else
    ``reference_date``). Anything else gives a record with its ``error``."""

    def failed(type_: str, message: str, id_: RecordId = None) -> Record:
        return Record(id=id_, line=line, error=RecordError(type_, message), position=position)

    if not isinstance(obj, dict):
        return failed("TypeError", f"a record must be a JSON object, not a JSON {_json_type(obj)}")
    rid = obj.get(id_field)
    if rid is not None and (isinstance(rid, bool) or not isinstance(rid, (str, int))):
        return failed("TypeError", f"{id_field!r} must be a string or an integer, not a JSON {_json_type(rid)}")
    if text_field not in obj:
        return failed("KeyError", f"the record has no {text_field!r} field", rid)
    text = obj[text_field]
    if not isinstance(text, str):
        return failed("TypeError", f"{text_field!r} must be a string, not a JSON {_json_type(text)}", rid)
    ref = reference_date
    if obj.get(date_field) is not None:
        try:
            ref = parse_reference_date(obj[date_field])
        except FactxError as e:
            return failed(type(e).__name__, str(e), rid)
    return Record(id=rid, text=text, reference_date=ref, line=line, position=position)


def read_jsonl(
    lines: Iterable[bytes],
    *,
    id_field: str = "id",
    text_field: str = "text",
    date_field: str = "reference_date",
    reference_date: DateLike = None,
) -> Iterator[Record]:
    """One ``Record`` per line of a JSONL byte stream (e.g. a file opened ``"rb"``), bad lines
    included: a line that is not UTF-8, not JSON (an empty line too) or not a valid record
    gives a record with its ``error``, so that output lines stay one per input line."""
    default = parse_reference_date(reference_date)
    position = 0
    for number, raw in enumerate(lines, start=1):
        position += len(raw)
        body = raw.rstrip(b"\r\n")
        if number == 1 and body.startswith(codecs.BOM_UTF8):
            body = body[len(codecs.BOM_UTF8) :]
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as e:
            yield Record(
                id=_salvage_id(body, id_field),
                line=number,
                error=RecordError("UnicodeDecodeError", f"the line is not UTF-8: {e}"),
                position=position,
            )
            continue
        if not text.strip():
            yield Record(id=None, line=number, error=RecordError("JSONDecodeError", "empty line"), position=position)
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as e:
            yield Record(id=None, line=number, error=RecordError("JSONDecodeError", str(e)), position=position)
            continue
        yield record_from_object(
            obj,
            line=number,
            position=position,
            id_field=id_field,
            text_field=text_field,
            date_field=date_field,
            reference_date=default,
        )


def _salvage_id(body: bytes, id_field: str) -> RecordId:
    """The id of a line whose bytes are not all UTF-8, when the rest of it is readable."""
    try:
        obj = json.loads(body.decode("utf-8", errors="replace"))
    except json.JSONDecodeError:
        return None
    rid = obj.get(id_field) if isinstance(obj, dict) else None
    return rid if isinstance(rid, (str, int)) and not isinstance(rid, bool) else None


def list_text_files(directory: str | Path) -> list[Path]:
    """The ``.txt`` files of a directory (not its subdirectories; ``.TXT`` too), sorted by name."""
    return scan_text_files(directory)[0]


def scan_text_files(directory: str | Path) -> tuple[list[Path], dict[str, list[str]]]:
    """The ``.txt`` files of a directory, sorted by name, and the entries skipped by kind
    (``subdirectory``, ``broken or looping link``, ``not a regular file`` such as a FIFO,
    ``not named *.txt``), each with their names sorted, for the run's summary."""
    files: list[Path] = []
    skipped: dict[str, list[str]] = {}
    for p in Path(directory).iterdir():
        if p.is_symlink() and not p.exists():  # exists() is False for a dangling link and a loop
            kind = "broken or looping link"
        elif p.is_dir():
            kind = "subdirectory"
        elif not p.is_file():
            kind = "not a regular file"
        elif p.suffix.lower() != TEXT_SUFFIX:
            kind = "not named *.txt"
        else:
            files.append(p)
            continue
        skipped.setdefault(kind, []).append(p.name)
    return sorted(files, key=lambda p: p.name), {k: sorted(v) for k, v in sorted(skipped.items())}


def skipped_note(skipped: Mapping[str, Sequence[str]], *, shown: int = 3) -> str:
    """``2 subdirectories (a, b), 1 not named *.txt (notes.md)`` for a summary line."""
    parts = []
    for kind, names in skipped.items():
        more = f", +{len(names) - shown} more" if len(names) > shown else ""
        plural = "subdirectories" if kind == "subdirectory" and len(names) != 1 else kind
        parts.append(f"{len(names)} {plural} ({', '.join(names[:shown])}{more})")
    return ", ".join(parts)


def read_text_files(paths: Iterable[Path], *, reference_date: DateLike = None) -> Iterator[Record]:
    """One ``Record`` per UTF-8 text file, its id the file name; a file that cannot be read
    or decoded gives a record with its ``error``."""
    ref = parse_reference_date(reference_date)
    for position, path in enumerate(paths, start=1):
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            yield Record(id=path.name, error=RecordError(type(e).__name__, str(e)), position=position)
            continue
        yield Record(id=path.name, text=text, reference_date=ref, position=position)


# --- extracting ----------------------------------------------------------------------

Outcome = tuple[bool, bytes]
"""An output line (UTF-8, newline-terminated) and whether it is a success."""
Extracted = tuple[Record, Extraction | RecordError]
"""A record with its extraction, or the error that stopped it."""


def _encode(obj: dict[str, Any]) -> bytes:
    try:
        return (json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, e.g. from a "\ud800" escape in the input
        return (json.dumps(obj, ensure_ascii=True, separators=(",", ":")) + "\n").encode("ascii")


def _success_record(record_id: RecordId, result: Extraction) -> dict[str, Any]:
    data = result.to_dict()
    data.pop("id", None)
    return {"schema": data.pop("schema", SCHEMA), "id": record_id, **data}


def _error_record(record_id: RecordId, error: RecordError, *, line: int | None = None) -> dict[str, Any]:
    err: dict[str, Any] = {"type": error.type, "message": error.message}
    if line is not None:
        err["line"] = line
    return {"id": record_id, "error": err}


def success_line(record_id: RecordId, result: Extraction) -> bytes:
    """The output line of an extraction: its ``factx/1`` object with the record's id."""
    return _encode(_success_record(record_id, result))


def error_line(record_id: RecordId, error: RecordError, *, line: int | None = None) -> bytes:
    """The output line of a failed record."""
    return _encode(_error_record(record_id, error, line=line))


def _document(rec: Record) -> Document | str:
    """What ``Extractor.pipe`` is given for a record: its text and reference date. A record
    without a text (it could not be read) is given an empty one, which costs nothing and
    keeps its place, so that results stay in input order and batches those of the input."""
    if rec.error is not None or rec.text is None:
        return ""
    return Document(rec.text, reference_date=rec.reference_date)


def _extracted(
    extractor: Extractor, records: Iterable[Record], *, batch_size: int, workers: int = 1
) -> Iterator[Extracted]:
    """Each record with its extraction or the error that stopped it, in input order: an
    error of its own (it could not be read), or one ``Extractor.pipe`` returned for it."""
    results = extractor.pipe(
        ((_document(rec), rec) for rec in records),
        as_tuples=True,
        errors="return",
        batch_size=batch_size,
        n_process=workers,
    )
    for result, rec in results:
        if rec.error is not None:
            yield rec, rec.error
        elif isinstance(result, Failure):
            yield rec, RecordError(result.type, result.message)
        else:
            yield rec, result


def extract_records(extractor: Extractor, records: Sequence[Record]) -> list[Outcome]:
    """The output lines of a batch, in order. Texts are parsed together; if that fails, one
    by one, so a document that raises fails alone, as an error line (as does a text over the
    extractor's ``max_chars``). A model that cannot be loaded raises: that is the run's
    failure, not a record's."""
    extractor.facts  # noqa: B018 - load the model, compile the patterns even if no record has a text
    return [
        (False, error_line(rec.id, found, line=rec.line))
        if isinstance(found, RecordError)
        else (True, success_line(rec.id, found))
        for rec, found in _extracted(extractor, records, batch_size=max(1, len(records)))
    ]


# --- writing -------------------------------------------------------------------------


class _LineWriter:
    """Writes each line with one ``write`` call of the whole line; ``flush`` after a batch.
    On an unbuffered file (``run_to_file``) every line is one system call, so a killed
    process leaves only whole lines behind, or one torn last line."""

    def __init__(self, out: IO[bytes] | IO[str] | _OpenOnWrite, *, sync: Callable[[], None] | None = None) -> None:
        self._text = isinstance(out, io.TextIOBase)
        self._out = out
        self._sync = sync
        self._synced = time.monotonic()

    def write(self, line: bytes) -> None:
        if self._text:
            cast(IO[str], self._out).write(line.decode("utf-8"))
            return
        out = cast(IO[bytes], self._out)
        view = memoryview(line)
        while view:
            n = out.write(view)
            view = view[n if n is not None else len(view) :]

    def flush(self, *, sync: bool = False) -> None:
        self._out.flush()
        if self._sync is not None and (sync or time.monotonic() - self._synced >= FSYNC_INTERVAL_S):
            self._sync()
            self._synced = time.monotonic()


class _OpenOnWrite:
    """The JSONL output of ``run_to_file``, opened (truncated or appended to) at its first
    write: a run that stops before its first result (a model or pattern file that cannot
    load in a worker, a wrong ``--resume`` file) leaves an existing file as it was. Writes
    are unbuffered, one system call a line; an ``OSError`` becomes an ``OutputError``
    naming the path."""

    def __init__(self, path: Path, *, append: bool) -> None:
        self.path = path
        self._mode = "ab" if append else "wb"
        self._file: io.FileIO | None = None

    def open(self) -> io.FileIO:
        if self._file is None:
            try:
                self._file = cast(io.FileIO, open(self.path, self._mode, buffering=0))  # noqa: SIM115
            except OSError as e:
                raise _output_error(self.path, e) from None
        return self._file

    def write(self, data: bytes | memoryview) -> int | None:
        try:
            return self.open().write(data)
        except OSError as e:
            raise _output_error(self.path, e) from None

    def flush(self) -> None:
        pass  # unbuffered

    def sync(self) -> None:
        # a device or a pipe (/dev/stdout, /dev/null) has nothing to sync and refuses fsync
        if self._file is not None and self.path.is_file():
            try:
                os.fsync(self._file.fileno())
            except OSError as e:
                raise _output_error(self.path, e) from None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _output_error(path: Path, e: OSError) -> OutputError:
    advice = ""
    if e.errno == errno.ENOSPC:
        advice = "; the lines written are whole: free some space and rerun with --resume"
    return OutputError(f"cannot write {path}: {e.strerror or e}{advice}")


def run(
    records: Iterable[Record],
    out: IO[bytes] | IO[str],
    *,
    extractor: Extractor | None = None,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    format: str = "jsonl",
    on_progress: ProgressCallback | None = None,
    summary: Summary | None = None,
    _sync: Callable[[], None] | None = None,
) -> Summary:
    """Extract every record and write one line per record to ``out`` (a binary or text
    stream), in input order; return the counts.

    ``format`` other than ``jsonl`` writes an export of ``factx.export.FORMATS`` instead,
    with the evidence text of each fact (e.g. ``csv``: one row per fact); error records are
    counted in the summary and, except in JSONL, not written.

    ``workers > 1`` runs whole extractions in that many processes, each loading the model
    once. ``summary`` (default: a new one) is the object counted into and returned.
    Records that cannot be read or whose extraction raises become error lines and
    the run goes on; only a failure of the run itself (the model cannot load, a worker
    process dies) raises.
    """
    if workers < 1 or batch_size < 1:
        raise ValueError("workers and batch_size must be at least 1")
    extractor = Extractor() if extractor is None else extractor
    summary = Summary() if summary is None else summary
    writer = _LineWriter(out, sync=_sync)
    exporting = format != "jsonl"
    keep_text = exporting and export.get_format(format).uses_text  # an unknown format fails here
    results = _extracted(extractor, records, batch_size=batch_size, workers=workers)
    if workers > 1:
        from concurrent.futures.process import BrokenProcessPool

        def guarded(results: Iterator[Extracted]) -> Iterator[Extracted]:
            try:
                yield from results
            except BrokenProcessPool as e:
                advice = (
                    f"the {format} output is incomplete: rerun"
                    if exporting
                    else "the lines written so far are whole: rerun with --resume"
                )
                raise BatchAborted(f"a worker process died ({e}); {advice} (fewer --workers if memory ran out)") from e

        results = guarded(results)
    start = time.monotonic()
    try:
        with ExitStack() as stack:
            # The export writer is opened once the first results are back, when worker
            # processes have been forked: pyarrow starts threads when imported, and a
            # process with threads should not fork.
            sink: export.Writer | None = None
            for done, (rec, found) in enumerate(results, start=1):
                if exporting and sink is None:
                    sink = stack.enter_context(export.open_writer(out, format))
                if isinstance(found, RecordError):
                    record = _error_record(rec.id, found, line=rec.line)
                else:
                    record = _success_record(rec.id, found)
                if sink is None:
                    writer.write(_encode(record))
                else:
                    sink.write(record, rec.text if keep_text else None)
                if isinstance(found, RecordError):
                    summary.failed += 1
                    _log_failure(rec, found, summary.failed)
                else:
                    summary.succeeded += 1
                if on_progress is not None:
                    summary.seconds = time.monotonic() - start
                    on_progress(summary, rec.position)
                if done % batch_size == 0:  # a batch is written
                    writer.flush()
            if exporting and sink is None:  # no input: still a valid, empty file (a CSV header)
                stack.enter_context(export.open_writer(out, format))
    finally:
        summary.seconds = time.monotonic() - start
        writer.flush(sync=True)
    return summary


def _log_failure(rec: Record, error: RecordError, count: int) -> None:
    if count > MAX_LOGGED_ERRORS:
        return
    where = f" (line {rec.line})" if rec.line is not None else ""
    log.warning("record %s%s failed: %s: %s", json.dumps(rec.id), where, error.type, error.message)
    if count == MAX_LOGGED_ERRORS:
        log.warning("further failed records are not logged; they are counted, and are in the output")


# --- files and resuming --------------------------------------------------------------


def truncate_torn_tail(path: str | Path) -> int:
    """Cut ``path`` after its last newline, dropping a line that a killed run left half
    written; return the number of bytes dropped."""
    with open(path, "r+b") as f:
        size = f.seek(0, os.SEEK_END)
        end, keep = size, 0
        while end > 0:
            start = max(0, end - TAIL_CHUNK_BYTES)
            f.seek(start)
            newline = f.read(end - start).rfind(b"\n")
            if newline >= 0:
                keep = start + newline + 1
                break
            end = start
        if keep < size:
            f.truncate(keep)
    if keep < size:
        log.warning("%s: dropped a torn last line (%d bytes); its record is extracted again", path, size - keep)
    return size - keep


def _is_batch_line(written: object) -> bool:
    """Whether a decoded line is one ``factx batch`` writes: an extraction with its schema
    or an error record, each with an id."""
    return (
        isinstance(written, dict)
        and "id" in written
        and (written.get("schema") == SCHEMA or isinstance(written.get("error"), dict))
    )


def skip_written(records: Iterable[Record], path: str | Path, summary: Summary) -> Iterator[Record]:
    """The records after those whose lines ``path`` already holds (one line per record, in
    order), counted in ``summary.skipped``. Every whole line must be a factx batch record
    whose id is its input record's, and a torn last line (a killed run's) must be the start
    of one: otherwise ``ResumeError`` says so, and the file is left as it was. Only then is
    the torn line cut off (``truncate_torn_tail``), before anything is written.

    A record without an id (null) cannot be matched to its line, so that any input with as
    many records would pass for this one: a null id on a line to skip is refused."""
    it = iter(records)
    torn = False
    with open(path, "rb") as done:
        for number, raw in enumerate(done, start=1):
            if not raw.endswith(b"\n"):
                if not raw.lstrip().startswith(b"{"):
                    raise ResumeError(f"{path} line {number} is not a factx batch record: it cannot be resumed")
                torn = True  # the line a killed run was writing: its record is extracted again
                break
            rec = next(it, None)
            if rec is None:
                raise ResumeError(
                    f"{path} has more lines than the input has records: it was not written from this input"
                )
            try:
                written = json.loads(raw)
            except ValueError:
                written = None
            if not _is_batch_line(written):
                raise ResumeError(f"{path} line {number} is not a factx batch record: it cannot be resumed")
            if written["id"] != rec.id:
                raise ResumeError(
                    f"{path} line {number} has id {json.dumps(written['id'])} but input record {number} has id "
                    f"{json.dumps(rec.id)}: the output was not written from this input"
                )
            if rec.id is None:
                raise ResumeError(
                    f"input record {number} has no id, so {path} line {number} cannot be checked against it and "
                    "a resumed run could append the extractions of another input: give every record an id "
                    "(--id-field), or rerun without --resume"
                )
            summary.skipped += 1
            if "error" in written:
                summary.skipped_failed += 1
    if torn:
        truncate_torn_tail(path)
    if summary.skipped:
        log.info("resuming after %d records already in %s", summary.skipped, path)
    yield from it


def run_to_file(
    records: Iterable[Record],
    path: str | Path,
    *,
    resume: bool = False,
    extractor: Extractor | None = None,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    format: str = "jsonl",
    on_progress: ProgressCallback | None = None,
) -> Summary:
    """``run`` into the file ``path``, each line written by one system call, the file
    fsynced every ``FSYNC_INTERVAL_S``.

    The file is opened when the first results are back, so that a run that fails to start
    leaves it as it was. Without ``resume`` the file is then replaced (truncated). With
    ``resume`` an existing file is kept: once its lines are checked (``skip_written``), its
    torn last line (if a run was killed while writing it) is dropped, the records whose lines
    it holds are skipped, and the others are appended; so a kill at any moment loses at most
    the documents in flight, and a resumed run never leaves a duplicate.

    An export ``format`` other than ``jsonl`` has no line per record to resume from: it is
    written to a temporary file that replaces ``path`` only when the run has finished, and
    ``resume`` raises ``ResumeError``.
    """
    summary = Summary()
    path = Path(path)
    if format != "jsonl":
        if resume:
            raise ResumeError(
                f"--resume works only with --format jsonl: a {format} output has no line per record to resume "
                "from. Write JSONL with --resume, then convert it with 'factx export'"
            )
        with export.replacing(path) as tmp:
            return run(
                records,
                tmp,
                extractor=extractor,
                workers=workers,
                batch_size=batch_size,
                format=format,
                on_progress=on_progress,
                summary=summary,
            )
    if resume and path.exists():
        records = skip_written(records, path, summary)  # checks, then cuts a torn line, before any write
    out = _OpenOnWrite(path, append=resume)
    try:
        result = run(
            records,
            cast(IO[bytes], out),
            extractor=extractor,
            workers=workers,
            batch_size=batch_size,
            on_progress=on_progress,
            summary=summary,
            _sync=out.sync,
        )
        out.open()  # an input without records still makes (or empties) the output
        return result
    finally:
        out.close()


def with_texts(
    outputs: Iterable[Mapping[str, Any]], inputs: Iterable[Record]
) -> Iterator[tuple[Mapping[str, Any], str | None]]:
    """Each record of a batch output with the text of the input record it was extracted
    from, for an export's evidence text: ``inputs`` is the run's input read again, matched
    by position (one output line per input record) with the ids checked, as ``--resume``
    does. An input record that could not be read has no text."""
    it = iter(inputs)
    number = 0
    for number, out in enumerate(outputs, start=1):
        rec = next(it, None)
        if rec is None:
            raise export.ExportError(
                f"output record {number} has no input record: the output was not written from this input"
            )
        if out.get("id") != rec.id:
            raise export.ExportError(
                f"output record {number} has id {json.dumps(out.get('id'))} but input record {number} has id "
                f"{json.dumps(rec.id)}: the output was not written from this input"
            )
        yield out, rec.text
    if next(it, None) is not None:
        log.warning("the input has more records than the %d of the output: was the run finished?", number)


__all__ = [
    "FSYNC_INTERVAL_S",
    "MAX_LOGGED_ERRORS",
    "BatchAborted",
    "Record",
    "RecordError",
    "ResumeError",
    "Summary",
    "error_line",
    "extract_records",
    "list_text_files",
    "read_jsonl",
    "read_text_files",
    "record_from_object",
    "run",
    "run_to_file",
    "scan_text_files",
    "skip_written",
    "skipped_note",
    "success_line",
    "truncate_torn_tail",
    "with_texts",
]
