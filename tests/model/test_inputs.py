"""Inputs a careful user gives: str subclasses, pipes and process substitution, control
characters on their way to GraphML, a byte order mark (issue 12)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from factx import cli, export

ROOT = Path(__file__).resolve().parents[2]
STORY = "Maren Solvik was born in Trondheim. She moved to Stavanger in 2011."


class Headline(str):
    """A str subclass of one's own, as numpy.str_ is."""


@pytest.mark.model
def test_str_subclass_is_extracted_like_the_str(extractor):
    import numpy as np  # a dependency of spaCy

    want = extractor(STORY).to_dict()
    assert extractor(np.str_(STORY)).to_dict() == want
    assert extractor(Headline(STORY)).to_dict() == want
    assert [r.to_dict() for r in extractor.pipe([np.str_(STORY)])] == [want]


@pytest.mark.model
def test_graphml_of_a_text_with_control_characters_is_valid_xml(extractor, tmp_path):
    text = "Anna\u0000 Berg lives in Oslo. Per\u0007 Lund works for Statoil in Bergen."
    record = extractor(text).to_dict()
    path = tmp_path / "g.graphml"
    counts = export.write_pairs([(record, text)], path, format="graphml")
    assert counts.documents == 1
    graph = nx.read_graphml(path)  # raised: not well-formed XML
    names = {d.get("name") for _, d in graph.nodes(data=True)}
    assert [n for n in names if n and "Berg" in n], names
    for _, _, d in graph.edges(data=True):
        evidence = d.get("evidence")
        if evidence is not None:  # one character for one: the offsets still fit
            assert len(evidence) == d["evidence_end"] - d["evidence_start"]


def _pipe_path(data: bytes) -> tuple[str, int]:
    """A /dev/fd/N path reading ``data`` from a pipe, as the shell's <(cmd) gives."""
    r, w = os.pipe()
    os.write(w, data)
    os.close(w)
    return f"/dev/fd/{r}", r


@pytest.mark.model
def test_process_substitution_is_accepted_as_extract_input(capsys):
    path, fd = _pipe_path(STORY.encode())
    try:
        assert cli.main(["extract", path]) == 0
    finally:
        os.close(fd)
    assert "Maren Solvik" in {e["name"] for e in json.loads(capsys.readouterr().out)["entities"]}


@pytest.mark.model
def test_process_substitution_is_accepted_as_batch_and_export_input(tmp_path, capsys):
    src, fd = _pipe_path(json.dumps({"id": "a", "text": STORY}).encode() + b"\n")
    out = tmp_path / "out.jsonl"
    try:
        assert cli.main(["batch", src, "-o", str(out)]) == 0
    finally:
        os.close(fd)
    done, fd = _pipe_path(out.read_bytes())
    try:
        assert cli.main(["export", done, "--format", "csv", "-o", str(tmp_path / "f.csv")]) == 0
    finally:
        os.close(fd)
    assert "Maren Solvik" in (tmp_path / "f.csv").read_text(encoding="utf-8")


def test_process_substitution_in_a_real_shell(tmp_path):
    if not Path("/bin/bash").exists():
        pytest.fail("bash is needed for <(...)")
    story = tmp_path / "s.txt"
    story.write_text(STORY, encoding="utf-8")
    run = subprocess.run(
        ["/bin/bash", "-c", f'"{sys.executable}" -m factx extract <(cat "{story}") --format table'],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "Maren Solvik" in run.stdout


@pytest.mark.model
def test_bom_is_dropped_by_extract_as_by_batch_of_a_directory(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    story = docs / "s.txt"
    story.write_bytes(b"\xef\xbb\xbf" + STORY.encode())
    assert cli.main(["extract", str(story)]) == 0
    single = json.loads(capsys.readouterr().out)
    out = tmp_path / "out.jsonl"
    assert cli.main(["batch", str(docs), "-o", str(out)]) == 0
    (line,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert line["entities"] == single["entities"]
    first = min((m for e in single["entities"] for m in e["mentions"]), key=lambda m: m["start"])
    assert (first["start"], first["text"]) == (0, "Maren Solvik")
