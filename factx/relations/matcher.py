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
``<`` ``>>`` ``<<`` ``.`` ``;`` ``.*`` ``;*`` ``$+`` ``$-`` ``$++`` ``$--``. As in spaCy,
``.*`` and ``;*`` reach only the tokens of the node's sentence (the span of its tree's
root), which also keeps a search linear in the length of the document.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..columns import ValueIndex, columns
from ..errors import UnsupportedPatternError

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

_BOOL_ATTRS = ("IS_TITLE", "IS_ALPHA", "IS_DIGIT", "IS_PUNCT", "LIKE_NUM", "IS_LOWER", "IS_UPPER")
_COLUMNS = ("ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE", "ENT_IOB", "SHAPE", *_BOOL_ATTRS)
_ENT_COLUMNS = ("ENT_TYPE", "ENT_IOB")  # the Doc's entities: not the parse's columns
_COLUMN = {name: i for i, name in enumerate(_COLUMNS)} | {"TEXT": 0}
_IOB = {"": 0, "I": 1, "O": 2, "B": 3}
# Attributes the per-document index can look a first node up by, most selective first.
_INDEXED = ("LOWER", "LEMMA", "ORTH", "TEXT", "DEP", "ENT_TYPE", "TAG", "POS")
OPERATORS = frozenset({">", "<", ">>", "<<", ".", ";", ".*", ";*", "$+", "$-", "$++", "$--"})
SUPPORTED_ATTRS = frozenset(_COLUMN)  # the token attributes a pattern may test

# One condition on a token: (column, kind, value); kind "eq", "in" or "not_in" over ints.
Condition = tuple[int, str, Any]
# One step of a search: (bound node, operator, new node, test, step id, lookup). Steps with
# equal operator and test share an id; lookup (column, values) lists the new node's possible
# tokens for the unbounded operators ".*" and ";*", which would otherwise scan the document.
_Step = tuple[int, str, int, tuple[Condition, ...], int, "tuple[int, frozenset[int]] | None"]


class _Doc:
    """One document as integer columns, heads and children: cheap to test and walk."""

    __slots__ = ("_ent_indexes", "_sent_end", "_sent_start", "children", "columns", "heads", "n", "parse")

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import ENT_IOB, ENT_TYPE

        # the parse's columns are the extraction's (factx.columns); the entities are read
        # here, as the Doc holds them now
        self.parse = columns(doc)
        self.n = self.parse.n
        self._ent_indexes: dict[int, ValueIndex] = {}
        self._sent_start: list[int] | None = None
        self._sent_end: list[int] = []
        ents: list[list[int]] = [[], []]
        if self.n:
            ents = doc.to_array([ENT_TYPE, ENT_IOB]).T.tolist()
        self.columns = [
            ents[_ENT_COLUMNS.index(name)] if name in _ENT_COLUMNS else self.parse.column(name) for name in _COLUMNS
        ]
        self.heads = self.parse.heads
        self.children: list[list[int]] = [[] for _ in range(self.n)]
        for i, h in enumerate(self.heads):
            if h != i:
                self.children[h].append(i)

    def index(self, column: int) -> ValueIndex:
        """The tokens of each value of ``column``: the extraction's for the parse's columns."""
        name = _COLUMNS[column]
        if name not in _ENT_COLUMNS:
            return self.parse.index(name)
        found = self._ent_indexes.get(column)
        if found is None:
            found = self._ent_indexes[column] = ValueIndex(self.columns[column])
        return found

    def related(self, i: int, op: str) -> Sequence[int] | Iterator[int]:
        """Tokens B such that ``i op B`` holds (i is the left node). The commonest operators
        return a sequence at once: a generator for each of them cost more than their test."""
        if op == ">":
            return self.children[i]
        if op == "<":
            return () if self.heads[i] == i else (self.heads[i],)
        if op == ".":
            return (i + 1,) if i + 1 < self.n else ()
        if op == ";":
            return (i - 1,) if i > 0 else ()
        return self._related(i, op)

    def _related(self, i: int, op: str) -> Iterator[int]:
        if op == ">>":
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
        elif op == ".*":
            yield from range(i + 1, self.sentence(i)[1])
        elif op == ";*":
            yield from range(self.sentence(i)[0], i)
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

    def sentence(self, i: int) -> tuple[int, int]:
        """The start and end of token ``i``'s sentence as spaCy's ``DependencyMatcher`` sees
        it: from the left edge to the right edge of the root of ``i``'s tree."""
        if self._sent_start is None:
            heads, n = self.heads, self.n
            root = [-1] * n
            for i0 in range(n):
                path = []
                j = i0
                while root[j] < 0 and heads[j] != j:
                    path.append(j)
                    j = heads[j]
                r = j if root[j] < 0 else root[j]
                root[j] = r
                for k in path:
                    root[k] = r
            first: dict[int, int] = {}
            after: dict[int, int] = {}
            for t, r in enumerate(root):
                first.setdefault(r, t)
                after[r] = t + 1
            self._sent_start = [first[r] for r in root]
            self._sent_end = [after[r] for r in root]
        return self._sent_start[i], self._sent_end[i]

    def where(self, column: int, values: frozenset[int]) -> list[int]:
        """Tokens whose ``column`` holds one of ``values``, in order (kept for the document)."""
        return self.index(column).where(values)

    def select(self, tokens: Sequence[int] | Iterator[int], conditions: tuple[Condition, ...]) -> list[int]:
        """The ``tokens`` that meet every condition, in order: one comprehension a condition
        rather than a call a token, which cost most on the long lists of root candidates."""
        out = list(tokens)
        for column, kind, value in conditions:
            if not out:
                break
            got = self.columns[column]
            if kind == "eq":
                out = [i for i in out if got[i] == value]
            elif kind == "in":
                out = [i for i in out if got[i] in value]
            else:
                out = [i for i in out if got[i] not in value]
        return out


INVERSE = {
    ">": "<",
    "<": ">",
    ">>": "<<",
    "<<": ">>",
    ".": ";",
    ";": ".",
    ".*": ";*",
    ";*": ".*",
    "$+": "$-",
    "$-": "$+",
    "$++": "$--",
    "$--": "$++",
}
_LEXICAL = ("LOWER", "LEMMA", "ORTH", "TEXT")
_ROOT_COST_UNINDEXED = 10**6
_ROOT_COST_COARSE = 1000  # a root found by DEP, ENT_TYPE, TAG or POS: many tokens share them
_ROOT_COST_COMMON = 100  # per stop word or punctuation mark a lexical root accepts ("in", ",")


@dataclass(frozen=True)
class _Compiled:
    key: str
    size: int  # number of nodes
    root: int  # the node the search starts from
    root_conditions: tuple[Condition, ...]  # but those its lookup implies
    root_lookup: tuple[int, frozenset[int]] | None  # (column, values) to index the root by
    root_ent: bool  # the root requires an entity token
    root_id: int  # patterns with equal root conditions share an id, and their root candidates
    steps: tuple[_Step, ...]
    required: tuple[tuple[int, frozenset[int]], ...]  # every word-constrained node needs one of its words
    also_required: tuple[tuple[int, frozenset[int]], ...]  # those not already implied by the trigger


class IndexedDependencyMatcher:
    """``add(key, pattern)`` then ``matcher(doc)`` -> ``[(key, token ids in node order)]``."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._patterns: list[_Compiled] = []
        self._indexed: set[int] = set()  # columns some pattern's first node is looked up by
        # a pattern that needs words is tried only on documents holding one of its rarest set
        self._by_trigger: dict[tuple[int, int], list[int]] = {}
        self._trigger_words: dict[int, set[int]] = {}  # column -> every trigger value in it
        self._always: list[int] = []
        self._step_ids: dict[tuple[str, tuple[Condition, ...]], int] = {}
        self._root_ids: dict[tuple[Any, ...], int] = {}

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

    def _common(self, values: frozenset[int]) -> int:
        """How many of ``values`` are stop words or punctuation: words nearly every document
        holds, which would make a poor trigger ("in" rather than "born")."""
        from spacy.lang.en.stop_words import STOP_WORDS

        strings = self.vocab.strings
        return sum(1 for v in values if (w := strings[v].lower()) in STOP_WORDS or not any(c.isalnum() for c in w))

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
        conditions: list[tuple[Condition, ...]] = []
        lookups: list[tuple[int, tuple[int, frozenset[int]] | None]] = []  # (cost, lookup) per node
        edges: list[tuple[int, str, int]] = []  # (parent, op, child) as written: "parent op child"
        required = []
        for i, node in enumerate(pattern):
            names[node["RIGHT_ID"]] = i
            attrs = node.get("RIGHT_ATTRS", {})
            conds = self._conditions(attrs)
            conditions.append(conds)
            if i > 0:
                op = node["REL_OP"]
                if op not in OPERATORS:
                    raise UnsupportedPatternError(f"operator {op!r} of pattern {key!r} is not supported")
                edges.append((names[node["LEFT_ID"]], op, i))
            cost, lookup = _ROOT_COST_UNINDEXED, None
            for name in _INDEXED:
                spec = attrs.get(name)
                if name == "ENT_TYPE" and spec == "":
                    continue  # no entity: most of the document, the poorest of starts
                if isinstance(spec, str) or (isinstance(spec, dict) and set(spec) == {"IN"}):
                    column = _COLUMN[name]
                    values = next(c[2] if c[1] == "in" else frozenset({c[2]}) for c in conds if c[0] == column)
                    cost = len(values) + (
                        _ROOT_COST_COMMON * self._common(values) if name in _LEXICAL else _ROOT_COST_COARSE
                    )
                    lookup = (column, values)
                    if name in _LEXICAL:
                        required.append(lookup)
                    break
            lookups.append((cost, lookup))
        root = min(range(len(pattern)), key=lambda i: (lookups[i][0], i))
        root_lookup = lookups[root][1]
        if root_lookup is not None:
            self._indexed.add(root_lookup[0])
        for column, _ in required:
            self._indexed.add(column)
        ent = pattern[root].get("RIGHT_ATTRS", {}).get("ENT_TYPE")
        root_ent = bool(ent) and not (isinstance(ent, dict) and "NOT_IN" in ent)
        # walk the pattern tree from the root, turning edges around where needed, and bind
        # the most selective reachable node first so that a failing match fails early
        steps = []
        seen = {root}
        while len(seen) < len(pattern):
            reachable = [(parent, op, child) for parent, op, child in edges if parent in seen and child not in seen]
            reachable += [
                (child, INVERSE[op], parent) for parent, op, child in edges if child in seen and parent not in seen
            ]
            u, op, v = min(reachable, key=lambda e: (lookups[e[2]][0], e[2]))
            step_id = self._step_ids.setdefault((op, conditions[v]), len(self._step_ids))
            lookup = lookups[v][1] if op in (".*", ";*") else None
            steps.append((u, op, v, _unimplied(conditions[v], lookup), step_id, lookup))
            seen.add(v)
        number = len(self._patterns)
        also_required = list(required)
        if required:
            trigger = min(required, key=lambda r: (self._common(r[1]), len(r[1])))
            also_required.remove(trigger)
            column, values = trigger
            for value in values:
                self._by_trigger.setdefault((column, value), []).append(number)
            self._trigger_words.setdefault(column, set()).update(values)
        else:
            self._always.append(number)
        root_key = (root_lookup, root_ent, conditions[root])
        root_id = self._root_ids.setdefault(root_key, len(self._root_ids))
        self._patterns.append(
            _Compiled(
                key,
                len(pattern),
                root,
                _unimplied(conditions[root], root_lookup),
                root_lookup,
                root_ent,
                root_id,
                tuple(steps),
                tuple(required),
                tuple(also_required),
            )
        )

    def __call__(self, doc: Doc) -> list[tuple[str, list[int]]]:
        d = _Doc(doc)
        present = {column: d.index(column).present for column in self._indexed}
        iob = d.columns[_COLUMN["ENT_IOB"]]
        ent_tokens = [i for i in range(d.n) if iob[i] in (1, 3)]
        matches: list[tuple[str, list[int]]] = []
        triggered = set(self._always)
        for column, words in self._trigger_words.items():
            for value in words & present[column]:
                triggered.update(self._by_trigger[(column, value)])
        roots: dict[int, list[int]] = {}  # patterns often share a root: "be", "born"
        # Many patterns share a step from the same token ("> prep in"); its result is kept
        # per (token, step id) for the document.
        memo: dict[int, list[int]] = {}
        stride = len(self._step_ids)
        for number in sorted(triggered):
            p = self._patterns[number]
            missing = False
            for column, values in p.also_required:
                if present[column].isdisjoint(values):
                    missing = True  # a word the pattern needs is not in the document
                    break
            if missing:
                continue
            candidates = roots.get(p.root_id)
            if candidates is None:
                if p.root_lookup is not None:
                    pool: Sequence[int] = d.where(*p.root_lookup)
                elif p.root_ent:
                    pool = ent_tokens
                else:
                    pool = range(d.n)
                candidates = d.select(pool, p.root_conditions)
                roots[p.root_id] = candidates
            if not candidates:
                continue
            found: list[list[int]] = []
            if not p.steps:
                found = [[i] for i in candidates]
            for i in candidates if p.steps else ():
                bound = [-1] * p.size
                bound[p.root] = i
                _extend(d, p.steps, bound, 0, found, memo, stride)
            found.sort()
            matches.extend((p.key, ids) for ids in found)
        return matches


def _unimplied(conditions: tuple[Condition, ...], lookup: tuple[int, frozenset[int]] | None) -> tuple[Condition, ...]:
    """``conditions`` without those every token the ``lookup`` finds meets: testing them
    again, on each candidate of every document, was most of the cost of finding roots."""
    if lookup is None:
        return conditions
    column, values = lookup
    return tuple(
        c
        for c in conditions
        if not (
            c[0] == column and ((c[1] == "in" and c[2] == values) or (c[1] == "eq" and frozenset({c[2]}) == values))
        )
    )


def _extend(
    d: _Doc,
    steps: tuple[_Step, ...],
    bound: list[int],
    step: int,
    out: list[list[int]],
    memo: dict[int, list[int]],
    stride: int,
) -> None:
    left, op, new, conditions, step_id, lookup = steps[step]
    at = bound[left]
    key = at * stride + step_id
    fits = memo.get(key)
    if fits is None:
        if lookup is None:
            fits = d.select(d.related(at, op), conditions)
        else:
            # only the tokens of the sentence, found by bisection in the sorted positions:
            # filtering every position of the document made each step cost its length
            positions = d.where(*lookup)
            start, end = d.sentence(at)
            if op == ".*":
                span = positions[bisect_right(positions, at) : bisect_left(positions, end)]
            else:
                span = positions[bisect_left(positions, start) : bisect_left(positions, at)]
            fits = d.select(span, conditions)
        memo[key] = fits
    last = step + 1 == len(steps)
    for candidate in fits:
        bound[new] = candidate
        if last:
            out.append(list(bound))
        else:
            _extend(d, steps, bound, step + 1, out, memo, stride)
    bound[new] = -1
