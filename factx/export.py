"""Exports: ``factx/1`` records to the formats other tools read.

Pure Python over records: an ``Extraction``, or the ``dict`` of one ``factx/1`` line as
``factx batch`` writes it (error records ``{"id": ..., "error": {...}}`` included). The
formats, by name (``FORMATS``):

- ``jsonl``: the records themselves, error records kept;
- ``csv``, ``tsv``: one row per fact (``FACT_COLUMNS``);
- ``parquet``: the same fact rows as a Parquet table (needs pyarrow: ``factx[parquet]``);
- ``ntriples``: RDF N-Triples, facts as direct triples plus reified statements that carry
  the qualifiers (time, confidence, negation, evidence);
- ``graphml``: a directed multigraph of entities and facts (needs networkx: ``factx[graph]``);
- ``entities``, ``entities-csv``, ``entities-parquet``: one row per entity (``ENTITY_COLUMNS``),
  for entity linking.

Every format but Parquet and GraphML is written as the records come; Parquet is written in
row groups of ``PARQUET_ROW_GROUP_ROWS``; GraphML holds the whole graph until ``close``.
Error records are counted (``Counts.errors``) and kept in JSONL; the other formats have
no place for them. The evidence text of a fact is the document's text at the evidence
offsets, so it is filled only where the text is given (``texts=``). See docs/exports.md.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import secrets
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, ClassVar, cast
from urllib.parse import quote

from .errors import ExportError, OutputError
from .types import Extraction

PARQUET_ROW_GROUP_ROWS = 50_000  # rows held in memory before a Parquet row group is written

FACT_COLUMNS: tuple[str, ...] = (
    "document",  # the record's id
    "fact",  # the fact's 0-based index in its record
    "subject_id",
    "subject",  # the subject entity's name
    "subject_label",
    "relation",  # the relation's name: born_in, ...; open for open facts; a custom relation's own name
    "predicate",  # open facts: the verb; a custom relation's name; else empty
    "object_id",  # the object entity's id; empty for a literal object
    "object",  # the object entity's name, or the literal value
    "object_label",  # the object entity's label; empty for a literal
    "time",  # TIMEX3 value of the time qualifier
    "time_text",  # the words the time comes from, when the text says it
    "negated",
    "confidence",
    "support",
    "inferred",
    "attributed_to",
    "evidence_start",
    "evidence_end",
    "evidence",  # the evidence text, when the document's text is given
    "custom",  # a fact of a user's relation (custom_relations.md)
    "slots",  # a custom relation's further slots as a JSON object, {"title": "chairman"}; else empty
)

ENTITY_COLUMNS: tuple[str, ...] = (
    "document",
    "entity",  # the entity's id in its record
    "name",
    "label",
    "aliases",
    "mention_count",  # every mention, pronouns included
    "pronoun_count",  # the mentions that are resolved pronouns
    "first_start",  # offsets of the first mention
    "first_end",
)

# RDF vocabularies. factx's own terms live under URNs: stable names that nobody will try to
# fetch, unlike an http IRI on a domain factx does not own.
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
FX = "urn:factx:vocab#"  # classes (fx:Document, fx:PERSON, ...) and fact qualifiers
REL = "urn:factx:relation#"  # relations: rel:born_in, ...; a custom relation by its own name
SLOT = "urn:factx:slot#"  # a custom relation's slots: <fact> slot:title "chairman"
DOC = "urn:factx:doc:"  # documents; an entity is <doc#e0>, a fact <doc#fact-0>

_TIME_TYPES = (  # TIMEX3 values that are also XML Schema values get that datatype
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "date"),
    (re.compile(r"\d{4}-\d{2}"), "gYearMonth"),
    (re.compile(r"\d{4}"), "gYear"),
)

Record = Extraction | Mapping[str, Any]
"""What an export reads: an ``Extraction``, or a ``factx/1`` record (or error record) dict."""


@dataclass(slots=True)
class Counts:
    """What an export wrote: ``documents`` (records with an extraction), ``errors`` (error
    records: kept in JSONL, skipped elsewhere), ``facts`` and ``entities``."""

    documents: int = 0
    errors: int = 0
    facts: int = 0
    entities: int = 0


# --- reading records ---------------------------------------------------------------------


def as_record(record: Record) -> Mapping[str, Any]:
    """The ``factx/1`` dict of a record (an ``Extraction`` is converted with ``to_dict``)."""
    return record.to_dict() if isinstance(record, Extraction) else record


def is_error(record: Mapping[str, Any]) -> bool:
    """Whether a record is an error record of ``factx batch``."""
    return "error" in record


def read_jsonl(source: str | Path | IO[bytes]) -> Iterator[dict[str, Any]]:
    """The records of a ``factx batch`` JSONL output (a path or a binary stream), one dict
    a line, error records included."""
    if isinstance(source, (str, Path)):
        with open(source, "rb") as f:
            yield from read_jsonl(f)
        return
    name = getattr(source, "name", "the input")
    for number, raw in enumerate(source, start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except ValueError as e:
            raise ExportError(f"{name} line {number} is not JSON ({e}): is it factx batch output?") from e
        if not isinstance(obj, dict) or not ("entities" in obj or "error" in obj):
            raise ExportError(f"{name} line {number} is not a factx/1 record: is it factx batch output?")
        yield obj


def _evidence_text(record: Mapping[str, Any], fact: Mapping[str, Any], text: str | None) -> str | None:
    if text is None:
        return None
    start, end = fact["evidence"]["start"], fact["evidence"]["end"]
    if not 0 <= start <= end <= len(text):
        raise ExportError(
            f"the evidence of a fact of document {json.dumps(record.get('id'))} ({start}:{end}) lies outside its "
            f"text of {len(text)} characters: give the text the record was extracted from"
        )
    return text[start:end]


def fact_rows(record: Record, text: str | None = None) -> list[dict[str, Any]]:
    """One row per fact of a record (``FACT_COLUMNS``; ``[]`` for an error record), with
    Python values: ``None`` for an absent value, ``bool``, ``int``, ``float``, ``str``."""
    rec = as_record(record)
    if is_error(rec):
        return []
    entities = {e["id"]: e for e in rec.get("entities", ())}
    rows = []
    for index, f in enumerate(rec.get("facts", ())):
        subject = entities.get(f["subject"], {})
        obj = f["object"]
        target = entities.get(obj["entity"], {}) if "entity" in obj else None
        time = f.get("time") or {}
        custom = bool(f.get("custom", False))
        slots = {name: _slot_value(value, entities) for name, value in (f.get("slots") or {}).items()}
        rows.append(
            {
                "document": rec.get("id"),
                "fact": index,
                "subject_id": f["subject"],
                "subject": subject.get("name", f["subject"]),
                "subject_label": subject.get("label"),
                # a custom relation is named by its own name, as Fact.name reads it, not "open"
                "relation": (f.get("predicate") or f["relation"]) if custom else f["relation"],
                "predicate": f.get("predicate"),
                "object_id": obj.get("entity"),
                "object": target.get("name", obj["entity"]) if target is not None else obj.get("literal"),
                "object_label": target.get("label") if target is not None else None,
                "time": time.get("value"),
                "time_text": time.get("text"),
                "negated": bool(f.get("negated", False)),
                "confidence": f["confidence"],
                "support": f.get("support", 1),
                "inferred": bool(f.get("inferred", False)),
                "attributed_to": f.get("attributed_to"),
                "evidence_start": f["evidence"]["start"],
                "evidence_end": f["evidence"]["end"],
                "evidence": _evidence_text(rec, f, text),
                "custom": custom,
                "slots": json.dumps(slots, ensure_ascii=False) if slots else None,
            }
        )
    return rows


def _slot_value(value: Mapping[str, Any], entities: Mapping[str, Mapping[str, Any]]) -> Any:
    """A slot as a table cell shows it: the entity's name, or the literal."""
    if value.get("entity") is not None:
        return entities.get(value["entity"], {}).get("name", value["entity"])
    return value.get("literal")


def entity_rows(record: Record) -> list[dict[str, Any]]:
    """One row per entity of a record (``ENTITY_COLUMNS``; ``[]`` for an error record):
    its canonical name, label, aliases and how often the text mentions it."""
    rec = as_record(record)
    if is_error(rec):
        return []
    rows = []
    for e in rec.get("entities", ()):
        mentions = e.get("mentions", ())
        first = min(mentions, key=lambda m: m["start"]) if mentions else None
        rows.append(
            {
                "document": rec.get("id"),
                "entity": e["id"],
                "name": e["name"],
                "label": e["label"],
                "aliases": list(e.get("aliases", ())),
                "mention_count": len(mentions),
                "pronoun_count": sum(1 for m in mentions if m.get("kind") == "pronoun"),
                "first_start": first["start"] if first else None,
                "first_end": first["end"] if first else None,
            }
        )
    return rows


# --- identifiers -----------------------------------------------------------------------


def _quote(value: object) -> str:
    # errors="replace": a lone surrogate (from a "\ud800" escape in JSON) cannot be UTF-8
    return quote(str(value), safe="", errors="replace")


def document_iri(record_id: object, position: int) -> str:
    """The IRI of a document: from its id when it has one, else from its 1-based position
    in the export (``urn:factx:doc:@3``), which is stable only for the same input."""
    return f"{DOC}{_quote(record_id)}" if record_id is not None else f"{DOC}@{position}"


def entity_iri(record_id: object, position: int, entity_id: str) -> str:
    """The IRI of an entity: its document's IRI and its id, ``urn:factx:doc:news-1#e0``."""
    return f"{document_iri(record_id, position)}#{_quote(entity_id)}"


# --- writers -------------------------------------------------------------------------------


class Writer:
    """Writes records to a stream in one format; ``close()`` (or the end of a ``with``
    block) finishes the output. ``write(record, text)`` takes the document's text, when
    known, for the evidence text. The stream is not closed."""

    name: ClassVar[str] = ""
    binary: ClassVar[bool] = False  # needs a binary stream (Parquet, GraphML)

    def __init__(self, out: IO[bytes] | IO[str]) -> None:
        self.counts = Counts()
        self._position = 0
        self._wrapper: io.TextIOWrapper | None = None
        if isinstance(out, io.TextIOBase):
            if self.binary:
                raise ExportError(f"the {self.name} format is binary: give a file opened 'wb', not a text stream")
            self._text: IO[str] = cast(IO[str], out)
        elif self.binary:
            self._bytes = cast(IO[bytes], out)
        else:
            # newline="": the csv module writes its own line ends; "replace": a lone
            # surrogate from the input must not stop a long run at its last step
            self._wrapper = io.TextIOWrapper(
                cast(IO[bytes], out), encoding="utf-8", errors="replace", newline="", write_through=True
            )
            self._text = self._wrapper

    def write(self, record: Record, text: str | None = None) -> None:
        """Add one record (an ``Extraction`` or a ``factx/1`` dict) to the output."""
        rec = as_record(record)
        self._position += 1
        if is_error(rec):
            self.counts.errors += 1
            self._write_error(rec)
            return
        self.counts.documents += 1
        self.counts.facts += len(rec.get("facts", ()))
        self.counts.entities += len(rec.get("entities", ()))
        self._write(rec, text)

    def close(self) -> None:
        """Finish the output (a Parquet footer, the whole GraphML) and flush it."""
        self._finish()
        if self._wrapper is not None:
            self._wrapper.flush()
            self._wrapper.detach()  # the caller's stream stays open
            self._wrapper = None

    def __enter__(self) -> Writer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.close()
            return
        # the output is incomplete anyway: release the stream, and let the first error through
        with suppress(Exception):
            self.close()

    def _write(self, record: Mapping[str, Any], text: str | None) -> None:
        raise NotImplementedError

    def _write_error(self, record: Mapping[str, Any]) -> None:
        """Error records have no rows: counted only."""

    def _finish(self) -> None:
        """Nothing to finish for a format written as it goes."""


def _json_line(obj: Mapping[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


class JsonlWriter(Writer):
    """``factx/1`` records, one a line, error records kept: what ``factx batch`` writes."""

    name = "jsonl"

    def _write(self, record: Mapping[str, Any], text: str | None) -> None:
        self._text.write(_json_line(record))

    def _write_error(self, record: Mapping[str, Any]) -> None:
        self._text.write(_json_line(record))


def _cell(value: Any) -> str:
    """A value as CSV text: empty for None, ``true``/``false``, a list as a JSON array."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class _DelimitedWriter(Writer):
    """Rows of ``columns`` through the csv module: a header, then quoted where needed."""

    columns: ClassVar[tuple[str, ...]] = FACT_COLUMNS
    dialect: ClassVar[type[csv.Dialect]] = csv.excel

    def __init__(self, out: IO[bytes] | IO[str]) -> None:
        super().__init__(out)
        self._csv = csv.writer(self._text, dialect=self.dialect)
        self._csv.writerow(self.columns)

    def _rows(self, record: Mapping[str, Any], text: str | None) -> list[dict[str, Any]]:
        return fact_rows(record, text)

    def _write(self, record: Mapping[str, Any], text: str | None) -> None:
        self._csv.writerows([_cell(row[c]) for c in self.columns] for row in self._rows(record, text))


class CsvWriter(_DelimitedWriter):
    """Facts as CSV (RFC 4180 quoting, ``\\r\\n`` line ends, as the csv module writes)."""

    name = "csv"


class TsvWriter(_DelimitedWriter):
    """Facts as tab-separated values; a field holding a tab, a newline or a quote is quoted."""

    name = "tsv"
    dialect = csv.excel_tab


class EntityJsonlWriter(Writer):
    """Entities, one JSON object a line (``ENTITY_COLUMNS``)."""

    name = "entities"

    def _write(self, record: Mapping[str, Any], text: str | None) -> None:
        for row in entity_rows(record):
            self._text.write(_json_line(row))


class EntityCsvWriter(_DelimitedWriter):
    """Entities as CSV; ``aliases`` is a JSON array."""

    name = "entities-csv"
    columns = ENTITY_COLUMNS

    def _rows(self, record: Mapping[str, Any], text: str | None) -> list[dict[str, Any]]:
        return entity_rows(record)


def _missing(module: str, extra: str, fmt: str, error: ImportError) -> ExportError:
    return ExportError(f"the {fmt} format needs {module}, which is not installed: pip install 'factx[{extra}]'")


def _pyarrow(fmt: str) -> tuple[Any, Any]:
    """pyarrow and pyarrow.parquet, or the error that says which extra installs them."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as e:
        raise _missing("pyarrow", "parquet", fmt, e) from e
    return pyarrow, pyarrow.parquet


def _networkx(fmt: str) -> Any:
    """networkx, or the error that says which extra installs it."""
    try:
        import networkx
    except ImportError as e:
        raise _missing("networkx", "graph", fmt, e) from e
    return networkx


class _ParquetWriter(Writer):
    """Rows written to Parquet in row groups of ``PARQUET_ROW_GROUP_ROWS``: memory stays flat."""

    binary = True
    columns: ClassVar[tuple[str, ...]] = FACT_COLUMNS

    def __init__(self, out: IO[bytes] | IO[str]) -> None:
        super().__init__(out)
        pa, pq = _pyarrow(self.name)
        self._pa = pa
        self._schema = pa.schema([(c, self._type(pa, c)) for c in self.columns])
        self._parquet = pq.ParquetWriter(self._bytes, self._schema)
        self._buffer: list[dict[str, Any]] = []

    @staticmethod
    def _type(pa: Any, column: str) -> Any:
        types = {
            "fact": pa.int32(),
            "negated": pa.bool_(),
            "inferred": pa.bool_(),
            "custom": pa.bool_(),
            "confidence": pa.float64(),
            "support": pa.int32(),
            "evidence_start": pa.int64(),
            "evidence_end": pa.int64(),
            "aliases": pa.list_(pa.string()),
            "mention_count": pa.int32(),
            "pronoun_count": pa.int32(),
            "first_start": pa.int64(),
            "first_end": pa.int64(),
        }
        return types.get(column, pa.string())

    def _rows(self, record: Mapping[str, Any], text: str | None) -> list[dict[str, Any]]:
        return fact_rows(record, text)

    def _write(self, record: Mapping[str, Any], text: str | None) -> None:
        for row in self._rows(record, text):
            # one column type for ids: a record id may be a string or an integer in JSON
            doc = row["document"]
            self._buffer.append({**row, "document": None if doc is None else str(doc)})
        while len(self._buffer) >= PARQUET_ROW_GROUP_ROWS:
            self._flush(PARQUET_ROW_GROUP_ROWS)

    def _flush(self, rows: int) -> None:
        if self._buffer:
            group, self._buffer = self._buffer[:rows], self._buffer[rows:]
            self._parquet.write_table(self._pa.Table.from_pylist(group, schema=self._schema))

    def _finish(self) -> None:
        self._flush(len(self._buffer))
        self._parquet.close()
        self._bytes.flush()


class ParquetWriter(_ParquetWriter):
    """Facts as a Parquet table (``FACT_COLUMNS``); needs pyarrow."""

    name = "parquet"


class EntityParquetWriter(_ParquetWriter):
    """Entities as a Parquet table (``ENTITY_COLUMNS``, ``aliases`` a list); needs pyarrow."""

    name = "entities-parquet"
    columns = ENTITY_COLUMNS

    def _rows(self, record: Mapping[str, Any], text: str | None) -> list[dict[str, Any]]:
        return entity_rows(record)


def _iri(value: str) -> str:
    return f"<{value}>"


def _literal(value: object, datatype: str | None = None) -> str:
    s = str(value)
    # N-Triples: backslash, quote and line ends must be escaped; the rest may stay UTF-8
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{s}"^^<{XSD}{datatype}>' if datatype else f'"{s}"'


def _time_literal(value: str) -> str:
    for pattern, datatype in _TIME_TYPES:
        if pattern.fullmatch(value):
            return _literal(value, datatype)
    return _literal(value)  # 2023-W18, 199X, PRESENT_REF: TIMEX3 only


class NTriplesWriter(Writer):
    """RDF N-Triples. Each entity is typed by its label (``fx:PERSON``) with ``rdfs:label``,
    ``skos:altLabel`` aliases and ``fx:mentionCount``. Each fact that is not negated is a
    direct triple ``<subject> rel:relation <object>`` (so a plain graph query finds it),
    and every fact is a reified ``rdf:Statement`` carrying its qualifiers. A negated fact
    is only a statement with ``fx:negated true``: asserting its triple would say the opposite."""

    name = "ntriples"

    def _triple(self, s: str, p: str, o: str) -> None:
        self._text.write(f"{s} {p} {o} .\n")

    def _write(self, record: Mapping[str, Any], text: str | None) -> None:
        rid, pos = record.get("id"), self._position
        doc = _iri(document_iri(rid, pos))
        t = self._triple
        t(doc, _iri(RDF + "type"), _iri(FX + "Document"))
        if rid is not None:
            t(doc, _iri(FX + "documentId"), _literal(rid))
        for e in entity_rows(record):
            node = _iri(entity_iri(rid, pos, e["entity"]))
            t(node, _iri(RDF + "type"), _iri(FX + _quote(e["label"])))
            t(node, _iri(RDFS + "label"), _literal(e["name"]))
            for alias in e["aliases"]:
                t(node, _iri(SKOS + "altLabel"), _literal(alias))
            t(node, _iri(FX + "mentionCount"), _literal(e["mention_count"], "integer"))
            t(node, _iri(FX + "document"), doc)
        for row in fact_rows(record, text):
            subject = _iri(entity_iri(rid, pos, row["subject_id"]))
            predicate = _iri(REL + _quote(row["relation"]))
            if row["object_id"] is not None:
                obj = _iri(entity_iri(rid, pos, row["object_id"]))
            else:
                obj = _literal(row["object"])
            if not row["negated"]:
                t(subject, predicate, obj)
            fact = _iri(f"{document_iri(rid, pos)}#fact-{row['fact']}")
            t(fact, _iri(RDF + "type"), _iri(RDF + "Statement"))
            t(fact, _iri(RDF + "subject"), subject)
            t(fact, _iri(RDF + "predicate"), predicate)
            t(fact, _iri(RDF + "object"), obj)
            t(fact, _iri(FX + "negated"), _literal("true" if row["negated"] else "false", "boolean"))
            t(fact, _iri(FX + "confidence"), _literal(repr(float(row["confidence"])), "double"))
            t(fact, _iri(FX + "support"), _literal(row["support"], "integer"))
            if row["inferred"]:
                t(fact, _iri(FX + "inferred"), _literal("true", "boolean"))
            if row["custom"]:
                t(fact, _iri(FX + "custom"), _literal("true", "boolean"))
            facts = record.get("facts", ())
            for name, value in (facts[row["fact"]].get("slots") or {}).items():
                slot = (
                    _iri(entity_iri(rid, pos, value["entity"]))
                    if value.get("entity") is not None
                    else _literal(value.get("literal"))
                )
                t(fact, _iri(SLOT + _quote(name)), slot)
            if row["predicate"] is not None:
                t(fact, _iri(FX + "predicate"), _literal(row["predicate"]))
            if row["time"] is not None:
                t(fact, _iri(FX + "time"), _time_literal(row["time"]))
            if row["time_text"] is not None:
                t(fact, _iri(FX + "timeText"), _literal(row["time_text"]))
            attributed = row["attributed_to"]
            if attributed is not None:
                known = any(e["id"] == attributed for e in record.get("entities", ()))
                who = _iri(entity_iri(rid, pos, attributed)) if known else _literal(attributed)
                t(fact, _iri(FX + "attributedTo"), who)
            t(fact, _iri(FX + "evidenceStart"), _literal(row["evidence_start"], "integer"))
            t(fact, _iri(FX + "evidenceEnd"), _literal(row["evidence_end"], "integer"))
            if row["evidence"] is not None:
                t(fact, _iri(FX + "evidence"), _literal(row["evidence"]))
            t(fact, _iri(FX + "document"), doc)


def to_graph(records: Iterable[Record], *, texts: Iterable[str | None] | None = None) -> Any:
    """A ``networkx.MultiDiGraph`` of the records: a node per entity (and per literal
    object), an edge per fact. Node ids are the entity IRIs of the N-Triples export, edge
    keys its fact IRIs. Needs networkx."""
    graph = _GraphBuilder()
    for record, text in _with_texts(records, texts):
        graph.add(as_record(record), text)
    return graph.graph


# Characters XML 1.0 cannot hold, even escaped: C0 controls but tab and line breaks,
# lone surrogates, U+FFFE and U+FFFF. A text may hold them (factx reads them as spaces).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(value: Any) -> Any:
    """A string as GraphML can hold it: each character XML forbids becomes U+FFFD, one
    character for one, so that offsets into the evidence stay right. Other values as given."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


class _GraphBuilder:
    def __init__(self) -> None:
        nx = _networkx("graphml")
        self.graph = nx.MultiDiGraph()
        self._position = 0

    def add(self, record: Mapping[str, Any], text: str | None) -> None:
        self._position += 1
        if is_error(record):
            return
        rid, pos = record.get("id"), self._position
        document = _xml_text("" if rid is None else str(rid))
        for e in entity_rows(record):
            e = {k: _xml_text(v) for k, v in e.items()}
            self.graph.add_node(
                entity_iri(rid, pos, e["entity"]),
                kind="entity",
                document=document,
                entity=e["entity"],
                name=e["name"],
                label=e["label"],
                aliases=_xml_text(json.dumps(e["aliases"], ensure_ascii=False)),  # GraphML has no list type
                mention_count=e["mention_count"],
            )
        for row in fact_rows(record, text):
            row = {k: _xml_text(v) for k, v in row.items()}
            source = entity_iri(rid, pos, row["subject_id"])
            if row["object_id"] is not None:
                target = entity_iri(rid, pos, row["object_id"])
            else:
                target = f"{document_iri(rid, pos)}#literal-{_quote(row['object'])}"
                self.graph.add_node(target, kind="literal", document=document, name=str(row["object"]))
            # GraphML has no null: an absent value is an absent attribute
            attrs = {
                k: row[k]
                for k in (
                    "relation",
                    "negated",
                    "confidence",
                    "support",
                    "inferred",
                    "evidence_start",
                    "evidence_end",
                    "custom",
                )
            }
            attrs.update(
                {k: row[k] for k in ("predicate", "time", "time_text", "evidence", "slots") if row[k] is not None}
            )
            if row["attributed_to"] is not None:
                attrs["attributed_to"] = str(row["attributed_to"])
            # the key is the fact's IRI: GraphML wants edge ids unique across the whole file
            key = f"{document_iri(rid, pos)}#fact-{row['fact']}"
            self.graph.add_edge(source, target, key=key, document=document, fact=row["fact"], **attrs)


class GraphmlWriter(Writer):
    """GraphML via networkx: the graph of ``to_graph``, held in memory until ``close``."""

    name = "graphml"
    binary = True

    def __init__(self, out: IO[bytes] | IO[str]) -> None:
        super().__init__(out)
        self._graph = _GraphBuilder()

    def _write(self, record: Mapping[str, Any], text: str | None) -> None:
        self._graph.add(record, text)

    def _finish(self) -> None:
        from networkx.readwrite.graphml import GraphMLWriter

        class XsdBooleanWriter(GraphMLWriter):
            """networkx writes booleans as Python's True/False, which is not xsd:boolean:
            yEd and the Java reference reader reject or misread it (networkx#8759)."""

            def add_data(
                self, name: str, element_type: type, value: Any, scope: str = "all", default: Any = None
            ) -> Any:
                element = super().add_data(name, element_type, value, scope, default)
                if element_type is bool:  # value arrives as str(value): "True" or "False"
                    element.text = str(value).lower()
                return element

        # the standard-library writer whether or not lxml is installed, so that booleans are
        # always fixed; keys get ids d0, d1, ... and carry the names in attr.name (named ids
        # would clash where nodes and edges share a name: document)
        writer = XsdBooleanWriter(encoding="utf-8", prettyprint=True)
        writer.add_graph_element(self._graph.graph)
        writer.dump(self._bytes)
        self._bytes.flush()


@dataclass(frozen=True, slots=True)
class Format:
    """An export format: its writer, and whether the writer fills in evidence text."""

    name: str
    writer: type[Writer]
    uses_text: bool = False
    module: str | None = None  # the optional package the writer imports
    extra: str | None = None  # the pip extra that installs it

    @property
    def binary(self) -> bool:
        return self.writer.binary


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("jsonl", JsonlWriter),
        Format("csv", CsvWriter, uses_text=True),
        Format("tsv", TsvWriter, uses_text=True),
        Format("parquet", ParquetWriter, uses_text=True, module="pyarrow", extra="parquet"),
        Format("ntriples", NTriplesWriter, uses_text=True),
        Format("graphml", GraphmlWriter, uses_text=True, module="networkx", extra="graph"),
        Format("entities", EntityJsonlWriter),
        Format("entities-csv", EntityCsvWriter),
        Format("entities-parquet", EntityParquetWriter, module="pyarrow", extra="parquet"),
    )
}
"""The export formats by name, in the order the CLI lists them."""


def get_format(name: str) -> Format:
    """The format ``name``, its optional dependency checked: an unknown name or a missing
    package raises ``ExportError`` saying what to do."""
    fmt = FORMATS.get(name)
    if fmt is None:
        raise ExportError(f"unknown export format {name!r}: choose one of {', '.join(FORMATS)}")
    if fmt.module is not None and not _installed(fmt.module):
        raise ExportError(
            f"the {name} format needs {fmt.module}, which is not installed: pip install 'factx[{fmt.extra}]'"
        )
    return fmt


def _installed(module: str) -> bool:
    """Whether ``module`` can be imported, without importing it: pyarrow starts threads when
    imported, and ``factx batch`` checks the format before it forks its workers."""
    import importlib.util

    if module in sys.modules:
        return sys.modules[module] is not None  # None: imports of it are blocked
    return importlib.util.find_spec(module) is not None


def open_writer(out: IO[bytes] | IO[str], format: str) -> Writer:
    """A ``Writer`` of ``format`` on an open stream (binary; a text stream only for the
    text formats)."""
    return get_format(format).writer(out)


@contextmanager
def replacing(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary file that becomes ``path`` only when the block ends without an exception:
    a failed or interrupted export leaves no half-written file (and an old one untouched).
    A ``path`` that is a device or a pipe (``/dev/stdout``) is written as it is: it cannot
    be replaced. An output that cannot be written raises ``OutputError`` naming ``path``."""
    path = Path(path)
    check_writable(path)
    if path.exists() and not path.is_file():
        with _output_errors(path), open(path, "wb") as f:
            yield f
        return
    # not tempfile.mkstemp: its file is private (0600), this one gets the mode open() gives
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.part")
    try:
        with _output_errors(path):
            f = open(tmp, "xb")  # noqa: SIM115 - closed below, after the caller's block
        with f, _output_errors(path):
            yield f
            f.flush()
            os.fsync(f.fileno())
        with _output_errors(path):
            os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


# errno values that only a write (not a read of the input) gives
_WRITE_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM, errno.EISDIR, errno.EIO}
)


@contextmanager
def _output_errors(path: Path) -> Iterator[None]:
    """An ``OSError`` of writing ``path`` (or its hidden temporary file) as an ``OutputError``
    that names ``path``; other errors (reading an input inside the block) pass unchanged."""
    try:
        yield
    except OutputError:
        raise
    except OSError as e:
        other_file = e.filename is not None and path.name not in Path(os.fsdecode(e.filename)).name
        if e.errno not in _WRITE_ERRNOS or other_file:
            raise
        raise OutputError(f"cannot write {path}: {e.strerror or e}{_ADVICE.get(e.errno or 0, '')}") from None


_ADVICE = {
    errno.ENOSPC: " (free some space, or write elsewhere with -o)",
    errno.EDQUOT: " (free some space, or write elsewhere with -o)",
    errno.EROFS: " (the file system is read-only: write elsewhere with -o)",
    errno.EACCES: " (write elsewhere with -o, or change the permissions)",
}


def check_writable(path: str | Path) -> None:
    """Raise ``OutputError`` now, before any work, if ``path`` cannot be written: it is a
    directory, its directory does not exist, or a file cannot be created there (a probe
    file is made and removed; an existing file is opened for appending and left as it was).
    A full disk shows only when writing, and raises ``OutputError`` then."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a directory (give a file name, e.g. {path / 'out'})")
    if not path.parent.is_dir():
        raise OutputError(f"cannot write {path}: no such directory {path.parent}")
    if path.exists() and not path.is_file():
        return  # a device or a pipe: opening a pipe would wait for its reader
    try:
        if path.exists():
            with open(path, "ab"):
                pass
        else:
            probe = path.with_name(f".{path.name}.{secrets.token_hex(6)}.part")
            with open(probe, "xb"):
                pass
            os.unlink(probe)
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}{_ADVICE.get(e.errno or 0, '')}") from None


def _with_texts(records: Iterable[Record], texts: Iterable[str | None] | None) -> Iterator[tuple[Record, str | None]]:
    if texts is None:
        return ((r, None) for r in records)
    return _zip_texts(records, texts)


def _zip_texts(records: Iterable[Record], texts: Iterable[str | None]) -> Iterator[tuple[Record, str | None]]:
    missing = object()
    text_iter = iter(texts)
    count = 0
    for count, record in enumerate(records, start=1):
        text = next(text_iter, missing)
        if text is missing:
            raise ExportError(f"texts has fewer items than records ({count - 1}): give one text (or None) per record")
        yield record, cast("str | None", text)
    if next(text_iter, missing) is not missing:
        raise ExportError(f"texts has more items than the {count} records: give one text (or None) per record")


def write(
    records: Iterable[Record],
    out: str | Path | IO[bytes] | IO[str],
    *,
    format: str = "jsonl",
    texts: Iterable[str | None] | None = None,
) -> Counts:
    """Write ``records`` to ``out`` (a path, or an open stream) in ``format`` and return
    the counts. ``texts``, one per record in the same order, fill in the evidence text.
    A path is replaced only when the whole export succeeded."""
    return write_pairs(_with_texts(records, texts), out, format=format)


def write_pairs(
    pairs: Iterable[tuple[Record, str | None]], out: str | Path | IO[bytes] | IO[str], *, format: str = "jsonl"
) -> Counts:
    """``write`` for ``(record, text)`` pairs (the text ``None`` where it is not known)."""
    fmt = get_format(format)

    def to_stream(stream: IO[bytes] | IO[str]) -> Counts:
        with fmt.writer(stream) as writer:
            for record, text in pairs:
                writer.write(record, text)
        return writer.counts

    if isinstance(out, (str, Path)):
        with replacing(out) as f:
            return to_stream(f)
    return to_stream(out)


def to_jsonl(records: Iterable[Record], out: str | Path | IO[bytes] | IO[str]) -> Counts:
    """``factx/1`` records as JSONL, error records kept."""
    return write(records, out, format="jsonl")


def to_csv(
    records: Iterable[Record], out: str | Path | IO[bytes] | IO[str], *, texts: Iterable[str | None] | None = None
) -> Counts:
    """Facts as CSV, one row each (``FACT_COLUMNS``)."""
    return write(records, out, format="csv", texts=texts)


def to_tsv(
    records: Iterable[Record], out: str | Path | IO[bytes] | IO[str], *, texts: Iterable[str | None] | None = None
) -> Counts:
    """Facts as TSV, one row each (``FACT_COLUMNS``)."""
    return write(records, out, format="tsv", texts=texts)


def to_parquet(
    records: Iterable[Record], out: str | Path | IO[bytes], *, texts: Iterable[str | None] | None = None
) -> Counts:
    """Facts as a Parquet table (``FACT_COLUMNS``); needs pyarrow."""
    return write(records, out, format="parquet", texts=texts)


def to_ntriples(
    records: Iterable[Record], out: str | Path | IO[bytes] | IO[str], *, texts: Iterable[str | None] | None = None
) -> Counts:
    """Entities and facts as RDF N-Triples."""
    return write(records, out, format="ntriples", texts=texts)


def to_graphml(
    records: Iterable[Record], out: str | Path | IO[bytes], *, texts: Iterable[str | None] | None = None
) -> Counts:
    """Entities and facts as GraphML; needs networkx."""
    return write(records, out, format="graphml", texts=texts)


def to_entities(records: Iterable[Record], out: str | Path | IO[bytes] | IO[str], *, table: str = "jsonl") -> Counts:
    """The entity view (``ENTITY_COLUMNS``) as ``table``: ``jsonl``, ``csv`` or ``parquet``."""
    names = {"jsonl": "entities", "csv": "entities-csv", "parquet": "entities-parquet"}
    if table not in names:
        raise ExportError(f"unknown entity table format {table!r}: choose jsonl, csv or parquet")
    return write(records, out, format=names[table])


__all__ = [
    "ENTITY_COLUMNS",
    "FACT_COLUMNS",
    "FORMATS",
    "PARQUET_ROW_GROUP_ROWS",
    "Counts",
    "ExportError",
    "Format",
    "Writer",
    "as_record",
    "document_iri",
    "entity_iri",
    "entity_rows",
    "fact_rows",
    "get_format",
    "is_error",
    "open_writer",
    "read_jsonl",
    "replacing",
    "to_csv",
    "to_entities",
    "to_graph",
    "to_graphml",
    "to_jsonl",
    "to_ntriples",
    "to_parquet",
    "to_tsv",
    "write",
    "write_pairs",
]
