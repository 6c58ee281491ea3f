#!/usr/bin/env bash
# Benchmark (not a test): `sparkctl submit` against `kubectl create -f` of the
# same rendered SparkApplication, on the same local test API server (brought
# up here and taken down after), RUNS times each (default 50). Prints the
# medians, their ratio and sparkctl's peak RSS.   Usage: bench/submit/run.sh [RUNS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-50}"
SPARKCTL="${SPARKCTL:-$ROOT/build/src/cli/sparkctl}"
KUBECTL="${KUBECTL:-$ROOT/.cache/bin/kubectl}"
export SPARKCTL_TEST_CLUSTER_DIR="${SPARKCTL_TEST_CLUSTER_DIR:-$(mktemp -d)}"
[[ -x "$SPARKCTL" && -x "$KUBECTL" ]] || { echo "bench: run make test (or setup + build-k8s-test-servers) first" >&2; exit 2; }

"$ROOT/scripts/test-cluster.sh" up >&2
trap '"$ROOT/scripts/test-cluster.sh" down >&2 || true' EXIT
KUBECONFIG_FILE="$SPARKCTL_TEST_CLUSTER_DIR/kubeconfig"
MANIFEST="$SPARKCTL_TEST_CLUSTER_DIR/pi.yaml"
"$SPARKCTL" -q render --job pi --name bench-template > "$MANIFEST"

# One Python process times every run and reads each child's peak RSS.
python3 - "$RUNS" "$SPARKCTL" "$KUBECTL" "$KUBECONFIG_FILE" "$MANIFEST" <<'PY'
import os, resource, statistics, subprocess, sys, time
runs, sparkctl, kubectl, kubeconfig, manifest = int(sys.argv[1]), *sys.argv[2:]
template = open(manifest).read()

def timed(argv, stdin=None):
    start = time.perf_counter()
    pid = subprocess.Popen(argv, stdin=subprocess.PIPE if stdin else None,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, err = pid.communicate(stdin.encode() if stdin else None)
    if pid.returncode != 0:
        sys.exit(f"bench: {argv[0]} failed: {err.decode()[-500:]}")
    return time.perf_counter() - start

# sparkctl first: ru_maxrss of children is a running maximum, so reading it
# before any kubectl has run gives sparkctl's own peak.
sparkctl_times = [timed([sparkctl, "-q", "submit", "--job", "pi", "--name", f"bench-s-{i}",
                         "--kubeconfig", kubeconfig]) for i in range(runs)]
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
kubectl_times = [timed([kubectl, "--kubeconfig", kubeconfig, "create", "-f", "-"],
                       template.replace("bench-template", f"bench-k-{i}")) for i in range(runs)]
s, k = statistics.median(sparkctl_times), statistics.median(kubectl_times)
print(f"runs: {runs} each")
print(f"sparkctl submit   median {s * 1000:7.1f} ms")
print(f"kubectl create -f median {k * 1000:7.1f} ms")
print(f"ratio sparkctl / kubectl: {s / k:.2f}")
print(f"sparkctl peak RSS: {peak_kib / 1024:.1f} MiB")
PY
