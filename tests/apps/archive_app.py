"""A script whose UDF reads a file of an --archives folder by the alias it
was given (`--archives mylib#libs`): Spark unpacks it under that name in
the folder the executors' Python workers start in."""
import os

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


@F.udf("boolean")
def unpacked(_):
    return os.path.isfile(os.path.join("libs", "mylib", "survival.py"))


spark = SparkSession.builder.getOrCreate()
print(f"archive unpacked as libs: {spark.range(1).select(unpacked('id')).first()[0]}")
