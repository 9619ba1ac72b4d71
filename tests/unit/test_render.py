"""`factx.render` and `factx render`: the page shows every entity and fact, needs no network,
and keeps whatever the input holds as inert text."""

from __future__ import annotations

import re

import pytest
from html_page import Page, rows_text

from factx import render
from factx.types import DateMention, Entity, Extraction, Fact, FactObject, Mention, Span, TimeValue

TEXT = (
    "Harbour pilot Signe Aalto <script>alert('x')</script> was born in Turku & grew up in Oulu.\n\n"
    "In 2010 Aalto joined the Nordic Pilots Guild. She did not live in Oulu after 2012."
)


def _m(needle: str, start: int = 0, kind: str | None = None) -> Mention:
    at = TEXT.index(needle, start)
    return Mention(at, at + len(needle), needle, kind)


def _example() -> Extraction:
    first, second = Span(0, TEXT.index("\n")), Span(TEXT.index("In 2010"), len(TEXT))
    entities = (
        Entity(
            "e0", "Signe Aalto", "PERSON", ("Aalto",), (_m("Signe Aalto"), _m("Aalto", 60), _m("She", 0, "pronoun"))
        ),
        Entity("e1", "Turku", "GPE", (), (_m("Turku"),)),
        Entity("e2", "Oulu", "GPE", (), (_m("Oulu"), _m("Oulu", 110))),
        Entity("e3", "<b>Nordic</b> Pilots Guild", "ORG", (), ()),  # no mention: still listed
    )
    facts = (
        Fact("e0", "born_in", FactObject(entity="e1"), first, 0.9),
        Fact(
            "e0",
            "member_of",
            FactObject(entity="e3"),
            second,
            0.7,
            time=TimeValue("2010", "2010", TEXT.index("2010"), TEXT.index("2010") + 4),
        ),
        Fact("e0", "lives_in", FactObject(entity="e2"), second, 0.6, negated=True, time=TimeValue("2012")),
        Fact("e0", "title", FactObject(literal="harbour pilot", text="Harbour pilot", start=0, end=13), first, 0.8),
        Fact("e1", "located_in", FactObject(entity="e2"), first, 0.5, inferred=True),
    )
    dates = (DateMention(TEXT.index("2010"), TEXT.index("2010") + 4, "2010", "2010", "year"),)
    return Extraction(entities=entities, dates=dates, facts=facts)


def test_render_shows_every_entity_and_fact():
    ex = _example()
    html = render.to_html(ex, TEXT, title="pilots")
    page = Page(html)
    entities = rows_text(html, "entities")
    assert list(entities) == [e.id for e in ex.entities]
    for e in ex.entities:
        assert e.name in entities[e.id]
    marked = [a["data-entity"] for a in page.having("mark", "data-entity")]
    assert {e.id: marked.count(e.id) for e in ex.entities} == {"e0": 3, "e1": 1, "e2": 2, "e3": 0}
    facts = rows_text(html, "facts")
    assert list(facts) == [str(i) for i in range(len(ex.facts))]
    for i, f in enumerate(ex.facts):
        assert ex.entity(f.subject).name in facts[str(i)] and f.relation in facts[str(i)]
        assert (ex.entity(f.object.entity).name if f.object.entity else f.object.literal) in facts[str(i)]
    assert "not" in facts["2"] and "inferred" in facts["4"]
    edges = [a["data-fact"] for t, a in page.tags if t == "g" and "data-fact" in a]
    assert edges == [str(i) for i in range(len(ex.facts))]


def test_render_keeps_markup_in_the_input_inert():
    html = render.to_html(_example(), TEXT)
    page = Page(html)
    assert not [t for t, _ in page.tags if t in {"script", "b"}]
    text = "".join(page.text)
    assert "<script>alert('x')</script>" in text and "<b>Nordic</b> Pilots Guild" in text
    assert "Turku & grew" in text


def test_render_needs_no_network():
    html = render.to_html(_example(), TEXT + " See https://example.org/x.")
    page = Page(html)
    for tag, attrs in page.tags:
        assert tag not in {"script", "link", "img", "iframe", "object", "embed"}
        for name, value in attrs.items():
            assert name not in {"src", "href", "xlink:href"}, (tag, name, value)
            assert "http" not in (value or "").lower() or name == "xmlns", (tag, name, value)
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style and "url(" not in style.group(1) and "@import" not in style.group(1)


def test_render_marks_do_not_overlap_and_cover_the_text_exactly():
    ex = _example()
    inner = Entity("e9", "Pilots", "ORG", (), (_m("Pilots"),))  # inside "Nordic Pilots Guild"
    outer = Entity("e8", "Nordic Pilots Guild", "ORG", (), (_m("Nordic Pilots Guild"),))
    date_in_name = DateMention(TEXT.index("Nordic"), TEXT.index("Nordic") + 6, "Nordic", None, None)
    ex = Extraction(entities=(*ex.entities, inner, outer), dates=(*ex.dates, date_in_name), facts=ex.facts)
    html = render.to_html(ex, TEXT)
    marked = [a["data-entity"] for a in Page(html).having("mark", "data-entity")]
    assert "e8" in marked and "e9" not in marked
    body = re.search(r'<div class="text">(.*?)</div>', html, re.S).group(1)
    shown = "".join(Page(re.sub(r'<span class="tag">.*?</span>', "", body)).text)
    assert shown == TEXT.replace("\n\n", "\n")  # a paragraph break is drawn as a gap


@pytest.mark.parametrize(
    ("n", "name"),
    [
        (2, "Ur"),
        (3, "A place"),
        (12, "Place with a rather long name number"),
        (30, "Town"),
        (30, "Place with a rather long name number"),
    ],
)
def test_render_graph_boxes_fit_the_drawing_and_do_not_overlap(n, name):
    many = tuple(Entity(f"e{i}", f"{name} {i}", "GPE", (), ()) for i in range(n))
    # a hub with spokes, and a chain along the rim
    facts = tuple(Fact("e0", "located_in", FactObject(entity=f"e{i}"), Span(0, 1), 0.5) for i in range(1, n))
    facts += tuple(Fact(f"e{i}", "part_of", FactObject(entity=f"e{i + 1}"), Span(0, 1), 0.5) for i in range(1, n - 1))
    html = render.to_html(Extraction(entities=many, facts=facts), "x")
    width, height = map(float, re.search(r'viewBox="0 0 (\S+) (\S+)"', html).groups())
    rects = [
        (float(a["x"]), float(a["y"]), float(a["width"]), float(a["height"])) for a in Page(html).having("rect", "x")
    ]
    assert len(rects) == n
    for x, y, w, h in rects:
        assert 0 <= x <= width - w and 0 <= y <= height - h
    for i, a in enumerate(rects):  # no two node boxes overlap
        for b in rects[i + 1 :]:
            assert a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]


def test_render_graph_keeps_the_busiest_nodes_of_a_big_graph(monkeypatch):
    monkeypatch.setattr(render, "MAX_GRAPH_NODES", 4)
    ex = _example()
    html = render.to_html(ex, TEXT)
    page = Page(html)
    edges = [a["data-fact"] for t, a in page.tags if t == "g" and "data-fact" in a]
    assert 0 < len(edges) < len(ex.facts)
    assert f"The graph shows {len(edges)} of {len(ex.facts)} facts" in html
    assert len(rows_text(html, "facts")) == len(ex.facts)  # the table still has them all


def test_render_is_deterministic():
    assert render.to_html(_example(), TEXT) == render.to_html(_example(), TEXT)


def test_render_refuses_a_text_that_is_not_the_extractions():
    with pytest.raises(render.RenderError, match="render an extraction with the text it was extracted from"):
        render.to_html(_example(), TEXT.upper())


def test_render_of_an_empty_extraction_is_a_page():
    page = Page(render.to_html(Extraction(), "Nothing here."))
    assert "No facts." in "".join(page.text) and "Nothing here." in "".join(page.text)


def _lab_distance(a: str, b: str) -> float:
    """CIE76 distance of two CSS colours (``#rrggbb`` or ``hsl(h, s%, l%)``), computed here,
    not by the code under test."""
    import colorsys

    def lab(css: str) -> tuple[float, float, float]:
        if css.startswith("#"):
            rgb = [int(css[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        else:
            h, sat, light = (float(x.strip(" %")) for x in css[4:-1].split(","))
            rgb = list(colorsys.hls_to_rgb(h / 360, light / 100, sat / 100))
        r, g, b = (((v + 0.055) / 1.055) ** 2.4 if v > 0.04045 else v / 12.92 for v in rgb)
        xyz = (
            (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
            0.2126 * r + 0.7152 * g + 0.0722 * b,
            (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
        )
        fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
        return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)

    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b), strict=True)) ** 0.5


def test_render_entity_colours_of_a_full_graph_are_far_apart():
    """A long article's graph shows MAX_GRAPH_NODES entities: no two of their colours may be
    near-identical (CIELAB distance under 15; hues spread by a fixed angle gave 3.7)."""
    from factx.render import MAX_GRAPH_NODES, _colour

    colours = [_colour(i) for i in range(MAX_GRAPH_NODES)]
    assert len(set(colours)) == MAX_GRAPH_NODES
    closest = min(_lab_distance(a, b) for i, a in enumerate(colours) for b in colours[i + 1 :])
    assert closest >= 15


def _label_boxes(html: str) -> list[tuple[float, float, float, float]]:
    """The edge labels' boxes: 12px text, about 6.8 units a character (render.LABEL_CHAR_WIDTH)."""
    boxes = []
    for m in re.finditer(r'<text class="edge-label" x="([-\d.]+)" y="([-\d.]+)"[^>]*>([^<]*)</text>', html):
        x, y, text = float(m[1]), float(m[2]), m[3]
        w = len(text) * render.LABEL_CHAR_WIDTH
        boxes.append((x - w / 2, y - render.LABEL_HEIGHT / 2, w, render.LABEL_HEIGHT))
    return boxes


def _apart(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]


@pytest.mark.parametrize(
    ("n", "name"), [(8, "Harbour town"), (12, "Place with a rather long name number"), (30, "Town")]
)
def test_render_graph_edge_labels_cover_no_box_and_no_other_label(n, name):
    many = tuple(Entity(f"e{i}", f"{name} {i}", "GPE", (), ()) for i in range(n))
    facts = tuple(Fact("e0", "located_in", FactObject(entity=f"e{i}"), Span(0, 1), 0.5) for i in range(1, n))
    facts += tuple(Fact(f"e{i}", "part_of", FactObject(entity=f"e{i + 1}"), Span(0, 1), 0.5) for i in range(1, n - 1))
    html = render.to_html(Extraction(entities=many, facts=facts), "x")
    rects = [
        (float(a["x"]), float(a["y"]), float(a["width"]), float(a["height"])) for a in Page(html).having("rect", "x")
    ]
    labels = _label_boxes(html)
    assert len(labels) == len(facts)
    assert [(i, j) for i, a in enumerate(labels) for j, r in enumerate(rects) if not _apart(a, r)] == []
    assert [
        (i, j) for i, a in enumerate(labels) for j, b in enumerate(labels[i + 1 :], i + 1) if not _apart(a, b)
    ] == []
    width, height = map(float, re.search(r'viewBox="0 0 (\S+) (\S+)"', html).groups())
    assert [(x, y, w, h) for x, y, w, h in labels if not (0 <= x <= width - w and 0 <= y <= height - h)] == []
