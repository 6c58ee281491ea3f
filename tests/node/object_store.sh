#!/usr/bin/env bash
# A test object store where the local cluster's pods reach it, on the
# node's address: the S3 one (scripts/s3-server.sh) or the GCS one
# (scripts/gcs-server.sh), with the shipped titanic.csv uploaded.
#   object_store.sh s3|gcs up|down
# SPARKCTL_LOCAL_CLUSTER_DIR names the cluster, SPARKCTL_TEST_S3_DIR and
# SPARKCTL_TEST_GCS_DIR the stores' state dirs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
usage() {
  echo "usage: $0 s3|gcs up|down" >&2
  exit 2
}
case "${1:-}" in
s3 | gcs) server="$ROOT/scripts/$1-server.sh" ;;
*) usage ;;
esac
case "${2:-}" in
up)
  # shellcheck source=/dev/null
  source "${SPARKCTL_LOCAL_CLUSTER_DIR:?}/env"
  SPARKCTL_TEST_S3_HOST="$SPARKCTL_LOCAL_CLUSTER_NODE_IP" \
    SPARKCTL_TEST_GCS_HOST="$SPARKCTL_LOCAL_CLUSTER_NODE_IP" "$server" up >/dev/null
  "$server" put "$ROOT/data/titanic.csv" titanic.csv
  ;;
down) "$server" down ;;
*) usage ;;
esac
