"""Every regular expression in factx runs in time linear in its input (issue 6).

The patterns are found by reading factx's source, not listed by hand, so a new one is
checked as soon as it is written: every ``re.<function>(pattern, ...)`` call, the pattern
evaluated in its module. Each is run the way the code runs it (``search``-like calls try
every start position, ``match`` one, ``fullmatch`` the whole string) on inputs built to
make backtracking engines slow: long runs of one character, of each word the pattern
names, with separators, ending in a character that makes the match fail. The time at 8x
the length must be about 8x, not 64x (quadratic) or worse; a suspicious ratio is measured
again, longer and best of three, before it fails the test. Times are CPU times, so that
other work on a shared machine does not count.
"""

from __future__ import annotations

import ast
import importlib
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import factx

PACKAGE = Path(factx.__file__).resolve().parent
SEARCHING = frozenset({"search", "sub", "subn", "split", "findall", "finditer"})
MODES = frozenset({"search", "match", "fullmatch"})
RE_FUNCTIONS = SEARCHING | {"match", "fullmatch", "compile"}

SIZE = 500  # characters of the shorter screening input
GROWTH = 8  # the longer input is this many times longer
SCREEN_RATIO = 16  # a screening ratio above this is measured again ...
CONFIRM_SCALE = 4  # ... at this many times the screening lengths, best of three,
MAX_RATIO = 20  # ... and fails above this (linear: 8; quadratic: 64)
MIN_SECONDS = 0.002  # below this the longer run is too short for its ratio to mean anything


@dataclass(frozen=True)
class Found:
    id: str  # the file and what the call is in, e.g. factx/dates/find.py::_FINDER (no line: ids stay put)
    where: str  # the file and line, for a failure's message
    pattern: re.Pattern[str]
    modes: frozenset[str]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _flags(call: ast.Call, namespace: dict[str, object], where: str) -> int:
    node = next((k.value for k in call.keywords if k.arg == "flags"), None)
    if node is None and isinstance(call.func, ast.Attribute) and call.func.attr == "compile" and len(call.args) > 1:
        node = call.args[1]
    return 0 if node is None else int(_evaluate(node, namespace, where))


def _evaluate(node: ast.expr, namespace: dict[str, object], where: str) -> object:
    try:
        return eval(compile(ast.Expression(node), where, "eval"), dict(namespace))
    except Exception as e:  # a pattern built from local values: write it where it can be checked
        raise AssertionError(f"{where}: cannot evaluate the pattern {ast.unparse(node)} ({e})") from e


def _uses(tree: ast.Module) -> tuple[dict[str, set[str]], set[str]]:
    """Per module-level name, the methods called on it; and the names used any other way
    (passed on, put in a container), which are checked in every mode."""
    called: dict[str, set[str]] = {}
    callee_ids: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
        ):
            called.setdefault(node.func.value.id, set()).add(node.func.attr)
            callee_ids.add(id(node.func.value))
    other = {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and id(node) not in callee_ids
    }
    return called, other


def _mode(method: str) -> str | None:
    if method in SEARCHING:
        return "search"
    return method if method in MODES else None


def _is_re_call(node: ast.Call) -> bool:
    return (
        isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "re"
        and node.func.attr in RE_FUNCTIONS
    )


def _owners(tree: ast.Module) -> dict[int, str]:
    """Per call, what it is in: its function or class (dotted, as in a qualified name), or
    the module-level name it is assigned to; ``<module>`` for anything else."""
    owners: dict[int, str] = {}

    def visit(node: ast.AST, scope: list[str]) -> None:
        for child in ast.iter_child_nodes(node):
            inner = scope
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                inner = [*scope, child.name]
            elif not scope and isinstance(child, (ast.Assign, ast.AnnAssign)):
                targets = child.targets if isinstance(child, ast.Assign) else [child.target]
                inner = [t.id for t in targets if isinstance(t, ast.Name)][:1]
            if isinstance(child, ast.Call):
                owners[id(child)] = ".".join(inner) or "<module>"
            visit(child, inner)

    visit(tree, [])
    return owners


def discover() -> list[Found]:
    found: list[Found] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = sorted(
            (node for node in ast.walk(tree) if isinstance(node, ast.Call) and _is_re_call(node)),
            key=lambda node: (node.lineno, node.col_offset),
        )
        if not calls:
            continue  # not imported: factx/__main__.py would run the command line
        namespace = vars(importlib.import_module(_module_name(path)))
        called, other = _uses(tree)
        targets: dict[int, str] = {}  # id of a module-level re.compile call -> the name it is bound to
        for stmt in tree.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                targets[id(stmt.value)] = stmt.targets[0].id
        owners = _owners(tree)
        per_owner = Counter(owners[id(node)] for node in calls)
        seen: Counter[str] = Counter()
        for node in calls:
            owner = owners[id(node)]
            seen[owner] += 1
            ident = f"{path.relative_to(PACKAGE.parent)}::{owner}"
            if per_owner[owner] > 1:  # the first, second, ... call in it
                ident += f"#{seen[owner]}"
            where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            pattern = re.compile(str(_evaluate(node.args[0], namespace, where)), _flags(node, namespace, where))
            function = node.func.attr  # type: ignore[attr-defined]
            name = targets.get(id(node))
            if function != "compile":
                mode = _mode(function)
                modes = frozenset({mode} if mode else ())
            elif name is not None and name not in other:
                modes = frozenset({m for m in map(_mode, called.get(name, ())) if m})
            else:
                modes = MODES  # kept in a container or passed around: any use is possible
            found.append(Found(ident, where, pattern, modes))
    return found


FOUND = discover()

CHARS = ["a", "A", "1", " ", ".", "'", "-", "\n", ",", ":", "/", "(", ")", '"', "é", "aA1", "\u2019", "\x00"]
SEPARATORS = [" ", "", "-", ". ", ", "]


def _words(pattern: re.Pattern[str]) -> list[str]:
    """The words and numbers a pattern spells out, escapes (\\s, \\d, ...) removed."""
    return sorted(set(re.findall(r"[A-Za-z']+|\d+", re.sub(r"\\[A-Za-z]", " ", pattern.pattern))))


def hostile_inputs(pattern: re.Pattern[str]) -> list[tuple[str, Callable[[int], str]]]:
    """Named builders of an input about ``n`` characters long that ends where no match can."""
    out: list[tuple[str, Callable[[int], str]]] = []
    for c in CHARS:
        out.append((f"{c!r}*n", lambda n, c=c: c * n + "\x00"))
        out.append((f"({c!r}+' ')*n", lambda n, c=c: (c + " ") * (n // 2) + "\x00"))
        out.append((f"'a'+{c!r}*n+'a'", lambda n, c=c: "a" + c * n + "a"))
    for w in _words(pattern):
        for sep in SEPARATORS:
            unit = w + sep
            out.append((f"{unit!r}*n", lambda n, unit=unit: unit * max(1, n // len(unit)) + "\x00"))
    return out


def _run(pattern: re.Pattern[str], mode: str, text: str) -> object:
    if mode == "search":
        return list(pattern.finditer(text))
    if mode == "match":
        return pattern.match(text)
    return pattern.fullmatch(text)


def _seconds(pattern: re.Pattern[str], mode: str, text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        _run(pattern, mode, text)
        best = min(best, time.process_time() - start)
    return best


def growth_ratio(
    pattern: re.Pattern[str], mode: str, build: Callable[[int], str], n: int, repeat: int
) -> tuple[float, float]:
    """Time at ``GROWTH * n`` over time at ``n``, and the longer time."""
    short = _seconds(pattern, mode, build(n), repeat)
    long = _seconds(pattern, mode, build(GROWTH * n), repeat)
    return long / max(short, 1e-7), long


def test_regexes_every_call_site_is_found():
    calls = 0
    for path in PACKAGE.rglob("*.py"):
        calls += len(
            re.findall(r"\bre\.(?:" + "|".join(sorted(RE_FUNCTIONS)) + r")\(", path.read_text(encoding="utf-8"))
        )
    assert len(FOUND) == calls
    assert len(FOUND) > 50  # factx's date rules alone have more: the search did look


def test_regexes_modes_follow_the_code():
    """The mode of a pattern is how the code calls it (a check of ``discover`` itself)."""
    modes = {f.id.rsplit("::", 1)[-1]: f.modes for f in FOUND}
    assert modes["_R_MONTH_DAY"] == {"fullmatch"}
    assert modes["_SPACES"] == {"search"}  # .sub
    assert modes["_FINDER_LOWER"] == MODES  # passed on as a local "finder"


@pytest.mark.parametrize("found", FOUND, ids=[f.id for f in FOUND])
def test_regexes_time_is_linear_on_hostile_inputs(found: Found):
    slow = []
    for name, build in hostile_inputs(found.pattern):
        for mode in sorted(found.modes):
            ratio, seconds = growth_ratio(found.pattern, mode, build, SIZE, repeat=1)
            if seconds < MIN_SECONDS or ratio <= SCREEN_RATIO:
                continue
            ratio, seconds = growth_ratio(found.pattern, mode, build, CONFIRM_SCALE * SIZE, repeat=3)
            if seconds >= MIN_SECONDS and ratio > MAX_RATIO:
                slow.append(f"{mode} on {name}: x{GROWTH} length took x{ratio:.0f} time ({seconds:.3f} s)")
        if len(slow) >= 3:
            break  # enough to show it; measuring every input of a slow pattern takes minutes
    assert not slow, f"{found.where} /{found.pattern.pattern[:80]}/ is super-linear:\n" + "\n".join(slow)


# The same, through the code that runs the patterns on text of any length: a long date
# candidate (the model may tag one; rules then clean and classify the whole of it), long
# entity names (alias merging, table keys) and the document-wide date finders.
UNITS = ["1990 . ", "' ", "'s ", ", , ", "the past ", "a-a-", "Jan. 3 ", "(A) ", "\u2019s ", "12 12 ", "of the "]


def _code_seconds(fn: Callable[[str], object], text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        fn(text)
        best = min(best, time.process_time() - start)
    return best


def _date_candidate(text: str) -> object:
    from factx.dates import find_dates

    return find_dates(text, [(0, len(text))], reference_date=None)


def _alias_merge(text: str) -> object:
    from factx.aliases import NameMention, merge

    return merge(
        [NameMention(text, "PERSON", 0, len(text)), NameMention(text.upper(), "ORG", len(text) + 1, 2 * len(text) + 1)]
    )


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("fn", [_date_candidate, _alias_merge], ids=["date-candidate", "alias-merge"])
def test_regexes_code_paths_are_linear_on_long_spans(fn: Callable[[str], object], unit: str):
    n = 4000 // len(unit)
    small = _code_seconds(fn, "a " + unit * n + "x")  # letters at both ends: nothing to trim
    large = _code_seconds(fn, "a " + unit * (GROWTH * n) + "x")
    assert large / max(small, 1e-6) < MAX_RATIO, f"x{GROWTH} length took x{large / small:.0f} time"
