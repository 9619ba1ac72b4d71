"""No spaCy model in a run that selects no model test.

When none of the tests a run selects is marked ``model`` (``pytest -m "not model"``,
``pytest tests/unit``), loading a spaCy pipeline is an error (``spacy.load``, a model
package's ``load()``, a saved pipeline's path), in this process and, through
``no_model/sitecustomize.py`` on their PYTHONPATH, in every Python process the tests start.
Each attempt is logged, and the test that made it fails even if the code under test
swallowed the error.

Registered by conftest.py; ``pytest -p model_guard`` loads it on its own.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from collections.abc import Generator
from pathlib import Path
from types import ModuleType

import pytest

SITE = Path(__file__).resolve().parent / "no_model"

_state: dict[str, Path] = {}


def _site() -> ModuleType:
    spec = importlib.util.spec_from_file_location("factx_tests_no_model", SITE / "sitecustomize.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _refuse_models() -> None:
    site = _site()
    fd, log = tempfile.mkstemp(prefix="factx-model-loads-", suffix=".log")
    os.close(fd)
    _state["log"] = Path(log)
    os.environ[site.LOG_ENV] = log
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(SITE), os.environ.get("PYTHONPATH")) if p)
    site.install()


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.items and not any(item.get_closest_marker("model") for item in session.items):
        _refuse_models()


def _check_no_model_loaded() -> None:
    log = _state.get("log")
    if log is None:
        return
    attempts = log.read_text(encoding="utf-8").strip()
    if attempts:
        log.write_text("", encoding="utf-8")
        pytest.fail(f"a model was loaded in a run without model tests (mark the test `model`):\n{attempts}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    try:
        return (yield)
    finally:
        _check_no_model_loaded()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    try:
        return (yield)
    finally:
        _check_no_model_loaded()


def pytest_unconfigure(config: pytest.Config) -> None:
    log = _state.pop("log", None)
    if log is not None:
        log.unlink(missing_ok=True)
