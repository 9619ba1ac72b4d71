"""Result types: plain frozen data, standard library only.

Everything factx returns is built from these classes. They hold strings and character
offsets into the input text, never spaCy objects, so they pickle, cross process
boundaries and serialize to the ``factx/1`` schema (``shared/spec/output.md``) with
``to_dict()``; ``from_dict()`` reads that schema back. ``Failure`` stands in for an
``Extraction`` that ``Extractor.pipe(errors="return")`` could not make; ``Document``, the
one input type, is a text with its own reference date and id for ``Extractor.pipe``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .errors import SchemaError

SCHEMA = "factx/1"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity: ``text == document[start:end]``."""

    start: int
    end: int
    text: str
    kind: str | None = None  # "pronoun" when a pronoun was resolved to the entity

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.kind is not None:
            d["kind"] = self.kind
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        return cls(start=d["start"], end=d["end"], text=d["text"], kind=d.get("kind"))


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world entity of the document, after merging its spellings."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    explanation: dict[str, Any] | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }
        if self.explanation is not None:
            d["explanation"] = self.explanation
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(
            id=d["id"],
            name=d["name"],
            label=d["label"],
            aliases=tuple(d.get("aliases", ())),
            mentions=tuple(Mention.from_dict(m) for m in d.get("mentions", ())),
            explanation=d.get("explanation"),
        )


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression with its TIMEX3 value (None when it cannot be placed)."""

    start: int
    end: int
    text: str
    value: str | None
    granularity: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "granularity": self.granularity,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DateMention:
        return cls(
            start=d["start"],
            end=d["end"],
            text=d["text"],
            value=d.get("value"),
            granularity=d.get("granularity"),
        )


@dataclass(frozen=True, slots=True)
class Span:
    """A character span of the document, e.g. a fact's evidence."""

    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(start=d["start"], end=d["end"])


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A fact's time qualifier: a normalized value and, when the text says it, its span."""

    value: str | None
    text: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TimeValue:
        return cls(value=d.get("value"), text=d.get("text"), start=d.get("start"), end=d.get("end"))


@dataclass(frozen=True, slots=True)
class FactObject:
    """A fact's object: an entity id, or a literal with its span."""

    entity: str | None = None
    literal: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None

    def __post_init__(self) -> None:
        if (self.entity is None) == (self.literal is None):
            raise ValueError("a fact object is either an entity id or a literal")

    def to_dict(self) -> dict[str, Any]:
        if self.entity is not None:
            return {"entity": self.entity}
        return {"literal": self.literal, "text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FactObject:
        if "entity" in d:
            return cls(entity=d["entity"])
        return cls(literal=d["literal"], text=d.get("text"), start=d.get("start"), end=d.get("end"))


@dataclass(frozen=True, slots=True)
class Fact:
    """``subject relation object``, with its qualifiers and evidence."""

    subject: str
    relation: str
    object: FactObject
    evidence: Span
    confidence: float
    negated: bool = False
    time: TimeValue | None = None
    predicate: str | None = None  # open facts only: the verb, or a custom relation's name
    attributed_to: str | None = None  # who states it (entity id or words), when not the narrator
    support: int = 1  # how many sentences state the fact
    inferred: bool = False  # inferred from other facts (containment chains), not stated
    custom: bool = False  # an open fact of a user's relation, named in ``predicate``
    slots: tuple[tuple[str, FactObject], ...] = ()  # further words a custom relation captures
    explanation: dict[str, Any] | None = field(default=None, compare=False)

    @property
    def name(self) -> str:
        """The relation as a user reads it: a custom relation's name, else ``relation``."""
        return self.predicate if self.custom and self.predicate else self.relation

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "subject": self.subject,
            "relation": self.relation,
            "object": self.object.to_dict(),
            "time": self.time.to_dict() if self.time is not None else None,
            "negated": self.negated,
            "confidence": self.confidence,
            "evidence": self.evidence.to_dict(),
            "support": self.support,
        }
        if self.inferred:
            d["inferred"] = True
        if self.predicate is not None:
            d["predicate"] = self.predicate
        if self.custom:
            d["custom"] = True
        if self.slots:
            d["slots"] = {name: value.to_dict() for name, value in self.slots}
        if self.attributed_to is not None:
            d["attributed_to"] = self.attributed_to
        if self.explanation is not None:
            d["explanation"] = self.explanation
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Fact:
        time = d.get("time")
        return cls(
            subject=d["subject"],
            relation=d["relation"],
            object=FactObject.from_dict(d["object"]),
            evidence=Span.from_dict(d["evidence"]),
            confidence=d["confidence"],
            negated=d.get("negated", False),
            time=TimeValue.from_dict(time) if time is not None else None,
            predicate=d.get("predicate"),
            attributed_to=d.get("attributed_to"),
            support=d.get("support", 1),
            inferred=d.get("inferred", False),
            custom=d.get("custom", False),
            slots=tuple((name, FactObject.from_dict(v)) for name, v in d.get("slots", {}).items()),
            explanation=d.get("explanation"),
        )


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything factx found in one document."""

    entities: tuple[Entity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    facts: tuple[Fact, ...] = ()
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"schema": SCHEMA}
        if self.id is not None:
            d["id"] = self.id
        d["entities"] = [e.to_dict() for e in self.entities]
        d["dates"] = [x.to_dict() for x in self.dates]
        d["facts"] = [f.to_dict() for f in self.facts]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Extraction:
        """The extraction of a ``factx/1`` dict (``to_dict``, a line of ``factx batch``).
        Anything else raises ``SchemaError`` saying where and what is wrong: it is never
        read as an empty extraction."""
        if not isinstance(d, Mapping):
            raise SchemaError(f"a factx/1 extraction is a dict (a JSON object), not {type(d).__name__}")
        if "error" in d and "entities" not in d:
            err = d["error"] if isinstance(d["error"], Mapping) else {}
            raise SchemaError(
                f"record {d.get('id')!r} is an error record of factx batch ({err.get('type')}: "
                f"{err.get('message')}), not an extraction: skip records with an 'error' key"
            )
        schema = d.get("schema", SCHEMA)
        if schema != SCHEMA:
            raise SchemaError(f"unknown schema {schema!r}: this factx reads {SCHEMA!r}")
        missing = [k for k in ("entities", "facts") if k not in d]
        if missing:
            raise SchemaError(
                f"not a factx/1 extraction: no {' and no '.join(repr(k) for k in missing)} key "
                f"(keys: {sorted(map(str, d))}); give the dict of Extraction.to_dict() or a factx batch line"
            )
        return cls(
            entities=_items(d, "entities", Entity.from_dict),
            dates=_items(d, "dates", DateMention.from_dict),
            facts=_items(d, "facts", Fact.from_dict),
            id=d.get("id"),
        )

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id (KeyError if there is none)."""
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a text has no extraction, yielded in its place by ``Extractor.pipe`` with
    ``errors="return"``: ``type`` is the exception's class name (``InputTypeError``,
    ``DocumentTooLargeError``...), ``message`` what it said, ``id`` the document's."""

    type: str
    message: str
    id: str | None = None

    @classmethod
    def of(cls, error: BaseException, *, id: str | None = None) -> Failure:
        return cls(type(error).__name__, str(error) or repr(error), id=id)

    def to_dict(self) -> dict[str, Any]:
        """The shape of ``factx batch``'s error records: ``{"id": ..., "error": {"type":
        ..., "message": ...}}`` (without ``id`` when there is none)."""
        d: dict[str, Any] = {} if self.id is None else {"id": self.id}
        d["error"] = {"type": self.type, "message": self.message}
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Failure:
        err = d.get("error") if isinstance(d, Mapping) else None
        if not isinstance(err, Mapping) or not isinstance(err.get("type"), str):
            raise SchemaError(f"not an error record (no 'error' object with a 'type'): {_abridged(d)}")
        return cls(err["type"], str(err.get("message", "")), id=d.get("id"))


@dataclass(frozen=True, slots=True)
class Document:
    """A text for ``Extractor.pipe`` with its own ``reference_date`` (a ``datetime.date`` or
    an ISO 8601 string; ``None`` takes the one given to ``pipe``) and an ``id``, which its
    ``Extraction`` (or ``Failure``) carries."""

    text: str
    reference_date: dt.date | str | None = None
    id: str | None = None


def _items(d: Mapping[str, Any], key: str, read: Callable[[Any], T]) -> tuple[T, ...]:
    """``read`` of each item of the list ``d[key]``; a wrong shape is a ``SchemaError``
    naming the item (``facts[2]``) and the key or type that is wrong."""
    items = d.get(key, ())
    if not isinstance(items, (list, tuple)):
        raise SchemaError(f"{key} must be a list, not {type(items).__name__}")
    out = []
    for n, item in enumerate(items):
        where = f"{key}[{n}]"
        try:
            out.append(read(item))
        except KeyError as e:
            raise SchemaError(f"{where} has no {e.args[0]!r} key, which factx/1 requires: {_abridged(item)}") from None
        except (TypeError, AttributeError) as e:
            raise SchemaError(f"{where} does not have the factx/1 shape ({e}): {_abridged(item)}") from None
    return tuple(out)


def _abridged(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."
