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
  drops "A, B" when B starts a list ("Leeds, York and Hull"); ``no_own_subject`` keeps
  only a coordinated verb without a subject of its own; ``couple`` keeps "A and B married"
  only when the subject is those two alone and the verb has no object ("A and B married
  other people", "A, B and C married");
- ``conj`` (default true): also match coordinated verbs that share the subject (see
  ``conj_variant``);
- ``slots``: names of further nodes whose words the fact reports in ``slots`` (custom
  relations, see ``factx.relations.custom``);
- ``note``: a human sentence the pattern is for.

Validation goes beyond spaCy's own: every node but the first is reached from an earlier
node (``LEFT_ID``) by a known operator (``REL_OP``), token attributes are ones the matchers
know, and a value that can never match is refused: an upper-case ``LOWER`` value, an empty
``IN`` list, an ``ENT_TYPE`` that factx never assigns, a ``DEP`` or ``POS`` the English
pipelines do not produce.

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
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from .. import tables
from ..errors import PatternError
from .matcher import OPERATORS, SUPPORTED_ATTRS

DEFAULT_CONFIDENCE = 0.8
OBJECT_KINDS = frozenset({"entity", "date", "number", "text"})
# Checks in code that a dependency pattern cannot express; a pattern names one in "filter".
FILTERS = frozenset({"not_list", "no_own_subject", "couple"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CONJ_FACTOR = 0.95  # confidence of a variant reached through verb coordination
REQUIRED_NODES = ("subject", "object")
RELATION_NAME = re.compile(r"[a-z][a-z0-9_]*")
KNOWN_KEYS = frozenset(
    {
        "id",
        "relation",
        "pattern",
        "confidence",
        "object_kind",
        "subject_labels",
        "object_labels",
        "note",
        "anchor",
        "filter",
        "conj",
        "slots",
    }
)
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE"}
)
# The labels factx leaves on Doc.ents before matching: its entities' labels and DATE.
ENT_TYPES = ENTITY_LABELS | {"DATE", ""}  # "" is no entity
# The dependency labels of spaCy's English pipelines (ClearNLP style): a DEP outside them never matches.
DEP_LABELS = frozenset(
    {
        "ROOT",
        "acl",
        "acomp",
        "advcl",
        "advmod",
        "agent",
        "amod",
        "appos",
        "attr",
        "aux",
        "auxpass",
        "case",
        "cc",
        "ccomp",
        "compound",
        "conj",
        "csubj",
        "csubjpass",
        "dative",
        "dep",
        "det",
        "dobj",
        "expl",
        "intj",
        "mark",
        "meta",
        "neg",
        "nmod",
        "npadvmod",
        "nsubj",
        "nsubjpass",
        "nummod",
        "oprd",
        "parataxis",
        "pcomp",
        "pobj",
        "poss",
        "preconj",
        "predet",
        "prep",
        "prt",
        "punct",
        "quantmod",
        "relcl",
        "xcomp",
    }
)
UPOS_TAGS = frozenset(
    {
        "ADJ",
        "ADP",
        "ADV",
        "AUX",
        "CCONJ",
        "DET",
        "INTJ",
        "NOUN",
        "NUM",
        "PART",
        "PRON",
        "PROPN",
        "PUNCT",
        "SCONJ",
        "SYM",
        "VERB",
        "X",
        "SPACE",
    }
)
NODE_KEYS = frozenset({"LEFT_ID", "REL_OP", "RIGHT_ID", "RIGHT_ATTRS"})


@dataclass(frozen=True, slots=True)
class RelationSpec:
    name: str
    subject: frozenset[str]
    object: frozenset[str]
    symmetric: bool = False
    time: str = "clause"  # where the fact's time comes from: "clause", "reference" or "none"


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
    custom: bool = False  # a user's relation: emitted as an open fact named by ``relation``
    slots: tuple[str, ...] = ()  # further nodes whose words the fact reports

    @property
    def node_names(self) -> list[str]:
        return [node["RIGHT_ID"] for node in self.pattern]


@functools.cache
def inventory() -> tuple[dict[str, RelationSpec], dict[str, str]]:
    """The relations factx knows (name -> spec) and the inverse spellings (name -> relation)."""
    data = json.loads(_models().joinpath("relations.json").read_text(encoding="utf-8"))
    specs = {
        name: RelationSpec(
            name,
            frozenset(d["subject"]),
            frozenset(d["object"]),
            bool(d.get("symmetric")),
            str(d.get("time", "clause")),
        )
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
        words = list(tables.occupations())
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


def check_custom_name(relation: object, where: str) -> str:
    """A custom relation's name: a new lower-case identifier, not a relation factx has."""
    specs, inverses = inventory()
    if not isinstance(relation, str) or not RELATION_NAME.fullmatch(relation):
        raise PatternError(
            f"{where}: relation name {relation!r} must be a lower-case identifier such as 'acquired' or 'ceo_of'"
        )
    if relation in specs or relation in inverses:
        raise PatternError(
            f"{where}: relation {relation!r} clashes with a built-in relation of factx; give your relation a "
            f"name of its own (built-in: {', '.join(sorted(specs) + sorted(inverses))})"
        )
    return relation


def parse_pattern(raw: dict[str, Any], where: str, *, custom: bool = False) -> Pattern:
    """Validate one pattern record; ``where`` ("file:line") goes into every error.

    ``custom``: the record defines or extends a user's relation, whose name must not be a
    built-in one; its argument labels default to any label."""
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
    if custom:
        check_custom_name(relation, where)
    elif relation not in specs and relation not in inverses:
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
    slots = raw.get("slots", [])
    if not isinstance(slots, list) or any(n not in names or n in REQUIRED_NODES for n in slots):
        raise PatternError(
            f"{where}: slots must list nodes of the pattern other than subject and object, not {slots!r}"
        )
    try:
        expanded = _expand(nodes)
    except KeyError as e:
        raise PatternError(f"{where}: unknown table reference {e.args[0]!r}") from None
    check_nodes(expanded, f"{where}: pattern {raw['id']!r}")
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
        custom=custom,
        slots=tuple(slots),
    )


def check_nodes(nodes: list[dict[str, Any]], where: str) -> None:
    """Refuse nodes that spaCy would refuse with a vaguer message, or that could never match."""
    seen: set[str] = set()
    for i, node in enumerate(nodes):
        name = node.get("RIGHT_ID")
        if not isinstance(name, str) or not name:
            raise PatternError(f"{where}: node {i + 1} has no RIGHT_ID (a name for the node)")
        label = f"{where}, node {name!r}"
        extra = set(node) - NODE_KEYS
        if extra:
            raise PatternError(f"{label}: unknown key(s) {sorted(extra)}; a node has {sorted(NODE_KEYS)}")
        if i == 0:
            if "LEFT_ID" in node or "REL_OP" in node:
                raise PatternError(f"{label}: the first node is where matching starts: it has no LEFT_ID or REL_OP")
        else:
            left = node.get("LEFT_ID")
            if left not in seen:
                raise PatternError(
                    f"{label} can never be reached: its LEFT_ID {left!r} names no earlier node "
                    f"(earlier: {sorted(seen)})"
                )
            op = node.get("REL_OP")
            if op not in OPERATORS:
                raise PatternError(f"{label}: unknown REL_OP {op!r}; known: {' '.join(sorted(OPERATORS))}")
        attrs = node.get("RIGHT_ATTRS", {})
        if not isinstance(attrs, dict):
            raise PatternError(f"{label}: RIGHT_ATTRS must be an object of token attributes")
        for attr, value in attrs.items():
            _check_attr(attr, value, label)
        seen.add(name)


def _check_attr(attr: str, value: Any, label: str) -> None:
    if attr not in SUPPORTED_ATTRS:
        raise PatternError(f"{label}: unknown token attribute {attr!r}; known: {', '.join(sorted(SUPPORTED_ATTRS))}")
    if isinstance(value, dict):
        bad = set(value) - {"IN", "NOT_IN"}
        if bad:
            raise PatternError(f"{label}: {attr} takes a value or IN/NOT_IN lists, not {sorted(bad)}")
        if "IN" in value and not value["IN"]:
            raise PatternError(f"{label}: {attr} IN an empty list can never match")
        values = [v for key in ("IN",) if key in value for v in value[key]]
        for key, listed in value.items():
            if not isinstance(listed, list):
                raise PatternError(f"{label}: {attr} {key} takes a list, not {listed!r}")
    else:
        values = [value]
    for v in values:
        if attr == "LOWER" and isinstance(v, str) and v != v.lower():
            raise PatternError(f"{label}: LOWER {v!r} can never match: LOWER values are lower case")
        if attr == "ENT_TYPE" and v not in ENT_TYPES:
            raise PatternError(
                f"{label}: unknown entity label {v!r} in ENT_TYPE; factx's labels: "
                f'{", ".join(sorted(t for t in ENT_TYPES if t))} or "" (no entity)'
            )
    # Lists may name labels of other pipelines ("flat"); only a test no value can pass is refused.
    for name, known in (("DEP", DEP_LABELS), ("POS", UPOS_TAGS)):
        if attr == name and values and not any(v in known for v in values):
            raise PatternError(
                f"{label}: {name} {values[0] if len(values) == 1 else values!r} can never match in an English "
                f"pipeline; known: {', '.join(sorted(known))}"
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
            out.append(
                {
                    "LEFT_ID": verb_id,
                    "REL_OP": "<",
                    "RIGHT_ID": "conj_head",
                    "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX"]}},
                }
            )
        elif node is subject:
            out.append(
                {
                    **node,
                    "LEFT_ID": "conj_head",
                    "RIGHT_ATTRS": {**node.get("RIGHT_ATTRS", {}), "DEP": {"IN": sorted(SUBJECT_DEPS)}},
                }
            )
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
        custom=p.custom,
        slots=p.slots,
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
