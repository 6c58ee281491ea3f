#!/usr/bin/env bash
# Benchmark (not a test): wall time of `sparkctl run --job pi --job-args
# partitions=10` cold (a local server started and stopped by the run) and on
# a warm server (`sparkctl server start`), against spark-submit of the
# equivalent PySpark script from the same Spark installation. Prints the
# medians and the ratios.   Usage: bench/pi/run.sh [RUNS]   (default 3)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-3}"
SPARKCTL="${SPARKCTL:-$ROOT/build/src/cli/sparkctl}"
SPARK_HOME="${SPARK_HOME:-$(echo "$ROOT"/.cache/venv/lib/python3*/site-packages/pyspark)}"
export SPARK_HOME SPARK_LOCAL_IP=127.0.0.1
export PYSPARK_PYTHON="$ROOT/.cache/venv/bin/python"
STATE="$(mktemp -d)"
export SPARKCTL_STATE_DIR="$STATE"
trap '"$SPARKCTL" -q server stop >/dev/null 2>&1 || true; rm -rf "$STATE"' EXIT

[[ -x "$SPARKCTL" ]] || { echo "bench: build sparkctl first (make setup)" >&2; exit 2; }

seconds() { # command... -> wall seconds on stdout, output discarded
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN {printf "%.3f\n", ns / 1e9}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() { # label command...
  local label=$1; shift
  local times=()
  echo "bench: $label" >&2
  for _ in $(seq "$RUNS"); do times+=("$(seconds "$@")"); done
  printf '%s\n' "${times[@]}" | median
}

echo "pi, partitions=10 (1,000,000 samples), median of $RUNS runs" >&2
cold=$(measure cold "$SPARKCTL" -q run --job pi --job-args partitions=10)
"$SPARKCTL" -q server start >/dev/null
warm=$(measure warm "$SPARKCTL" -q run --job pi --job-args partitions=10)
"$SPARKCTL" -q server stop >/dev/null
pyspark=$(measure pyspark "$SPARK_HOME/bin/spark-submit" --master 'local[*]' "$ROOT/bench/pi/pi.py" 10)

printf '%-34s %8.2f s\n' "sparkctl run (cold local server)" "$cold" \
  "sparkctl run (warm server)" "$warm" "spark-submit pi.py (PySpark)" "$pyspark"
awk -v c="$cold" -v w="$warm" -v p="$pyspark" 'BEGIN {
  printf "ratio cold / spark-submit: %.2f\nratio warm / spark-submit: %.2f\n", c / p, w / p }'
