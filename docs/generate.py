"""Write the reference pages that come from the code's docstrings (kept true by a test).

python docs/generate.py
"""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path

from factx import aliases, dates
from factx.relations import (
    attribution,
    custom,
    frames,
    gazetteer,
    layer,
    patterns,
    place_frames,
    resolve,
    scorer,
    work_frames,
)

HERE = Path(__file__).resolve().parent

PAGES = {
    "merging.md": (
        "# How merging decides",
        "factx turns the name mentions of a document into one entity per real-world entity. "
        "This page is the docstring of the package `factx/aliases/`, whose modules hold the rules; every threshold "
        "is a field of `factx.aliases.MergeSettings`, passed as `factx.Extractor(merge_settings=...)`.",
        [aliases],
        aliases.MergeSettings,
    ),
    "dates.md": (
        "# Dates",
        "How factx finds temporal expressions and gives them TIMEX3 values. This page is the "
        "docstring of the package `factx/dates/` and of its modules; options are fields of "
        "`factx.dates.DateSettings`, passed as `factx.Extractor(date_settings=...)`.",
        [dates, dates.find, dates.normalization, dates.relative, dates.tense, dates.vocabulary],
        dates.DateSettings,
    ),
    "facts.md": (
        "# Facts",
        "How factx turns relation patterns and frames into facts. This page is made of the docstrings of "
        "`factx/relations/patterns.py` (the pattern format), `frames.py` (role frames over the role "
        "lexicon `models/roles.tsv`), `place_frames.py` (places and institutions in noun phrases), `work_frames.py` (a track and its record), "
        "`gazetteer.py` (a city and its country named together), `scorer.py` (a trained model over pairs "
        "of names no rule links, `models/scorer.json`), `custom.py` (your own relations), "
        "`resolve.py` (arguments and pronouns), `attribution.py` (who states a fact) "
        "and `layer.py` (qualifiers, confidence, dedupe, explanations); settings are fields of "
        "`factx.relations.FactSettings`, passed as `factx.Extractor(fact_settings=...)`. The figures "
        "each relation reaches are in [relations.md](relations.md); a tutorial for your own "
        "relations is [custom_relations.md](custom_relations.md).",
        [patterns, frames, place_frames, work_frames, gazetteer, scorer, custom, resolve, attribution, layer],
        layer.FactSettings,
    ),
}


def settings_table(cls: type) -> str:
    rows = ["| setting | default |", "|---|---|"]
    for f in dataclasses.fields(cls):
        default = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[misc]
        if isinstance(default, (set, frozenset)):  # a stable order, whatever the hash seed
            shown = "{" + ", ".join(repr(v) for v in sorted(default, key=repr)) + "}"
        else:
            shown = repr(default)
        rows.append(f"| `{f.name}` | `{shown}` |")
    return "\n".join(rows)


def render(name: str) -> str:
    title, intro, modules, settings = PAGES[name]
    parts = [title, "", intro, ""]
    for module in modules:
        parts += [f"## `{module.__name__}`", "", inspect.getdoc(module) or "", ""]
    parts += ["## Settings", "", settings_table(settings), ""]
    return "\n".join(parts)


def main() -> None:
    for name in PAGES:
        (HERE / name).write_text(render(name), encoding="utf-8")
        print("wrote", HERE / name)


if __name__ == "__main__":
    main()
