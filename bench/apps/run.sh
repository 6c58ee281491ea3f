#!/usr/bin/env bash
# Benchmark (not a test): a user's own application, RUNS times each (default 3).
#   (a) `sparkctl run survivors.py` on a warm server (`sparkctl server start`)
#       against `spark-submit --master local[*] survivors.py` from the venv's
#       pyspark, the same script over data/titanic.csv
#   (b) uploads of a SIZE_MIB random file (default 200) to the S3 test store
#       (scripts/s3-server.sh): sparkctl's ObjectStore::put against `curl -T`
#       with SigV4 and an unsigned payload (sparkctl's put goes in 16 MiB
#       parts, 4 at once; when its last byte was sent is printed too)
#   (d) Stager::stage of 50 MiB of files (10 x 5 MiB) a second time, when
#       each is in the store already (a sha256 and a stat per file)
# (b) and (d) run bench_apps_upload (upload.cpp), built here from BUILD.
# Prints the medians and the ratios. Everything it starts (the warm server,
# the store) and writes goes at the end.
#   Usage: bench/apps/run.sh [RUNS]   (BUILD, SPARKCTL, SIZE_MIB)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-3}"
SIZE_MIB="${SIZE_MIB:-200}"
BUILD="${BUILD:-$ROOT/build}"
SPARKCTL="${SPARKCTL:-$BUILD/src/cli/sparkctl}"
UPLOAD="$BUILD/bench/apps/bench_apps_upload"
CACHE="${SPARKCTL_CACHE_DIR:-$ROOT/.cache}"
# shellcheck source=scripts/lib/pyspark-home.sh
source "$ROOT/scripts/lib/pyspark-home.sh"
SPARK_HOME="$(pyspark_home "$CACHE")" || { echo "bench: no pyspark in $CACHE/venv (make setup)" >&2; exit 2; }
[[ -x "$SPARKCTL" ]] || { echo "bench: build sparkctl first (make build)" >&2; exit 2; }
cmake --build "$BUILD" --target bench_apps_upload >/dev/null
export SPARK_HOME SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$CACHE/venv/bin/python"

SCRATCH="$(mktemp -d)"
export SPARKCTL_STATE_DIR="$SCRATCH/state"
# The store's own state dir and bucket: no test's store is touched.
export SPARKCTL_TEST_S3_DIR="$SCRATCH/s3" SPARKCTL_TEST_S3_BUCKET=bench
cleanup() {
  "$SPARKCTL" -q server stop >/dev/null 2>&1 || true
  "$ROOT/scripts/s3-server.sh" down >/dev/null 2>&1 || true
  rm -rf "$SCRATCH"
}
trap cleanup EXIT

# shellcheck source=bench/lib/timing.sh
source "$ROOT/bench/lib/timing.sh"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f\n", a / b}'; }
# Each run's output must hold the script's answer.
answered() { grep -q '^class 1: 136 of 216 survived$' "$SCRATCH/out" || { echo "bench: no answer:" >&2; cat "$SCRATCH/out" >&2; exit 1; }; }

# ---- (a) the application on a warm server against spark-submit
APP="$ROOT/bench/apps/survivors.py" CSV="$ROOT/data/titanic.csv"
echo "bench: (a) sparkctl server start" >&2
"$SPARKCTL" -q server start >/dev/null
warm=()
for _ in $(seq "$RUNS"); do
  warm+=("$(seconds "$SCRATCH/out" "$SPARKCTL" run "$APP" -- "$CSV")")
  answered
done
# The idle server's JVM is not left to compete with spark-submit's.
"$SPARKCTL" -q server stop >/dev/null
echo "bench: (a) spark-submit" >&2
classic=()
for _ in $(seq "$RUNS"); do
  classic+=("$(seconds "$SCRATCH/out" "$SPARK_HOME/bin/spark-submit" --master 'local[*]' "$APP" "$CSV")")
  answered
done

# ---- (b) uploads, (d) staging again
echo "bench: (b) S3 store and a ${SIZE_MIB} MiB file" >&2
"$ROOT/scripts/s3-server.sh" up >/dev/null
# shellcheck source=/dev/null
source "$SPARKCTL_TEST_S3_DIR/env"
export SPARKCTL_STORAGE_STAGING_URI="s3a://$SPARKCTL_TEST_S3_BUCKET/staging" \
  SPARKCTL_STORAGE_S3_ENDPOINT="$SPARKCTL_TEST_S3_ENDPOINT" \
  SPARKCTL_STORAGE_S3_ACCESS_KEY="$SPARKCTL_TEST_S3_ACCESS_KEY" \
  SPARKCTL_STORAGE_S3_SECRET_KEY="$SPARKCTL_TEST_S3_SECRET_KEY" \
  SPARKCTL_STORAGE_S3_REGION="$SPARKCTL_TEST_S3_REGION" SPARKCTL_STORAGE_S3_PATH_STYLE=true
FILE="$SCRATCH/upload.bin"
head -c "$((SIZE_MIB << 20))" /dev/urandom >"$FILE"
curl_put() {
  curl -sS --fail -o /dev/null -w '%{time_total}\n' -T "$FILE" \
    --aws-sigv4 "aws:amz:$SPARKCTL_TEST_S3_REGION:s3" \
    --user "$SPARKCTL_TEST_S3_ACCESS_KEY:$SPARKCTL_TEST_S3_SECRET_KEY" \
    -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' "$SPARKCTL_TEST_S3_ENDPOINT/$SPARKCTL_TEST_S3_BUCKET/curl.bin"
}
# One of each first, unmeasured: the store's JVM warms up.
curl_put >/dev/null
"$UPLOAD" put "$FILE" sparkctl.bin >/dev/null
curl_times=() put_times=() digest_times=() sent_times=()
for _ in $(seq "$RUNS"); do # in turn, so all see the same load
  curl_times+=("$(curl_put)")
  "$UPLOAD" put "$FILE" sparkctl.bin >"$SCRATCH/out"
  put_times+=("$(awk '$1 == "put" {print $2}' "$SCRATCH/out")")
  digest_times+=("$(awk '$1 == "sha256" {print $2}' "$SCRATCH/out")")
  sent_times+=("$(awk '$1 == "sent" {print $2}' "$SCRATCH/out")")
done

echo "bench: (d) staging 50 MiB of files twice" >&2
mkdir "$SCRATCH/deps"
for i in $(seq 10); do head -c 5M /dev/urandom >"$SCRATCH/deps/dep-$i.bin"; done
stage_first=() stage_again=()
for run in $(seq "$RUNS"); do
  # A fresh prefix each run, so its first pass uploads.
  SPARKCTL_STORAGE_STAGING_URI="s3a://$SPARKCTL_TEST_S3_BUCKET/staging-$run" \
    "$UPLOAD" stage "$SCRATCH/deps" >"$SCRATCH/out"
  grep -q '^uploaded 10 of 20 ' "$SCRATCH/out" || { echo "bench: staging uploaded again:" >&2; cat "$SCRATCH/out" >&2; exit 1; }
  stage_first+=("$(awk '$1 == "stage1" {print $2}' "$SCRATCH/out")")
  stage_again+=("$(awk '$1 == "stage2" {print $2}' "$SCRATCH/out")")
done

# ---- report
a_warm="$(printf '%s\n' "${warm[@]}" | median)"
a_classic="$(printf '%s\n' "${classic[@]}" | median)"
b_curl="$(printf '%s\n' "${curl_times[@]}" | median)"
b_put="$(printf '%s\n' "${put_times[@]}" | median)"
b_digest="$(printf '%s\n' "${digest_times[@]}" | median)"
b_sent="$(printf '%s\n' "${sent_times[@]}" | median)"
b_both="$(awk -v p="$b_put" -v d="$b_digest" 'BEGIN {printf "%.3f\n", p + d}')"
mibs() { awk -v s="$SIZE_MIB" -v t="$1" 'BEGIN {printf "%.0f MiB/s", s / t}'; }
d_first="$(printf '%s\n' "${stage_first[@]}" | median)"
d_again="$(printf '%s\n' "${stage_again[@]}" | median)"
cat <<EOF
runs: $RUNS each; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores
(a) sparkctl run survivors.py, warm server   median $a_warm s  (${warm[*]})
    spark-submit --master local[*]           median $a_classic s  (${classic[*]})
    ratio sparkctl / spark-submit: $(ratio "$a_warm" "$a_classic")   (goal <= 0.2)
(b) ${SIZE_MIB} MiB to S3Proxy
    curl -T (UNSIGNED-PAYLOAD)               median $b_curl s  $(mibs "$b_curl")  (${curl_times[*]})
    sparkctl ObjectStore::put                median $b_put s  $(mibs "$b_put")  (${put_times[*]})
    sparkctl sha256 of the file first        median $b_digest s
    sparkctl put, until its last byte left   median $b_sent s  (${sent_times[*]})
    throughput ratio sparkctl / curl: $(ratio "$b_curl" "$b_put") (put), $(ratio "$b_curl" "$b_both") (sha256 + put)   (goal >= 0.9)
(d) Stager::stage of 10 x 5 MiB
    first time (uploads)                     median $d_first s  (${stage_first[*]})
    again, unchanged (sha256 + stat)         median $d_again s  (${stage_again[*]})   (goal <= 0.3 s)
EOF
