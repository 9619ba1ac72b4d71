"""The spaCy component on a blank pipeline: its config checked when it is built, its
attributes before it runs, the files its config names kept in its bytes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import spacy

import factx
from factx.component import DEFAULT_CONFIG, FactxComponent, register_extensions
from factx.relations import PatternError

ROOT = Path(__file__).resolve().parents[2]

CUSTOM_CONFIG = {
    "relations": ["born_in", "spouse", "located_in"],
    "open_facts": True,
    "explain": True,
    "min_confidence": 0.5,
    "reference_date": "2023-05-10",
    "facts": {"pronoun_factor": 0.8, "infer_located_in": False},
    "merge": {"fuzzy_threshold": 92.0, "never_merge": [["Jon Barr", "Jo Barr"]]},
    "dates": {"prefer_past": False},
}


def _files_config(folder: Path) -> dict:
    (folder / "never.tsv").write_text("Jonathan Barr\tJon Barr\n", encoding="utf-8")
    return {
        **CUSTOM_CONFIG,
        "extra_patterns": [str(folder / "supplies.jsonl")],
        "merge": {**CUSTOM_CONFIG["merge"], "never_merge": str(folder / "never.tsv")},
    }


def _same_settings(a: FactxComponent, b: FactxComponent) -> bool:
    return all(
        getattr(a.extractor, s) == getattr(b.extractor, s) for s in ("fact_settings", "merge_settings", "date_settings")
    )


def test_component_attributes_are_none_before_it_runs():
    register_extensions()
    register_extensions()  # idempotent
    doc = spacy.blank("en")("Some text.")
    assert doc._.factx is None
    assert doc._.factx_entities is None and doc._.factx_facts is None and doc._.factx_dates is None


@pytest.mark.parametrize(
    ("config", "error", "message"),
    [
        ({"relations": ["birthplace"]}, factx.SettingsError, "unknown relation 'birthplace'"),
        ({"relations": ["founded_by"]}, factx.SettingsError, "inverse spelling of 'founded'"),
        ({"facts": {"open_facts": True}}, factx.SettingsError, "setting of the factx component itself"),
        ({"merge": {"fuzzy": 90}}, factx.SettingsError, "unknown setting 'fuzzy'"),
        ({"dates": {"min_year": "1900"}}, factx.SettingsError, "min_year must be int"),
        ({"facts": {"infer_located_in": 1}}, factx.SettingsError, "infer_located_in must be bool"),
        ({"merge": {"person_confusable": "ORG"}}, factx.SettingsError, "person_confusable must be a list"),
        ({"reference_date": "10/05/2023"}, factx.InvalidReferenceDateError, "not an ISO 8601 date"),
        ({}, factx.ModelUnsuitableError, "no ner or parser"),
    ],
)
def test_component_bad_config_names_the_value(config, error, message):
    with pytest.raises(error, match=message):
        spacy.blank("en").add_pipe("factx", config=config)


def _parser_and_ner() -> spacy.language.Language:
    """A pipeline that passes factx's check without a model: enough for raw patterns."""
    nlp = spacy.blank("en")
    nlp.add_pipe("parser")
    nlp.add_pipe("ner")
    return nlp


def test_component_bytes_round_trip_restores_patterns_and_pairs(tmp_path):
    pattern = {
        "relation": "supplies",
        "subject_labels": ["ORG"],
        "object_labels": ["ORG"],
        "pattern": [
            {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "supply"}},
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "subject", "RIGHT_ATTRS": {"DEP": "nsubj"}},
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "object", "RIGHT_ATTRS": {"DEP": "dobj"}},
        ],
    }
    config = {**_files_config(tmp_path), "relations": ["supplies"]}
    (tmp_path / "supplies.jsonl").write_text(json.dumps(pattern) + "\n", encoding="utf-8")
    built = _parser_and_ner().add_pipe("factx", config=config)
    data = built.to_bytes()
    (tmp_path / "supplies.jsonl").unlink()
    (tmp_path / "never.tsv").unlink()
    copy = _parser_and_ner().add_pipe("factx", config=config).from_bytes(data)
    assert _same_settings(copy, built)
    assert copy.extractor.fact_settings.custom_relations == (pattern,)
    assert copy.extractor.merge_settings.never_merge == {("Jonathan Barr", "Jon Barr")}
    assert copy.to_bytes() == data


def test_component_missing_file_is_an_error_when_the_component_runs_or_is_saved(tmp_path):
    # spacy.load builds the component before it hands over the stored copy: a file that is
    # not there cannot be an error when the component is built
    nlp = _parser_and_ner()
    component = nlp.add_pipe("factx", config={"extra_patterns": [str(tmp_path / "absent.jsonl")]})
    for use in (lambda: component(nlp.make_doc("Some text.")), component.to_bytes, lambda: component.to_disk(tmp_path)):
        with pytest.raises(PatternError, match=r"cannot read pattern file .*absent\.jsonl"):
            use()
    with pytest.raises(PatternError, match="no copy"):
        component.from_bytes(spacy.util.to_bytes({}, []))


def test_component_docs_config_table_is_the_default_config():
    page = (ROOT / "docs" / "component.md").read_text(encoding="utf-8")
    table = page[page.index("## Config") :]
    rows = dict(re.findall(r"^\| `(\w+)` \| `([^`]*)` \|", table, re.M))
    assert rows == {key: json.dumps(value) for key, value in DEFAULT_CONFIG.items()}


def test_component_top_level_setting_of_a_section_is_refused_naming_it_as_the_docs_say():
    """spaCy validates a component's config against its factory's arguments before factx
    runs, so this is spaCy's ConfigValidationError (a ValueError), as docs/component.md says."""
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match=r"pronoun_factor\s+unexpected argument"):
        nlp.add_pipe("factx", config={"pronoun_factor": 0.5})
