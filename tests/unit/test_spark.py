"""The Spark adapter without Spark: importing factx never imports pyspark, and the fact rows
of a factx/1 line are made in plain Python."""

from __future__ import annotations

import json
import subprocess
import sys

from factx import batch

LINE = json.dumps(
    {
        "schema": "factx/1",
        "id": "x",
        "entities": [
            {
                "id": "e0",
                "name": "Rosa Vidal",
                "label": "PERSON",
                "aliases": [],
                "mentions": [{"start": 0, "end": 4, "text": "Rosa"}],
            },
            {
                "id": "e1",
                "name": "Porto",
                "label": "GPE",
                "aliases": [],
                "mentions": [{"start": 22, "end": 27, "text": "Porto"}],
            },
        ],
        "dates": [],
        "facts": [
            {
                "subject": "e0",
                "relation": "lives_in",
                "object": {"entity": "e1"},
                "time": {"value": "PRESENT_REF", "text": None, "start": None, "end": None},
                "negated": True,
                "confidence": 0.7,
                "evidence": {"start": 0, "end": 28},
            },
            {
                "subject": "e0",
                "relation": "age",
                "object": {"literal": "40", "text": "40", "start": 36, "end": 38},
                "time": None,
                "negated": False,
                "confidence": 0.8,
                "evidence": {"start": 29, "end": 49},
            },
        ],
    }
)


def test_spark_importing_factx_never_imports_pyspark():
    code = "import sys, factx, factx.batch, factx.cli, factx.spark; print('pyspark' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


def test_spark_fact_dicts_names_entities_and_cuts_evidence():
    from factx.spark import FACT_COLUMNS, fact_dicts

    text = "Rosa does not live in Porto. She is 40 years old."
    got = fact_dicts(LINE, text=text)
    assert [list(r) for r in got] == [[n for n, _ in FACT_COLUMNS]] * 2
    assert [(r["subject"], r["relation"], r["object"], r["object_id"], r["time"], r["negated"]) for r in got] == [
        ("Rosa Vidal", "lives_in", "Porto", "e1", "PRESENT_REF", True),
        ("Rosa Vidal", "age", "40", None, None, False),
    ]
    assert [r["evidence"] for r in got] == ["Rosa does not live in Porto.", "She is 40 years old."]
    assert fact_dicts(LINE)[0]["evidence"] is None


def test_spark_fact_dicts_of_an_error_record_is_empty():
    from factx.spark import fact_dicts

    line = batch.error_line("x", batch.RecordError("TypeError", "'text' must be a string, not a JSON null"))
    assert fact_dicts(line.decode()) == []
