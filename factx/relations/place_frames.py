"""Place frames: the noun-phrase constructions that put an organization, facility or event in
a place, or one institution inside another, without a verb.

- ``of``: "Colorado State University of the US", "the University of Leeds of the UK";
- ``from``: "Immortals, from Brazil" (an organization from a country);
- ``possessive``: "Mecca's Grand Mosque", "Norway's state oil company Statoil", and for a
  city, "France's second city, Lyon", "the nation's capital, Wellington" ("the nation" is
  the one country the text has just named);
- ``premodifier``: "US team Cloud9", "Brazilian club Flamengo" (a place or its demonym before
  a common noun that names the organization);
- ``name``: a place's name opening an organization's ("US National Science Foundation") or
  closing it after "of" ("the University of Alberta"; not "the Embassy of France") when the
  text names that place too;
- ``dateline``: "BANGKOK, Thailand (AP) --" (the agency in the places it files from; see
  ``factx.datelines``);
- ``seat``: "at Acme headquarters in Leeds" (headquartered_in);
- ``apposition``: "the University of Leeds, Harrogate" (a town alone in apposition);
- ``at``: "the Weatherspoon Art Museum at the University of Leeds" (part_of the institution).

Coordinated subjects share the place: "MIT and Colorado State University of the US". A
place named in a list of three or more ("Sweden, Belgium, England win") is not a container:
lists are for the geographic patterns' ``not_list`` filter, and these frames never read one.
The fact layer resolves, checks labels and qualifies the facts as for every frame.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import datelines, tables
from .frames import FrameFact, mention_bounds

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .resolve import EntityIndex

PLACES = frozenset({"GPE", "LOC"})
HOLDERS = frozenset({"ORG", "FAC", "EVENT"})
INSTITUTIONS = frozenset({"ORG", "FAC"})
CONFIDENCE = {
    "of": 0.8,
    "from": 0.75,
    "possessive": 0.8,
    "premodifier": 0.8,
    "name": 0.7,
    "at": 0.75,
    "in": 0.8,
    "dateline": 0.7,
    "seat": 0.8,
    "apposition": 0.7,
}
# Nouns of an organization's seat: "Acme headquarters in Leeds"
SEAT_NOUNS = frozenset({"headquarters", "hq", "office", "offices"})
CONJ_FACTOR = 0.9


class PlaceFrames:
    """The place frames of one document: call ``facts(doc, index)``."""

    def facts(self, doc: Doc, index: EntityIndex) -> list[FrameFact]:
        out: list[FrameFact] = []
        heads = _mention_heads(doc, index)
        for head in heads:
            label = index.labels[index.token_entity[head.i]]
            if label == "GPE":  # "France's second city, Lyon"
                out.extend(
                    FrameFact("place.possessive", "located_in", place, head.i, place, None, CONFIDENCE["possessive"])
                    for place in _possessor_of_apposition(head, index)
                )
                continue
            if label not in HOLDERS:
                continue
            for frame, trigger, place, relation in self._places(head, index):
                out.append(FrameFact(f"place.{frame}", relation, trigger, head.i, place, None, CONFIDENCE[frame]))
                if frame != "of":  # "the IRS and Hanover Trust of New York": the "of" is the last one's
                    for other in _conjuncts(head, index):
                        out.append(
                            FrameFact(
                                f"place.{frame}+coordination",
                                relation,
                                trigger,
                                other.i,
                                place,
                                None,
                                CONFIDENCE[frame] * CONJ_FACTOR,
                            )
                        )
        out.extend(self._name_prefixes(doc, index, heads))
        out.extend(_datelines(doc, index))
        return out

    def _places(self, head: Token, index: EntityIndex) -> Iterator[tuple[str, int, int, str]]:
        """(frame, trigger token, place token, relation) of one organization's mention head."""
        own = index.token_entity[head.i]
        label = index.labels[own]
        if any(c.dep_ == "appos" and c.like_num for c in head.children):
            return  # "Jane Roe, 50, of Leeds": an age makes the name a person's, whatever its label
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "from", "at", "in"}:
                for pobj in child.children:
                    e = index.token_entity.get(pobj.i)
                    if pobj.dep_ != "pobj" or e is None or e == own:
                        continue
                    if index.labels[e] in PLACES and child.lower_ in {"of", "from"}:
                        yield child.lower_, child.i, pobj.i, "located_in"
                    elif index.labels[e] in INSTITUTIONS and child.lower_ == "at" and label in INSTITUTIONS:
                        yield "at", child.i, pobj.i, "part_of"
            elif child.dep_ == "poss":
                e = index.token_entity.get(child.i)
                if e is not None and e != own and index.labels[e] in PLACES:
                    yield "possessive", child.i, child.i, "located_in"
            elif (
                child.dep_ in {"compound", "amod", "nmod"}
                and child.pos_ == "NOUN"
                and child.i not in index.token_entity
            ):
                # "US team Cloud9": the place hangs on the common noun before the name
                for mod in child.children:
                    e = index.token_entity.get(mod.i)
                    if mod.dep_ in {"compound", "amod", "nmod"} and e is not None and index.labels[e] in PLACES:
                        yield "premodifier", child.i, mod.i, "located_in"
        for place in _possessor_of_apposition(head, index):
            yield "possessive", place, place, "located_in"
        seat = head.head
        if head.dep_ in {"compound", "poss"} and seat.lower_ in SEAT_NOUNS and seat.i not in index.token_entity:
            # "at Acme headquarters in Leeds", "Acme's head office in Leeds"
            for prep in seat.children:
                if prep.dep_ == "prep" and prep.lower_ == "in":
                    for pobj in prep.children:
                        e = index.token_entity.get(pobj.i)
                        if pobj.dep_ == "pobj" and e is not None and index.labels[e] in PLACES:
                            yield "seat", seat.i, pobj.i, "headquartered_in"
        for child in head.children:
            # "the University of Leeds, Harrogate": a campus town in apposition, alone (not
            # the first of a list of places)
            e = index.token_entity.get(child.i)
            if (
                child.dep_ == "appos"
                and e is not None
                and e != own
                and index.labels[e] == "GPE"
                and not any(c.dep_ in {"conj", "cc"} for c in child.children)
                and not any(c.dep_ == "conj" for c in head.children)
            ):
                yield "apposition", child.i, child.i, "located_in"

    @staticmethod
    def _name_prefixes(doc: Doc, index: EntityIndex, heads: list[Token]) -> Iterator[FrameFact]:
        """ "US National Science Foundation": an organization's name that opens with the name of
        a place the text names elsewhere."""
        place_names: dict[str, tuple[int, int]] = {}  # name -> (entity, its first token)
        for head in heads:
            e = index.token_entity[head.i]
            if index.labels[e] not in PLACES:
                continue
            i, k = mention_bounds(index, head.i)
            text = doc[i : k + 1].text
            place_names[tables.table_key(text)] = (e, i)
            country = tables.country_of_alias(text)
            if country is not None:
                place_names.setdefault(tables.table_key(country), (e, i))
        if not place_names:
            return
        for head in heads:
            own = index.token_entity[head.i]
            if index.labels[own] not in INSTITUTIONS:
                continue
            first, _last = mention_bounds(index, head.i)
            if doc[first].lower_ == "the":
                first += 1
            e0 = index.token_entity.get(first)
            if doc[first].ent_type_ == "NORP" or (e0 is not None and e0 != own and index.labels[e0] == "NORP"):
                continue
            for width in (3, 2, 1):
                if first + width > head.i:  # the place is a prefix, not the whole name
                    continue
                words = doc[first : first + width].text
                key = tables.table_key(words)
                place = place_names.get(key)
                if place is None:
                    country = tables.country_of_alias(words)
                    place = place_names.get(tables.table_key(country)) if country else None
                if place is None:  # "Haitian Parliament" where the text names Haiti
                    for nation in sorted(tables.place_of_demonym(words)):
                        place = place_names.get(tables.table_key(nation))
                        if place is not None:
                            break
                if place is not None and place[0] != own:
                    yield FrameFact("place.name", "located_in", first, head.i, place[1], None, CONFIDENCE["name"])
                    break
            else:
                yield from _name_of_place(doc, index, head, first, place_names)


# "the Embassy of France (in Oslo)": bodies named after the place they represent elsewhere.
ABROAD_HEADS = frozenset({"embassy", "consulate", "mission", "delegation", "friends", "office"})


def _name_of_place(
    doc: Doc, index: EntityIndex, head: Token, first: int, place_names: dict[str, tuple[int, int]]
) -> Iterator[FrameFact]:
    """ "the University of Alberta", "Bank of Lanark": an organization's name that ends in
    "of" and a place the text names elsewhere."""
    own = index.token_entity[head.i]
    _, last = mention_bounds(index, head.i)
    of = next((i for i in range(last - 1, first, -1) if doc[i].lower_ == "of"), None)
    if of is None or last - of > 3 or any(t.lower_ in ABROAD_HEADS for t in doc[first:of]):
        return
    place = place_names.get(tables.table_key(doc[of + 1 : last + 1].text))
    if place is not None and place[0] != own:
        yield FrameFact("place.name", "located_in", of, head.i, place[1], None, CONFIDENCE["name"])


def _datelines(doc: Doc, index: EntityIndex) -> Iterator[FrameFact]:
    """ "BANGKOK, Thailand (AP) --": the agency that files from the dateline's places is in
    them (the wire service's bureau)."""
    for line in datelines.find(doc):
        agency = index.token_entity.get(line.agency[0])
        if agency is None or index.labels[agency] not in INSTITUTIONS:
            continue
        for start, _end in line.places:
            e = index.token_entity.get(start)
            if e is not None and e != agency and index.labels[e] in PLACES:
                yield FrameFact(
                    "place.dateline",
                    "located_in",
                    line.agency[0] - 1,
                    line.agency[0],
                    start,
                    None,
                    CONFIDENCE["dateline"],
                )


def _possessor_of_apposition(head: Token, index: EntityIndex) -> Iterator[int]:
    """ "North Korea's news agency, the Korean Central News Agency", "the nation's capital,
    Wellington": the name is the apposition of a common noun that carries a place's
    possessive (a name, or "the nation" for the country the text is about)."""
    own = index.token_entity[head.i]
    noun = head.head
    if head.dep_ != "appos" or noun.pos_ != "NOUN" or noun.i in index.token_entity:
        return
    for child in noun.children:
        if child.dep_ == "poss":
            e, _how = index.entity_of(child)
            if e is not None and e != own and index.labels[e] in PLACES:
                yield child.i


def _mention_heads(doc: Doc, index: EntityIndex) -> list[Token]:
    """The syntactic head of each entity mention: its token whose head lies outside it."""
    out = []
    ent = index.token_entity
    for i in sorted(ent):  # the entity tokens alone, in document order
        tok = doc[i]
        head = tok.head.i
        if ent.get(head) != ent[i] or head == i:
            out.append(tok)
    return out


def _conjuncts(head: Token, index: EntityIndex) -> list[Token]:
    """Organizations coordinated before ``head`` that share its place: "A and B of the US"."""
    out = []
    up = head
    own = index.token_entity[head.i]
    while up.dep_ == "conj" and up.head.i != up.i:
        up = up.head
        e = index.token_entity.get(up.i)
        if e is None or e == own or index.labels[e] not in HOLDERS:
            break
        if any(c.dep_ == "prep" for c in up.children):
            break  # it has a place of its own
        out.append(up)
    return out
