"""Whether two name tokens can be one name (equal, an initial, a diminutive, a spelling
variant), and how two person names align token by token."""

from __future__ import annotations

from rapidfuzz import fuzz

from .forms import Form
from .names import NameWords
from .settings import MergeSettings


class TokenMatcher:
    """Token comparisons of one document: the diminutive table plus the document's quoted
    nicknames, and the fuzzy guards of the settings."""

    def __init__(self, settings: MergeSettings, words: NameWords, extra_nicks: set[tuple[str, str]]) -> None:
        self.s = settings
        self.dim = words.dim
        self.given = words.given
        self.extra_nicks = extra_nicks

    def diminutive(self, a: str, b: str) -> bool:
        return (b in self.dim.get(a, ()) or a in self.dim.get(b, ())
                or (a, b) in self.extra_nicks or (b, a) in self.extra_nicks)

    def token_same(self, a: str, b: str, *, given: bool) -> str | None:
        """How two name tokens can be one name: "exact", "initials", "nickname table",
        "fuzzy ..." or None."""
        if a == b:
            return "exact"
        if (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
            return "initials"
        if given and self.diminutive(a, b):
            return "nickname table"
        if given and a in self.given and b in self.given:
            return None  # two different known given names are two names
        score = self.fuzzy_score(a, b)
        return f"fuzzy {score:.0f}" if score is not None else None

    def fuzzy_need(self, a: str, b: str) -> float:
        """The ``fuzz.ratio`` two strings must reach to be spelling variants."""
        short = min(len(a), len(b))
        return self.s.fuzzy_short_threshold if short < self.s.fuzzy_long_length else self.s.fuzzy_threshold

    def fuzzy_score(self, a: str, b: str) -> float | None:
        s = self.s
        short = min(len(a), len(b))
        if short < s.fuzzy_min_length:
            return None
        if s.fuzzy_same_initial and a[0] != b[0]:
            return None
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        # One name continued by an ending is another word (Sweden / Swede, Niger / Nigeria);
        # only a doubled last letter (Podolsky / Podolskyy) is a spelling variant.
        if longer.startswith(shorter) and longer[len(shorter):] != shorter[-1]:
            return None
        need = self.fuzzy_need(a, b)
        score = fuzz.ratio(a, b)
        return score if score >= need else None

    def fuzzy_details(self, x: tuple[str, ...], y: tuple[str, ...]) -> dict[str, object]:
        """Score and threshold of the name tokens that matched by spelling similarity."""
        for p in x:
            for q in y:
                if p != q and self.fuzzy_score(p, q) is not None:
                    return {"score": round(fuzz.ratio(p, q)), "threshold": self.fuzzy_need(p, q),
                            "compared": [p, q]}
        return {}

    def align(self, short: tuple[str, ...], long: tuple[str, ...]) -> list[str] | None:
        """Reasons for aligning ``short`` onto ``long`` keeping the first and last tokens
        (tokens of ``long`` in between may be skipped), or None."""
        if len(short) > len(long) or len(short) < 2:
            return None
        first = self.token_same(short[0], long[0], given=True)
        last = self.token_same(short[-1], long[-1], given=False)
        if first is None or last is None:
            return None
        reasons = [first, last]
        j = 1
        for tok in short[1:-1]:
            while j < len(long) - 1 and self.token_same(tok, long[j], given=False) is None:
                j += 1
            if j >= len(long) - 1:
                return None
            reasons.append(self.token_same(tok, long[j], given=False) or "")
            j += 1
        return reasons

    def persons_compatible(self, x: Form, y: Form) -> bool:
        a, b = (x.tokens, y.tokens) if len(x.tokens) <= len(y.tokens) else (y.tokens, x.tokens)
        reasons = self.align(a, b)
        if reasons is None:
            return False
        # Two spelling differences at once (Jon Smith / John Smyth) is a different name.
        return sum(r.startswith("fuzzy") for r in reasons) <= 1
