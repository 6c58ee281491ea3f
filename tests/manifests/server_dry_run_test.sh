#!/usr/bin/env bash
# Applies every manifest with --dry-run=server against the test API server:
# the server validates each object (the CRD's schema for SparkApplications)
# and stores nothing.
set -uo pipefail
dir=$1
# shellcheck disable=SC1091
source "$SPARKCTL_TEST_CLUSTER_DIR/env"
passed=0 failed=0
for file in "$dir"/*.yaml; do
  if out=$("$SPARKCTL_TEST_KUBECTL" --kubeconfig "$SPARKCTL_TEST_KUBECONFIG" --context admin \
             apply --dry-run=server -f "$file" 2>&1); then
    echo "ok   $(basename "$file"): $(echo "$out" | tr '\n' ' ')"
    passed=$((passed + 1))
  else
    echo "FAIL $(basename "$file"): $out"
    failed=$((failed + 1))
  fi
done
# The dry run must not have created anything.
if "$SPARKCTL_TEST_KUBECTL" --kubeconfig "$SPARKCTL_TEST_KUBECONFIG" --context admin \
     -n spark get sparkapplication pi >/dev/null 2>&1; then
  echo "FAIL dry run created sparkapplication pi"
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
(( failed == 0 ))
