#!/usr/bin/env python3
"""Writes the Arrow IPC streams the C++ reader tests decode.

Usage: make_ipc_fixtures.py OUTPUT_DIR

Each file is one complete IPC stream (schema, record batches, end-of-stream
marker), exactly what Spark Connect puts in ExecutePlanResponse.arrow_batch.
The expected values live in arrow_reader_test.cpp; keep the two in step.
"""
import datetime as dt
import decimal
import os
import struct
import sys

import pyarrow as pa
import pyarrow.ipc as ipc


def write(out_dir, name, schema, batches, options=None):
    sink = pa.BufferOutputStream()
    with ipc.new_stream(sink, schema, options=options) as writer:
        for batch in batches:
            writer.write_batch(batch)
    with open(os.path.join(out_dir, name), "wb") as f:
        f.write(sink.getvalue().to_pybytes())


def batch(schema, columns):
    return pa.record_batch([pa.array(c, type=f.type) for c, f in zip(columns, schema)], schema=schema)


def primitives(out_dir, name="primitives.arrows", options=None):
    schema = pa.schema([
        ("b", pa.bool_()), ("i8", pa.int8()), ("i16", pa.int16()), ("i32", pa.int32()),
        ("i64", pa.int64()), ("f32", pa.float32()), ("f64", pa.float64()),
        ("s", pa.string()), ("bin", pa.binary()), ("d", pa.date32()),
        ("n", pa.null()), pa.field("req", pa.int32(), nullable=False),
    ])
    first = batch(schema, [
        [True, False, None], [-128, 127, None], [-32768, 32767, None],
        [-2147483648, 2147483647, None], [-(2**63), 2**63 - 1, None],
        [1.5, 0.1, None], [3.0, -0.1, None], ["héllo", "", None], [b"\x00\x01", b"", None],
        [dt.date(2024, 2, 29), dt.date(1970, 1, 1), None], [None, None, None], [1, 2, 3],
    ])
    empty = batch(schema, [[] for _ in schema])
    second = batch(schema, [
        [None, True], [0, None], [None, 7], [8, None], [None, 9], [None, float("inf")],
        [float("nan"), 1e300], [None, "x" * 100], [None, b"\xff"], [dt.date(1, 1, 1), None],
        [None, None], [4, 5],
    ])
    write(out_dir, name, schema, [first, empty, second], options)


def decimals(out_dir):
    D = decimal.Decimal
    schema = pa.schema([
        ("d10_2", pa.decimal128(10, 2)), ("d38_0", pa.decimal128(38, 0)),
        ("d38_18", pa.decimal128(38, 18)), ("d5_0", pa.decimal128(5, 0)),
    ])
    write(out_dir, "decimals.arrows", schema, [batch(schema, [
        [D("-123.45"), D("0.05"), D("-0.05"), D("99999999.99"), None],
        [D("9" * 38), D("-" + "9" * 38), D("0"), D("-1"), None],
        [D("-1.000000000000000001"), D("12345678901234567890.123456789012345678"),
         D("0.000000000000000001"), D("0"), None],
        [D("-12345"), D("0"), D("7"), None, D("-1")],
    ])])


def dates_and_timestamps(out_dir):
    utc, ny = "UTC", "America/New_York"
    schema = pa.schema([
        ("d", pa.date32()), ("ts_us", pa.timestamp("us")), ("ts_us_utc", pa.timestamp("us", utc)),
        ("ts_s", pa.timestamp("s")), ("ts_ms", pa.timestamp("ms", ny)), ("ts_ns", pa.timestamp("ns", utc)),
    ])
    write(out_dir, "dates_timestamps.arrows", schema, [batch(schema, [
        [dt.date(1969, 12, 31), dt.date(1900, 3, 1), dt.date(9999, 12, 31), None],
        [-1, 0, 1_700_000_000_123_456, None],
        [-1_000_001, 1_500_000, 951_782_400_000_000, None],  # 2000-02-29
        [-86_400, 0, 253_402_300_799, None],
        [-1, 1_000, 1_700_000_000_500, None],
        [-1, 1_999, 1_700_000_000_123_456_789, None],
    ])])


def strings(out_dir):
    schema = pa.schema([
        ("s", pa.string()), ("ls", pa.large_string()), ("lb", pa.large_binary()),
        ("fb", pa.binary(3)),
    ])
    write(out_dir, "strings.arrows", schema, [batch(schema, [
        ["", "", None, "日本語", ""], ["", "a", "", None, "bc"], [b"", None, b"\x00", b"z", b""],
        [b"abc", None, b"\x00\x00\x00", b"xyz", b"123"],
    ])])


def other_types(out_dir):
    schema = pa.schema([
        ("u8", pa.uint8()), ("u16", pa.uint16()), ("u32", pa.uint32()), ("u64", pa.uint64()),
        ("f16", pa.float16()), ("d64", pa.date64()), ("t64", pa.time64("us")),
        ("t32", pa.time32("s")), ("dur", pa.duration("us")), ("ym", pa.month_day_nano_interval()),
    ])
    # float16 without numpy: 1.5 is 0x3E00, -0.25 is 0xB400.
    halves = pa.Array.from_buffers(pa.float16(), 2, [None, pa.py_buffer(struct.pack("<2H", 0x3E00, 0xB400))])
    write(out_dir, "other_types.arrows", schema, [pa.record_batch([
        pa.array([255, None], pa.uint8()), pa.array([65535, None], pa.uint16()),
        pa.array([4294967295, None], pa.uint32()), pa.array([2**63 - 1, None], pa.uint64()),
        halves,
        pa.array([dt.date(1969, 12, 31), None], pa.date64()),
        pa.array([dt.time(13, 45, 30, 250000), None], pa.time64("us")),
        pa.array([dt.time(0, 0, 1), dt.time(23, 59, 59)], pa.time32("s")),
        pa.array([dt.timedelta(days=1, hours=2, minutes=3, seconds=4, microseconds=500000),
                  dt.timedelta(seconds=-1)], pa.duration("us")),
        pa.array([pa.MonthDayNano([1, 2, 3000]), None], pa.month_day_nano_interval()),
    ], schema=schema)])


def nested(out_dir):
    schema = pa.schema([
        ("l", pa.list_(pa.int64())), ("st", pa.struct([("a", pa.int32()), ("b", pa.string())])),
        ("m", pa.map_(pa.string(), pa.float64())), ("ll", pa.large_list(pa.string())),
        ("fl", pa.list_(pa.int16(), 2)), ("after", pa.int64()),
    ])
    write(out_dir, "nested.arrows", schema, [batch(schema, [
        [[1, None, 3], [], None],
        [{"a": 1, "b": "x"}, None, {"a": None, "b": ""}],
        [[("k", 1.0), ("j", None)], None, []],
        [["a", "b"], None, [None]],
        [[1, 2], None, [3, 4]],
        [10, 20, 30],
    ])])


def misc(out_dir):
    schema = pa.schema([("x", pa.int64()), ("y", pa.string())])
    write(out_dir, "schema_only.arrows", schema, [])
    write(out_dir, "three_columns.arrows", pa.schema([("a", pa.int64()), ("b", pa.int64()), ("c", pa.int64())]),
          [batch(pa.schema([("a", pa.int64()), ("b", pa.int64()), ("c", pa.int64())]), [[1], [2], [3]])])
    write(out_dir, "x_as_string.arrows", pa.schema([("x", pa.string()), ("y", pa.string())]),
          [batch(pa.schema([("x", pa.string()), ("y", pa.string())]), [["1"], ["2"]])])
    write(out_dir, "two_columns.arrows", schema, [batch(schema, [[1, 2], ["one", "two"]])])
    write(out_dir, "compressed.arrows", schema, [batch(schema, [list(range(100)), ["v"] * 100])],
          ipc.IpcWriteOptions(compression="zstd"))
    dict_schema = pa.schema([("c", pa.dictionary(pa.int32(), pa.string()))])
    write(out_dir, "dictionary.arrows", dict_schema,
          [pa.record_batch([pa.array(["a", "b", "a"]).dictionary_encode()], schema=dict_schema)])
    primitives(out_dir, "legacy_primitives.arrows", ipc.IpcWriteOptions(use_legacy_format=True))


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    for make in (primitives, decimals, dates_and_timestamps, strings, other_types, nested, misc):
        make(out_dir)


if __name__ == "__main__":
    main()
