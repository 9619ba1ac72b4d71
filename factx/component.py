"""spaCy glue: factx as a pipeline component.

``nlp.add_pipe("factx")`` on an English pipeline with a parser and NER runs, on each parsed
``Doc``, the code ``factx.extract`` runs after its parse (``Extractor.extract_doc``), and
stores the ``factx/1`` record on the Doc as plain data (lists of dicts), which survives
``DocBin(store_user_data=True)`` and ``nlp.pipe(n_process=...)``:

* ``Doc._.factx_entities``, ``Doc._.factx_dates``, ``Doc._.factx_facts``: the record's
  ``entities``, ``dates`` and ``facts``; ``None`` until the component has run on the Doc.
* ``Doc._.factx``: the whole record dict, built from the three on each access (not stored
  twice), always with lists where a ``DocBin`` gives the three back with tuples; it equals
  ``factx.extract(text).to_dict()``, and ``factx.Extraction.from_dict`` reads it.
* ``Doc.ents`` is replaced by factx's cleaned, merged and labelled mentions and its dates.
* ``Doc._.factx_reference_date`` (set by the caller, optional): an ISO 8601 date placing
  this Doc's relative dates; it overrides the component's ``reference_date``.

``nlp.add_pipe("factx_line_breaks", first=True)`` starts a sentence after every line break
before the parser runs, as ``factx.extract`` does; with it the component's results equal
``factx.extract``'s for the same text. Both names are registered through the
``spacy_factories`` entry point, so ``spacy.load()`` finds them without ``import factx``.

``nlp.to_disk()`` (and ``nlp.to_bytes()``) stores with the pipeline the content of the files
the component's config names (``extra_patterns``, a ``never_merge``/``always_merge`` path),
and ``spacy.load()`` uses that copy, not the files: a saved pipeline loads where they are not.
The configuration is documented in docs/component.md.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import srsly
from spacy import util
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc
from spacy.util import SimpleFrozenList

from .aliases import MergeSettings, read_name_pairs
from .api import Extractor, parse_reference_date
from .dates import DateSettings
from .errors import FactxError, PatternError, SettingsError
from .relations import FactSettings, inventory
from .relations.custom import check_records, has_templates, read_records, relation_records
from .text import mark_line_breaks
from .types import SCHEMA

RESULT_ATTRS = ("factx_entities", "factx_dates", "factx_facts")
REFERENCE_DATE_ATTR = "factx_reference_date"
# The [merge] settings that also take the path of a file of name pairs.
NAME_PAIR_KEYS = ("never_merge", "always_merge")
# What to_disk writes in the component's folder: the records of the extra_patterns files, and
# the name pairs of the [merge] files with the paths everything was read from.
PATTERNS_FILE = "patterns.jsonl"
SETTINGS_FILE = "settings.json"

log = logging.getLogger("factx")

# The FactSettings fields the component takes as its own top-level settings, not in [facts].
_TOP_LEVEL_FACT_SETTINGS = (
    "relations",
    "open_facts",
    "explain",
    "min_confidence",
    "builtin_relations",
    "custom_relations",
    "extra_patterns",
)

DEFAULT_CONFIG: dict[str, Any] = {
    "relations": None,
    "open_facts": FactSettings.open_facts,
    "explain": FactSettings.explain,
    "min_confidence": FactSettings.min_confidence,
    "builtin_relations": FactSettings.builtin_relations,
    "custom_relations": [],
    "extra_patterns": [],
    "reference_date": None,
    "facts": {},
    "merge": {},
    "dates": {},
}

S = TypeVar("S")


def register_extensions() -> None:
    """Register factx's ``Doc._`` attributes (idempotent). Importing this module does it, so
    ``import factx.component`` is enough to read factx results from a ``DocBin`` in a process
    that has not loaded a pipeline with the component."""
    for name in (*RESULT_ATTRS, REFERENCE_DATE_ATTR):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("factx"):
        Doc.set_extension("factx", getter=_record)


def _record(doc: Doc) -> dict[str, Any] | None:
    entities, found_dates, facts = (getattr(doc._, name) for name in RESULT_ATTRS)
    if entities is None:
        return None
    return {"schema": SCHEMA, "entities": _lists(entities), "dates": _lists(found_dates), "facts": _lists(facts)}


def _lists(value: Any) -> Any:
    """``value`` with every tuple a list: ``DocBin`` reads user data back with tuples for lists."""
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value


class FactxComponent(Pipe):
    """Runs factx's layers (mentions, aliases, dates, facts) on each parsed Doc.

    Build it with ``nlp.add_pipe("factx", config={...})``; the keyword arguments are the
    config keys of docs/component.md. ``extractor`` is the ``factx.Extractor`` around ``nlp``
    whose ``extract_doc`` does the work, with the settings the config gave.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "factx",
        *,
        relations: list[str] | None = None,
        open_facts: bool = FactSettings.open_facts,
        explain: bool = FactSettings.explain,
        min_confidence: float = FactSettings.min_confidence,
        builtin_relations: bool = FactSettings.builtin_relations,
        custom_relations: list[dict[str, Any]] | None = None,
        extra_patterns: list[str] | None = None,
        reference_date: str | None = None,
        facts: Mapping[str, Any] | None = None,
        merge: Mapping[str, Any] | None = None,
        dates: Mapping[str, Any] | None = None,
    ) -> None:
        register_extensions()
        self.name = name
        self.reference_date = parse_reference_date(reference_date)
        records, paths = _records(custom_relations), _paths(extra_patterns)
        # before the model is checked: a bad record is the first thing to fix
        check_records(relation_records(records, []))
        merge = dict(merge or {})
        self._nlp = nlp
        self._sources = _sources(paths, merge)
        self._relation_names = relations
        self._fact_settings = dataclasses.replace(
            _settings(FactSettings, facts or {}, "facts", reserved=_TOP_LEVEL_FACT_SETTINGS),
            open_facts=open_facts,
            explain=explain,
            min_confidence=min_confidence,
            builtin_relations=_typed(builtin_relations, FactSettings.builtin_relations, "builtin_relations"),
            custom_relations=tuple(records),
        )
        self._merge_section = {k: v for k, v in merge.items() if not (k in NAME_PAIR_KEYS and isinstance(v, str))}
        self._date_settings = _settings(DateSettings, dates or {}, "dates")
        # spacy.load() builds the component before from_disk() hands it the copy of these files
        # stored with the pipeline, which is then used instead: a file that is gone or broken
        # here (a pipeline copied to another machine) is an error only if no copy replaces it.
        self._unread: FactxError | None = None
        try:
            files = _read_files(self._sources)
        except FactxError as e:
            files, self._unread = _FileData(), e
        self._configure(files)

    def _configure(self, files: _FileData) -> None:
        """``extractor`` with the config's settings and ``files``, the content of the files
        the config names. While those are unread, relation names are not checked against
        them and nothing is compiled: the component cannot run before they are in."""
        nlp = self._nlp
        custom = relation_records([*self._fact_settings.custom_relations, *files.patterns], [])
        fact_settings = dataclasses.replace(
            self._fact_settings,
            relations=_relations(self._relation_names, custom=None if self._unread is not None else custom),
            custom_relations=tuple(record for record, _where in custom),
        )
        self._files = files
        self.extractor = Extractor(
            nlp,  # checked for a parser and NER here
            merge_settings=_settings(MergeSettings, {**self._merge_section, **files.name_pairs}, "merge"),
            date_settings=self._date_settings,
            fact_settings=fact_settings,
        )
        # Compile the relation patterns now: a bad pattern fails at load time, and worker
        # processes forked by nlp.pipe(n_process=...) inherit the compiled matchers. Templates
        # are parsed with the pipeline, whose weights spacy.load() reads only after building
        # the components: they are checked now and compiled on the first Doc.
        if self._unread is None and not has_templates(custom):
            self.extractor.facts  # noqa: B018

    def __call__(self, doc: Doc) -> Doc:
        if self._unread is not None:
            raise self._unread.with_traceback(None)
        reference = doc._.get(REFERENCE_DATE_ATTR)
        ref = parse_reference_date(reference) if reference is not None else self.reference_date
        result = self.extractor.extract_doc(doc, reference_date=ref)
        doc._.factx_entities = [e.to_dict() for e in result.entities]
        doc._.factx_dates = [d.to_dict() for d in result.dates]
        doc._.factx_facts = [f.to_dict() for f in result.facts]
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = SimpleFrozenList()) -> None:
        """Write the content of the files the config names into the folder ``path``
        (``patterns.jsonl``, ``settings.json``), so the saved pipeline loads without them."""
        patterns, settings = self._stored()
        serializers = {
            PATTERNS_FILE: lambda p: srsly.write_jsonl(p, patterns),
            SETTINGS_FILE: lambda p: srsly.write_json(p, settings),
        }
        util.to_disk(path, serializers, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = SimpleFrozenList()) -> FactxComponent:
        """Use the copy of the config's files that ``to_disk`` wrote in ``path``, not the files."""
        folder = Path(path)
        stored: dict[str, Any] = {}
        # A pipeline saved by an older factx has neither file, nor the folder.
        if (folder / PATTERNS_FILE).exists() and (folder / SETTINGS_FILE).exists():
            deserializers = {
                PATTERNS_FILE: lambda p: stored.update(patterns=list(srsly.read_jsonl(p))),
                SETTINGS_FILE: lambda p: stored.update(settings=srsly.read_json(p)),
            }
            util.from_disk(folder, deserializers, exclude)
        self._restore(stored, where=str(folder / PATTERNS_FILE))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = SimpleFrozenList()) -> bytes:
        """The content of the files the config names, as ``to_disk`` writes it."""
        patterns, settings = self._stored()
        serializers = {"patterns": lambda: srsly.json_dumps(patterns), "settings": lambda: srsly.json_dumps(settings)}
        return util.to_bytes(serializers, exclude)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = SimpleFrozenList()) -> FactxComponent:
        """Use the copy of the config's files in ``bytes_data`` (from ``to_bytes``), not the files."""
        stored: dict[str, Any] = {}
        deserializers = {
            "patterns": lambda b: stored.update(patterns=srsly.json_loads(b)),
            "settings": lambda b: stored.update(settings=srsly.json_loads(b)),
        }
        util.from_bytes(bytes_data, deserializers, exclude)
        self._restore(stored, where="the stored patterns")
        return self

    def _stored(self) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        """What ``to_disk`` and ``to_bytes`` store: the pattern records, and the name pairs
        with the paths everything was read from."""
        if self._unread is not None:
            raise self._unread.with_traceback(None)  # saved without them, it would not load
        return list(self._files.patterns), {"sources": self._sources, "merge": dict(self._files.name_pairs)}

    def _restore(self, stored: Mapping[str, Any], *, where: str) -> None:
        """Rebuild ``extractor`` with ``stored`` (from ``_stored``) for the files' content."""
        if "patterns" not in stored or "settings" not in stored:
            # saved by an older factx: the files must be where the config says, read when built
            if self._unread is not None:
                raise type(self._unread)(
                    f"{self._unread}; the saved pipeline has no copy of the files its factx config names "
                    "(an older factx did not store them), so they are read where the config says: restore "
                    "the file, or give its new path in the config, as in spacy.load(path, config="
                    '{"components": {"factx": {"extra_patterns": ["new/place.jsonl"]}}})'
                ) from None
            return
        patterns = [dict(record) for record in stored["patterns"]]
        check_records([(record, f"{where}, record {n}") for n, record in enumerate(patterns, 1)])
        settings = stored["settings"]
        files = _FileData(tuple(patterns), {key: [list(p) for p in pairs] for key, pairs in settings["merge"].items()})
        if settings["sources"] != self._sources:
            # a config overridden at load time names other files than those stored
            log.warning(
                "the factx component uses the patterns and name pairs stored with the pipeline, read "
                "from %s, not the files its config names now, %s: add the component again to read those",
                settings["sources"],
                self._sources,
            )
        unread, self._unread = self._unread, None
        if unread is not None or files != self._files:
            self._configure(files)


@Language.factory(
    "factx",
    assigns=["doc.ents", *(f"doc._.{name}" for name in RESULT_ATTRS)],
    requires=["doc.ents", "doc.sents", "token.dep", "token.head", "token.lemma"],
    default_config=DEFAULT_CONFIG,
)
def make_factx(
    nlp: Language,
    name: str,
    relations: list[str] | None,
    open_facts: bool,
    explain: bool,
    min_confidence: float,
    builtin_relations: bool,
    custom_relations: list[dict[str, Any]],
    extra_patterns: list[str],
    reference_date: str | None,
    facts: dict[str, Any],
    merge: dict[str, Any],
    dates: dict[str, Any],
) -> FactxComponent:
    """The ``factx`` factory (the ``spacy_factories`` entry point)."""
    return FactxComponent(
        nlp,
        name,
        relations=relations,
        open_facts=open_facts,
        explain=explain,
        min_confidence=min_confidence,
        builtin_relations=builtin_relations,
        custom_relations=custom_relations,
        extra_patterns=extra_patterns,
        reference_date=reference_date,
        facts=facts,
        merge=merge,
        dates=dates,
    )


@Language.component("factx_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after each line break; must run before the parser."""
    if len(doc) and doc.has_annotation("DEP"):
        raise SettingsError(
            "factx_line_breaks runs after the parser, which has already set the sentences: "
            "add it before the parser, nlp.add_pipe('factx_line_breaks', first=True)"
        )
    return mark_line_breaks(doc)


def _relations(
    names: list[str] | None, *, custom: Sequence[tuple[Mapping[str, Any], str]] | None
) -> frozenset[str] | None:
    """The relations to keep: built-in names, or those of the ``custom`` records (None: not
    read yet, so any name that is not an inverse spelling is kept until they are)."""
    if names is None:
        return None
    if isinstance(names, str):
        raise SettingsError(f"relations must be a list of relation names, not the string {names!r}")
    specs, inverses = inventory()
    known = set(specs) | {str(record.get("relation")) for record, _where in custom or ()}
    for name in names:
        if name in inverses:
            canonical = inverses[name]
            raise SettingsError(f"relation {name!r} is the inverse spelling of {canonical!r}: list {canonical!r}")
        if name not in known and custom is not None:
            raise SettingsError(f"unknown relation {name!r} in relations: choose from {', '.join(sorted(known))}")
    return frozenset(names)


def _records(value: Any) -> list[dict[str, Any]]:
    """custom_relations: a list of records as in a JSONL pattern file (config values are JSON)."""
    if value is None:
        return []
    if not isinstance(value, (list, tuple)) or not all(isinstance(r, Mapping) for r in value):
        raise SettingsError(
            "custom_relations must be a list of records such as "
            f'{{"relation": "acquired", "template": "{{ORG}} acquired {{ORG}}"}}, not {value!r}'
        )
    return [dict(r) for r in value]


def _paths(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, (list, tuple)) or not all(isinstance(p, str) for p in value):
        raise SettingsError(f"extra_patterns must be a list of JSONL file paths, not {value!r}")
    return list(value)


@dataclasses.dataclass(frozen=True)
class _FileData:
    """The content of the files the config names: the records of its ``extra_patterns``
    files, in order, and the name pairs of a ``never_merge``/``always_merge`` path of its
    [merge] section, by key."""

    patterns: tuple[dict[str, Any], ...] = ()
    name_pairs: Mapping[str, list[list[str]]] = dataclasses.field(default_factory=dict)


def _sources(paths: list[str], merge: Mapping[str, Any]) -> dict[str, Any]:
    """The files the config names: ``extra_patterns`` and the [merge] keys given a path."""
    named = {key: merge[key] for key in NAME_PAIR_KEYS if isinstance(merge.get(key), str)}
    return {"extra_patterns": list(paths), **named}


def _read_files(sources: Mapping[str, Any]) -> _FileData:
    """The content of the files ``sources`` names, checked as far as it can be without the
    pipeline's parse (errors name the file and line)."""
    patterns: list[dict[str, Any]] = []
    for path in sources["extra_patterns"]:
        try:
            found = list(read_records(path))
        except UnicodeDecodeError as e:
            raise PatternError(
                f"the pattern file {path} is not UTF-8 text (byte {e.start}: {e.reason}): save it as UTF-8"
            ) from None
        check_records(found)
        patterns.extend(record for record, _where in found)
    pairs = {
        key: [list(pair) for pair in sorted(read_name_pairs(sources[key], kind=key.split("_")[0]))]
        for key in NAME_PAIR_KEYS
        if key in sources
    }
    return _FileData(tuple(patterns), pairs)


def _settings(cls: type[S], overrides: Mapping[str, Any], section: str, *, reserved: tuple[str, ...] = ()) -> S:
    """``cls`` (a settings dataclass) with ``overrides`` from a config section, each value
    checked against the type of the field's default."""
    defaults = cls()
    known = [f.name for f in dataclasses.fields(defaults)]  # type: ignore[arg-type]
    kwargs: dict[str, Any] = {}
    for key, value in overrides.items():
        if key in reserved:
            raise SettingsError(f"{key!r} is a setting of the factx component itself, not of its [{section}] section")
        if key not in known:
            raise SettingsError(
                f"unknown setting {key!r} in the factx component's [{section}] section: "
                f"choose from {', '.join(k for k in known if k not in reserved)}"
            )
        kwargs[key] = _typed(value, getattr(defaults, key), f"[{section}] {key}")
    return dataclasses.replace(defaults, **kwargs)  # type: ignore[type-var]


def _typed(value: Any, default: Any, where: str) -> Any:
    """``value`` as the type of ``default``: a list becomes a frozenset where the field holds a
    set (pairs inside become tuples); an int is accepted for a float."""
    if isinstance(default, frozenset):
        if isinstance(value, (list, tuple, set, frozenset)):
            return frozenset(tuple(v) if isinstance(v, list) else v for v in value)
    elif isinstance(default, bool):
        if isinstance(value, bool):
            return value
    elif isinstance(default, float):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif default is None or (type(value) is type(default)):
        return value
    expected = "a list" if isinstance(default, frozenset) else type(default).__name__
    raise SettingsError(f"{where} must be {expected} (default {default!r}), not {value!r}")


register_extensions()
