"""docs/custom_relations.md: the tutorial's code runs and prints what the page shows."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "custom_relations.md").read_text(encoding="utf-8")
pytestmark = pytest.mark.model


def _block_after(marker: str, lang: str) -> str:
    at = PAGE.index(marker)
    m = re.compile(rf"```{lang}\n(.*?)```", re.S).search(PAGE, at)
    assert m, f"no ```{lang} block after {marker!r}"
    return m.group(1)


def _run(code: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "custom_relations.md", "exec"), {"__name__": "__tutorial__"})
    return out.getvalue()


def test_tutorial_python_prints_what_it_shows():
    assert _run(_block_after("<!-- tutorial:python -->", "python")) == _block_after("<!-- tutorial:output -->", "text")


def test_tutorial_jsonl_file_prints_what_it_shows(tmp_path, monkeypatch):
    (tmp_path / "relations.jsonl").write_text(_block_after("<!-- tutorial:jsonl -->", "json"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    shown = _block_after("<!-- tutorial:jsonl-output -->", "json")
    assert _run(_block_after("<!-- tutorial:jsonl-python -->", "python")) == shown


def test_tutorial_error_examples_are_real_messages(tmp_path):
    """Each error line the page shows is the start of what factx says, up to its "..."."""
    import factx
    from factx.relations import PatternError

    block = _block_after("## Errors", "text")
    shown = [line.split("(...)")[0].split("...")[0] for line in block.splitlines()]
    template_errors = []
    for template in ("{COMPANY} acquired {ORG}", "{ORG} {ORG}"):
        name = "acquired" if "COMPANY" in template else "x"
        with pytest.raises(PatternError) as info:
            factx.Extractor(custom_relations=[factx.Relation(name, templates=[template])]).facts  # noqa: B018
        template_errors.append(str(info.value))
    for message in template_errors:
        assert any(message.startswith(line) for line in shown), message
