"""The Python Connect client's way to the same CSV: pyspark-client's
toArrow(), then pyarrow's CSV writer. Prints its phases on stderr.

Usage: python_client.py sc://HOST:PORT QUERY OUT.csv
"""
import sys
import time

start = time.perf_counter()
from pyspark.sql import SparkSession  # noqa: E402
import pyarrow.csv as csv  # noqa: E402

remote, query, out = sys.argv[1:4]
spark = SparkSession.builder.remote(remote).getOrCreate()
connected = time.perf_counter()
table = spark.sql(query).toArrow()
received = time.perf_counter()
csv.write_csv(table, out)
written = time.perf_counter()
spark.stop()
print(f"import+connect {connected - start:.2f} s, receive {received - connected:.2f} s, "
      f"write {written - received:.2f} s", file=sys.stderr)
