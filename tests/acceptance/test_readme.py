"""The README's example runs and prints what the README says it prints."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
pytestmark = pytest.mark.model


def _block_after(marker: str, lang: str) -> str:
    at = README.index(marker)
    m = re.compile(rf"```{lang}\n(.*?)```", re.S).search(README, at)
    assert m, f"no ```{lang} block after {marker!r}"
    return m.group(1)


def test_readme_python_example_prints_what_it_shows(monkeypatch):
    code = _block_after("<!-- example:python -->", "python")
    shown = _block_after("<!-- example:output -->", "text")
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})
    assert out.getvalue() == shown


def test_readme_first_command_installs_what_extraction_needs_not_the_test_extras():
    """`.[test]` brings pyspark (450 MB) and more: the first command is for extracting."""
    command = _block_after("<!-- example:install -->", "sh").strip()
    assert " pip install . && factx extract " in command, command
    assert "[test]" not in command


def test_readme_cli_example_runs():
    command = _block_after("<!-- example:install -->", "sh").strip().splitlines()[-1]
    factx_part = command[command.index("factx extract") :]
    args = factx_part.split()[1:]
    proc = subprocess.run([sys.executable, "-m", "factx", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert '"schema": "factx/1"' in proc.stdout


def test_readme_test_command_is_what_ci_runs():
    command = _block_after("<!-- example:test -->", "sh").strip().splitlines()[-1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == command
