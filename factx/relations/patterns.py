"""Relation patterns: JSONL data, loaded and validated once.

One line of a pattern file is one pattern::

    {"id": "born_in.passive", "relation": "born_in", "confidence": 0.9,
     "pattern": [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "bear", "TAG": "VBN"}},
                 {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "subject",
                  "RIGHT_ATTRS": {"DEP": "nsubjpass"}}, ...]}

``pattern`` is a spaCy ``DependencyMatcher`` pattern. Two of its nodes are named
``subject`` and ``object``; the node named ``anchor`` (default: the first node) is where
negation, conditionals and the time of the fact are looked for. Optional keys:

- ``confidence`` (0..1, default ``DEFAULT_CONFIDENCE``): how often the pattern is right;
- ``object_kind``: ``entity`` (default), ``date`` (a date mention, for born_on etc.),
  ``number`` (a numeral, for age) or ``text`` (the object token's words, for title);
- ``subject_labels``/``object_labels``: narrow the relation's argument labels;
- ``filter``: a check in code that a dependency pattern cannot express: ``not_list``
  drops "A, B" when B starts a list ("Leeds, York and Hull");
- ``conj`` (default true): also match coordinated verbs that share the subject (see
  ``conj_variant``);
- ``note``: a human sentence the pattern is for.

Coordination: in "She was born in Leeds and moved to York in 1990" the second verb has no
subject of its own; the parser hangs it on the first verb as ``conj``. For every pattern
whose subject is the ``nsubj``/``nsubjpass`` child of a verb node without a ``DEP``
constraint, the loader derives a variant (id ``<id>+conj``) in which that verb is a
``conj`` and the subject is the first verb's, kept only when the verb has no subject of
its own, at ``CONJ_FACTOR`` times the confidence.

A string value ``"@table:key"`` inside ``RIGHT_ATTRS`` (as the value of ``IN``) expands to a
word list from the name tables: ``@kinship:spouse`` (kinship nouns of one relation),
``@titles``, ``@occupations``, ``@demonyms``. Errors name the file and line.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from .. import tables
from ..errors import FactxError

DEFAULT_CONFIDENCE = 0.8
OBJECT_KINDS = frozenset({"entity", "date", "number", "text"})
# Checks in code that a dependency pattern cannot express; a pattern names one in "filter".
FILTERS = frozenset({"not_list", "no_own_subject"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CONJ_FACTOR = 0.95  # confidence of a variant reached through verb coordination
REQUIRED_NODES = ("subject", "object")
KNOWN_KEYS = frozenset(
    {"id", "relation", "pattern", "confidence", "object_kind", "subject_labels", "object_labels", "note",
     "anchor", "filter", "conj"}
)
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE"}
)


class PatternError(FactxError):
    """A pattern file or pattern is invalid; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class RelationSpec:
    name: str
    subject: frozenset[str]
    object: frozenset[str]
    symmetric: bool = False


@dataclass(frozen=True)
class Pattern:
    id: str
    relation: str
    pattern: list[dict[str, Any]]
    confidence: float = DEFAULT_CONFIDENCE
    object_kind: str = "entity"
    subject_labels: frozenset[str] | None = None
    object_labels: frozenset[str] | None = None
    anchor: str = ""
    filter: str | None = None
    source: str = ""
    conj: bool = True

    @property
    def node_names(self) -> list[str]:
        return [node["RIGHT_ID"] for node in self.pattern]


@functools.cache
def inventory() -> tuple[dict[str, RelationSpec], dict[str, str]]:
    """The relations factx knows (name -> spec) and the inverse spellings (name -> relation)."""
    data = json.loads(_models().joinpath("relations.json").read_text(encoding="utf-8"))
    specs = {
        name: RelationSpec(name, frozenset(d["subject"]), frozenset(d["object"]), bool(d.get("symmetric")))
        for name, d in data["relations"].items()
    }
    return specs, dict(data["inverses"])


def _models() -> Traversable:
    return tables._models_dir()


def builtin_pattern_files() -> list[Traversable]:
    folder = _models().joinpath("patterns")
    return sorted((p for p in folder.iterdir() if p.name.endswith(".jsonl")), key=lambda p: p.name)


@functools.cache
def _table_words(ref: str) -> tuple[str, ...]:
    name, _, key = ref[1:].partition(":")
    if name == "kinship":
        words = [w for w, (rel, _g) in tables.kinship_nouns().items() if not key or rel == key]
    elif name == "titles":
        words = [w for w, cat in tables.titles().items() if not key or cat == key]
    elif name == "occupations":
        words = [row[0] for row in tables.table_lines("occupations.tsv")]
    elif name == "demonyms":
        words = [w for forms in tables.demonyms().values() for w in forms]
    else:
        raise KeyError(ref)
    if not words:
        raise KeyError(ref)
    return tuple(sorted({w.lower() for w in words}))


def _expand(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("@"):
        return list(_table_words(value))
    if isinstance(value, dict):
        return {k: _expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v) for v in value]
    return value


def parse_pattern(raw: dict[str, Any], where: str) -> Pattern:
    """Validate one pattern record; ``where`` ("file:line") goes into every error."""
    specs, inverses = inventory()
    if not isinstance(raw, dict):
        raise PatternError(f"{where}: a pattern is a JSON object, not {type(raw).__name__}")
    unknown = set(raw) - KNOWN_KEYS
    if unknown:
        raise PatternError(f"{where}: unknown key(s) {sorted(unknown)}; known: {sorted(KNOWN_KEYS)}")
    for key in ("id", "relation", "pattern"):
        if key not in raw:
            raise PatternError(f"{where}: pattern without {key!r}")
    relation = raw["relation"]
    if relation not in specs and relation not in inverses:
        raise PatternError(f"{where}: unknown relation {relation!r}; known: {sorted(specs) + sorted(inverses)}")
    nodes = raw["pattern"]
    if not isinstance(nodes, list) or not nodes or not all(isinstance(n, dict) for n in nodes):
        raise PatternError(f"{where}: 'pattern' must be a non-empty list of DependencyMatcher nodes")
    names = [n.get("RIGHT_ID") for n in nodes]
    for node_name in REQUIRED_NODES:
        if node_name not in names:
            raise PatternError(f"{where}: pattern {raw['id']!r} has no node named {node_name!r}")
    if len(set(names)) != len(names):
        raise PatternError(f"{where}: pattern {raw['id']!r} repeats a node name")
    kind = raw.get("object_kind", "entity")
    if kind not in OBJECT_KINDS:
        raise PatternError(f"{where}: object_kind {kind!r} is not one of {sorted(OBJECT_KINDS)}")
    confidence = raw.get("confidence", DEFAULT_CONFIDENCE)
    if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
        raise PatternError(f"{where}: confidence must be a number in (0, 1], not {confidence!r}")
    labels: dict[str, frozenset[str] | None] = {}
    for key in ("subject_labels", "object_labels"):
        value = raw.get(key)
        if value is not None:
            bad = set(value) - ENTITY_LABELS
            if bad:
                raise PatternError(f"{where}: unknown entity label(s) {sorted(bad)} in {key}")
            labels[key] = frozenset(value)
    check = raw.get("filter")
    if check is not None and check not in FILTERS:
        raise PatternError(f"{where}: filter {check!r} is not one of {sorted(FILTERS)}")
    anchor = raw.get("anchor", names[0])
    if anchor not in names:
        raise PatternError(f"{where}: anchor {anchor!r} is not a node of the pattern")
    try:
        expanded = _expand(nodes)
    except KeyError as e:
        raise PatternError(f"{where}: unknown table reference {e.args[0]!r}") from None
    return Pattern(
        id=str(raw["id"]),
        relation=relation,
        pattern=expanded,
        confidence=float(confidence),
        object_kind=kind,
        subject_labels=labels.get("subject_labels"),
        object_labels=labels.get("object_labels"),
        anchor=anchor,
        filter=check,
        source=where,
        conj=bool(raw.get("conj", True)),
    )


def _dep_values(attrs: dict[str, Any]) -> set[str] | None:
    dep = attrs.get("DEP")
    if isinstance(dep, str):
        return {dep}
    if isinstance(dep, dict) and set(dep) == {"IN"}:
        return set(dep["IN"])
    return None


def conj_variant(p: Pattern) -> Pattern | None:
    """The variant of ``p`` for a verb coordinated with the one that holds the subject."""
    if not p.conj or p.filter is not None:
        return None
    nodes = p.pattern
    subject = next(n for n in nodes if n["RIGHT_ID"] == "subject")
    deps = _dep_values(subject.get("RIGHT_ATTRS", {}))
    if subject.get("REL_OP") != ">" or not deps or not deps <= SUBJECT_DEPS:
        return None
    verb_id = subject["LEFT_ID"]
    verb = next(n for n in nodes if n["RIGHT_ID"] == verb_id)
    if "DEP" in verb.get("RIGHT_ATTRS", {}):
        return None
    out: list[dict[str, Any]] = []
    for node in nodes:
        if node is verb:
            out.append({**node, "RIGHT_ATTRS": {**node.get("RIGHT_ATTRS", {}), "DEP": "conj"}})
            out.append({"LEFT_ID": verb_id, "REL_OP": "<", "RIGHT_ID": "conj_head",
                        "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX"]}}})
        elif node is subject:
            out.append({**node, "LEFT_ID": "conj_head",
                        "RIGHT_ATTRS": {**node.get("RIGHT_ATTRS", {}), "DEP": {"IN": sorted(SUBJECT_DEPS)}}})
        else:
            out.append(node)
    if "conj_head" in {n["RIGHT_ID"] for n in nodes}:
        return None
    return Pattern(
        id=f"{p.id}+conj",
        relation=p.relation,
        pattern=out,
        confidence=round(p.confidence * CONJ_FACTOR, 3),
        object_kind=p.object_kind,
        subject_labels=p.subject_labels,
        object_labels=p.object_labels,
        anchor=verb_id if p.anchor == verb_id else p.anchor,
        filter="no_own_subject",
        source=p.source,
        conj=False,
    )


def read_patterns(lines: Iterable[str], source: str) -> Iterator[Pattern]:
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("//") or stripped.startswith("#"):
            continue
        try:
            raw = json.loads(stripped)
        except json.JSONDecodeError as e:
            raise PatternError(f"{source}:{number}: not valid JSON: {e.msg}") from None
        pattern = parse_pattern(raw, f"{source}:{number}")
        yield pattern
        variant = conj_variant(pattern)
        if variant is not None:
            yield variant


def load_patterns(paths: Iterable[str | Path | Traversable] | None = None) -> list[Pattern]:
    """Patterns from JSONL files (default: every built-in file); ids must be unique."""
    files = builtin_pattern_files() if paths is None else [Path(p) if isinstance(p, str) else p for p in paths]
    out: list[Pattern] = []
    seen: dict[str, str] = {}
    for f in files:
        try:
            text = f.read_text(encoding="utf-8")
        except OSError as e:
            raise PatternError(f"cannot read pattern file {f}: {e}") from e
        for p in read_patterns(text.splitlines(), getattr(f, "name", str(f))):
            if p.id in seen:
                raise PatternError(f"{p.source}: pattern id {p.id!r} is already used at {seen[p.id]}")
            seen[p.id] = p.source
            out.append(p)
    return out
