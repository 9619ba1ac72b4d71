"""User control over merging (issue 7) on the model: never_merge and always_merge files
given to the command line and to the spaCy component."""

from __future__ import annotations

import json

import pytest


@pytest.mark.model
def test_merge_control_cli_files_and_explain(tmp_path, capsys):
    from factx import cli

    story = tmp_path / "story.txt"
    story.write_text("William Gates founded a firm. Bill Gates later moved to Seattle.\n", encoding="utf-8")
    never = tmp_path / "never.tsv"
    never.write_text("William Gates\tBill Gates\n", encoding="utf-8")
    assert cli.main(["extract", str(story), "--never-merge", str(never), "--explain"]) == 0
    out = json.loads(capsys.readouterr().out)
    gates = [e for e in out["entities"] if "Gates" in e["name"]]
    assert len(gates) == 2
    assert [e["name"] for e in out["entities"] if "explanation" not in e] == []
    always = tmp_path / "always.json"
    always.write_text(json.dumps([["Seattle", "Bill Gates"]]), encoding="utf-8")
    assert cli.main(["extract", str(story), "--never-merge", str(never), "--always-merge", str(always)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [e for e in out["entities"] if {"Seattle", "Bill Gates"} <= {e["name"], *e["aliases"]}], out["entities"]


@pytest.mark.model
def test_merge_control_component_reads_a_file(tmp_path):
    import spacy

    from factx import pipeline

    never = tmp_path / "never.tsv"
    never.write_text("William Gates\tBill Gates\n", encoding="utf-8")
    nlp = spacy.load(pipeline.DEFAULT_MODEL)
    nlp.add_pipe("factx", config={"merge": {"never_merge": str(never)}, "explain": True})
    doc = nlp("William Gates founded a firm. Bill Gates later moved to Seattle.")
    assert len([e for e in doc._.factx_entities if "Gates" in e["name"]]) == 2
    assert [e["name"] for e in doc._.factx_entities if "explanation" not in e] == []
