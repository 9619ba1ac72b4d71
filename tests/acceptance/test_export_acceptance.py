"""Acceptance: `factx batch --format` on real extractions; each export read back by its own
ecosystem's reader holds as many facts (or entities) as the extractions."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from factx import batch, cli, export

pytestmark = pytest.mark.model

TEXTS = [
    "Potter Aiko Tanaka, 52, was born in Kyoto, Japan. She moved to Lisbon in 1998 and founded the "
    "Lisbon Clay Studio in 2004.",
    "Engineer Rafael Moreno works for Andes Rail in Santiago, Chile.\nHe married Lucia Vidal in 2011.",
    "The Baltic Ferry Company is headquartered in Tallinn, Estonia. Its director, Marta Kask, was born in Tartu.",
    "",
]


def _rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = [{"id": f"doc-{i}", "text": t} for i, t in enumerate(TEXTS)]
    rows.insert(2, {"id": "broken", "text": 42})  # an error record in the middle
    return rows


def _records() -> list[batch.Record]:
    data = b"".join(json.dumps(r).encode() + b"\n" for r in _rows())
    return list(batch.read_jsonl(io.BytesIO(data)))


@pytest.fixture(scope="module")
def expected(extractor) -> dict[str, int]:
    results = [extractor(t) for t in TEXTS]
    facts = sum(len(r.facts) for r in results)
    assert facts >= 8, "the texts must give facts to export"
    return {"facts": facts, "entities": sum(len(r.entities) for r in results)}


def _read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def _count_csv(path: Path) -> int:
    return len(_read_csv(path))


def _count_tsv(path: Path) -> int:
    return len(_read_csv(path, "\t"))


def _count_parquet(path: Path) -> int:
    import pyarrow.parquet as pq

    return int(pq.read_table(path).num_rows)


def _count_ntriples(path: Path) -> int:
    import rdflib

    g = rdflib.Graph()
    g.parse(path, format="nt")
    return len(set(g.subjects(rdflib.RDF.type, rdflib.RDF.Statement)))


def _count_graphml(path: Path) -> int:
    import networkx as nx

    return int(nx.read_graphml(path, force_multigraph=True).number_of_edges())


def _count_entities(path: Path) -> int:
    return len(path.read_bytes().splitlines())


READERS = {
    "csv": (_count_csv, "facts"),
    "tsv": (_count_tsv, "facts"),
    "parquet": (_count_parquet, "facts"),
    "ntriples": (_count_ntriples, "facts"),
    "graphml": (_count_graphml, "facts"),
    "entities": (_count_entities, "entities"),
    "entities-csv": (_count_csv, "entities"),
    "entities-parquet": (_count_parquet, "entities"),
}


def test_export_acceptance_every_format_has_a_reader_here():
    assert set(READERS) == set(export.FORMATS) - {"jsonl"}


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_export_acceptance_batch_output_reads_back_with_its_own_reader(extractor, expected, tmp_path, fmt):
    path = tmp_path / f"out.{fmt}"
    summary = batch.run_to_file(_records(), path, extractor=extractor, format=fmt, batch_size=2)
    assert (summary.succeeded, summary.failed) == (len(TEXTS), 1)
    count, what = READERS[fmt]
    assert count(path) == expected[what]


def test_export_acceptance_csv_evidence_is_the_text_at_its_offsets(extractor, tmp_path):
    path = tmp_path / "facts.csv"
    batch.run_to_file(_records(), path, extractor=extractor, format="csv")
    texts = {f"doc-{i}": t for i, t in enumerate(TEXTS)}
    rows = _read_csv(path)
    assert {r["document"] for r in rows} == {"doc-0", "doc-1", "doc-2"}
    for row in rows:
        text = texts[row["document"]]
        assert row["evidence"] == text[int(row["evidence_start"]) : int(row["evidence_end"])]
        assert row["evidence"] and row["subject"] in text


def test_export_acceptance_two_workers_write_what_one_writes_and_fork_before_pyarrow(extractor, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    one = tmp_path / "one.parquet"
    batch.run_to_file(_records(), one, extractor=extractor, format="parquet", batch_size=1)
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(json.dumps(r).encode() + b"\n" for r in _rows()))
    # pyarrow starts threads when imported, and Python warns when a process with threads
    # forks: the workers must be forked before the Parquet writer imports pyarrow
    proc = subprocess.run(
        [
            sys.executable,
            "-W",
            "always:This process:DeprecationWarning",
            "-m",
            "factx",
            "batch",
            str(source),
            "-o",
            str(tmp_path / "two.parquet"),
            "--format",
            "parquet",
            "--workers",
            "2",
            "--batch-size",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stderr  # 1: the broken record
    assert "multi-threaded" not in proc.stderr
    assert pq.read_table(tmp_path / "two.parquet").to_pylist() == pq.read_table(one).to_pylist()


def test_export_acceptance_cli_export_of_jsonl_equals_a_direct_export(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(json.dumps(r).encode() + b"\n" for r in _rows()))
    assert cli.main(["batch", str(source), "-o", str(tmp_path / "out.jsonl")]) == 1
    assert cli.main(["batch", str(source), "-o", str(tmp_path / "direct.tsv"), "--format", "tsv"]) == 1
    assert "failed records are not in the tsv output" in capsys.readouterr().err
    args = ["export", str(tmp_path / "out.jsonl"), "--format", "tsv", "--texts", str(source)]
    assert cli.main([*args, "-o", str(tmp_path / "converted.tsv")]) == 0
    assert "1 error record (not in the output)" in capsys.readouterr().err
    assert (tmp_path / "converted.tsv").read_bytes() == (tmp_path / "direct.tsv").read_bytes()


def test_export_acceptance_cli_export_refuses_texts_of_another_input(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(json.dumps(r).encode() + b"\n" for r in _rows()))
    assert cli.main(["batch", str(source), "-o", str(tmp_path / "out.jsonl")]) == 1
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "elsewhere", "text": "x"}) + "\n")
    capsys.readouterr()
    code = cli.main(
        ["export", str(tmp_path / "out.jsonl"), "--format", "csv", "--texts", str(other), "-o", str(tmp_path / "x.csv")]
    )
    assert code == 2
    assert 'has id "doc-0" but input record 1 has id "elsewhere"' in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "other.jsonl", "out.jsonl"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "out.csv", "--format", "csv", "--resume"], "--resume works only with --format jsonl"),
        (["--format", "parquet"], "--format parquet writes a binary file: give -o OUTPUT"),
    ],
)
def test_export_acceptance_batch_refuses_what_cannot_work(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    Path("in.jsonl").write_text(json.dumps({"id": "a", "text": "Aiko Tanaka lives in Kyoto."}) + "\n")
    Path("out.csv").write_bytes(b"kept\n")
    assert cli.main(["batch", "in.jsonl", *args]) == 2
    assert message in capsys.readouterr().err
    assert Path("out.csv").read_bytes() == b"kept\n"


def test_export_acceptance_docs_example_prints_what_it_shows(tmp_path, monkeypatch, capsys):
    doc = (Path(__file__).resolve().parents[2] / "docs" / "exports.md").read_text(encoding="utf-8")

    def block_after(marker: str, lang: str) -> str:
        m = re.compile(rf"```{lang}\n(.*?)```", re.S).search(doc, doc.index(marker))
        assert m, marker
        return m.group(1)

    monkeypatch.chdir(tmp_path)
    exec(
        compile(block_after("<!-- example:exports -->", "python"), "docs/exports.md", "exec"), {"__name__": "__docs__"}
    )
    assert capsys.readouterr().out == block_after("<!-- example:exports-output -->", "text")
