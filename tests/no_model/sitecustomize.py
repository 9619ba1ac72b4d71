"""Refuses to load a spaCy pipeline in a run without model tests.

tests/model_guard.py puts this folder on the PYTHONPATH of such a run, so that Python
imports this module at start-up in every process the tests start; it does nothing unless
the run's environment names a log for the attempts. Every way spaCy loads a pipeline (by
package name, a package's ``load()``, a path) ends in ``spacy.util.load_model_from_path``:
that is the function refused. Importing a model package, as ``spacy.util.get_installed_models``
does, loads nothing and is let be.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
from types import ModuleType
from typing import Any

LOG_ENV = "FACTX_TESTS_MODEL_LOG"  # a file each attempt is appended to


class ModelLoadRefused(RuntimeError):
    """A pipeline was about to load in a run that selects no model test."""


def record(what: str) -> ModelLoadRefused:
    """Log an attempt (the code under test may swallow the error) and return the error."""
    with open(os.environ[LOG_ENV], "a", encoding="utf-8") as log:
        log.write(f"{what} (process {os.getpid()})\n")
    return ModelLoadRefused(f"{what} in a run without model tests: mark the test `model` or move it to tests/model")


def _refused_load_model_from_path(model_path: Any, *args: Any, **kwargs: Any) -> None:
    raise record(f"spaCy pipeline loaded from {model_path}")


def refuse(util: ModuleType) -> None:
    util.load_model_from_path = _refused_load_model_from_path  # type: ignore[attr-defined]


class _ThenRefuse(importlib.abc.Loader):
    """spacy.util's own loader, then the refusal."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self.loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.loader.exec_module(module)
        refuse(module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)


class RefuseOnImport(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):  # type: ignore[override]
        if fullname != "spacy.util":
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _ThenRefuse(spec.loader)
        return spec


def install() -> None:
    if "spacy.util" in sys.modules:
        refuse(sys.modules["spacy.util"])
    elif not any(isinstance(finder, RefuseOnImport) for finder in sys.meta_path):
        sys.meta_path.insert(0, RefuseOnImport())


if os.environ.get(LOG_ENV):
    install()
