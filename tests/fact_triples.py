"""Helpers shared by the relation tests: facts as readable triples."""

from __future__ import annotations


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
