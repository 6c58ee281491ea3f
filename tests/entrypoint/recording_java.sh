#!/bin/bash
# Stands in for $JAVA_HOME/bin/java where the test checks the executor's
# command line through the built sparkctl (the real JVM runs in the real
# node's executor pods, tests/node/): writes its arguments to $RECORD_ARGV,
# NUL-separated, and exits with $RECORDED_EXIT_CODE.
set -eu
printf '%s\0' "$@" > "${RECORD_ARGV}"
exit "${RECORDED_EXIT_CODE:-0}"
