"""Whether two name tokens can be one name (equal, an initial, a diminutive, a spelling
variant), and how two person names align token by token."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from .forms import Form
from .names import NameWords
from .settings import MergeSettings

_SCORE_ROWS = 256  # rows of one rapidfuzz score matrix: 256 x the strings of a bucket, as float64
# rapidfuzz tests a score_cutoff on its 0-1 scale, where a ratio of exactly the threshold
# can round below it (16 edits in 50 characters, 68.0, against a cutoff of 68 comes back 0);
# it is given a cutoff this much lower, and the settings' thresholds are compared on the
# 0-100 scale they are written in.
_CUTOFF_SLACK = 1e-6


@dataclass(frozen=True)
class FuzzyMatch:
    """Two spellings close enough to be one name: their ``fuzz.ratio`` and the threshold
    it reached."""

    score: float
    threshold: float

    @property
    def reason(self) -> str:
        return f"fuzzy {self.score:.0f}"

    def details(self) -> dict[str, object]:
        """What an explanation shows of the match."""
        return {"score": round(self.score), "threshold": self.threshold}


class TokenMatcher:
    """Token comparisons of one document: the diminutive table plus the document's quoted
    nicknames, and spelling similarity under the fuzzy guards of the settings."""

    def __init__(self, settings: MergeSettings, words: NameWords, extra_nicks: set[tuple[str, str]]) -> None:
        self.s = settings
        self.dim = words.dim
        self.given = words.given
        self.genders = words.genders
        self.extra_nicks = extra_nicks
        # (a, b), a <= b -> fuzz.ratio(a, b), or 0 when it is known to fall short of the
        # pair's threshold. The rules and the conflict check ask about the same pairs again
        # and again (a token pair for each name pair holding it, a matrix's candidates
        # again one by one); each pair is scored once, by a score matrix or by one call.
        self._scores: dict[tuple[str, str], float] = {}

    def diminutive(self, a: str, b: str) -> bool:
        return (
            b in self.dim.get(a, ())
            or a in self.dim.get(b, ())
            or (a, b) in self.extra_nicks
            or (b, a) in self.extra_nicks
        )

    def token_same(self, a: str, b: str, *, given: bool) -> str | None:
        """How two name tokens can be one name: "exact", "initials", "nickname table",
        "fuzzy ..." or None."""
        if a == b:
            return "exact"
        if (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
            return "initials"
        if given and self.diminutive(a, b):
            return "nickname table"
        if given and a in self.given and b in self.given and not self.given_variant(a, b):
            return None  # two different known given names are two names
        match = self.fuzzy(a, b)
        return match.reason if match is not None else None

    def one_edit(self, a: str, b: str) -> bool:
        """Whether two tokens differ by one letter added, dropped, changed or two letters
        swapped ("Mauer" / "Maurer", "Untied" / "United"), both at least
        ``fuzzy_min_length`` long and, under ``fuzzy_same_initial``, with one first letter:
        the typing slips a text makes in a name it spells right elsewhere. A short name
        changed by one letter can no longer reach the ratio threshold (a 6-letter name
        with one letter changed scores 83)."""
        if min(len(a), len(b)) < self.s.fuzzy_min_length or a == b:
            return False
        if self.s.fuzzy_same_initial and a[0] != b[0]:
            return False
        return OSA.distance(a, b, score_cutoff=1) <= 1

    def given_variant(self, a: str, b: str) -> bool:
        """Two known given names that are spellings of one ("Katarina" / "Katharina",
        "Mathew" / "Matthew"): one letter off, inside the name, and not of two genders.
        A change at the end makes the name of the other gender as often (Daniel / Daniela,
        Simon / Simone, Andrea / Andreas)."""
        if a[-2:] != b[-2:] or not self.one_edit(a, b):
            return False
        ga, gb = self.genders.get(a), self.genders.get(b)
        return not (ga and gb and ga != gb)

    def threshold(self, a: str, b: str) -> float:
        """The ``fuzz.ratio`` two strings must reach to be spelling variants."""
        short = min(len(a), len(b))
        return self.s.fuzzy_short_threshold if short < self.s.fuzzy_long_length else self.s.fuzzy_threshold

    def fuzzy(self, a: str, b: str) -> FuzzyMatch | None:
        """Whether two tokens or keys are spelling variants (step 4 of :mod:`factx.aliases`),
        with the score that made them so."""
        s = self.s
        short = min(len(a), len(b))
        if short < s.fuzzy_min_length:
            return None
        if s.fuzzy_same_initial and a[0] != b[0]:
            return None
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        # One name continued by an ending is another word (Sweden / Swede, Niger / Nigeria);
        # only a doubled last letter (Podolsky / Podolskyy) is a spelling variant.
        if longer.startswith(shorter) and longer[len(shorter) :] != shorter[-1]:
            return None
        need = self.threshold(a, b)
        pair = (a, b) if a <= b else (b, a)
        score = self._scores.get(pair)
        if score is None:
            # with the cutoff, rapidfuzz stops as soon as the ratio cannot reach it
            score = self._scores[pair] = fuzz.ratio(a, b, score_cutoff=max(0.0, need - _CUTOFF_SLACK))
        return FuzzyMatch(score, need) if score >= need else None

    def close_pairs(self, strings: list[str]) -> Iterator[tuple[int, int]]:
        """The (i, j) of ``strings`` x ``strings``, row by row, whose ``fuzz.ratio`` reaches
        the lower fuzzy threshold: a rule's candidates for ``fuzzy``, which finds their
        scores kept."""
        if len(strings) < 2:
            # one string has no other to be a variant of (and the ratio of a long one with
            # itself would cost its length squared for nothing)
            return
        cutoff = min(self.s.fuzzy_threshold, self.s.fuzzy_short_threshold)
        for start in range(0, len(strings), _SCORE_ROWS):
            rows = strings[start : start + _SCORE_ROWS]
            # float64: the scores are kept, and fuzz.ratio gives them as float64
            scores = process.cdist(rows, strings, scorer=fuzz.ratio, score_cutoff=cutoff, dtype="float64")
            for r, c in zip(*scores.nonzero(), strict=True):
                a, b = rows[r], strings[c]
                self._scores[(a, b) if a <= b else (b, a)] = float(scores[r, c])
                yield start + int(r), int(c)

    def fuzzy_details(self, x: tuple[str, ...], y: tuple[str, ...]) -> dict[str, object]:
        """Score and threshold of the name tokens that matched by spelling similarity."""
        for p in x:
            for q in y:
                if p != q and (match := self.fuzzy(p, q)) is not None:
                    return {**match.details(), "compared": [p, q]}
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
            same = None
            while j < len(long) - 1 and (same := self.token_same(tok, long[j], given=False)) is None:
                j += 1
            if same is None:
                return None
            reasons.append(same)
            j += 1
        return reasons

    def persons_compatible(self, x: Form, y: Form) -> bool:
        a, b = (x.tokens, y.tokens) if len(x.tokens) <= len(y.tokens) else (y.tokens, x.tokens)
        reasons = self.align(a, b)
        if reasons is None:
            return False
        # Two spelling differences at once (Jon Smith / John Smyth) is a different name.
        return sum(r.startswith("fuzzy") for r in reasons) <= 1
