"""factx over a JSONL corpus with Apache Spark: records and facts out.

    spark-submit --master "local[2]" examples/spark_batch.py corpus.jsonl out/

writes ``out/records/part-*.txt`` (the lines ``factx batch`` writes, one per input record)
and ``out/facts/`` (one Parquet row per fact). See docs/spark.md.
"""

from __future__ import annotations

import sys

from pyspark import StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from factx.spark import extract_dataframe, facts_dataframe


def main(src: str, out: str) -> None:
    spark = SparkSession.builder.appName("factx").getOrCreate()
    docs = spark.read.schema("id string, text string, reference_date string").json(src)
    # a few tasks per core, so a slow partition does not hold the job back
    docs = docs.repartition(4 * spark.sparkContext.defaultParallelism)

    extracted = extract_dataframe(docs, keep=["text"]).persist(StorageLevel.MEMORY_AND_DISK)
    extracted.select("factx").write.mode("overwrite").text(f"{out}/records")
    facts_dataframe(extracted, text_col="text").write.mode("overwrite").parquet(f"{out}/facts")

    failed = extracted.filter(F.get_json_object("factx", "$.error.type").isNotNull()).count()
    print(f"{extracted.count()} records, {failed} failed; facts in {out}/facts")
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
