"""Helpers shared by the relation tests: facts as readable triples."""

from __future__ import annotations

import pytest


def case(text, must=(), must_not=(), negated=(), xfail=None):
    """One row of a relation table: a sentence, the facts it must and must not yield, and
    those that must be there negated; ``xfail`` gives a known gap's reason (strict)."""
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(text, set(must), set(must_not), set(negated), marks=marks, id=text[:70])


def split_facts(extractor, text: str) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    """(plain facts, negated facts) of ``text`` as (subject name, relation, object name or literal)."""
    result = extractor(text).to_dict()
    names = {e["id"]: e["name"] for e in result["entities"]}
    plain: set[tuple[str, str, str]] = set()
    negated: set[tuple[str, str, str]] = set()
    for f in result["facts"]:
        obj = f["object"]
        target = names.get(obj["entity"]) if "entity" in obj else obj.get("literal")
        (negated if f["negated"] else plain).add((names[f["subject"]], f["relation"], target))
    return plain, negated
