"""Users' own relations, without training: phrase templates and pattern files.

A custom relation is named by the user and defined by one or more **phrase templates**, a
sentence with placeholders for its arguments::

    {ORG} acquired {ORG}
    {PERSON} was appointed {TITLE} of {ORG}

or by spaCy ``DependencyMatcher`` patterns in the format of the built-in ones (see
``factx.relations.patterns``). In Python, ``factx.Relation("acquired", templates=[...])``;
in a JSONL file (``Extractor(extra_patterns=path)``, ``factx extract --patterns FILE``),
one record a line::

    {"relation": "acquired", "template": "{ORG} acquired {ORG}", "confidence": 0.8}
    {"relation": "acquired", "id": "acquired.takeover", "pattern": [...],
     "subject_labels": ["ORG"], "object_labels": ["ORG"]}

Placeholders: an entity label (``PERSON``, ``ORG``, ``GPE``, ``LOC``, ``FAC``, ``NORP``,
``EVENT``, ``WORK_OF_ART``, ``PRODUCT``, ``LAW``, ``LANGUAGE``), several joined by ``|``
(``{ORG|PRODUCT}``), ``ANY`` (an entity of any label), ``DATE`` (a date, as object only),
``TITLE`` or ``TEXT`` (words, such as a job title). A placeholder may be named:
``{buyer:ORG}``. The first entity placeholder is the **subject**; the last entity or
``DATE`` placeholder is the **object** (with a single entity placeholder, a ``TITLE`` or
``TEXT`` placeholder is the object, a text literal); ``{subject:...}`` and ``{object:...}``
choose otherwise. Any other placeholder is a **slot**: the fact reports its words in
``slots`` under the placeholder's name (``title`` for ``{TITLE}``).

How a template becomes patterns: the template is parsed by the loaded spaCy pipeline with
a stand-in word for each placeholder ("Acme acquired Initech."); the dependency paths from
the placeholders up to the word that joins them become the pattern — that word and every
word on the paths by lemma (verbs, nouns) or lower-case form (prepositions, particles),
each placeholder by its dependency only, so that a pronoun, "which" or "the company"
can fill it and be resolved like any argument. From a verb template's parse the compiler
derives, without further typing:

- the **active** and **passive** forms: "X acquired Y", "Y was acquired by X" (the agent
  of the passive is the subject of the active);
- the **reduced relative clause**: "Y, acquired by X in 2010, ..." (a participle hanging on
  its noun); full relative clauses ("Y, which X acquired", "X, which acquired Y") need no
  pattern of their own: "which", "who" and "that" resolve to the noun they modify;
- **coordination**: arguments in lists ("X acquired Y, Z and W", "X and Z acquired Y",
  up to ``MAX_LIST_DEPTH`` deep), and a verb coordinated with the one holding the
  subject ("X sold Z and acquired Y"), as for every built-in pattern.

Facts of custom relations follow ``shared/spec/relations.md``, which allows only the
inventory's names or ``open``: they are open facts, ``"relation": "open"``, with the custom
relation's name in ``predicate`` and ``"custom": true``. Validation errors
(``PatternError``) name the file and line, or the template's text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .patterns import (
    CONJ_FACTOR,
    DEFAULT_CONFIDENCE,
    ENTITY_LABELS,
    KNOWN_KEYS,
    Pattern,
    PatternError,
    check_custom_name,
    conj_variant,
    parse_pattern,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# Placeholder types beyond the entity labels.
ANY = "ANY"
DATE = "DATE"
TEXT_TYPES = frozenset({"TITLE", "TEXT"})
PLACEHOLDER_TYPES = ENTITY_LABELS | {ANY, DATE} | TEXT_TYPES
PLACEHOLDER = re.compile(r"\{(?:(?P<name>[a-z][a-z0-9_]*):)?(?P<types>[^{}:]+)\}")
# Stand-in words the template is parsed with, per placeholder type: common enough that the
# small pipelines parse them as the nouns they stand for; one after another within a template.
FILLERS: Mapping[str, tuple[str, ...]] = {
    "PERSON": ("Smith", "Jones", "Brown"),
    "ORG": ("Acme", "Initech", "Globex"),
    "GPE": ("Paris", "Berlin", "Madrid"),
    "LOC": ("Europe", "Asia", "Africa"),
    "FAC": ("Heathrow", "Wembley", "Alcatraz"),
    "NORP": ("Germans", "Italians", "Danes"),
    "EVENT": ("Wimbledon", "Woodstock", "Glastonbury"),
    "WORK_OF_ART": ("Hamlet", "Macbeth", "Othello"),
    "PRODUCT": ("Windows", "Walkman", "Kindle"),
    "LAW": ("Medicare", "Obamacare", "Prohibition"),
    "LANGUAGE": ("French", "German", "Spanish"),
    ANY: ("Acme", "Initech", "Globex"),
    DATE: ("2010", "2011", "2012"),
    "TITLE": ("director", "chairman", "president"),
    "TEXT": ("director", "chairman", "president"),
}
# Words matched by their lower-case form rather than their lemma.
FUNCTION_POS = frozenset({"ADP", "PART", "SCONJ", "DET", "CCONJ", "ADV"})
FUNCTION_DEPS = frozenset({"prep", "agent", "prt", "case", "dative"})
# A placeholder parsed with one of these dependencies may be found with any of them in text:
# the parser labels a predicate noun "oprd", "attr" or "xcomp" by whim ("was named chief").
DEP_ALTERNATIVES: Mapping[str, tuple[str, ...]] = {
    "oprd": ("oprd", "attr", "xcomp", "dobj", "npadvmod"),
    "attr": ("attr", "oprd", "xcomp", "dobj", "npadvmod"),
    "xcomp": ("xcomp", "oprd", "attr"),
    "compound": ("compound", "amod", "nmod"),
    "amod": ("amod", "compound", "nmod"),
    "nmod": ("nmod", "compound", "amod"),
    "npadvmod": ("npadvmod", "oprd", "attr"),
    "appos": ("appos", "npadvmod"),
}
MAX_LIST_DEPTH = 2  # "X acquired Y, Z and W": W is two conj steps from Y
# factx's own pipes are not run on a template: the parse is all the compiler needs
FACTX_FACTORIES = frozenset({"factx", "factx_line_breaks"})
TEMPLATE_KEYS = frozenset({"relation", "template", "templates", "id", "confidence", "note", "conj"})


@dataclass(frozen=True)
class Relation:
    """A user's relation: a name and phrase templates and/or raw patterns.

    >>> Relation("acquired", templates=["{ORG} acquired {ORG}", "{ORG} bought {ORG}"])  # doctest: +SKIP

    ``patterns`` are pattern records in the JSONL format (dicts with ``pattern`` and
    optionally ``id``, ``subject_labels``, ...); ``confidence`` applies to the templates.
    """

    name: str
    templates: tuple[str, ...] = ()
    patterns: tuple[Mapping[str, Any], ...] = ()
    confidence: float = DEFAULT_CONFIDENCE

    def __post_init__(self) -> None:
        if isinstance(self.templates, str):
            object.__setattr__(self, "templates", (self.templates,))
        else:
            object.__setattr__(self, "templates", tuple(self.templates))
        object.__setattr__(self, "patterns", tuple(self.patterns))
        check_custom_name(self.name, f"relation {self.name!r}")
        if not self.templates and not self.patterns:
            raise PatternError(f"relation {self.name!r}: give at least one template or pattern")

    def records(self) -> Iterator[tuple[dict[str, Any], str]]:
        """The relation as JSONL records, each with where its errors point."""
        for template in self.templates:
            yield (
                {"relation": self.name, "template": template, "confidence": self.confidence},
                f"relation {self.name!r}, template {template!r}",
            )
        for n, raw in enumerate(self.patterns, 1):
            yield {**raw, "relation": self.name}, f"relation {self.name!r}, pattern {raw.get('id', n)!r}"


@dataclass(frozen=True)
class _Placeholder:
    name: str  # slot name, or "subject"/"object"
    types: tuple[str, ...]
    start: int  # character span of the stand-in word in the parsed sentence
    end: int


@dataclass
class _Node:
    """One pattern node while a template is compiled: the parse of the template fixes it."""

    name: str
    parent: str | None
    op: str
    attrs: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        if self.parent is None:
            return {"RIGHT_ID": self.name, "RIGHT_ATTRS": dict(self.attrs)}
        return {"LEFT_ID": self.parent, "REL_OP": self.op, "RIGHT_ID": self.name, "RIGHT_ATTRS": dict(self.attrs)}


def _types(raw: str, where: str) -> tuple[str, ...]:
    types = tuple(t.strip().upper() for t in raw.split("|"))
    bad = [t for t in types if t not in PLACEHOLDER_TYPES]
    if bad:
        raise PatternError(
            f"{where}: unknown entity label {bad[0]!r} in a placeholder; use one of "
            f"{', '.join(sorted(PLACEHOLDER_TYPES))}"
        )
    if len(types) > 1 and not set(types) <= ENTITY_LABELS:
        raise PatternError(f"{where}: only entity labels can be joined with '|', not {raw!r}")
    return types


def _is_entity(types: tuple[str, ...]) -> bool:
    return types[0] in ENTITY_LABELS or types[0] == ANY


def fill(template: str, where: str) -> tuple[str, list[_Placeholder]]:
    """The template with stand-in words, and its placeholders with their roles."""
    found: list[tuple[str | None, tuple[str, ...], int, int]] = []
    out: list[str] = []
    used: dict[str, int] = {}
    pos = last = 0
    for m in PLACEHOLDER.finditer(template):
        types = _types(m["types"], where)
        out.append(template[last : m.start()])
        pos += m.start() - last
        fillers = FILLERS[types[0]]
        word = fillers[used.get(types[0], 0) % len(fillers)]
        used[types[0]] = used.get(types[0], 0) + 1
        found.append((m["name"], types, pos, pos + len(word)))
        out.append(word)
        pos += len(word)
        last = m.end()
    out.append(template[last:])
    if "{" in "".join(out) or "}" in "".join(out):
        raise PatternError(f"{where}: a brace that is not a placeholder such as {{ORG}} or {{buyer:ORG}}")
    text = "".join(out).rstrip()
    if text and text[-1] not in ".!?":
        text += "."  # a full stop makes the small pipelines parse a sentence, not a headline
    return text, _roles(found, where)


def _roles(found: list[tuple[str | None, tuple[str, ...], int, int]], where: str) -> list[_Placeholder]:
    names = [name for name, *_ in found]
    for role in ("subject", "object"):
        if names.count(role) > 1:
            raise PatternError(f"{where}: more than one {{{role}:...}} placeholder")
    subject = names.index("subject") if "subject" in names else None
    obj = names.index("object") if "object" in names else None
    entities = [i for i, (_, types, *_rest) in enumerate(found) if _is_entity(types)]
    if subject is None:
        subject = next((i for i in entities if i != obj), None)
    if subject is None:
        raise PatternError(f"{where}: no placeholder for the subject, such as {{PERSON}} or {{ORG}}")
    if obj is None:
        later = [i for i, (_, t, *_rest) in enumerate(found) if i != subject and (_is_entity(t) or t[0] == DATE)]
        texts = [i for i, (_, t, *_rest) in enumerate(found) if i != subject and t[0] in TEXT_TYPES]
        obj = later[-1] if later else (texts[0] if texts else None)
    if obj is None:
        raise PatternError(f"{where}: no placeholder for the object: a relation links two arguments")
    if not _is_entity(found[subject][1]):
        raise PatternError(f"{where}: the subject must be an entity placeholder, not {{{found[subject][1][0]}}}")
    out = []
    for i, (given, types, start, end) in enumerate(found):
        role = "subject" if i == subject else "object" if i == obj else (given or types[0].lower())
        out.append(_Placeholder(role, types, start, end))
    slot_names = [p.name for p in out if p.name not in {"subject", "object"}]
    if len(set(slot_names)) != len(slot_names):
        raise PatternError(f"{where}: two slots share a name; name them, e.g. {{from:GPE}} and {{to:GPE}}")
    return out


def check_template_record(record: Mapping[str, Any], where: str) -> tuple[str, list[str]]:
    """The relation name and templates of a template record, checked as far as they can be
    without parsing: keys, name, placeholders and roles."""
    unknown = set(record) - TEMPLATE_KEYS
    if unknown:
        raise PatternError(
            f"{where}: unknown key(s) {sorted(unknown)} in a template record; known: {sorted(TEMPLATE_KEYS)}"
        )
    relation = check_custom_name(record.get("relation"), where)
    templates = list(record.get("templates", []))
    if "template" in record:
        templates = [record["template"], *templates]
    if not templates or not all(isinstance(t, str) and t.strip() for t in templates):
        raise PatternError(f"{where}: 'template' must be a phrase such as \"{{ORG}} acquired {{ORG}}\"")
    for template in templates:
        fill(template, where if template in where else f"{where} (template {template!r})")
    return relation, templates


def _labels(types: tuple[str, ...]) -> list[str] | None:
    if types[0] in ENTITY_LABELS:
        return sorted(types)
    return None  # any label


class TemplateCompiler:
    """Compiles phrase templates with one loaded spaCy pipeline (its parser decides the shape)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def _parse(self, text: str) -> Doc:
        doc = self.nlp.make_doc(text)
        for name, proc in self.nlp.pipeline:
            if self.nlp.get_pipe_meta(name).factory not in FACTX_FACTORIES:
                doc = proc(doc)
        return doc

    def patterns(self, record: Mapping[str, Any], where: str) -> list[Pattern]:
        """The patterns of one template record (``relation``, ``template``/``templates``)."""
        relation, templates = check_template_record(record, where)
        base_id = str(record.get("id", relation))
        out: list[Pattern] = []
        for n, template in enumerate(templates, 1):
            tid = base_id if len(templates) == 1 else f"{base_id}.{n}"
            here = where if template in where else f"{where} (template {template!r})"
            for variant_id, nodes, confidence, kinds in self.variants(template, here):
                raw = {
                    "id": f"{tid}.{variant_id}",
                    "relation": relation,
                    "pattern": nodes,
                    "confidence": round(float(record.get("confidence", DEFAULT_CONFIDENCE)) * confidence, 3),
                    "anchor": kinds["anchor"],
                    "conj": bool(record.get("conj", True)),
                    **({"note": record["note"]} if "note" in record else {}),
                    **{k: v for k, v in kinds.items() if k != "anchor" and v is not None},
                }
                pattern = parse_pattern(raw, here, custom=True)
                out.append(pattern)
                variant = conj_variant(pattern)
                if variant is not None:
                    out.append(variant)
        return out

    def variants(self, template: str, where: str) -> list[tuple[str, list[dict[str, Any]], float, dict[str, Any]]]:
        """(variant id, nodes, confidence factor, pattern keys) for each form of ``template``."""
        text, holders = fill(template, where)
        doc = self._parse(text)
        tokens: dict[str, Token] = {}
        for p in holders:
            span = doc.char_span(p.start, p.end)
            if span is None or len(span) != 1:
                raise PatternError(f"{where}: the stand-in for {{{p.types[0]}}} did not parse as one word")
            tokens[p.name] = span[0]
        top = _common_ancestor(list(tokens.values()), where)
        nodes = _tree(top, tokens, where)
        by_role = {p.name: p for p in holders}
        subject, obj = by_role["subject"], by_role["object"]
        kinds: dict[str, Any] = {
            "subject_labels": _labels(subject.types),
            "object_labels": _labels(obj.types) if obj.types[0] not in TEXT_TYPES | {DATE} else None,
            "object_kind": "date" if obj.types[0] == DATE else "text" if obj.types[0] in TEXT_TYPES else "entity",
            "slots": [p.name for p in holders if p.name not in {"subject", "object"}] or None,
            "anchor": nodes[0].name,
        }
        # slots of entity type only match entities of that type
        for p in holders:
            if p.name not in {"subject", "object"} and p.types[0] in ENTITY_LABELS:
                node = next(n for n in nodes if n.name == p.name)
                node.attrs["ENT_TYPE"] = p.types[0] if len(p.types) == 1 else {"IN": list(p.types)}
        forms: list[tuple[str, list[_Node]]] = [("parsed", nodes)]
        voice = _voice(nodes)
        if voice is not None:
            kind, agent, patient = voice
            if kind == "active" and agent is not None and patient is not None:
                forms = [("active", nodes), ("passive", _to_passive(nodes, agent, patient))]
                forms.append(("participle", _to_participle(forms[1][1], patient)))
            elif kind == "passive":
                forms = [("passive", nodes)]
                if agent is not None:
                    forms.append(("active", _to_active(nodes, agent, patient)))
                forms.append(("participle", _to_participle(nodes, patient)))
        out: list[tuple[str, list[dict[str, Any]], float, dict[str, Any]]] = []
        for name, form in forms:
            anchor = form[0].name
            out.append((name, [n.as_dict() for n in form], 1.0, {**kinds, "anchor": anchor}))
            for role in ("subject", "object"):
                for depth in range(1, MAX_LIST_DEPTH + 1):
                    listed = _in_list(form, role, depth)
                    if listed is not None:
                        nodes_out = [n.as_dict() for n in listed]
                        out.append((f"{name}+{role}_list{depth}", nodes_out, CONJ_FACTOR, {**kinds, "anchor": anchor}))
        return out


def _common_ancestor(tokens: list[Token], where: str) -> Token:
    chains = [[t, *t.ancestors] for t in tokens]
    for candidate in chains[0]:
        if all(candidate in chain for chain in chains[1:]):
            return candidate
    raise PatternError(f"{where}: the placeholders are not in one sentence of the template's parse")


def _word_attrs(tok: Token) -> dict[str, Any]:
    if tok.pos_ in FUNCTION_POS or tok.dep_ in FUNCTION_DEPS:
        return {"LOWER": tok.lower_}
    return {"LEMMA": tok.lemma_}


def _dep_attr(dep: str) -> str | dict[str, list[str]]:
    alternatives = DEP_ALTERNATIVES.get(dep)
    return {"IN": list(alternatives)} if alternatives else dep


def _tree(top: Token, placeholders: Mapping[str, Token], where: str) -> list[_Node]:
    """Nodes for the paths from each placeholder up to ``top``, parents first."""
    role_of = {t.i: name for name, t in placeholders.items()}
    needed: set[int] = {top.i}
    for tok in placeholders.values():
        t = tok
        while t.i != top.i:
            needed.add(t.i)
            t = t.head
    # a verb's particle is part of it ("took over", "stepped down")
    for i in list(needed):
        tok = top.doc[i]
        if tok.i not in role_of:
            needed.update(c.i for c in tok.children if c.dep_ == "prt")
    names: dict[int, str] = {}
    used: set[str] = set(placeholders)

    def name_of(tok: Token) -> str:
        if tok.i in role_of:
            return role_of[tok.i]
        if tok.i == top.i:
            base = "verb" if tok.pos_ in {"VERB", "AUX"} else "head"
        else:
            base = re.sub(r"\W", "_", tok.lower_) or "word"
        candidate, k = base, 2
        while candidate in used:
            candidate, k = f"{base}{k}", k + 1
        used.add(candidate)
        return candidate

    nodes: list[_Node] = []
    queue = [top]
    while queue:
        tok = queue.pop(0)
        names[tok.i] = name_of(tok)
        if tok.i == top.i:
            attrs = {} if tok.i in role_of else _word_attrs(tok)
            nodes.append(_Node(names[tok.i], None, "", attrs))
        else:
            attrs = {"DEP": _dep_attr(tok.dep_)}
            if tok.i not in role_of:
                attrs.update(_word_attrs(tok))
            nodes.append(_Node(names[tok.i], names[tok.head.i], ">", attrs))
        queue.extend(c for c in tok.children if c.i in needed)
    if not any(n.attrs.get("LEMMA") or n.attrs.get("LOWER") for n in nodes):
        raise PatternError(
            f'{where}: the placeholders are joined by no word of the template ("{{ORG}} {{ORG}}" '
            "would match any two names): write the words that state the relation"
        )
    return nodes


def _voice(nodes: list[_Node]) -> tuple[str, str | None, str | None] | None:
    """("active"|"passive", agent argument, patient argument) when the top node is a verb
    with the subject or object as its direct arguments; None otherwise."""
    top = nodes[0]
    if top.name != "verb":
        return None
    children = {n.name: n for n in nodes if n.parent == top.name}
    deps = {name: n.attrs.get("DEP") for name, n in children.items()}
    args = ("subject", "object")
    agent = next((a for a in args if deps.get(a) == "nsubj"), None)
    if agent is not None:
        patient = next((a for a in args if a != agent and deps.get(a) == "dobj"), None)
        return "active", agent, patient
    patient = next((a for a in args if deps.get(a) == "nsubjpass"), None)
    if patient is None:
        return None
    by = next((n for n in nodes if n.parent == top.name and n.attrs.get("DEP") == "agent"), None)
    passive_agent = None
    if by is not None:
        passive_agent = next(
            (n.name for n in nodes if n.parent == by.name and n.name in args and n.name != patient), None
        )
    return "passive", passive_agent, patient


def _copy(nodes: list[_Node]) -> list[_Node]:
    return [_Node(n.name, n.parent, n.op, dict(n.attrs)) for n in nodes]


def _to_passive(nodes: list[_Node], agent: str, patient: str) -> list[_Node]:
    out = _copy(nodes)
    for n in out:
        if n.name == patient:
            n.attrs["DEP"] = "nsubjpass"
    i = next(k for k, n in enumerate(out) if n.name == agent)
    by = _Node(_fresh("by", out), "verb", ">", {"DEP": "agent", "LOWER": "by"})
    out[i] = _Node(agent, by.name, ">", {**out[i].attrs, "DEP": "pobj"})
    out.insert(i, by)
    return out


def _to_active(nodes: list[_Node], agent: str, patient: str | None) -> list[_Node]:
    out = _copy(nodes)
    agent_node = next(n for n in out if n.name == agent)
    by_name = agent_node.parent
    out = [n for n in out if n.name != by_name]
    agent_node.parent, agent_node.attrs["DEP"] = "verb", "nsubj"
    for n in out:
        if n.name == patient:
            n.attrs["DEP"] = "dobj"
    return _parents_first(out)


def _to_participle(nodes: list[_Node], patient: str | None) -> list[_Node]:
    """ "Y, acquired by X, ...": the passive participle hangs on the noun it describes."""
    out = _copy(nodes)
    verb = out[0]
    verb.attrs.update({"DEP": "acl", "TAG": "VBN"})
    if patient is None:
        return out
    k = next(i for i, n in enumerate(out) if n.name == patient)
    noun = out.pop(k)
    out.insert(1, _Node(noun.name, "verb", "<", {}))
    return out


def _in_list(nodes: list[_Node], role: str, depth: int) -> list[_Node] | None:
    """The argument ``role`` as the ``depth``-th further member of a list: "Y, Z and W"."""
    k = next(i for i, n in enumerate(nodes) if n.name == role)
    node = nodes[k]
    if k == 0 or node.op != ">" or any(n.parent == role for n in nodes):
        return None
    out = _copy(nodes)
    first = _fresh(f"{role}_first", out)
    out[k] = _Node(first, node.parent, node.op, dict(node.attrs))
    parent = first
    for step in range(1, depth + 1):
        name = role if step == depth else _fresh(f"{role}_conj{step}", out)
        out.append(_Node(name, parent, ">", {"DEP": "conj"}))
        parent = name
    return out


def _fresh(base: str, nodes: list[_Node]) -> str:
    names = {n.name for n in nodes}
    candidate, k = base, 2
    while candidate in names:
        candidate, k = f"{base}{k}", k + 1
    return candidate


def _parents_first(nodes: list[_Node]) -> list[_Node]:
    out: list[_Node] = []
    placed: set[str] = set()
    pending = list(nodes)
    while pending:
        for n in pending:
            if n.parent is None or n.parent in placed:
                out.append(n)
                placed.add(n.name)
                pending.remove(n)
                break
        else:  # pragma: no cover - a cycle cannot come from a parse tree
            raise PatternError("internal: pattern nodes form no tree")
    return out


def custom_patterns(records: Iterable[tuple[Mapping[str, Any], str]], nlp: Language | None) -> list[Pattern]:
    """Patterns from custom records (template records need ``nlp`` to parse the template)."""
    compiler = TemplateCompiler(nlp) if nlp is not None else None
    out: list[Pattern] = []
    counts: dict[str, int] = {}  # records of each relation so far, to number those without an id
    for record, where in records:
        if not isinstance(record, Mapping):
            raise PatternError(f"{where}: a record is a JSON object, not {type(record).__name__}")
        name = str(record.get("relation"))
        counts[name] = counts.get(name, 0) + 1
        if "id" not in record:
            record = {**record, "id": f"{name}.{counts[name]}"}
        if "template" in record or "templates" in record:
            if compiler is None:
                raise PatternError(f"{where}: a template needs the spaCy pipeline to parse it")
            out.extend(compiler.patterns(record, where))
            continue
        if "pattern" not in record:
            raise PatternError(f"{where}: a custom record has a 'template' or a 'pattern'")
        unknown = set(record) - KNOWN_KEYS
        if unknown:
            raise PatternError(
                f"{where}: unknown key(s) {sorted(unknown)}; known: {sorted(KNOWN_KEYS | TEMPLATE_KEYS)}"
            )
        pattern = parse_pattern(dict(record), where, custom=True)
        out.append(pattern)
        variant = conj_variant(pattern)
        if variant is not None:
            out.append(variant)
    return out


def has_templates(records: Iterable[tuple[Mapping[str, Any], str]]) -> bool:
    """Whether any record is a template (whose patterns need the loaded pipeline's parse)."""
    return any("template" in r or "templates" in r for r, _where in records)


def check_records(records: Iterable[tuple[Mapping[str, Any], str]]) -> None:
    """Every check of ``custom_patterns`` that needs no parse: templates' placeholders and
    names, and patterns in full (for a component whose model weights are not loaded yet)."""
    custom_patterns([(r, w) for r, w in records if "template" not in r and "templates" not in r], None)
    for record, where in records:
        if "template" in record or "templates" in record:
            check_template_record(record, where)


def read_records(path: str | Path) -> Iterator[tuple[dict[str, Any], str]]:
    """The records of a custom JSONL file with ``file:line`` for their errors; blank lines
    and ``#`` or ``//`` comments are skipped."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise PatternError(f"cannot read pattern file {path}: {e.strerror or e}") from None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "//")):
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(stripped)
        except json.JSONDecodeError as e:
            raise PatternError(f"{where}: not valid JSON: {e.msg}") from None
        if not isinstance(record, dict):
            raise PatternError(f"{where}: a record is a JSON object, not {type(record).__name__}")
        yield record, where


def relation_records(
    relations: Sequence[Relation | Mapping[str, Any]], files: Sequence[str | Path]
) -> list[tuple[Mapping[str, Any], str]]:
    """Every custom record of ``relations`` (objects or record dicts) and ``files``."""
    out: list[tuple[Mapping[str, Any], str]] = []
    for n, rel in enumerate(relations, 1):
        if isinstance(rel, Relation):
            out.extend(rel.records())
        elif isinstance(rel, Mapping):
            text = rel.get("template") or rel.get("id") or n
            out.append((rel, f"custom relation {rel.get('relation')!r} ({text})"))
        else:
            raise PatternError(f"custom relation {n}: a factx.Relation or a record dict, not {type(rel).__name__}")
    for f in files:
        out.extend(read_records(f))
    return out
