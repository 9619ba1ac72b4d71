"""Hand-laid name mentions for the merging tests (no model needed)."""

from __future__ import annotations

from factx.aliases import NameMention


def mentions(*items: str | tuple[str, str]) -> list[NameMention]:
    """Mentions laid out one after another; a bare string is a PERSON."""
    out, pos = [], 0
    for item in items:
        text, label = (item, "PERSON") if isinstance(item, str) else item
        out.append(NameMention(text=text, label=label, start=pos, end=pos + len(text)))
        pos += len(text) + 10
    return out
