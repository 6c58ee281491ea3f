#!/usr/bin/env python3
"""Reads a Parquet data set from the S3 test store and describes it.

  read_parquet.py KEY     (a folder of part files in the store's bucket)

The store's endpoint, keys, bucket and region come from the environment
(SPARKCTL_TEST_S3_*, as scripts/s3-server.sh env prints them). Prints
"N rows, M columns: NAME ..." on success.
"""

import os
import sys
from urllib.parse import urlsplit

import pyarrow.dataset as ds
import pyarrow.fs as pafs


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: read_parquet.py KEY")
    endpoint = urlsplit(os.environ["SPARKCTL_TEST_S3_ENDPOINT"])
    store = pafs.S3FileSystem(
        access_key=os.environ["SPARKCTL_TEST_S3_ACCESS_KEY"],
        secret_key=os.environ["SPARKCTL_TEST_S3_SECRET_KEY"],
        endpoint_override=endpoint.netloc,
        scheme=endpoint.scheme,
        region=os.environ["SPARKCTL_TEST_S3_REGION"],
        force_virtual_addressing=False,
    )
    path = os.environ["SPARKCTL_TEST_S3_BUCKET"] + "/" + sys.argv[1]
    table = ds.dataset(path, filesystem=store, format="parquet").to_table()
    print(f"{table.num_rows} rows, {table.num_columns} columns: {' '.join(table.column_names)}")


if __name__ == "__main__":
    main()
