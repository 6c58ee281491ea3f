"""Holds its driver a while after a first Spark job (SECONDS, default 60),
so that a test can look at the running application (its Spark UI)."""
import sys
import time

from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
print(f"counted {spark.range(10).count()}; waiting", flush=True)
time.sleep(float(sys.argv[1]) if len(sys.argv) > 1 else 60)
