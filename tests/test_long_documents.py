"""Long documents cost time and memory in proportion to their length (issue 12).

The texts are prefixes of shuffled paragraphs of the corpora in ../shared/data (news,
encyclopedia abstracts, newswire): real variety, unlike a template repeated, whose few
distinct names and words hid the quadratic steps. The expectations are sentences of our own.
"""

from __future__ import annotations


def test_matcher_wildcard_precedence_stays_in_the_sentence(extractor):
    """`.*` ("precedes") reached every later token of the document: a lifespan pattern
    joined a person of one paragraph to a place of another, and its search made the
    matcher quadratic. spaCy's DependencyMatcher, the reference, keeps it in the sentence."""
    text = ("Greta Holm (12 March 1931) was a painter from a small town.\n\n"
            "The festival in Bergen – the largest in Norway – opened on Friday.")
    result = extractor(text)
    assert [f for f in result.facts if f.name == "born_in"] == []
