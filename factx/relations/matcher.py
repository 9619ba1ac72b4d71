"""An indexed dependency matcher with the semantics of spaCy's ``DependencyMatcher``.

Every relation pattern is validated by compiling it into spaCy's ``DependencyMatcher``
(``validate=True``), which stays the reference semantics; a test checks that both return
the same matches. spaCy's matcher, though, runs every node of every pattern over every
token of the document, and with a hundred patterns that costs more than the parse itself.
This matcher starts each pattern from the tokens that can fill its first node — looked up
in a per-document index of words and entity tokens — and walks the tree from there, so a
pattern whose trigger word is absent costs a dictionary lookup.

Supported: token attributes ``ORTH``, ``TEXT``, ``LOWER``, ``LEMMA``, ``POS``, ``TAG``, ``DEP``,
``ENT_TYPE``, ``ENT_IOB``, ``SHAPE``, ``IS_TITLE``, ``IS_ALPHA``, ``IS_DIGIT``, ``IS_PUNCT``,
``LIKE_NUM``, ``IS_LOWER``, ``IS_UPPER`` with a value or ``IN``/``NOT_IN``; operators ``>``
``<`` ``>>`` ``<<`` ``.`` ``;`` ``.*`` ``;*`` ``$+`` ``$-`` ``$++`` ``$--``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import FactxError

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

_STRING_ATTRS = ("ORTH", "TEXT", "LOWER", "LEMMA", "TAG", "DEP", "ENT_TYPE", "SHAPE")
_BOOL_ATTRS = ("IS_TITLE", "IS_ALPHA", "IS_DIGIT", "IS_PUNCT", "LIKE_NUM", "IS_LOWER", "IS_UPPER")
_COLUMNS = ("ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE", "ENT_IOB", "SHAPE", *_BOOL_ATTRS)
_COLUMN = {name: i for i, name in enumerate(_COLUMNS)} | {"TEXT": 0}
_IOB = {"": 0, "I": 1, "O": 2, "B": 3}
# Attributes the per-document index can look a first node up by, most selective first.
_INDEXED = ("LOWER", "LEMMA", "ORTH", "TEXT", "DEP", "ENT_TYPE", "TAG", "POS")
OPERATORS = frozenset({">", "<", ">>", "<<", ".", ";", ".*", ";*", "$+", "$-", "$++", "$--"})

# One condition on a token: (column, kind, value); kind "eq", "in" or "not_in" over ints.
Condition = tuple[int, str, Any]


class UnsupportedPatternError(FactxError):
    """A pattern uses a DependencyMatcher feature this matcher does not implement."""


class _Doc:
    """One document as integer columns, heads and children: cheap to test and walk."""

    __slots__ = ("children", "columns", "heads", "n")

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import IDS

        self.n = len(doc)
        if self.n == 0:
            self.columns: list[list[int]] = [[] for _ in _COLUMNS]
            self.heads: list[int] = []
            self.children: list[list[int]] = []
            return
        array = doc.to_array([IDS[name] for name in _COLUMNS] + [IDS["HEAD"]])
        heads = array[:, -1].astype("int64")
        self.columns = array[:, :-1].T.tolist()
        self.heads = [i + int(off) for i, off in enumerate(heads.tolist())]
        self.children = [[] for _ in range(self.n)]
        for i, h in enumerate(self.heads):
            if h != i:
                self.children[h].append(i)

    def related(self, i: int, op: str) -> Iterator[int]:
        """Tokens B such that ``i op B`` holds (i is the left node)."""
        if op == ">":
            yield from self.children[i]
        elif op == "<":
            if self.heads[i] != i:
                yield self.heads[i]
        elif op == ">>":
            stack = list(self.children[i])
            found = []
            while stack:
                j = stack.pop()
                found.append(j)
                stack.extend(self.children[j])
            yield from sorted(found)
        elif op == "<<":
            j = i
            while self.heads[j] != j:
                j = self.heads[j]
                yield j
        elif op == ".":
            if i + 1 < self.n:
                yield i + 1
        elif op == ";":
            if i > 0:
                yield i - 1
        elif op == ".*":
            yield from range(i + 1, self.n)
        elif op == ";*":
            yield from range(i)
        elif self.heads[i] != i:
            siblings = [c for c in self.children[self.heads[i]] if c != i]
            if op == "$+":
                yield from (c for c in siblings if c == i + 1)
            elif op == "$-":
                yield from (c for c in siblings if c == i - 1)
            elif op == "$++":
                yield from (c for c in siblings if c > i)
            else:
                yield from (c for c in siblings if c < i)

    def test(self, i: int, conditions: tuple[Condition, ...]) -> bool:
        columns = self.columns
        for column, kind, value in conditions:
            got = columns[column][i]
            if kind == "eq":
                if got != value:
                    return False
            elif kind == "in":
                if got not in value:
                    return False
            elif got in value:
                return False
        return True


@dataclass(frozen=True)
class _Compiled:
    key: str
    first: tuple[Condition, ...]
    first_lookup: tuple[int, frozenset[int]] | None  # (column, values) to index the first node by
    first_ent: bool  # the first node requires an entity token
    steps: tuple[tuple[int, str, tuple[Condition, ...]], ...]  # (left node index, operator, right node)


class IndexedDependencyMatcher:
    """``add(key, pattern)`` then ``matcher(doc)`` -> ``[(key, token ids in node order)]``."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._patterns: list[_Compiled] = []
        self._indexed: set[int] = set()  # columns some pattern's first node is looked up by

    def __len__(self) -> int:
        return len(self._patterns)

    def _value(self, name: str, value: Any) -> int:
        if name in _BOOL_ATTRS:
            return int(bool(value))
        if name == "ENT_IOB":
            if value not in _IOB:
                raise UnsupportedPatternError(f"ENT_IOB value {value!r} is not one of I, O, B")
            return _IOB[value]
        if name == "POS":
            from spacy.parts_of_speech import IDS as POS_IDS

            if value not in POS_IDS:
                raise UnsupportedPatternError(f"POS value {value!r} is not a universal tag")
            return int(POS_IDS[value])
        return 0 if value == "" else int(self.vocab.strings.add(str(value)))

    def _conditions(self, attrs: dict[str, Any]) -> tuple[Condition, ...]:
        out: list[Condition] = []
        for name, spec in attrs.items():
            if name not in _COLUMN:
                raise UnsupportedPatternError(f"token attribute {name!r} is not supported")
            column = _COLUMN[name]
            if isinstance(spec, dict):
                for op, values in spec.items():
                    if op not in {"IN", "NOT_IN"}:
                        raise UnsupportedPatternError(f"predicate {op!r} on {name} is not supported")
                    ints = frozenset(self._value(name, v) for v in values)
                    out.append((column, "in" if op == "IN" else "not_in", ints))
            else:
                out.append((column, "eq", self._value(name, spec)))
        return tuple(out)

    def add(self, key: str, pattern: Sequence[dict[str, Any]]) -> None:
        names: dict[str, int] = {}
        steps = []
        for i, node in enumerate(pattern):
            names[node["RIGHT_ID"]] = i
            if i == 0:
                continue
            op = node["REL_OP"]
            if op not in OPERATORS:
                raise UnsupportedPatternError(f"operator {op!r} of pattern {key!r} is not supported")
            steps.append((names[node["LEFT_ID"]], op, self._conditions(node.get("RIGHT_ATTRS", {}))))
        first_attrs = pattern[0].get("RIGHT_ATTRS", {})
        first = self._conditions(first_attrs)
        lookup = None
        for name in _INDEXED:
            spec = first_attrs.get(name)
            if isinstance(spec, str) or (isinstance(spec, dict) and set(spec) == {"IN"}):
                column = _COLUMN[name]
                lookup = (column, next(c[2] if c[1] == "in" else frozenset({c[2]}) for c in first if c[0] == column))
                self._indexed.add(column)
                break
        ent = first_attrs.get("ENT_TYPE")
        first_ent = bool(ent) and not (isinstance(ent, dict) and "NOT_IN" in ent)
        self._patterns.append(_Compiled(key, first, lookup, first_ent, tuple(steps)))

    def __call__(self, doc: Doc) -> list[tuple[str, list[int]]]:
        d = _Doc(doc)
        index: dict[int, dict[int, list[int]]] = {}
        for column in self._indexed:
            by_value: dict[int, list[int]] = {}
            for i, value in enumerate(d.columns[column]):
                by_value.setdefault(value, []).append(i)
            index[column] = by_value
        iob = d.columns[_COLUMN["ENT_IOB"]]
        ent_tokens = [i for i in range(d.n) if iob[i] in (1, 3)]
        matches: list[tuple[str, list[int]]] = []
        for p in self._patterns:
            if p.first_lookup is not None:
                column, values = p.first_lookup
                by_value = index[column]
                candidates: Sequence[int] = sorted(i for v in values for i in by_value.get(v, ()))
            elif p.first_ent:
                candidates = ent_tokens
            else:
                candidates = range(d.n)
            for i in candidates:
                if d.test(i, p.first):
                    self._extend(d, p, [i], 0, matches)
        return matches

    def _extend(self, d: _Doc, p: _Compiled, bound: list[int], step: int, out: list[tuple[str, list[int]]]) -> None:
        if step == len(p.steps):
            out.append((p.key, list(bound)))
            return
        left, op, conditions = p.steps[step]
        for candidate in d.related(bound[left], op):
            if d.test(candidate, conditions):
                bound.append(candidate)
                self._extend(d, p, bound, step + 1, out)
                bound.pop()
