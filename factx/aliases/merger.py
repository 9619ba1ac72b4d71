"""``merge``: one document's mentions to forms, the rules over them, and the clusters."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .forms import DocumentForms, NameMention
from .names import form_key, name_words
from .output import Cluster, clusters
from .rules import Rules
from .settings import MergeSettings
from .tokens import TokenMatcher
from .unionfind import UnionFind


def merge(
    mentions: Sequence[NameMention], *, settings: MergeSettings | None = None, distinct: Iterable[tuple[str, str]] = ()
) -> list[Cluster]:
    """Cluster mentions of one document; clusters sorted by their first member's start.
    ``distinct`` are pairs of names the document itself shows to be two entities ("Roe and
    Ann Roe", "Roe is the son of Tom Roe"): they are refused like ``never_merge`` pairs, for
    this document only."""
    settings = settings or MergeSettings()
    words = name_words()
    doc = DocumentForms(mentions, settings, words)
    tokens = TokenMatcher(settings, words, doc.extra_nicks)
    never = {frozenset(form_key(n) for n in pair) for pair in settings.never_merge}
    never |= {frozenset((form_key(a), form_key(b))) for a, b in distinct if form_key(a) != form_key(b)}
    joined = UnionFind(doc.forms, tokens, words.generational, never)
    Rules(doc, settings, words, tokens, joined).run()
    return clusters(doc, joined, settings, words)
