"""Shared fixtures: one loaded default model for the whole session, and the shared/ folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# Hypothesis profiles. "ci", the default, draws the same examples on every run and keeps no
# example database, so that a red build is reproducible and the property tests stay within
# their time budget; "fuzz" draws 20x as many fresh random examples, for a long local run:
#   FACTX_HYPOTHESIS_PROFILE=fuzz pytest tests/test_properties.py
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
