"""The rules that join forms, strongest first (step 3 of :mod:`factx.aliases`), with the
fuzzy guards of step 4 and the label checks of step 5."""

from __future__ import annotations

import logging

from rapidfuzz import fuzz

from factx import tables

from .forms import DocumentForms, Form
from .names import NameWords, acronym, country, form_key, initials, is_number
from .settings import MergeSettings
from .tokens import FuzzyMatch, TokenMatcher
from .unionfind import UnionFind

_log = logging.getLogger("factx")

_PREFIX_KEY = 4  # tokens of a name the organization short-form rule indexes longer names by
# Compass words that stand alone for a country named by them ("the North" for North Korea)
_COMPASS = frozenset({"north", "south", "east", "west"})


# Words and marks between the part of a name an acronym spells and the words after it
# ("University of Tarrow at Dunmore", "University of Tarrow, Dunmore")
_ACRONYM_PREFIX_JOINERS = frozenset({"at", "in", ",", "-", "–"})


def _spells_prefix(letters: str, rest: list[str], text: str) -> bool:
    """Whether ``text`` ends with the words ``rest`` and its words before them (and before a
    joiner) are spelled by the acronym ``letters``."""
    words = text.replace(",", " , ").split()
    if len(words) <= len(rest) + 1 or words[-len(rest) :] != rest:
        return False
    head = words[: -len(rest)]
    while head and head[-1] in _ACRONYM_PREFIX_JOINERS:
        head.pop()
    return len(head) >= 2 and letters in initials(" ".join(head), len(letters))


class Rules:
    """The rules run on one document's forms, joining them in ``clusters``."""

    def __init__(
        self, doc: DocumentForms, settings: MergeSettings, words: NameWords, tokens: TokenMatcher, clusters: UnionFind
    ) -> None:
        self.s = settings
        self.words = words
        self.tokens = tokens
        self.forms = doc.forms
        self.index = doc.index
        self.extra_nicks = doc.extra_nicks
        self.find = clusters.find
        self.union = clusters.union
        self.members_of = clusters.members_of
        # form -> its tokens without a leading place or demonym (``_rule_place_modifier``)
        self.core: dict[int, tuple[str, ...]] = {}

    def run(self) -> None:
        self._rule_always()
        self._rule_quoted()
        self._rule_country()
        self._rule_designator()
        self._rule_full_persons()
        self._rule_single_given()
        self._rule_short_persons()
        self._rule_surname_variants()
        self._rule_fuzzy()
        self._rule_place_modifier()
        if self.s.merge_org_short_forms:
            self._rule_org_short()
            self._rule_compass()
        if self.s.merge_head_references:
            self._rule_head_reference()
        self._rule_acronyms()
        self._rule_acronym_prefix()
        self._rule_religion_adjectives()
        if self.s.merge_demonyms:
            self._rule_demonyms()
        if self.s.merge_plurals:
            self._rule_plurals()

    def _rule_always(self) -> None:
        by_key: dict[str, int] = {}
        for i, f in enumerate(self.forms):
            for k in f.all_keys():
                by_key.setdefault(k, i)
        for pair in sorted(self.s.always_merge, key=lambda p: sorted(p)):
            keys = sorted(form_key(n) for n in pair)
            idx = [by_key[k] for k in keys if k in by_key]
            if len(idx) == 2 and not self.union(idx[0], idx[1], "always merge", user=True):
                _log.warning(
                    "always_merge pair %s is not merged: a never_merge pair would end up in one entity", sorted(pair)
                )

    def _rule_quoted(self) -> None:
        for i, f in enumerate(self.forms):
            for k in f.alt_keys:
                j = self.index.get(k)
                if j is not None:
                    self.union(i, j, "quoted nickname")
            j = self.index.get(f.paren_key) if f.paren_key else None
            if j is not None:
                self.union(i, j, "parenthesized acronym")

    def _rule_country(self) -> None:
        seen: dict[str, int] = {}
        for i, f in enumerate(self.forms):
            if f.country is None:
                continue
            if f.country in seen:
                self.union(seen[f.country], i, "country alias")
            else:
                seen[f.country] = i

    @staticmethod
    def _compatible(a: str, b: str) -> bool:
        return a == b or {a, b} == {"LOC", "ORG"}

    def _rule_designator(self) -> None:
        cores: dict[str, list[int]] = {}
        for i, f in enumerate(self.forms):
            if f.cls in ("PER", "NORP"):
                continue
            toks = list(f.tokens)
            while len(toks) > 1 and toks[-1] in self.words.designators:
                toks.pop()
            while len(toks) > 1 and toks[0] in self.words.designators:
                toks.pop(0)
            if len(toks) < len(f.tokens):
                cores.setdefault(" ".join(toks), []).append(i)
        for core, idx in cores.items():
            base = self.index.get(core)
            if base is not None and self.forms[base].cls == "LOC":
                # a town gives its name to its club and its firms: "FC Dunmore" is not Dunmore
                base = None
            group = ([base] if base is not None else []) + idx
            for j in group[1:]:
                if self._compatible(self.forms[group[0]].cls, self.forms[j].cls):
                    self.union(group[0], j, "designator")

    def _rule_full_persons(self) -> None:
        full = [i for i, f in enumerate(self.forms) if f.full]
        buckets: dict[str, list[int]] = {}
        for i in full:
            buckets.setdefault(self.forms[i].tokens[-1][0], []).append(i)
        for idx in buckets.values():
            for i, j in self._surname_pairs(idx):
                fi, fj = self.forms[i], self.forms[j]
                a, b = sorted((fi.tokens, fj.tokens), key=len)
                reasons = self.tokens.align(a, b)
                if reasons is None or sum(r.startswith("fuzzy") for r in reasons) > 1:
                    continue
                why = next((r for r in reasons if r != "exact"), "exact")
                if why == "exact" or len(a) < len(b):
                    why = "token subset"
                details = self.tokens.fuzzy_details(a, b) if why.startswith("fuzzy") else {}
                self.union(i, j, why, details)

    def _surname_pairs(self, idx: list[int]) -> list[tuple[int, int]]:
        """The pairs (i, j), i < j, of full names of ``idx`` whose last tokens can be one
        name for ``TokenMatcher.align``: equal, an initial of the other, or within the fuzzy
        threshold (one ``cdist``), instead of aligning every pair (issue 12)."""
        by_last: dict[str, list[int]] = {}
        for i in idx:
            by_last.setdefault(self.forms[i].tokens[-1], []).append(i)
        lasts = list(by_last)
        token_pairs = {(t, t) for t in lasts}
        letters = [t for t in lasts if len(t) == 1]
        token_pairs.update((t, u) for t in letters for u in lasts if u.startswith(t))
        token_pairs.update((lasts[r], lasts[c]) for r, c in self.tokens.close_pairs(lasts))
        pairs = {(min(i, j), max(i, j)) for t, u in token_pairs for i in by_last[t] for j in by_last[u] if i != j}
        return sorted(pairs)

    def _person_like(self, f: Form) -> bool:
        """Whether a form may stand for a person although the tagger may have said otherwise:
        tagged PERSON, or tagged so weakly (few mentions, some PERSON votes) that a tagging
        error is likelier than a same-named place or organization."""
        if f.cls == "PER":
            return True
        if f.cls == "NORP" or f.country is not None or tables.place_of_demonym(f.key):
            return False
        if f.labels["PERSON"] >= self.s.min_person_votes_for_place:
            return True
        weak = len(f.members) <= self.s.weak_label_max_mentions
        return weak or (f.cls in self.s.person_confusable and not self.s.strict_labels)

    def _surname_candidate(self, f: Form) -> bool:
        """A one-token form that may be a surname whatever its tag: not a country, not a
        place or group of the demonym table (``surname_any_label``)."""
        return (
            self.s.surname_any_label
            and not self.s.strict_labels
            and len(f.tokens) == 1
            and f.country is None
            and not tables.place_of_demonym(f.key)
        )

    def _rule_single_given(self) -> None:
        """Two one-token given names where one is a diminutive of the other (Sasha /
        Aleksandr) or a spelling variant of it (Larisa / Larissa)."""
        single = [i for i, f in enumerate(self.forms) if len(f.tokens) == 1 and self._person_like(f)]
        for i, j in self._single_pairs(single):
            fi, fj = self.forms[i], self.forms[j]
            if "PER" not in (fi.cls, fj.cls):
                continue
            a, b = fi.tokens[0], fj.tokens[0]
            if a == b:
                self.union(i, j, "title")
            elif self.tokens.diminutive(a, b):
                self.union(i, j, "nickname table")
            elif not (a in self.words.given and b in self.words.given):
                match = self.tokens.fuzzy(a, b)
                if match is not None:
                    self.union(i, j, match.reason, match.details())

    def _single_pairs(self, single: list[int]) -> list[tuple[int, int]]:
        """The pairs (i, j), i < j, of one-token forms that may be one given name: the
        same token, a nickname pair, or tokens ``fuzz.ratio`` puts within the fuzzy
        threshold. Found by token lookups and one ``cdist`` per initial instead of a Python
        test of every pair, which made a long document quadratic (issue 12); the rule then
        tests each pair, in the order of the nested loop it replaces."""
        by_token: dict[str, list[int]] = {}
        for i in single:
            by_token.setdefault(self.forms[i].tokens[0], []).append(i)
        token_pairs: set[tuple[str, str]] = {(a, a) for a, forms in by_token.items() if len(forms) > 1}
        for a in by_token:
            for b in self.words.dim.get(a, ()):
                if b in by_token:
                    token_pairs.add((a, b))
        for a, b in self.extra_nicks:
            if a in by_token and b in by_token:
                token_pairs.add((a, b))
        long_enough = [t for t in by_token if len(t) >= self.s.fuzzy_min_length]
        buckets: dict[str, list[str]] = {}
        for t in long_enough:
            buckets.setdefault(t[0] if self.s.fuzzy_same_initial else "", []).append(t)
        for tokens in buckets.values():
            for r, c in self.tokens.close_pairs(tokens):
                if tokens[r] != tokens[c]:
                    token_pairs.add((tokens[r], tokens[c]))
        pairs: set[tuple[int, int]] = set()
        for a, b in token_pairs:
            for i in by_token[a]:
                for j in by_token[b]:
                    if i != j:
                        pairs.add((min(i, j), max(i, j)))
        return sorted(pairs)

    def _salience(self, root: int) -> tuple[int, int]:
        members = self.members_of(root)
        return (sum(len(self.forms[i].members) for i in members), -min(self.forms[i].first for i in members))

    def _rule_short_persons(self) -> None:
        full = [i for i, f in enumerate(self.forms) if f.full]
        # The full names a short form can join are looked up by the token they share with
        # it, not found by testing every full name against every short form (issue 12).
        by_last: dict[str, list[int]] = {}
        by_later: dict[str, list[int]] = {}  # a token after the first
        by_first: dict[str, list[int]] = {}
        for j in full:
            long = self.forms[j].tokens
            by_last.setdefault(long[-1], []).append(j)
            by_first.setdefault(long[0], []).append(j)
            for t in set(long[1:]):
                by_later.setdefault(t, []).append(j)
        partners_of: dict[str, set[str]] = {}  # a first token -> the first tokens it is a nickname pair with
        for b in by_first:
            for a in self.words.dim.get(b, ()):
                partners_of.setdefault(a, set()).add(b)
        for i, f in enumerate(self.forms):
            toks = f.tokens
            surname_block = len(toks) >= 2 and toks[0] in self.words.particles
            if len(toks) != 1 and not surname_block:
                continue
            tagged_person = self._person_like(f)
            if not tagged_person and not self._surname_candidate(f):
                continue
            as_surname: set[int] = set()
            as_given: set[int] = set()
            if not tagged_person or surname_block:
                near = by_last.get(toks[-1], [])
            else:
                tok = toks[0]
                firsts = {tok} | set(self.words.dim.get(tok, ())) | partners_of.get(tok, set())
                firsts.update(b for a, b in self.extra_nicks if a == tok)
                firsts.update(a for a, b in self.extra_nicks if b == tok)
                near = sorted({*by_later.get(tok, ()), *(j for t in firsts for j in by_first.get(t, ()))})
            # a city of the gazetteer not tagged PERSON joins only a name that starts with a
            # known given name: "Slovan Bratislava" tagged PERSON is a club, and Bratislava
            # the city
            city = f.cls != "PER" and f.key in tables.places()
            for j in near:
                long = self.forms[j].tokens
                if city and not self.forms[j].person_evidence:
                    continue
                if not tagged_person:
                    # Tagged as a place or group: only the last name of a full name mostly
                    # tagged PERSON ("Dolly Parton" / "Parton" tagged GPE).
                    fj = self.forms[j]
                    if toks[0] == long[-1] and f.first > fj.first and 2 * fj.labels["PERSON"] >= len(fj.members):
                        as_surname.add(self.find(j))
                    continue
                if surname_block:
                    if long[-len(toks) :] == toks and len(long) > len(toks):
                        as_surname.add(self.find(j))
                    continue
                tok = toks[0]
                if tok in long[1:] and (tok == long[-1] or tok not in self.words.given):
                    as_surname.add(self.find(j))
                elif (
                    len(tok) > 1
                    and (tok == long[0] or self.tokens.diminutive(tok, long[0]))
                    and (f.cls != "LOC" or f.labels["PERSON"] > 0)
                    and (f.labels["PERSON"] > 0 or tok in self.words.given or self.forms[j].person_evidence)
                ):
                    # a form tagged only as a place is no given name: towns start the names
                    # of newspapers and firms ("Austin" / "Austin Daily Herald")
                    as_given.add(self.find(j))
            if as_surname:
                best = max(sorted(as_surname), key=self._salience)
                self.union(best, i, "surname")
            elif len(as_given) == 1:
                self.union(next(iter(as_given)), i, "given name")

    def _rule_surname_variants(self) -> None:
        """A bare surname tagged PERSON that no full name holds, spelled one letter off the
        surname of exactly one person named before it ("K. Maurer" ... "Mauer said"), or
        within the long-name ratio threshold of it: a slip of the text, not another person.
        Not for known given names (Robert / Roberts)."""
        last_of: dict[str, list[int]] = {}
        for j, g in enumerate(self.forms):
            if g.full:
                last_of.setdefault(g.tokens[-1], []).append(j)
        if not last_of:
            return
        for i, f in enumerate(self.forms):
            if f.cls != "PER" or len(f.tokens) != 1 or f.tokens[0] in self.words.given:
                continue
            if any(self.forms[k].full for k in self.members_of(self.find(i))):
                continue
            tok = f.tokens[0]
            roots: dict[int, tuple[int, str]] = {}
            for last, held in last_of.items():
                if last == tok or last in self.words.given:
                    continue
                if not self.tokens.one_edit(tok, last) and not self._close_surname(tok, last):
                    continue
                for j in held:
                    if self.forms[j].first < f.first:
                        roots.setdefault(self.find(j), (j, last))
            if len(roots) == 1:
                j, last = next(iter(roots.values()))
                self.union(j, i, "surname variant", {"compared": [tok, last]})

    def _close_surname(self, a: str, b: str) -> bool:
        """Spelling variants by ``fuzzy_threshold`` whatever their length: the full name
        before them already vouches for the person."""
        if min(len(a), len(b)) < self.s.fuzzy_min_length or (self.s.fuzzy_same_initial and a[0] != b[0]):
            return False
        return fuzz.ratio(a, b, score_cutoff=self.s.fuzzy_threshold) >= self.s.fuzzy_threshold

    def _place_prefix(self, tokens: tuple[str, ...], *, demonyms: bool = False) -> int:
        """How many leading tokens of a name are a place that qualifies the rest ("US State
        Department", "Taipei City Lantern Festival"): a country or a form of the document
        voted a place, with the place designators after it; 0 when none. At least two
        tokens must remain. Not a demonym: "Malagasy National Assembly" and "National
        Assembly" are as often two bodies."""
        for k in range(min(3, len(tokens) - 2), 0, -1):
            head = " ".join(tokens[:k])
            j = self.index.get(head)
            place = country(head) or (j is not None and self.forms[j].cls == "LOC")
            if place or (demonyms and tables.place_of_demonym(head)):
                while k < len(tokens) - 2 and tokens[k] in self.words.loc_heads:
                    k += 1
                return k
        return 0

    def _rule_place_modifier(self) -> None:
        """A name of two or more words named again with a place or demonym before it ("US
        State Department" / "State Department"), when exactly one entity's names read so."""
        stripped: dict[str, set[int]] = {}
        for j, g in enumerate(self.forms):
            if g.cls == "PER" or g.country is not None:
                continue
            k = self._place_prefix(g.tokens)
            if k:
                self.core[j] = g.tokens[k:]
                stripped.setdefault(" ".join(g.tokens[k:]), set()).add(j)
        for core, held in sorted(stripped.items()):
            i = self.index.get(core)
            if i is None or self.forms[i].cls in ("PER", "LOC") or self.forms[i].country is not None:
                continue
            roots = {self.find(j) for j in held}
            if len(roots) == 1:
                self.union(min(held), i, "place modifier")

    def _rule_compass(self) -> None:
        """ "The North" and "the South" for the one country the document names by that word
        ("North Korea" ... "shells fired into the North")."""
        for i, f in enumerate(self.forms):
            if f.cls not in ("LOC", "ORG", "MISC") or f.key not in _COMPASS:
                continue
            targets = {
                self.find(j)
                for j, g in enumerate(self.forms)
                if g.country is not None and len(g.tokens) > 1 and g.tokens[0] == f.key
            }
            if len(targets) == 1:
                self.union(next(iter(targets)), i, "short form")

    def _rule_fuzzy(self) -> None:
        cand = [i for i, f in enumerate(self.forms) if not f.full and len(f.key) >= self.s.fuzzy_min_length]
        buckets: dict[str, list[int]] = {}
        for i in cand:
            buckets.setdefault(self.forms[i].key[0], []).append(i)
        for idx in buckets.values():
            keys = [self.forms[i].key for i in idx]
            for a, b in self.tokens.close_pairs(keys):
                if a < b and (match := self._fuzzy_forms(self.forms[idx[a]], self.forms[idx[b]])) is not None:
                    self.union(idx[a], idx[b], match.reason, match.details())

    def _fuzzy_forms(self, x: Form, y: Form) -> FuzzyMatch | None:
        """The match of two forms' keys when the guards of step 4 let them be spelling
        variants of one name."""
        if not self._compatible(x.cls, y.cls):
            return None
        if x.country and y.country and x.country != y.country:
            return None
        if tables.place_of_demonym(x.key) or tables.place_of_demonym(y.key):
            return None
        a, b = x.key.split(), y.key.split()
        if len(a) != len(b):
            return None
        if [t for t in a if is_number(t)] != [t for t in b if is_number(t)]:
            return None
        diff = [(p, q) for p, q in zip(a, b, strict=True) if p != q]
        if len(diff) != 1:
            return None
        p, q = diff[0]
        if p in self.words.given and q in self.words.given and not self.tokens.diminutive(p, q):
            return None
        if self.tokens.fuzzy(p, q) is None and not self.tokens.one_edit(p, q):
            return None
        return self.tokens.fuzzy(x.key, y.key)

    def _holds_person(self, root: int) -> bool:
        return any(self.forms[k].full for k in self.members_of(root))

    def _rule_org_short(self) -> None:
        """An organization named by the start of a longer name whose remaining words are
        institution head nouns ("Villanova" / "Villanova Preparatory School" is not one:
        "Preparatory" is no head; "Blue Note" / "Blue Note Records" is), when exactly one
        longer name of the document starts with it."""
        heads = self.words.org_heads
        # first tokens (at most _PREFIX_KEY of them) -> the longer forms they start; keyed by a
        # few tokens only, as every prefix of a long name would be quadratic in its length
        # a name's tokens, and its tokens after a leading place or demonym ("Italian Supreme
        # Court of Cassation" starts "Supreme Court" too)
        names: dict[int, list[tuple[str, ...]]] = {}
        starting: dict[tuple[str, ...], list[int]] = {}
        for j, g in enumerate(self.forms):
            if g.cls != "PER":
                k = self._place_prefix(g.tokens, demonyms=True) if g.country is None else 0
                names[j] = [g.tokens, g.tokens[k:]] if k else [g.tokens]
                for toks in names[j]:
                    for k in range(1, min(len(toks), _PREFIX_KEY + 1)):
                        starting.setdefault(tuple(toks[:k]), []).append(j)

        def continued(j: int, n: int, short: tuple[str, ...]) -> bool:
            # the longer name goes on with head nouns or suffixes only, or, after an
            # institution noun, with an "of" phrase ("Supreme Court" / "Supreme Court of
            # Cassation", "Church" / "Church of Saint Aldo"; "Nintendo" / "Nintendo of
            # America" is a regional arm)
            # ("Oxford University Press" and "Royal Court Orchestra" are bodies of their own)
            institution = short[-1] in self.words.institution_nouns
            return any(
                len(toks) > n
                and toks[:n] == short
                and ((not institution and all(t in heads for t in toks[n:])) or (institution and toks[n] == "of"))
                for toks in names[j]
            )

        for i, f in enumerate(self.forms):
            if f.cls != "ORG" or f.country is not None or tables.place_of_demonym(f.key):
                continue
            n = len(f.tokens)
            near = set(starting.get(tuple(f.tokens[:_PREFIX_KEY]), ()))
            longer = {self.find(j) for j in near if j != i and any(len(t) > n and t[:n] == f.tokens for t in names[j])}
            if len(longer) != 1:
                continue
            root = next(iter(longer))
            targets = [j for j in self.members_of(root) if j in names and continued(j, n, f.tokens)]
            if (
                targets
                and self._compatible(f.cls, self.forms[targets[0]].cls)
                and not self._holds_person(root)
                and not self._holds_person(self.find(i))
            ):
                self.union(targets[0], i, "short form")

    def _rule_head_reference(self) -> None:
        """An organization or work named again by the last words of its name after the
        full name came first ("Minnesota Vikings" ... "the Vikings", "Supreme Court" ...
        "the Court"), when no other name of the document holds those words."""
        holding: dict[str, list[int]] = {}  # token -> the forms of two or more tokens holding it
        for j, g in enumerate(self.forms):
            if len(g.tokens) > 1:
                for t in set(g.tokens):
                    holding.setdefault(t, []).append(j)
        for i, f in enumerate(self.forms):
            if (
                len(f.tokens) != 1
                or f.cls not in ("ORG", "MISC")
                or f.country is not None
                or tables.place_of_demonym(f.key)
                or f.labels["PERSON"]
            ):
                continue
            n = len(f.tokens)
            holders = {self.find(j) for j in holding.get(f.tokens[0], ()) if j != i}
            if len(holders) != 1:
                continue
            root = next(iter(holders))
            targets = [
                j
                for j in self.members_of(root)
                if len(self.forms[j].tokens) > n
                and self.forms[j].tokens[-n:] == f.tokens
                and self.forms[j].cls == f.cls
                and not self.forms[j].person_evidence
                and self.forms[j].first < f.first
            ]
            if targets and not self._holds_person(root):
                self.union(targets[0], i, "head reference")

    def _rule_acronyms(self) -> None:
        acronyms: dict[str, list[int]] = {}
        for i, f in enumerate(self.forms):
            if f.cls == "PER":
                continue
            for t in f.texts:
                compact = acronym(t)
                if compact and self.s.acronym_min_length <= len(compact) <= self.s.acronym_max_length:
                    acronyms.setdefault(compact, []).append(i)
                    break
        if not acronyms:
            return
        # acronym -> the forms whose initials spell it, each form's initials computed once
        spelled: dict[str, list[int]] = {}
        for j, g in enumerate(self.forms):
            if g.cls != "PER":
                for a in set().union(*(initials(t, self.s.acronym_min_length) for t in g.texts)):
                    if a in acronyms:
                        spelled.setdefault(a, []).append(j)
        for acro, idx in sorted(acronyms.items()):
            targets: set[int] = set()
            target_form: dict[int, int] = {}
            # "US" names the country, never the "University of Sheffield" its letters spell
            country_only = any(self.forms[i].country is not None for i in idx)
            for j in spelled.get(acro, ()):
                if j not in idx and not (country_only and self.forms[j].cls != "LOC"):
                    root = self.find(j)
                    targets.add(root)
                    target_form.setdefault(root, j)
            if len(targets) == 1:
                root = next(iter(targets))
                self.union(target_form[root], idx[0], "acronym")

    def _rule_acronym_prefix(self) -> None:
        """An acronym of the first part of a longer name with its last words: "UT Dunmore"
        for "University of Tarrow at Dunmore", "UT Dunmore" for "University of Tarrow,
        Dunmore", when exactly one entity's names read so."""
        by_last: dict[str, list[int]] = {}
        for j, g in enumerate(self.forms):
            if g.cls != "PER" and len(g.tokens) > 2:
                by_last.setdefault(g.tokens[-1], []).append(j)
        if not by_last:
            return
        for i, f in enumerate(self.forms):
            if f.cls == "PER" or len(f.tokens) < 2 or f.tokens[-1] not in by_last:
                continue
            for text in f.texts:
                first, *rest = text.split()
                letters = acronym(first)
                if rest and self.s.acronym_min_length <= len(letters) <= self.s.acronym_max_length:
                    roots = {
                        self.find(j): j
                        for j in by_last[f.tokens[-1]]
                        if j != i and any(_spells_prefix(letters, rest, u) for u in self.forms[j].texts)
                    }
                    if len(roots) == 1:
                        self.union(next(iter(roots.values())), i, "acronym")
                    break

    def _rule_demonyms(self) -> None:
        place_forms: dict[str, list[int]] = {}
        for i, f in enumerate(self.forms):
            if f.cls in ("PER", "NORP"):
                continue
            place_forms.setdefault(f.country or f.key, []).append(i)
        for i, f in enumerate(self.forms):
            if f.cls != "NORP":
                continue
            places = {
                self.find(j)
                for p in tables.place_of_demonym(f.key)
                for j in place_forms.get(country(form_key(p)) or form_key(p), [])
            }
            if len(places) == 1:
                self.union(next(iter(places)), i, "demonym")

    def _rule_religion_adjectives(self) -> None:
        """A religion and the adjective of its faith ("Islam" / "Islamic"), not of its
        adherents ("Muslim" names the people): ``models/religions.tsv``."""
        for i, f in enumerate(self.forms):
            religion = tables.religion_of_adjective(f.key) if f.cls in ("NORP", "MISC") else None
            j = self.index.get(form_key(religion)) if religion else None
            if j is not None and self.forms[j].cls != "PER":
                self.union(j, i, "religion adjective")

    def _rule_plurals(self) -> None:
        """A name and its plural tagged an organization or a work ("Mamluk" / "Mamluks");
        not a nation's or a faith's word (see the package's notes on ``plural``)."""
        for i, f in enumerate(self.forms):
            if f.cls not in ("ORG", "MISC") or not f.key.endswith("s"):
                continue
            j = self.index.get(f.key[:-1])
            if j is not None and self.forms[j].cls == f.cls:
                self.union(j, i, "plural")
