"""Nothing unsafe in factx's source (issue 6): no code from strings, no deserializing of
data that can run code, no shell, no network module. A static check of every module with
``ast``: it sees calls however they are imported (``pickle.load``, ``from pickle import
loads``, ``__import__``) and needs no model."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import factx

PACKAGE = Path(factx.__file__).resolve().parent
SOURCES = sorted(PACKAGE.rglob("*.py"))

FORBIDDEN_BUILTINS = {"eval", "exec", "compile", "__import__", "breakpoint"}
# module -> functions that run code or load objects that can (None: the whole module)
FORBIDDEN_CALLS: dict[str, set[str] | None] = {
    "pickle": {"load", "loads", "Unpickler"},
    "_pickle": {"load", "loads", "Unpickler"},
    "dill": None,
    "cloudpickle": None,
    "joblib": {"load"},
    "marshal": {"load", "loads"},
    "shelve": {"open"},
    "yaml": {"load", "unsafe_load", "full_load", "load_all"},
    "numpy": {"load"},  # allow_pickle
    "torch": {"load"},
    "os": {"system", "popen", "execv", "execve", "execvp", "spawnv"},
    "subprocess": None,
    "importlib": {"import_module"},
}
NETWORK_MODULES = {"socket", "ssl", "urllib", "http", "ftplib", "smtplib", "requests", "httpx", "aiohttp", "urllib3"}
# string functions inside network packages: quoting an IRI opens no connection
NETWORK_SAFE = {"urllib.parse"}


def _imports(tree: ast.Module) -> dict[str, str]:
    """Local name -> what it stands for: ``import pickle as p`` gives p -> pickle,
    ``from pickle import loads`` gives loads -> pickle.loads."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _dotted(node: ast.expr, names: dict[str, str]) -> str | None:
    if isinstance(node, ast.Name):
        return names.get(node.id, node.id)
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value, names)
        return None if base is None else f"{base}.{node.attr}"
    return None


def forbidden_calls(source: str) -> list[str]:
    tree = ast.parse(source)
    names = _imports(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _dotted(node.func, names)
        if name is None:
            continue
        if name in FORBIDDEN_BUILTINS:
            found.append(f"{node.lineno}: {name}()")
            continue
        module, _, function = name.rpartition(".")
        top = module.split(".")[0]
        if top in FORBIDDEN_CALLS and (FORBIDDEN_CALLS[top] is None or function in FORBIDDEN_CALLS[top]):
            found.append(f"{node.lineno}: {name}()")
        if any(
            k.arg == "shell" and not (isinstance(k.value, ast.Constant) and k.value.value is False)
            for k in node.keywords
        ):
            found.append(f"{node.lineno}: {name}(shell=...)")
    return found


def network_imports(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        modules = []
        if isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module]
        found += [
            f"{node.lineno}: import {m}"
            for m in modules
            if m.split(".")[0] in NETWORK_MODULES and m not in NETWORK_SAFE
        ]
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("eval('1')", ["1: eval()"]),
        ("import pickle\npickle.loads(b'')", ["2: pickle.loads()"]),
        ("from pickle import load as l\nl(f)", ["2: pickle.load()"]),
        ("import yaml\nyaml.safe_load(s)", []),
        ("import subprocess as sp\nsp.run(['ls'])", ["2: subprocess.run()"]),
        ("run(cmd, shell=True)", ["1: run(shell=...)"]),
        ("import json\njson.loads(s)", []),
        ("x.eval()", []),  # a method called eval is not the builtin
    ],
)
def test_safety_checker_finds_what_it_should(source, expected):
    assert forbidden_calls(source) == expected


def test_safety_network_checker_finds_imports():
    assert network_imports("from urllib.parse import quote") == []  # string functions only
    assert network_imports("import urllib.request\nfrom http import client\nimport json") == [
        "1: import urllib.request",
        "2: import http",
    ]


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(PACKAGE)) for p in SOURCES])
def test_safety_no_eval_exec_pickle_or_shell(path):
    assert forbidden_calls(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(PACKAGE)) for p in SOURCES])
def test_safety_no_network_module(path):
    assert network_imports(path.read_text(encoding="utf-8")) == []
