# shellcheck shell=bash
# Building servers from published Go modules, cached under $CACHE: shared by
# scripts/build-k8s-test-servers.sh (API server side) and
# scripts/build-k8s-node.sh (kubelet side). Source after setting ROOT and
# CACHE, sourcing scripts/k8s-test-versions.sh and defining log and die. Sets
# the Go environment (scripts/lib/go-env.sh), BIN (the binaries), WRAPPERS
# (our wrapper modules) and FORCE (1: rebuild), and makes both folders.

# shellcheck source=scripts/lib/go-env.sh
source "$ROOT/scripts/lib/go-env.sh"
BIN="$CACHE/bin"
WRAPPERS="$CACHE/go-wrappers"
FORCE="${FORCE:-0}"
command -v go >/dev/null || die "go is not on PATH"
mkdir -p "$BIN" "$WRAPPERS"

# prints_version BINARY WANT ARGS...: true when `BINARY ARGS...` prints WANT.
# The output is read whole: `grep -q` on a pipe would stop at the first
# match, and the binary, killed by SIGPIPE while it still writes, would fail
# the pipe (pipefail) now and then.
prints_version() {
  local binary="$1" want="$2" output
  shift 2
  [[ -x "$binary" ]] || return 1
  output="$("$binary" "$@" 2>/dev/null)" || return 1
  grep -qF -- "$want" <<<"$output"
}
# reports_version: the same, but false with FORCE=1 (rebuild everything).
reports_version() { [[ "$FORCE" != 1 ]] && prints_version "$@"; }

# write_if_changed FILE: stdin becomes FILE unless FILE already has that text.
write_if_changed() {
  local file="$1" tmp
  tmp="$(mktemp)"
  cat >"$tmp"
  if [[ -f "$file" ]] && cmp -s "$tmp" "$file"; then
    rm -f "$tmp"
  else
    mv "$tmp" "$file"
  fi
}

# module_field MODULE@VERSION FIELD: downloads the module, prints e.g. its Dir.
module_field() {
  (cd "$WRAPPERS" && go mod download -json "$1") |
    sed -n "s/^[[:space:]]*\"$2\": \"\(.*\)\",\{0,1\}\$/\1/p"
}

# k8s.io/kubernetes cannot be `go install`ed: its go.mod replaces the staging
# modules (k8s.io/api, client-go, ...) with ./staging directories. So a
# wrapper module requires it and replaces each staging module with its
# published v0.x.y release; the list is read from kubernetes' own go.mod.
#   kubernetes_wrapper_gomod MODULE_NAME   prints that go.mod
kubernetes_wrapper_gomod() {
  local staging_version="v0.${K8S_VERSION#v1.}" gomod staging m
  gomod="$(module_field "k8s.io/kubernetes@$K8S_VERSION" GoMod)"
  [[ -f "$gomod" ]] || die "could not download k8s.io/kubernetes@$K8S_VERSION"
  staging="$(sed -n 's#^[[:space:]]*\(k8s\.io/[^[:space:]]*\)[[:space:]]*=>[[:space:]]*\./staging/.*#\1#p' "$gomod")"
  [[ -n "$staging" ]] || die "no staging replace lines in $gomod"
  echo "// Written by scripts/lib/go-build.sh; do not edit."
  echo "module $1"
  echo
  grep -m1 '^go ' "$gomod"
  echo
  echo "require k8s.io/kubernetes $K8S_VERSION"
  echo
  echo "replace ("
  for m in $staging; do echo "	$m => $m $staging_version"; done
  echo ")"
}

# kubernetes_main DIR APP_PACKAGE CONSTRUCTOR: DIR/main.go runs the cobra
# command that CONSTRUCTOR (a Go expression on package `app`) returns, as
# the component's own main does, with the same registrations.
kubernetes_main() {
  local context_import=""
  [[ "$3" == *context.* ]] && context_import=$'\t"context"\n'
  mkdir -p "$1"
  write_if_changed "$1/main.go" <<EOF
// Written by scripts/lib/go-build.sh; do not edit.
package main

import (
${context_import}	"os"
	_ "time/tzdata"

	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"
	_ "k8s.io/component-base/metrics/prometheus/clientgo"
	_ "k8s.io/component-base/metrics/prometheus/version"
	app "$2"
)

func main() { os.Exit(cli.Run($3)) }
EOF
}

# kubernetes_ldflags: the variables upstream's hack/lib/version.sh sets, so
# the binaries report $K8S_VERSION; buildDate is the tag's time
# (reproducible).
kubernetes_ldflags() {
  local minor="${K8S_VERSION#v1.}" build_date ldflags="-s -w" pkg key
  minor="${minor%%.*}"
  build_date="$(cd "$WRAPPERS" && go list -m -f '{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' "k8s.io/kubernetes@$K8S_VERSION")"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    for key in gitVersion=$K8S_VERSION gitMajor=1 gitMinor=$minor buildDate=$build_date gitTreeState=clean; do
      ldflags+=" -X $pkg.$key"
    done
  done
  echo "$ldflags"
}
