"""The Spark adapter on a local cluster (``local[2]``): its output is ``factx batch``'s output.

Needs Java (17 or newer) and ``pip install ".[test,spark]"``; without them the tests fail
with a message saying so, they are never skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from factx import batch, cli

pytestmark = pytest.mark.slow  # a local cluster takes seconds to start

REFERENCE_DATE = "2023-05-10"
REDOCRED_DOCS = 20

# Texts of our own: dates relative to the reference date, a literal, a non-ASCII name, two
# paragraphs, an integer-looking id, an empty text.
OWN = [
    ("own-1", "Farmer Ines Halvorsen, 61, moved to Tromsø, Norway, in 1988. Last week she sold her farm.", None),
    (
        "own-2",
        "The Lakeside Rowing Club was founded in 1921 by Arthur Pell.\n\nPell was born in Hull. He died in 1960.",
        "2020-01-15",
    ),
    ("own-3", "Kenji Mori married Aiko Sato in June. The couple lives in Sendai, Japan.", "2019-09-01"),
    ("42", "Detroit is a city in Michigan. Its mayor spoke on Monday.", None),
    ("own-empty", "", None),
]
# Bad records a DataFrame can hold: a null text, a reference date that is not a date.
BAD = [
    ("no-text", None, None),
    ("bad-date", "Rain fell in Oslo.", "next Tuesdayish"),
]


@pytest.fixture(scope="session")
def spark():
    """One local Spark with two cores for the session; its Python workers run this interpreter."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.fail(
            "the Spark tests need Java 17 or newer and found no `java` on PATH and no JAVA_HOME: "
            "install a JDK (e.g. apt-get install openjdk-17-jre-headless)"
        )
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:
        pytest.fail(f'the Spark tests need pyspark ({e}): pip install ".[test,spark]"')
    saved = {k: os.environ.get(k) for k in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON", "SPARK_LOCAL_IP")}
    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("factx-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="module")
def rows(shared) -> list[tuple[str, str | None, str | None]]:
    sys.path.insert(0, str(shared / "eval"))
    try:
        import score  # the scorer's detokenizer: the Re-DocRED texts the acceptance figures use
    finally:
        sys.path.pop(0)
    docs = json.loads((shared / "data" / "redocred" / "dev_revised.json").read_text(encoding="utf-8"))
    redocred = [(f"redocred-{i}", score.detokenize(d["sents"])[0], None) for i, d in enumerate(docs[:REDOCRED_DOCS])]
    return [*OWN[:2], *BAD[:1], *redocred, *OWN[2:], *BAD[1:]]


def _batch_lines(tmp_path: Path, records: list[dict]) -> list[bytes]:
    """``factx batch`` itself (the CLI, in this process) on ``records`` as JSONL."""
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    code = cli.main(["batch", str(src), "-o", str(out), "--reference-date", REFERENCE_DATE, "--batch-size", "8", "-q"])
    assert code in (0, 1)
    return out.read_bytes().splitlines(keepends=True)


def _as_spark_writes(line: bytes) -> bytes:
    """A batch line as the adapter writes it: an error record has no ``line`` in a DataFrame."""
    data = json.loads(line)
    if "error" not in data:
        return line
    err = data["error"]
    return batch.error_line(data["id"], batch.RecordError(err["type"], err["message"]))


@pytest.mark.model
def test_spark_extract_dataframe_equals_factx_batch(spark, rows, tmp_path):
    from factx.spark import extract_dataframe

    records = [{"id": i, "text": t, **({"reference_date": d} if d else {})} for i, t, d in rows]
    expected = _batch_lines(tmp_path, records)
    assert len(expected) == len(rows)

    df = spark.createDataFrame(rows, "id string, text string, reference_date string")
    assert df.rdd.getNumPartitions() == 2  # both workers get documents
    got = extract_dataframe(df, reference_date=REFERENCE_DATE, batch_size=8, keep=["text"]).collect()

    assert sorted(r.id for r in got) == sorted(i for i, _, _ in rows)
    by_id = {r.id: r for r in got}
    for (rid, text, _), want in zip(rows, expected, strict=True):
        assert json.loads(want)["id"] == rid
        assert by_id[rid].text == text
        assert (by_id[rid].factx + "\n").encode("utf-8") == _as_spark_writes(want), rid

    failed = {rid for rid, r in by_id.items() if '"error"' in r.factx[:40]}
    assert failed == {"no-text", "bad-date"}
    assert json.loads(by_id["bad-date"].factx)["error"]["type"] == "InvalidReferenceDateError"
    # real extractions flowed through: facts, and dates placed from the reference dates
    assert sum(len(json.loads(r.factx).get("facts", [])) for r in got) >= 20
    assert "2023-W18" in [d["value"] for d in json.loads(by_id["own-1"].factx)["dates"]]


@pytest.mark.model
def test_spark_integer_ids_stay_integers_and_null_ids_null(spark, tmp_path):
    from factx.spark import extract_dataframe

    rows = [(7, "Ada Lovelace was born in London."), (None, "Paris is in France."), (2**40, "Lena Berg lives in Graz.")]
    expected = _batch_lines(tmp_path, [{"id": i, "text": t} for i, t in rows])
    df = spark.createDataFrame(rows, "id long, text string")
    got = extract_dataframe(df).collect()
    assert [r.id for r in got] == [i for i, _ in rows]
    assert [(r.factx + "\n").encode() for r in got] == expected


@pytest.mark.model
def test_spark_facts_dataframe_has_one_row_per_fact(spark, rows):
    from factx.spark import FACT_COLUMNS, extract_dataframe, fact_dicts, facts_dataframe

    own = [r for r in rows if r[0].startswith("own-")]
    df = spark.createDataFrame(own, "id string, text string, reference_date string")
    extracted = extract_dataframe(df, reference_date=REFERENCE_DATE, keep=["text"]).collect()
    lines = spark.createDataFrame(extracted)  # the collected output, so extraction runs once
    facts = facts_dataframe(lines, text_col="text")
    assert facts.columns == ["id", *(name for name, _ in FACT_COLUMNS)]
    got = sorted((r.asDict() for r in facts.collect()), key=lambda r: (r["id"], r["evidence_start"], r["relation"]))
    want = sorted(
        ({"id": r.id, **f} for r in extracted for f in fact_dicts(r.factx, text=r.text)),
        key=lambda r: (r["id"], r["evidence_start"], r["relation"]),
    )
    assert got == want
    assert {r["relation"] for r in got} >= {"founded", "born_in", "spouse"}
    for r in got:
        text = next(t for i, t, _ in own if i == r["id"])
        assert r["evidence"] == text[r["evidence_start"] : r["evidence_end"]]


@pytest.mark.model
def test_spark_missing_column_or_wrong_type_is_an_error_naming_it(spark):
    from factx.spark import SparkInputError, extract_dataframe

    df = spark.createDataFrame([("a", "Some text.")], "doc string, body string")
    with pytest.raises(SparkInputError, match=r"no column 'id' \(its columns: doc, body\)"):
        extract_dataframe(df, text_col="body")
    assert extract_dataframe(df, id_col="doc", text_col="body").columns == ["doc", "factx"]
    numbers = spark.createDataFrame([("a", 42)], "id string, text long")
    with pytest.raises(SparkInputError, match="column 'text' is bigint, it must be a string"):
        extract_dataframe(numbers)


# It loads no model; it is here for the local cluster it shares with the tests above.
def test_spark_unknown_model_fails_at_extract_dataframe_not_at_the_first_action(spark):
    import factx
    from factx.spark import extract_dataframe

    df = spark.createDataFrame([("a", "Some text.")], "id string, text string")
    with pytest.raises(factx.ModelNotFoundError, match="'absent_pipeline_xyz' is not installed"):
        extract_dataframe(df, model="absent_pipeline_xyz")
