#!/usr/bin/env bash
# Benchmark (not a test): wall time of `sparkctl run --job pi --job-args
# partitions=10`
#   cold, no archive   a local server started and stopped by the run, with no
#                      class-data archive yet (this run records one as it stops)
#   cold, archive      the same with the archive an earlier start recorded
#   warm               on a warm server (`sparkctl server start`, which warms
#                      it up), and the first job on one started with --no-warm-up
# against spark-submit of the equivalent PySpark script (pi.py) from the same
# Spark installation. Prints the medians, the ratios and the start-up broken
# into its steps (finding Spark and Java, the server's start until its port
# answers, the job and stopping the server).
#   Usage: bench/pi/run.sh [RUNS]   (default 3)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-3}"
SPARKCTL="${SPARKCTL:-$ROOT/build/src/cli/sparkctl}"
SPARK_HOME="${SPARK_HOME:-$(echo "$ROOT"/.cache/venv/lib/python3*/site-packages/pyspark)}"
export SPARK_HOME SPARK_LOCAL_IP=127.0.0.1
export PYSPARK_PYTHON="$ROOT/.cache/venv/bin/python"
SCRATCH="$(mktemp -d)"
export SPARKCTL_STATE_DIR="$SCRATCH/state"
trap '"$SPARKCTL" -q server stop >/dev/null 2>&1 || true; rm -rf "$SCRATCH"' EXIT

[[ -x "$SPARKCTL" ]] || { echo "bench: build sparkctl first (make setup)" >&2; exit 2; }

python3 - "$RUNS" "$SPARKCTL" "$SPARK_HOME" "$ROOT/bench/pi/pi.py" "$SCRATCH" <<'PY'
import os, re, statistics, subprocess, sys, time
runs, sparkctl, spark_home, pi_py, scratch = sys.argv[1:6]
runs = int(runs)
job = [sparkctl, "-v", "run", "--job", "pi", "--job-args", "partitions=10"]

def run(argv, archive_dir=None):
    env = dict(os.environ)
    if archive_dir:
        env["SPARKCTL_CLASS_ARCHIVE_DIR"] = archive_dir
    start = time.perf_counter()
    p = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"bench: failed: {' '.join(argv)}\n{p.stderr[-800:]}")
    ready = re.search(r"ready at \S+ in ([0-9.]+)s", p.stderr)
    return took, float(ready.group(1)) if ready else None

def median(values):
    return statistics.median(values)

results = {}
print("bench: cold without an archive", file=sys.stderr)
cold_new = [run(job, os.path.join(scratch, f"fresh-{i}")) for i in range(runs)]
archive = os.path.join(scratch, "cached")
run(job, archive)  # records the archive the next runs use
print("bench: cold with the cached archive", file=sys.stderr)
cold_cached = [run(job, archive) for _ in range(runs)]
def warm_server(*flags):
    subprocess.run([sparkctl, "-q", "server", "start", *flags], check=True,
                   stdout=subprocess.DEVNULL, env=dict(os.environ, SPARKCTL_CLASS_ARCHIVE_DIR=archive))

print("bench: the first job on a warm server started with --no-warm-up", file=sys.stderr)
warm_server("--no-warm-up")
unwarmed_first = [run(job)]
subprocess.run([sparkctl, "-q", "server", "stop"], check=True, stdout=subprocess.DEVNULL)
print("bench: warm (server start with its warm-up)", file=sys.stderr)
warm_start = time.perf_counter()
warm_server()
warm_start = time.perf_counter() - warm_start
warm = [run(job) for _ in range(runs)]
subprocess.run([sparkctl, "-q", "server", "stop"], check=True, stdout=subprocess.DEVNULL)
print("bench: spark-submit pi.py", file=sys.stderr)
pyspark = [run([os.path.join(spark_home, "bin", "spark-submit"), "--master", "local[*]", pi_py, "10"])
           for _ in range(runs)]

p = median(t for t, _ in pyspark)
print(f"pi, partitions=10 (1,000,000 samples), median of {runs} runs; load average "
      f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
print("| run | wall time | server start (until its port answers) | the rest (finding Spark and Java, the job, stopping) | / spark-submit |")
print("|---|---|---|---|---|")
for name, rs in [("sparkctl, cold, no archive (records one)", cold_new),
                 ("sparkctl, cold, cached archive", cold_cached),
                 ("sparkctl, first job on a warm server started with --no-warm-up", unwarmed_first),
                 ("sparkctl, warm server (warmed up by server start)", warm),
                 ("spark-submit pi.py", pyspark)]:
    total = median(t for t, _ in rs)
    starts = [s for _, s in rs if s is not None]
    start = f"{median(starts):.2f} s" if starts else "-"
    rest = f"{total - median(starts):.2f} s" if starts else "-"
    print(f"| {name} | {total:.2f} s | {start} | {rest} | {total / p:.2f} |")
print(f"`sparkctl server start` with its warm-up: {warm_start:.2f} s")
PY
