"""The fact layer: ``FactLayer`` turns a parsed document whose entities are known into facts.

It is called with the ``Doc``, the ``EntityIndex`` that says which entity a token stands
for (pronouns and descriptions resolved), the token spans of the dates, and the labelled
spans of the entities and dates (``factx.entities``), which are also the Doc's ``ents``
because the patterns test ENT_TYPE and ENT_IOB. The relation patterns are matched on the
parse and the frames run; each match's arguments are resolved to entities or literals
and checked against the relation's labels; facts in questions, conditionals and hedged
statements are dropped, the others qualified (negation, time, attribution, confidence,
evidence). Then, for the whole document: a scorer's family fact that a rule contradicts
is dropped, containment chains are followed (``infer_located_in``), open facts added on
request (``open_facts``), and duplicates merged (``support`` counts the sentences that
state a fact); facts under ``min_confidence`` are dropped.

Confidence is an ordering, documented in docs/facts.md: a pattern's own confidence (how
often it is right), times ``pronoun_factor`` when an argument was a pronoun, times
``syntax_factor`` when it was reached through the syntax around it (a relative clause, an
apposition, a description, a demonym), minus ``distance_penalty`` for each token between
the two arguments beyond ``near_tokens`` (never below ``min_distance_factor`` of the
start), and ``inferred_factor`` for facts inferred by containment chains or from a
sibling's parents (``inferred.siblings_parent``: "the son of Karl and brother of Otto" makes
Otto Karl's child); each is a
``FactSettings`` field.

Besides the JSONL patterns, the built-in relations come from the role frames
(``factx.relations.frames``: titles, leads, works_for, member_of, educated_at, kinship from
"Jane Roe, the chairman of Acme", "Acme spokesman Jane Roe", "Jane Roe was named chairman"),
the place frames (``factx.relations.place_frames``), the gazetteer frame
(``factx.relations.gazetteer``) and, for pairs of names no rule links, the scorer frame
(``factx.relations.scorer``, a trained model whose facts rank under the rules'). A frame's
fact goes through the same checks as a pattern's (argument labels, negation, questions and hypotheticals, attribution),
its ``pattern`` is ``frame.<frame>`` and its explanation names the ``frame`` and the
``trigger`` word; a role's organization may be labelled FAC by the recognizer ("editor at the
Gazette") and is accepted as one.

Custom relations (``factx.relations.custom``) are matched with the built-in ones and give
open facts: ``relation`` "open", the custom relation's name in ``predicate``, ``custom``
true, and the words of further template placeholders in ``slots``. ``builtin_relations``
switches the built-in patterns off, ``relations`` keeps only the named relations.

Every fact gets ``attributed_to`` when someone other than the narrator states it
(``factx.relations.attribution``); a fact the narrator also states loses it.

With ``explain`` each fact carries an ``explanation``: the ``pattern`` id and its
``source`` (file and line, with the template), the token each node ``matched``, and how
the ``subject`` and ``object`` were found (``how``: ``name``, ``alias``, ``pronoun``,
``relative``, ``description``, ``apposition``, ``demonym``, ``literal``, ``inferred``; with
the ``entity`` and the ``text`` that named it). Explanations change no fact.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import tables
from .._util import word_hashes
from ..columns import columns
from ..errors import SettingsError
from ..types import DateMention, Fact, FactObject, Span, TimeValue
from .attribution import Attribution
from .custom import Relation, custom_patterns, relation_records
from .frames import FrameFact, RoleFrames, mention_bounds
from .gazetteer import GazetteerFrames
from .matcher import IndexedDependencyMatcher
from .patterns import Pattern, PatternError, RelationSpec, inventory, load_patterns
from .place_frames import PlaceFrames
from .resolve import EntityIndex
from .scorer import ScorerFrames
from .work_frames import WorkFrames
from .group_frames import GroupFrames

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import DependencyMatcher
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as Span_
    from spacy.vocab import Vocab

NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody", "nothing"})
NEGATING_VERBS = frozenset({"deny", "refute", "reject", "dispute"})
CONDITIONAL_MARKERS = frozenset({"if", "unless", "whether"})
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp"})
HEDGE_MODALS = frozenset({"might", "may", "could", "would"})
# Verbs whose "to" clause may not have happened: "planned to marry", "refused to join"
NON_ENTAILING_VERBS = frozenset(
    {
        "plan",
        "hope",
        "want",
        "wish",
        "intend",
        "refuse",
        "decline",
        "try",
        "attempt",
        "seek",
        "threaten",
        "promise",
        "offer",
        "fail",
        "expect",
        "aim",
        "propose",
        "vow",
        "pledge",
        "agree",
        "decide",
        "plot",
        "scheme",
        "long",
        "yearn",
        "dream",
        "struggle",
    }
)


MATCHERS = ("indexed", "spacy")


@dataclass(frozen=True, kw_only=True)
class FactSettings:
    """How facts are scored and which are kept. Every field is keyword-only; a value out of
    range is a ``SettingsError`` when the settings are made."""

    min_confidence: float = 0.3
    """Facts below this confidence are dropped."""
    pronoun_factor: float = 0.85
    """Confidence multiplier when an argument is a resolved pronoun."""
    syntax_factor: float = 0.95
    """Confidence multiplier when an argument is reached through a relative clause or apposition."""
    distance_penalty: float = 0.01
    """Confidence lost per token between subject and object beyond ``near_tokens``."""
    near_tokens: int = 8
    min_distance_factor: float = 0.7
    inferred_factor: float = 0.8
    """Confidence multiplier of facts inferred from containment chains (A in B, B in C)."""
    infer_located_in: bool = True
    document_places: bool = True
    """Also place a city in the one country or US state of its name (``models/places.tsv``)
    that another sentence of the document names: "Toronto ... . They toured Canada". Only a
    city the document's sentences put nowhere else ("Springfield, Illinois" keeps Illinois
    alone), or in a province of that country ("Malaga, Andalusia ... Spain"; not a US city in
    its state), and
    containment chains do not follow it: the document says these facts, but no sentence does
    (Re-DocRED-style document gold lists them, sentence-level gold does not)."""
    open_facts: bool = False
    """Emit ``open`` facts (relation "open", the verb in ``predicate``) for subject-verb-object
    statements between named entities that no inventory relation covers."""
    open_confidence: float = 0.5
    """Confidence of an open fact before the pronoun and distance factors."""
    relations: frozenset[str] | None = None
    """Only these relations, built-in or custom (None: all)."""
    builtin_relations: bool = True
    """Match the built-in relation patterns; False runs only custom relations."""
    custom_relations: tuple[Relation | Mapping[str, Any], ...] = ()
    """Users' relations: ``factx.Relation`` objects or JSONL records (see docs/custom_relations.md)."""
    extra_patterns: tuple[str, ...] = ()
    """Paths of JSONL files of custom relations (templates or patterns)."""
    explain: bool = False
    """Attach to each fact the pattern that produced it, the tokens it matched and how its
    subject and object were resolved, and to each entity why each alias joined it."""
    matcher: str = "indexed"
    """"indexed" (factx's indexed matcher, fast) or "spacy" (spaCy's DependencyMatcher, the
    reference semantics); both give the same matches."""

    def __post_init__(self) -> None:
        if self.matcher not in MATCHERS:
            raise SettingsError(f"matcher is {self.matcher!r}: choose from {', '.join(MATCHERS)}")
        for name in ("min_confidence", "open_confidence", "min_distance_factor"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise SettingsError(f"{name} is {getattr(self, name)!r}: it must be between 0 and 1")
        for name in ("pronoun_factor", "syntax_factor", "inferred_factor"):
            if not 0.0 < getattr(self, name) <= 1.0:
                raise SettingsError(f"{name} is {getattr(self, name)!r}: it must be above 0 and at most 1")
        if self.distance_penalty < 0 or self.near_tokens < 0:
            raise SettingsError("distance_penalty and near_tokens must not be negative")
        if isinstance(self.relations, str):
            raise SettingsError(f"relations is a set of relation names, not the string {self.relations!r}")


@dataclass
class _Candidate:
    subject: int
    relation: str
    object: FactObject
    object_key: str
    confidence: float
    negated: bool
    time: TimeValue | None
    evidence: Span
    sentence: int
    pattern: str
    how: tuple[str, str]
    inferred: bool = False
    support: set[int] = field(default_factory=set)
    predicate: str | None = None
    custom: bool = False
    slots: tuple[tuple[str, FactObject], ...] = ()
    attributed_to: str | None = None
    explanation: dict[str, Any] | None = None


@dataclass
class _Context:
    """What the layer works out once per document."""

    attribution: Attribution
    explainer: _Explainer | None
    # token -> the labelled span (entity mention or date) it lies in
    ent_of: Mapping[int, Span_]
    # the kinds of qualifying words the document holds (``_cues``)
    cues: frozenset[str] = frozenset()
    # sentence number -> (its evidence span, whether it asks a question): several facts
    # share a sentence, and spaCy finds a token's sentence by walking its tokens
    sentences: dict[int, tuple[Span, bool]] = field(default_factory=dict)


class FactLayer:
    """Compiled relation patterns for one vocabulary; call it on each parsed ``Doc``."""

    def __init__(
        self,
        vocab: Vocab,
        *,
        patterns: Sequence[Pattern] | None = None,
        settings: FactSettings | None = None,
        nlp: Language | None = None,
    ) -> None:
        """``patterns`` replace the built-in ones; ``nlp`` parses the settings' custom
        relation templates (needed only when there are templates)."""
        from spacy.matcher import DependencyMatcher

        self.settings = settings or FactSettings()
        self.specs, self.inverses = inventory()
        chosen = list(patterns) if patterns is not None else []
        if patterns is None and self.settings.builtin_relations:
            chosen = load_patterns()
        records = relation_records(self.settings.custom_relations, self.settings.extra_patterns)
        if records:
            chosen += custom_patterns(records, nlp)
        seen: dict[str, str] = {}
        for p in chosen:
            if p.id in seen:
                raise PatternError(f"{p.source}: pattern id {p.id!r} is already used at {seen[p.id]}")
            seen[p.id] = p.source
        self.custom_names = frozenset(p.relation for p in chosen if p.custom)
        if self.settings.relations is not None:
            unknown = sorted(set(self.settings.relations) - set(self.specs) - self.custom_names)
            if unknown:
                raise SettingsError(
                    f"unknown relation {unknown[0]!r} in relations: choose from "
                    f"{', '.join(sorted(set(self.specs) | self.custom_names))}"
                )
            chosen = [p for p in chosen if self._canonical(p.relation) in self.settings.relations]
        self.patterns = {p.id: p for p in chosen}
        builtin = patterns is None and self.settings.builtin_relations
        self.frames: tuple[
            RoleFrames | PlaceFrames | WorkFrames | GroupFrames | GazetteerFrames | ScorerFrames, ...
        ] = (
            (
                RoleFrames(),
                PlaceFrames(),
                WorkFrames(),
                GroupFrames(),
                GazetteerFrames(document=self.settings.document_places),
                ScorerFrames(relations=self.settings.relations),
            )
            if builtin
            else ()
        )
        # spaCy's matcher validates every pattern (and is the reference semantics)
        self.spacy_matcher: DependencyMatcher = DependencyMatcher(vocab, validate=True)
        self.indexed_matcher = IndexedDependencyMatcher(vocab)
        for p in chosen:
            try:
                self.spacy_matcher.add(p.id, [p.pattern])
            except ValueError as e:
                raise PatternError(f"{p.source}: pattern {p.id!r} is not a valid DependencyMatcher pattern: {e}") from e
            self.indexed_matcher.add(p.id, p.pattern)

    def matches(self, doc: Doc) -> list[tuple[str, list[int]]]:
        """(pattern id, token ids in node order) of every match in ``doc``."""
        if self.settings.matcher == "spacy":
            strings = doc.vocab.strings
            return [(strings[key], list(ids)) for key, ids in self.spacy_matcher(doc)]
        return self.indexed_matcher(doc)

    def _canonical(self, relation: str) -> str:
        return self.inverses.get(relation, relation)

    def __call__(
        self,
        doc: Doc,
        index: EntityIndex,
        dates: Sequence[tuple[int, int, DateMention]],
        *,
        entities: Sequence[Span_],
        reference_date: dt.date | None,
    ) -> list[Fact]:
        """The facts of ``doc``: ``index`` resolves tokens to entities, ``dates`` are the
        token spans of its dates, ``entities`` the labelled spans of its entities and dates
        (the ones its ``ents`` hold for the patterns' ENT_TYPE)."""
        date_of_token = {i: d for s, e, d in dates for i in range(s, e)}
        ent_of = {t: ent for ent in entities for t in range(ent.start, ent.end)}
        candidates: list[_Candidate] = []
        sent_of = _sentence_numbers(doc)
        # per document, not on self: one FactLayer may serve several threads
        ctx = _Context(
            Attribution(doc, index),
            _Explainer(doc, index, ent_of) if self.settings.explain else None,
            ent_of,
            _cues(doc),
        )
        for pattern_id, token_ids in self.matches(doc):
            pattern = self.patterns[pattern_id]
            nodes = dict(zip(pattern.node_names, token_ids, strict=True))
            cand = self._candidate(doc, pattern, nodes, index, date_of_token, reference_date, sent_of, ctx)
            if cand is not None:
                candidates.append(cand)
        wanted = self.settings.relations
        for frames in self.frames:
            for ff in frames.facts(doc, index):
                if wanted is None or ff.relation in wanted:
                    cand = self._frame_candidate(doc, ff, index, date_of_token, reference_date, sent_of, ctx)
                    if cand is not None:
                        candidates.append(cand)
        candidates = _consistent_kinship(candidates)
        candidates += self._siblings_parents(doc, candidates, ctx)
        candidates = _unplaced_only(candidates)
        if self.settings.infer_located_in:
            candidates += self._infer_containment(candidates, ctx)
        if self.settings.open_facts:
            candidates += self._open_facts(doc, index, candidates, date_of_token, reference_date, sent_of, ctx)
        return self._dedupe(candidates)

    def _open_facts(
        self,
        doc: Doc,
        index: EntityIndex,
        found: list[_Candidate],
        date_of_token: dict[int, DateMention],
        reference_date: dt.date | None,
        sent_of: Sequence[int],
        ctx: _Context,
    ) -> list[_Candidate]:
        """Subject-verb-object between two entities, where no inventory fact links them."""
        linked = {(c.sentence, c.subject, c.object_key) for c in found}
        linked |= {(c.sentence, int(c.object.entity), f"e{c.subject}") for c in found if c.object.entity}
        out = []
        for verb in doc:
            if verb.pos_ != "VERB" or self._suppressed(verb, self._sentence(verb, sent_of, ctx)[1], ctx.cues):
                continue
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            if not subjects or not objects:
                continue
            subject, subj_how = index.entity_of(subjects[0])
            obj, obj_how = index.entity_of(objects[0])
            if subject is None or obj is None or subject == obj:
                continue
            sentence = sent_of[verb.i]
            if (sentence, subject, f"e{obj}") in linked:
                continue
            particle = " ".join(c.lower_ for c in verb.children if c.dep_ == "prt")
            confidence = self.settings.open_confidence
            for how in (subj_how, obj_how):
                if how == "pronoun":
                    confidence *= self.settings.pronoun_factor
            out.append(
                _Candidate(
                    subject=subject,
                    relation="open",
                    object=FactObject(entity=str(obj)),
                    object_key=f"e{obj}",
                    confidence=round(confidence, 3),
                    negated=self._negated(verb, subjects[0], ctx.cues),
                    time=self._time("open", verb, {subjects[0].i, objects[0].i}, date_of_token, reference_date),
                    evidence=self._sentence(verb, sent_of, ctx)[0],
                    sentence=sentence,
                    pattern="open.svo",
                    how=(subj_how, obj_how),
                    predicate=f"{verb.lemma_} {particle}".strip(),
                    attributed_to=ctx.attribution.speaker(verb),
                    explanation=None
                    if ctx.explainer is None
                    else ctx.explainer.fact(
                        "open.svo",
                        "factx: subject-verb-object",
                        {"verb": verb.i},
                        subjects[0],
                        subj_how,
                        subject,
                        objects[0],
                        obj_how,
                        FactObject(entity=str(obj)),
                    ),
                )
            )
        return out

    # ------------------------------------------------------------------ one match

    def _candidate(
        self,
        doc: Doc,
        pattern: Pattern,
        nodes: dict[str, int],
        index: EntityIndex,
        date_of_token: dict[int, DateMention],
        reference_date: dt.date | None,
        sent_of: Sequence[int],
        ctx: _Context,
    ) -> _Candidate | None:
        relation = pattern.relation
        if pattern.custom:
            spec = RelationSpec(relation, frozenset({"*"}), frozenset({"*"}))
            inverse = False
        else:
            spec = self.specs[self._canonical(relation)]
            inverse = relation in self.inverses
        subj_tok, obj_tok, anchor = doc[nodes["subject"]], doc[nodes["object"]], doc[nodes[pattern.anchor]]
        evidence, question = self._sentence(anchor, sent_of, ctx)
        if self._suppressed(anchor, question, ctx.cues):
            return None
        if pattern.filter == "not_list" and (_starts_list(obj_tok) or _apposition_elsewhere(subj_tok, obj_tok, index)):
            return None
        if pattern.filter == "no_own_subject":
            verb = doc[nodes[pattern.anchor]] if pattern.anchor != "subject" else anchor
            if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
                return None
        if pattern.filter == "couple" and not _couple_subject(anchor, subj_tok, obj_tok):
            return None
        subject, subj_how = index.entity_of(subj_tok)
        if subject is None:
            return None
        obj, obj_key, obj_how = self._object(doc, pattern, obj_tok, index, date_of_token, ctx.ent_of)
        if spec.name == "located_in" and obj is not None and obj.entity is not None:
            if (_listed(subj_tok, obj_tok) or _third_country(subj_tok, obj_tok, index)) and _countries(
                index, subject, int(obj.entity)
            ):
                return None
        if obj is None:
            return None
        subj_labels, obj_labels = spec.subject, spec.object
        if inverse:
            subj_labels, obj_labels = obj_labels, subj_labels
        if pattern.subject_labels is not None:
            subj_labels = pattern.subject_labels
        if pattern.object_labels is not None:
            obj_labels = pattern.object_labels
        if not _label_ok(index.labels[subject], subj_labels):
            return None
        if obj.entity is not None:
            other = int(obj.entity)
            if other == subject or not _label_ok(index.labels[other], obj_labels):
                return None
        confidence = pattern.confidence
        for how in (subj_how, obj_how):
            if how == "pronoun":
                confidence *= self.settings.pronoun_factor
            elif how in SYNTAX_HOWS:
                confidence *= self.settings.syntax_factor
        gap = abs(subj_tok.i - obj_tok.i) - self.settings.near_tokens
        if gap > 0:
            confidence *= max(self.settings.min_distance_factor, 1 - self.settings.distance_penalty * gap)
        time = self._time(relation, anchor, {subj_tok.i, obj_tok.i}, date_of_token, reference_date)
        canonical = self._canonical(relation)
        subject_id, object_fact = subject, obj
        explanation = None
        if ctx.explainer is not None:
            explanation = ctx.explainer.fact(
                pattern.id, pattern.source, nodes, subj_tok, subj_how, subject, obj_tok, obj_how, obj
            )
        if inverse:
            if obj.entity is None:
                return None
            subject_id, object_fact = int(obj.entity), FactObject(entity=str(subject))
            obj_key = f"e{subject}"
            if explanation is not None:
                explanation["subject"], explanation["object"] = explanation["object"], explanation["subject"]
        slots = tuple((name, _phrase_literal(doc[nodes[name]], ctx.ent_of)) for name in pattern.slots)
        return _Candidate(
            subject=subject_id,
            relation="open" if pattern.custom else canonical,
            object=object_fact,
            object_key=obj_key,
            confidence=round(confidence, 3),
            negated=self._negated(anchor, subj_tok, ctx.cues),
            time=time,
            evidence=evidence,
            sentence=sent_of[anchor.i],
            pattern=pattern.id,
            how=(subj_how, obj_how),
            predicate=relation if pattern.custom else None,
            custom=pattern.custom,
            slots=slots,
            attributed_to=ctx.attribution.speaker(anchor),
            explanation=explanation,
        )

    def _frame_candidate(
        self,
        doc: Doc,
        ff: FrameFact,
        index: EntityIndex,
        date_of_token: dict[int, DateMention],
        reference_date: dt.date | None,
        sent_of: Sequence[int],
        ctx: _Context,
    ) -> _Candidate | None:
        """A role or place frame's fact (``factx.relations.frames``, ``place_frames``),
        resolved and qualified like a pattern's."""
        anchor, subj_tok = doc[ff.trigger], doc[ff.subject]
        evidence, question = self._sentence(anchor, sent_of, ctx)
        if self._suppressed(anchor, question, ctx.cues):
            return None
        subject, subj_how = index.entity_of(subj_tok)
        if subject is None or (subj_how == "pronoun" and not ff.holder_resolved):
            return None
        relation = self._canonical(ff.relation)
        inverse = relation != ff.relation  # "his father, Tom Lee": parent_of, stated as child_of
        spec = self.specs[relation]
        if not _label_ok(index.labels[subject], spec.object if inverse else spec.subject):
            return None
        obj_tok = None
        if ff.title is not None:
            first, last, literal = ff.title
            start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
            # the span's text, not doc.text: that is built anew from every token on each call
            obj = FactObject(literal=literal, text=doc[first:last].text, start=start, end=end)
            obj_key, obj_how = f"={literal.casefold()}", "literal"
        else:
            if ff.object is None:
                return None
            obj_tok = doc[ff.object]
            other, obj_how = index.entity_of(obj_tok)
            if other is None or other == subject:
                return None
            allowed = spec.subject if inverse else spec.object
            # a role's organization may come labelled as a building ("editor at the Gazette");
            # a role word says so, the scorer's word paths do not
            if not (
                _label_ok(index.labels[other], allowed)
                or (
                    index.labels[other] == "FAC"
                    and "ORG" in allowed
                    and not ff.frame.startswith("place.")
                    and ff.frame != "scorer"
                )
            ):
                return None
            if inverse:
                subject, other, subj_how, obj_how = other, subject, obj_how, subj_how
            obj, obj_key = FactObject(entity=str(other)), f"e{other}"
        confidence = ff.confidence
        for how in (subj_how, obj_how):
            if how == "pronoun":
                confidence *= self.settings.pronoun_factor
        arguments = {subj_tok.i} | ({obj_tok.i} if obj_tok is not None else set())
        explanation = None
        if ctx.explainer is not None:
            source = (
                "place_frames.py"
                if ff.frame.startswith("place.")
                else "work_frames.py"
                if ff.frame.startswith("work.")
                else "gazetteer.py, models/places.tsv"
                if ff.frame.startswith("gazetteer")
                else "scorer.py, models/scorer.json"
                if ff.frame == "scorer"
                else "frames.py, models/roles.tsv"
            )
            object_token = obj_tok.i if obj_tok is not None else ff.title[0] if ff.title else anchor.i
            explanation = ctx.explainer.fact(
                f"frame.{ff.frame}",
                f"factx: frame {ff.frame!r}, trigger {anchor.text!r} ({source})",
                {"trigger": anchor.i, "subject": subj_tok.i, "object": object_token},
                subj_tok,
                subj_how,
                subject,
                obj_tok or anchor,
                obj_how,
                obj,
            )
            explanation["frame"], explanation["trigger"] = ff.frame, anchor.text
        return _Candidate(
            subject=subject,
            relation=relation,
            object=obj,
            object_key=obj_key,
            confidence=round(confidence, 3),
            negated=self._negated(anchor, subj_tok, ctx.cues),
            time=self._time(relation, anchor, arguments, date_of_token, reference_date),
            evidence=evidence,
            sentence=sent_of[anchor.i],
            pattern=f"frame.{ff.frame}",
            how=(subj_how, obj_how),
            attributed_to=ctx.attribution.speaker(anchor),
            explanation=explanation,
        )

    def _object(
        self,
        doc: Doc,
        pattern: Pattern,
        token: Token,
        index: EntityIndex,
        date_of_token: dict[int, DateMention],
        ent_of: Mapping[int, Span_],
    ) -> tuple[FactObject | None, str, str]:
        kind = pattern.object_kind
        if kind == "entity":
            ent, how = index.entity_of(token)
            if ent is None:
                return None, "", how
            return FactObject(entity=str(ent)), f"e{ent}", how
        if kind == "date":
            date = date_of_token.get(token.i)
            if date is None or date.value is None:
                return None, "", "none"
            return (
                FactObject(literal=date.value, text=date.text, start=date.start, end=date.end),
                f"={date.value}",
                "direct",
            )
        if kind == "number":
            if not token.like_num:
                return None, "", "none"
            start, end = token.idx, token.idx + len(token.text)
            return FactObject(literal=token.text, text=token.text, start=start, end=end), f"={token.text}", "direct"
        if pattern.custom:  # a user's text object is the whole phrase: "chief executive"
            phrase = _phrase_literal(token, ent_of)
            return phrase, f"={str(phrase.literal).lower()}", "direct"
        start, end = token.idx, token.idx + len(token.text)
        return FactObject(literal=token.text, text=token.text, start=start, end=end), f"={token.lower_}", "direct"

    # ------------------------------------------------------------------ qualifiers

    @staticmethod
    def _sentence(anchor: Token, sent_of: Sequence[int], ctx: _Context) -> tuple[Span, bool]:
        """The evidence span of ``anchor``'s sentence and whether it is a question, worked
        out once for each sentence of the document."""
        number = sent_of[anchor.i]
        found = ctx.sentences.get(number)
        if found is None:
            doc = anchor.doc
            start, end = columns(doc).sentence(number)
            last = end - 1  # the last written token; not the sentence's text, built anew each time
            while last > start and not doc[last].text.strip():
                last -= 1
            text = doc[last].text
            first_char = doc[start].idx
            # the sentence's characters without the whitespace after its last written token
            end_char = doc[last].idx + len(text.rstrip()) if text.strip() else first_char
            found = ctx.sentences[number] = (Span(first_char, end_char), text.rstrip().endswith("?"))
        return found

    @staticmethod
    def _suppressed(anchor: Token, question: bool, cues: frozenset[str]) -> bool:
        """Questions (``question``: the sentence asks one), conditionals and hedges ("may
        have moved", "would go"), and plans, hopes and refusals ("planned to marry") state
        no fact; ``cues`` say whether the document holds a hedge or a condition's word at all."""
        if question:
            return True
        verb = anchor if anchor.pos_ in {"VERB", "AUX"} else anchor.head
        if "hedge" in cues and any(c.dep_ == "aux" and c.lower_ in HEDGE_MODALS for c in verb.children):
            return True
        if anchor.pos_ in {"VERB", "AUX"} and _unentailed(anchor):
            return True
        for tok in (anchor, *anchor.ancestors) if "condition" in cues else ():
            if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKERS for c in tok.children):
                return True
            if tok.dep_ in {"ROOT", "ccomp"} and tok is not anchor:
                break
        return False

    @staticmethod
    def _negated(anchor: Token, subject: Token, cues: frozenset[str]) -> bool:
        """Whether the fact anchored at ``anchor`` is denied; ``cues`` say whether the
        document holds a negation or a verb of denial at all."""
        if "negation" in cues:
            heads = [anchor]
            if anchor.dep_ in {"attr", "acomp", "dobj", "pobj", "appos"}:
                heads.append(anchor.head)
            for head in heads:
                for child in head.children:
                    if child.dep_ == "neg" or (child.dep_ in {"advmod", "det"} and child.lower_ in NEGATION_WORDS):
                        return True
                    if child.lower_ == "longer" and any(g.lower_ == "no" for g in child.children):
                        return True
        if "denial" in cues:
            # "denied being the son of ...": a verb of denial up to two steps above; not across a
            # subject or an apposition ("Robert, son of Karl, disputed the throne" denies nothing)
            up = anchor
            for _ in range(2):
                if up.dep_ in {"appos", "nsubj", "nsubjpass"} or up.head.i == up.i:
                    return False
                up = up.head
                if up.lemma_ in NEGATING_VERBS:
                    return True
        return False

    def _time(
        self,
        relation: str,
        anchor: Token,
        arguments: set[int],
        date_of_token: dict[int, DateMention],
        reference_date: dt.date | None,
    ) -> TimeValue | None:
        spec = self.specs.get(relation)
        rule = spec.time if spec is not None else "clause"  # models/relations.json
        if rule == "reference":
            return TimeValue(reference_date.isoformat()) if reference_date else None
        if rule == "none":
            return None
        if not date_of_token:
            return None
        verb = anchor if anchor.pos_ in {"VERB", "AUX"} else anchor.head
        best: tuple[int, DateMention] | None = None
        for tok in verb.subtree:
            date = date_of_token.get(tok.i)
            if date is None or tok.i in arguments or date.value is None:
                continue
            # a date inside a nested or coordinated clause of its own belongs to that clause
            if any(
                a.i != verb.i and (a.dep_ in CLAUSE_DEPS or (a.dep_ == "conj" and a.pos_ in {"VERB", "AUX"}))
                for a in _path_to(tok, verb)
            ):
                continue
            distance = abs(tok.i - verb.i)
            if best is None or distance < best[0]:
                best = (distance, date)
        if best is None:
            return None
        d = best[1]
        return TimeValue(d.value, d.text, d.start, d.end)

    # ------------------------------------------------------------------ document level

    def _infer_containment(self, candidates: list[_Candidate], ctx: _Context) -> list[_Candidate]:
        """A in B and B in C give A in C (lower confidence, marked inferred). A link that only
        the document's other sentences give (``document_places``: the ``gazetteer+document``
        and ``gazetteer+region`` frames) starts no chain: "Leeds
        College ... in Leeds" and "England" elsewhere would otherwise put the college in
        England on two inferences, one of them unstated."""
        direct = [
            c
            for c in candidates
            if c.relation == "located_in" and not c.negated and c.object.entity and c.pattern not in DOCUMENT_PLACES
        ]
        parents: dict[int, set[int]] = {}
        for c in direct:
            parents.setdefault(c.subject, set()).add(int(c.object.entity or 0))
        known = {(c.subject, int(c.object.entity or 0)) for c in direct}
        by_pair = {(c.subject, int(c.object.entity or 0)): c for c in direct}
        out: list[_Candidate] = []
        for a in list(parents):
            frontier, seen = list(parents[a]), set(parents[a])
            while frontier:
                b = frontier.pop()
                for grand in parents.get(b, ()):
                    if grand == a or grand in seen:
                        continue
                    seen.add(grand)
                    frontier.append(grand)
                    if (a, grand) in known:
                        continue
                    first = by_pair.get((a, b)) or next(iter(by_pair.values()))
                    out.append(
                        self._inferred(
                            a,
                            "located_in",
                            grand,
                            first.confidence,
                            first,
                            "inferred.containment",
                            "factx: A located_in B and B located_in C give A located_in C",
                            b,
                            ctx,
                        )
                    )
                    known.add((a, grand))
        return out

    def _siblings_parents(self, doc: Doc, candidates: list[_Candidate], ctx: _Context) -> list[_Candidate]:
        """X child_of A and X sibling B, stated in one sentence, give B child_of A (inferred):
        "Robert, son of Karl Dahl, ... with his brother Henrik", "daughter of Karl Dahl, consul
        in 1842, and sister of Otto Dahl". Not in a sentence that names a half- or step-
        sibling, who may not share the parent; the scorer's guesses start nothing."""
        ruled = [
            c
            for c in candidates
            if not c.negated and c.object.entity and not c.inferred and c.pattern != SCORER_PATTERN
        ]
        parents: dict[tuple[int, int], dict[int, _Candidate]] = {}  # (child, sentence) -> parent -> fact
        for c in ruled:
            if c.relation == "child_of":
                parents.setdefault((c.subject, c.sentence), {})[int(c.object.entity or 0)] = c
        if not parents:
            return []
        known = {(c.subject, c.object_key) for c in candidates if c.relation == "child_of"}
        out: list[_Candidate] = []
        for c in ruled:
            if c.relation != "sibling":
                continue
            a, b = c.subject, int(c.object.entity or 0)
            if not (parents.get((a, c.sentence)) or parents.get((b, c.sentence))) or _names_half_siblings(
                doc, c.evidence
            ):
                continue
            for child, sibling in ((a, b), (b, a)):
                for parent, first in parents.get((child, c.sentence), {}).items():
                    if parent == sibling or (sibling, f"e{parent}") in known:
                        continue
                    known.add((sibling, f"e{parent}"))
                    out.append(
                        self._inferred(
                            sibling,
                            "child_of",
                            parent,
                            min(c.confidence, first.confidence),
                            c,
                            "inferred.siblings_parent",
                            "factx: X child_of A and X sibling B give B child_of A",
                            child,
                            ctx,
                        )
                    )
        return out

    def _inferred(
        self,
        subject: int,
        relation: str,
        obj: int,
        confidence: float,
        source_fact: _Candidate,
        pattern: str,
        source: str,
        via: int,
        ctx: _Context,
    ) -> _Candidate:
        """A fact inferred from others (``inferred_factor`` of ``confidence``), with the
        evidence of ``source_fact`` and, when explaining, the entity it goes through."""
        return _Candidate(
            subject=subject,
            relation=relation,
            object=FactObject(entity=str(obj)),
            object_key=f"e{obj}",
            confidence=round(confidence * self.settings.inferred_factor, 3),
            negated=False,
            time=None,
            evidence=source_fact.evidence,
            sentence=source_fact.sentence,
            pattern=pattern,
            how=("inferred", "inferred"),
            inferred=True,
            explanation=None
            if ctx.explainer is None
            else {
                "pattern": pattern,
                "source": source,
                "via": f"e{via}",
                "subject": {"how": "inferred"},
                "object": {"how": "inferred"},
            },
        )

    def _dedupe(self, candidates: list[_Candidate]) -> list[Fact]:
        best: dict[tuple[int, str, str, bool], _Candidate] = {}
        for c in candidates:
            key = (c.subject, c.relation, c.object_key + (f"|{c.predicate}" if c.predicate else ""), c.negated)
            spec: RelationSpec | None = self.specs.get(c.relation)
            if spec is not None and spec.symmetric and c.object.entity is not None:
                a, b = sorted((c.subject, int(c.object.entity)))
                key = (a, c.relation, f"e{b}", c.negated)
            c.support.add(c.sentence)
            kept = best.get(key)
            if kept is None:
                best[key] = c
                continue
            kept.support |= c.support
            # stated once by the narrator, the fact is no longer only someone's claim
            narrated = kept.attributed_to is None or c.attributed_to is None
            if c.confidence > kept.confidence or (c.time is not None and kept.time is None):
                c.support = kept.support
                if c.time is None:
                    c.time = kept.time
                best[key] = c
            if narrated:
                best[key].attributed_to = None
        facts = []
        for c in best.values():
            if c.confidence < self.settings.min_confidence:
                continue
            facts.append(
                Fact(
                    subject=f"e{c.subject}",
                    relation=c.relation,
                    object=c.object if c.object.entity is None else FactObject(entity=f"e{c.object.entity}"),
                    evidence=c.evidence,
                    confidence=c.confidence,
                    negated=c.negated,
                    time=c.time,
                    predicate=c.predicate,
                    attributed_to=c.attributed_to,
                    support=len(c.support),
                    inferred=c.inferred,
                    custom=c.custom,
                    slots=c.slots,
                    explanation=c.explanation if self.settings.explain else None,
                )
            )
        facts.sort(key=lambda f: (f.evidence.start, f.subject, f.relation))
        return facts


LIST_WORDS = frozenset({"and", "or", "&"})
# Ways of reaching an argument through the syntax around it; they cost ``syntax_factor``.
SYNTAX_HOWS = frozenset({"relative", "description", "apposition", "demonym"})
# Dependents that belong to a text object's phrase ("chief executive", "managing director").
PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "nummod"})


# Relations of family: two persons stand in one of them at most.
FAMILY_RELATIONS = frozenset({"spouse", "child_of", "sibling"})
SCORER_PATTERN = "frame.scorer"
PARENTS_PATTERN = "frame.parents"


DOCUMENT_PLACE = "frame.gazetteer+document"
# Containers only the rest of the document gives: no containment chain starts from them
DOCUMENT_PLACES = frozenset({DOCUMENT_PLACE, "frame.gazetteer+region"})


def _names_half_siblings(doc: Doc, evidence: Span) -> bool:
    """Whether the sentence names a half- or step-relative ("half-brother", "stepson")."""
    words = tables.half_and_step_kin()
    span = doc.char_span(evidence.start, evidence.end, alignment_mode="expand")
    tokens = span if span is not None else doc
    for t in tokens:
        if t.lower_ in words:  # "stepson": one token
            return True
        if t.lower_ in {"half", "step"} and t.i + 1 < len(doc) and doc[t.i + 1].text == "-":  # "half - brother"
            return True
    return False


def _unentailed(verb: Token) -> bool:
    """Whether a verb's fact is only planned, hoped, tried or refused: the verb is one of
    NON_ENTAILING_VERBS with a "to" clause (a trained scorer's trigger: "X planned to marry
    Y"), or lies in such a clause ("X refused to marry Y"). A noun's fact is said whatever
    the verb ("his son Y refused to pay", "tried to arrest party members A and B")."""
    if verb.lemma_ in NON_ENTAILING_VERBS and any(c.dep_ == "xcomp" for c in verb.children):
        return True
    tok = verb
    while tok.dep_ in {"xcomp", "conj"} and tok.head.i != tok.i:
        if tok.dep_ == "xcomp" and tok.head.lemma_ in NON_ENTAILING_VERBS:
            return True
        tok = tok.head
    return False


def _unplaced_only(candidates: list[_Candidate]) -> list[_Candidate]:
    """A place the document's sentences already put somewhere takes no container from the
    rest of the document: "Springfield, Illinois ... the United States" states Illinois."""
    placed = {c.subject for c in candidates if c.relation == "located_in" and c.pattern != DOCUMENT_PLACE}
    return [c for c in candidates if c.pattern != DOCUMENT_PLACE or c.subject not in placed]


def _consistent_kinship(candidates: list[_Candidate]) -> list[_Candidate]:
    """The scorer's family fact for two persons whom a rule frame or pattern already links
    by another family relation is dropped ("X is his son with his wife Y": the rules say
    child_of, the path through "wife" makes the scorer say spouse), and so is its child_of
    that a rule states the other way round."""
    ruled: dict[frozenset[str], set[str]] = {}
    ruled_children: set[tuple[str, str]] = set()  # (child, parent) by a rule
    co_parents: set[frozenset[str]] = set()
    for c in candidates:
        if c.relation in FAMILY_RELATIONS and c.pattern != SCORER_PATTERN:
            ruled.setdefault(frozenset((f"e{c.subject}", c.object_key)), set()).add(c.relation)
            if c.relation == "child_of":
                ruled_children.add((f"e{c.subject}", c.object_key))
        if c.pattern == PARENTS_PATTERN:
            co_parents.add(frozenset((f"e{c.subject}", c.object_key)))
    if not ruled:
        return candidates
    # Two persons named as one child's parents ("the daughter of Jane Roe and director Tom
    # Lee") are not parent and child of each other, whatever the parse made of the phrase.
    return [
        c
        for c in candidates
        if not (
            c.pattern == SCORER_PATTERN
            and c.relation in FAMILY_RELATIONS
            and (
                ruled.get(frozenset((f"e{c.subject}", c.object_key)), {c.relation}) - {c.relation}
                or (c.relation == "child_of" and (c.object_key, f"e{c.subject}") in ruled_children)
            )
        )
        and not (c.relation == "child_of" and frozenset((f"e{c.subject}", c.object_key)) in co_parents)
    ]


def _phrase_literal(token: Token, ent_of: Mapping[int, Span_]) -> FactObject:
    """A literal of the words of ``token``'s phrase up to it: the entity (or date) it lies
    in, or the token with its modifiers before it ("chief executive")."""
    doc = token.doc
    ent = ent_of.get(token.i)
    if ent is not None:
        start, end = ent.start_char, ent.end_char
        return FactObject(literal=ent.text, text=ent.text, start=start, end=end)
    first = token
    for child in token.lefts:
        if child.dep_ in PHRASE_DEPS:
            first = child.left_edge if child.left_edge.i < first.i else first
            break
    span = doc[first.i : token.i + 1]
    return FactObject(literal=span.text, text=span.text, start=span.start_char, end=span.end_char)


class _Explainer:
    """Why a fact was made: the pattern, the tokens it matched, how its arguments resolved."""

    def __init__(self, doc: Doc, index: EntityIndex, ent_of: Mapping[int, Span_]) -> None:
        self.doc = doc
        self.index = index
        self.ent_of = ent_of

    def fact(
        self,
        pattern_id: str,
        source: str,
        nodes: Mapping[str, int],
        subj_tok: Token,
        subj_how: str,
        subject: int,
        obj_tok: Token,
        obj_how: str,
        obj: FactObject,
    ) -> dict[str, Any]:
        doc = self.doc
        matched = {
            name: {"text": doc[i].text, "start": doc[i].idx, "end": doc[i].idx + len(doc[i].text)}
            for name, i in nodes.items()
        }
        return {
            "pattern": pattern_id,
            "source": source,
            "matched": matched,
            "subject": self.argument(subj_tok, subj_how, subject),
            "object": self.argument(obj_tok, obj_how, int(obj.entity) if obj.entity is not None else None, obj),
        }

    def argument(self, token: Token, how: str, ent: int | None, literal: FactObject | None = None) -> dict[str, Any]:
        """How one argument was found: ``name`` (a mention that is the entity's name),
        ``alias`` (another of its names), ``pronoun``, ``relative``, ``description``,
        ``apposition``, ``demonym`` (a demonym for the country the text names), or the
        kind of a literal (``date``, ``number``, ``text``)."""
        if ent is None and literal is not None:
            return {"how": "literal", "text": literal.text}
        out: dict[str, Any] = {"how": how, "entity": f"e{ent}" if ent is not None else None}
        span = self.ent_of.get(token.i)
        if how == "direct":
            text = span.text if span is not None else token.text
            names = self.index.names
            out["how"] = "name" if ent is not None and ent < len(names) and names[ent] == text else "alias"
            out["text"] = text
        elif how == "demonym":
            out["text"] = span.text if span is not None else token.text
        elif how == "relative":
            out["text"] = token.text
            noun = self.index.referent(token)
            if noun is not None:
                noun_span = self.ent_of.get(noun.i)
                out["refers_to"] = noun_span.text if noun_span is not None else noun.text
        elif how == "description":
            out["text"] = doc_span_text(token)
        else:
            out["text"] = token.text
        return out


def doc_span_text(token: Token) -> str:
    """ "the company" for the noun "company": the noun with its determiner and modifiers."""
    return token.doc[token.left_edge.i : token.i + 1].text


def _apposition_elsewhere(subj_tok: Token, obj_tok: Token, index: EntityIndex) -> bool:
    """Whether the name after "X," is an apposition to a noun other than X: in "the last
    king of Peru, Atahualpa, ..." the name is the king's, not a place containing Peru."""
    own = index.token_entity.get(obj_tok.i)
    root = obj_tok
    while root.head.i != root.i and own is not None and index.token_entity.get(root.head.i) == own:
        root = root.head
    if root.dep_ != "appos":
        return False
    host = index.token_entity.get(root.head.i)
    # a chain of places may hang each name on the first ("Ely, Cambridgeshire, England")
    return host != index.token_entity.get(subj_tok.i) and (host is None or index.labels[host] not in PLACE_LABELS)


def _couple_subject(verb: Token, subject: Token, other: Token) -> bool:
    """ "A and B married": the subject is the two alone, and the verb takes no object or "to"
    ("A and B married other people", "were married to others" say nothing of the two)."""
    if any(c.dep_ in {"dobj", "attr", "oprd"} or (c.dep_ == "prep" and c.lower_ == "to") for c in verb.children):
        return False
    more = [c for c in (*subject.children, *other.children) if c.dep_ == "conj" and c.i != other.i]
    return not more and other.head.i == subject.i


def _starts_list(token: Token) -> bool:
    """Whether the entity starting at ``token`` is followed by "and"/"or", directly or after
    more comma-separated entities: then "A, B" was a list, not a place and its container."""
    doc = token.doc
    i = token.i
    while i < len(doc):
        i += 1  # past the entity's first token, then the rest of it
        while i < len(doc) and doc[i].ent_iob_ == "I":
            i += 1
        if i >= len(doc):
            return False
        if doc[i].lower_ in LIST_WORDS:
            return _entity_follows(doc, i + 1, token.ent_type_)
        if doc[i].text == "," and i + 1 < len(doc):
            if doc[i + 1].lower_ in LIST_WORDS:
                return _entity_follows(doc, i + 2, token.ent_type_)
            if doc[i + 1].ent_iob_ == "B":
                i += 1  # the next entity of a possible list
                continue
        return False
    return False


def _countries(index: EntityIndex, *entities: int) -> bool:
    return all(tables.is_country(index.names[e] if e < len(index.names) else "") for e in entities)


def _listed(subject: Token, obj: Token) -> bool:
    """ "Sweden, Belgium, England win": countries the parse coordinates are a list (headlines
    drop the "and"), not a place and its container; "Ely, Cambridgeshire, England" is a chain."""
    if (obj.dep_ == "conj" and obj.head.i == subject.i) or (subject.dep_ == "conj" and subject.head.i == obj.i):
        return True
    return subject.dep_ == obj.dep_ == "conj" and subject.head.i == obj.head.i


def _third_country(subject: Token, obj: Token, index: EntityIndex) -> bool:
    """ "Sweden, Belgium, England win": a third country next to the two, after a comma, makes
    the three a list whatever the parse ("Ely, Cambridgeshire, England" has one country)."""
    doc = subject.doc
    _, obj_last = mention_bounds(index, obj.i) if obj.i in index.token_entity else (obj.i, obj.i)
    subj_first, _ = mention_bounds(index, subject.i) if subject.i in index.token_entity else (subject.i, subject.i)
    neighbours = []
    if obj_last + 2 < len(doc) and doc[obj_last + 1].text == ",":
        neighbours.append(obj_last + 2)
    if subj_first >= 2 and doc[subj_first - 1].text == ",":
        neighbours.append(subj_first - 2)
    return any(index.token_entity.get(i) is not None and _countries(index, index.token_entity[i]) for i in neighbours)


def _entity_follows(doc: Doc, i: int, label: str) -> bool:
    """Whether a place follows at ``i``: "Leeds, York and Hull" is a list of places, "Leeds,
    Yorkshire, and the University of Hull" is not."""
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    return i < len(doc) and doc[i].ent_iob_ == "B" and (doc[i].ent_type_ in PLACE_LABELS) == (label in PLACE_LABELS)


PLACE_LABELS = frozenset({"GPE", "LOC"})


# The words that qualify a fact, by kind: a fact's clause is searched for a kind only when
# the document holds one of its words (most hold none of some kinds).
_CUES = (
    ("hedge", "LOWER", HEDGE_MODALS),
    ("condition", "LOWER", CONDITIONAL_MARKERS),
    ("negation", "LOWER", NEGATION_WORDS),  # "no longer" too: "no" is one of them
    ("negation", "DEP", frozenset({"neg"})),
    ("denial", "LEMMA", NEGATING_VERBS),
)


@functools.cache
def _cue_hashes() -> tuple[tuple[str, str, frozenset[int]], ...]:
    return tuple((kind, attr, word_hashes(words)) for kind, attr, words in _CUES)


def _cues(doc: Doc) -> frozenset[str]:
    """The kinds of qualifying words (``_CUES``) the document holds, from its columns."""
    table = columns(doc)
    return frozenset(kind for kind, attr, hashes in _cue_hashes() if not table.index(attr).present.isdisjoint(hashes))


def _sentence_numbers(doc: Doc) -> list[int]:
    """The sentence number of each token, from the sentence starts in the document's columns."""
    return columns(doc).sentence_numbers


def _label_ok(label: str, allowed: frozenset[str]) -> bool:
    return "*" in allowed or label in allowed


def _path_to(token: Token, top: Token) -> list[Token]:
    path = []
    while token.i != top.i and token.head.i != token.i:
        path.append(token)
        token = token.head
    return path
