#!/usr/bin/env bash
# The S3 test store (scripts/s3-server.sh) where the local cluster's pods
# reach it: on the node's address, with the shipped titanic.csv uploaded.
#   s3_store.sh up | down
# SPARKCTL_LOCAL_CLUSTER_DIR names the cluster, SPARKCTL_TEST_S3_DIR the
# store's state dir.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
case "${1:-}" in
up)
  # shellcheck source=/dev/null
  source "${SPARKCTL_LOCAL_CLUSTER_DIR:?}/env"
  SPARKCTL_TEST_S3_HOST="$SPARKCTL_LOCAL_CLUSTER_NODE_IP" "$ROOT/scripts/s3-server.sh" up >/dev/null
  "$ROOT/scripts/s3-server.sh" put "$ROOT/data/titanic.csv" titanic.csv
  ;;
down) "$ROOT/scripts/s3-server.sh" down ;;
*)
  echo "usage: $0 up|down" >&2
  exit 2
  ;;
esac
