"""`factx.export`: every format read back by its own ecosystem's reader, on hand-built records
(no model): CSV/TSV by the csv module, Parquet by pyarrow, N-Triples by rdflib, GraphML by
networkx; error records counted, optional packages named when missing."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from factx import export
from factx.types import DateMention, Entity, Extraction, Fact, FactObject, Mention, Span, TimeValue

# A text whose names and evidence hold everything a writer must quote or escape: commas,
# double quotes, a backslash, a tab, a line break inside the evidence, markup, non-ASCII.
TEXT = (
    'Chef Ines "Nena" Okafor, of Lagos, married Tomas Brandt in 2019.\n'
    "Brandt runs Okafor & Brandt\tLtd. in Zürich <b>since</b> 2020; he did not\\never live in Lagos.\n"
    "Okafor is 41."
)


def _span(text: str, needle: str, start: int = 0) -> Mention:
    at = TEXT.index(needle, start)
    return Mention(at, at + len(needle), needle)


def _sentence(n: int) -> Span:
    lines = TEXT.split("\n")
    start = sum(len(x) + 1 for x in lines[:n])
    return Span(start, start + len(lines[n]))


def _example(doc_id: str | None = "kitchen-1") -> Extraction:
    okafor = Entity(
        "e0",
        'Ines "Nena" Okafor',
        "PERSON",
        aliases=("Nena", "Okafor"),
        mentions=(
            _span(TEXT, 'Ines "Nena" Okafor'),
            _span(TEXT, "Okafor", 80),
            Mention(TEXT.index("he did"), TEXT.index("he did") + 2, "he", "pronoun"),
        ),
    )
    lagos = Entity("e1", "Lagos", "GPE", mentions=(_span(TEXT, "Lagos"), _span(TEXT, "Lagos", 40)))
    brandt = Entity("e2", "Tomas Brandt", "PERSON", aliases=("Brandt",), mentions=(_span(TEXT, "Tomas Brandt"),))
    firm = Entity("e3", "Okafor & Brandt\tLtd.", "ORG", mentions=(_span(TEXT, "Okafor & Brandt\tLtd."),))
    zurich = Entity("e4", "Zürich", "GPE", mentions=(_span(TEXT, "Zürich"),))
    both_lines = Span(0, _sentence(1).end)  # evidence across a line break
    facts = (
        Fact(
            "e0",
            "spouse",
            FactObject(entity="e2"),
            _sentence(0),
            0.8,
            time=TimeValue("2019", "2019", TEXT.index("2019"), TEXT.index("2019") + 4),
        ),
        Fact("e2", "leads", FactObject(entity="e3"), _sentence(1), 0.55, time=TimeValue("2020")),
        Fact("e3", "located_in", FactObject(entity="e4"), _sentence(1), 0.7, inferred=True),
        Fact("e2", "lives_in", FactObject(entity="e1"), both_lines, 0.6, negated=True),
        Fact(
            "e0",
            "age",
            FactObject(literal="41", text="41", start=TEXT.index("41"), end=TEXT.index("41") + 2),
            _sentence(2),
            0.85,
            time=TimeValue("2023-05-10"),
        ),
        Fact(
            "e0",
            "open",
            FactObject(entity="e1"),
            _sentence(0),
            0.5,
            predicate="be of",
            attributed_to="e2",
            time=TimeValue("PRESENT_REF"),
        ),
    )
    dates = (DateMention(TEXT.index("2019"), TEXT.index("2019") + 4, "2019", "2019", "year"),)
    return Extraction(entities=(okafor, lagos, brandt, firm, zurich), dates=dates, facts=facts, id=doc_id)


ERROR = {"id": "kitchen-2", "error": {"type": "TypeError", "message": "'text' must be a string", "line": 2}}


def test_example_offsets_are_exact():
    for e in _example().entities:
        for m in e.mentions:
            assert TEXT[m.start : m.end] == m.text


def _records() -> list[object]:
    """Two documents and an error record between them: the dict of a batch line, an Extraction."""
    second = _example("kitchen-3")
    return [_example().to_dict(), ERROR, second]


# --- CSV and TSV ---------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_export_delimited_reads_back_one_row_per_fact(fmt, delimiter):
    out = io.BytesIO()
    counts = export.write(_records(), out, format=fmt, texts=[TEXT, None, TEXT])
    assert (counts.documents, counts.errors, counts.facts) == (2, 1, 12)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"), newline=""), delimiter=delimiter))
    assert len(rows) == 12
    assert list(rows[0]) == list(export.FACT_COLUMNS)
    ex = _example()
    for row, fact in zip(rows[:6], ex.facts, strict=True):
        assert row["document"] == "kitchen-1"
        assert row["subject"] == ex.entity(fact.subject).name
        assert row["relation"] == fact.relation
        assert row["evidence"] == TEXT[fact.evidence.start : fact.evidence.end]
        assert row["negated"] == ("true" if fact.negated else "false")
        assert float(row["confidence"]) == fact.confidence
    spouse, leads, _, lives, age, open_fact = rows[:6]
    assert (spouse["subject"], spouse["object_id"], spouse["object"], spouse["time"]) == (
        'Ines "Nena" Okafor',
        "e2",
        "Tomas Brandt",
        "2019",
    )
    assert leads["object"] == "Okafor & Brandt\tLtd." and leads["object_label"] == "ORG"
    assert "\n" in lives["evidence"] and lives["negated"] == "true"
    assert (age["object_id"], age["object"], age["object_label"]) == ("", "41", "")
    assert (open_fact["predicate"], open_fact["attributed_to"]) == ("be of", "e2")
    assert {r["document"] for r in rows[6:]} == {"kitchen-3"}


def test_export_csv_without_texts_leaves_evidence_empty_but_keeps_offsets():
    out = io.StringIO()
    export.to_csv([_example()], out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["evidence"] for r in rows] == [""] * 6
    assert rows[0]["evidence_end"] == str(_example().facts[0].evidence.end)


def test_export_evidence_outside_the_text_is_an_error():
    with pytest.raises(export.ExportError, match=r"kitchen-1.*give the text the record was extracted from"):
        export.to_csv([_example()], io.BytesIO(), texts=["too short"])


@pytest.mark.parametrize(("records", "texts", "message"), [(2, 1, "fewer"), (1, 2, "more")])
def test_export_texts_must_match_records_one_to_one(records, texts, message):
    with pytest.raises(export.ExportError, match=f"texts has {message} items than"):
        export.to_csv([_example()] * records, io.BytesIO(), texts=[TEXT] * texts)


# --- JSONL and the entity view ---------------------------------------------------------------


def test_export_jsonl_keeps_error_records_and_round_trips():
    out = io.BytesIO()
    counts = export.to_jsonl(_records(), out)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert counts.errors == 1 and lines[1] == ERROR
    assert Extraction.from_dict(lines[2]) == _example("kitchen-3")


def test_export_read_jsonl_reads_batch_output(tmp_path):
    path = tmp_path / "out.jsonl"
    export.to_jsonl(_records(), path)
    assert [r.get("id") for r in export.read_jsonl(path)] == ["kitchen-1", "kitchen-2", "kitchen-3"]
    (tmp_path / "bad.jsonl").write_text('{"id": 1, "text": "not an output"}\n')
    with pytest.raises(export.ExportError, match="line 1 is not a factx/1 record"):
        list(export.read_jsonl(tmp_path / "bad.jsonl"))


def test_export_entity_view_counts_mentions_and_keeps_aliases():
    out = io.BytesIO()
    counts = export.to_entities(_records(), out)
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert counts.entities == len(rows) == 10
    okafor = rows[0]
    assert okafor == {
        "document": "kitchen-1",
        "entity": "e0",
        "name": 'Ines "Nena" Okafor',
        "label": "PERSON",
        "aliases": ["Nena", "Okafor"],
        "mention_count": 3,
        "pronoun_count": 1,
        "first_start": 5,
        "first_end": 23,
    }


def test_export_entity_csv_aliases_are_a_json_array():
    out = io.BytesIO()
    export.to_entities([_example()], out, table="csv")
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"), newline="")))
    assert [r["name"] for r in rows] == [e.name for e in _example().entities]
    assert json.loads(rows[0]["aliases"]) == ["Nena", "Okafor"]
    assert rows[3]["aliases"] == "[]" and rows[1]["mention_count"] == "2"


# --- Parquet ---------------------------------------------------------------------------------


def test_export_parquet_reads_back_with_pyarrow_in_row_groups(tmp_path, monkeypatch):
    pq = pytest.importorskip("pyarrow.parquet")  # the test extra installs it; CI must not skip
    monkeypatch.setattr(export, "PARQUET_ROW_GROUP_ROWS", 4)
    path = tmp_path / "facts.parquet"
    counts = export.to_parquet(_records(), path, texts=[TEXT, None, TEXT])
    table = pq.read_table(path)
    assert table.num_rows == counts.facts == 12
    assert pq.ParquetFile(path).metadata.num_row_groups == 3  # 6 facts, 6 facts: groups of 4, 4, 4
    rows = table.to_pylist()
    assert rows[3]["negated"] is True and rows[3]["evidence"] == TEXT[: _sentence(1).end]
    assert rows[4]["object"] == "41" and rows[4]["object_id"] is None
    assert table.schema.field("confidence").type == "double"


def test_export_parquet_of_nothing_is_a_readable_empty_table(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "empty.parquet"
    export.to_parquet([ERROR], path)
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.column_names == list(export.FACT_COLUMNS)


def test_export_entities_parquet_has_alias_lists(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "entities.parquet"
    export.to_entities([{**_example().to_dict(), "id": 7}], path, table="parquet")
    rows = pq.read_table(path).to_pylist()
    assert rows[0]["aliases"] == ["Nena", "Okafor"] and rows[0]["document"] == "7"


# --- RDF -------------------------------------------------------------------------------------


def _graph(data: bytes):
    rdflib = pytest.importorskip("rdflib")
    g = rdflib.Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    return rdflib, g


def test_export_ntriples_reads_back_with_rdflib():
    out = io.BytesIO()
    counts = export.to_ntriples(_records(), out, texts=[TEXT, None, TEXT])
    rdflib, g = _graph(out.getvalue())
    RDF, FX, REL = rdflib.RDF, rdflib.Namespace(export.FX), rdflib.Namespace(export.REL)
    statements = set(g.subjects(RDF.type, RDF.Statement))
    assert len(statements) == counts.facts == 12
    doc = "urn:factx:doc:kitchen-1"
    okafor, brandt, lagos = (rdflib.URIRef(f"{doc}#{e}") for e in ("e0", "e2", "e1"))
    assert (okafor, REL.spouse, brandt) in g
    assert (okafor, rdflib.RDFS.label, rdflib.Literal('Ines "Nena" Okafor')) in g
    assert set(g.objects(okafor, rdflib.SKOS.altLabel)) == {rdflib.Literal("Nena"), rdflib.Literal("Okafor")}
    assert (okafor, RDF.type, FX.PERSON) in g
    # the negated fact is a statement only, never a plain triple
    assert (brandt, REL.lives_in, lagos) not in g
    negated = rdflib.URIRef(f"{doc}#fact-3")
    assert g.value(negated, FX.negated).toPython() is True
    assert g.value(negated, FX.evidence).toPython() == TEXT[: _sentence(1).end]
    assert g.value(rdflib.URIRef(f"{doc}#fact-4"), RDF.object) == rdflib.Literal("41")
    assert g.value(rdflib.URIRef(f"{doc}#fact-1"), FX.evidence).toPython() == TEXT.split("\n")[1]  # \t \\ < kept
    assert g.value(rdflib.URIRef(f"{doc}#fact-5"), FX.attributedTo) == brandt
    assert g.value(rdflib.URIRef(f"{doc}#fact-0"), FX.confidence).toPython() == 0.8
    # a direct triple for each fact that is not negated: 5 of the 6 in each of the two documents
    assert len([t for t in g.triples((None, None, None)) if str(t[1]).startswith(export.REL)]) == 2 * 5


@pytest.mark.parametrize(
    ("value", "datatype"),
    [
        ("2023-05-10", "date"),
        ("2023-06", "gYearMonth"),
        ("2001", "gYear"),
        ("2023-W18", None),
        ("199X", None),
        ("PRESENT_REF", None),
    ],
)
def test_export_ntriples_time_gets_an_xsd_type_where_it_is_one(value, datatype):
    fact = Fact("e0", "founded", FactObject(entity="e0"), Span(0, 1), 0.5, time=TimeValue(value))
    ex = Extraction(entities=(Entity("e0", "X", "ORG"),), facts=(fact,), id="t")
    out = io.BytesIO()
    export.to_ntriples([ex], out)
    rdflib, g = _graph(out.getvalue())
    literal = g.value(rdflib.URIRef("urn:factx:doc:t#fact-0"), rdflib.Namespace(export.FX).time)
    assert str(literal) == value
    assert literal.datatype == (rdflib.XSD[datatype] if datatype else None)


def test_export_iris_are_stable_per_document_and_entity():
    a = export.entity_iri("news/2023 #1", 1, "e0")
    assert a == export.entity_iri("news/2023 #1", 99, "e0") == "urn:factx:doc:news%2F2023%20%231#e0"
    assert export.entity_iri(None, 3, "e0") == "urn:factx:doc:@3#e0"  # no id: its position
    assert export.document_iri("@3", 1) != export.document_iri(None, 3)


def test_export_ntriples_escapes_what_would_break_a_line():
    nasty = 'a "quoted" \\ back\r\nslash <tag> ü \ud800'  # a lone surrogate too
    ex = Extraction(entities=(Entity("e 0>", nasty, "PERSON"),), id='doc "x">')
    out = io.BytesIO()
    export.to_ntriples([ex], out)
    rdflib, g = _graph(out.getvalue())
    (name,) = g.objects(None, rdflib.RDFS.label)
    assert str(name) == nasty.replace("\ud800", "?")


# --- GraphML ---------------------------------------------------------------------------------


def test_export_graphml_reads_back_with_networkx(tmp_path):
    nx = pytest.importorskip("networkx")
    path = tmp_path / "facts.graphml"
    counts = export.to_graphml(_records(), path, texts=[TEXT, None, TEXT])
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.number_of_edges() == counts.facts == 12
    assert g.number_of_nodes() == 2 * (5 + 1)  # five entities and the literal "41" per document
    okafor = g.nodes["urn:factx:doc:kitchen-1#e0"]
    assert (okafor["name"], okafor["label"], json.loads(okafor["aliases"]), okafor["mention_count"]) == (
        'Ines "Nena" Okafor',
        "PERSON",
        ["Nena", "Okafor"],
        3,
    )
    edges = {d["fact"]: d for _, _, d in g.edges(data=True) if d["document"] == "kitchen-1"}
    assert edges[3]["negated"] is True and edges[3]["relation"] == "lives_in"
    assert edges[0]["time"] == "2019" and "time" not in edges[2]
    assert edges[1]["evidence"] == TEXT.split("\n")[1]


def test_export_graphml_booleans_are_xsd_booleans():
    pytest.importorskip("networkx")
    out = io.BytesIO()
    export.to_graphml([_example()], out)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ElementTree.fromstring(out.getvalue())
    keys = {k.get("id"): k.get("attr.name") for k in root.iterfind("g:key", ns) if k.get("attr.type") == "boolean"}
    assert set(keys.values()) == {"negated", "inferred", "custom"}
    values = [d.text for d in root.iterfind(".//g:data", ns) if d.get("key") in keys]
    assert len(values) == 18 and set(values) == {"true", "false"}  # 6 edges x 3 booleans, not Python's True/False


def test_export_to_graph_is_the_graphml_graph():
    pytest.importorskip("networkx")
    g = export.to_graph(_records())
    assert g.number_of_edges() == 12
    assert g.has_edge("urn:factx:doc:kitchen-1#e0", "urn:factx:doc:kitchen-1#literal-41")


# --- errors and files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "module", "extra"),
    [("parquet", "pyarrow", "parquet"), ("entities-parquet", "pyarrow", "parquet"), ("graphml", "networkx", "graph")],
)
def test_export_missing_package_names_the_extra(monkeypatch, fmt, module, extra):
    for name in [m for m in sys.modules if m == module or m.startswith(module + ".")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)  # import now raises ImportError
    with pytest.raises(export.ExportError, match=rf"pip install 'factx\[{extra}\]'"):
        export.write([_example()], io.BytesIO(), format=fmt)


def test_export_unknown_format_lists_the_formats():
    with pytest.raises(export.ExportError, match=r"unknown export format 'xml'.*csv, tsv"):
        export.write([], io.BytesIO(), format="xml")


def test_export_binary_format_refuses_a_text_stream():
    pytest.importorskip("networkx")
    with pytest.raises(export.ExportError, match="binary"):
        export.to_graphml([], io.StringIO())


def test_export_leaves_the_callers_stream_open():
    out = io.BytesIO()
    export.to_csv([_example()], out)
    out.write(b"more")  # would raise ValueError on a closed stream
    assert out.getvalue().endswith(b"more")


def test_export_to_a_path_replaces_it_only_when_the_export_succeeds(tmp_path):
    path = tmp_path / "facts.csv"
    path.write_text("old\n")

    def failing():
        yield _example()
        raise RuntimeError("the input broke")

    with pytest.raises(RuntimeError, match="the input broke"):
        export.to_csv(failing(), path)
    assert path.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.csv"]  # no temporary file left
    export.to_csv([_example()], path)
    assert path.read_text(encoding="utf-8").startswith("document,fact,")


def test_export_file_gets_the_usual_permissions(tmp_path):
    path = tmp_path / "facts.csv"
    export.to_csv([_example()], path)
    (tmp_path / "plain").write_text("x")
    assert path.stat().st_mode == (tmp_path / "plain").stat().st_mode


def test_export_every_format_counts_the_same(tmp_path):
    pytest.importorskip("pyarrow")
    pytest.importorskip("networkx")
    for name in export.FORMATS:
        counts = export.write(_records(), tmp_path / f"out.{name}", format=name)
        assert counts == export.Counts(documents=2, errors=1, facts=12, entities=10), name


def test_export_paths_are_str_or_path(tmp_path):
    export.to_csv([_example()], str(tmp_path / "a.csv"))
    assert Path(tmp_path / "a.csv").is_file()


def test_export_batch_refuses_to_resume_an_export(tmp_path):
    from factx import batch

    path = tmp_path / "facts.csv"
    path.write_text("kept\n")
    with pytest.raises(batch.ResumeError, match="--resume works only with --format jsonl"):
        batch.run_to_file([], path, resume=True, format="csv")
    assert path.read_text() == "kept\n"
