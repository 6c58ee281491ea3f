#!/usr/bin/env bash
# Builds the GCS-compatible object store used by the tests: fake-gcs-server
# (BSD-2-Clause), from its published Go module, into
#   .cache/gcs-server/fake-gcs-server
# The module has no replace directives, so `go install MODULE@VERSION` builds
# it as published, with the cached toolchain and module cache of the other Go
# servers (scripts/lib/go-env.sh). The binary reports no version of its own,
# so .cache/gcs-server/VERSION records what was built.
#
# Idempotent: an installed binary of the same version is kept. Set FORCE=1 to
# rebuild anyway.
#
# Environment: SPARKCTL_CACHE_DIR (default: <repo>/.cache),
#              FAKE_GCS_SERVER_VERSION (default below).
# shellcheck source=scripts/lib/preamble.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
# shellcheck source=scripts/lib/go-env.sh
source "$ROOT/scripts/lib/go-env.sh"
MODULE=github.com/fsouza/fake-gcs-server
FAKE_GCS_SERVER_VERSION=${FAKE_GCS_SERVER_VERSION:-v1.56.1}
DEST=$CACHE/gcs-server
FORCE=${FORCE:-0}

START=$SECONDS
log() { printf '[build-gcs-server %4ds] %s\n' "$((SECONDS - START))" "$*" >&2; }

command -v go >/dev/null || die "go is not on PATH"
mkdir -p "$DEST"
if [[ $FORCE != 1 && -x $DEST/fake-gcs-server &&
      $(cat "$DEST/VERSION" 2>/dev/null) == "$FAKE_GCS_SERVER_VERSION" ]]; then
  log "have fake-gcs-server $FAKE_GCS_SERVER_VERSION at $DEST/fake-gcs-server"
  exit 0
fi

log "go install $MODULE@$FAKE_GCS_SERVER_VERSION (downloads modules on a cold cache)"
rm -f "$DEST/VERSION"
GOBIN=$DEST go install -ldflags "-s -w" "$MODULE@$FAKE_GCS_SERVER_VERSION"
[[ -x $DEST/fake-gcs-server ]] || die "go install did not produce $DEST/fake-gcs-server"
echo "$FAKE_GCS_SERVER_VERSION" > "$DEST/VERSION"
log "built fake-gcs-server $FAKE_GCS_SERVER_VERSION at $DEST/fake-gcs-server in $((SECONDS - START))s"
