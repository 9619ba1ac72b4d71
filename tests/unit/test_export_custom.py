"""Custom relations keep their name and slots in every export format (issue 12). Hand-built
records, no model: each format read back by its own reader."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pyarrow.parquet as pq
import pytest
import rdflib

from factx import export
from factx.types import Entity, Extraction, Fact, FactObject, Mention, Span

TEXT = "Helen Carter was appointed chairman of Northwind Corp. in May."


def _record() -> dict:
    helen = Entity("e0", "Helen Carter", "PERSON", mentions=(Mention(0, 12, "Helen Carter"),))
    northwind = Entity("e1", "Northwind Corp.", "ORG", mentions=(Mention(39, 54, "Northwind Corp."),))
    fact = Fact(
        subject="e0",
        relation="open",
        object=FactObject(entity="e1"),
        evidence=Span(0, len(TEXT)),
        confidence=0.8,
        predicate="appointed",
        custom=True,
        slots=(("title", FactObject(literal="chairman", text="chairman", start=27, end=35)),),
    )
    return {**Extraction(entities=(helen, northwind), facts=(fact,)).to_dict(), "id": "board-1"}


def _write(fmt: str, tmp_path):
    path = tmp_path / f"out.{fmt}"
    export.write_pairs([(_record(), TEXT)], path, format=fmt)
    return path


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_custom_relation_keeps_name_and_slots_in_csv_and_tsv(tmp_path, fmt):
    text = _write(fmt, tmp_path).read_text(encoding="utf-8")
    (row,) = csv.DictReader(io.StringIO(text), delimiter="," if fmt == "csv" else "\t")
    assert row["relation"] == "appointed"
    assert row["custom"] == "true"
    assert json.loads(row["slots"]) == {"title": "chairman"}


def test_custom_relation_keeps_name_and_slots_in_parquet(tmp_path):
    (row,) = pq.read_table(_write("parquet", tmp_path)).to_pylist()
    assert (row["relation"], row["custom"], json.loads(row["slots"])) == ("appointed", True, {"title": "chairman"})


def test_custom_relation_keeps_name_and_slots_in_ntriples(tmp_path):
    graph = rdflib.Graph()
    graph.parse(_write("ntriples", tmp_path), format="nt")
    predicates = {str(p) for p in graph.predicates()}
    assert export.REL + "appointed" in predicates
    assert export.REL + "open" not in predicates
    titles = [str(o) for o in graph.objects(predicate=rdflib.URIRef(export.SLOT + "title"))]
    assert titles == ["chairman"]


def test_custom_relation_keeps_name_and_slots_in_graphml(tmp_path):
    graph = nx.read_graphml(_write("graphml", tmp_path))
    ((_, _, edge),) = graph.edges(data=True)
    assert edge["relation"] == "appointed" and edge["custom"] is True
    assert json.loads(edge["slots"]) == {"title": "chairman"}


def test_builtin_fact_rows_have_no_slots_and_are_not_custom():
    record = _record()
    record["facts"][0] = {k: v for k, v in record["facts"][0].items() if k not in ("custom", "slots", "predicate")}
    record["facts"][0]["relation"] = "works_for"
    (row,) = export.fact_rows(record)
    assert (row["relation"], row["custom"], row["slots"]) == ("works_for", False, None)
