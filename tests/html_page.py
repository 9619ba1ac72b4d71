"""The parts of a page factx render writes that the render tests read: its tags with their
attributes, its text, the rows of its tables."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class Page(HTMLParser):
    """Every start tag with its attributes, and the text inside given elements."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in {"meta", "path", "rect"}:
            self.open.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        self.text.append(data)

    def having(self, tag: str, attr: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and attr in a]


def rows_text(html: str, table: str) -> dict[str, str]:
    """The text of each row of a table, by its data-fact or data-entity."""
    body = re.search(rf'<table class="{table}">.*?</table>', html, re.S)
    assert body, table
    key = "data-fact" if table == "facts" else "data-entity"
    rows = {}
    for m in re.finditer(rf'<tr {key}="([^"]*)"[^>]*>(.*?)</tr>', body.group(0), re.S):
        rows[m.group(1)] = "".join(Page(m.group(2)).text)
    return rows
