"""A standalone HTML page of one extraction: the text with its entities highlighted, the
entities, the facts as a table and as a small graph.

The page needs nothing from the network: its CSS is inline, the graph is inline SVG laid
out here by deterministic code, and there is no script. Every piece of the text, of the
names and of the ids is HTML-escaped, so whatever the input holds (``<script>`` included)
shows as text. Mentions are marked in the style of spaCy's displaCy, with one colour per
entity (all the mentions of one cluster alike) rather than one per label. Standard library
only; see docs/cli.md (``factx render``).
"""

from __future__ import annotations

import colorsys
import functools
import html
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import RenderError
from .types import Extraction, Fact

# Entity colours in the order entities appear: displaCy's pastels first, so a page looks
# like the displaCy pages users know; past them, each next colour is the pastel farthest
# (in CIELAB) from every colour before it. Hues spread by a fixed angle came back to
# near-identical shades within the 30 entities of a long article's graph.
PALETTE = (
    "#aa9cfc", "#feca74", "#7aecec", "#ff9561", "#bfeeb7", "#c887fb", "#9cc9cc", "#ffeb80",
    "#ff8197", "#f0d0ff", "#a7c7f9", "#e4e7d2",
)  # fmt: skip
# the pastels the later colours are drawn from: light enough for dark text on them
_PASTEL_HUES = range(0, 360, 6)
_PASTEL_LIGHTNESS = (0.64, 0.74, 0.84)
_PASTEL_SATURATION = (0.55, 0.9)
DISTINCT_COLOURS = 64  # entities 65, 66, ... take the colours of 1, 2, ... again

MAX_GRAPH_NODES = 30  # beyond this the graph is unreadable: it keeps the busiest nodes
GRAPH_WIDTH = 960  # SVG user units (at least); the page scales the drawing to its column
GRAPH_MARGIN = 12.0  # around the drawing
NODE_HEIGHT = 30
NODE_GAP = 8.0  # the least room between two node boxes
NODE_CHAR_WIDTH = 7.4  # average width of a character of the 13px node font, for box sizes
NODE_MAX_CHARS = 26  # longer names are cut with an ellipsis (the full name is the tooltip)
EDGE_LABEL_AT = 0.55  # where along an edge its label sits, from the subject, when that spot is free
LABEL_CHAR_WIDTH = 6.8  # average width of a character of the 12px edge-label font
LABEL_HEIGHT = 14.0
LABEL_GAP = 2.0  # the least room between a label and a box or another label
PARALLEL_EDGE_GAP = 36.0  # how far apart the curves of facts between the same two nodes bow


def _colour(index: int) -> str:
    # past DISTINCT_COLOURS the colours repeat: no more pastels are far enough apart to tell
    # apart, and choosing them would cost more than the page
    return _colours(DISTINCT_COLOURS)[index % DISTINCT_COLOURS]


@functools.lru_cache(maxsize=1)
def _candidates() -> tuple[tuple[str, tuple[float, float, float]], ...]:
    out = []
    for h in _PASTEL_HUES:
        for lightness in _PASTEL_LIGHTNESS:
            for saturation in _PASTEL_SATURATION:
                r, g, b = colorsys.hls_to_rgb(h / 360, lightness, saturation)
                hex_ = f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"
                out.append((hex_, _lab(hex_)))
    return tuple(out)


_COLOURS: list[str] = list(PALETTE)
_NEAREST: list[float] = []  # per candidate, its distance to the nearest colour chosen so far


def _colours(n: int) -> list[str]:
    """The first ``n`` entity colours (kept for the process: they depend on nothing else).
    Each candidate's distance to its nearest chosen colour is kept up to date, so that a
    page of thousands of entities costs candidates x entities, not x entities squared."""
    candidates = _candidates()
    if not _NEAREST:
        labs = [_lab(c) for c in PALETTE]
        _NEAREST.extend(min(_delta_e(lab, x) for x in labs) for _, lab in candidates)
    while len(_COLOURS) < n:
        k = max(range(len(candidates)), key=lambda i: (_NEAREST[i], candidates[i][0]))
        hex_, lab = candidates[k]
        _COLOURS.append(hex_)
        for i, (_, other) in enumerate(candidates):
            _NEAREST[i] = min(_NEAREST[i], _delta_e(lab, other))
    return _COLOURS


def _lab(hex_: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB ``#rrggbb`` colour: distances there are what eyes see."""

    def linear(v: float) -> float:
        return ((v + 0.055) / 1.055) ** 2.4 if v > 0.04045 else v / 12.92

    r, g, b = (linear(int(hex_[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _delta_e(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    return sum((p - q) ** 2 for p, q in zip(a, b, strict=True)) ** 0.5


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


# --- the text ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    css: str  # the mark's classes
    tag: str  # the small label after the marked words
    title: str  # the tooltip
    entity: str | None = None


def _marks(extraction: Extraction, text: str, index: dict[str, int]) -> list[_Mark]:
    """The entity mentions and dates to mark, without overlaps: a longer span wins, then an
    entity over a date (a mark cannot sit across another one's edge)."""
    candidates: list[tuple[int, _Mark]] = []
    for e in extraction.entities:
        for m in e.mentions:
            if text[m.start : m.end] != m.text:
                raise RenderError(
                    f"mention {m.text!r} of {e.id} is not at {m.start}:{m.end} of the text: "
                    "render an extraction with the text it was extracted from"
                )
            pronoun = " pronoun" if m.kind == "pronoun" else ""
            tag = e.id if m.kind == "pronoun" else f"{e.id} {e.label}"
            mark = _Mark(m.start, m.end, f"entity c{index[e.id]}{pronoun}", tag, f"{e.id} {e.label}: {e.name}", e.id)
            candidates.append((0, mark))
    for d in extraction.dates:
        value = d.value if d.value is not None else "?"
        tag = "DATE" if value == d.text else value  # "2001" needs no "2001" after it
        candidates.append((1, _Mark(d.start, d.end, "date", tag, f"DATE {d.text!r} = {value}")))
    candidates.sort(key=lambda c: (-(c[1].end - c[1].start), c[0], c[1].start))
    taken: list[_Mark] = []
    for _, mark in candidates:
        if all(mark.end <= t.start or mark.start >= t.end for t in taken):
            taken.append(mark)
    return sorted(taken, key=lambda m: m.start)


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n\s*")  # a blank line, "\r\n" line ends too


def _plain(text: str) -> str:
    # a blank line at the marks' tall line height is a chasm: a paragraph break becomes a
    # line end and a small gap instead
    return _PARAGRAPH_BREAK.sub('\n<span class="gap"></span>', _esc(text))


def _text_html(extraction: Extraction, text: str, index: dict[str, int]) -> str:
    parts: list[str] = []
    at = 0
    for m in _marks(extraction, text, index):
        parts.append(_plain(text[at : m.start]))
        entity = f' data-entity="{_esc(m.entity)}"' if m.entity is not None else ""
        parts.append(
            f'<mark class="{m.css}"{entity} title="{_esc(m.title)}">{_esc(text[m.start : m.end])}'
            f'<span class="tag">{_esc(m.tag)}</span></mark>'
        )
        at = m.end
    parts.append(_plain(text[at:]))
    return "".join(parts)


# --- tables -------------------------------------------------------------------------------


def _chip(extraction: Extraction, entity_id: str, index: dict[str, int]) -> str:
    try:
        name = extraction.entity(entity_id).name
    except KeyError:
        return f'<span class="chip">{_esc(entity_id)}</span>'
    return (
        f'<span class="chip c{index[entity_id]}" data-entity="{_esc(entity_id)}">'
        f'<span class="id">{_esc(entity_id)}</span> {_esc(name)}</span>'
    )


def _entities_table(extraction: Extraction, index: dict[str, int]) -> str:
    rows = []
    for e in extraction.entities:
        pronouns = sum(1 for m in e.mentions if m.kind == "pronoun")
        count = f"{len(e.mentions)}" + (f" ({pronouns} pronoun{'s' * (pronouns != 1)})" if pronouns else "")
        rows.append(
            f'<tr data-entity="{_esc(e.id)}"><td>{_chip(extraction, e.id, index)}</td><td>{_esc(e.label)}</td>'
            f'<td>{_esc(", ".join(e.aliases))}</td><td class="num">{_esc(count)}</td></tr>'
        )
    head = "<tr><th>entity</th><th>label</th><th>aliases</th><th>mentions</th></tr>"
    return f'<table class="entities"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _object_html(extraction: Extraction, fact: Fact, index: dict[str, int]) -> str:
    if fact.object.entity is not None:
        return _chip(extraction, fact.object.entity, index)
    return f'<span class="literal">{_esc(fact.object.literal)}</span>'


def _facts_table(extraction: Extraction, text: str, index: dict[str, int]) -> str:
    rows = []
    for i, f in enumerate(extraction.facts):
        relation = f.relation if f.predicate is None else f"{f.relation}: {f.predicate}"
        flags = []
        if f.negated:
            flags.append('<span class="flag neg">not</span>')
        if f.inferred:
            flags.append('<span class="flag">inferred</span>')
        time = ""
        if f.time is not None:
            time = _esc(f.time.value if f.time.value is not None else "?")
            if f.time.text and f.time.text != f.time.value:
                time += f' <span class="quiet">({_esc(f.time.text)})</span>'
        evidence = text[f.evidence.start : f.evidence.end].strip()
        rows.append(
            f'<tr data-fact="{i}"{" class=negated" if f.negated else ""}><td class="num">{i}</td>'
            f"<td>{_chip(extraction, f.subject, index)}</td>"
            f'<td class="relation">{" ".join(flags)}{" " if flags else ""}{_esc(relation)}</td>'
            f"<td>{_object_html(extraction, f, index)}</td><td>{time}</td>"
            f'<td class="num">{f.confidence:.2f}</td><td class="evidence">{_esc(evidence)}</td></tr>'
        )
    head = (
        "<tr><th>#</th><th>subject</th><th>relation</th><th>object</th><th>time</th>"
        "<th>conf.</th><th>evidence</th></tr>"
    )
    return f'<table class="facts"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


# --- the graph ----------------------------------------------------------------------------

NodeKey = tuple[str, str]  # ("entity", id) or ("literal", value)


def _node_key(fact: Fact, end: str) -> NodeKey:
    if end == "subject":
        return ("entity", fact.subject)
    if fact.object.entity is not None:
        return ("entity", fact.object.entity)
    return ("literal", str(fact.object.literal))


@dataclass(frozen=True, slots=True)
class _Layout:
    places: dict[NodeKey, tuple[float, float]]  # node centres
    width: float
    height: float


def _ring_order(
    nodes: Sequence[NodeKey], edges: Sequence[tuple[NodeKey, NodeKey]]
) -> tuple[NodeKey | None, list[NodeKey]]:
    """The hub (a node in most facts, when it is in at least three) and the other nodes in
    ring order, nodes linked to each other side by side."""
    degree: Counter[NodeKey] = Counter()
    for a, b in edges:
        degree[a] += 1
        degree[b] += 1
    hub: NodeKey | None = max(nodes, key=lambda n: degree[n]) if nodes else None
    if hub is not None and (degree[hub] < 3 or len(nodes) < 4):
        hub = None
    neighbours: dict[NodeKey, list[NodeKey]] = {n: [] for n in nodes}
    for a, b in edges:
        if hub not in (a, b) and a != b:
            neighbours[a].append(b)
            neighbours[b].append(a)
    ring: list[NodeKey] = []
    seen: set[NodeKey] = {hub} if hub is not None else set()

    def visit(node: NodeKey) -> None:  # depth first: a chain city → country stays together
        seen.add(node)
        ring.append(node)
        for other in neighbours[node]:
            if other not in seen:
                visit(other)

    for node in nodes:
        if node not in seen:
            visit(node)
    return hub, ring


def _overlap(places: dict[NodeKey, tuple[float, float]], half: dict[NodeKey, float]) -> bool:
    items = list(places.items())
    for i, (a, (ax, ay)) in enumerate(items):
        for b, (bx, by) in items[i + 1 :]:
            if abs(ax - bx) < half[a] + half[b] + NODE_GAP and abs(ay - by) < NODE_HEIGHT + NODE_GAP:
                return True
    return False


def _layout(nodes: Sequence[NodeKey], edges: Sequence[tuple[NodeKey, NodeKey]], half: dict[NodeKey, float]) -> _Layout:
    """Node centres: the hub in the middle, the rest on an ellipse around it (from the top,
    clockwise), the ellipse grown until no two boxes overlap: first taller, then, once it
    is a circle, larger (the page scales the drawing down). Deterministic: the same facts
    give the same picture."""
    hub, ring = _ring_order(nodes, edges)
    widest = max(half.values(), default=0.0)
    rx = max(GRAPH_WIDTH / 2 - widest - GRAPH_MARGIN, 2 * widest)
    ry = max(60.0, min(rx * 0.62, 26.0 * len(ring)))
    while True:
        places: dict[NodeKey, tuple[float, float]] = {}
        if hub is not None:
            places[hub] = (0.0, 0.0)
        if len(ring) == 1 and hub is None:
            places[ring[0]] = (0.0, 0.0)
        else:
            for i, node in enumerate(ring):
                angle = -math.pi / 2 + 2 * math.pi * i / len(ring)
                places[node] = (rx * math.cos(angle), ry * math.sin(angle))
        if not _overlap(places, half):
            break
        if ry < rx:
            ry = min(rx, ry * 1.1)
        else:
            rx, ry = rx * 1.1, ry * 1.1
    left = min(x - half[n] for n, (x, _) in places.items())
    right = max(x + half[n] for n, (x, _) in places.items())
    top = min(y for _, y in places.values()) - NODE_HEIGHT / 2
    bottom = max(y for _, y in places.values()) + NODE_HEIGHT / 2
    width = max(GRAPH_WIDTH, right - left + 2 * GRAPH_MARGIN)
    dx, dy = width / 2 - (left + right) / 2, GRAPH_MARGIN - top
    return _Layout({n: (x + dx, y + dy) for n, (x, y) in places.items()}, width, bottom - top + 2 * GRAPH_MARGIN)


def _clip(cx: float, cy: float, tx: float, ty: float, half_w: float, half_h: float) -> tuple[float, float]:
    """Where the ray from a box's centre (cx, cy) towards (tx, ty) leaves the box."""
    dx, dy = tx - cx, ty - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return cx + dx * min(scale, 1.0), cy + dy * min(scale, 1.0)


# where along its curve a label may go, best first: EDGE_LABEL_AT, then farther from it
_LABEL_SPOTS = sorted((t / 20 for t in range(2, 19)), key=lambda t: (abs(t - EDGE_LABEL_AT), t))
_LABEL_SIDES = (0, 1, -1, 2, -2, 3, -3)  # off the curve, in label heights


def _label_place(
    text: str,
    start: tuple[float, float],
    control: tuple[float, float],
    end: tuple[float, float],
    taken: list[tuple[float, float, float, float]],
) -> tuple[float, float]:
    """The centre of an edge label on its curve (a quadratic Bezier): the first spot of
    ``_LABEL_SPOTS`` where it covers no node box and no label placed before, else the spot
    where it covers least. Its box is added to ``taken``. Labels at a fixed point of every
    curve piled up near a busy node and lay over the boxes of a long article's graph."""
    hw, hh = len(text) * LABEL_CHAR_WIDTH / 2 + LABEL_GAP, LABEL_HEIGHT / 2 + LABEL_GAP
    # a short edge between two wide boxes has no free spot on it: then beside it, a label's
    # height at a time to either side
    length = math.hypot(end[0] - start[0], end[1] - start[1]) or 1.0
    nx, ny = -(end[1] - start[1]) / length, (end[0] - start[0]) / length
    best: tuple[float, tuple[float, float]] | None = None
    for side, t in ((side, t) for side in _LABEL_SIDES for t in _LABEL_SPOTS):
        x = (1 - t) ** 2 * start[0] + 2 * (1 - t) * t * control[0] + t**2 * end[0] + side * LABEL_HEIGHT * nx
        y = (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * control[1] + t**2 * end[1] + side * LABEL_HEIGHT * ny
        covered = sum(
            max(0.0, min(x + hw, r) - max(x - hw, left)) * max(0.0, min(y + hh, bottom) - max(y - hh, top))
            for left, top, r, bottom in taken
        )
        if best is None or covered < best[0]:
            best = (covered, (x, y))
        if covered == 0:
            break
    assert best is not None
    x, y = best[1]
    taken.append((x - hw + LABEL_GAP, y - hh + LABEL_GAP, x + hw - LABEL_GAP, y + hh - LABEL_GAP))
    return x, y


def _graph_svg(extraction: Extraction, index: dict[str, int]) -> str:
    facts = list(enumerate(extraction.facts))
    keys: list[NodeKey] = []
    for _, f in facts:
        for end in ("subject", "object"):
            if (key := _node_key(f, end)) not in keys:
                keys.append(key)
    note = ""
    if len(keys) > MAX_GRAPH_NODES:
        busy: Counter[NodeKey] = Counter(_node_key(f, end) for _, f in facts for end in ("subject", "object"))
        kept = {k for k, _ in busy.most_common(MAX_GRAPH_NODES)}
        keys = [k for k in keys if k in kept]
        shown = [(i, f) for i, f in facts if _node_key(f, "subject") in kept and _node_key(f, "object") in kept]
        note = f'<p class="quiet">The graph shows {len(shown)} of {len(facts)} facts, between the busiest nodes.</p>'
        facts = shown
    edges = [(_node_key(f, "subject"), _node_key(f, "object")) for _, f in facts]
    names = {e.id: e.name for e in extraction.entities}

    def label(key: NodeKey) -> str:
        name = names.get(key[1], key[1]) if key[0] == "entity" else key[1]
        return name if len(name) <= NODE_MAX_CHARS else name[: NODE_MAX_CHARS - 1] + "…"

    half = {key: (len(label(key)) * NODE_CHAR_WIDTH + 22) / 2 for key in keys}
    layout = _layout(keys, edges, half)
    places = layout.places

    def half_width(key: NodeKey) -> float:
        return half[key]

    out = [
        f'<svg class="graph" viewBox="0 0 {math.ceil(layout.width)} {math.ceil(layout.height)}" '
        f'width="{math.ceil(layout.width)}" role="img" aria-label="the facts as a graph">',
        '<defs><marker id="factx-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
    ]
    # boxes a label must not cover: every node's, then each label placed
    taken: list[tuple[float, float, float, float]] = [
        (x - half[k], y - NODE_HEIGHT / 2, x + half[k], y + NODE_HEIGHT / 2) for k, (x, y) in places.items()
    ]
    pair_total = Counter(frozenset(e) for e in edges)
    pair_seen: Counter[frozenset[NodeKey]] = Counter()
    labels: list[str] = []
    for (i, f), (a, b) in zip(facts, edges, strict=True):
        (ax, ay), (bx, by) = places[a], places[b]
        pair = frozenset((a, b))
        k, m = pair_seen[pair], pair_total[pair]
        pair_seen[pair] += 1
        # facts between the same two nodes bow apart; the sign follows a fixed order of the
        # two nodes so that opposite directions do not land on the same curve
        bend = (k - (m - 1) / 2) * PARALLEL_EDGE_GAP * (1 if a <= b else -1)
        length = math.hypot(bx - ax, by - ay) or 1.0
        nx_, ny_ = -(by - ay) / length, (bx - ax) / length
        qx, qy = (ax + bx) / 2 + nx_ * bend, (ay + by) / 2 + ny_ * bend
        sx, sy = _clip(ax, ay, qx, qy, half_width(a) + 2, NODE_HEIGHT / 2 + 2)
        ex, ey = _clip(bx, by, qx, qy, half_width(b) + 4, NODE_HEIGHT / 2 + 4)
        css = "edge negated" if f.negated else "edge"
        text = ("not " if f.negated else "") + f.relation
        if f.time is not None and f.time.value:
            text += f" ({f.time.value})"
        lx, ly = _label_place(text, (sx, sy), (qx, qy), (ex, ey), taken)
        out.append(
            f'<g class="{css}" data-fact="{i}"><title>{_esc(text)}</title>'
            f'<path d="M{sx:.1f},{sy:.1f} Q{qx:.1f},{qy:.1f} {ex:.1f},{ey:.1f}" marker-end="url(#factx-arrow)"/></g>'
        )
        labels.append(f'<text class="edge-label" x="{lx:.1f}" y="{ly:.1f}" data-fact="{i}">{_esc(text)}</text>')
    for key in keys:
        x, y = places[key]
        w = half_width(key)
        if key[0] == "entity":
            css = f"node c{index[key[1]]}" if key[1] in index else "node"
            title = f"{key[1]}: {names.get(key[1], key[1])}"
            attr = f' data-entity="{_esc(key[1])}"'
        else:
            css, title, attr = "node literal", f"literal {key[1]}", ""
        out.append(
            f'<g class="{css}"{attr}><title>{_esc(title)}</title>'
            f'<rect x="{x - w:.1f}" y="{y - NODE_HEIGHT / 2:.1f}" width="{2 * w:.1f}" height="{NODE_HEIGHT}" rx="6"/>'
            f'<text x="{x:.1f}" y="{y:.1f}">{_esc(label(key))}</text></g>'
        )
    out.extend(labels)  # last, so that no node or edge covers a label
    out.append("</svg>")
    return note + "".join(out)


# --- the page -----------------------------------------------------------------------------

CSS = """
body { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif;
       color: #222; margin: 0; background: #f6f6f4; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 40px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 15px; text-transform: uppercase; letter-spacing: .06em; color: #666; margin: 28px 0 10px; }
section { background: #fff; border: 1px solid #e3e3e0; border-radius: 8px; padding: 4px 20px 16px; margin-top: 16px; }
.summary, .quiet { color: #777; }
.text { line-height: 2.5; white-space: pre-wrap; font-size: 16px; }
.text .gap { display: block; height: .6em; }
mark { padding: .3em .5em; margin: 0 .15em; line-height: 1; border-radius: .35em; color: inherit;
       box-decoration-break: clone; -webkit-box-decoration-break: clone; }
mark .tag { font-size: .68em; font-weight: bold; line-height: 1; vertical-align: middle; margin-left: .45rem;
            opacity: .75; }
mark.pronoun { background: transparent !important; border-width: 2px; border-style: dashed; padding: .2em .4em; }
mark.date { background: #e8e8e8; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th { text-align: left; font-weight: 600; color: #555; border-bottom: 2px solid #ddd; padding: 6px 8px; }
td { border-bottom: 1px solid #eee; padding: 6px 8px; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.relation { font-family: ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; }
td.evidence { color: #555; font-size: 13px; }
tr.negated td { background: #fff4f4; }
.chip { display: inline-block; padding: 1px 7px; border-radius: 5px; white-space: nowrap; }
.chip .id { font-size: .75em; font-weight: bold; opacity: .65; }
.literal { font-family: ui-monospace, Menlo, Consolas, monospace; border: 1px dashed #999; border-radius: 5px;
           padding: 0 6px; }
.flag { font-size: .75em; font-weight: bold; border-radius: 4px; padding: 1px 5px; background: #eee; }
.flag.neg { background: #ffd2d2; color: #a40000; }
svg.graph { width: 100%; height: auto; display: block; }
svg .edge path { fill: none; stroke: #777; stroke-width: 1.4; }
svg .edge.negated path { stroke: #c0392b; stroke-dasharray: 5 4; }
svg .edge-label { font-size: 12px; fill: #333; text-anchor: middle; dominant-baseline: middle;
                  paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
svg .node rect { stroke: #0000002e; stroke-width: 1; }
svg .node.literal rect { fill: #fff; stroke: #888; stroke-dasharray: 4 3; }
svg .node text { font-size: 13px; text-anchor: middle; dominant-baseline: central; fill: #222; }
footer { color: #999; font-size: 12px; margin-top: 18px; }
"""


def _cluster_css(extraction: Extraction) -> str:
    rules = []
    for i in range(len(extraction.entities)):
        colour = _colour(i)
        rules.append(f".c{i} {{ background: {colour}; border-color: {colour}; }} svg .c{i} rect {{ fill: {colour}; }}")
    return "\n".join(rules)


def to_html(extraction: Extraction, text: str, *, title: str | None = None) -> str:
    """The page of ``extraction`` over ``text`` (the text it was extracted from), as one
    standalone HTML string. Raises ``RenderError`` when a mention is not where the
    extraction says it is in ``text``."""
    from . import __version__

    index = {e.id: i for i, e in enumerate(extraction.entities)}
    heading = title if title is not None else (extraction.id or "factx")
    n_ent, n_dates, n_facts = len(extraction.entities), len(extraction.dates), len(extraction.facts)
    summary = f"{n_ent} entities · {n_dates} dates · {n_facts} facts"
    graph = _graph_svg(extraction, index) if extraction.facts else '<p class="quiet">No facts.</p>'
    facts = _facts_table(extraction, text, index) if extraction.facts else '<p class="quiet">No facts.</p>'
    entities = _entities_table(extraction, index) if extraction.entities else '<p class="quiet">No entities.</p>'
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_esc(heading)} · factx</title>",
            f"<style>{CSS}\n{_cluster_css(extraction)}</style>",
            "</head>",
            "<body><main>",
            f'<header><h1>{_esc(heading)}</h1><div class="summary">{_esc(summary)}</div></header>',
            f'<section id="text"><h2>Text</h2><div class="text">{_text_html(extraction, text, index)}</div></section>',
            f'<section id="graph"><h2>Facts as a graph</h2>{graph}</section>',
            f'<section id="facts"><h2>Facts</h2>{facts}</section>',
            f'<section id="entities"><h2>Entities</h2>{entities}</section>',
            f"<footer>factx {_esc(__version__)} · schema factx/1</footer>",
            "</main></body>",
            "</html>",
            "",
        ]
    )


__all__ = ["MAX_GRAPH_NODES", "PALETTE", "RenderError", "to_html"]
