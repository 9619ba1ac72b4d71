"""Organization and work relations (models/patterns/org.jsonl): table-driven cases.

Each case is a sentence of our own, the facts it must yield and the facts it must not yield,
as (subject name, relation, object name or literal). A fact "must not" be there when it is
absent or negated; ``NEG`` cases must be present *and* negated.
"""

from __future__ import annotations

import pytest
from fact_triples import case, split_facts

NEG = "negated"


_facts = split_facts


CASES = [
    # works_for
    case(
        "Maria Olsen works for Hadley Logistics Corporation.",
        must=[("Maria Olsen", "works_for", "Hadley Logistics Corporation")],
    ),
    case(
        "Peter Quill is employed by Northgate Bank Corporation.",
        must=[("Peter Quill", "works_for", "Northgate Bank Corporation")],
    ),
    case(
        "Maria Olsen never worked for Hadley Logistics Corporation.",
        must_not=[("Maria Olsen", "works_for", "Hadley Logistics Corporation")],
        negated=[("Maria Olsen", "works_for", "Hadley Logistics Corporation")],
    ),
    case(
        "Tom Becker was a Danish politician for the Social Liberal Party.",
        must=[("Tom Becker", "member_of", "Social Liberal Party")],
        must_not=[("Tom Becker", "works_for", "Social Liberal Party")],
    ),
    # member_of: parties, bands, teams, countries
    case("Helen Marsh is a member of the Green Party.", must=[("Helen Marsh", "member_of", "Green Party")]),
    case(
        "Helen Marsh, a member of the Green Party, spoke on Monday.", must=[("Helen Marsh", "member_of", "Green Party")]
    ),
    case(
        "Helen Marsh is not a member of the Green Party.",
        must_not=[("Helen Marsh", "member_of", "Green Party")],
        negated=[("Helen Marsh", "member_of", "Green Party")],
    ),
    case(
        "Helen Marsh is the bassist of the band Velvet Harbour.", must=[("Helen Marsh", "member_of", "Velvet Harbour")]
    ),
    case(
        "Joe Turner played for Hull City and Norwich City.",
        must=[("Joe Turner", "member_of", "Norwich City"), ("Joe Turner", "member_of", "Hull City")],
    ),
    case(
        "Joe Turner is an English footballer who plays as a striker for Hull City.",
        must=[("Joe Turner", "member_of", "Hull City")],
    ),
    case("Joe Turner was loaned to Hull City in 2015.", must=[("Joe Turner", "member_of", "Hull City")]),
    case(
        "Joe Turner played in the First Division for three seasons.",
        must_not=[("Joe Turner", "member_of", "First Division")],
    ),
    case(
        "Helen Marsh is a member of the Ohio House of Representatives.",
        must_not=[("Helen Marsh", "member_of", "Ohio House of Representatives")],
    ),
    case(
        "Senator Helen Marsh served in the Royal Air Force during the war.",
        must_not=[("Helen Marsh", "member_of", "Royal Air Force")],
    ),
    # educated_at
    case(
        "Anna Lind graduated from Uppsala University in 1990.",
        must=[("Anna Lind", "educated_at", "Uppsala University")],
    ),
    case(
        "Anna Lind, a graduate of Uppsala University, became a judge.",
        must=[("Anna Lind", "educated_at", "Uppsala University")],
    ),
    case("Anna Lind attended Uppsala University.", must=[("Anna Lind", "educated_at", "Uppsala University")]),
    case(
        "Anna Lind never attended Uppsala University.",
        must_not=[("Anna Lind", "educated_at", "Uppsala University")],
        negated=[("Anna Lind", "educated_at", "Uppsala University")],
    ),
    # founded
    case(
        "Rachel Dunn founded Bluefield Robotics Inc. in 2004.",
        must=[("Rachel Dunn", "founded", "Bluefield Robotics Inc.")],
    ),
    case(
        "Bluefield Robotics Inc. was founded by Rachel Dunn.",
        must=[("Rachel Dunn", "founded", "Bluefield Robotics Inc.")],
    ),
    case(
        "Rachel Dunn, the founder of Bluefield Robotics Inc., retired.",
        must=[("Rachel Dunn", "founded", "Bluefield Robotics Inc.")],
    ),
    case(
        "Rachel Dunn did not found Bluefield Robotics Inc..",
        must_not=[("Rachel Dunn", "founded", "Bluefield Robotics Inc.")],
    ),
    # founded_on
    case("Bluefield Robotics Inc. was founded in 2004.", must=[("Bluefield Robotics Inc.", "founded_on", "2004")]),
    case(
        "The Harbour Party is a political party founded in 1971 by Rachel Dunn.",
        must=[("Harbour Party", "founded_on", "1971"), ("Rachel Dunn", "founded", "Harbour Party")],
    ),
    case(
        "Rachel Dunn formed Bluefield Robotics Inc. in 2004 with two friends.",
        must=[("Bluefield Robotics Inc.", "founded_on", "2004")],
    ),
    # leads
    case("Omar Haddad runs Cedar Freight Corporation.", must=[("Omar Haddad", "leads", "Cedar Freight Corporation")]),
    case(
        "Omar Haddad, the chief executive of Cedar Freight Corporation, resigned.",
        must=[("Omar Haddad", "leads", "Cedar Freight Corporation")],
    ),
    case("Omar Haddad served as mayor of Tripoli from 1990 to 1994.", must=[("Omar Haddad", "leads", "Tripoli")]),
    case(
        "Omar Haddad, the vice president of Cedar Freight Corporation, resigned.",
        must_not=[("Omar Haddad", "leads", "Cedar Freight Corporation")],
    ),
    case(
        "Omar Haddad is the former president of Cedar Freight Corporation.",
        must=[("Omar Haddad", "leads", "Cedar Freight Corporation")],
    ),
    case(
        "Omar Haddad never ran Cedar Freight Corporation.",
        negated=[("Omar Haddad", "leads", "Cedar Freight Corporation")],
    ),
    case(
        "Joe Turner plays for Leeds United.",
        must=[("Joe Turner", "member_of", "Leeds United")],
        xfail="the small model labels many club names as persons, and a person is no team",
    ),
    # created
    case("Silver Rain is a song written and performed by Anna Berg.", must=[("Anna Berg", "created", "Silver Rain")]),
    case(
        "Cold Water is a 2004 single by Swedish singer Anna Berg.",
        must=[("Anna Berg", "created", "Cold Water"), ("Cold Water", "released_on", "2004")],
    ),
    case(
        "Blue Harbor is a 1987 American drama film directed by Tom Walsh.",
        must=[("Tom Walsh", "created", "Blue Harbor"), ("Blue Harbor", "released_on", "1987")],
    ),
    case(
        "The Long Road was written by Mary Ellison.",
        must=[("Mary Ellison", "created", "The Long Road")],
        xfail="a title opening a sentence is often not recognized as a name by the small model",
    ),
    case("Tom Walsh directed the film Iron Meadow in 1990.", must=[("Tom Walsh", "created", "Iron Meadow")]),
    case(
        "Blue Harbor is a drama film produced by Northlight Pictures.",
        must_not=[("Northlight Pictures", "created", "Blue Harbor")],
    ),
    # released_on
    case("The album Night Songs was released on 3 May 1990.", must=[("Night Songs", "released_on", "1990-05-03")]),
    case(
        "Anna Berg released her album Night Songs (2003) to good reviews.",
        must=[("Night Songs", "released_on", "2003")],
    ),
    case(
        "Professor Lind taught at Harvard (2011) and Yale (2013).",
        must_not=[("Harvard", "released_on", "2011"), ("Yale", "released_on", "2013")],
    ),
]


@pytest.mark.parametrize(("text", "must", "must_not", "negated"), CASES)
def test_org_relations(extractor, text, must, must_not, negated):
    plain, neg = _facts(extractor, text)
    assert must <= plain, f"missing {must - plain}; got {plain}"
    assert not (must_not & plain), f"unexpected {must_not & plain}"
    assert negated <= neg, f"not negated: {negated - neg}; negated facts: {neg}"
