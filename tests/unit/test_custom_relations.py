"""Users' own relations without a model: templates filled and checked, pattern files
validated with errors that name the file and line or the template."""

from __future__ import annotations

import functools
import json

import pytest
import spacy
from pattern_files import PLANT_RECORD, write_jsonl
from spacy.vocab import Vocab

import factx
from factx.relations import FactLayer, FactSettings, PatternError
from factx.relations.custom import fill


@functools.cache
def _vocab() -> Vocab:
    """One blank English vocabulary for the pattern files of this file."""
    return spacy.blank("en").vocab


def test_custom_fill_roles():
    text, holders = fill("{PERSON} was appointed {TITLE} of {ORG}", "t")
    assert text == "Smith was appointed director of Acme."
    assert [(p.name, p.types) for p in holders] == [
        ("subject", ("PERSON",)),
        ("title", ("TITLE",)),
        ("object", ("ORG",)),
    ]
    _, named = fill("{object:ORG} was bought by {subject:ORG|PRODUCT}", "t")
    assert [(p.name, p.types) for p in named] == [("object", ("ORG",)), ("subject", ("ORG", "PRODUCT"))]


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{COMPANY} acquired {ORG}", "unknown entity label 'COMPANY'"),
        ("{ORG} acquired", "no placeholder for the object"),
        ("{subject:DATE} acquired {ORG}", "the subject must be an entity"),
        ("{ORG} acquired {ORG", "a brace that is not a placeholder"),
        ("{ORG|TITLE} acquired {ORG}", "only entity labels can be joined"),
    ],
)
def test_custom_template_errors_name_the_template(template, message):
    with pytest.raises(PatternError, match=message) as info:
        fill(template, f"relation 'x', template {template!r}")
    assert repr(template) in str(info.value)


@pytest.mark.parametrize(
    "name",
    ["born_in", "founded_by", "open", "Acquired", "acquired by"],
)
def test_custom_relation_names_must_be_new(name):
    with pytest.raises(PatternError, match=f"relation (name )?{name!r}"):
        factx.Relation(name, templates=["{ORG} acquired {ORG}"])


def _changed(index: int, key: str, value) -> list[dict]:
    """PLANT_RECORD's nodes with one key of one node changed."""
    nodes = json.loads(json.dumps(PLANT_RECORD["pattern"]))
    nodes[index][key] = value
    return nodes


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({**PLANT_RECORD, "relation": "founded"}, "clashes with a built-in relation"),
        ({**PLANT_RECORD, "subject_labels": ["COMPANY"]}, "unknown entity label"),
        ({**PLANT_RECORD, "pattern": _changed(4, "LEFT_ID", "plnt")}, "node 'object' can never be reached"),
        ({**PLANT_RECORD, "pattern": _changed(1, "REL_OP", ">>>")}, "unknown REL_OP '>>>'"),
        ({**PLANT_RECORD, "pattern": _changed(0, "RIGHT_ATTRS", {"LEMA": "open"})}, "unknown token attribute 'LEMA'"),
        ({**PLANT_RECORD, "pattern": _changed(3, "RIGHT_ATTRS", {"LOWER": "In"})}, "LOWER 'In' can never match"),
        ({**PLANT_RECORD, "pattern": _changed(4, "RIGHT_ATTRS", {"ENT_TYPE": "CITY"})}, "unknown entity label 'CITY'"),
        ({**PLANT_RECORD, "pattern": _changed(1, "RIGHT_ATTRS", {"DEP": "subj"})}, "DEP 'subj' can never match"),
        ({**PLANT_RECORD, "pattern": _changed(2, "RIGHT_ATTRS", {"LEMMA": {"IN": []}})}, "IN an empty list"),
        ({**PLANT_RECORD, "slots": ["nowhere"]}, "slots must list nodes"),
        ({k: v for k, v in PLANT_RECORD.items() if k != "pattern"}, "has a 'template' or a 'pattern'"),
    ],
)
def test_custom_file_errors_name_file_and_line(tmp_path, record, message):
    path = write_jsonl(tmp_path / "mine.jsonl", ["# a comment line", record])
    settings = FactSettings(extra_patterns=(str(path),), builtin_relations=False)
    with pytest.raises(PatternError, match=message) as info:
        FactLayer(_vocab(), settings=settings)
    assert f"{path}:2" in str(info.value)


def test_custom_file_not_json_names_the_line(tmp_path):
    path = write_jsonl(tmp_path / "mine.jsonl", [PLANT_RECORD, "{not json"])
    with pytest.raises(PatternError, match=f"{path}:2: not valid JSON"):
        FactLayer(_vocab(), settings=FactSettings(extra_patterns=(str(path),), builtin_relations=False))


def test_custom_duplicate_ids_name_both_places(tmp_path):
    path = write_jsonl(tmp_path / "mine.jsonl", [PLANT_RECORD, PLANT_RECORD])
    with pytest.raises(PatternError, match=f"{path}:2: pattern id 'plant_in.opened' is already used at {path}:1"):
        FactLayer(_vocab(), settings=FactSettings(extra_patterns=(str(path),), builtin_relations=False))


def test_custom_unknown_relation_in_keep_list(tmp_path):
    path = write_jsonl(tmp_path / "mine.jsonl", [PLANT_RECORD])
    settings = FactSettings(extra_patterns=(str(path),), relations=frozenset({"plant_at"}))
    with pytest.raises(factx.SettingsError, match=r"unknown relation 'plant_at'.*plant_in"):
        FactLayer(_vocab(), settings=settings)


def test_custom_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(PatternError, match="cannot read pattern file"):
        FactLayer(_vocab(), settings=FactSettings(extra_patterns=(str(tmp_path / "absent.jsonl"),)))


def test_custom_component_checks_templates_when_built():
    with pytest.raises(PatternError, match="unknown entity label 'COMPANY'"):
        spacy.blank("en").add_pipe(
            "factx", config={"custom_relations": [{"relation": "acquired", "template": "{COMPANY} acquired {ORG}"}]}
        )
