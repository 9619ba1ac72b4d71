"""Mentions to entities: the step between a document's clean mentions and its facts.

The name mentions of a parsed ``Doc`` (``factx.mentions``) are merged into entities by
``factx.aliases``, which knows no spaCy; a name found again by its surface form (a
``repeated`` mention) joins the entity that holds the same form. ``merge`` gives the
``DocumentEntities``: each entity's mentions and the entity of each of their tokens.

From them come the token spans of entities and dates with their labels
(``labelled_spans``), what the relation patterns match entity labels on; the
``EntityIndex`` the fact layer resolves arguments with, pronouns and descriptions
included (``entity_index``); and the result's ``Entity`` objects (``build``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from . import aliases, labels, mentions, tables
from .relations import EntityIndex
from .types import DateMention, Entity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# A date's token span and the date: (first token, end token, date)
DateTokens = tuple[int, int, DateMention]


@dataclass(frozen=True, slots=True)
class DocumentEntities:
    """A document's entities: ``clusters[i]`` is entity ``i`` (its name, label, aliases);
    ``members[i]`` its mentions, as indices into ``mentions``; ``token_entity`` the
    entity of every token of those mentions; ``decisions[i]`` why entity ``i`` has its
    label (``factx.labels``)."""

    mentions: list[mentions.RawMention]
    clusters: list[aliases.Cluster]
    members: list[list[int]]
    token_entity: dict[int, int]
    decisions: list[labels.Decision]

    @property
    def labels(self) -> list[str]:
        return [c.label for c in self.clusters]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.clusters]


def merge(doc: Doc, raw: list[mentions.RawMention], *, settings: aliases.MergeSettings) -> DocumentEntities:
    """The entities of ``raw``, the name mentions ``mentions.find`` found in ``doc``."""
    tagged = [j for j, m in enumerate(raw) if not m.repeated]
    clusters = aliases.merge(
        [aliases.NameMention(raw[j].text, raw[j].label, raw[j].start, raw[j].end) for j in tagged],
        settings=settings,
        distinct=mentions.distinct_names(doc, raw),
    )
    members = _members(raw, tagged, clusters)
    # the label follows the strongest evidence of the whole document, not the vote alone
    decisions = labels.decide(
        doc,
        [c.label for c in clusters],
        [[(raw[j].token_start, raw[j].token_end) for j in group] for group in members],
        [[raw[j].text for j in group] for group in members],
    )
    clusters = [
        c if d.label == c.label else replace(c, label=d.label) for c, d in zip(clusters, decisions, strict=True)
    ]
    token_entity: dict[int, int] = {}
    for i, group in enumerate(members):
        for j in group:
            for t in range(raw[j].token_start, raw[j].token_end):
                token_entity[t] = i
    return DocumentEntities(raw, clusters, members, token_entity, decisions)


def _members(raw: list[mentions.RawMention], tagged: list[int], clusters: list[aliases.Cluster]) -> list[list[int]]:
    """Indices into ``raw`` of each cluster's mentions: the clustered ones, and each repeated
    name with the cluster that holds the same surface form (or none, if no cluster does)."""
    members = [[tagged[k] for k in c.members] for c in clusters]
    by_text: dict[str, int] = {}
    for i, group in enumerate(members):
        for j in group:
            by_text.setdefault(raw[j].text, i)
    for j, m in enumerate(raw):
        if m.repeated and m.text in by_text:
            members[by_text[m.text]].append(j)
    for group in members:
        group.sort()
    return members


def _nations(clusters: list[aliases.Cluster]) -> dict[int, int]:
    """Demonym entity -> the entity of the country it names, when the document names it."""
    countries: dict[str, int] = {}
    for i, c in enumerate(clusters):
        if c.label in {"GPE", "LOC"}:
            for form in (c.name, *c.aliases):
                country = tables.country_of_alias(form) or form
                countries.setdefault(tables.table_key(country), i)
    out: dict[int, int] = {}
    for i, c in enumerate(clusters):
        if c.label != "NORP":
            continue
        for place in sorted(tables.place_of_demonym(c.name)):
            target = countries.get(tables.table_key(place))
            if target is not None and target != i:
                out[i] = target
                break
    return out


def date_spans(doc: Doc, found: list[DateMention], taken: Mapping[int, int]) -> list[DateTokens]:
    """The token span of each date in ``found`` that no entity's token (``taken``) is part of."""
    out = []
    for d in found:
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is not None and not any(t in taken for t in range(span.start, span.end)):
            out.append((span.start, span.end, d))
    return out


def labelled_spans(doc: Doc, found: DocumentEntities, dates: list[DateTokens]) -> list[Span]:
    """Every mention of an entity with the entity's label and every date as DATE, in token
    order; where two overlap, the one that starts first (then the shorter) is kept."""
    from spacy.tokens import Span

    labels = found.labels
    spans = [
        (found.mentions[j].token_start, found.mentions[j].token_end, labels[i])
        for i, group in enumerate(found.members)
        for j in group
    ]
    spans += [(s, e, "DATE") for s, e, _ in dates]
    spans.sort()
    kept: list[Span] = []
    end = -1
    for s, e, label in spans:
        if s >= end and s < e:
            kept.append(Span(doc, s, e, label=label))
            end = e
    return kept


def entity_index(doc: Doc, found: DocumentEntities) -> EntityIndex:
    """The fact layer's index of ``doc``'s entities, with its descriptions ("X is a village":
    "the village") and pronouns resolved."""
    index = EntityIndex(doc, found.token_entity, found.labels, nation=_nations(found.clusters), names=found.names)
    index.find_descriptions()
    index.resolve_pronouns()
    return index


def build(doc: Doc, found: DocumentEntities, index: EntityIndex, *, explain: bool = False) -> tuple[Entity, ...]:
    """The result's entities: ``e0``, ``e1``... with their mentions, resolved pronouns
    included, in text order; with ``explain``, why each alias joined and why the entity
    has its label."""
    raw = found.mentions
    pronouns: dict[int, list[Mention]] = {}
    for tok_i, ent in index.pronouns.items():
        tok = doc[tok_i]
        pronouns.setdefault(ent, []).append(Mention(tok.idx, tok.idx + len(tok.text), tok.text, kind="pronoun"))
    return tuple(
        Entity(
            id=f"e{i}",
            name=c.name,
            label=c.label,
            aliases=tuple(c.aliases),
            mentions=tuple(
                sorted(
                    [Mention(raw[j].start, raw[j].end, raw[j].text) for j in found.members[i]] + pronouns.get(i, []),
                    key=lambda m: m.start,
                )
            ),
            explanation=(
                {
                    "aliases": {a: dict(c.explanations[a]) for a in c.aliases},
                    "label": found.decisions[i].explanation(),
                }
                if explain
                else None
            ),
        )
        for i, c in enumerate(found.clusters)
    )
