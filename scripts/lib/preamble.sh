# shellcheck shell=bash disable=SC2034
# The start of every script in scripts/: strict mode, and the checkout's
# ROOT and CACHE (.cache, or $SPARKCTL_CACHE_DIR) as absolute paths, and die
# (for the scripts that define log).
#   # shellcheck source=scripts/lib/preamble.sh
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="$(realpath -m "${SPARKCTL_CACHE_DIR:-$ROOT/.cache}")"
# die MESSAGE: "error: MESSAGE" on stderr through the script's own log
# (which names the script), then exit 1.
die() {
  log "error: $*" >&2
  exit 1
}
