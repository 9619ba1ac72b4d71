"""The forms of one document: its mentions grouped by form key, each form with a class by
vote and the tokens the rules compare (steps 1 and 2 of :mod:`factx.aliases`)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .names import NameWords, country, form_key, initials
from .settings import MergeSettings


@dataclass(frozen=True)
class NameMention:
    """One named-entity mention of a document, as the NER found and cleaned it."""

    text: str
    label: str
    start: int
    end: int


CLASS = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG", "NORP": "NORP"}
# Classes in the order that breaks ties; one order for forms and clusters, so that merging
# a cluster's name again gives the same class (idempotence).
CLASS_ORDER = ("PER", "LOC", "ORG", "NORP", "MISC")
_QUOTED_NICK = re.compile(
    r"^(?P<first>[^\W\d_][\w.\-]*)\s+[\"'\u2018\u201c`](?P<nick>[^\"'\u2018\u2019\u201c\u201d`]+)"
    r"[\"'\u2019\u201d`]\s+(?P<rest>\S.*)$"
)
_PAREN_ACRONYM = re.compile(r"^(?P<name>[^()]*[^\s(])\s*\((?P<acro>[A-Z][A-Z0-9&.]*)\)?$")


@dataclass
class Form:
    """One distinct form key of the document with everything the rules need."""

    key: str
    texts: list[str]
    members: list[int]
    first: int
    labels: Counter[str]
    cls: str = "MISC"
    tokens: tuple[str, ...] = ()  # key tokens; for persons without titles/suffixes
    name_text: str = ""  # the surface text used when this form names a cluster
    alt_keys: tuple[str, ...] = ()  # extra keys from a quoted nickname
    alt_texts: tuple[str, ...] = ()
    nick: str = ""
    country: str | None = None
    person_evidence: bool = False  # two or more tokens, the first a known given name
    head: str | None = None  # "ORG"/"LOC" when the last word is an institution head
    paren_key: str = ""  # key of the acronym of "Name (ACRONYM)"
    full: bool = False  # a full person name: two or more tokens, not a bare surname block ("van Dyke")

    def all_keys(self) -> tuple[str, ...]:
        """Every key a user's name can reach the form by."""
        return (self.key, *self.alt_keys, *((self.paren_key,) if self.paren_key else ()))


class DocumentForms:
    """The distinct forms of one document's mentions, sorted by first position and key, and
    the quoted nicknames they hold (given name, nickname), which count as diminutives."""

    def __init__(self, mentions: Sequence[NameMention], settings: MergeSettings, words: NameWords) -> None:
        self.s = settings
        self.words = words
        self.mentions = mentions
        self.extra_nicks: set[tuple[str, str]] = set()
        self.forms = self._build_forms()
        self.index = {f.key: i for i, f in enumerate(self.forms)}

    def _build_forms(self) -> list[Form]:
        order = sorted(
            range(len(self.mentions)),
            key=lambda i: (self.mentions[i].start, self.mentions[i].end, self.mentions[i].text, self.mentions[i].label),
        )
        by_key: dict[str, Form] = {}
        for i in order:
            m = self.mentions[i]
            text = m.text.strip()
            alt_texts: tuple[str, ...] = ()
            nick = ""
            quoted = _QUOTED_NICK.match(unicodedata.normalize("NFKC", text))
            if quoted:
                base = f"{quoted['first']} {quoted['rest']}"
                nick = quoted["nick"].strip()
                alt_texts = (base, f"{nick} {quoted['rest']}", nick)
                text = base
            paren = _PAREN_ACRONYM.match(unicodedata.normalize("NFKC", text))
            paren_key = ""
            if paren and paren["acro"].replace(".", "") in initials(paren["name"], self.s.acronym_min_length):
                text = paren["name"]
                paren_key = form_key(paren["acro"])
            key = form_key(text)
            if not key:
                key = text.casefold()
            form = by_key.get(key)
            if form is None:
                form = by_key[key] = Form(
                    key=key, texts=[], members=[], first=m.start, labels=Counter(), name_text=text
                )
            form.members.append(i)
            form.labels[m.label] += 1
            form.paren_key = form.paren_key or paren_key
            if m.text not in form.texts:
                form.texts.append(m.text)
            if quoted and not form.alt_texts:
                form.alt_texts = alt_texts
                form.alt_keys = tuple(form_key(t) for t in alt_texts[1:2])
                form.nick = form_key(nick)
        forms = sorted(by_key.values(), key=lambda f: (f.first, f.key))
        # One-token forms tagged PERSON by most of their mentions: a full name ending in one
        # of them is corroborated as a person.
        self.person_singles = frozenset(
            f.key for f in forms if " " not in f.key and 2 * f.labels["PERSON"] >= sum(f.labels.values())
        )
        for f in forms:
            self._classify(f)
        return forms

    def _strip_titles(self, tokens: tuple[str, ...]) -> tuple[int, int]:
        """Bounds of the name inside ``tokens`` without leading titles ("President", "Dr")
        and trailing generational suffixes ("Jr", "III")."""
        start, end = 0, len(tokens)
        while end - start > 1:
            for width in (3, 2, 1):
                if end - start > width and " ".join(tokens[start : start + width]) in self.words.titles:
                    start += width
                    break
            else:
                break
        while end - start > 1 and tokens[end - 1] in self.words.generational:
            end -= 1
        return start, end

    def _classify(self, f: Form) -> None:
        words = self.words
        raw = tuple(f.key.split())
        votes: defaultdict[str, float] = defaultdict(float)
        f.country = country(f.key)
        if len(raw) >= 2 and f.country is None and raw[0] not in words.given:
            if raw[-1] in words.org_heads or raw[0] in words.club_affixes:
                f.head = "ORG"
            elif raw[-1] in words.loc_heads:
                f.head = "LOC"
        for label, n in f.labels.items():
            votes[_form_class(label, f.head)] += n
        # Person tokens keep a hyphenated surname in one piece ("Okonjo-Iweala").
        name_words = tuple(w for w in (form_key(w).replace(" ", "-") for w in f.name_text.split()) if w)
        skip = int(len(name_words) > 1 and name_words[0] == "the")
        start, end = self._strip_titles(name_words[skip:])
        start, end = start + skip, end + skip
        person_tokens = name_words[start:end]
        if (
            2 <= len(person_tokens) <= self.s.person_evidence_max_tokens
            and person_tokens[0] in words.given
            and f.head is None
            and words.non_person_words.isdisjoint(person_tokens)
            and f.country is None
        ):
            f.person_evidence = True
            votes["PER"] += self.s.person_evidence_weight
            if person_tokens[-1] in self.person_singles:
                votes["PER"] += self.s.surname_evidence_weight
        f.cls = max(CLASS_ORDER, key=lambda c: (votes[c], -CLASS_ORDER.index(c)))
        if f.nick:
            self.extra_nicks.add((f.nick, person_tokens[0]))
        if f.cls == "PER":
            f.tokens = person_tokens
            f.name_text = _strip_title_text(f.name_text, start)
        else:
            f.tokens = raw
        f.full = f.cls == "PER" and len(f.tokens) >= 2 and f.tokens[0] not in words.particles


def _strip_title_text(text: str, n_title_words: int) -> str:
    words = [w for w in text.split() if form_key(w)]
    return " ".join(words[n_title_words:]) if 0 < n_title_words < len(words) else text


def _form_class(label: str, head: str | None) -> str:
    """The class a mention's label votes for; PERSON counts for the head's class when the
    form ends in an institution or facility head noun ("Kahului Airport")."""
    if head and label == "PERSON":
        return head
    return CLASS.get(label, "MISC")
