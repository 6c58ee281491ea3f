"""An application that fails on purpose: its last traceback line is the cause sparkctl reports."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
spark.range(3).count()
raise ValueError("no data for 2026-12-01")
