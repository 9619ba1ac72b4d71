"""The wheel carries every data table, and an installed (not editable) factx finds them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TABLES = sorted(p.name for p in (ROOT / "models").iterdir() if p.suffix in {".tsv", ".jsonl", ".json"})


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
        timeout=600,
    )
    (whl,) = out.glob("factx-*.whl")
    return whl


def test_packaging_has_tables_to_ship():
    assert len(TABLES) >= 4


def test_packaging_wheel_contains_every_table(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [t for t in TABLES if f"factx/models/{t}" not in names]
    assert missing == []


def test_packaging_installed_factx_loads_every_table(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site), str(wheel)],
        check=True,
        timeout=600,
    )
    script = textwrap.dedent(
        f"""
        import factx, factx.tables as t
        from pathlib import Path
        assert Path(factx.__file__).resolve().is_relative_to(Path({str(site)!r}).resolve()), factx.__file__
        for name in {TABLES!r}:
            rows = list(t.table_lines(name))
            assert rows, name
        assert t.diminutives() and t.demonyms() and t.country_aliases()
        print("ok")
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,  # not the project root: the source tree must not be importable
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
