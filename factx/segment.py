"""Hard text boundaries: paragraphs, captions and headlines end at a line break.

News text comes as paragraphs, captions and headlines separated by line breaks, often
without a final full stop. The small English models read across them (a headline's last
word and the next paragraph's first name become one ORG). factx therefore starts a sentence after every line break
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
    text = doc.text
    if "\n" not in text and "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        return doc  # most texts of a batch: no token to visit
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


# Where a long text may be cut, best first: between paragraphs, lines, sentences, words.
_CUT_MARKS = ("\n\n", "\n", ". ", "? ", "! ", " ")


def chunk_spans(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Cut ``text`` into consecutive spans of at most ``max_chars`` characters that cover it
    exactly, at the best boundary in the second half of each window (paragraph, line,
    sentence, word; a hard cut only inside an enormous word)."""
    if max_chars < 2:
        raise ValueError("max_chars must be at least 2")
    spans = []
    start, n = 0, len(text)
    while n - start > max_chars:
        window_end = start + max_chars
        cut = -1
        for mark in _CUT_MARKS:
            at = text.rfind(mark, start + max_chars // 2, window_end - len(mark) + 1)
            if at != -1:
                cut = at + len(mark)
                break
        if cut <= start:
            cut = window_end
        spans.append((start, cut))
        start = cut
    spans.append((start, n))
    return spans
