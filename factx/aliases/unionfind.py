"""The clusters of a document's forms while the rules run: union-find over form indices,
the conflict check that refuses a join, and the links that explain each join."""

from __future__ import annotations

from .forms import Form
from .tokens import TokenMatcher


class UnionFind:
    """Union-find over the forms of one document; ``union`` refuses a join that puts two
    forms in conflict in one cluster, and records the link behind each join it makes."""

    def __init__(
        self, forms: list[Form], tokens: TokenMatcher, generational: frozenset[str], never: set[frozenset[str]]
    ) -> None:
        self.forms = forms
        self.tokens = tokens
        self.generational = generational
        self.never = never  # pairs of form keys that must stay apart
        self.parent = list(range(len(forms)))
        # root -> its forms in index order: the rules ask for a cluster's members often,
        # and a scan of every form for each question made merging quadratic (issue 12)
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(forms))}
        # (form, form, rule, details): why two forms were joined, for reasons and explanations
        self.edges: list[tuple[int, int, str, dict[str, object]]] = []

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def members_of(self, root: int) -> list[int]:
        return self.members[root]

    def union(
        self, a: int, b: int, reason: str, details: dict[str, object] | None = None, *, user: bool = False
    ) -> bool:
        """Join the clusters of forms ``a`` and ``b`` unless that puts a ``never_merge`` pair
        or two incompatible full person names in one cluster; a ``user`` (always merge)
        join skips the person check, never the never_merge list."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self._conflict(ra, rb, persons=not user):
            return False
        low, high = min(ra, rb), max(ra, rb)
        self.parent[high] = low
        self.members[low] = sorted(self.members[low] + self.members.pop(high))
        self.edges.append((a, b, reason, details or {}))
        return True

    def _conflict(self, ra: int, rb: int, *, persons: bool = True) -> bool:
        ma, mb = self.members_of(ra), self.members_of(rb)
        for x in ma:
            fx = self.forms[x]
            for y in mb:
                fy = self.forms[y]
                if self.never and self._never_pair(fx, fy):
                    return True
                if persons and fx.full and fy.full and not self.tokens.persons_compatible(fx, fy):
                    return True
                if persons and self._other_generation(fx, fy):
                    return True
        return False

    def _other_generation(self, x: Form, y: Form) -> bool:
        """ "Erik IV" and "Erik V", "Sam Reyes Jr." and "Sam Reyes Sr.": two kings, or a father
        and a son, not one person. A name without a suffix may still be either (news writes
        "Martin Luther King" for "Martin Luther King Jr.")."""
        gx, gy = self._generation(x), self._generation(y)
        return bool(gx and gy and gx != gy)

    def _generation(self, f: Form) -> str:
        words = f.key.split()
        return words[-1] if len(words) >= 2 and words[-1] in self.generational else ""

    def _never_pair(self, x: Form, y: Form) -> bool:
        """Whether a ``never_merge`` pair names these two forms (by any of their keys: a
        quoted nickname's, a parenthesized acronym's)."""
        return any(frozenset((kx, ky)) in self.never for kx in x.all_keys() for ky in y.all_keys())
