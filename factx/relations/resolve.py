"""Which entity a pattern's argument token stands for.

A token names an entity directly (it lies inside one of the entity's mentions), through
the syntax around it (a relative pronoun "who" stands for the noun its clause modifies,
or for the subject of "is" when that noun is the predicate: "X is a player who ...";
a common noun stands for the name in apposition or compound with it: "his wife, fellow
dancer Jenna Roe"), or through a pronoun.

Pronouns go to the most salient compatible person, with a small salience model:

Candidates must agree in gender with the pronoun when their gender is known: a kinship
noun gives the person it names one ("his wife, Ann": she), so does a title before a
mention ("Ms Roe", ``models/title_genders.tsv``) and a given name that tells it
(``models/given_names.tsv``: Kathryn is f, Jordan tells nothing); the first pronoun
resolved to a person gives a person none of these gave a gender for the rest of the
document.

0. a possessive in the second of two coordinated noun phrases ("his brother, Tom, and his
   father, Bob") means whom the first one's possessive meant, else
1. a person named earlier in the same sentence: the main clause's subject, else another
   clause's subject, else the nearest one (a relative named after a kinship noun, as in
   "his brother, Tom", is not a candidate), else
2. the persons named or resolved in the previous ``LOOKBACK_SENTENCES`` sentences, the
   nearest sentence first, its main clause's subject first, else
3. the person with the most mentions in the document so far.

A demonym ("American", "Ukrainian") that stands for a country the document also names is
resolved to that country's entity (``nation``), so "an American citizen" is a citizen of
the United States entity; when the country is not named the demonym entity stands.

A definite description ("the village", "this album") stands for X when an earlier sentence
said "X is a village" / "X is an album" of a non-person X. "The company", "the gallery",
"the party" and other nouns of organizations stand, like pronouns, for the nearest
organization named before whose name holds the noun ("the gallery" after "the Hadley Art
Gallery"); the nouns that name no kind ("the company", "the firm") for the one
organization named before, when there is only one.

"It" and "its" as a subject or possessor go to the non-person subject (an organization,
a place, a work) of the nearest earlier sentence that has one, within
``LOOKBACK_SENTENCES``: "The album was recorded in Oslo. It was released in 2004." A
pleonastic "it" stands for nothing: the subject of a weather verb ("it was raining") or
of "be", "seem" or "appear" with a clause after it ("it is important that ...", "it
seems that ...", "it was easy to see"). A pronoun inside a name ("Her Majesty's
Theatre") is part of the name, never a pronoun mention.
Only these and the singular personal pronouns are resolved (he, him, his, she, her, hers
and the reflexives); "they" and "we" are left alone, as are pronouns inside quotations'
first person ("I", "my"). Resolved pronouns are reported as mentions with
``kind: "pronoun"``.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from .._util import tokens_with, word_hashes

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
PERSONAL_PRONOUNS = frozenset(PRONOUN_GENDER)
# "it"/"its" as a subject or possessor stand for the thing an earlier sentence was about.
IMPERSONAL_PRONOUNS = frozenset({"it", "its"})
DEFINITE = frozenset({"the", "this"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})
RELATIVE_CLAUSE_DEPTH = 3  # words from a relative pronoun up to its clause's verb
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
LOOKBACK_SENTENCES = 3
# "the company", "the gallery": definite descriptions of an organization, resolved to the
# nearest one named before (KIND_LOOKBACK tokens back at most, so each costs the same).
KIND_NOUNS = frozenset(
    {
        "company",
        "firm",
        "group",
        "organization",
        "organisation",
        "corporation",
        "business",
        "club",
        "party",
        "band",
        "team",
        "university",
        "college",
        "school",
        "museum",
        "gallery",
        "agency",
        "ministry",
        "department",
        "bank",
        "newspaper",
        "magazine",
        "network",
        "channel",
        "league",
        "union",
        "foundation",
        "institute",
        "council",
        "committee",
        "airline",
        "studio",
        "label",
        "publisher",
        "charity",
        "hospital",
        "orchestra",
    }
)
# "It" as the subject of these verbs stands for nothing: "it was raining", "it seems that".
WEATHER_VERBS = frozenset({"rain", "snow", "hail", "drizzle", "pour", "thunder", "freeze", "sleet"})
EXTRAPOSING_VERBS = frozenset({"be", "seem", "appear", "become", "remain", "look"})
COUNTRY_NOUNS = frozenset({"nation", "country"})  # "the nation's capital": the country just named
GENERIC_KIND_NOUNS = frozenset({"company", "firm", "group", "organization", "organisation", "corporation", "business"})
KIND_LOOKBACK = 400
# Dependents of a common noun through which it stands for a name next to it.
NAME_LINK_DEPS = frozenset({"appos", "compound", "flat", "npadvmod", "nmod"})


@dataclass
class EntityIndex:
    """Token-level view of the entities of one parsed document."""

    doc: Doc
    token_entity: dict[int, int]  # token index -> entity index
    labels: list[str]  # entity index -> label
    pronouns: dict[int, int] = field(default_factory=dict)  # pronoun token -> entity index
    nation: dict[int, int] = field(default_factory=dict)  # demonym entity -> its country's entity
    # "X is a village ...", "the rock band X": later "the village", "band members" is X;
    # noun lemma -> (token of the noun, entity) in document order
    described: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)  # entity index -> its name (for explanations)

    def entity_of(self, token: Token) -> tuple[int | None, str]:
        """(entity index, how) for an argument token. How: ``direct`` (inside a mention),
        ``demonym`` ("American" for the United States), ``relative`` ("which", "who"),
        ``description`` ("the company" after "X is a company"), ``apposition`` (a common
        noun next to a name: "his wife, Jane Roe"), ``pronoun``; ``none`` when not found."""
        ent = self.token_entity.get(token.i)
        if ent is not None:
            if ent in self.nation:  # "an American citizen": the United States, when named
                return self.nation[ent], "demonym"
            return ent, "direct"
        lower = token.lower_
        if lower in RELATIVE_PRONOUNS and token.dep_ in SUBJECT_DEPS | {"dobj", "pobj", "poss"}:
            clause = _relative_clause(token)
            if clause is not None:
                noun = clause.head
                # "X is a player who ...": the clause describes the copula's subject
                if noun.dep_ == "attr" and noun.head.lemma_ == "be" and self.token_entity.get(noun.i) is None:
                    subjects = [c for c in noun.head.children if c.dep_ in SUBJECT_DEPS]
                    if subjects:
                        noun = subjects[0]
                ent, how = self.entity_of(noun)
                return ent, how if how != "direct" else "relative"
        if lower in PERSONAL_PRONOUNS or lower in IMPERSONAL_PRONOUNS:
            ent = self.pronouns.get(token.i)
            return ent, "pronoun"
        if token.pos_ == "NOUN" and token.lemma_ in self.described:
            determiners = [c.lower_ for c in token.children if c.dep_ == "det"]
            # "the band", or a bare noun that modifies another: "band members", "party leader"
            definite = determiners[0] in DEFINITE if determiners else token.dep_ == "compound"
            before = [ent for i, ent in self.described[token.lemma_] if i < token.i]
            if definite and before and not any(c.dep_ in NAME_LINK_DEPS for c in token.children):
                return before[-1], "description"
        if token.pos_ == "NOUN" and token.lemma_.lower() in COUNTRY_NOUNS:
            determiners = [c.lower_ for c in token.children if c.dep_ == "det"]
            if determiners and determiners[0] in DEFINITE:
                ent = self.salient_country(token)
                if ent is not None:
                    return ent, "description"
        if token.pos_ == "NOUN" and token.lemma_.lower() in KIND_NOUNS:
            determiners = [c.lower_ for c in token.children if c.dep_ == "det"]
            if determiners and determiners[0] in DEFINITE and not any(c.dep_ in NAME_LINK_DEPS for c in token.children):
                ent = self.salient_of_kind(token)
                if ent is not None:
                    return ent, "description"
        if token.pos_ in {"NOUN", "PROPN"}:
            for child in token.children:
                if child.dep_ in NAME_LINK_DEPS:
                    ent = self.token_entity.get(child.i)
                    if ent is not None:
                        return ent, "apposition"
        return None, "none"

    def salient_of_kind(self, token: Token) -> int | None:
        """What "the company", "the gallery", "the party" stand for: the nearest organization
        named in the last ``KIND_LOOKBACK`` tokens whose name holds the noun ("the gallery"
        after "the Hadley Art Gallery"), else, for a noun that names no kind in particular
        ("the company", "the firm"), the one organization named in that stretch, if only one is."""
        lemma = token.lemma_.lower()
        named: set[int] = set()
        for i in range(token.i - 1, max(-1, token.i - KIND_LOOKBACK), -1):
            ent = self.token_entity.get(i)
            if ent is None or self.labels[ent] not in {"ORG", "FAC"}:
                continue
            if self.doc[i].lemma_.lower() == lemma or self.doc[i].lower_ == token.lower_:
                return ent
            named.add(ent)
        # "the company" with two companies named before is anyone's guess: only a lone one
        return next(iter(named)) if lemma in GENERIC_KIND_NOUNS and len(named) == 1 else None

    def salient_country(self, token: Token) -> int | None:
        """What "the nation" or "the country" stands for: the country named in the last
        ``KIND_LOOKBACK`` tokens, if only one is or one is named at least twice as often as
        any other (the country a report is about, beside one it mentions)."""
        from .. import tables

        mentions: Counter[int] = Counter()
        i = token.i - 1
        while i > max(-1, token.i - KIND_LOOKBACK):
            ent = self.token_entity.get(i)
            if ent is not None and self.labels[ent] == "GPE" and self.token_entity.get(i - 1) != ent:
                name = self.names[ent] if ent < len(self.names) else ""
                if tables.is_country(name):
                    mentions[ent] += 1
            i -= 1
        ranked = mentions.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]):
            return None
        return ranked[0][0]

    @staticmethod
    def referent(token: Token) -> Token | None:
        """The noun a relative pronoun stands for, for explanations; None for other tokens."""
        if token.lower_ not in RELATIVE_PRONOUNS:
            return None
        clause = _relative_clause(token)
        return clause.head if clause is not None else None

    def find_descriptions(self) -> None:
        """Record "X is a <noun>" so that a later "the <noun>" stands for X."""
        for sent in self.doc.sents:
            root = sent.root
            if root.lemma_ != "be":
                continue
            subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS]
            nouns = [c for c in root.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
            if not subjects or not nouns:
                continue
            ent = self.token_entity.get(subjects[0].i)
            if ent is not None and self.labels[ent] != "PERSON":
                self.described.setdefault(nouns[0].lemma_, []).append((nouns[0].i, ent))
        # "the rock band Tin Roof", "the band, Tin Roof": a kind noun beside an organization's name
        for i, ent in self.token_entity.items():
            tok = self.doc[i]
            if self.labels[ent] not in {"ORG", "FAC"} or self.token_entity.get(tok.head.i) == ent:
                continue  # the mention's head word only
            nouns = [c for c in tok.children if c.dep_ in {"compound", "nmod"} and c.pos_ == "NOUN"]
            if tok.dep_ == "appos" and tok.head.pos_ == "NOUN":
                nouns.append(tok.head)
            for noun in nouns:
                if noun.lemma_.lower() in KIND_NOUNS and self.token_entity.get(noun.i) is None:
                    self.described.setdefault(noun.lemma_, []).append((noun.i, ent))
        for found in self.described.values():
            found.sort()

    def resolve_pronouns(self) -> None:
        """Fill ``pronouns`` for the whole document, in reading order."""
        from .. import tables

        kinship = tables.kinship_nouns()
        persons = {i for i, label in enumerate(self.labels) if label == "PERSON"}
        counts: Counter[int] = Counter()
        # Only the last LOOKBACK_SENTENCES sentences' persons and things can be antecedents:
        # older ones are dropped, so that each pronoun costs the same however long the
        # document (scanning the whole history for each is quadratic in its length).
        history: deque[tuple[int, int, int]] = deque()  # (sentence number, entity, role rank)
        things: deque[tuple[int, int, int]] = deque()  # non-person subjects: (sentence, entity, role rank)
        # entity -> "m"/"f", from kinship nouns, titles, given names and pronouns
        gender = {**self._name_genders(persons), **self._kin_genders(kinship)}
        doc = self.doc
        # Only entity tokens and pronouns do anything below: they are looked up once in the
        # token array, so that the other words of each sentence cost nothing.
        wanted = sorted(self.token_entity.keys() | tokens_with(doc, _pronoun_hashes()))
        at = 0
        for number, sent in enumerate(doc.sents):
            for recent in (history, things):
                while recent and recent[0][0] < number - LOOKBACK_SENTENCES:
                    recent.popleft()
            in_sentence: list[tuple[int, int, int]] = []  # (token index, entity, role rank)
            first = at
            while at < len(wanted) and wanted[at] < sent.end:
                at += 1
            for i in wanted[first:at]:
                token = doc[i]
                ent = self.token_entity.get(token.i)
                if ent is not None and ent not in persons and _role_rank(token):
                    things.append((number, ent, _role_rank(token)))
                if ent is None and token.lower_ in IMPERSONAL_PRONOUNS and token.dep_ in SUBJECT_DEPS | {"poss"}:
                    target = None if _pleonastic(token) else _topic(things, number)
                    if target is not None:
                        self.pronouns[token.i] = target
                    continue
                if ent is not None and ent in persons:
                    if self.token_entity.get(token.i - 1) != ent:  # first token of a mention
                        counts[ent] += 1
                    # a relative named after a kinship noun ("his brother, Tom") is not the
                    # topic, unless that noun phrase is the subject itself
                    if not _names_a_relative(token, kinship) or _role_rank(token):
                        in_sentence.append((token.i, ent, _role_rank(token)))
                    continue
                if ent is not None:
                    continue  # "Her" of "Her Majesty's Theatre" is a word of the name
                if token.lower_ not in PERSONAL_PRONOUNS or token.pos_ != "PRON":
                    continue
                want = PRONOUN_GENDER[token.lower_]
                target = self._possessor_parent(token) or self._parallel(token)
                if target is None:
                    owner = self._coordinated_owner(token, kinship)
                    if owner is not None and gender.get(owner, want) == want:
                        target = owner
                if target is None:
                    bound = self._kin_subject(token, kinship)  # "X is his son": "his" is not X
                    agree = [c for c in in_sentence if gender.get(c[1], want) == want and c[1] != bound]
                    agree_history = [h for h in history if gender.get(h[1], want) == want and h[1] != bound]
                    # with a candidate nearby, counts only rank candidates, which agree; the
                    # document's agreeing persons are counted only when there is none
                    agree_counts = (
                        counts
                        if agree or agree_history
                        else Counter({e: n for e, n in counts.items() if gender.get(e, want) == want and e != bound})
                    )
                    target = self._antecedent(agree, agree_history, number, agree_counts)
                if target is not None:
                    self.pronouns[token.i] = target
                    gender.setdefault(target, want)
                    in_sentence.append((token.i, target, _role_rank(token)))
            history.extend((number, ent, rank) for _, ent, rank in in_sentence)

    def _possessor_parent(self, token: Token) -> int | None:
        """ "X was the son of Karl by his wife Greta": "his" is the parent the child role names
        (Karl), not the clause's subject."""
        if token.dep_ != "poss":
            return None
        parent = self.parent_before_spouse(token.head)
        return None if parent is None else self.token_entity[parent.i]

    def parent_before_spouse(self, noun: Token) -> Token | None:
        """The parent a child role names when ``noun`` is a spouse noun in that role's "by" or
        "with" phrase ("the son of Karl by his wife Greta": Karl, whose wife she is)."""
        from .. import tables

        kinship = tables.kinship_nouns()
        prep = noun.head
        kin = kinship.get(noun.lower_)
        if kin is None or kin[0] != "spouse" or noun.dep_ != "pobj" or prep.lower_ not in {"by", "with"}:
            return None
        host = prep.head
        for child in [host] if host.pos_ == "NOUN" else [c for c in host.children if c.dep_ == "attr"]:
            if (kinship.get(child.lower_) or ("",))[0] != "child":
                continue
            for of in child.children:
                if of.dep_ == "prep" and of.lower_ == "of":
                    for obj in of.children:
                        ent = self.token_entity.get(obj.i)
                        if obj.dep_ == "pobj" and ent is not None and self.labels[ent] == "PERSON":
                            return obj
        return None

    def _kin_subject(self, token: Token, kinship: Mapping[str, tuple[str, str]]) -> int | None:
        """The person a possessive cannot stand for: the subject of the copula whose attribute
        is the possessed kinship noun ("Jane Roe is his wife", "X is his son with ...")."""
        noun = token.head
        if token.dep_ != "poss" or noun.lower_ not in kinship:
            return None
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ in {"by", "with"}:
            verb = verb.head  # "X is his son with his wife Y": "his wife" is not X's either
            if not any(c.dep_ == "attr" and (kinship.get(c.lower_) or ("",))[0] == "child" for c in verb.children):
                return None
        elif noun.dep_ != "attr":
            return None
        for subject in verb.children:
            if subject.dep_ in SUBJECT_DEPS and subject.i in self.token_entity:
                return self.token_entity[subject.i]
        return None

    def _name_genders(self, persons: set[int]) -> dict[int, str]:
        """Genders that titles before a mention ("Ms Roe") and given names that tell one
        ("Kathryn Roe") give persons; a person given both genders gets none."""
        from .. import tables

        titles, given = tables.title_genders(), tables.given_name_genders()
        found: dict[int, set[str]] = {}
        for ent in persons:
            words = self.names[ent].split() if ent < len(self.names) else []
            gender = given.get(words[0].casefold()) if words else None
            if gender in {"f", "m"}:  # "-": a name of both genders tells none
                found.setdefault(ent, set()).add(gender)
        doc = self.doc
        for i, ent in self.token_entity.items():
            if ent not in persons or self.token_entity.get(i - 1) == ent:
                continue  # the first token of a mention only
            for t in (doc[i - 1] if i > 0 else None, doc[i]):
                if t is not None and t.lower_.rstrip(".") in titles:
                    found.setdefault(ent, set()).add(titles[t.lower_.rstrip(".")])
        return {ent: next(iter(g)) for ent, g in found.items() if len(g) == 1}

    def _kin_genders(self, kinship: Mapping[str, tuple[str, str]]) -> dict[int, str]:
        """Genders that kinship nouns give the people they name: "his wife, Ann" (f)."""
        out: dict[int, str] = {}
        doc = self.doc
        for i in tokens_with(doc, _kinship_hashes()):
            tok = doc[i]
            kin = kinship.get(tok.lower_)
            if kin is None or kin[1] not in {"m", "f"}:
                continue
            named = [c for c in tok.children if c.dep_ in {"appos", "npadvmod"}]
            if tok.dep_ == "compound":
                named.append(tok.head)
            for t in named:
                ent = self.token_entity.get(t.i)
                if ent is not None and self.labels[ent] == "PERSON":
                    out.setdefault(ent, kin[1])
        return out

    def _coordinated_owner(self, token: Token, kinship: Mapping[str, tuple[str, str]]) -> int | None:
        """ "Karl Roe and his wife Greta", "born to Karl Roe and his wife, Greta": a possessive
        on a kinship noun (or a name it precedes) coordinated with a person's name means that
        person, whoever the sentence is about."""
        noun = token.head
        if token.dep_ != "poss" or noun.dep_ != "conj":
            return None
        if noun.lower_ not in kinship and not any(
            c.dep_ == "compound" and c.lower_ in kinship and c.i < noun.i for c in noun.children
        ):
            return None
        ent = self.token_entity.get(noun.head.i)
        if ent is None or self.labels[ent] != "PERSON" or self.token_entity.get(noun.i) == ent:
            return None
        return ent

    def _parallel(self, token: Token) -> int | None:
        """ "His brother, Tom, and his father, Bob": a possessive in the second of two
        coordinated noun phrases means whom the first one's possessive meant."""
        noun = token.head
        if token.dep_ != "poss" or noun.dep_ != "conj":
            return None
        first = noun.head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        for child in first.children:
            if child.dep_ == "poss" and child.i in self.pronouns:
                return self.pronouns[child.i]
        return None

    @staticmethod
    def _antecedent(
        in_sentence: list[tuple[int, int, int]],
        history: list[tuple[int, int, int]],
        number: int,
        counts: Counter[int],
    ) -> int | None:
        if in_sentence:
            # the main clause's subject, then another subject, then the nearest person
            best = max(in_sentence, key=lambda t: (t[2], t[0]))
            return best[1]
        for back in range(1, LOOKBACK_SENTENCES + 1):
            earlier = [(ent, rank) for n, ent, rank in history if n == number - back]
            if earlier:
                # the main clause's subject first, then any subject, then the most mentioned
                return max(earlier, key=lambda t: (t[1], counts[t[0]]))[0]
        if counts:
            return counts.most_common(1)[0][0]
        return None


def _relative_clause(pronoun: Token) -> Token | None:
    """The relative clause a relative pronoun opens, a few words up ("whose members are
    ...", "of which she was a member"); None when there is none."""
    clause = pronoun.head
    for _ in range(RELATIVE_CLAUSE_DEPTH):
        if clause.dep_ in {"relcl", "acl"} or clause.head.i == clause.i:
            break
        clause = clause.head
    return clause if clause.dep_ in {"relcl", "acl"} else None


@cache
def _pronoun_hashes() -> frozenset[int]:
    return word_hashes(PERSONAL_PRONOUNS | IMPERSONAL_PRONOUNS)


@cache
def _kinship_hashes() -> frozenset[int]:
    from .. import tables

    return word_hashes(tables.kinship_nouns())


def _pleonastic(token: Token) -> bool:
    """Whether "it" stands for nothing: the subject of a weather verb ("it was raining"),
    or of "be", "seem" or "appear" with a clause after it ("it is important that ...", "it
    seems that ...", "it was hard to tell")."""
    if token.lower_ != "it" or token.dep_ not in SUBJECT_DEPS:
        return False
    verb = token.head
    if verb.lemma_.lower() in WEATHER_VERBS:
        return True
    if verb.lemma_.lower() not in EXTRAPOSING_VERBS:
        return False
    clause_deps = {"ccomp", "xcomp", "csubj", "advcl"}
    if any(c.dep_ in clause_deps and c.i > token.i for c in verb.children):
        return True
    # "it is important to ...": the clause hangs from the adjective
    return any(c.dep_ in {"acomp", "attr"} and any(g.dep_ in clause_deps for g in c.children) for c in verb.children)


def _topic(things: Iterable[tuple[int, int, int]], number: int) -> int | None:
    """What "it" stands for: the nearest earlier sentence's non-person subject (main clause
    first) within ``LOOKBACK_SENTENCES``; "it" in a sentence's own subject is not resolved."""
    for back in range(1, LOOKBACK_SENTENCES + 1):
        earlier = [(ent, rank) for n, ent, rank in things if n == number - back]
        if earlier:
            return max(earlier, key=lambda t: t[1])[0]
    return None


def _role_rank(token: Token) -> int:
    """2 for the subject of a main clause, 1 for another subject, 0 otherwise."""
    head = token
    while head.dep_ in {"compound", "flat", "appos"} and head.head.i != head.i:
        head = head.head
    if head.dep_ not in SUBJECT_DEPS:
        return 0
    return 2 if head.head.dep_ == "ROOT" else 1


def _names_a_relative(token: Token, kinship: object) -> bool:
    head = token
    while head.dep_ in {"compound", "flat"} and head.head.i != head.i:
        head = head.head
    if any(c.dep_ == "compound" and c.lower_ in kinship for c in head.children):  # type: ignore[operator]
        return True
    return head.dep_ in {"appos", "conj"} and head.head.lower_ in kinship  # type: ignore[operator]
