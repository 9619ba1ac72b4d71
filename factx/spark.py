"""Apache Spark adapter: a DataFrame of texts in, a DataFrame of ``factx/1`` records out.

A thin layer over ``factx.batch``: each Spark task turns its rows into ``Record`` objects
with ``record_from_object`` and extracts them with ``extract_records``, so a row's output
is the very line ``factx batch`` writes for the same record (without its newline), error
records included. Each Python worker loads the model once and keeps it for every later
task (``factx.api.shared_extractor``). Rows travel as Arrow record batches (``mapInArrow``), which keep
an integer id an integer even in a column with nulls.

Needs ``pip install "factx[spark]"``; ``import factx`` never imports pyspark. See
docs/spark.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import aliases, dates, export, pipeline
from ._util import batched
from .api import DEFAULT_BATCH_SIZE, DateLike, parse_reference_date, shared_extractor
from .batch import extract_records, record_from_object
from .errors import FactxError, SparkInputError
from .relations import FactSettings

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame

log = logging.getLogger("factx")

OUTPUT_COL = "factx"  # extract_dataframe: the column holding each row's factx/1 JSON line
SPARK_EXTRA = 'pip install "factx[spark]"'


@dataclass(frozen=True)
class _Job:
    """Everything a Spark task needs, pickled once into the mapped function."""

    model: str | Path | None
    merge_settings: aliases.MergeSettings | None
    date_settings: dates.DateSettings | None
    fact_settings: FactSettings | None
    id_col: str
    text_col: str
    date_col: str | None
    reference_date: dt.date | None
    batch_size: int
    keep: tuple[str, ...]
    output_col: str


def _require_pyspark() -> None:
    try:
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as e:
        raise FactxError(f"the Spark adapter needs pyspark and pyarrow ({e}): {SPARK_EXTRA}") from e


def _check_columns(df: DataFrame, wanted: Sequence[str], what: str) -> None:
    missing = [c for c in wanted if c not in df.columns]
    if missing:
        raise SparkInputError(
            f"the DataFrame has no column {', '.join(map(repr, missing))} (its columns: "
            f"{', '.join(df.columns)}): {what}"
        )


def _check_types(df: DataFrame, *, id_col: str, text_col: str, date_col: str) -> None:
    """Refuse a column type that would make every row an error record, before any work."""
    from pyspark.sql import types as T

    wanted = {
        text_col: ((T.StringType,), "a string"),
        id_col: ((T.StringType, T.IntegralType), "a string or an integer"),
        date_col: ((T.StringType, T.DateType, T.TimestampType, T.TimestampNTZType), "a string, a date or a timestamp"),
    }
    for col, (types, what) in wanted.items():
        if col in df.columns and not isinstance(df.schema[col].dataType, types):
            raise SparkInputError(
                f"column {col!r} is {df.schema[col].dataType.simpleString()}, it must be {what}: "
                f"cast it, e.g. df.withColumn({col!r}, df[{col!r}].cast('string'))"
            )


def extract_dataframe(
    df: DataFrame,
    *,
    text_col: str = "text",
    id_col: str = "id",
    date_col: str = "reference_date",
    reference_date: DateLike = None,
    model: str | Path | None = None,
    merge_settings: aliases.MergeSettings | None = None,
    date_settings: dates.DateSettings | None = None,
    fact_settings: FactSettings | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    keep: Sequence[str] = (),
    output_col: str = OUTPUT_COL,
) -> DataFrame:
    """One row per row of ``df``: its ``id_col`` (same type), the ``keep`` columns, and
    ``output_col``, the ``factx/1`` JSON line that ``factx batch`` writes for the record
    ``{id_col: ..., text_col: ..., date_col: ...}`` (without the newline).

    ``date_col`` (a string or date column), when ``df`` has it, gives each row's own
    reference date; ``reference_date`` is the one for rows without. A row whose text is null
    or not a string, whose id is neither a string nor an integer, or whose reference date is
    not a date becomes an error record, as in ``factx batch`` (with no ``line``).

    ``model`` is a pipeline package name or a path that exists on every executor: each
    Python worker loads it once. The result is lazy, like any DataFrame: nothing runs until
    an action (``write``, ``count``, ``collect``).
    """
    _require_pyspark()
    from pyspark.sql.types import StringType, StructField, StructType

    if model is not None and not isinstance(model, (str, Path)):
        raise SparkInputError(
            f"model must be a pipeline package name or a path, not a {type(model).__name__}: "
            "each Spark worker loads the model itself"
        )
    if batch_size < 1:
        raise SparkInputError(f"batch_size must be at least 1, not {batch_size}")
    if model is not None:
        # a name not installed here fails now, as a ModelNotFoundError, not at the first
        # action as a Java-wrapped error from every executor
        pipeline.check_installed(model)
    keep = tuple(keep)
    _check_columns(df, [id_col, text_col, *keep], "name the columns with id_col=, text_col= and keep=")
    _check_types(df, id_col=id_col, text_col=text_col, date_col=date_col)
    taken = {id_col, *keep}
    if output_col in taken or len(taken) != 1 + len(keep):
        raise SparkInputError(f"the output columns {[id_col, *keep, output_col]} must be distinct")
    has_date = date_col in df.columns
    job = _Job(
        model=model,
        merge_settings=merge_settings,
        date_settings=date_settings,
        fact_settings=fact_settings,
        id_col=id_col,
        text_col=text_col,
        date_col=date_col if has_date else None,
        reference_date=parse_reference_date(reference_date),
        batch_size=batch_size,
        keep=keep,
        output_col=output_col,
    )
    columns = list(dict.fromkeys([id_col, *keep, text_col, *([date_col] if has_date else [])]))
    schema = StructType([df.schema[id_col], *(df.schema[c] for c in keep), StructField(output_col, StringType())])
    return df.select(*columns).mapInArrow(functools.partial(_extract_arrow, job=job), schema)


def _extract_arrow(batches: Iterator[pa.RecordBatch], *, job: _Job) -> Iterator[pa.RecordBatch]:
    """The task: Arrow batches of rows in, Arrow batches of (id, kept columns, line) out."""
    import pyarrow as pa

    extractor = shared_extractor(
        job.model, merge_settings=job.merge_settings, date_settings=job.date_settings, fact_settings=job.fact_settings
    )
    passed = (job.id_col, *job.keep)
    fields = list(dict.fromkeys([job.id_col, job.text_col, *([job.date_col] if job.date_col else [])]))
    # without a date column, a field name no row has: every record takes job.reference_date
    date_field = job.date_col if job.date_col is not None else "\0"
    for rb in batches:
        rows = rb.select(fields).to_pylist()
        start = 0
        for chunk in batched(rows, job.batch_size):
            records = [
                record_from_object(
                    row,
                    id_field=job.id_col,
                    text_field=job.text_col,
                    date_field=date_field,
                    reference_date=job.reference_date,
                )
                for row in chunk
            ]
            lines = [line.decode("utf-8").rstrip("\n") for _, line in extract_records(extractor, records)]
            arrays = [rb.column(c).slice(start, len(chunk)) for c in passed]
            yield pa.RecordBatch.from_arrays([*arrays, pa.array(lines, pa.string())], names=[*passed, job.output_col])
            start += len(chunk)


# --- facts as rows ---------------------------------------------------------------------

# The columns of factx.export's fact rows (CSV, Parquet) less the document id, which is
# the input's own id column here, with the Spark/Arrow type of each.
_LONG = frozenset({"fact", "support", "evidence_start", "evidence_end"})
_BOOLEAN = frozenset({"negated", "inferred", "custom"})
_DOUBLE = frozenset({"confidence"})
FACT_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (name, "long" if name in _LONG else "boolean" if name in _BOOLEAN else "double" if name in _DOUBLE else "string")
    for name in export.FACT_COLUMNS
    if name != "document"
)
"""facts_dataframe's columns after the id: ``factx.export.FACT_COLUMNS`` less ``document``."""


def _spark_type(name: str) -> Any:
    from pyspark.sql import types as T

    return {"string": T.StringType, "boolean": T.BooleanType, "double": T.DoubleType, "long": T.LongType}[name]()


def _arrow_type(name: str) -> pa.DataType:
    import pyarrow as pa

    return {"string": pa.string, "boolean": pa.bool_, "double": pa.float64, "long": pa.int64}[name]()


def facts_dataframe(
    extracted: DataFrame,
    *,
    id_col: str = "id",
    json_col: str = OUTPUT_COL,
    text_col: str | None = None,
) -> DataFrame:
    """One row per fact of the ``factx/1`` lines in ``extracted`` (``extract_dataframe``'s
    output): the record's id, ``subject`` (the entity's name) and ``subject_id``,
    ``relation``, ``object`` (an entity's name or a literal) and ``object_id`` (null for a
    literal), ``time`` (the normalized value or null), ``negated``, ``confidence`` and the
    evidence span, and the other columns of ``factx.export.FACT_COLUMNS``; with ``text_col``
    (kept with ``extract_dataframe(..., keep=[text_col])``) ``evidence`` holds the sentence
    itself, else null. Error records and records without facts give
    no rows."""
    _require_pyspark()
    from pyspark.sql.types import StructField, StructType

    columns = list(dict.fromkeys([id_col, json_col, *([text_col] if text_col else [])]))
    _check_columns(extracted, columns, "pass id_col=, json_col= and text_col=")
    schema = StructType([extracted.schema[id_col], *(StructField(n, _spark_type(t)) for n, t in FACT_COLUMNS)])
    fn = functools.partial(_facts_arrow, id_col=id_col, json_col=json_col, text_col=text_col)
    return extracted.select(*columns).mapInArrow(fn, schema)


def fact_dicts(line: str, *, text: str | None = None) -> list[dict[str, Any]]:
    """The facts of one ``factx/1`` line as flat dicts (``factx.export.fact_rows`` less the
    document id; ``evidence`` is None without ``text``); an error record has none."""
    rows = export.fact_rows(json.loads(line), text)
    for row in rows:
        del row["document"]
    return rows


def _facts_arrow(
    batches: Iterator[pa.RecordBatch], *, id_col: str, json_col: str, text_col: str | None
) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    for rb in batches:
        schema = pa.schema([rb.schema.field(id_col), *((n, _arrow_type(t)) for n, t in FACT_COLUMNS)])
        ids = rb.column(id_col).to_pylist()
        lines = rb.column(json_col).to_pylist()
        texts = rb.column(text_col).to_pylist() if text_col else [None] * len(ids)
        rows = []
        for rid, line, text in zip(ids, lines, texts, strict=True):
            if line is None:
                continue
            for row in fact_dicts(line, text=text if isinstance(text, str) else None):
                rows.append({id_col: rid, **row})
        if rows:
            yield pa.RecordBatch.from_pylist(rows, schema=schema)


__all__ = [
    "FACT_COLUMNS",
    "OUTPUT_COL",
    "SparkInputError",
    "extract_dataframe",
    "fact_dicts",
    "facts_dataframe",
]
