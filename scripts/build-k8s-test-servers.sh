#!/usr/bin/env bash
# Builds what the Kubernetes test cluster (scripts/test-cluster.sh) runs, from
# published Go modules, into .cache/:
#   .cache/bin/kube-apiserver, .cache/bin/kubectl  (k8s.io/kubernetes $K8S_VERSION)
#   .cache/bin/etcd                                (go.etcd.io/etcd/server/v3 $ETCD_VERSION)
#   .cache/crd/*.yaml                              (spark-operator's CRDs)
# Versions live in scripts/k8s-test-versions.sh.
#
# k8s.io/kubernetes cannot be `go install`ed: its go.mod replaces the staging
# modules (k8s.io/api, client-go, ...) with ./staging directories. So we write
# a small wrapper module that requires it and replaces each staging module with
# its published v0.x.y release; the list is read from kubernetes' own go.mod.
#
# Idempotent: a binary that already reports the wanted version is not rebuilt.
# Set FORCE=1 to rebuild anyway.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/k8s-test-versions.sh
source "$ROOT/scripts/k8s-test-versions.sh"

CACHE="${SPARKCTL_CACHE_DIR:-$ROOT/.cache}"
BIN="$CACHE/bin"
WRAPPERS="$CACHE/go-wrappers"
CRD_DIR="$CACHE/crd"
FORCE="${FORCE:-0}"

# shellcheck source=scripts/lib/go-env.sh
source "$ROOT/scripts/lib/go-env.sh"

START=$SECONDS
log() { printf '[build-k8s-test-servers %4ds] %s\n' "$((SECONDS - START))" "$*"; }
die() { log "error: $*" >&2; exit 1; }

command -v go >/dev/null || die "go is not on PATH"
mkdir -p "$BIN" "$WRAPPERS" "$CRD_DIR"

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

build_kubernetes() {
  if reports_version "$BIN/kube-apiserver" "Kubernetes $K8S_VERSION" --version &&
    reports_version "$BIN/kubectl" "Client Version: $K8S_VERSION" version --client; then
    log "kube-apiserver, kubectl $K8S_VERSION: already built"
    return
  fi
  local dir="$WRAPPERS/kubernetes-$K8S_VERSION"
  local staging_version="v0.${K8S_VERSION#v1.}"
  log "kube-apiserver, kubectl $K8S_VERSION: reading k8s.io/kubernetes' go.mod"
  local gomod
  gomod="$(module_field "k8s.io/kubernetes@$K8S_VERSION" GoMod)"
  [[ -f "$gomod" ]] || die "could not download k8s.io/kubernetes@$K8S_VERSION"
  local staging
  staging="$(sed -n 's#^[[:space:]]*\(k8s\.io/[^[:space:]]*\)[[:space:]]*=>[[:space:]]*\./staging/.*#\1#p' "$gomod")"
  [[ -n "$staging" ]] || die "no staging replace lines in $gomod"
  log "replacing $(wc -w <<<"$staging") staging modules with their $staging_version releases"

  mkdir -p "$dir/cmd/kube-apiserver" "$dir/cmd/kubectl"
  {
    echo "// Written by scripts/build-k8s-test-servers.sh; do not edit."
    echo "module sparkctl.test/kubernetes-servers"
    echo
    grep -m1 '^go ' "$gomod"
    echo
    echo "require k8s.io/kubernetes $K8S_VERSION"
    echo
    echo "replace ("
    local m
    for m in $staging; do echo "	$m => $m $staging_version"; done
    echo ")"
  } | write_if_changed "$dir/go.mod"
  write_if_changed "$dir/cmd/kube-apiserver/main.go" <<'EOF'
// Written by scripts/build-k8s-test-servers.sh; do not edit.
package main

import (
	"os"

	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func main() { os.Exit(cli.Run(app.NewAPIServerCommand())) }
EOF
  write_if_changed "$dir/cmd/kubectl/main.go" <<'EOF'
// Written by scripts/build-k8s-test-servers.sh; do not edit.
package main

import (
	"k8s.io/component-base/cli"
	"k8s.io/kubectl/pkg/cmd"
	"k8s.io/kubectl/pkg/cmd/util"
)

func main() {
	if err := cli.RunNoErrOutput(cmd.NewDefaultKubectlCommand()); err != nil {
		util.CheckErr(err)
	}
}
EOF
  log "go mod tidy in $dir (downloads modules on a cold cache)"
  (cd "$dir" && go mod tidy)

  # The same variables upstream's hack/lib/version.sh sets, so the server and
  # client report $K8S_VERSION; buildDate is the tag's time (reproducible).
  local minor="${K8S_VERSION#v1.}"
  minor="${minor%%.*}"
  local build_date
  build_date="$(cd "$WRAPPERS" && go list -m -f '{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' "k8s.io/kubernetes@$K8S_VERSION")"
  local ldflags="-s -w" pkg key
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    for key in gitVersion=$K8S_VERSION gitMajor=1 gitMinor=$minor buildDate=$build_date gitTreeState=clean; do
      ldflags+=" -X $pkg.$key"
    done
  done
  log "go build kube-apiserver kubectl (the long part on a cold cache)"
  (cd "$dir" && go build -ldflags "$ldflags" -o "$BIN/" ./cmd/kube-apiserver ./cmd/kubectl)
  prints_version "$BIN/kube-apiserver" "Kubernetes $K8S_VERSION" --version ||
    die "kube-apiserver does not report $K8S_VERSION"
  log "built $("$BIN/kube-apiserver" --version), kubectl $K8S_VERSION"
}

build_etcd() {
  if reports_version "$BIN/etcd" "etcd Version: ${ETCD_VERSION#v}" --version; then
    log "etcd $ETCD_VERSION: already built"
    return
  fi
  local dir="$WRAPPERS/etcd-$ETCD_VERSION"
  mkdir -p "$dir"
  local gomod
  gomod="$(module_field "go.etcd.io/etcd/server/v3@$ETCD_VERSION" GoMod)"
  [[ -f "$gomod" ]] || die "could not download go.etcd.io/etcd/server/v3@$ETCD_VERSION"
  {
    echo "// Written by scripts/build-k8s-test-servers.sh; do not edit."
    echo "module sparkctl.test/etcd-server"
    echo
    grep -m1 '^go ' "$gomod"
    echo
    echo "require go.etcd.io/etcd/server/v3 $ETCD_VERSION"
  } | write_if_changed "$dir/go.mod"
  write_if_changed "$dir/main.go" <<'EOF'
// Written by scripts/build-k8s-test-servers.sh; do not edit.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
EOF
  log "go mod tidy in $dir"
  (cd "$dir" && go mod tidy)
  log "go build etcd"
  (cd "$dir" && go build -ldflags "-s -w" -o "$BIN/etcd" .)
  prints_version "$BIN/etcd" "etcd Version: ${ETCD_VERSION#v}" --version ||
    die "etcd does not report $ETCD_VERSION"
  log "built etcd $ETCD_VERSION"
}

# The streaming half of a kubelet (port-forward), tests/e2e/kubelet_streaming:
# our own main.go against k8s.io/cri-streaming of the same release.
build_kubelet_streaming() {
  local source="$ROOT/tests/e2e/kubelet_streaming/main.go"
  local staging_version="v0.${K8S_VERSION#v1.}" stamp
  stamp="cri-streaming-$staging_version-$(sha256sum "$source" | cut -c1-12)"
  if reports_version "$BIN/sparkctl-test-kubelet" "$stamp" --version; then
    log "sparkctl-test-kubelet: already built"
    return
  fi
  local dir="$WRAPPERS/kubelet-streaming"
  mkdir -p "$dir"
  {
    echo "// Written by scripts/build-k8s-test-servers.sh; do not edit."
    echo "module sparkctl.test/kubelet-streaming"
    echo
    echo "go 1.26.0"
    echo
    echo "require k8s.io/cri-streaming $staging_version"
  } | write_if_changed "$dir/go.mod"
  install -m 0644 "$source" "$dir/main.go"
  log "go mod tidy in $dir"
  (cd "$dir" && go mod tidy)
  log "go build sparkctl-test-kubelet"
  (cd "$dir" && go build -ldflags "-s -w -X main.version=$stamp" -o "$BIN/sparkctl-test-kubelet" .)
  prints_version "$BIN/sparkctl-test-kubelet" "$stamp" --version || die "sparkctl-test-kubelet does not report $stamp"
  log "built sparkctl-test-kubelet ($stamp)"
}

copy_crds() {
  local stamp="$CRD_DIR/VERSION"
  local want="$SPARK_OPERATOR_MODULE@$SPARK_OPERATOR_VERSION"
  if [[ "$FORCE" != 1 && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    log "CRDs from $want: already copied"
    return
  fi
  local dir
  dir="$(module_field "$want" Dir)"
  [[ -d "$dir" ]] || die "could not download $want"
  local crd
  for crd in sparkapplications scheduledsparkapplications; do
    install -m 0644 "$dir/config/crd/bases/sparkoperator.k8s.io_$crd.yaml" "$CRD_DIR/"
  done
  echo "$want" >"$stamp"
  log "copied CRDs from $want to $CRD_DIR"
}

log "go: $(go version); GOMODCACHE=$GOMODCACHE"
copy_crds
build_etcd
build_kubernetes
build_kubelet_streaming
log "done in $((SECONDS - START))s"
