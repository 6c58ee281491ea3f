#!/usr/bin/env python3
"""Builds the Spark Connect FileDescriptorSet from the installed pyspark.

Spark publishes its Connect protocol inside the pyspark package: every
pyspark/sql/connect/proto/*_pb2.py holds its .proto file as a serialized
FileDescriptorProto (the bytes passed to AddSerializedFile). This script
reads those bytes with `ast` (nothing is imported, so no protobuf runtime is
needed), keeps the files reachable from the root (spark/connect/base.proto),
adds the well-known types they import (compiled by the system protoc from
its own include directory), and writes one FileDescriptorSet that
`protoc --descriptor_set_in` can generate code from.

No .proto file is ever written or checked in: the published package is the
single source of the protocol.

Usage:
  spark-connect-descriptors.py --out FILE [--list FILE] [--sources FILE] [--proto-dir DIR]
                               [--protoc protoc] [--wkt-include /usr/include]
                               [--root spark/connect/base.proto]
"""

import argparse
import ast
import importlib.util
import os
import subprocess
import sys
import tempfile


def read_varint(buf, pos):
    result = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def encode_varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def name_and_deps(fdp):
    """Fields 1 (name) and 3 (dependency) of a serialized FileDescriptorProto."""
    name, deps, pos = None, [], 0
    while pos < len(fdp):
        key, pos = read_varint(fdp, pos)
        field, wire = key >> 3, key & 7
        if wire == 0:
            _, pos = read_varint(fdp, pos)
        elif wire == 1:
            pos += 8
        elif wire == 5:
            pos += 4
        elif wire == 2:
            length, pos = read_varint(fdp, pos)
            value = fdp[pos:pos + length]
            pos += length
            if field == 1:
                name = value.decode()
            elif field == 3:
                deps.append(value.decode())
        else:
            raise ValueError("unexpected wire type %d" % wire)
    return name, deps


def serialized_file(path):
    """The bytes literal given to AddSerializedFile(...) in a *_pb2.py."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "AddSerializedFile" and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, bytes)):
            return node.args[0].value
    return None


def default_proto_dir():
    spec = importlib.util.find_spec("pyspark")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("spark-connect-descriptors: pyspark is not installed for " + sys.executable)
    return os.path.join(spec.submodule_search_locations[0], "sql", "connect", "proto")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="FileDescriptorSet to write")
    parser.add_argument("--list", help="write the Spark .proto names (one a line) here")
    parser.add_argument("--sources", help="write the *_pb2.py files read (one a line) here")
    parser.add_argument("--proto-dir", default=None, help="pyspark/sql/connect/proto")
    parser.add_argument("--protoc", default="protoc")
    parser.add_argument("--wkt-include", default="/usr/include")
    parser.add_argument("--root", default="spark/connect/base.proto")
    args = parser.parse_args()

    proto_dir = args.proto_dir or default_proto_dir()
    files, sources = {}, {}
    for entry in sorted(os.listdir(proto_dir)):
        if entry.endswith("_pb2.py"):
            path = os.path.join(proto_dir, entry)
            data = serialized_file(path)
            if data is not None:
                name, deps = name_and_deps(data)
                files[name] = (data, deps)
                sources[name] = path
    if args.root not in files:
        sys.exit("spark-connect-descriptors: %s not found in %s" % (args.root, proto_dir))

    # Files reachable from the root, dependencies first.
    ordered, wkt, seen = [], [], set()

    def visit(name):
        if name in seen:
            return
        seen.add(name)
        if name not in files:
            if not name.startswith("google/protobuf/"):
                sys.exit("spark-connect-descriptors: %s imports unknown %s" % (args.root, name))
            wkt.append(name)
            return
        for dep in files[name][1]:
            visit(dep)
        ordered.append(name)

    visit(args.root)

    out = bytearray()
    if wkt:
        with tempfile.TemporaryDirectory() as tmp:
            wkt_set = os.path.join(tmp, "wkt.pb")
            subprocess.run([args.protoc, "-I", args.wkt_include, "--include_imports",
                            "-o", wkt_set] + sorted(wkt), check=True)
            with open(wkt_set, "rb") as f:
                out += f.read()
    # A FileDescriptorSet is `repeated FileDescriptorProto file = 1`, so
    # appending length-delimited field-1 records extends it.
    for name in ordered:
        data = files[name][0]
        out += b"\x0a" + encode_varint(len(data)) + data

    tmp_out = args.out + ".tmp"
    with open(tmp_out, "wb") as f:
        f.write(out)
    os.replace(tmp_out, args.out)
    write_lines(args.list, ordered)
    write_lines(args.sources, [sources[name] for name in ordered])


def write_lines(path, lines):
    if path:
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in lines))
        os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
