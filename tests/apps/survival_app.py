"""A user's own PySpark application for sparkctl's tests: it imports a module
of a --py-files folder and a package of --requirements with compiled code
(mmh3; in UDFs, so on the executors too), reads --files
CSVs from its working directory by name (the passengers are sent from the
script, so no store or shared folder is needed), takes its own arguments,
and prints one line a test can compare between `run` and `submit`."""
import argparse
import csv

import mmh3

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from mylib.survival import age_band

parser = argparse.ArgumentParser()
parser.add_argument("--input", default="titanic.csv")
parser.add_argument("--label", default="survival")
args = parser.parse_args()

spark = SparkSession.builder.getOrCreate()
with open("lookup.csv", newline="") as f:
    classes = {int(row["Pclass"]): row["class_name"] for row in csv.DictReader(f)}

with open(args.input, newline="") as f:
    passengers = spark.createDataFrame(
        [
            (int(row["Pclass"]), int(row["Survived"]), float(row["Age"]) if row["Age"] else None)
            for row in csv.DictReader(f)
        ],
        "Pclass int, Survived int, Age double",
    )

band = F.udf(age_band, "string")
digest = F.udf(lambda pclass: mmh3.hash(str(pclass)) % 1000, "int")
checksum = passengers.select(F.sum(digest(F.col("Pclass")))).first()[0]
rows = (
    passengers.withColumn("band", band(F.col("Age")))
    .groupBy("Pclass", "band")
    .agg(F.round(F.avg("Survived"), 3).alias("rate"))
    .orderBy("Pclass", "band")
    .collect()
)
parts = [f"{classes[r['Pclass']]}/{r['band']}={r['rate']}" for r in rows]
print(f"{args.label}: " + " ".join(parts) + f" mmh3={checksum}")
