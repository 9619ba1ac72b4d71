"""The gazetteer frame: a city or province the sentence names lies in the country or US
state it names.

"The Courier is a weekly printed in Fresno, California, in the United States", "She died
in Bergen (Norway)", "the Spanish region of Andalusia, ... mayor of Malaga": a sentence
often names a city and the larger place it lies in without a
construction that says so. ``models/places.tsv`` (GeoNames, CC BY 4.0, and the first-level
divisions of ISO 3166-2: "Andalusia", "Hokkaido") says which countries and states
have a city or a province of that name; when the sentence names exactly one of
them, the city ``located_in`` it (frame ``gazetteer``, trigger the city's name). With the
``document_places`` setting, a city whose sentence names none lies in the one country or
state of its name that the rest of the document names (frame ``gazetteer+document``, at a
lower confidence): an article about Toronto that says "Canada" two sentences on. It is on by
default. Only a city that no sentence of the document puts anywhere takes a container this
way ("Springfield, Illinois" keeps Illinois alone), and containment chains do not go through
such a link. With the same setting, a city its sentence names with a province or state right
after it lies in the country the rest of the document names when the table puts both the
city and the province in it (frame ``gazetteer+region``: "Malaga, Andalusia ... Spain"), but
for a city of the United States, whose state stands for the country in American writing.

A city's name with several possible containers in the sentence ("Albany" with New York
and Georgia both named) states nothing, and so does a name the document also uses for a
person or an organization (the cluster's label decides: only GPE entities are cities).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from .. import tables
from .frames import FrameFact, mention_bounds

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .resolve import EntityIndex

CONFIDENCE = 0.75
DOCUMENT_CONFIDENCE = 0.5  # the container named elsewhere in the document
PLACE = "GPE"
# Tokens at most between the city and its container: "Sacramento, California, in the United
# States"; farther apart, the sentence names two places for other reasons ("Born in Athens,
# she came to the United States").
MAX_GAP = 6


@functools.cache
def _containers() -> Mapping[str, frozenset[str]]:
    """City key -> keys of the countries and US states that have a city of that name."""
    out: dict[str, frozenset[str]] = {}
    for city, rows in tables.places().items():
        keys = {_country_key(country) for country, _ in rows}
        keys |= {tables.table_key(state) for _, state in rows if state != "-"}
        out[city] = frozenset(keys)
    return MappingProxyType(out)


@functools.cache
def _country_keys() -> frozenset[str]:
    """The keys of every country the table puts a place in."""
    return frozenset(_country_key(country) for rows in tables.places().values() for country, _ in rows)


def _country_key(name: str) -> str:
    """One key for a country's names: "US", "U.S." and "United States" share it."""
    return tables.table_key(tables.country_of_alias(name) or name)


def _in_compound_word(doc: Doc, first: int, last: int) -> bool:
    """ "anti-Pyongyang", "Paris-based": the name is part of a word, standing for something else."""
    return (first > 0 and doc[first - 1].text == "-" and not doc[first - 1].whitespace_) or (
        last + 1 < len(doc) and doc[last + 1].text == "-" and not doc[last].whitespace_
    )


class GazetteerFrames:
    """The gazetteer frame of one document: call ``facts(doc, index)``; with ``document``,
    also the ``gazetteer+document`` frame."""

    def __init__(self, *, document: bool = False) -> None:
        self.document = document

    def facts(self, doc: Doc, index: EntityIndex) -> list[FrameFact]:
        containers = _containers()
        # the place mentions, by sentence: (first token, last token, entity, key); found from
        # the entity tokens alone, so a document's cost is its mentions, not its words
        places = [i for i, e in index.token_entity.items() if index.labels[e] == PLACE]
        if len(places) < 2:
            return []
        places.sort()
        by_sentence: dict[int, list[tuple[int, int, int, str]]] = {}
        for i in places:
            e = index.token_entity[i]
            if index.token_entity.get(i - 1) == e:
                continue  # inside a mention already taken
            first, last = mention_bounds(index, i)
            if not _in_compound_word(doc, first, last):
                by_sentence.setdefault(doc[first].sent.start, []).append(
                    (first, last, e, _country_key(doc[first : last + 1].text))
                )
        out: list[FrameFact] = []
        in_sentence: set[int] = set()
        for mentions in by_sentence.values():
            for first, last, e, key in mentions:
                candidates = containers.get(key)
                if not candidates:
                    continue
                named = [m for m in mentions if m[2] != e and m[3] in candidates]
                if len({m[3] for m in named}) != 1:
                    continue  # none, or two places that each have a city of the name
                near = [m for m in named if max(m[0] - last, first - m[1]) <= MAX_GAP]
                if near:
                    out.append(FrameFact("gazetteer", "located_in", first, first, near[0][0], None, CONFIDENCE))
                    in_sentence.add(e)
        if self.document:
            out.extend(self._document(by_sentence, containers, in_sentence))
            out.extend(self._via_region(by_sentence, containers))
        return out

    @staticmethod
    def _via_region(
        by_sentence: Mapping[int, list[tuple[int, int, int, str]]], containers: Mapping[str, frozenset[str]]
    ) -> list[FrameFact]:
        """ "Floods hit Malaga, Andalusia ... . Spain sent troops": a city that its sentence
        names with a state or province right after it lies in the country the rest of the
        document names, when the table puts both the city and the province in that country
        (frame ``gazetteer+region``, at the document frame's confidence). "London, Ontario"
        in a text that names only the United Kingdom gets nothing: Ontario is in Canada. Not a
        city of the United States: American writing names a city with its state ("Edgewater,
        New Jersey") and leaves the country unsaid even where the text names it for other
        reasons ("moved to the US"), and readers of the sentence list the state alone."""
        countries: dict[str, tuple[int, int]] = {}  # country key -> (sentence, first token) of its first mention
        for start, ms in sorted(by_sentence.items()):
            for first, _last, _e, key in ms:
                if key in _country_keys():
                    countries.setdefault(key, (start, first))
        if not countries:
            return []
        out = []
        seen: set[int] = set()
        united_states = _country_key("United States")
        for start, ms in by_sentence.items():
            for first, last, e, key in ms:
                if e in seen or key not in containers:
                    continue
                if united_states in containers[key]:
                    continue  # a US city's state stands for its country (see above)
                region = next((m for m in ms if m[2] != e and 0 < m[0] - last <= MAX_GAP and m[3] in containers), None)
                if region is None:
                    continue
                found = [
                    countries[k]
                    for k in containers[key] & containers[region[3]]
                    if k in countries and countries[k][0] != start
                ]
                if len(found) == 1:
                    seen.add(e)
                    out.append(
                        FrameFact(
                            "gazetteer+region", "located_in", first, first, found[0][1], None, DOCUMENT_CONFIDENCE
                        )
                    )
        return out

    @staticmethod
    def _document(
        by_sentence: Mapping[int, list[tuple[int, int, int, str]]],
        containers: Mapping[str, frozenset[str]],
        done: set[int],
    ) -> list[FrameFact]:
        """ "Toronto ... . The band toured Canada": a city lies in the one country or US state
        of its name that the document names anywhere (frame ``gazetteer+document``, at a lower
        confidence: no sentence says it, the gazetteer and the document's places do)."""
        mentions = [m for ms in by_sentence.values() for m in ms]
        sentence_of = {m[0]: start for start, ms in by_sentence.items() for m in ms}
        first_of: dict[str, tuple[int, int, int, str]] = {}
        for m in sorted(mentions):
            first_of.setdefault(m[3], m)
        out = []
        seen: set[int] = set()
        for first, _last, e, key in sorted(mentions):
            if e in done or e in seen:
                continue
            seen.add(e)
            # Only a container first named in another sentence: within one sentence the window
            # above decides. The pairs it leaves are true as a rule (every one on CoNLL04 dev
            # was), but such single-sentence gold does not list them, and a sentence that
            # names two places far apart most often says something else of them.
            named = {
                k
                for k in containers.get(key, ())
                if k in first_of and first_of[k][2] != e and sentence_of[first_of[k][0]] != sentence_of[first]
            }
            if len(named) == 1:
                container = first_of[named.pop()]
                out.append(
                    FrameFact("gazetteer+document", "located_in", first, first, container[0], None, DOCUMENT_CONFIDENCE)
                )
        return out
