"""Shared fixtures: one loaded default model for the whole session, and the shared/ folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


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
