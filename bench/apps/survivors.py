# A small user application for bench/apps/run.sh: survivors per class of the
# CSV named by its first argument (the shipped data/titanic.csv). The same
# script runs under `sparkctl run` (Spark Connect) and spark-submit (classic).
import sys
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

path = sys.argv[1]
spark = SparkSession.builder.appName("survivors-bench").getOrCreate()
rows = (spark.read.option("header", True).csv(path)
        .groupBy("Pclass")
        .agg(F.sum(F.col("Survived").cast("int")), F.count("*"))
        .orderBy("Pclass").collect())
for row in rows:
    print(f"class {row[0]}: {row[1]} of {row[2]} survived")
spark.stop()
