"""No run that refuses to start touches an existing file; outputs that cannot be written
give a clear error and exit code 4; SIGTERM stops like Ctrl-C (issue 12)."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factx import batch, cli
from factx.types import Extraction

ROOT = Path(__file__).resolve().parents[2]
PRECIOUS = b'{"note": "a file the user wants to keep"}\nsecond line\n'
STORY = "Lena Dahl was born in Tromso. She moved to Bergen in 2004.\n"


def _input(tmp_path: Path, n: int = 3, ids: bool = True) -> Path:
    rows = [{"id": f"r{i}", "text": STORY} if ids else {"text": STORY} for i in range(n)]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Path:
    """A directory no file can be created in. Root ignores permission bits, so as root it
    is /sys, where no one can create a file."""
    if os.geteuid() == 0:
        return Path("/sys")
    d = tmp_path / "ro"
    d.mkdir()
    d.chmod(0o555)
    return d


@pytest.fixture
def full_device(tmp_path: Path) -> Path:
    """A device like /dev/full (every write fails: no space left). As root, a node of our
    own: a regression that replaced the output by a file would replace the system's
    /dev/full. Without root, /dev/full itself, which cannot be replaced then."""
    if os.geteuid() != 0:
        return Path("/dev/full")
    node = tmp_path / "full"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    return node


# --- runs that refuse to start -------------------------------------------------------


# A pattern file is compiled once the model is loaded: the model is needed to see it is broken.
@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("broken", ["model", "patterns"])
def test_batch_refusing_run_leaves_existing_output_intact(tmp_path, capsys, broken, workers):
    src = _input(tmp_path)
    out = tmp_path / "out.jsonl"
    out.write_bytes(PRECIOUS)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "relation": "r", "pattern": "not a list"}\n', encoding="utf-8")
    option = ["--model", "absent_pipeline_xyz"] if broken == "model" else ["--patterns", str(bad)]
    code = cli.main(["batch", str(src), "-o", str(out), "--workers", workers, *option])
    assert code == 2
    assert out.read_bytes() == PRECIOUS


@pytest.mark.model
def test_resume_on_a_file_that_is_not_factx_output_leaves_it_intact(tmp_path, capsys):
    src = _input(tmp_path)
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"notes\nlast line")
    assert cli.main(["batch", str(src), "-o", str(notes), "--resume"]) == 2
    err = capsys.readouterr().err
    assert "not a factx batch record" in err and "torn" not in err
    assert notes.read_bytes() == b"notes\nlast line"


@pytest.mark.model
def test_resume_with_null_ids_refuses_an_output_it_cannot_check(tmp_path, capsys):
    src = _input(tmp_path, ids=False)
    out = tmp_path / "out.jsonl"
    written = batch.success_line(None, Extraction())  # the line of some other input's record
    out.write_bytes(written)
    assert cli.main(["batch", str(src), "-o", str(out), "--resume"]) == 2
    assert "no id" in capsys.readouterr().err
    assert out.read_bytes() == written


@pytest.mark.model
def test_resume_still_drops_a_torn_line_of_its_own_output(extractor, tmp_path, capsys):
    src = _input(tmp_path)
    out = tmp_path / "out.jsonl"
    assert cli.main(["batch", str(src), "-o", str(out)]) == 0
    whole = out.read_bytes()
    first = whole.splitlines(keepends=True)[0]
    out.write_bytes(first + b'{"schema":"factx/1","id":"r1","ent')
    assert cli.main(["batch", str(src), "-o", str(out), "--resume"]) == 0
    assert out.read_bytes() == whole


# --- outputs that cannot be written ---------------------------------------------------


def _commands(tmp_path: Path, output: str) -> dict[str, list[str]]:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    done = tmp_path / "done.jsonl"
    done.write_bytes(batch.success_line("r0", Extraction()))
    src = _input(tmp_path)
    return {
        "batch": ["batch", str(src), "-o", output],
        "batch-csv": ["batch", str(src), "-o", output, "--format", "csv"],
        "render": ["render", str(story), "-o", output],
        "export": ["export", str(done), "--format", "csv", "-o", output],
    }


@pytest.mark.model
@pytest.mark.parametrize("command", ["batch", "batch-csv", "render", "export"])
@pytest.mark.parametrize("where", ["read-only directory", "a directory", "/dev/full"])
def test_unwritable_output_is_a_clear_error_with_exit_code_4(
    tmp_path, capsys, read_only_dir, full_device, command, where
):
    output = {
        "read-only directory": str(read_only_dir / "out.x"),
        "a directory": str(tmp_path),
        "/dev/full": str(full_device),
    }[where]
    args = _commands(tmp_path, output)[command]
    assert cli.main(args) == cli.EXIT_OUTPUT
    err = capsys.readouterr().err
    assert f"cannot write {output}" in err and ".part" not in err
    assert "Traceback" not in err
    assert list(tmp_path.glob(".*.part")) == []
    assert where != "/dev/full" or stat.S_ISCHR(full_device.stat().st_mode)  # written to, not replaced


# --- SIGTERM ---------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize("format", ["csv", "jsonl"])
def test_sigterm_stops_batch_cleanly_leaving_no_part_file(tmp_path, format):
    rows = [{"id": i, "text": STORY * 20} for i in range(400)]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / f"out.{format}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "factx", "batch", str(src), "-o", str(out), "--format", format, "--batch-size", "2"],
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 120
    # wait for the model to be loaded and the run under way: the first lines, or the .part file
    while time.monotonic() < deadline and not (list(tmp_path.glob(".*.part")) or (out.exists() and out.stat().st_size)):
        time.sleep(0.2)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == cli.EXIT_TERMINATED, err.decode()
    assert b"terminated" in err and b"Traceback" not in err
    assert list(tmp_path.glob(".*.part")) == []
    if format == "jsonl":
        assert out.read_bytes().endswith(b"\n")  # whole lines: a --resume goes on from them
