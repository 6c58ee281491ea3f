#!/usr/bin/env bash
# Builds what the Kubernetes test cluster (scripts/test-cluster.sh) runs, from
# published Go modules, into .cache/:
#   .cache/bin/kube-apiserver, .cache/bin/kubectl  (k8s.io/kubernetes $K8S_VERSION)
#   .cache/bin/etcd                                (go.etcd.io/etcd/server/v3 $ETCD_VERSION)
#   .cache/crd/*.yaml                              (spark-operator's CRDs)
# Versions live in scripts/k8s-test-versions.sh.
#
# k8s.io/kubernetes is built through a wrapper module (scripts/lib/go-build.sh);
# scripts/build-k8s-node.sh builds the node's parts the same way.
#
# Idempotent: a binary that already reports the wanted version is not rebuilt.
# Set FORCE=1 to rebuild anyway.
# shellcheck source=scripts/lib/preamble.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
# shellcheck source=scripts/k8s-test-versions.sh
source "$ROOT/scripts/k8s-test-versions.sh"

CRD_DIR="$CACHE/crd"
START=$SECONDS
log() { printf '[build-k8s-test-servers %4ds] %s\n' "$((SECONDS - START))" "$*"; }
# shellcheck source=scripts/lib/go-build.sh
source "$ROOT/scripts/lib/go-build.sh"
mkdir -p "$CRD_DIR"

build_kubernetes() {
  if reports_version "$BIN/kube-apiserver" "Kubernetes $K8S_VERSION" --version &&
    reports_version "$BIN/kubectl" "Client Version: $K8S_VERSION" version --client; then
    log "kube-apiserver, kubectl $K8S_VERSION: already built"
    return
  fi
  local dir="$WRAPPERS/kubernetes-$K8S_VERSION"
  log "kube-apiserver, kubectl $K8S_VERSION: writing the wrapper module"
  mkdir -p "$dir/cmd/kubectl"
  kubernetes_wrapper_gomod sparkctl.test/kubernetes-servers | write_if_changed "$dir/go.mod"
  kubernetes_main "$dir/cmd/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver/app 'app.NewAPIServerCommand()'
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

  local ldflags
  ldflags="$(kubernetes_ldflags)"
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
log "done in $((SECONDS - START))s"
