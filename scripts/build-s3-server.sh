#!/usr/bin/env bash
# Install the S3-compatible object store used by the tests: S3Proxy (Apache-2.0)
# with its local-filesystem backend, as the runnable jar that S3Proxy publishes
# to Maven Central (org.gaul:s3proxy, classifier jar-with-dependencies).
# Nothing is compiled: Maven resolves the jar into .cache/m2 and it is linked to
#   .cache/s3proxy/s3proxy.jar
# Needs Java 17 and Maven. Idempotent: an installed jar of the same version is kept.
#
# Environment: SPARKCTL_CACHE_DIR (default: <repo>/.cache),
#              S3PROXY_VERSION (default below).
# shellcheck source=scripts/lib/preamble.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
M2=$CACHE/m2  # used by lib/maven.sh
DEST=$CACHE/s3proxy
S3PROXY_VERSION=${S3PROXY_VERSION:-4.1.0}

log() { echo "build-s3-server: $*" >&2; }
# shellcheck source=scripts/lib/maven.sh
source "$ROOT/scripts/lib/maven.sh"

command -v java >/dev/null || die "java not found (apt-get install openjdk-17-jre-headless)"

mkdir -p "$DEST"
if [[ -s $DEST/s3proxy.jar && $(cat "$DEST/VERSION" 2>/dev/null) == "$S3PROXY_VERSION" ]]; then
  log "have s3proxy $S3PROXY_VERSION at $DEST/s3proxy.jar"
  exit 0
fi

log "resolving org.gaul:s3proxy:$S3PROXY_VERSION (jar-with-dependencies)"
maven_fetch_jar "$DEST/s3proxy.jar" org.gaul s3proxy "$S3PROXY_VERSION" jar-with-dependencies
echo "$S3PROXY_VERSION" > "$DEST/VERSION"
log "installed s3proxy $S3PROXY_VERSION at $DEST/s3proxy.jar ($(du -h "$DEST/s3proxy.jar" | cut -f1))"
