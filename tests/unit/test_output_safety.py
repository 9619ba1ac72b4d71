"""A batch run that refuses to start touches no file; `factx batch --help` lists every exit
code (issue 12)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from factx import cli

STORY = "Lena Dahl was born in Tromso. She moved to Bergen in 2004.\n"


def _input(tmp_path: Path, n: int = 3) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": STORY}) + "\n" for i in range(n)), encoding="utf-8")
    return path


def test_batch_hard_link_of_the_input_as_output_is_refused(tmp_path, capsys):
    src = _input(tmp_path)
    before = src.read_bytes()
    link = tmp_path / "also-in.jsonl"
    os.link(src, link)
    assert cli.main(["batch", str(src), "-o", str(link)]) == 2
    assert "must not be INPUT" in capsys.readouterr().err
    assert src.read_bytes() == before


def test_batch_help_lists_every_exit_code_and_that_resume_is_jsonl_only():
    text = " ".join(cli.build_parser()._subparsers._group_actions[0].choices["batch"].format_help().split())
    for code in ("0:", "1:", "2:", "3:", "4:", "130:", "143:"):
        assert code in text
    assert "jsonl only" in text
