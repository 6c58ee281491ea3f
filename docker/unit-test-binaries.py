#!/usr/bin/env python3
"""Lists the test executables of a build tree that need nothing outside the image.

Reads `ctest --show-only=json-v1` on stdin and prints, one a line, every
executable under BUILD_DIR all of whose tests carry none of the labels of
tests that need a cluster or a running Spark (k8s, spark, runtime, s3) and
require no ctest fixture, and that do not drive the sparkctl binary at its
build-tree path (tests/support bakes that path in; in the image sparkctl is
elsewhere). docker/Dockerfile copies these into the image, and
`sparkctl-tests` runs them.

  ctest --test-dir build --show-only=json-v1 | unit-test-binaries.py build
"""

import json
import os
import sys

NEEDS_OUTSIDE = {"k8s", "spark", "runtime", "s3"}


def prop(test, name):
    for item in test.get("properties", []):
        if item.get("name") == name:
            return item.get("value")
    return None


def drives_build_tree_binary(exe, build):
    """True when exe embeds the path of the build tree's sparkctl."""
    with open(exe, "rb") as handle:
        return os.path.join(build, "src", "cli", "sparkctl").encode() in handle.read()


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: unit-test-binaries.py BUILD_DIR < ctest.json")
    build = os.path.realpath(sys.argv[1]) + os.sep
    verdict = {}  # executable -> True while every test of it is self-contained
    for test in json.load(sys.stdin).get("tests", []):
        command = test.get("command") or []
        if not command:
            continue
        exe = os.path.realpath(command[0])
        if not exe.startswith(build):
            continue  # scripts run by an interpreter, system tools
        labels = set(prop(test, "LABELS") or [])
        standalone = not (labels & NEEDS_OUTSIDE) and not prop(test, "FIXTURES_REQUIRED")
        verdict[exe] = verdict.get(exe, True) and standalone
    for exe in sorted(e for e, ok in verdict.items() if ok and not drives_build_tree_binary(e, build)):
        print(exe)


if __name__ == "__main__":
    main()
