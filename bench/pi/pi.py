# The PySpark equivalent of `sparkctl run --job pi`: the same sampling
# (partitions x 100000 points, counted by Spark), run with spark-submit.
import sys
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

partitions = int(sys.argv[1]) if len(sys.argv) > 1 else 10
samples = partitions * 100000
spark = SparkSession.builder.appName("pi-bench").getOrCreate()
inside = (spark.range(0, samples, 1, partitions)
          .withColumn("x", F.rand(17) * 2 - 1)
          .withColumn("y", F.rand(42) * 2 - 1)
          .filter("x * x + y * y <= 1")
          .count())
print(f"Pi is roughly {4.0 * inside / samples:f}")
spark.stop()
