"""factx's exceptions: one module defines them all, and the package exports them all."""

from __future__ import annotations

import importlib
import pkgutil

import factx
from factx import errors


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_errors_every_factx_error_is_defined_in_errors_and_exported():
    for info in pkgutil.walk_packages(factx.__path__, "factx."):
        if info.name != "factx.__main__":  # runs the command line
            importlib.import_module(info.name)
    classes = _subclasses(factx.FactxError)
    assert {c.__module__ for c in classes} == {"factx.errors"}
    assert {c.__name__ for c in classes} | {"FactxError"} <= set(factx.__all__)


def test_errors_old_homes_still_name_the_same_classes():
    from factx import batch, export, render, spark
    from factx.relations import matcher, patterns

    assert batch.ResumeError is errors.ResumeError and batch.BatchAborted is errors.BatchAborted
    assert export.ExportError is errors.ExportError and render.RenderError is errors.RenderError
    assert spark.SparkInputError is errors.SparkInputError and patterns.PatternError is errors.PatternError
    assert matcher.UnsupportedPatternError is errors.UnsupportedPatternError
