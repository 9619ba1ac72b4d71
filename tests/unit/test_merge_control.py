"""User control over merging (issue 7): never_merge and always_merge pairs, from arguments
or files, honoured through every rule and every transitive join; and the per-alias
explanations merging gives. No spaCy model."""

from __future__ import annotations

import itertools
import json

import pytest
from alias_mentions import mentions
from hypothesis import given, settings
from hypothesis import strategies as st

import factx
from factx.aliases import MergeSettings, NameMention, merge, name_pairs, read_name_pairs


def groups(ms: list[NameMention], settings: MergeSettings | None = None) -> list[set[str]]:
    return [{ms[i].text for i in c.members} for c in merge(ms, settings=settings)]


def together(ms: list[NameMention], a: str, b: str, settings: MergeSettings | None = None) -> bool:
    return any(a in g and b in g for g in groups(ms, settings))


# ------------------------------------------------------------------ never_merge


# Each row merges by default through a different rule.
NEVER_CASES = [
    (["William Gates", "Bill Gates"], "William Gates", "Bill Gates"),  # nickname table
    (["Marie Curie", "Curie"], "Marie Curie", "Curie"),  # surname
    ([("Odessa", "GPE"), ("Odesa", "GPE")], "Odessa", "Odesa"),  # fuzzy
    ([("Baltic Freight Union", "ORG"), ("BFU", "ORG")], "Baltic Freight Union", "BFU"),  # acronym
    ([("US", "GPE"), ("America", "GPE")], "US", "America"),  # country alias
    ([("Acme Inc.", "ORG"), ("Acme", "ORG")], "Acme Inc.", "Acme"),  # designator
]


@pytest.mark.parametrize(("items", "a", "b"), NEVER_CASES)
def test_merge_control_never_pair_is_never_merged(items, a, b):
    ms = mentions(*items)
    assert together(ms, a, b)  # the rule would join them
    assert not together(ms, a, b, MergeSettings(never_merge=frozenset({(a, b)})))


def test_merge_control_never_holds_through_a_third_name():
    # "Gates" could join either full name; the two full names must stay apart all the same
    ms = mentions("William Gates", "Bill Gates", "Gates", "W. Gates")
    assert together(ms, "William Gates", "Bill Gates")
    apart = MergeSettings(never_merge=frozenset({("William Gates", "Bill Gates")}))
    for g in groups(ms, apart):
        assert not {"William Gates", "Bill Gates"} <= g


def test_merge_control_never_holds_against_always():
    # always (A, X) and X ~ B by rule: with never (A, B) the rule's join is refused
    ms = mentions("Jane Roe", "Jane Doe", "Roe")
    s = MergeSettings(always_merge=frozenset({("Jane Doe", "Roe")}), never_merge=frozenset({("Jane Roe", "Jane Doe")}))
    gs = groups(ms, s)
    assert {"Jane Doe", "Roe"} in gs
    assert [g for g in gs if {"Jane Roe", "Jane Doe"} <= g] == []


@settings(max_examples=60, deadline=None)
@given(
    order=st.permutations(["Aleksandr Ivanov", "Sasha Ivanov", "Ivanov", "Sasha", "A. Ivanov", "Alexander Ivanov"]),
    pair=st.sampled_from(list(itertools.combinations(["Aleksandr Ivanov", "Sasha Ivanov", "Ivanov", "Sasha"], 2))),
)
def test_merge_control_never_is_honoured_in_any_order(order, pair):
    gs = groups(mentions(*order), MergeSettings(never_merge=frozenset({pair})))
    assert [g for g in gs if set(pair) <= g] == []


# ------------------------------------------------------------------ always_merge


@pytest.mark.parametrize(
    ("items", "a", "b"),
    [
        (["Ann Carter", "Ann Lee"], "Ann Carter", "Ann Lee"),  # two full names: the person rules refuse
        (["Mark Twain", "Samuel Clemens"], "Mark Twain", "Samuel Clemens"),  # a pen name
        ([("Northwind", "ORG"), ("the Firm", "ORG")], "Northwind", "the Firm"),
        (["Jo March", ("Little Women", "WORK_OF_ART")], "Jo March", "Little Women"),
    ],
)
def test_merge_control_always_pair_is_always_merged(items, a, b):
    ms = mentions(*items)
    assert not together(ms, a, b)
    s = MergeSettings(always_merge=frozenset({(a, b)}))
    assert together(ms, a, b, s)
    (cluster,) = [c for c in merge(ms, settings=s) if len(c.members) == 2]
    other = b if cluster.name == a else a
    assert cluster.explanations[other]["rule"] == "always merge"


def test_merge_control_always_by_form_not_spelling():
    ms = mentions("Samuel Clemens", "Mark Twain's")
    assert together(
        ms, "Samuel Clemens", "Mark Twain's", MergeSettings(always_merge=frozenset({("MARK TWAIN", "samuel clemens")}))
    )


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"never_merge": frozenset({("A B", "A B")})}, "names one form"),
        ({"never_merge": frozenset({("U.S.", "US")})}, "names one form"),
        ({"always_merge": frozenset({("Solo",)})}, "pairs of two names"),
        (
            {
                "never_merge": frozenset({("Ann Lee", "Ann Carter")}),
                "always_merge": frozenset({("Ann Carter", "Ann Lee")}),
            },
            "both in never_merge and in always_merge",
        ),
    ],
)
def test_merge_control_bad_pairs_are_refused(kw, message):
    with pytest.raises(factx.SettingsError, match=message):
        MergeSettings(**kw)


# ------------------------------------------------------------------ files


def test_merge_control_tsv_and_json_files(tmp_path):
    tsv = tmp_path / "never.tsv"
    tsv.write_text(
        "# names that are different people\nJohn Smith\tJohn Smyth\tJ. Smith\n\nAcme\tAcme Inc.\n", encoding="utf-8"
    )
    assert read_name_pairs(tsv, kind="never") == {
        ("John Smith", "John Smyth"),
        ("John Smith", "J. Smith"),
        ("John Smyth", "J. Smith"),
        ("Acme", "Acme Inc."),
    }
    js = tmp_path / "always.json"
    js.write_text(json.dumps([["Samuel Clemens", "Mark Twain", "Twain"]]), encoding="utf-8")
    assert read_name_pairs(js, kind="always") == {("Samuel Clemens", "Mark Twain"), ("Samuel Clemens", "Twain")}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("never.tsv", "Jon Barr\tJo Barr\nLonely\n", r"never.tsv:2: a group of two or more names"),
        ("never.tsv", "# c\nUS\tU.S.\n", r"never.tsv:2: two names of the group read as the same name"),
        ("always.json", '[["A B", "C D"], "E F"]', r"always.json: group 2: a group of two or more names"),
        ("always.json", '{"a": 1}', r"always.json: a list of name groups"),
        ("always.json", "[[", r"always.json:1: not valid JSON"),
    ],
)
def test_merge_control_file_errors_name_file_and_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(factx.SettingsError, match=message):
        read_name_pairs(path, kind=name.split(".")[0])


def test_merge_control_missing_file(tmp_path):
    with pytest.raises(factx.SettingsError, match="cannot read the never-merge file"):
        read_name_pairs(tmp_path / "absent.tsv", kind="never")


def test_merge_control_groups_as_arguments():
    assert name_pairs([["A B", "C D", "E F"]], kind="always") == {("A B", "C D"), ("A B", "E F")}
    with pytest.raises(factx.SettingsError, match="a group of two or more names"):
        name_pairs(["A B"], kind="never")  # a bare string is not a group


def test_merge_control_extractor_arguments_add_to_settings(tmp_path):
    path = tmp_path / "always.tsv"
    path.write_text("Mark Twain\tSamuel Clemens\n", encoding="utf-8")
    ex = factx.Extractor(
        merge_settings=MergeSettings(never_merge=frozenset({("Ann Lee", "Ann Carter")})),
        always_merge=path,
        never_merge=[("William Gates", "Bill Gates")],
    )
    assert ex.merge_settings.always_merge == {("Mark Twain", "Samuel Clemens")}
    assert ex.merge_settings.never_merge == {("Ann Lee", "Ann Carter"), ("William Gates", "Bill Gates")}


# ------------------------------------------------------------------ explanations


@pytest.mark.parametrize(
    ("items", "alias", "expected"),
    [
        (["William Gates", "Bill Gates"], "Bill Gates", {"rule": "nickname table", "joined": "William Gates"}),
        (["Marie Curie", "Curie"], "Curie", {"rule": "surname", "joined": "Marie Curie"}),
        (
            [("Baltic Freight Union", "ORG"), ("BFU", "ORG")],
            "BFU",
            {"rule": "acronym", "joined": "Baltic Freight Union"},
        ),
        (
            [("Odessa", "GPE"), ("Odessa", "GPE"), ("Odesa", "GPE")],
            "Odesa",
            {"rule": "fuzzy", "joined": "Odessa", "score": 91, "threshold": 90.0},
        ),
        (
            [("US", "GPE")],
            "US",
            {"rule": "country alias", "joined": "United States", "table": "country_aliases.tsv"},
        ),
        (
            ["Aleksandr 'Sasha' Ivanov", "Sasha"],
            "Sasha",
            {"rule": "quoted nickname", "joined": "Aleksandr 'Sasha' Ivanov"},
        ),
    ],
)
def test_merge_control_explanations_of_aliases(items, alias, expected):
    (cluster,) = merge(mentions(*items))
    assert dict(cluster.explanations[alias]) == expected


def test_merge_control_every_alias_is_explained():
    ms = mentions(
        "Aleksandr 'Sasha' Ivanov",
        "Ivanov",
        "Alexander Ivanov",
        ("Baltic Freight Union", "ORG"),
        ("BFU", "ORG"),
        ("U.S.", "GPE"),
        ("America", "GPE"),
        "Sasha",
    )
    for cluster in merge(ms):
        assert set(cluster.explanations) == set(cluster.aliases)
        assert [(alias, e) for alias, e in cluster.explanations.items() if not (e["rule"] and e["joined"])] == []


# ------------------------------------------------------------------ command line


def test_merge_control_cli_bad_file_is_a_clear_error(tmp_path, capsys):
    from factx import cli

    story = tmp_path / "story.txt"
    story.write_text("x", encoding="utf-8")
    bad = tmp_path / "never.tsv"
    bad.write_text("Alone\n", encoding="utf-8")
    assert cli.main(["extract", str(story), "--never-merge", str(bad)]) == 2
    assert "never.tsv:1: a group of two or more names" in capsys.readouterr().err
