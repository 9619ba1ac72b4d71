"""mentions.find on hand-built Docs: no model needed."""

from __future__ import annotations

import functools

import pytest
import spacy
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from factx import mentions


@functools.cache
def _vocab() -> Vocab:
    """One blank English vocabulary for every Doc of this file: making one takes a fifth of a second."""
    return spacy.blank("en").vocab


def _doc(words: list[str], spaces: list[bool], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(_vocab(), words=words, spaces=spaces)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return doc


@pytest.mark.parametrize(
    ("words", "spaces", "ent", "want"),
    [
        (["Grace", "Hopper", "'s", "ship"], [True, False, True, False], (0, 3, "PERSON"), "Grace Hopper"),
        (["Grace", "Hopper", "\u2019s", "ship"], [True, False, True, False], (0, 3, "PERSON"), "Grace Hopper"),
        (["the", "Netherlands", "won"], [True, True, False], (0, 2, "GPE"), "Netherlands"),
        (["\u2018", "Tina", "\u2019", "sang"], [False, False, True, False], (0, 3, "PERSON"), "Tina"),
        (["(", "NASA", ")"], [False, False, False], (0, 3, "ORG"), "NASA"),
        (["U.S.", "troops"], [True, False], (0, 1, "GPE"), "U.S."),
    ],
)
def test_mentions_trim_possessives_quotes_and_determiners(words, spaces, ent, want):
    doc = _doc(words, spaces, [ent])
    names, _ = mentions.find(doc)
    assert [m.text for m in names] == [want]
    m = names[0]
    assert doc.text[m.start : m.end] == m.text


def test_mentions_possessive_glued_to_token_is_trimmed():
    doc = _doc(["Frankel\u2019s", "charity"], [True, False], [(0, 1, "PERSON")])
    names, _ = mentions.find(doc)
    assert [(m.text, m.start, m.end) for m in names] == [("Frankel", 0, 7)]


def test_mentions_never_cross_a_line_break():
    doc = _doc(["Kenya", "\n\n", "Odhiambo", "said"], [False, False, True, False], [(0, 3, "ORG")])
    names, _ = mentions.find(doc)
    assert [m.text for m in names] == ["Kenya", "Odhiambo"]
    assert [m for m in names if doc.text[m.start : m.end] != m.text] == []


def test_mentions_numbers_are_not_entities_and_dates_are_candidates():
    words = ["Ruth", ",", "61", ",", "paid", "$", "5", "on", "May", "3"]
    spaces = [False, True, False, True, True, False, True, True, True, False]
    doc = _doc(words, spaces, [(0, 1, "PERSON"), (2, 3, "DATE"), (5, 7, "MONEY"), (8, 10, "DATE")])
    names, dates = mentions.find(doc)
    assert [m.label for m in names] == ["PERSON"]
    assert [doc.text[s:e] for s, e in dates] == ["61", "May 3"]


def test_mentions_punctuation_only_span_is_dropped():
    doc = _doc(["\u2014", "ok"], [True, False], [(0, 1, "ORG")])
    assert mentions.find(doc) == ([], [])


def _parsed(words, heads, deps, pos, ents):
    lemmas = ["be" if w == "is" else w.lower() for w in words]
    doc = Doc(_vocab(), words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return doc


@pytest.mark.parametrize(
    ("obj", "label", "want"),
    [(["Karl", "Dahl"], "ORG", "PERSON"), (["Karl", "Dahl"], "GPE", "PERSON"), (["France"], "GPE", "GPE")],
)
def test_mentions_a_kinship_nouns_relative_is_a_person(obj, label, want):
    # "Otto is the son of <obj>": the parse ties the name to "son"
    words = ["Otto", "is", "the", "son", "of", *obj]
    n = len(obj)
    heads = [1, 1, 3, 1, 3, *([4 + n] * (n - 1)), 4]
    deps = ["nsubj", "ROOT", "det", "attr", "prep", *(["compound"] * (n - 1)), "pobj"]
    pos = ["PROPN", "AUX", "DET", "NOUN", "ADP", *(["PROPN"] * n)]
    doc = _parsed(words, heads, deps, pos, [(0, 1, "ORG"), (5, 5 + n, label)])
    names, _ = mentions.find(doc)
    assert [(m.text, m.label) for m in names] == [("Otto", "PERSON"), (" ".join(obj), want)]


@pytest.mark.parametrize(
    ("words", "label", "want"),
    [
        (["The", "fair", "in", "Toulouse", "opened"], "PERSON", "GPE"),  # a known city after "in"
        (["The", "fair", "in", "Toulouse", "opened"], "ORG", "GPE"),
        (["Toulouse", "opened", "the", "fair"], "PERSON", "PERSON"),  # no place preposition
        (["The", "fair", "in", "Zqxville", "opened"], "PERSON", "PERSON"),  # not a known city
    ],
)
def test_mentions_a_known_city_after_in_is_a_place(words, label, want):
    at = words.index("Toulouse") if "Toulouse" in words else 3
    doc = _doc(words, [True] * (len(words) - 1) + [False], [(at, at + 1, label)])
    names, _ = mentions.find(doc)
    assert [m.label for m in names] == [want]


def test_mentions_relatives_tagged_as_one_group_are_two_persons():
    # "Otto is the son of Karl and Greta", the two parents tagged as one organization
    words = ["Otto", "is", "the", "son", "of", "Karl", "and", "Greta"]
    heads = [1, 1, 3, 1, 3, 4, 5, 5]
    deps = ["nsubj", "ROOT", "det", "attr", "prep", "pobj", "cc", "conj"]
    pos = ["PROPN", "AUX", "DET", "NOUN", "ADP", "PROPN", "CCONJ", "PROPN"]
    doc = _parsed(words, heads, deps, pos, [(0, 1, "PERSON"), (5, 8, "ORG")])
    names, _ = mentions.find(doc)
    assert [(m.text, m.label) for m in names] == [("Otto", "PERSON"), ("Karl", "PERSON"), ("Greta", "PERSON")]


@pytest.mark.parametrize(
    ("words", "want"),
    [
        (["German", "Chancellor", "Anna", "Weber", "spoke"], "Anna Weber"),  # nationality and title
        (["Roman", "Weber", "spoke"], "Roman Weber"),  # a given name that is also a demonym
    ],
)
def test_mentions_a_leading_nationality_is_not_part_of_a_name(words, want):
    doc = _doc(words, [True] * (len(words) - 1) + [False], [(0, len(words) - 1, "PERSON")])
    names, _ = mentions.find(doc)
    assert [m.text for m in names] == [want]


@pytest.mark.parametrize(("name", "want"), [("Karl Dahl", "PERSON"), ("Acme Ltd", "ORG")])
def test_mentions_the_subject_of_his_son_is_a_person_unless_named_as_a_firm(name, want):
    # "<name> thanked his son": "his" stands for the clause's subject
    words = [*name.split(), "thanked", "his", "son"]
    heads = [1, 2, 2, 4, 2]
    deps = ["compound", "nsubj", "ROOT", "poss", "dobj"]
    pos = ["PROPN", "PROPN", "VERB", "PRON", "NOUN"]
    doc = _parsed(words, heads, deps, pos, [(0, 2, "ORG")])
    names, _ = mentions.find(doc)
    assert [(m.text, m.label) for m in names] == [(name, want)]


@pytest.mark.parametrize(
    ("words", "span", "want"),
    [
        (["the", "Harbour", "Board", "Spokesperson", "said"], (1, 4), "Harbour Board"),  # the role is the person's
        (["the", "Daily", "Reporter", "said"], (1, 3), "Daily Reporter"),  # one name word would be left: a title
    ],
)
def test_mentions_a_role_word_ending_an_organization_is_cut_off(words, span, want):
    doc = _doc(words, [True] * (len(words) - 1) + [False], [(span[0], span[1], "ORG")])
    names, _ = mentions.find(doc)
    assert [m.text for m in names] == [want]


@pytest.mark.parametrize(
    ("words", "span", "label", "want"),
    [
        (["A", "gift", "from", "Queen", "Margrethe", "arrived"], (3, 5), "WORK_OF_ART", "PERSON"),
        (["A", "gift", "from", "Princess", "Maria", "arrived"], (3, 5), "ORG", "PERSON"),  # a given name
        (["A", "gift", "from", "Queen", "Margrethe", "arrived"], (4, 5), "GPE", "PERSON"),  # title outside
        (["They", "flew", "to", "Prince", "Edward", "Island"], (3, 6), "GPE", "GPE"),  # a feature's head
        (["They", "heard", "King", "Crimson", "play"], (2, 4), "ORG", "ORG"),  # a band: no given name
        (["They", "met", "at", "King", "Edward", "College"], (3, 6), "ORG", "ORG"),  # an institution
    ],
)
def test_mentions_a_name_after_a_title_of_rank_is_a_person(words, span, label, want):
    doc = _doc(words, [True] * (len(words) - 1) + [False], [(*span, label)])
    names, _ = mentions.find(doc)
    assert [m.label for m in names] == [want]


@pytest.mark.parametrize(
    ("words", "label", "want"),
    [
        (["She", "is", "a", "resident", "of", "Toulouse"], "ORG", "GPE"),
        (["He", "is", "the", "coach", "of", "Toulouse"], "ORG", "ORG"),  # the club is meant
    ],
)
def test_mentions_a_known_city_after_a_resident_of_is_a_place(words, label, want):
    doc = _doc(words, [True] * 5 + [False], [(5, 6, label)])
    names, _ = mentions.find(doc)
    assert [m.label for m in names] == [want]


@pytest.mark.parametrize(
    ("noun", "label", "want"),
    [
        ("designer", "GPE", "PERSON"),
        ("designer", "ORG", "PERSON"),
        ("publisher", "ORG", "ORG"),
        ("designer", "NORP", "NORP"),
    ],
)
def test_mentions_a_name_after_an_occupation_noun_is_a_person(noun, label, want):
    # "photos of <noun> Halston": the parse hangs the occupation on the name
    words = ["Photos", "of", noun, "Halston"]
    doc = _parsed(
        words, [0, 0, 3, 1], ["ROOT", "prep", "compound", "pobj"], ["NOUN", "ADP", "NOUN", "PROPN"], [(3, 4, label)]
    )
    names, _ = mentions.find(doc)
    assert [(m.text, m.label) for m in names] == [("Halston", want)]


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "tag", "ent", "want"),
    [
        # "Greta married Otto Dahl": both parties of a marriage are persons
        (
            ["Greta", "married", "Otto", "Dahl"],
            [1, 1, 3, 1],
            ["nsubj", "ROOT", "compound", "dobj"],
            ["PROPN", "VERB", "PROPN", "PROPN"],
            "VBD",
            (2, 4, "ORG"),
            "PERSON",
        ),
        # "Greta was married to Otto Dahl"
        (
            ["Greta", "was", "married", "to", "Otto", "Dahl"],
            [1, 1, 1, 2, 5, 3],
            ["nsubj", "ROOT", "acomp", "prep", "compound", "pobj"],
            ["PROPN", "AUX", "ADJ", "ADP", "PROPN", "PROPN"],
            "VBN",
            (4, 6, "GPE"),
            "PERSON",
        ),
        # "Otto Dahl was born in 1950"
        (
            ["Otto", "Dahl", "was", "born", "in", "1950"],
            [1, 3, 3, 3, 3, 4],
            ["compound", "nsubjpass", "auxpass", "ROOT", "prep", "pobj"],
            ["PROPN", "PROPN", "AUX", "VERB", "ADP", "NUM"],
            "VBN",
            (0, 2, "ORG"),
            "PERSON",
        ),
        # "Acme Ltd was born in 1950": a company suffix keeps the organization
        (
            ["Acme", "Ltd", "was", "born", "in", "1950"],
            [1, 3, 3, 3, 3, 4],
            ["compound", "nsubjpass", "auxpass", "ROOT", "prep", "pobj"],
            ["PROPN", "PROPN", "AUX", "VERB", "ADP", "NUM"],
            "VBN",
            (0, 2, "ORG"),
            "ORG",
        ),
        # "Otto Dahl was born": no place, time or parents, no birth said ("an idea was born")
        (
            ["Otto", "Dahl", "was", "born"],
            [1, 3, 3, 3],
            ["compound", "nsubjpass", "auxpass", "ROOT"],
            ["PROPN", "PROPN", "AUX", "VERB"],
            "VBN",
            (0, 2, "ORG"),
            "ORG",
        ),
    ],
)
def test_mentions_a_party_to_a_marriage_or_a_birth_is_a_person(words, heads, deps, pos, tag, ent, want):
    doc = _parsed(words, heads, deps, pos, [ent])
    verb = next(t for t in doc if t.lower_ in {"married", "born"})
    verb.tag_ = tag
    verb.lemma_ = "bear" if verb.lower_ == "born" else "marry"
    names, _ = mentions.find(doc)
    assert (doc[ent[0] : ent[1]].text, want) in [(m.text, m.label) for m in names]


@pytest.mark.parametrize(
    ("words", "label", "want"),
    [
        (["Jane", "Roe", "of", "Harbour", "Lights", "sang"], "PERSON", "ORG"),  # a band taken for a person
        (["Jane", "Roe", "from", "the", "Pebbles", "sang"], "NORP", "ORG"),
        (["Jane", "Roe", "of", "the", "Dutch", "sang"], "NORP", "NORP"),  # a nationality stays one
        (["Jane", "Roe", "of", "Mary", "Poe", "sang"], "PERSON", "PERSON"),  # a known given name
    ],
)
def test_mentions_a_full_names_of_name_is_an_organization(words, label, want):
    # the parse hangs "of"/"from" on "Roe" and the name on the preposition
    at = 3 if words[3] != "the" else 4
    heads = [1, 5, 1, 4, 2, 5]
    deps = ["compound", "nsubj", "prep", "compound" if at == 3 else "det", "pobj", "ROOT"]
    pos = ["PROPN", "PROPN", "ADP", "PROPN" if at == 3 else "DET", "PROPN", "VERB"]
    doc = _parsed(words, heads, deps, pos, [(0, 2, "PERSON"), (at, 5, label)])
    names, _ = mentions.find(doc)
    assert [(m.text, m.label) for m in names][1] == (doc[at:5].text, want)


@pytest.mark.parametrize(
    ("words", "want"),
    [
        (["Elisabeth", "of", "Bohemia", "died"], ["Elisabeth of Bohemia"]),  # a known given name
        (
            ["Queen", "Sibylla", "of", "Bohemia", "died"],
            ["Sibylla of Bohemia"],
        ),  # after a title of rank (not in the name)
        (["Jane", "Roe", "of", "Bohemia", "died"], ["Jane Roe", "Bohemia"]),  # a full name: where she is from
        (["Roe", "of", "Bohemia", "died"], ["Roe", "Bohemia"]),  # a bare surname
    ],
)
def test_mentions_a_lone_given_name_and_its_territory_are_one_name(words, want):
    # the parse hangs "of" on the name and the territory on "of"
    of = words.index("of")
    heads = [of - 1 if i < of - 1 else (len(words) - 1 if i == of - 1 else i) for i in range(len(words))]
    heads[of], heads[of + 1], heads[-1] = of - 1, of, len(words) - 1
    deps = ["compound"] * (of - 1) + ["nsubj", "prep", "pobj", "ROOT"]
    pos = ["PROPN"] * of + ["ADP", "PROPN", "VERB"]
    doc = _parsed(words, heads, deps, pos, [(0, of, "PERSON"), (of + 1, of + 2, "GPE")])
    names, _ = mentions.find(doc)
    assert [m.text for m in names] == want


@pytest.mark.parametrize(
    ("words", "spaces", "want"),
    [
        # "VARNA, Bulgaria (AP) --": a dateline's places and agency, however the model tagged them
        (
            ["VARNA", ",", "Bulgaria", "(", "AP", ")", "--", "Rain", "fell", "."],
            [False, True, True, False, False, True, True, True, False, False],
            [("VARNA", "GPE"), ("Bulgaria", "GPE"), ("AP", "ORG")],
        ),
        (
            ["Tromso", "May", "3", "(", "NTB", ")", "--", "Snow", "fell", "."],
            [True, True, True, False, False, True, True, True, False, False],
            [("Tromso", "GPE"), ("NTB", "ORG")],
        ),
        # a name and a party in parentheses opening a line is not a dateline
        (
            ["Jane", "Roe", "(", "Labour", ")", "-", "won", "."],
            [True, True, False, False, True, True, False, False],
            [],
        ),
    ],
)
def test_mentions_a_dateline_names_places_and_the_agency(words, spaces, want):
    names, _ = mentions.find(_doc(words, spaces, []))
    assert [(m.text, m.label) for m in names] == want


@pytest.mark.parametrize(
    ("words", "ents", "want"),
    [
        # a museum at a college, tagged as one name, is two
        (
            ["the", "Hale", "Museum", "of", "Art", "at", "Westbury", "College", "opened"],
            [(1, 8, "ORG")],
            [("Hale Museum of Art", "ORG"), ("Westbury College", "ORG")],
        ),
        # a university's campus town is part of its name
        (
            ["the", "University", "of", "Kent", "at", "Canterbury", "opened"],
            [(1, 4, "ORG"), (5, 6, "GPE")],
            [("University of Kent at Canterbury", "ORG")],
        ),
        # "at" and a place after a museum: one name, no institution after "at"
        (["the", "Hale", "Museum", "at", "Dover", "opened"], [(1, 5, "ORG")], [("Hale Museum at Dover", "ORG")]),
        # a firm, not a university, before "at" and a town: two names
        (
            ["the", "Acme", "Bank", "at", "Dover", "opened"],
            [(1, 3, "ORG"), (4, 5, "GPE")],
            [("Acme Bank", "ORG"), ("Dover", "GPE")],
        ),
    ],
)
def test_mentions_institutions_joined_by_at(words, ents, want):
    names, _ = mentions.find(_doc(words, [True] * (len(words) - 1) + [False], ents))
    assert [(m.text, m.label) for m in names] == want


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "ent", "want"),
    [
        # "Ostrava is a town in Moravia": the subject of "is a town"
        (
            ["Ostrava", "is", "a", "town"],
            [1, 1, 3, 1],
            ["nsubj", "ROOT", "det", "attr"],
            ["PROPN", "AUX", "DET", "NOUN"],
            (0, 1, "PERSON"),
            "GPE",
        ),
        # "the town of Ostrava"
        (
            ["the", "town", "of", "Ostrava"],
            [1, 1, 1, 2],
            ["det", "ROOT", "prep", "pobj"],
            ["DET", "NOUN", "ADP", "PROPN"],
            (3, 4, "ORG"),
            "GPE",
        ),
        # "the Vltava river": a natural feature
        (
            ["the", "Vltava", "river"],
            [2, 2, 2],
            ["det", "compound", "ROOT"],
            ["DET", "PROPN", "NOUN"],
            (1, 2, "PERSON"),
            "LOC",
        ),
        # "Ostrava is a town councillor": the noun of the attribute is no kind of place
        (
            ["Ostrava", "is", "a", "town", "councillor"],
            [1, 1, 4, 4, 1],
            ["nsubj", "ROOT", "det", "compound", "attr"],
            ["PROPN", "AUX", "DET", "NOUN", "NOUN"],
            (0, 1, "PERSON"),
            "PERSON",
        ),
    ],
)
def test_mentions_a_name_the_grammar_calls_a_kind_of_place_is_a_place(words, heads, deps, pos, ent, want):
    doc = _parsed(words, heads, deps, pos, [ent])
    names, _ = mentions.find(doc)
    assert [(m.text, m.label) for m in names] == [(doc[ent[0] : ent[1]].text, want)]


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "ents", "want"),
    [
        # "Otto is the son of Karl and Greta": the model tagged none of the three
        (
            ["Otto", "is", "the", "son", "of", "Karl", "and", "Greta"],
            [1, 1, 3, 1, 3, 4, 5, 5],
            ["nsubj", "ROOT", "det", "attr", "prep", "pobj", "cc", "conj"],
            ["PROPN", "AUX", "DET", "NOUN", "ADP", "PROPN", "CCONJ", "PROPN"],
            [],
            [("Otto", "PERSON"), ("Karl", "PERSON"), ("Greta", "PERSON")],
        ),
        # "Otto is the eldest of the sons of Karl": the partitive stands for "son"
        (
            ["Otto", "is", "the", "eldest", "of", "the", "sons", "of", "Karl"],
            [1, 1, 3, 1, 3, 6, 4, 6, 7],
            ["nsubj", "ROOT", "det", "attr", "prep", "det", "pobj", "prep", "pobj"],
            ["PROPN", "AUX", "DET", "ADJ", "ADP", "DET", "NOUN", "ADP", "PROPN"],
            [(8, 9, "PERSON")],
            [("Otto", "PERSON"), ("Karl", "PERSON")],
        ),
        # "the President, Ann Poe, was born in 1950": a title whose holder is named beside it
        (
            ["President", "Ann", "Poe", "was", "born", "in", "1950"],
            [4, 2, 0, 4, 4, 4, 5],
            ["nsubjpass", "compound", "appos", "auxpass", "ROOT", "prep", "pobj"],
            ["PROPN", "PROPN", "PROPN", "AUX", "VERB", "ADP", "NUM"],
            [(1, 3, "PERSON")],
            [("Ann Poe", "PERSON")],
        ),
    ],
)
def test_mentions_an_untagged_relative_is_a_person(words, heads, deps, pos, ents, want):
    doc = _parsed(words, heads, deps, pos, ents)
    for t in doc:
        if t.lower_ == "born":
            t.tag_, t.lemma_ = "VBN", "bear"
    names, _ = mentions.find(doc)
    assert [(m.text, m.label) for m in names] == want


@pytest.mark.parametrize(
    ("noun", "want"),
    [("members", "ORG"), ("guitarist", "ORG"), ("aide", "PERSON"), ("supporters", "PERSON")],
)
def test_mentions_a_name_before_a_group_members_noun_is_the_group(noun, want):
    # "Harbour Lights <noun> Jane Roe": the band tagged a person
    words = ["Harbour", "Lights", noun, "Jane", "Roe", "sang"]
    heads = [1, 2, 4, 4, 5, 5]
    deps = ["compound", "compound", "compound", "compound", "nsubj", "ROOT"]
    pos = ["PROPN", "PROPN", "NOUN", "PROPN", "PROPN", "VERB"]
    doc = _parsed(words, heads, deps, pos, [(0, 2, "PERSON"), (3, 5, "PERSON")])
    names, _ = mentions.find(doc)
    assert [(m.text, m.label) for m in names] == [("Harbour Lights", want), ("Jane Roe", "PERSON")]


def _names(words: list[str], ents: list[tuple[int, int, str]]) -> list[str]:
    spaces = [w != "\n" and (i + 1 < len(words) and words[i + 1] != "\n") for i, w in enumerate(words)]
    doc = _doc(words, spaces, ents)
    names, _ = mentions.find(doc)
    assert all(doc.text[m.start : m.end] == m.text for m in names)
    return [m.text for m in names]


@pytest.mark.parametrize(
    ("words", "ents", "want"),
    [
        # a function word the model ran on to
        (["the", "Grand", "Lodge", "of", "met"], [(0, 4, "ORG")], ["Grand Lodge"]),
        (["Tarrow", "and", "Vell", "met"], [(0, 2, "GPE"), (2, 3, "GPE")], ["Tarrow", "Vell"]),
        # a leading article, determiner or prefix
        (["these", "United", "States", "grew"], [(0, 3, "GPE")], ["United States"]),
        (["a", "Roman", "Catholic", "priest"], [(0, 3, "NORP")], ["Roman Catholic"]),
        (["non", "-", "Brevian", "voters"], [(0, 3, "NORP")], ["Brevian"]),
        (["van", "Doorn", "Museum", "opened"], [(0, 3, "ORG")], ["van Doorn Museum"]),
        (["they", "play", "blues", "rock"], [(2, 4, "WORK_OF_ART")], ["blues rock"]),
        # a bracket left open: the acronym is a mention of its own
        (
            ["Arden", "Health", "Organization", "(", "AHO", "said"],
            [(0, 5, "ORG")],
            ["Arden Health Organization", "AHO"],
        ),
    ],
)
def test_mentions_name_boundaries(words, ents, want):
    assert _names(words, ents) == want


@pytest.mark.parametrize(
    ("words", "ents", "want"),
    [
        (
            ["Dunmore", "14", ",", "Kelso", "Rovers", "5", "."],
            [(0, 2, "ORG"), (3, 6, "ORG")],
            ["Dunmore", "Kelso Rovers"],
        ),
        (["Leeds", "2", "Hull", "1", "."], [(0, 4, "PERSON")], ["Leeds", "Hull"]),
        (["Brantock", "2", "-", "1", "win"], [(0, 2, "ORG")], ["Brantock"]),
        # numbers that belong to names: no line of results
        (["Apollo", "11", "landed", "."], [(0, 2, "ORG")], ["Apollo 11"]),
        (["Interstate", "287", "and", "Route", "9"], [(0, 2, "FAC"), (3, 5, "FAC")], ["Interstate 287", "Route 9"]),
        (
            ["Tarn", "Road", "2", "and", "Tarn", "Road", "3"],
            [(0, 3, "WORK_OF_ART"), (4, 7, "WORK_OF_ART")],
            ["Tarn Road 2", "Tarn Road 3"],
        ),
        (["a", "1", "-", "8", "-", "7", "line"], [], []),
    ],
)
def test_mentions_score_numbers_are_no_part_of_names(words, ents, want):
    assert _names(words, ents) == want


@pytest.mark.parametrize(
    ("words", "want"),
    [
        (["Dean", "Corvin", "spoke"], "Dean Corvin"),
        (["Don", "Haskett", "spoke"], "Don Haskett"),
        pytest.param(
            ["Earl", "Tolliver", "spoke"],
            "Earl Tolliver",
            marks=pytest.mark.xfail(
                strict=True, reason="a title of nobility before one name is read as the title ('Earl Spencer')"
            ),
        ),
        # a rank before a surname, a title before a given name
        (["Major", "Tobin", "spoke"], "Tobin"),
        (["King", "Harald", "spoke"], "Harald"),
        (["President", "Corvin", "spoke"], "Corvin"),
    ],
)
def test_mentions_given_names_are_not_titles(words, want):
    assert _names(words, [(0, 2, "PERSON")]) == [want]


@pytest.mark.parametrize(
    ("words", "ents", "want"),
    [
        # an all-capital headline: common words the model tagged are dropped
        (["FLOODS", "HIT", "COASTAL", "TOWNS", "\n", "Rain", "fell", "."], [(2, 4, "ORG")], []),
        (["PRIME", "MINISTER", "VISITS", "FLOOD", "ZONE", "\n", "It", "rained", "."], [(2, 5, "PERSON")], []),
        # one the text writes in lower case is no acronym
        (["LEADERS", "AGREE", "ON", "DEAL", "\n", "They", "agree", "."], [(1, 2, "ORG")], []),
        # acronyms, places and names the text repeats stay
        (["NATO", "ALLIES", "MEET", "\n", "Talks", "began", "."], [(0, 1, "ORG")], ["NATO"]),
        (["STORM", "HITS", "MAURITIUS", "\n", "Rain", "fell", "."], [(2, 3, "GPE")], ["MAURITIUS"]),
        (
            ["VELLACOTT", "WINS", "AGAIN", "\n", "Vellacott", "won", "."],
            [(0, 1, "PERSON"), (4, 5, "PERSON")],
            ["VELLACOTT", "Vellacott"],
        ),
        # not a headline: a line with lower-case words
        (["ACME", "shares", "rose", "."], [(0, 1, "ORG")], ["ACME"]),
    ],
)
def test_mentions_all_capital_headlines(words, ents, want):
    assert _names(words, ents) == want


def _labels(words: list[str], ents: list[tuple[int, int, str]]) -> dict[str, str]:
    names, _ = mentions.find(_doc(words, [True] * (len(words) - 1) + [False], ents))
    return {m.text: m.label for m in names}


@pytest.mark.parametrize(
    ("words", "ents", "short", "label"),
    [
        # one word tagged a person that ends the product's or the firm's name before it
        (
            ["Vexo", "Glide", "grew", "while", "Glide", "stalled"],
            [(0, 2, "PRODUCT"), (4, 5, "PERSON")],
            "Glide",
            "PRODUCT",
        ),
        (
            ["Tarrow", "Mobile", "grew", "while", "Mobile", "stalled"],
            [(0, 2, "ORG"), (4, 5, "PERSON")],
            "Mobile",
            "ORG",
        ),
        # a known given name, a word a person's name ends with, a name after the word: a person
        (
            ["Vexo", "Hannah", "grew", "while", "Hannah", "stalled"],
            [(0, 2, "ORG"), (4, 5, "PERSON")],
            "Hannah",
            "PERSON",
        ),
        (
            ["Tarrow", "Mobile", "and", "Jo", "Mobile", "met", ";", "Mobile", "left"],
            [(0, 2, "ORG"), (3, 5, "PERSON"), (7, 8, "PERSON")],
            "Mobile",
            "PERSON",
        ),
        (["Glide", "met", "Vexo", "Glide"], [(0, 1, "PERSON"), (2, 4, "ORG")], "Glide", "PERSON"),
        # a nation's word first, or a hyphen: no firm's name
        (["British", "Tarrows", "and", "Tarrows"], [(0, 2, "ORG"), (3, 4, "PERSON")], "Tarrows", "PERSON"),
        (["Ilse", "-", "Varro", "and", "Varro"], [(0, 3, "ORG"), (4, 5, "PERSON")], "Varro", "PERSON"),
    ],
)
def test_mentions_a_firms_or_products_last_word_alone_is_that_name(words, ents, short, label):
    assert _labels(words, ents)[short] == label


@pytest.mark.parametrize(
    ("words", "ents", "want"),
    [
        # the territory tagged a person, the gazetteer knowing it a place
        (
            ["Elisabeth", "of", "Brittany", "died"],
            [(0, 1, "PERSON"), (2, 3, "PERSON")],
            [("Elisabeth of Brittany", "PERSON")],
        ),
        # one span tagged an organization: a given name, "of" and a country
        (["Beatrice", "of", "Norway", "died"], [(0, 3, "ORG")], [("Beatrice of Norway", "PERSON")]),
        # no given name, or no known place after "of": as tagged
        (["Bank", "of", "Norway", "fell"], [(0, 3, "ORG")], [("Bank of Norway", "ORG")]),
        (["Beatrice", "of", "Harrowgate", "Mills", "fell"], [(0, 4, "ORG")], [("Beatrice of Harrowgate Mills", "ORG")]),
    ],
)
def test_mentions_a_given_name_of_a_known_place_is_a_person(words, ents, want):
    of = words.index("of")
    heads = [
        of - 1 if i < of else (of if i == of + 1 else (i - 1 if i < len(words) - 1 else i)) for i in range(len(words))
    ]
    heads[of - 1], heads[of] = len(words) - 1, of - 1
    deps = ["compound"] * (of - 1) + ["nsubj", "prep", "pobj"] + ["compound"] * (len(words) - of - 3) + ["ROOT"]
    pos = ["PROPN"] * of + ["ADP"] + ["PROPN"] * (len(words) - of - 2) + ["VERB"]
    doc = _parsed(words, heads, deps, pos, ents)
    names, _ = mentions.find(doc)
    assert [(m.text, m.label) for m in names] == want
