"""The spaCy component: assigns the factx/1 record, shares factx.extract's implementation,
round-trips its config, the files the config names and its results (to_disk/spacy.load,
to_bytes, DocBin, n_process, pickle)."""

from __future__ import annotations

import contextlib
import io
import json
import pickle
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

import factx
from factx import pipeline
from factx.component import FactxComponent, line_breaks
from factx.relations import PatternError

ROOT = Path(__file__).resolve().parents[2]
REF = "2023-05-10"

# Texts of this file's own: line breaks (a headline, paragraphs), pronouns, relative dates.
TEXTS = [
    "Marta Kowalczyk was born in Gdansk, Poland, in 1971. She moved to Toronto in 1998 and "
    "founded Northwind Bakery there in 2004.",
    "Ferry service resumes after storm\n"
    "Oscar Lindqvist, 52, the harbour master of Uppsala, said on Monday that the ferries were full. "
    "His wife, Ingrid Lindqvist, works for Baltic Lines.",
    "Amara Okafor leads the Lagos Institute of Marine Science.\n\n"
    "Last week Okafor traveled to Nairobi, Kenya. Okafor did not move to London.",
]
CUSTOM_CONFIG = {
    "relations": ["born_in", "spouse", "located_in"],
    "open_facts": True,
    "explain": True,
    "min_confidence": 0.5,
    "reference_date": REF,
    "facts": {"pronoun_factor": 0.8, "infer_located_in": False},
    "merge": {"fuzzy_threshold": 92.0, "never_merge": [["Jon Barr", "Jo Barr"]]},
    "dates": {"prefer_past": False},
}


def _default_pipeline() -> spacy.language.Language:
    """A fresh copy of the default model: factx.extract's cached copy must stay without factx."""
    return spacy.load(pipeline.DEFAULT_MODEL)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    nlp = _default_pipeline()
    nlp.add_pipe("factx_line_breaks", first=True)
    nlp.add_pipe("factx", config={"reference_date": REF})
    return nlp


@pytest.fixture(scope="module")
def records(nlp) -> list[dict]:
    return [doc._.factx for doc in nlp.pipe(TEXTS)]


@pytest.fixture(scope="module")
def saved(nlp, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pipeline") / "with_factx"
    nlp.to_disk(path)
    return path


# ------------------------------------------------------------------ assigning


@pytest.mark.model
def test_component_assigns_the_record(nlp):
    doc = nlp(TEXTS[0])
    assert doc._.factx == {
        "schema": factx.SCHEMA,
        "entities": doc._.factx_entities,
        "dates": doc._.factx_dates,
        "facts": doc._.factx_facts,
    }
    result = factx.Extraction.from_dict(doc._.factx)
    names = {e.id: e.name for e in result.entities}
    triples = {(names[f.subject], f.relation, names.get(f.object.entity or "", f.object.literal)) for f in result.facts}
    assert ("Marta Kowalczyk", "born_in", "Gdansk") in triples
    assert ("Marta Kowalczyk", "moved_to", "Toronto") in triples


@pytest.mark.model
def test_component_sets_ents_to_factx_mentions(nlp):
    doc = nlp(TEXTS[2])
    ents = {(e.start_char, e.end_char) for e in doc.ents}
    mentions = {(m["start"], m["end"]) for e in doc._.factx_entities for m in e["mentions"] if "kind" not in m}
    dates = {(d["start"], d["end"]) for d in doc._.factx_dates}
    assert len(mentions) >= 5, mentions  # Amara Okafor, the institute, Okafor, Nairobi, Kenya, London
    assert mentions <= ents
    assert ents <= mentions | dates


@pytest.mark.model
def test_component_empty_doc_gets_empty_lists(nlp):
    for text in ("", "  \n "):
        assert nlp(text)._.factx == {"schema": factx.SCHEMA, "entities": [], "dates": [], "facts": []}


@pytest.mark.model
def test_component_pipeline_analysis_finds_no_problem(nlp):
    assert nlp.analyze_pipes()["problems"]["factx"] == []


# ------------------------------------------------------------------ one implementation


@pytest.mark.model
@pytest.mark.parametrize("i", range(len(TEXTS)))
def test_component_equals_factx_extract(records, i):
    expected = factx.extract(TEXTS[i], reference_date=REF).to_dict()
    assert expected["entities"] and expected["facts"]
    assert records[i] == expected


@pytest.mark.model
def test_component_without_line_breaks_equals_extract_on_one_paragraph(nlp):
    with nlp.select_pipes(disable=["factx_line_breaks"]):
        record = nlp(TEXTS[0])._.factx
    assert record == factx.extract(TEXTS[0], reference_date=REF).to_dict()


@pytest.mark.model
def test_component_without_line_breaks_a_sentence_runs_across_a_headline(nlp):
    # The documented difference: the same entities and facts, but the parser reads the
    # headline and the next line as one sentence, so an evidence span starts at the headline.
    with nlp.select_pipes(disable=["factx_line_breaks"]):
        record = nlp(TEXTS[1])._.factx
    expected = factx.extract(TEXTS[1], reference_date=REF).to_dict()
    assert record["entities"] == expected["entities"] and record["dates"] == expected["dates"]
    assert [{**f, "evidence": None} for f in record["facts"]] == [{**f, "evidence": None} for f in expected["facts"]]
    headline_end = TEXTS[1].index("\n")
    assert min(f["evidence"]["start"] for f in record["facts"]) < headline_end
    assert min(f["evidence"]["start"] for f in expected["facts"]) > headline_end


@pytest.mark.model
def test_component_line_breaks_start_sentences(nlp):
    def first_after_break(doc):
        return doc[next(t.i for t in doc if "\n" in t.text) + 1]

    assert first_after_break(nlp(TEXTS[1])).text == "Oscar"
    assert first_after_break(nlp(TEXTS[1])).is_sent_start
    with nlp.select_pipes(disable=["factx_line_breaks"]):
        assert not first_after_break(nlp(TEXTS[1])).is_sent_start


@pytest.mark.model
def test_component_line_breaks_after_the_parser_is_an_error(nlp):
    parsed = nlp(TEXTS[0])
    with pytest.raises(factx.SettingsError, match="first=True"):
        line_breaks(parsed)


@pytest.mark.model
def test_component_reference_date_of_the_doc_wins(nlp):
    text = "Last week Okafor traveled to Nairobi."
    assert {d["text"]: d["value"] for d in nlp(text)._.factx_dates}["Last week"] == "2023-W18"
    doc = nlp.make_doc(text)
    doc._.factx_reference_date = "2020-01-15"
    assert {d["text"]: d["value"] for d in nlp(doc)._.factx_dates}["Last week"] == "2020-W02"


# ------------------------------------------------------------------ config


@pytest.mark.model
def test_component_config_round_trips_to_disk(tmp_path):
    nlp = _default_pipeline()
    component = nlp.add_pipe("factx", config=CUSTOM_CONFIG)
    nlp.to_disk(tmp_path / "custom")
    loaded = spacy.load(tmp_path / "custom")
    assert {k: loaded.config["components"]["factx"][k] for k in CUSTOM_CONFIG} == CUSTOM_CONFIG
    again = loaded.get_pipe("factx")
    assert isinstance(again, FactxComponent)
    for attr in ("fact_settings", "merge_settings", "date_settings"):
        assert getattr(again.extractor, attr) == getattr(component.extractor, attr)
    assert again.reference_date == component.reference_date
    assert loaded(TEXTS[0])._.factx == nlp(TEXTS[0])._.factx


@pytest.mark.model
def test_component_config_takes_effect(nlp):
    custom = _default_pipeline()
    component = custom.add_pipe("factx", config=CUSTOM_CONFIG)
    settings = component.extractor.fact_settings
    assert settings.relations == frozenset(CUSTOM_CONFIG["relations"])
    assert (settings.open_facts, settings.explain, settings.min_confidence) == (True, True, 0.5)
    assert (settings.pronoun_factor, settings.infer_located_in) == (0.8, False)
    assert component.extractor.merge_settings.never_merge == frozenset({("Jon Barr", "Jo Barr")})
    assert component.extractor.date_settings.prefer_past is False
    facts = [f for doc in custom.pipe(TEXTS) for f in doc._.factx_facts]
    default_facts = [f for doc in nlp.pipe(TEXTS) for f in doc._.factx_facts]
    assert {f["relation"] for f in default_facts} - {"born_in", "spouse", "located_in"}  # the filter has work
    assert facts and {f["relation"] for f in facts} <= {"born_in", "spouse", "located_in", "open"}
    assert [f for f in facts if f["confidence"] < 0.5 or "explanation" not in f] == []


# ------------------------------------------------------------------ the files the config names

# A relation of the test's own, in a pattern file, and a never-merge file: a saved pipeline
# keeps their content, so it loads where they are not.
SUPPLY_RECORD = {"relation": "supplies", "template": "{ORG} supplies {ORG}"}
SUPPLY_TEXT = "Jonathan Barr runs Brannock Steel, which supplies Orvale Motors. Jon Barr, a cousin, lives in Leeds."
SUPPLY_FACT = ("Brannock Steel", "supplies", "Orvale Motors")


def _files_config(folder: Path) -> dict:
    (folder / "supplies.jsonl").write_text(json.dumps(SUPPLY_RECORD) + "\n", encoding="utf-8")
    (folder / "never.tsv").write_text("Jonathan Barr\tJon Barr\n", encoding="utf-8")
    return {
        **CUSTOM_CONFIG,
        "relations": ["supplies", "leads", "lives_in"],
        "extra_patterns": [str(folder / "supplies.jsonl")],
        "merge": {**CUSTOM_CONFIG["merge"], "never_merge": str(folder / "never.tsv")},
    }


def _custom_triples(record: dict) -> set[tuple[str, str, str]]:
    names = {e["id"]: e["name"] for e in record["entities"]}
    return {
        (names[f["subject"]], f["predicate"], names[f["object"]["entity"]]) for f in record["facts"] if f.get("custom")
    }


def _same_settings(a: FactxComponent, b: FactxComponent) -> bool:
    return all(
        getattr(a.extractor, s) == getattr(b.extractor, s) for s in ("fact_settings", "merge_settings", "date_settings")
    )


@pytest.fixture(scope="module")
def with_files(tmp_path_factory):
    """A pipeline built with a pattern file and a never-merge file, saved, then the files
    deleted: (the pipeline, its record of SUPPLY_TEXT, the saved folder, the files' folder)."""
    folder = tmp_path_factory.mktemp("files")
    nlp = _default_pipeline()
    nlp.add_pipe("factx", config=_files_config(folder))
    record = nlp(SUPPLY_TEXT)._.factx
    saved = tmp_path_factory.mktemp("saved") / "pipeline"
    nlp.to_disk(saved)
    for name in ("supplies.jsonl", "never.tsv"):
        (folder / name).unlink()
    return nlp, record, saved, folder


@pytest.mark.model
def test_component_saved_pipeline_loads_without_the_files_it_was_built_from(with_files):
    nlp, record, saved, _folder = with_files
    assert SUPPLY_FACT in _custom_triples(record)
    assert "Jon Barr" in {e["name"] for e in record["entities"]}  # the never-merge pair at work
    loaded = spacy.load(saved)
    assert _same_settings(loaded.get_pipe("factx"), nlp.get_pipe("factx"))
    assert loaded(SUPPLY_TEXT)._.factx == record


@pytest.mark.model
def test_component_bytes_round_trip_without_the_files(with_files):
    nlp, record, _saved, _folder = with_files
    data = nlp.to_bytes()
    copy = spacy.util.load_model_from_config(nlp.config).from_bytes(data)
    assert _same_settings(copy.get_pipe("factx"), nlp.get_pipe("factx"))
    assert copy(SUPPLY_TEXT)._.factx == record


@pytest.mark.model
def test_component_stored_patterns_win_over_the_files(with_files, caplog):
    _nlp, record, saved, folder = with_files
    other = {"relation": "supplies", "template": "{ORG} buys from {ORG}"}
    (folder / "supplies.jsonl").write_text("not JSON\n", encoding="utf-8")  # never read
    (folder / "other.jsonl").write_text(json.dumps(other) + "\n", encoding="utf-8")
    try:
        assert spacy.load(saved)(SUPPLY_TEXT)._.factx == record
        assert caplog.records == []
        # a config overridden at load time names another file: the stored copy still wins, and says so
        override = {"components": {"factx": {"extra_patterns": [str(folder / "other.jsonl")]}}}
        assert spacy.load(saved, config=override)(SUPPLY_TEXT)._.factx == record
        assert "stored with the pipeline" in caplog.text and "other.jsonl" in caplog.text
    finally:
        for name in ("supplies.jsonl", "other.jsonl"):
            (folder / name).unlink()


@pytest.mark.model
@pytest.mark.parametrize("files_exist", [True, False])
def test_component_pipeline_saved_without_a_copy_reads_the_files(with_files, tmp_path, files_exist):
    """A pipeline saved by an older factx has no copy of the files: it loads where they are,
    and where they are not, the error names the file and what to do."""
    _nlp, record, saved, _folder = with_files
    older = tmp_path / "older"
    shutil.copytree(saved, older)
    shutil.rmtree(older / "factx")
    if files_exist:
        config = _files_config(tmp_path)
        overrides = {"components": {"factx": {k: config[k] for k in ("extra_patterns", "merge")}}}
        assert spacy.load(older, config=overrides)(SUPPLY_TEXT)._.factx == record
    else:
        with pytest.raises(
            PatternError, match=r"cannot read pattern file .*supplies\.jsonl.*no copy.*restore the file"
        ):
            spacy.load(older)


# ------------------------------------------------------------------ results travel


@pytest.mark.model
def test_component_loads_in_a_fresh_process_without_importing_factx(saved, records, tmp_path):
    script = textwrap.dedent(
        f"""
        import json, sys
        import spacy
        assert "factx" not in sys.modules
        nlp = spacy.load({str(saved)!r})
        imported = "factx.component" in sys.modules
        records = [doc._.factx for doc in nlp.pipe({TEXTS!r})]
        print(json.dumps({{"imported_by_spacy": imported, "pipes": nlp.pipe_names, "records": records}}))
        """
    )
    assert "import factx" not in script
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["imported_by_spacy"] is True
    assert out["pipes"][0] == "factx_line_breaks" and out["pipes"][-1] == "factx"
    assert out["records"] == records


@pytest.mark.model
def test_component_docbin_keeps_every_fact_and_entity(nlp, records):
    docs = list(nlp.pipe(TEXTS))
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(spacy.blank("en").vocab))
    assert [d._.factx for d in back] == records
    # the stored attributes come back with tuples for lists (DocBin's msgpack), the same data
    assert [factx.Extraction.from_dict({"entities": d._.factx_entities, "facts": d._.factx_facts}) for d in back] == [
        factx.Extraction.from_dict({"entities": r["entities"], "facts": r["facts"]}) for r in records
    ]
    assert sum(len(r["facts"]) for r in records) >= len(TEXTS)
    assert [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in back] == [
        [(e.start_char, e.end_char, e.label_) for e in d.ents] for d in docs
    ]


@pytest.mark.model
def test_component_n_process_2_keeps_every_fact_and_entity(nlp, records):
    texts = TEXTS * 2
    two = [doc._.factx for doc in nlp.pipe(texts, n_process=2, batch_size=1)]
    assert two == records * 2


@pytest.mark.model
def test_component_pickles_with_its_pipeline(nlp, records):
    # Platforms that start worker processes by spawning (not forking) pickle the pipeline.
    copy = pickle.loads(pickle.dumps(nlp))
    assert copy(TEXTS[1])._.factx == records[1]


# ------------------------------------------------------------------ docs


def _block_after(text: str, marker: str, lang: str) -> str:
    m = re.compile(rf"```{lang}\n(.*?)```", re.S).search(text, text.index(marker))
    assert m, f"no ```{lang} block after {marker!r}"
    return m.group(1)


@pytest.mark.model
def test_component_readme_example_prints_what_it_shows():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = _block_after(readme, "<!-- example:component -->", "python")
    shown = _block_after(readme, "<!-- example:component-output -->", "text")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})
    assert out.getvalue() == shown
