"""The docs that come from docstrings are current, and every setting is documented."""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

import pytest

from factx import cli, export

ROOT = Path(__file__).resolve().parents[2]


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
    for page in ("quickstart.md", "architecture.md", "relations.md", "exports.md", "cli.md"):
        assert (ROOT / "docs" / page).is_file(), page


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = cli.build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {"factx": parser, **sub.choices}


def test_docs_cli_page_documents_every_command_and_option():
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    sections = page.split("\n## `factx ")  # the top, then one section per command
    by_command = {"factx": sections[0], **{s.split("`", 1)[0]: s for s in sections[1:]}}
    for name, parser in _subcommands().items():
        assert name in by_command, f"docs/cli.md has no section on factx {name}"
        for action in parser._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option}" in by_command[name], f"factx {name} {option} is not in its docs/cli.md section"


def test_docs_cli_page_lists_every_export_format():
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    exports = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    for name in export.FORMATS:
        assert f"`{name}`" in page and f"`{name}`" in exports, name
