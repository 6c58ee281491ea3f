#!/usr/bin/env bash
# Builds the kubeflow spark-operator (controller and webhook) for the operator
# image of the local cluster (docker/operator, scripts/build-images.sh) from
# its published Go module:
#   .cache/bin/spark-operator   $SPARK_OPERATOR_MODULE at $SPARK_OPERATOR_VERSION
# Versions live in scripts/k8s-test-versions.sh.
#
# The module cannot be `go install`ed at a version: its go.mod has replace
# directives (k8s.io/* pinned to v0.32). So we copy the module's source out of
# the read-only module cache into .cache/src/ and build ./cmd/operator there,
# with its own go.mod and go.sum, as upstream's Makefile does.
#
# Idempotent: a binary that already reports the wanted version is not rebuilt.
# Set FORCE=1 to rebuild anyway.
# shellcheck source=scripts/lib/preamble.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
# shellcheck source=scripts/k8s-test-versions.sh
source "$ROOT/scripts/k8s-test-versions.sh"

BIN="$CACHE/bin"
SRC="$CACHE/src/spark-operator-$SPARK_OPERATOR_VERSION"
FORCE="${FORCE:-0}"

# shellcheck source=scripts/lib/go-env.sh
source "$ROOT/scripts/lib/go-env.sh"
GOFLAGS="$GOFLAGS -mod=readonly"

START=$SECONDS
log() { printf '[build-spark-operator %4ds] %s\n' "$((SECONDS - START))" "$*"; }

command -v go >/dev/null || die "go is not on PATH"
mkdir -p "$BIN" "$CACHE/src"

# `spark-operator version --short` prints "Git Version: <gitVersion>".
built_version() {
  [[ -x "$BIN/spark-operator" ]] &&
    "$BIN/spark-operator" version --short 2>/dev/null | sed -n 's/^Git Version: //p'
}

if [[ "$FORCE" != 1 && "$(built_version || true)" == "$SPARK_OPERATOR_VERSION" ]]; then
  log "spark-operator $SPARK_OPERATOR_VERSION: already built"
  exit 0
fi

want="$SPARK_OPERATOR_MODULE@$SPARK_OPERATOR_VERSION"
if [[ ! -f "$SRC/.complete" ]]; then
  log "downloading $want"
  info="$(cd "$CACHE/src" && go mod download -json "$want")"
  dir="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' <<<"$info")"
  [[ -d "$dir" && -f "$dir/cmd/operator/main.go" ]] || die "could not download $want"
  rm -rf "$SRC" "$SRC.tmp"
  cp -r "$dir" "$SRC.tmp"
  chmod -R u+w "$SRC.tmp"
  # The tag's commit, as the proxy recorded it (for `spark-operator version`).
  sed -n 's/^[[:space:]]*"Hash": "\([0-9a-f]*\)",\{0,1\}$/\1/p' <<<"$info" >"$SRC.tmp/.origin-commit"
  touch "$SRC.tmp/.complete"
  mv "$SRC.tmp" "$SRC"
  log "copied the source to $SRC"
fi

# The same version variables upstream's Makefile sets; buildDate is the tag's
# time, so the build is reproducible.
build_date="$(cd "$CACHE/src" && go list -m -f '{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' "$want")"
ldflags="-s -w"
commit="$(cat "$SRC/.origin-commit" 2>/dev/null || true)"
for key in gitVersion=$SPARK_OPERATOR_VERSION gitCommit=${commit:-unknown} gitTreeState=clean buildDate=$build_date; do
  ldflags+=" -X k8s.io/component-base/version.$key"
done
log "go build ./cmd/operator (downloads modules and takes minutes on a cold cache)"
(cd "$SRC" && go build -ldflags "$ldflags" -o "$BIN/spark-operator.tmp" ./cmd/operator)
mv "$BIN/spark-operator.tmp" "$BIN/spark-operator"
[[ "$(built_version)" == "$SPARK_OPERATOR_VERSION" ]] ||
  die "spark-operator does not report $SPARK_OPERATOR_VERSION"
log "built spark-operator $SPARK_OPERATOR_VERSION in $((SECONDS - START))s"
