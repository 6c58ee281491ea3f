#!/usr/bin/env bash
# Smoke test of the test cluster (scripts/test-cluster.sh): the SparkApplication
# CRD is served, its status subresource works, the three kubeconfig contexts
# authenticate, and RBAC keeps "viewer" to reading sparkapplications.
#
# Needs a cluster that is up. Finds it through SPARKCTL_TEST_KUBECONFIG (as
# set by cmake/TestCluster.cmake), else through the env file in
# $SPARKCTL_TEST_CLUSTER_DIR (default .cache/test-cluster).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ -z "${SPARKCTL_TEST_KUBECONFIG:-}" ]]; then
  env_file="${SPARKCTL_TEST_CLUSTER_DIR:-$ROOT/.cache/test-cluster}/env"
  [[ -f "$env_file" ]] || { echo "no cluster: run scripts/test-cluster.sh up" >&2; exit 1; }
  # shellcheck source=/dev/null
  source "$env_file"
fi
KUBECTL="${SPARKCTL_TEST_KUBECTL:-$ROOT/.cache/bin/kubectl}"
k() { "$KUBECTL" --kubeconfig "$SPARKCTL_TEST_KUBECONFIG" "$@"; }

NAME="smoke-$$-$RANDOM"
# shellcheck source=tests/support/checks.sh
source "$ROOT/tests/support/checks.sh"
invalid_status() {
  local out
  if out="$(k --context admin patch sparkapplication "$NAME" --subresource status --type json \
    -p '[{"op":"remove","path":"/status/driverInfo"}]' 2>&1)"; then
    echo "succeeded, want 422: $out"
    return 1
  fi
  grep -q 'status.driverInfo: Required value' <<<"$out" || { echo "want 422, got: $out"; return 1; }
}
# forbidden COMMAND...: COMMAND fails with 403 Forbidden.
forbidden() {
  local out
  if out="$("$@" 2>&1)"; then
    echo "succeeded, want 403: $out"
    return 1
  fi
  grep -q '(Forbidden)' <<<"$out" || { echo "want 403, got: $out"; return 1; }
}

manifest() {
  cat <<EOF
apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: $NAME
  namespace: default
spec:
  type: Scala
  mode: cluster
  image: spark:3.5.3
  mainClass: org.apache.spark.examples.SparkPi
  mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
  sparkVersion: 3.5.3
  driver:
    cores: 1
    memory: 512m
  executor:
    instances: 1
    cores: 1
    memory: 512m
EOF
}
create_app() { manifest | k --context "$1" create -f -; }
spec_patch_through_status_ignored() {
  k --context admin patch sparkapplication "$NAME" --subresource status --type merge \
    -p '{"spec":{"executor":{"instances":5}}}' >/dev/null &&
    expect 1 k --context admin get sparkapplication "$NAME" -o 'jsonpath={.spec.executor.instances}'
}
rejected_as_invalid() {
  local out
  if out="$(manifest | sed -e '/sparkVersion/d' -e "s/$NAME/$NAME-invalid/" | k --context admin create -f - 2>&1)"; then
    echo "succeeded, want 422: $out"
    return 1
  fi
  grep -q 'is invalid' <<<"$out" || { echo "want 422, got: $out"; return 1; }
}

check "whoami via token is admin" expect admin k --context admin auth whoami -o 'jsonpath={.status.userInfo.username}'
check "whoami via client cert is admin" expect admin k --context admin-cert auth whoami -o 'jsonpath={.status.userInfo.username}'
check "namespace spark exists" k --context admin get namespace spark
check "CRDs are established" k --context admin wait --for condition=Established --timeout 10s \
  crd/sparkapplications.sparkoperator.k8s.io crd/scheduledsparkapplications.sparkoperator.k8s.io
check "admin creates a SparkApplication" create_app admin
check "admin reads it back" expect "Scala 3.5.3 1" \
  k --context admin get sparkapplication "$NAME" -o 'jsonpath={.spec.type} {.spec.sparkVersion} {.spec.executor.instances}'
check "a spec without sparkVersion is rejected (422)" rejected_as_invalid
# The CRD's schema requires status.driverInfo, as the operator always writes it.
check "admin patches the status subresource" k --context admin patch sparkapplication "$NAME" \
  --subresource status --type merge \
  -p '{"status":{"applicationState":{"state":"RUNNING"},"driverInfo":{"podName":"'"$NAME"'-driver"},"sparkApplicationId":"spark-123"}}'
check "status reads back" expect "RUNNING spark-123 $NAME-driver" \
  k --context admin get sparkapplication "$NAME" -o 'jsonpath={.status.applicationState.state} {.status.sparkApplicationId} {.status.driverInfo.podName}'
check "a status without driverInfo is rejected (422)" invalid_status
check "a spec patch through /status is ignored" spec_patch_through_status_ignored
check "viewer gets it" k --context viewer get sparkapplication "$NAME"
check "viewer lists them" k --context viewer get sparkapplications
check "viewer gets 403 on create" forbidden create_app viewer
check "viewer gets 403 on status patch" forbidden k --context viewer patch sparkapplication "$NAME" \
  --subresource status --type merge -p '{"status":{"applicationState":{"state":"FAILED"}}}'
check "viewer gets 403 on delete" forbidden k --context viewer delete sparkapplication "$NAME"
check "viewer gets 403 in namespace spark" forbidden k --context viewer -n spark get sparkapplications
check "admin deletes it" k --context admin delete sparkapplication "$NAME" --wait=false

echo "$passed passed, $failed failed"
((failed == 0))
