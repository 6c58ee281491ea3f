#!/usr/bin/env bash
# Takes the local cluster down (scripts/local-cluster.sh down) and checks
# that the machine is as `up` found it: the listing of processes, mounts,
# cgroups, netfilter rules, sysctls, links, addresses, routes and system
# folders (scripts/lib/host-state.sh, host_listing) taken before `up` equals
# the one taken now. Any difference is printed and fails the test.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${SPARKCTL_LOCAL_CLUSTER_DIR:?run through ctest (fixture real_node)}"
log() { echo "[down-restores-machine] $*" >&2; }
# shellcheck source=scripts/lib/host-state.sh
source "$ROOT/scripts/lib/host-state.sh"

"$ROOT/scripts/local-cluster.sh" down || { log "down failed"; exit 1; }
before="$STATE/host/listing-before-up"
[[ -s "$before" ]] || { log "no listing from before up in $before"; exit 1; }
if ! diff <(cat "$before") <(host_listing) >"$STATE/host/listing-diff"; then
  log "the machine differs from before up (< before, > now):"
  cat "$STATE/host/listing-diff" >&2
  exit 1
fi
echo "the machine is as before up: $(wc -l <"$before") items compared"
