"""The rules that join forms, strongest first (step 3 of :mod:`factx.aliases`), with the
fuzzy guards of step 4 and the label checks of step 5."""

from __future__ import annotations

import logging

from factx import tables

from .forms import DocumentForms, Form
from .names import NameWords, acronym, country, form_key, initials, is_number
from .settings import MergeSettings
from .tokens import FuzzyMatch, TokenMatcher
from .unionfind import UnionFind

_log = logging.getLogger("factx")

_PREFIX_KEY = 4  # tokens of a name the organization short-form rule indexes longer names by


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

    def run(self) -> None:
        self._rule_always()
        self._rule_quoted()
        self._rule_country()
        self._rule_designator()
        self._rule_full_persons()
        self._rule_single_given()
        self._rule_short_persons()
        self._rule_fuzzy()
        if self.s.merge_org_short_forms:
            self._rule_org_short()
        if self.s.merge_head_references:
            self._rule_head_reference()
        self._rule_acronyms()
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
            for j in near:
                long = self.forms[j].tokens
                if not tagged_person:
                    # Tagged as a place or group: only the last name of a full name that
                    # starts with a known given name ("Dolly Parton" / "Parton" tagged GPE).
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
                ):
                    # a form tagged only as a place is no given name: towns start the names
                    # of newspapers and firms ("Austin" / "Austin Daily Herald")
                    as_given.add(self.find(j))
            if as_surname:
                best = max(sorted(as_surname), key=self._salience)
                self.union(best, i, "surname")
            elif len(as_given) == 1:
                self.union(next(iter(as_given)), i, "given name")

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
        if self.tokens.fuzzy(p, q) is None:
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
        starting: dict[tuple[str, ...], list[int]] = {}
        for j, g in enumerate(self.forms):
            if g.cls != "PER":
                for k in range(1, min(len(g.tokens), _PREFIX_KEY + 1)):
                    starting.setdefault(tuple(g.tokens[:k]), []).append(j)
        for i, f in enumerate(self.forms):
            if f.cls != "ORG" or f.country is not None or tables.place_of_demonym(f.key):
                continue
            n = len(f.tokens)
            near = starting.get(tuple(f.tokens[:_PREFIX_KEY]), ())
            longer = {
                self.find(j)
                for j in near
                if j != i and len(self.forms[j].tokens) > n and self.forms[j].tokens[:n] == f.tokens
            }
            if len(longer) != 1:
                continue
            root = next(iter(longer))
            targets = [
                j
                for j in self.members_of(root)
                if len(self.forms[j].tokens) > n
                and self.forms[j].tokens[:n] == f.tokens
                and all(t in heads for t in self.forms[j].tokens[n:])
            ]
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

    def _rule_plurals(self) -> None:
        for i, f in enumerate(self.forms):
            if f.cls not in ("NORP", "ORG", "MISC") or not f.key.endswith("s"):
                continue
            j = self.index.get(f.key[:-1])
            if j is not None and self.forms[j].cls == f.cls:
                self.union(j, i, "plural")
