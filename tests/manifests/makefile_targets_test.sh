#!/usr/bin/env bash
# The Makefile's cluster targets are sparkctl calls: no target runs kubectl
# (what each would run, from `make -n`), and the ones that set a cluster up
# or check it call `sparkctl init` / `sparkctl doctor`.
set -uo pipefail
root=$1
cd "$root" || exit 1
failed=0
targets=$(sed -n 's/^\([a-zA-Z0-9_-]*\):.*## .*/\1/p' Makefile)
[[ -n "$targets" ]] || { echo "FAIL no targets found in Makefile"; exit 1; }
for target in $targets; do
  if ! commands=$(make --no-print-directory -n -B "$target" 2>&1); then
    echo "FAIL make -n $target: $commands"
    failed=$((failed + 1))
  elif grep -qw kubectl <<<"$commands"; then
    echo "FAIL $target runs kubectl: $(grep -w kubectl <<<"$commands")"
    failed=$((failed + 1))
  fi
done
# target -> the sparkctl verb it must call
for pair in init-spark-k8s:init patch-container-registry:init verify-k8s-dns:doctor doctor:doctor; do
  target=${pair%%:*} verb=${pair#*:}
  if ! make --no-print-directory -n "$target" | grep -q "/sparkctl $verb "; then
    echo "FAIL $target does not call sparkctl $verb: $(make --no-print-directory -n "$target" 2>&1)"
    failed=$((failed + 1))
  fi
done
echo "$(wc -w <<<"$targets") targets checked, $failed failed"
((failed == 0))
