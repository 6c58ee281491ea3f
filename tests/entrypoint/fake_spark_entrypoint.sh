#!/bin/bash
# Stands in for Spark's /opt/entrypoint.sh in the entrypoint tests
# (SPARKCTL_SPARK_ENTRYPOINT points here).
#   RECORD_ARGV=file    write the arguments there, NUL-separated, and exit
#                       with $FAKE_EXIT_CODE (default 0): a hand-over check
#   FAKE_DRIVER_FAILS=text   `driver` prints that and exits 1 (a dying server)
#   driver ...          like the official image: spark-submit in client mode
#                       with the driver's bind address (no tini, gosu or
#                       nss_wrapper)
set -eu
if [ "${1:-}" = driver ] && [ -n "${FAKE_DRIVER_FAILS:-}" ]; then
  echo "fake driver: starting"
  echo "fake driver: ${FAKE_DRIVER_FAILS}" >&2
  exit 1
fi
if [ -n "${RECORD_ARGV:-}" ]; then
  printf '%s\0' "$@" > "${RECORD_ARGV}"
  exit "${FAKE_EXIT_CODE:-0}"
fi
if [ "${1:-}" = driver ]; then
  shift
  exec "${SPARK_HOME}/bin/spark-submit" \
    --conf "spark.driver.bindAddress=${SPARK_DRIVER_BIND_ADDRESS:-127.0.0.1}" \
    --deploy-mode client "$@"
fi
echo "fake Spark entrypoint: unexpected arguments: $*" >&2
exit 64
