#!/usr/bin/env bash
# The whole test suite on a fresh machine: set-up (packages, venv, test
# servers, build with tests), then ctest. ctest's closing line says how
# many tests passed. Extra arguments go to ctest (e.g. -R config).
# shellcheck source=scripts/lib/preamble.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
BUILD="${SPARKCTL_BUILD_DIR:-$ROOT/build}"
started=$(date +%s)
"$ROOT/scripts/setup.sh" --test
echo >&2
echo "==> Running the test suite (set-up took $(( $(date +%s) - started ))s)" >&2
cd "$BUILD"
# Two at a time: each Spark test JVM wants a core; the machine has two.
ctest --output-on-failure --timeout 1200 -j "${SPARKCTL_TEST_JOBS:-2}" "$@"
