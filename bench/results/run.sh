#!/usr/bin/env bash
# Benchmark (not a test): a 4-column query result exported to CSV on one warm
# local Spark Connect server, by
#   sparkctl     sparkctl shell -o csv -e QUERY > out.csv
#   python       pyspark-client's toArrow() + pyarrow's CSV writer (python_client.py)
#   floor        receiving the same Arrow stream and discarding it (bench_receive_floor)
# RUNS rounds (default 5) at 2,000,000 rows, each round running the three in
# turn; then sparkctl and the floor at 20,000,000 rows. Prints the medians of
# wall time and peak RSS, the ratios, and a Markdown table for RESULTS.md.
# Installs pyspark-client and pyarrow into a venv of its own under .cache/.
#   Usage: bench/results/run.sh [RUNS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-5}"
BUILD="${BUILD:-$ROOT/build}"
SPARKCTL="${SPARKCTL:-$BUILD/src/cli/sparkctl}"
FLOOR="$BUILD/bench/results/bench_receive_floor"
CACHE="${SPARKCTL_CACHE_DIR:-$ROOT/.cache}"
VENV="$CACHE/bench-pyspark-client"

[[ -x "$SPARKCTL" ]] || { echo "bench: build sparkctl first (make setup)" >&2; exit 2; }
cmake --build "$BUILD" --target bench_receive_floor >/dev/null

if ! "$VENV/bin/python" -c "from pyspark.sql import SparkSession; import pyarrow" 2>/dev/null; then
  echo "bench: installing pyspark-client 4.2.0 and pyarrow into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "pyspark-client==4.2.0" pyarrow "pandas<3"
fi

STATE="$(mktemp -d)"
export SPARKCTL_STATE_DIR="$STATE"
trap '"$SPARKCTL" -q server stop >/dev/null 2>&1 || true; rm -rf "$STATE"' EXIT
"$SPARKCTL" -q server start --port 0 >/dev/null
# The server admits only clients with its token: pyspark and the floor read
# it from the environment (SPARK_CONNECT_AUTHENTICATE_TOKEN), sparkctl from
# its state folder. pyspark sends it without TLS only to `localhost`.
eval "$("$SPARKCTL" server status -o env)"
REMOTE="$SPARK_REMOTE"

# One Python process times every run and reads each one's peak RSS (wait4).
"$VENV/bin/python" - "$RUNS" "$REMOTE" "$SPARKCTL" "$FLOOR" "$VENV/bin/python" \
  "$ROOT/bench/results/python_client.py" "$STATE" <<'PY'
import os, statistics, subprocess, sys, time
runs, remote, sparkctl, floor, python, client, scratch = sys.argv[1:8]
runs = int(runs)

def query(rows):
    # The issue's query; 20M rows get a partition per million (the server's
    # driver holds finished partitions until they are sent: 1 GiB heap).
    source = f"range({rows})" if rows <= 2_000_000 else f"range(0, {rows}, 1, {rows // 1_000_000})"
    return f"SELECT id, id*2 AS b, CAST(id AS STRING) AS s, rand(1) AS r FROM {source}"

def commands(rows):
    out = os.path.join(scratch, "out.csv")
    return {
        "sparkctl": ([sparkctl, "-q", "shell", "--remote", remote, "-o", "csv", "-e", query(rows)], out),
        "python": ([python, client, remote, query(rows), out], None),
        "floor": ([floor, remote, query(rows)], None),
    }

def run(argv, stdout_path):
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    err = p.stderr.read().decode()
    if status != 0:
        sys.exit(f"bench: failed ({status}): {argv[0]}: {err[-600:]}")
    return elapsed, usage.ru_maxrss / 1024, err.strip()

def measure(rows, tools, rounds):
    cmds = commands(rows)
    results = {t: [] for t in tools}
    for _ in range(rounds):
        for t in tools:
            results[t].append(run(*cmds[t]))
    return {t: (statistics.median(r[0] for r in rs), max(r[1] for r in rs), rs[-1][2])
            for t, rs in results.items()}

print(f"warm server {remote}; warming up", file=sys.stderr)
run(*commands(2_000_000)["sparkctl"])
small = measure(2_000_000, ["sparkctl", "python", "floor"], runs)
large = measure(20_000_000, ["sparkctl", "floor"], max(1, runs // 2))

rows = [("2,000,000", small, t) for t in ("sparkctl", "python", "floor")] + \
       [("20,000,000", large, t) for t in ("sparkctl", "floor")]
print(f"| rows | client | median wall time | peak RSS | ({runs} runs at 2M, {max(1, runs // 2)} at 20M)")
print("|---|---|---|---|")
for n, res, t in rows:
    print(f"| {n} | {t} | {res[t][0]:.2f} s | {res[t][1]:.1f} MiB |")
s, p, f = small["sparkctl"][0], small["python"][0], small["floor"][0]
print(f"\nsparkctl / python client at 2M: {s / p:.2f} (goal <= 0.6)")
print(f"sparkctl / floor at 2M: {s / f:.2f} (goal <= 1.15)")
print(f"sparkctl / floor at 20M: {large['sparkctl'][0] / large['floor'][0]:.2f}")
print(f"python client phases (last run): {small['python'][2]}")
print(f"floor: {small['floor'][2]}")
PY
