"""The text the parser reads: hard boundaries at line breaks, characters it cannot read
replaced, long texts cut into pieces; and the results moved back onto the text given.

News text comes as paragraphs, captions and headlines separated by line breaks, often
without a final full stop. The small English models read across them (a headline's last
word and the next paragraph's first name become one ORG). factx therefore starts a sentence after every line break
before the parser runs (the parser keeps preset boundaries) and cuts any entity span at a
line break afterwards.

The parser reads ``readable(text)``, in which a few characters are replaced one for one
(and Windows line endings become "\n"); ``restored`` gives a result found in it the
offsets and span texts of the text itself. A text too long to parse at once is parsed in
the pieces of ``chunk_spans``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .types import DateMention, Extraction, FactObject, Mention, Span, TimeValue

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as DocSpan

# Characters the parser should not see, replaced one for one (so every offset stays that
# of the text given) before tokenizing, and only then: spaCy hashes every token as UTF-8,
# which a lone surrogate (from surrogateescape decoding or a "\ud800" JSON escape) cannot
# be, so it becomes U+FFFD; control characters (NUL, escape, C1 controls, but not tab and
# line breaks), a byte order mark and zero-width spaces become spaces, which is what they
# are between words ("\ufeffAnna Berg" would otherwise be a word "\ufeffAnna").
UNPARSABLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u200b\ufeff\ud800-\udfff]")


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


def split_at_breaks(span: DocSpan) -> Iterator[tuple[int, int]]:
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


def _parsable(text: str) -> str:
    """``text`` with the characters of ``UNPARSABLE`` replaced (``text`` itself if none)."""
    if UNPARSABLE.search(text) is None:
        return text
    return UNPARSABLE.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else " ", text)


def readable(text: str) -> str:
    """What the parser reads for ``text``: Windows line endings as "\n" and ``_parsable``.
    The models know "\n" tokens; a "\r\n" token is unknown to them and changes what they
    find around it, so that a text with Windows line endings would give other facts."""
    return _parsable(text.replace("\r\n", "\n") if "\r\n" in text else text)


def restored(result: Extraction, text: str) -> Extraction:
    """``result``, found in ``readable(text)``, with the offsets and span texts of ``text``
    (``result`` itself when the parser read ``text`` as it is)."""
    if "\r\n" not in text and UNPARSABLE.search(text) is None:
        return result
    # where a "\r" was dropped: at the "\n" after it, in the readable text
    dropped = [m.start() - k for k, m in enumerate(re.finditer("\r\n", text))]

    def at(offset: int) -> int:
        return offset + bisect.bisect_left(dropped, offset)

    def mention(m: Mention) -> Mention:
        start, end = at(m.start), at(m.end)
        return replace(m, start=start, end=end, text=text[start:end])

    def date(d: DateMention) -> DateMention:
        start, end = at(d.start), at(d.end)
        return replace(d, start=start, end=end, text=text[start:end])

    def time(t: TimeValue | None) -> TimeValue | None:
        if t is None or t.start is None or t.end is None:
            return t
        start, end = at(t.start), at(t.end)
        return replace(t, start=start, end=end, text=text[start:end])

    def obj(o: FactObject) -> FactObject:
        if o.start is None or o.end is None:
            return o
        start, end = at(o.start), at(o.end)
        return replace(o, start=start, end=end, text=text[start:end])

    def explained(value: Any) -> Any:
        # an explanation may name spans too: any {"start", "end"(, "text")} inside it
        if isinstance(value, list):
            return [explained(v) for v in value]
        if not isinstance(value, dict):
            return value
        out = {k: explained(v) for k, v in value.items()}
        if isinstance(out.get("start"), int) and isinstance(out.get("end"), int):
            out["start"], out["end"] = at(out["start"]), at(out["end"])
            if isinstance(out.get("text"), str):
                out["text"] = text[out["start"] : out["end"]]
        return out

    return replace(
        result,
        entities=tuple(
            replace(e, mentions=tuple(map(mention, e.mentions)), explanation=explained(e.explanation))
            for e in result.entities
        ),
        dates=tuple(map(date, result.dates)),
        facts=tuple(
            replace(
                f,
                object=obj(f.object),
                time=time(f.time),
                evidence=Span(at(f.evidence.start), at(f.evidence.end)),
                explanation=explained(f.explanation),
            )
            for f in result.facts
        ),
    )
