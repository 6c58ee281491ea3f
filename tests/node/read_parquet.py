#!/usr/bin/env python3
"""Reads a Parquet data set from a test store and describes it.

  read_parquet.py KEY         (a folder of part files in the S3 store's bucket)
  read_parquet.py --gcs KEY   (the same in the GCS store's bucket)

The S3 store's endpoint, keys, bucket and region come from the environment
(SPARKCTL_TEST_S3_*, as scripts/s3-server.sh env prints them), the GCS
store's endpoint and bucket likewise (SPARKCTL_TEST_GCS_*; no credentials).
Prints "N rows, M columns: NAME ..." on success.
"""

import os
import sys
from urllib.parse import urlsplit

import pyarrow.dataset as ds
import pyarrow.fs as pafs


def gcs_store():
    endpoint = urlsplit(os.environ["SPARKCTL_TEST_GCS_ENDPOINT"])
    store = pafs.GcsFileSystem(
        anonymous=True, endpoint_override=endpoint.netloc, scheme=endpoint.scheme
    )
    return store, os.environ["SPARKCTL_TEST_GCS_BUCKET"]


def s3_store():
    endpoint = urlsplit(os.environ["SPARKCTL_TEST_S3_ENDPOINT"])
    store = pafs.S3FileSystem(
        access_key=os.environ["SPARKCTL_TEST_S3_ACCESS_KEY"],
        secret_key=os.environ["SPARKCTL_TEST_S3_SECRET_KEY"],
        endpoint_override=endpoint.netloc,
        scheme=endpoint.scheme,
        region=os.environ["SPARKCTL_TEST_S3_REGION"],
        force_virtual_addressing=False,
    )
    return store, os.environ["SPARKCTL_TEST_S3_BUCKET"]


def main():
    args = sys.argv[1:]
    gcs = args[:1] == ["--gcs"]
    if gcs:
        args = args[1:]
    if len(args) != 1:
        sys.exit("usage: read_parquet.py [--gcs] KEY")
    store, bucket = gcs_store() if gcs else s3_store()
    path = bucket + "/" + args[0]
    table = ds.dataset(path, filesystem=store, format="parquet").to_table()
    print(f"{table.num_rows} rows, {table.num_columns} columns: {' '.join(table.column_names)}")


if __name__ == "__main__":
    main()
