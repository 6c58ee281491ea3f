#!/usr/bin/env bash
# A real single-node Kubernetes on this machine, for running sparkctl's jobs
# in pods: etcd + kube-apiserver (scripts/test-cluster.sh), containerd + runc
# with Debian's CNI bridge, kubelet, kube-scheduler, kube-controller-manager,
# kube-proxy (iptables) and CoreDNS, then the spark namespace and service
# account (manifests/) and the spark-operator with its webhook
# (manifests/spark-operator/), from the images of scripts/build-images.sh.
#
#   scripts/local-cluster.sh up       start it all (does nothing if up)
#   scripts/local-cluster.sh down     stop it all and put the machine back as up found it
#   scripts/local-cluster.sh status   exit 0 if every part runs and the node is Ready
#   scripts/local-cluster.sh env      print `export KUBECONFIG=...` and friends
#   scripts/local-cluster.sh load [ARCHIVE]   (re)import images (default: build-images' archive)
#   scripts/local-cluster.sh operator         (re)install the operator and wait for it
#   scripts/local-cluster.sh dns stop|start   stop or start CoreDNS alone (a cluster
#                                             whose DNS is down, for `sparkctl doctor`)
#   scripts/local-cluster.sh store up|down|env
#                   the cluster's S3 store (scripts/s3-server.sh) where pods
#                   reach it, data/titanic.csv in it, its keys in the Secret
#                   s3-store of the spark namespace; `env` prints the
#                   SPARKCTL_STORAGE_* exports that point sparkctl at it.
#                   `down` stops it too. (`make cluster-up` starts it; the
#                   tests start their own, tests/node/object_store.sh.)
# SPARKCTL_LOCAL_CLUSTER_OPERATOR=0 makes `up` leave the operator out.
#
# Needs root (containerd, mounts, netfilter), the binaries of
# scripts/build-k8s-test-servers.sh, scripts/build-k8s-node.sh and the
# archive of scripts/build-images.sh.
#
# Every address is on this machine: the node's address is that of the bridge
# the pods hang on ($BRIDGE, $NODE_IP; the kubelet, the API server, CoreDNS
# and NodePorts listen there), so nothing listens on the external interface.
# (Tested: the bridge address works as node IP; the machine's interface
# address, which the first recipe used, is not needed.) Services
# (10.96.0.0/16) are routed to the bridge too, so this machine reaches them
# without its default route.
#
# Only one such node can run on a machine: the bridge is the lock (its alias
# names the state dir of the cluster that owns it).
#
# State dir: $SPARKCTL_LOCAL_CLUSTER_DIR (default .cache/local-cluster). What
# the components write outside it, and the sysctls and netfilter rules they
# change, is restored by `down` (scripts/lib/host-state.sh). `down` keeps
# logs/ (every component's log) for a look; the next `up` clears it.
# shellcheck source=scripts/lib/preamble.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
# shellcheck source=scripts/k8s-test-versions.sh
source "$ROOT/scripts/k8s-test-versions.sh"
BIN="$CACHE/bin"
STATE="$(realpath -m "${SPARKCTL_LOCAL_CLUSTER_DIR:-$CACHE/local-cluster}")"
MARKER="$STATE/.sparkctl-local-cluster"
LOGS="$STATE/logs"
CLUSTER="$STATE/cluster"
PKI="$CLUSTER/pki"
KUBECONFIG_FILE="$CLUSTER/kubeconfig"
ARCHIVE="$CACHE/images/node-images.tar"
# containerd's images and unpacked layers, kept between clusters (a cache).
CONTAINERD_ROOT="$CACHE/node-containerd"
BRIDGE=sparkctl0
NODE_IP=10.244.0.1
POD_CIDR=10.244.0.0/24
SERVICE_CIDR=10.96.0.0/16
NODE_NAME=sparkctl-node
SPARK_IMAGE=localhost/sparkctl/spark:latest
OPERATOR_IMAGE="localhost/sparkctl/spark-operator:$SPARK_OPERATOR_VERSION"
READY_TIMEOUT="${SPARKCTL_LOCAL_CLUSTER_TIMEOUT:-180}"

START=$SECONDS
log() { printf '[local-cluster %4ds] %s\n' "$((SECONDS - START))" "$*" >&2; }

# shellcheck source=scripts/lib/processes.sh
source "$ROOT/scripts/lib/processes.sh"
# shellcheck source=scripts/lib/env-file.sh
source "$ROOT/scripts/lib/env-file.sh"
# shellcheck source=scripts/lib/host-state.sh
source "$ROOT/scripts/lib/host-state.sh"
# shellcheck source=scripts/lib/node-config.sh
source "$ROOT/scripts/lib/node-config.sh"

kubectl_admin() { "$BIN/kubectl" --kubeconfig "$KUBECONFIG_FILE" --context admin "$@"; }
ctr_k8s() { ctr --address "$STATE/containerd/containerd.sock" -n k8s.io "$@"; }
crictl_node() { "$BIN/crictl" --runtime-endpoint "unix://$STATE/containerd/containerd.sock" "$@"; }
test_cluster() { SPARKCTL_TEST_CLUSTER_DIR="$CLUSTER" SPARKCTL_TEST_CLUSTER_NODE_IP="$NODE_IP" "$ROOT/scripts/test-cluster.sh" "$@"; }
# The cluster's S3 store: its own state dir and bucket, set here whatever
# the caller's SPARKCTL_TEST_S3_* say, so the tests' store (whose state dir
# their fixtures name) is never this one.
S3_STATE="$STATE/s3-store"
S3_BUCKET=sparkctl
S3_SECRET=s3-store
s3_server() {
  SPARKCTL_TEST_S3_DIR="$S3_STATE" SPARKCTL_TEST_S3_BUCKET="$S3_BUCKET" SPARKCTL_TEST_S3_HOST="$NODE_IP" \
    "$ROOT/scripts/s3-server.sh" "$@"
}

# daemon NAME COMMAND...: NAME.pid in the state dir, logging to logs/NAME.log.
daemon() {
  local name="$1"
  shift
  start_daemon "$STATE/$name.pid" "$LOGS/$name.log" "$@"
}

# wait_for SECONDS WHAT NAME COMMAND...: until COMMAND succeeds, as long as
# the daemon NAME lives; on failure the end of its log says why.
wait_for() {
  local deadline=$((SECONDS + $1)) what="$2" name="$3"
  shift 3
  until "$@" >/dev/null 2>&1; do
    if ! pid_alive "$STATE/$name.pid" || ((SECONDS >= deadline)); then
      tail -n 15 "$LOGS/$name.log" >&2 || true
      die "$what: $name $(pid_alive "$STATE/$name.pid" && echo "timed out after $1s" || echo exited); log $LOGS/$name.log"
    fi
    sleep 0.25
  done
}

bridge_owner() { { ip -d link show "$BRIDGE" 2>/dev/null || true; } | sed -n 's/^ *alias //p'; }
# The state dir of a node that runs here for another state dir, or nothing.
other_owner() {
  local owner
  owner="$(bridge_owner)"
  if [[ -n "$owner" && "$owner" != "$STATE" ]]; then echo "$owner"; fi
}

check_prerequisites() {
  ((EUID == 0)) || die "the node needs root (containerd, mounts, netfilter)"
  local b
  for b in etcd kube-apiserver kubectl; do
    [[ -x "$BIN/$b" ]] || die "$BIN/$b missing: run scripts/build-k8s-test-servers.sh"
  done
  for b in kubelet kube-scheduler kube-controller-manager kube-proxy coredns crictl; do
    [[ -x "$BIN/$b" ]] || die "$BIN/$b missing: run scripts/build-k8s-node.sh"
  done
  for b in containerd containerd-shim-runc-v2 runc ctr nft ip; do
    command -v "$b" >/dev/null || die "$b missing: run scripts/setup.sh --test"
  done
  [[ -x /usr/lib/cni/bridge && -x /usr/lib/cni/host-local ]] || die "CNI plugins missing: run scripts/setup.sh --test"
  [[ -s "$ARCHIVE" && -s "${ARCHIVE%.tar}.key" ]] || die "$ARCHIVE missing: run scripts/build-images.sh"
}

make_bridge() {
  ip link add "$BRIDGE" type bridge
  ip link set "$BRIDGE" alias "$STATE"
  ip addr add "$NODE_IP/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  ip route add "$SERVICE_CIDR" dev "$BRIDGE" src "$NODE_IP"
}

start_containerd() {
  write_containerd_config
  write_cni_config
  daemon containerd containerd --config "$STATE/containerd/config.toml"
  wait_for 30 "containerd" containerd ctr_k8s version
  if [[ "$(cat "$CONTAINERD_ROOT/imported.key" 2>/dev/null)" == "$(cat "${ARCHIVE%.tar}.key")" ]]; then
    log "images: containerd has those of $(basename "$ARCHIVE") already"
  else
    load_images "$ARCHIVE"
    cp "${ARCHIVE%.tar}.key" "$CONTAINERD_ROOT/imported.key"
  fi
}

load_images() {
  local started=$SECONDS
  rm -f "$CONTAINERD_ROOT/imported.key"
  ctr_k8s images import "$1" >/dev/null
  log "images imported from $(basename "$1") in $((SECONDS - started))s: $(ctr_k8s images ls -q | grep '^localhost/' | tr '\n' ' ')"
}

node_ready() {
  [[ "$(kubectl_admin get node "$NODE_NAME" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}')" == True ]]
}

start_kubelet() {
  write_kubelet_config
  daemon kubelet "$BIN/kubelet" --config "$STATE/kubelet/config.yaml" \
    --kubeconfig "$KUBECONFIG_FILE" --root-dir "$STATE/kubelet/root" --cert-dir "$STATE/kubelet/pki" \
    --hostname-override "$NODE_NAME" --node-ip "$NODE_IP"
  wait_for 90 "node Ready" kubelet node_ready
}

# Scheduler and controller-manager with the admin kubeconfig; no serving
# ports, no leader election (one of each).
start_control_plane() {
  daemon kube-scheduler "$BIN/kube-scheduler" --kubeconfig "$KUBECONFIG_FILE" \
    --authentication-kubeconfig "$KUBECONFIG_FILE" --authorization-kubeconfig "$KUBECONFIG_FILE" \
    --leader-elect=false --secure-port 0
  daemon kube-controller-manager "$BIN/kube-controller-manager" --kubeconfig "$KUBECONFIG_FILE" \
    --authentication-kubeconfig "$KUBECONFIG_FILE" --authorization-kubeconfig "$KUBECONFIG_FILE" \
    --leader-elect=false --secure-port 0 --controllers '*' \
    --service-account-private-key-file "$PKI/sa.key" --root-ca-file "$PKI/ca.crt" \
    --cluster-signing-cert-file "$PKI/ca.crt" --cluster-signing-key-file "$PKI/ca.key"
  write_proxy_config
  daemon kube-proxy "$BIN/kube-proxy" --config "$STATE/proxy/config.yaml"
  write_corefile
  start_coredns
  wait_for 60 "the default service account" kube-controller-manager kubectl_admin get serviceaccount default -n default
}

# CoreDNS as a process of the node, answering on the node address (the
# kubelet's clusterDNS).
start_coredns() {
  daemon coredns "$BIN/coredns" -conf "$STATE/dns/Corefile"
}
dns_answers() { (exec 3<>"/dev/tcp/$NODE_IP/53") 2>/dev/null; }

cmd_dns() {
  [[ -f "$STATE/env" ]] || die "the local cluster is not up ($STATE)"
  case "${1:-}" in
  stop) stop_pid "$STATE/coredns.pid" coredns ;;
  start)
    pid_alive "$STATE/coredns.pid" || start_coredns
    wait_for 30 "CoreDNS" coredns dns_answers
    ;;
  *) die "usage: $0 dns stop|start" ;;
  esac
}

# The spark namespace and the driver's service account, as `make
# init-spark-k8s` makes them.
install_spark_namespace() {
  kubectl_admin apply --server-side --field-manager sparkctl-local-cluster \
    -f "$ROOT/manifests/namespace.yaml" -f "$ROOT/manifests/rbac.yaml" >/dev/null
}

# The spark-operator's controller and webhook as Deployments
# (manifests/spark-operator/), ready when a SparkApplication passes the
# webhooks in a server-side dry run.
install_operator() {
  local dir="$ROOT/manifests/spark-operator" started=$SECONDS
  local crd="$CACHE/src/spark-operator-$SPARK_OPERATOR_VERSION/config/crd/bases/sparkoperator.k8s.io_sparkconnects.yaml"
  [[ -f "$crd" ]] || die "$crd missing: run scripts/build-spark-operator.sh"
  [[ "$(grep -ho 'image: .*' "$dir/controller.yaml" "$dir/webhook.yaml" | sort -u)" == "image: $OPERATOR_IMAGE" ]] ||
    die "$dir names another image than $OPERATOR_IMAGE"
  install_spark_namespace
  kubectl_admin apply --server-side --field-manager sparkctl-local-cluster -f "$crd" >/dev/null
  kubectl_admin apply --server-side --field-manager sparkctl-local-cluster \
    -f "$dir/namespace.yaml" -f "$dir/controller.yaml" -f "$dir/webhook.yaml" >/dev/null
  local deployment
  for deployment in spark-operator-webhook spark-operator-controller; do
    kubectl_admin -n spark-operator rollout status "deployment/$deployment" --timeout "${READY_TIMEOUT}s" >/dev/null ||
      die "$deployment not ready: $(kubectl_admin -n spark-operator get pods -o wide 2>&1)"
  done
  local deadline=$((SECONDS + 60))
  until kubectl_admin create --dry-run=server -o name -f - >/dev/null 2>"$LOGS/webhook-check.err" <<EOF
apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata: {name: webhook-check, namespace: spark}
spec: {type: Scala, mode: cluster, sparkVersion: 4.3.0, mainClass: Check, mainApplicationFile: spark-internal,
       driver: {cores: 1, memory: 512m}, executor: {instances: 1, cores: 1, memory: 512m}}
EOF
  do
    ((SECONDS < deadline)) || die "the operator's webhook does not answer: $(cat "$LOGS/webhook-check.err")"
    sleep 0.5
  done
  log "spark-operator $SPARK_OPERATOR_VERSION (controller, webhook) ready in $((SECONDS - started))s"
}

# store up: the store on the node address with the shipped titanic.csv at
# the config's storage.input_path (data/titanic.csv), its keys in the Secret
# driver pods fetch staged files with (storage.secret), and
# $S3_STATE/sparkctl.env.
store_up() {
  s3_server up >/dev/null
  s3_server put "$ROOT/data/titanic.csv" data/titanic.csv >/dev/null
  (
    # shellcheck source=/dev/null
    source "$S3_STATE/env"
    umask 077
    printf 'access_key=%s\nsecret_key=%s\n' "$SPARKCTL_TEST_S3_ACCESS_KEY" "$SPARKCTL_TEST_S3_SECRET_KEY" \
      >"$S3_STATE/secret.env"
    kubectl_admin -n spark create secret generic "$S3_SECRET" --from-env-file "$S3_STATE/secret.env" \
      --dry-run=client -o yaml | kubectl_admin apply --server-side --force-conflicts \
      --field-manager sparkctl-local-cluster -f - >/dev/null
    rm -f "$S3_STATE/secret.env"
    write_exports "$S3_STATE/sparkctl.env" \
      SPARKCTL_STORAGE_BASE_URI="s3a://$S3_BUCKET" SPARKCTL_STORAGE_STAGING_URI="s3a://$S3_BUCKET/staging" \
      SPARKCTL_STORAGE_SECRET="$S3_SECRET" SPARKCTL_STORAGE_S3_ENDPOINT="$SPARKCTL_TEST_S3_ENDPOINT" \
      SPARKCTL_STORAGE_S3_ACCESS_KEY="$SPARKCTL_TEST_S3_ACCESS_KEY" \
      SPARKCTL_STORAGE_S3_SECRET_KEY="$SPARKCTL_TEST_S3_SECRET_KEY" \
      SPARKCTL_STORAGE_S3_REGION="$SPARKCTL_TEST_S3_REGION" SPARKCTL_STORAGE_S3_PATH_STYLE=true
  )
  log "S3 store: $(s3_server status)"
}

# Only a store that was started: `down` of a cluster without one says nothing.
store_down() {
  [[ -f "$S3_STATE/s3proxy.pid" ]] || return 0
  s3_server down
  rm -f "$S3_STATE/sparkctl.env"
}

cmd_store() {
  case "${1:-}" in
  up)
    is_up || die "the local cluster is not up ($STATE)"
    store_up
    ;;
  down)
    store_down
    if is_up; then kubectl_admin -n spark delete secret "$S3_SECRET" --ignore-not-found >/dev/null; fi
    ;;
  env)
    if ! s3_server status >/dev/null 2>&1 || [[ ! -f "$S3_STATE/sparkctl.env" ]]; then
      die "the cluster's S3 store is not up (start it with: $0 store up)"
    fi
    cat "$S3_STATE/sparkctl.env"
    ;;
  *) die "usage: $0 store up|down|env" ;;
  esac
}

write_env() {
  write_exports "$STATE/env" KUBECONFIG="$KUBECONFIG_FILE" SPARKCTL_IMAGE="$SPARK_IMAGE" \
    SPARKCTL_LOCAL_CLUSTER_DIR="$STATE" SPARKCTL_LOCAL_CLUSTER_NODE_IP="$NODE_IP"
}

is_up() {
  [[ -f "$STATE/env" ]] || return 1
  local name
  for name in containerd kubelet kube-scheduler kube-controller-manager kube-proxy coredns; do
    pid_alive "$STATE/$name.pid" || return 1
  done
  test_cluster status >/dev/null 2>&1
}

cmd_up() {
  check_prerequisites
  if is_up; then
    log "already up ($STATE)"
    return
  fi
  local owner
  owner="$(other_owner)"
  [[ -z "$owner" ]] || die "another local cluster owns $BRIDGE (state dir $owner): SPARKCTL_LOCAL_CLUSTER_DIR=$owner $0 down"
  if [[ -d "$STATE" && ! -f "$MARKER" && -n "$(ls -A "$STATE")" ]]; then
    die "$STATE exists and is not a local-cluster dir"
  fi
  # Leftovers of a cluster that died: clean up first.
  [[ -f "$MARKER" ]] && cmd_down
  rm -rf "$LOGS"
  mkdir -p "$STATE" "$LOGS"
  touch "$MARKER"
  trap 'log "up failed; putting the machine back (logs in $LOGS)"; cmd_down' EXIT
  host_save "$STATE/host"
  host_listing >"$STATE/host/listing-before-up"
  make_bridge
  log "bridge $BRIDGE $NODE_IP; starting etcd and kube-apiserver"
  test_cluster up
  start_containerd
  start_kubelet
  log "node $NODE_NAME Ready; starting scheduler, controller-manager, kube-proxy, CoreDNS"
  start_control_plane
  if [[ "${SPARKCTL_LOCAL_CLUSTER_OPERATOR:-1}" == 1 ]]; then
    install_operator
  else
    install_spark_namespace
  fi
  write_env
  trap - EXIT
  log "up: kubeconfig $KUBECONFIG_FILE; images $(ctr_k8s images ls -q | grep '^localhost/sparkctl/' | tr '\n' ' ')"
}

# Stops the pods' containers and sandboxes through containerd (the CNI
# plugins release their addresses and veths), then everything else.
stop_node() {
  # All at once: each takes a second or two to shut down.
  local name
  for name in coredns kube-proxy kube-controller-manager kube-scheduler kubelet; do
    pid_alive "$STATE/$name.pid" && kill -TERM "$(cat "$STATE/$name.pid")" 2>/dev/null
  done
  stop_pid "$STATE/coredns.pid" coredns
  stop_pid "$STATE/kube-proxy.pid" kube-proxy
  if [[ -f "$STATE/proxy/config.yaml" ]]; then
    "$BIN/kube-proxy" --cleanup >>"$LOGS/kube-proxy.log" 2>&1 || log "kube-proxy --cleanup failed"
  fi
  stop_pid "$STATE/kube-controller-manager.pid" kube-controller-manager
  stop_pid "$STATE/kube-scheduler.pid" kube-scheduler
  stop_pid "$STATE/kubelet.pid" kubelet
  if pid_alive "$STATE/containerd.pid"; then
    crictl_node rmp --force --all >/dev/null 2>&1 || log "some pod sandboxes did not go"
  fi
  stop_pid "$STATE/containerd.pid" containerd
  # What outlives containerd: its shims (found by our socket in their
  # command line) and anything left in the kubelet's cgroups.
  local pid
  for pid in $(pgrep -f "containerd-shim-runc-v2 .*-address $STATE/containerd/containerd.sock" || true); do
    kill -KILL "$pid" 2>/dev/null || true
  done
  for pid in $(cat /sys/fs/cgroup/pids/kubepods/cgroup.procs /sys/fs/cgroup/pids/kubepods/*/cgroup.procs \
    /sys/fs/cgroup/pids/kubepods/*/*/cgroup.procs /sys/fs/cgroup/pids/kubepods/*/*/*/cgroup.procs 2>/dev/null || true); do
    kill -KILL "$pid" 2>/dev/null || true
  done
}

unmount_state() {
  local m
  awk -v d="$STATE/" -v r="$CONTAINERD_ROOT/" 'index($2, d) == 1 || index($2, r) == 1 {print $2}' /proc/mounts |
    sort -r | while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" || log "could not unmount $m"
  done
}

remove_cgroups() {
  local cg
  for cg in /sys/fs/cgroup/*/kubepods; do
    [[ -d "$cg" ]] && find "$cg" -depth -type d -exec rmdir {} + 2>/dev/null
    [[ -d "$cg" ]] && log "cgroup $cg still has processes"
  done
  return 0
}

cmd_down() {
  if [[ -d "$STATE" && ! -f "$MARKER" ]]; then
    log "not touching $STATE: not a local-cluster dir"
    return
  fi
  # The cgroups, shims and netfilter rules on this machine belong to the
  # node that owns the bridge: another state dir's down leaves them alone.
  local owner
  owner="$(other_owner)"
  if [[ -n "$owner" ]]; then
    log "the node on this machine is $owner's; not touching it (SPARKCTL_LOCAL_CLUSTER_DIR=$owner $0 down)"
    return 1
  fi
  store_down
  stop_node
  if [[ -d "$CLUSTER" ]]; then
    cp "$CLUSTER"/*.log "$LOGS/" 2>/dev/null || true
    test_cluster down || true
  fi
  unmount_state
  remove_cgroups
  [[ "$(bridge_owner)" == "$STATE" ]] && ip link del "$BRIDGE"
  host_restore "$STATE/host"
  if [[ -f "$MARKER" ]]; then
    find "$STATE" -mindepth 1 -maxdepth 1 -not -name logs -not -name host -not -name "${MARKER##*/}" -exec rm -rf {} +
  fi
  log "down ($STATE; logs kept in $LOGS)"
}

cmd_status() {
  if ! is_up; then
    log "down ($STATE)"
    return 1
  fi
  echo "state dir:  $STATE"
  echo "kubeconfig: $KUBECONFIG_FILE"
  echo "node:       $NODE_NAME $NODE_IP ($(node_ready && echo Ready || echo NotReady))"
  kubectl_admin get pods -A -o wide
  node_ready
}

case "${1:-}" in
up) cmd_up ;;
down) cmd_down ;;
status) cmd_status ;;
env)
  is_up || die "the local cluster is not up ($STATE)"
  cat "$STATE/env"
  ;;
load)
  is_up || die "the local cluster is not up ($STATE)"
  load_images "${2:-$ARCHIVE}"
  ;;
operator)
  is_up || die "the local cluster is not up ($STATE)"
  install_operator
  ;;
dns) cmd_dns "${2:-}" ;;
store) cmd_store "${2:-}" ;;
*)
  echo "usage: $0 up|down|status|env|load [ARCHIVE]|operator|dns stop|start|store up|down|env" >&2
  exit 2
  ;;
esac
