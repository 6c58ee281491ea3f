#!/usr/bin/env bash
# Benchmark (not a test): on the local cluster (scripts/local-cluster.sh),
# `sparkctl submit --job pi --wait` against spark-submit --deploy-mode
# cluster of bench/pi/pi.py, both in the same image with the same resources
# (a driver and two executors, sparkctl's defaults) and 10 partitions, RUNS
# times each (default 3). Prints the median wall times, their ratio, and the
# running cluster's memory. Brings the cluster up when it is not (and takes
# it down again after). Root.   Usage: bench/cluster/run.sh [RUNS]
#
# sparkctl goes through the operator (its spark-submit in the operator's
# pod, its webhook) and runs pi against the driver's Spark Connect server;
# spark-submit runs from this machine and the driver is PySpark's. pi.py
# reaches the driver pod through a ConfigMap mounted by a pod template.
# spark-submit exits 0 even when its driver fails, so each run's driver pod
# must have Succeeded and printed the estimate.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-3}"
CACHE="${SPARKCTL_CACHE_DIR:-$ROOT/.cache}"
SPARKCTL="${SPARKCTL:-$ROOT/build/src/cli/sparkctl}"
CLUSTER="$ROOT/scripts/local-cluster.sh"
# shellcheck source=scripts/lib/pyspark-home.sh
source "$ROOT/scripts/lib/pyspark-home.sh"
SPARK_HOME="$(pyspark_home "$CACHE")" || { echo "bench: no pyspark in $CACHE/venv (make setup)" >&2; exit 2; }
[[ -x "$SPARKCTL" ]] || { echo "bench: build sparkctl first (make build)" >&2; exit 2; }

KUBECTL="$CACHE/bin/kubectl"
started_here=0
if ! "$CLUSTER" status >/dev/null 2>&1; then
  "$CLUSTER" up >&2
  started_here=1
fi
WORK="$(mktemp -d)"
# The applications, and spark-submit's driver pods (which own their
# executors, services and config maps), go; so does the cluster if it was ours.
cleanup() {
  local i
  for i in $(seq "$RUNS"); do
    "$SPARKCTL" -q --config "$WORK/conf.yaml" delete "bench-sparkctl-$i" >/dev/null 2>&1 || true
    "$KUBECTL" -n spark delete pods -l "spark-app-name=bench-submit-$i" --ignore-not-found >/dev/null 2>&1 || true
  done
  "$KUBECTL" -n spark delete configmap bench-pi-py --ignore-not-found >/dev/null 2>&1 || true
  rm -rf "$WORK"
  if ((started_here)); then "$CLUSTER" down >&2; fi
}
trap cleanup EXIT
eval "$("$CLUSTER" env)"
STATE="$SPARKCTL_LOCAL_CLUSTER_DIR"
API="$(sed -n 's/^ *server: //p' "$KUBECONFIG" | head -1)"
printf '%s' "$(cat "$STATE/cluster/pki/admin.token")" >"$WORK/token"
cat >"$WORK/conf.yaml" <<EOF
kubernetes:
  namespace: spark
  image: $SPARKCTL_IMAGE
EOF
"$KUBECTL" -n spark create configmap bench-pi-py --from-file=pi.py="$ROOT/bench/pi/pi.py" \
  --dry-run=client -o yaml | "$KUBECTL" apply -f - >/dev/null
cat >"$WORK/driver-template.yaml" <<'EOF'
apiVersion: v1
kind: Pod
spec:
  volumes: [{name: bench, configMap: {name: bench-pi-py}}]
  containers:
  - name: spark-kubernetes-driver
    volumeMounts: [{name: bench, mountPath: /opt/bench}]
EOF

# shellcheck source=bench/lib/timing.sh
source "$ROOT/bench/lib/timing.sh"

# The driver of spark-submit's run $1 must have Succeeded with the estimate.
check_driver() {
  local pod
  pod="$("$KUBECTL" -n spark get pods -l "spark-app-name=$1,spark-role=driver" -o name)"
  [[ -n "$pod" ]] || { echo "bench: spark-submit exited 0 but made no driver pod for $1" >&2; exit 1; }
  if [[ "$("$KUBECTL" -n spark get "$pod" -o 'jsonpath={.status.phase}')" != Succeeded ]] ||
    ! "$KUBECTL" -n spark logs "$pod" | grep -q 'Pi is roughly'; then
    echo "bench: spark-submit exited 0 but its driver $pod did not succeed" >&2
    exit 1
  fi
}

spark_submit() { # name
  "$SPARK_HOME/bin/spark-submit" --master "k8s://$API" --deploy-mode cluster --name "$1" \
    --conf spark.kubernetes.namespace=spark \
    --conf spark.kubernetes.authenticate.driver.serviceAccountName=spark \
    --conf spark.kubernetes.authenticate.submission.caCertFile="$STATE/cluster/pki/ca.crt" \
    --conf spark.kubernetes.authenticate.submission.oauthTokenFile="$WORK/token" \
    --conf spark.kubernetes.container.image="$SPARKCTL_IMAGE" \
    --conf spark.kubernetes.container.image.pullPolicy=IfNotPresent \
    --conf spark.kubernetes.driver.podTemplateFile="$WORK/driver-template.yaml" \
    --conf spark.driver.cores=1 --conf spark.kubernetes.driver.request.cores=300m \
    --conf spark.driver.memory=512m --conf spark.executor.instances=2 \
    --conf spark.executor.cores=1 --conf spark.kubernetes.executor.request.cores=300m \
    --conf spark.executor.memory=512m \
    local:///opt/bench/pi.py 10
}

sparkctl_times=() submit_times=()
for i in $(seq "$RUNS"); do
  echo "bench: run $i/$RUNS: sparkctl submit --job pi --wait" >&2
  sparkctl_times+=("$(seconds "$WORK/out" "$SPARKCTL" -q --config "$WORK/conf.yaml" submit --job pi --wait --name "bench-sparkctl-$i")")
  echo "bench: run $i/$RUNS: spark-submit --deploy-mode cluster pi.py" >&2
  submit_times+=("$(seconds "$WORK/out" spark_submit "bench-submit-$i")")
  check_driver "bench-submit-$i"
done

# Memory: the node's processes (RSS) and its pods' cgroup (page cache excluded).
rss_mib() {
  local pidfile total=0
  for pidfile in "$STATE"/*.pid "$STATE"/cluster/*.pid; do
    total=$((total + $(awk '/^VmRSS/ {print $2}' "/proc/$(cat "$pidfile")/status" 2>/dev/null || echo 0)))
  done
  echo $((total / 1024))
}
pods_mib() {
  local stat=/sys/fs/cgroup/memory/kubepods/memory.stat
  [[ -r "$stat" ]] && awk '$1 == "total_rss" {printf "%d", $2 / 1048576}' "$stat" || echo "?"
}

s=$(printf '%s\n' "${sparkctl_times[@]}" | median)
k=$(printf '%s\n' "${submit_times[@]}" | median)
echo "runs: $RUNS each (pi, 10 partitions, driver + 2 executors)"
printf 'sparkctl submit --job pi --wait     median %6.1f s  (%s)\n' "$s" "${sparkctl_times[*]}"
printf 'spark-submit --deploy-mode cluster  median %6.1f s  (%s)\n' "$k" "${submit_times[*]}"
awk -v s="$s" -v k="$k" 'BEGIN {printf "ratio sparkctl / spark-submit: %.2f\n", s / k}'
echo "cluster memory: $(rss_mib) MiB RSS (etcd, API server, controllers, kubelet, containerd, kube-proxy, CoreDNS), $(pods_mib) MiB in pods"
