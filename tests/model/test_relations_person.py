"""Relation patterns for people and families (models/patterns/person.jsonl, family.jsonl).

Each case is a sentence of our own and the facts, as (subject name, relation, object name or
literal), that it must and must not yield; "must" facts are plain (not negated) facts. A known
gap is a strict xfail naming the cause.
"""

from __future__ import annotations

import pytest

CASES = [
    ("born_in.passive", "Ingrid Solberg was born in Bergen in 1961.", [("Ingrid Solberg", "born_in", "Bergen")], []),
    (
        "born_in.pronoun",
        "Pavel Novak is a Czech composer. He was born in Brno.",
        [("Pavel Novak", "born_in", "Brno")],
        [],
    ),
    (
        "born_in.advcl",
        "Born in Tampere, Elina Virtanen moved to Helsinki at the age of twenty.",
        [("Elina Virtanen", "born_in", "Tampere")],
        [],
    ),
    (
        "born_in.native_appos",
        "Daniel Fischer, a native of Hamburg, won the race twice.",
        [("Daniel Fischer", "born_in", "Hamburg")],
        [],
    ),
    ("born_in.native_attr", "Daniel Fischer is a native of Hamburg.", [("Daniel Fischer", "born_in", "Hamburg")], []),
    (
        "born_in.after_date",
        "Elina Virtanen was born on 4 March 1972 in Tampere.",
        [("Elina Virtanen", "born_in", "Tampere"), ("Elina Virtanen", "born_on", "1972-03-04")],
        [],
    ),
    (
        "born_in.lifespan",
        "Robert Whitfield (9 March 1859 in Chicago – 15 January 1932) was an American engineer.",
        [("Robert Whitfield", "born_in", "Chicago")],
        [],
    ),
    (
        "born_in.region_not_birthplace",
        "Ingrid Solberg was born in Bergen, Norway.",
        [("Ingrid Solberg", "born_in", "Bergen")],
        [("Ingrid Solberg", "born_in", "Norway")],
    ),
    (
        "born_in.conditional",
        "If Ingrid Solberg was born in Bergen, she would know the city.",
        [],
        [("Ingrid Solberg", "born_in", "Bergen")],
    ),
    ("born_in.question", "Was Ingrid Solberg born in Bergen?", [], [("Ingrid Solberg", "born_in", "Bergen")]),
    (
        "born_in.other_person",
        "Ingrid Solberg visited Bergen, where her friend Knut Dahl was born.",
        [],
        [("Ingrid Solberg", "born_in", "Bergen")],
    ),
    (
        "born_on.lifespan",
        "Robert Whitfield (3 May 1901 – 5 June 1977) was an English composer.",
        [("Robert Whitfield", "born_on", "1901-05-03")],
        [],
    ),
    (
        "born_on.lifespan_death_day",
        "Robert Whitfield (3 May 1901 – 5 June 1977) was an English composer.",
        [("Robert Whitfield", "died_on", "1977-06-05")],
        [],
    ),
    (
        "born_on.lifespan_years",
        "Margit Halvorsen (1822 – 1890) was a Norwegian painter.",
        [("Margit Halvorsen", "born_on", "1822"), ("Margit Halvorsen", "died_on", "1890")],
        [],
    ),
    (
        "born_on.parenthesis",
        "Elina Virtanen (born 4 March 1972) is a Finnish architect.",
        [("Elina Virtanen", "born_on", "1972-03-04")],
        [],
    ),
    (
        "born_on.later_range_is_not_a_life",
        "Margit Halvorsen (1822 – 1890) taught in Oslo from 1850 – 1860.",
        [],
        [("Margit Halvorsen", "died_on", "1860")],
    ),
    (
        "died_on.verb",
        "Knut Dahl died on 12 November 2012 in Oslo.",
        [("Knut Dahl", "died_on", "2012-11-12"), ("Knut Dahl", "died_in", "Oslo")],
        [],
    ),
    (
        "died_on.deep",
        "Knut Dahl died of a heart attack on 26 May 1939 in Trondheim.",
        [("Knut Dahl", "died_on", "1939-05-26"), ("Knut Dahl", "died_in", "Trondheim")],
        [],
    ),
    (
        "died_on.death_noun",
        "After Knut Dahl's death in 1896, the firm was sold.",
        [("Knut Dahl", "died_on", "1896")],
        [],
    ),
    (
        "died_in.lifespan",
        "Pavel Novak (9 March 1859 in Brno – 15 January 1932 in Prague) was an engineer.",
        [("Pavel Novak", "died_in", "Prague"), ("Pavel Novak", "died_on", "1932-01-15")],
        [],
    ),
    ("died_in.negated", "Knut Dahl did not die in Oslo.", [], [("Knut Dahl", "died_in", "Oslo")]),
    ("age.apposition", "Lucas Moreau, 42, said the race was hard.", [("Lucas Moreau", "age", "42")], []),
    ("citizen_of.attr", "Lucas Moreau is a French cyclist.", [("Lucas Moreau", "citizen_of", "French")], []),
    (
        "citizen_of.pronoun",
        "Lucas Moreau won the stage. He is a French cyclist.",
        [("Lucas Moreau", "citizen_of", "French")],
        [],
    ),
    (
        "citizen_of.compound",
        "The prize went to Finnish architect Elina Virtanen.",
        [("Elina Virtanen", "citizen_of", "Finnish")],
        [],
    ),
    (
        "citizen_of.head",
        "The book is about the Danish naval officer Jens Holm.",
        [("Jens Holm", "citizen_of", "Danish")],
        [],
    ),
    ("citizen_of.citizen", "Pavel Novak became a Czech citizen in 1993.", [("Pavel Novak", "citizen_of", "Czech")], []),
    (
        "citizen_of.office",
        "Ana Lopes, the President of Portugal, opened the bridge.",
        [("Ana Lopes", "citizen_of", "Portugal")],
        [],
    ),
    (
        "citizen_of.office_as",
        "Ana Lopes served as Prime Minister of Portugal from 1990.",
        [("Ana Lopes", "citizen_of", "Portugal")],
        [],
    ),
    (
        "citizen_of.religion_is_not_citizenship",
        "Pavel Novak is a Catholic priest.",
        [],
        [("Pavel Novak", "citizen_of", "Catholic")],
    ),
    (
        "citizen_of.company_is_not_a_person",
        "Nordvik is a Norwegian company that builds ferries.",
        [],
        [("Nordvik", "citizen_of", "Norwegian")],
    ),
    (
        "citizen_of.mayor_is_not_a_state",
        "Ana Lopes, the mayor of Porto, opened the bridge.",
        [],
        [("Ana Lopes", "citizen_of", "Porto")],
    ),
    (
        "spouse.kin_appos",
        "Knut Dahl lives in Oslo with his wife, Ingrid Solberg.",
        [("Knut Dahl", "spouse", "Ingrid Solberg"), ("Knut Dahl", "lives_in", "Oslo")],
        [],
    ),
    ("spouse.married", "Elina Virtanen married Jens Holm in 1999.", [("Elina Virtanen", "spouse", "Jens Holm")], []),
    ("spouse.married_to", "Elina Virtanen is married to Jens Holm.", [("Elina Virtanen", "spouse", "Jens Holm")], []),
    # the parser takes "married" before an occupation noun for an adjective
    (
        "spouse.married_adjective",
        "Last spring Anna Berg married sculptor Tom Dale in Bergen.",
        [("Anna Berg", "spouse", "Tom Dale")],
        [],
    ),
    # a plan, a hope or a refusal states no marriage
    ("spouse.planned_to_marry", "Mira Lund planned to marry Paul Lind.", [], [("Mira Lund", "spouse", "Paul Lind")]),
    ("spouse.refused_to_marry", "Mira Lund refused to marry Paul Lind.", [], [("Mira Lund", "spouse", "Paul Lind")]),
    (
        "spouse.married_adjective_not_a_daughter",
        "Anna Berg's married daughter Lisa Dale moved to Bergen.",
        [],
        [("Anna Berg", "spouse", "Lisa Dale")],
    ),
    (
        "spouse.marriage_to",
        "Thomas Becker is an actor. His marriage to Julia Roberts ended in 1995.",
        [("Thomas Becker", "spouse", "Julia Roberts")],
        [],
    ),
    (
        "spouse.and_his_wife",
        "Pavel Novak was the son of Karel Novak and his wife Marta Novakova.",
        [("Karel Novak", "spouse", "Marta Novakova"), ("Pavel Novak", "child_of", "Karel Novak")],
        [("Pavel Novak", "spouse", "Marta Novakova")],
    ),
    (
        "spouse.of",
        "Marta Novakova, the wife of Karel Novak, ran the shop.",
        [("Marta Novakova", "spouse", "Karel Novak")],
        [],
    ),
    (
        "spouse.other_man",
        "Lucas Moreau met Jens Holm and his wife, Elina Virtanen, in Paris.",
        [("Jens Holm", "spouse", "Elina Virtanen")],
        [("Lucas Moreau", "spouse", "Elina Virtanen")],
    ),
    ("spouse.negated", "Elina Virtanen never married Jens Holm.", [], [("Elina Virtanen", "spouse", "Jens Holm")]),
    (
        "sibling.kin_compound",
        "Ingrid Solberg toured with her sister Margit Solberg.",
        [("Ingrid Solberg", "sibling", "Margit Solberg")],
        [],
    ),
    (
        "sibling.of",
        "Jens Holm, brother of Elina Holm, teaches chemistry.",
        [("Jens Holm", "sibling", "Elina Holm")],
        [],
    ),
    (
        "sibling.list",
        "Their children, Anton Berg, Clara Berg and Emil Berg, all became doctors.",
        [("Anton Berg", "sibling", "Clara Berg"), ("Anton Berg", "sibling", "Emil Berg")],
        [],
    ),
    ("child_of.son_of", "Emil Berg was the son of Anton Berg.", [("Emil Berg", "child_of", "Anton Berg")], []),
    (
        "child_of.son_of_two",
        "Emil Berg is the son of Anton Berg and Clara Lund.",
        [("Emil Berg", "child_of", "Anton Berg"), ("Emil Berg", "child_of", "Clara Lund")],
        [],
    ),
    (
        "child_of.father_appos",
        "Emil Berg and his father, Anton Berg, built the house.",
        [("Emil Berg", "child_of", "Anton Berg")],
        [],
    ),
    (
        "child_of.possessive_son",
        "Anton Berg's son Emil Berg runs the farm.",
        [("Emil Berg", "child_of", "Anton Berg")],
        [],
    ),
    (
        "child_of.daughter_of_pronoun",
        "Clara Lund is a painter. She is the daughter of Anton Lund.",
        [("Clara Lund", "child_of", "Anton Lund")],
        [],
    ),
    (
        "child_of.relative_whatever_the_tag",  # a kinship noun makes its relatives persons
        "Tomas Varga was the eldest son of Emperor Lothar III and Hedda.",
        [("Tomas Varga", "child_of", "Lothar III"), ("Tomas Varga", "child_of", "Hedda")],
        [],
    ),
    (
        "child_of.possessive_plural",
        "Anton Weber's sons, Felix Weber and Jonas Weber, took over the mill.",
        [("Felix Weber", "child_of", "Anton Weber"), ("Jonas Weber", "child_of", "Anton Weber")],
        [],
    ),
    (
        "child_of.of_occupation_name",
        "Mira Holt is the daughter of the former cyclist Jens Holt.",
        [("Mira Holt", "child_of", "Jens Holt")],
        [],
    ),
    (
        "child_of.of_descriptor_names",  # the parse hangs the names apart from "of"
        "Omar Berg is the son of videographer Karl Berg and curator Greta Lund.",
        [("Omar Berg", "child_of", "Karl Berg"), ("Omar Berg", "child_of", "Greta Lund")],
        [],
    ),
    (
        "child_of.relative_clause_subject",
        "Omar Berg is the son of the sailor Karl Dahl rescued.",
        [],
        [("Omar Berg", "child_of", "Karl Dahl")],
    ),
    (
        "child_of.gave_birth",
        "In 1990 Greta Lund gave birth to Otto Berg in Bergen.",
        [("Otto Berg", "child_of", "Greta Lund")],
        [("Greta Lund", "child_of", "Otto Berg")],
    ),
    (
        "spouse.born_to",  # the two parents named together are a couple
        "Anna Lund was born to Karl Dahl and Greta Holm in 1950.",
        [("Karl Dahl", "spouse", "Greta Holm"), ("Anna Lund", "child_of", "Greta Holm")],
        [("Anna Lund", "spouse", "Karl Dahl")],
    ),
    (
        "spouse.had_children",
        "Karl Dahl and his wife Greta had two sons, Otto and Emil.",
        [("Karl Dahl", "spouse", "Greta"), ("Otto", "child_of", "Karl Dahl"), ("Emil", "child_of", "Greta")],
        [],
    ),
    (
        "spouse.had_a_child_with",
        "Karl Dahl had a daughter with Greta Lund in 1990.",
        [("Karl Dahl", "spouse", "Greta Lund")],
        [],
    ),
    (
        "spouse.had_no_children",
        "Karl Dahl and Greta Lund did not have children.",
        [],
        [("Karl Dahl", "spouse", "Greta Lund")],
    ),
    (
        "spouse.three_had_children",  # three persons are no couple
        "Karl Dahl, Greta Lund and Otto Berg had children.",
        [],
        [("Karl Dahl", "spouse", "Greta Lund"), ("Greta Lund", "spouse", "Otto Berg")],
    ),
    (
        "child_of.second_role_on_the_first_object",  # the parser joins "father" to "Rita Varga"
        "Leone Varga, husband of the poet Rita Varga and father of the painter Nils Varga, taught there.",
        [("Leone Varga", "spouse", "Rita Varga"), ("Nils Varga", "child_of", "Leone Varga")],
        [("Nils Varga", "child_of", "Rita Varga")],
    ),
    (
        "child_of.parent_company",  # "parent" of a company is its owner
        "Globex bought Acme's parent, Initech, in 2009.",
        [],
        [("Acme", "child_of", "Initech"), ("Initech", "parent_of", "Acme")],
    ),
    (
        # the parser hangs "and Greta of Lund" on "Vaasa" (the recognizer leaves "of Lund" out)
        "child_of.parents_with_of_names",
        "Erik married Astrid, daughter of Olav of Vaasa and Greta of Lund, in 1302.",
        [
            ("Astrid", "child_of", "Olav of Vaasa"),
            ("Astrid", "child_of", "Greta"),
            ("Olav of Vaasa", "spouse", "Greta"),
        ],
        [],
    ),
    (
        "child_of.sibling_shares_parents",  # one holder's son and brother roles
        "Tomas Berg is the son of Karl Dahl and Greta Lund and the brother of Otto Dahl.",
        [
            ("Otto Dahl", "child_of", "Karl Dahl"),
            ("Otto Dahl", "child_of", "Greta Lund"),
            ("Tomas Berg", "sibling", "Otto Dahl"),
        ],
        [],
    ),
    (
        "child_of.sibling_shares_parents_unnamed_holder",
        "She was the sister of the painter Otto Dahl and the daughter of the writer Greta Lund.",
        [("Otto Dahl", "child_of", "Greta Lund")],
        [],
    ),
    (
        "child_of.half_sibling_may_not_share",
        "He is the half-brother of Otto Dahl and the son of Greta Lund.",
        [],
        [("Otto Dahl", "child_of", "Greta Lund")],
    ),
    (
        "child_of.sibling_of_someone_else",  # the brother is the parent's, not the holder's
        "Tomas Berg is the son of Karl Dahl, whose brother Otto Dahl farmed nearby.",
        [("Tomas Berg", "child_of", "Karl Dahl")],
        [("Otto Dahl", "child_of", "Karl Dahl")],
    ),
    (
        "spouse.coordinated_married",
        "Karl Dahl and Greta Lund married in 1990.",
        [("Karl Dahl", "spouse", "Greta Lund")],
        [],
    ),
    (
        "spouse.coordinated_remained_married",
        "Karl Dahl and Greta Lund remained married until her death.",
        [("Karl Dahl", "spouse", "Greta Lund")],
        [],
    ),
    (
        "spouse.coordinated_divorced",
        "Karl Dahl and Greta Lund divorced in 2001.",
        [("Karl Dahl", "spouse", "Greta Lund")],
        [],
    ),
    (
        "spouse.coordinated_married_others",  # each married someone else
        "Karl Dahl and Greta Lund married other people.",
        [],
        [("Karl Dahl", "spouse", "Greta Lund")],
    ),
    (
        "spouse.coordinated_three",  # three persons are no couple
        "Karl Dahl, Otto Berg and Greta Lund married in 1990.",
        [],
        [
            ("Karl Dahl", "spouse", "Greta Lund"),
            ("Otto Berg", "spouse", "Greta Lund"),
            ("Karl Dahl", "spouse", "Otto Berg"),
        ],
    ),
    (
        "spouse.grandparents_two",
        "Her paternal grandparents were Karl Dahl and Greta Lund.",
        [("Karl Dahl", "spouse", "Greta Lund")],
        [],
    ),
    (
        "spouse.grandparents_four",  # four grandparents are two couples, which the list does not say
        "His grandparents were Karl Dahl, Greta Lund, Otto Berg and Ann Berg.",
        [],
        [("Karl Dahl", "spouse", "Greta Lund"), ("Karl Dahl", "spouse", "Otto Berg")],
    ),
    (
        "spouse.descriptor_before_wife",  # "his" hangs on "actress"
        "The film is about the actor Karl Dahl and his actress wife Greta Lund.",
        [("Greta Lund", "spouse", "Karl Dahl")],
        [],
    ),
    (
        "spouse.parents_bare_wife",  # "and wife Greta" with no possessive
        "Tomas Berg was the son of Karl Dahl and wife Greta Lund.",
        [("Karl Dahl", "spouse", "Greta Lund")],
        [],
    ),
    (
        "child_of.second_parent_past_apposition",  # the parser hangs "and Greta Lund" on "Tomas"
        "Anna married Tomas Berg, the son of Karl Dahl, a painter, and Greta Lund, in 1990.",
        [("Tomas Berg", "child_of", "Karl Dahl"), ("Tomas Berg", "child_of", "Greta Lund")],
        [],
    ),
    (
        "child_of.second_object_is_no_parent",  # no apposition: Greta is whom Anna met
        "Anna met Tomas Berg, the son of Karl Dahl, and Greta Lund.",
        [("Tomas Berg", "child_of", "Karl Dahl")],
        [("Tomas Berg", "child_of", "Greta Lund")],
    ),
    (
        "child_of.his_wife_past_bracket",  # the parser joins "his wife" to "is"
        "Otto Dahl is the only child of Karl Dahl (1910-1990) and his wife Greta Lund.",
        [("Otto Dahl", "child_of", "Karl Dahl"), ("Otto Dahl", "child_of", "Greta Lund")],
        [],
    ),
    (
        "child_of.by_his_wife",  # "his" is the father named, not the son
        "Otto Dahl was the son of Karl Dahl by his second wife Greta Lund.",
        [
            ("Otto Dahl", "child_of", "Karl Dahl"),
            ("Otto Dahl", "child_of", "Greta Lund"),
            ("Greta Lund", "spouse", "Karl Dahl"),
        ],
        [("Otto Dahl", "spouse", "Greta Lund")],
    ),
    (
        "child_of.with_his_wife_unnamed_father",  # the son is not his father's wife's husband
        "The designer Otto Dahl is his son with his second wife, the writer Greta Lund.",
        [("Otto Dahl", "child_of", "Greta Lund")],
        [("Otto Dahl", "spouse", "Greta Lund")],
    ),
    (
        "spouse.his_wife_is_not_the_subject",
        "Karl Dahl is a painter. Jane Roe is his wife.",
        [("Jane Roe", "spouse", "Karl Dahl")],
        [],
    ),
    (
        "child_of.partitive_eldest",  # the partitive stands for the plural kinship noun
        "Anna Lund was the eldest of three daughters of Karl Lund and Greta Berg.",
        [("Anna Lund", "child_of", "Karl Lund"), ("Anna Lund", "child_of", "Greta Berg")],
        [],
    ),
    (
        "child_of.partitive_one_of",
        "Tomas Berg, one of the sons of Karl Dahl, farmed nearby.",
        [("Tomas Berg", "child_of", "Karl Dahl")],
        [],
    ),
    ("lives_in.verb", "Ingrid Solberg lives in Boston.", [("Ingrid Solberg", "lives_in", "Boston")], []),
    ("lives_in.negated", "Ingrid Solberg no longer lives in Boston.", [], [("Ingrid Solberg", "lives_in", "Boston")]),
    ("moved_to.verb", "Daniel Fischer moved to Vienna in 1968.", [("Daniel Fischer", "moved_to", "Vienna")], []),
    (
        "traveled_to.verb",
        "Maria Gonzalez flew to Madrid for the summit.",
        [("Maria Gonzalez", "traveled_to", "Madrid")],
        [],
    ),
]

NEGATED = [
    (
        "spouse.coordinated_never_married",
        "Karl Dahl and Greta Lund never married.",
        [("Karl Dahl", "spouse", "Greta Lund")],
    ),
    ("citizen_of.negated", "Lucas Moreau is not a French citizen.", [("Lucas Moreau", "citizen_of", "French")]),
    ("lives_in.negated_flag", "Ingrid Solberg does not live in Boston.", [("Ingrid Solberg", "lives_in", "Boston")]),
    (
        "child_of.gave_birth_negated",
        "Greta Lund did not give birth to Otto Berg.",
        [("Otto Berg", "child_of", "Greta Lund")],
    ),
]

XFAIL: dict[str, str] = {}


def _facts(extractor, text):
    result = extractor(text)
    names = {e.id: e.name for e in result.entities}
    out = set()
    for f in result.facts:
        obj = names[f.object.entity] if f.object.entity else f.object.literal
        out.add((names[f.subject], f.relation, obj, f.negated))
    return out


def _xfail(case):
    return pytest.mark.xfail(strict=True, reason=XFAIL[case])


def _params(rows):
    return [
        pytest.param(
            *row, id=row[0], marks=[pytest.mark.xfail(strict=True, reason=XFAIL[row[0]])] if row[0] in XFAIL else []
        )
        for row in rows
    ]


@pytest.mark.parametrize(("case", "text", "must", "must_not"), _params(CASES))
def test_person_relations(extractor, case, text, must, must_not):
    facts = _facts(extractor, text)
    plain = {f[:3] for f in facts if not f[3]}
    missing = [m for m in must if m not in plain]
    wrong = [m for m in must_not if m in plain]
    assert not missing and not wrong, f"missing {missing}, unwanted {wrong}; got {sorted(plain)}"


@pytest.mark.parametrize(("case", "text", "must"), _params(NEGATED))
def test_negated_person_relations(extractor, case, text, must):
    facts = _facts(extractor, text)
    negated = {f[:3] for f in facts if f[3]}
    plain = {f[:3] for f in facts if not f[3]}
    for fact in must:
        assert fact in negated, f"{fact} is not reported as negated; got {sorted(facts)}"
        assert fact not in plain, f"{fact} is also reported as a plain fact"


def test_symmetric_relations_are_reported_once(extractor):
    facts = _facts(extractor, "Elina Virtanen married Jens Holm in 1999. Jens Holm married Elina Virtanen.")
    spouses = [f for f in facts if f[1] == "spouse"]
    assert len(spouses) == 1, spouses


def test_born_in_time_and_confidence(extractor):
    result = extractor("Pavel Novak is a Czech composer. He was born in Brno in 1950.")
    born = [f for f in result.facts if f.relation == "born_in"]
    assert len(born) == 1
    assert born[0].confidence < 0.9  # a pronoun subject lowers the pattern's confidence
    pronoun = next(e for e in result.entities if e.name == "Pavel Novak")
    assert [m.text for m in pronoun.mentions if m.kind == "pronoun"] == ["He"]


def test_a_refusal_denies_the_verb_not_the_nouns_of_its_subject(extractor):
    """A kinship noun in the subject of "refused to ..." is said whatever was refused."""
    result = extractor("After Olaf Berg retired, his son Ivar Berg refused to sign the lease.")
    names = {e.id: e.name for e in result.entities}
    assert ("Ivar Berg", "Olaf Berg") in {
        (names[f.subject], names.get(f.object.entity)) for f in result.facts if f.relation == "child_of"
    }
