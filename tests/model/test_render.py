"""`factx render` of the example article: the page shows every entity and fact of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from html_page import Page, rows_text

from factx import cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.model
def test_render_example_shows_every_entity_and_fact_of_it(extractor, tmp_path, capsys):
    out = tmp_path / "news.html"
    assert (
        cli.main(["render", str(ROOT / "examples" / "news.txt"), "-o", str(out), "--reference-date", "2023-05-10"]) == 0
    )
    html = out.read_text(encoding="utf-8")
    ex = extractor((ROOT / "examples" / "news.txt").read_text(encoding="utf-8"), reference_date="2023-05-10")
    assert len(ex.entities) >= 5 and len(ex.facts) >= 5
    entities = rows_text(html, "entities")
    assert [
        (k, v.split(" ", 1)[1].startswith(e.name))
        for k, v, e in zip(entities, entities.values(), ex.entities, strict=True)
    ] == [(e.id, True) for e in ex.entities]
    marked = {a["data-entity"] for a in Page(html).having("mark", "data-entity")}
    assert marked == {e.id for e in ex.entities if e.mentions}
    facts = rows_text(html, "facts")
    assert len(facts) == len(ex.facts)
    names = {e.id: e.name for e in ex.entities}
    for i, f in enumerate(ex.facts):
        obj = names[f.object.entity] if f.object.entity else f.object.literal
        assert names[f.subject] in facts[str(i)] and f.relation in facts[str(i)] and obj in facts[str(i)]
    edges = [a["data-fact"] for t, a in Page(html).tags if t == "g" and "data-fact" in a]
    assert edges == [str(i) for i in range(len(ex.facts))]
