"""The package's layout: no import cycles, no private names borrowed across modules.

Read from the source with ``ast``; nothing is imported and no model is loaded.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "factx"


def _module_name(path: Path) -> str:
    parts = ["factx", *path.relative_to(PACKAGE).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, *, type_checking: bool) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth; those under ``if TYPE_CHECKING:`` only when
    ``type_checking`` is true (the ``else`` branch always counts)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        if isinstance(node, ast.If) and _is_type_checking(node.test) and not type_checking:
            for child in node.orelse:
                yield from _imports(ast.Module(body=[child], type_ignores=[]), type_checking=type_checking)
            continue
        yield from _imports(node, type_checking=type_checking)


def _source_module(module: str, node: ast.ImportFrom) -> str:
    """The absolute name of the module a ``from ... import`` statement reads from."""
    if node.level == 0:
        return node.module or ""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def _parse(module: str) -> ast.Module:
    return ast.parse(MODULES[module].read_text(encoding="utf-8"), filename=str(MODULES[module]))


def _dependencies(module: str) -> set[str]:
    """The factx modules ``module`` imports at run time."""
    found: set[str] = set()
    for node in _imports(_parse(module), type_checking=False):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in MODULES)
            continue
        source = _source_module(module, node)
        if source not in MODULES:
            continue
        for alias in node.names:
            submodule = f"{source}.{alias.name}"
            found.add(submodule if submodule in MODULES else source)
    found.discard(module)
    return found


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_package_is_read():
    assert {"factx", "factx.api", "factx.parallel", "factx.relations", "factx.relations.layer"} <= set(MODULES)
    assert "factx.relations" in _dependencies("factx.api")


def test_no_import_cycle():
    graph = {module: _dependencies(module) for module in MODULES}
    cycle = _find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_private_name_imported_from_another_module():
    offenders = []
    for module in MODULES:
        for node in _imports(_parse(module), type_checking=True):
            if isinstance(node, ast.Import):
                continue
            source = _source_module(module, node)
            if source != "factx" and not source.startswith("factx."):
                continue
            for alias in node.names:
                if _is_private(alias.name) and f"{source}.{alias.name}" not in MODULES:
                    offenders.append(f"{module} (line {node.lineno}) imports {alias.name} from {source}")
    assert not offenders, "private names imported across modules:\n" + "\n".join(offenders)


def _private_members(module: str, class_name: str) -> set[str]:
    """The private names of a class: its methods and the attributes its methods use on self."""
    (cls,) = [n for n in _parse(module).body if isinstance(n, ast.ClassDef) and n.name == class_name]
    names = {n.name for n in cls.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    names |= {
        n.attr
        for n in ast.walk(cls)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "self"
    }
    return {name for name in names if _is_private(name)}


# The bulk runners and the spaCy component work through Extractor's public API
# (pipe, extract_doc, facts, nlp), so that it is what they need.
EXTRACTOR_CLIENTS = ("factx.batch", "factx.spark", "factx.component")


def test_extractor_clients_use_no_private_attribute_of_extractor():
    private = _private_members("factx.api", "Extractor")
    assert {"_parse", "_lock"} <= private  # the class is read
    offenders = [
        f"{module} (line {node.lineno}) uses Extractor.{node.attr}"
        for module in EXTRACTOR_CLIENTS
        for node in ast.walk(_parse(module))
        if isinstance(node, ast.Attribute)
        and node.attr in private
        and not (isinstance(node.value, ast.Name) and node.value.id == "self")
    ]
    assert not offenders, "\n".join(offenders)
