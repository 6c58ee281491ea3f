"""A script on Spark Connect that calls a Java UDF of a --jars jar
(java/example/Shout.java): the jar must reach the session's class path."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
spark.udf.registerJavaFunction("shout", "example.Shout", "string")
print("java udf: " + spark.sql("SELECT shout('hello') AS s").first()["s"])
