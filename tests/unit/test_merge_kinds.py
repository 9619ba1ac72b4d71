"""Wrong merges and splits of names in one document, one table per kind (factx.aliases; no
spaCy model needed). Every name here is invented, or a real place used for what it is."""

from __future__ import annotations

import pytest
from alias_mentions import mentions

from factx.aliases import MergeSettings, NameMention, merge


def groups(ms: list[NameMention]) -> list[set[str]]:
    return [{ms[i].text for i in c.members} for c in merge(ms)]


def together(ms: list[NameMention], a: str, b: str) -> bool:
    return any(a in g and b in g for g in groups(ms))


def rule_of(ms: list[NameMention], alias: str) -> str:
    for c in merge(ms):
        if alias in c.explanations:
            return str(c.explanations[alias]["rule"])
    return ""


# ---------------------------------------------------------------- wrong merges

WRONG_MERGES = [
    # an acronym against an unrelated long name whose initials happen to fit
    ([("University of Saltmarsh", "ORG"), ("US", "GPE")], "US", "University of Saltmarsh"),
    # a town and the club or firm named after it
    ([("FC Dunmore", "ORG"), ("Dunmore", "GPE"), ("Dunmore", "GPE")], "Dunmore", "FC Dunmore"),
    ([("Dunmore Athletic AFC", "ORG"), ("Dunmore", "GPE")], "Dunmore", "Dunmore Athletic AFC"),
    # a city of the gazetteer and a club the model tagged PERSON
    ([("Racing Lyon", "PERSON"), ("Lyon", "GPE")], "Lyon", "Racing Lyon"),
    # two companies that share a word: the bare word joins neither
    ([("Brenner Logistics", "ORG"), ("Brenner Foods", "ORG"), ("Brenner", "ORG")], "Brenner", "Brenner Logistics"),
    ([("Brenner Logistics", "ORG"), ("Brenner Foods", "ORG"), ("Brenner", "ORG")], "Brenner", "Brenner Foods"),
    # a company named by a word that is no given name is no person's given name
    ([("Korvo", "ORG"), ("Korvo Australia", "PERSON")], "Korvo", "Korvo Australia"),
    # a regional arm is not the company
    ([("Korvo", "ORG"), ("Korvo of Canada", "ORG")], "Korvo", "Korvo of Canada"),
    # a body of an institution is not the institution
    (
        [("Harlow University", "ORG"), ("Harlow University Library", "ORG")],
        "Harlow University",
        "Harlow University Library",
    ),
    # a known given name one letter off a surname is another name
    (["Anna Roberts", "Robert"], "Robert", "Anna Roberts"),
    # a given name changed at its end is often the other gender's: two persons
    (["Daniel Novak", "Daniela Novak"], "Daniela Novak", "Daniel Novak"),
    (["Simon Pell", "Simone Pell"], "Simone Pell", "Simon Pell"),
    (["Andrea Novak", "Andreas Novak"], "Andreas Novak", "Andrea Novak"),
    # an acronym whose letters do not spell the first part, or two campuses of one system
    (
        [("University of Tarrow at Dunmore", "ORG"), ("UK Dunmore", "ORG")],
        "UK Dunmore",
        "University of Tarrow at Dunmore",
    ),
    (
        [("University of Tarrow at Dunmore", "ORG"), ("Upton Trust at Dunmore", "ORG"), ("UT Dunmore", "ORG")],
        "UT Dunmore",
        "University of Tarrow at Dunmore",
    ),
    # the adherents of a faith are not the faith; a nation's adjective is not its people
    ([("Islam", "ORG"), ("Muslim", "NORP")], "Muslim", "Islam"),
    ([("Catholic", "NORP"), ("Catholics", "NORP")], "Catholics", "Catholic"),
    # a demonym before a body's name may name another body
    (
        [("Chilean National Council", "ORG"), ("National Council", "ORG")],
        "National Council",
        "Chilean National Council",
    ),
]


@pytest.mark.parametrize(("items", "a", "b"), WRONG_MERGES)
def test_merge_kinds_wrong_merges_stay_apart(items: list[tuple[str, str] | str], a: str, b: str) -> None:
    assert not together(mentions(*items), a, b)


# ---------------------------------------------------------------- splits

SPLITS = [
    # a company with and without its legal suffix
    ([("Vexa Ltd", "ORG"), ("Vexa", "ORG")], "Vexa", "Vexa Ltd", "designator"),
    # the head noun of "X of Y" alone after the full name
    ([("Church of Saint Aldo", "ORG"), ("Church", "ORG")], "Church", "Church of Saint Aldo", "short form"),
    # an institution without its "of" phrase, and after a demonym
    (
        [("Chilean Supreme Court of Appeal", "ORG"), ("Supreme Court", "ORG")],
        "Supreme Court",
        "Chilean Supreme Court of Appeal",
        "short form",
    ),
    # a country or a place of the document before a body's name
    ([("UK Home Office", "ORG"), ("Home Office", "ORG")], "Home Office", "UK Home Office", "place modifier"),
    (
        [("Marsh", "GPE"), ("Marsh City Kite Festival", "FAC"), ("Kite Festival", "EVENT")],
        "Kite Festival",
        "Marsh City Kite Festival",
        "place modifier",
    ),
    # "the South" for the country named by the word
    ([("South Sudan", "GPE"), ("South", "LOC")], "South", "South Sudan", "short form"),
    # a bare surname one letter off the surname of the person named before
    (["Petra Hollingsworth", "Hollingworth"], "Hollingworth", "Petra Hollingsworth", "surname variant"),
    (["Tomas Veselka", "Veselko"], "Veselko", "Tomas Veselka", "surname variant"),
    (["Ines Marquardt", "Marquadt"], "Marquadt", "Ines Marquardt", "surname variant"),
    # one letter inside a known given name: one person
    (["Katarina Novak", "Katharina Novak"], "Katharina Novak", "Katarina Novak", "fuzzy"),
    (["Mathew Pell", "Matthew Pell"], "Matthew Pell", "Mathew Pell", "fuzzy"),
    # two letters swapped in one word of a longer name
    ([("Allied Nations", "ORG"), ("Alleid Nations", "ORG")], "Alleid Nations", "Allied Nations", "fuzzy"),
    # an acronym of the first part of a name with its last words
    (
        [("University of Tarrow at Dunmore", "ORG"), ("UT Dunmore", "ORG")],
        "UT Dunmore",
        "University of Tarrow at Dunmore",
        "acronym",
    ),
    (
        [("University of Tarrow, Dunmore", "ORG"), ("UT Dunmore", "ORG")],
        "UT Dunmore",
        "University of Tarrow, Dunmore",
        "acronym",
    ),
    # a religion and the adjective of its faith
    ([("Islam", "ORG"), ("Islamic", "NORP")], "Islamic", "Islam", "religion adjective"),
]


@pytest.mark.parametrize(("items", "a", "b", "rule"), SPLITS)
def test_merge_kinds_splits_join(items: list[tuple[str, str] | str], a: str, b: str, rule: str) -> None:
    ms = mentions(*items)
    assert together(ms, a, b)
    assert rule_of(ms, a) == rule


def test_merge_kinds_apostrophe_variant_is_one_form() -> None:
    ms = mentions(("Free Farmers Party", "ORG"), ("Free Farmers' Party", "ORG"))
    assert together(ms, "Free Farmers Party", "Free Farmers' Party")


def test_merge_kinds_surname_variant_needs_one_person() -> None:
    # two persons whose surnames are each one letter off the bare name: anyone's guess
    ms = mentions("Petra Hollingsworth", "Karl Hollingswort", "Hollingworth")
    assert not together(ms, "Hollingworth", "Petra Hollingsworth")
    assert not together(ms, "Hollingworth", "Karl Hollingswort")


def test_merge_kinds_surname_variant_not_before_the_person() -> None:
    assert not together(mentions("Hollingworth", "Petra Hollingsworth"), "Hollingworth", "Petra Hollingsworth")


def test_merge_kinds_short_form_rules_switch_off() -> None:
    ms = mentions(("Church of Saint Aldo", "ORG"), ("Church", "ORG"))
    clusters = merge(ms, settings=MergeSettings(merge_org_short_forms=False, merge_head_references=False))
    assert len(clusters) == 2
