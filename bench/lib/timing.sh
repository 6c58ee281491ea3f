# shellcheck shell=bash
# What the bench/*/run.sh scripts time their commands with.
#   seconds OUT COMMAND...  runs COMMAND, its output in the file OUT, and
#                           prints its wall seconds; when it fails, the end
#                           of OUT goes to stderr and the bench exits 1
#   median                  the median of the numbers on stdin, one a line

seconds() {
  local out="$1" start end
  shift
  start=$(date +%s%N)
  "$@" >"$out" 2>&1 || { echo "bench: failed: $*" >&2; tail -20 "$out" >&2; exit 1; }
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN {printf "%.2f\n", ns / 1e9}'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
