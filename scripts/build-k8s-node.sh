#!/usr/bin/env bash
# Builds the parts of the real single-node cluster (scripts/local-cluster.sh)
# from published Go modules, into .cache/bin/:
#   kubelet, kube-scheduler, kube-controller-manager, kube-proxy
#                    k8s.io/kubernetes $K8S_VERSION (the API server's version)
#   coredns          github.com/coredns/coredns $COREDNS_VERSION
#   crictl           sigs.k8s.io/cri-tools $CRICTL_VERSION
# Versions live in scripts/k8s-test-versions.sh; etcd, kube-apiserver and
# kubectl come from scripts/build-k8s-test-servers.sh.
#
# Idempotent: a binary that already reports the wanted version is not rebuilt.
# Set FORCE=1 to rebuild anyway. Cold, on a warm module cache, the kubelet
# takes about two minutes and the rest about four together.
# shellcheck source=scripts/lib/preamble.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
# shellcheck source=scripts/k8s-test-versions.sh
source "$ROOT/scripts/k8s-test-versions.sh"

START=$SECONDS
log() { printf '[build-k8s-node %4ds] %s\n' "$((SECONDS - START))" "$*"; }
# shellcheck source=scripts/lib/go-build.sh
source "$ROOT/scripts/lib/go-build.sh"

# The node's Kubernetes components: one wrapper module, one main each.
NODE_COMPONENTS=(
  "kubelet k8s.io/kubernetes/cmd/kubelet/app app.NewKubeletCommand(context.Background())"
  "kube-scheduler k8s.io/kubernetes/cmd/kube-scheduler/app app.NewSchedulerCommand()"
  "kube-controller-manager k8s.io/kubernetes/cmd/kube-controller-manager/app app.NewControllerManagerCommand()"
  "kube-proxy k8s.io/kubernetes/cmd/kube-proxy/app app.NewProxyCommand()"
)

build_components() {
  local dir="$WRAPPERS/kubernetes-node-$K8S_VERSION" missing=() line name package constructor
  for line in "${NODE_COMPONENTS[@]}"; do
    read -r name _ _ <<<"$line"
    reports_version "$BIN/$name" "Kubernetes $K8S_VERSION" --version || missing+=("$name")
  done
  if ((${#missing[@]} == 0)); then
    log "kubelet, kube-scheduler, kube-controller-manager, kube-proxy $K8S_VERSION: already built"
    return
  fi
  log "${missing[*]} $K8S_VERSION: writing the wrapper module"
  mkdir -p "$dir"
  kubernetes_wrapper_gomod sparkctl.test/kubernetes-node | write_if_changed "$dir/go.mod"
  for line in "${NODE_COMPONENTS[@]}"; do
    read -r name package constructor <<<"$line"
    kubernetes_main "$dir/cmd/$name" "$package" "$constructor"
  done
  log "go mod tidy in $dir"
  (cd "$dir" && go mod tidy)
  local ldflags
  ldflags="$(kubernetes_ldflags)"
  for name in "${missing[@]}"; do
    log "go build $name"
    (cd "$dir" && go build -ldflags "$ldflags" -o "$BIN/$name.tmp" "./cmd/$name")
    mv "$BIN/$name.tmp" "$BIN/$name"
    prints_version "$BIN/$name" "Kubernetes $K8S_VERSION" --version || die "$name does not report $K8S_VERSION"
  done
  log "built ${missing[*]} $K8S_VERSION"
}

# go_install BINARY MODULE/PACKAGE@VERSION [LDFLAGS]: into $BIN.
go_install() {
  local binary="$1" target="$2" ldflags="-s -w ${3:-}"
  log "go install $target"
  local tmp
  tmp="$(mktemp -d "$BIN/.install.XXXXXX")"
  GOBIN="$tmp" go install -ldflags "$ldflags" "$target"
  mv "$tmp/$binary" "$BIN/$binary"
  rmdir "$tmp"
}

build_coredns() {
  if reports_version "$BIN/coredns" "CoreDNS-${COREDNS_VERSION#v}" -version; then
    log "coredns $COREDNS_VERSION: already built"
    return
  fi
  go_install coredns "github.com/coredns/coredns@$COREDNS_VERSION"
  prints_version "$BIN/coredns" "CoreDNS-${COREDNS_VERSION#v}" -version || die "coredns does not report $COREDNS_VERSION"
}

build_crictl() {
  if reports_version "$BIN/crictl" "$CRICTL_VERSION" --version; then
    log "crictl $CRICTL_VERSION: already built"
    return
  fi
  go_install crictl "sigs.k8s.io/cri-tools/cmd/crictl@$CRICTL_VERSION" \
    "-X sigs.k8s.io/cri-tools/pkg/version.Version=$CRICTL_VERSION"
  prints_version "$BIN/crictl" "$CRICTL_VERSION" --version || die "crictl does not report $CRICTL_VERSION"
}

log "go: $(go version); GOMODCACHE=$GOMODCACHE"
build_components
build_crictl
build_coredns
log "done in $((SECONDS - START))s"
