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

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import FactxError

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

TokenTest = Callable[["Token"], bool]

_STRING_ATTRS: dict[str, Callable[[Token], str]] = {
    "ORTH": lambda t: t.text,
    "TEXT": lambda t: t.text,
    "LOWER": lambda t: t.lower_,
    "LEMMA": lambda t: t.lemma_,
    "POS": lambda t: t.pos_,
    "TAG": lambda t: t.tag_,
    "DEP": lambda t: t.dep_,
    "ENT_TYPE": lambda t: t.ent_type_,
    "ENT_IOB": lambda t: t.ent_iob_,
    "SHAPE": lambda t: t.shape_,
}
_BOOL_ATTRS: dict[str, Callable[[Token], bool]] = {
    "IS_TITLE": lambda t: t.is_title,
    "IS_ALPHA": lambda t: t.is_alpha,
    "IS_DIGIT": lambda t: t.is_digit,
    "IS_PUNCT": lambda t: t.is_punct,
    "LIKE_NUM": lambda t: t.like_num,
    "IS_LOWER": lambda t: t.is_lower,
    "IS_UPPER": lambda t: t.is_upper,
}
# Attributes the per-document index can look a first node up by, most selective first.
_INDEXED = ("LOWER", "LEMMA", "ORTH", "TEXT", "DEP", "ENT_TYPE", "TAG", "POS")
OPERATORS = frozenset({">", "<", ">>", "<<", ".", ";", ".*", ";*", "$+", "$-", "$++", "$--"})


class UnsupportedPatternError(FactxError):
    """A pattern uses a DependencyMatcher feature this matcher does not implement."""


def _attr_test(name: str, spec: Any) -> TokenTest:
    if name in _BOOL_ATTRS:
        get_bool = _BOOL_ATTRS[name]
        want = bool(spec)
        return lambda t: get_bool(t) == want
    if name not in _STRING_ATTRS:
        raise UnsupportedPatternError(f"token attribute {name!r} is not supported")
    get = _STRING_ATTRS[name]
    if isinstance(spec, dict):
        tests: list[TokenTest] = []
        for op, values in spec.items():
            if op == "IN":
                allowed = frozenset(values)
                tests.append(lambda t, a=allowed: get(t) in a)
            elif op == "NOT_IN":
                banned = frozenset(values)
                tests.append(lambda t, b=banned: get(t) not in b)
            else:
                raise UnsupportedPatternError(f"predicate {op!r} on {name} is not supported")
        return lambda t: all(test(t) for test in tests)
    return lambda t: get(t) == spec


def _node_test(attrs: dict[str, Any]) -> TokenTest:
    tests = [_attr_test(name, spec) for name, spec in attrs.items()]
    return lambda t: all(test(t) for test in tests)


def _related(token: Token, op: str) -> Iterator[Token]:
    """Tokens B such that ``token op B`` holds (token is the left node)."""
    doc = token.doc
    if op == ">":
        yield from token.children
    elif op == "<":
        if token.head.i != token.i:
            yield token.head
    elif op == ">>":
        for t in token.subtree:
            if t.i != token.i:
                yield t
    elif op == "<<":
        yield from token.ancestors
    elif op == ".":
        if token.i + 1 < len(doc):
            yield doc[token.i + 1]
    elif op == ";":
        if token.i > 0:
            yield doc[token.i - 1]
    elif op == ".*":
        yield from doc[token.i + 1 :]
    elif op == ";*":
        yield from doc[: token.i]
    elif op in {"$+", "$-", "$++", "$--"}:
        if token.head.i == token.i:
            return
        siblings = [c for c in token.head.children if c.i != token.i]
        if op == "$+":
            yield from (c for c in siblings if c.i == token.i + 1)
        elif op == "$-":
            yield from (c for c in siblings if c.i == token.i - 1)
        elif op == "$++":
            yield from (c for c in siblings if c.i > token.i)
        else:
            yield from (c for c in siblings if c.i < token.i)


@dataclass(frozen=True)
class _Compiled:
    key: str
    first: TokenTest
    first_lookup: tuple[str, frozenset[str]] | None  # (attribute, values) to index the first node by
    first_ent: bool  # the first node requires an entity token
    steps: tuple[tuple[int, str, TokenTest], ...]  # (left node index, operator, right node test)


def _lookup(attrs: dict[str, Any]) -> tuple[str, frozenset[str]] | None:
    for name in _INDEXED:
        spec = attrs.get(name)
        if isinstance(spec, str):
            return name, frozenset({spec})
        if isinstance(spec, dict) and set(spec) == {"IN"}:
            return name, frozenset(spec["IN"])
    return None


class IndexedDependencyMatcher:
    """``add(key, pattern)`` then ``matcher(doc)`` -> ``[(key, token ids in node order)]``."""

    def __init__(self) -> None:
        self._patterns: list[_Compiled] = []
        self._indexed: set[str] = set()  # attributes some pattern's first node is looked up by

    def __len__(self) -> int:
        return len(self._patterns)

    def add(self, key: str, pattern: Sequence[dict[str, Any]]) -> None:
        names: dict[str, int] = {}
        steps = []
        for i, node in enumerate(pattern):
            names[node["RIGHT_ID"]] = i
            attrs = node.get("RIGHT_ATTRS", {})
            if i == 0:
                continue
            op = node["REL_OP"]
            if op not in OPERATORS:
                raise UnsupportedPatternError(f"operator {op!r} of pattern {key!r} is not supported")
            steps.append((names[node["LEFT_ID"]], op, _node_test(attrs)))
        first_attrs = pattern[0].get("RIGHT_ATTRS", {})
        ent = first_attrs.get("ENT_TYPE")
        first_ent = bool(ent) and not (isinstance(ent, dict) and "NOT_IN" in ent)
        lookup = _lookup(first_attrs)
        if lookup is not None:
            self._indexed.add("ORTH" if lookup[0] == "TEXT" else lookup[0])
        self._patterns.append(_Compiled(key, _node_test(first_attrs), lookup, first_ent, tuple(steps)))

    def __call__(self, doc: Doc) -> list[tuple[str, list[int]]]:
        index: dict[str, dict[str, list[int]]] = {}
        for name in self._indexed:
            get = _STRING_ATTRS[name]
            by_value: dict[str, list[int]] = {}
            for t in doc:
                by_value.setdefault(get(t), []).append(t.i)
            index[name] = by_value
        if "ORTH" in index:
            index["TEXT"] = index["ORTH"]
        ent_tokens = [t.i for t in doc if t.ent_iob_ in {"B", "I"}]
        matches: list[tuple[str, list[int]]] = []
        for p in self._patterns:
            if p.first_lookup is not None:
                attr, values = p.first_lookup
                by_value = index[attr]
                candidates: Sequence[int] = sorted(i for v in values for i in by_value.get(v, ()))
            elif p.first_ent:
                candidates = ent_tokens
            else:
                candidates = range(len(doc))
            for i in candidates:
                token = doc[i]
                if p.first(token):
                    self._extend(p, [token], 0, matches)
        return matches

    def _extend(self, p: _Compiled, bound: list[Token], step: int, out: list[tuple[str, list[int]]]) -> None:
        if step == len(p.steps):
            ids = [t.i for t in bound]
            if len(set(ids)) == len(ids):
                out.append((p.key, ids))
            return
        left, op, test = p.steps[step]
        for candidate in _related(bound[left], op):
            if test(candidate):
                bound.append(candidate)
                self._extend(p, bound, step + 1, out)
                bound.pop()
