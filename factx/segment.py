"""Hard text boundaries: paragraphs, captions and headlines end at a line break.

News text comes as paragraphs, captions and headlines separated by line breaks, often
without a final full stop. The small English models read across them ("Ukraine\\n\\n
Chmerkovskiy" becomes one ORG). factx therefore starts a sentence after every line break
before the parser runs (the parser keeps preset boundaries) and cuts any entity span at a
line break afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def is_break(token_text: str) -> bool:
    """A whitespace token that holds a line break."""
    return "\n" in token_text or "\r" in token_text or "\u2028" in token_text or "\u2029" in token_text


def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence at the first token after each line break (before parsing)."""
    after_break = False
    for i, token in enumerate(doc):
        if token.is_space and is_break(token.text):
            after_break = True
            continue
        if i > 0 and after_break:
            token.is_sent_start = True
        after_break = False
    return doc


def split_at_breaks(span: Span) -> Iterator[tuple[int, int]]:
    """Token index ranges of ``span`` cut at line-break tokens (and with them dropped)."""
    start = None
    for token in span:
        if (token.is_space and is_break(token.text)) or (token.is_space and start is None):
            if start is not None:
                yield start, token.i
                start = None
            continue
        if start is None:
            start = token.i
    if start is not None:
        yield start, span.end
