"""Shared fixtures (one loaded default model for the whole session, the shared/ folder) and
the markers each folder's tests get.

    tests/unit        no model; seconds
    tests/model       need the spaCy model: marked `model`
    tests/perf        time and memory at scale: marked `slow` (and `model` where they load it)
    tests/acceptance  the scorer over corpora, the README and tutorial, the wheel: marked `slow`

A test anywhere that uses the `extractor` fixture is marked `model` too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SHARED = ROOT.parent / "shared"

# A run that selects no model test refuses to load a model (model_guard.py).
pytest_plugins = ["model_guard"]

FOLDER_MARKERS = {"model": ("model",), "perf": ("slow",), "acceptance": ("slow",)}

# Hypothesis profiles. "ci", the default, draws the same examples on every run and keeps no
# example database, so that a red build is reproducible and the property tests stay within
# their time budget; "fuzz" draws 20x as many fresh random examples, for a long local run:
#   FACTX_HYPOTHESIS_PROFILE=fuzz pytest tests/model/test_properties.py
_QUIET = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
settings.register_profile("ci", derandomize=True, database=None, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("fuzz", derandomize=False, deadline=None, max_examples=2000, suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("FACTX_HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def extractor():
    """The default Extractor with its model loaded once for every test that needs it."""
    import factx

    ex = factx.Extractor()
    ex.nlp  # noqa: B018 - load now, so a broken install fails here and not in a timing
    return ex


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the project: the scorer and the data. Its absence is a failure, not a skip."""
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.fail(f"the shared folder with eval/score.py is missing at {SHARED}")
    return SHARED


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if TESTS not in item.path.parents:
            continue
        folder = item.path.relative_to(TESTS).parts[0]
        for marker in FOLDER_MARKERS.get(folder, ()):
            item.add_marker(marker)
        if "extractor" in getattr(item, "fixturenames", ()):
            item.add_marker("model")
        if folder == "unit" and item.get_closest_marker("model"):
            raise pytest.UsageError(f"{item.nodeid} needs the model: its place is tests/model")
