"""The docs that come from docstrings are current, and every setting is documented."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("docs_generate", ROOT / "docs" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("page", ["merging.md", "dates.md", "facts.md"])
def test_docs_generated_pages_are_current(page):
    gen = _generator()
    on_disk = (ROOT / "docs" / page).read_text(encoding="utf-8")
    assert on_disk == gen.render(page), f"docs/{page} is stale: run python docs/generate.py"


def test_docs_pages_exist():
    for page in ("quickstart.md", "architecture.md", "relations.md"):
        assert (ROOT / "docs" / page).is_file(), page
