"""A raw pattern of a user's relation in the built-in format, and a writer of pattern files:
shared by the custom relation tests with and without the model."""

from __future__ import annotations

import json
from pathlib import Path

# "X opened a plant in Y"
PLANT_RECORD = {
    "relation": "plant_in",
    "id": "plant_in.opened",
    "subject_labels": ["ORG"],
    "object_labels": ["GPE"],
    "pattern": [
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "open"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "subject", "RIGHT_ATTRS": {"DEP": "nsubj"}},
        {
            "LEFT_ID": "verb",
            "REL_OP": ">",
            "RIGHT_ID": "plant",
            "RIGHT_ATTRS": {"DEP": "dobj", "LEMMA": {"IN": ["plant", "factory"]}},
        },
        {"LEFT_ID": "plant", "REL_OP": ">", "RIGHT_ID": "in", "RIGHT_ATTRS": {"LOWER": "in"}},
        {"LEFT_ID": "in", "REL_OP": ">", "RIGHT_ID": "object", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ],
}


def write_jsonl(path: Path, records: list[dict | str]) -> Path:
    """``records`` a line each: a dict as JSON, a string as it is (a comment, broken JSON)."""
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
