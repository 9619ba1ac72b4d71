"""`factx batch` without a model: usage errors, a torn last line, the progress line."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest

from factx import batch, cli


def _jsonl(rows: list[object]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in rows)


def test_truncate_torn_tail(tmp_path):
    path = tmp_path / "out.jsonl"
    for content, kept in [(b"", b""), (b'{"id"', b""), (b"a\nb\n", b"a\nb\n"), (b"a\nb\nc" + b"x" * 70000, b"a\nb\n")]:
        path.write_bytes(content)
        assert batch.truncate_torn_tail(path) == len(content) - len(kept)
        assert path.read_bytes() == kept


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["absent.jsonl"], "no such file"),
        (["in.jsonl", "--resume"], "--resume needs -o"),
        (["in.jsonl", "-o", "in.jsonl"], "must not be INPUT"),
        (["in.jsonl", "--workers", "0"], "at least 1"),
        (["in.jsonl", "--reference-date", "soon"], "YYYY-MM-DD"),
        (["in.jsonl", "-o", "out.jsonl", "--model", "absent_pipeline_xyz"], "'absent_pipeline_xyz' is not installed"),
    ],
)
def test_usage_errors_exit_2(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    Path("in.jsonl").write_bytes(_jsonl([{"id": "a", "text": "x"}]))
    Path("out.jsonl").write_bytes(b"kept\n")
    assert cli.main(["batch", *args]) == 2
    assert message in capsys.readouterr().err
    assert Path("out.jsonl").read_bytes() == b"kept\n"


def test_progress_line_shows_rate_and_eta():
    stream = io.StringIO()
    progress = cli._ProgressLine(stream, total=1000)
    summary = batch.Summary(succeeded=0)
    progress(summary, 10)
    time.sleep(cli.PROGRESS_INTERVAL_S + 0.05)
    summary.succeeded, summary.failed = 40, 2
    progress(summary, 420)
    progress.close()
    text = stream.getvalue()
    assert "42 docs" in text and "docs/s" in text and "2 failed" in text and "42%" in text and "ETA 0:00:" in text
    assert text.endswith("\r")


def test_progress_line_moves_a_few_times_a_second_between_batches():
    """Lines are written a batch at a time; the line must not stand still until the next."""
    stream = io.StringIO()
    progress = cli._ProgressLine(stream, total=1000)
    progress(batch.Summary(succeeded=8), 80)  # one batch written, then a long wait
    time.sleep(8 * cli.PROGRESS_INTERVAL_S)
    progress.close()
    assert stream.getvalue().count("\r") >= 5
