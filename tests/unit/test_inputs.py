"""Inputs a careful user gives, refused before any model is loaded: a directory where a
file is expected, a file that is not batch output, a rule file that is not UTF-8 (issue 12)."""

from __future__ import annotations

import pytest

from factx import cli

STORY = "Maren Solvik was born in Trondheim. She moved to Stavanger in 2011."


@pytest.mark.parametrize("command", ["extract", "render"])
def test_a_directory_given_as_a_text_file_says_it_is_a_directory(tmp_path, capsys, command):
    assert cli.main([command, str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is a directory" in err and "no such file" not in err


def test_export_of_a_file_that_is_not_batch_output_prints_nothing_before_its_error(tmp_path, capsysbinary):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    assert cli.main(["export", str(notes), "--format", "csv"]) == 2
    captured = capsysbinary.readouterr()
    assert captured.out == b""
    assert b"not JSON" in captured.err


@pytest.mark.parametrize("option", ["--patterns", "--never-merge", "--always-merge"])
def test_non_utf8_rule_file_is_a_clear_error_not_a_traceback(tmp_path, capsys, option):
    story = tmp_path / "s.txt"
    story.write_text(STORY, encoding="utf-8")
    rules = tmp_path / "rules.tsv"
    rules.write_bytes("Bjørn Lie\tBjorn Lie\n".encode("latin-1"))
    assert cli.main(["extract", str(story), option, str(rules)]) == 2
    err = capsys.readouterr().err
    assert f"{rules} is not UTF-8" in err and "save it as UTF-8" in err
