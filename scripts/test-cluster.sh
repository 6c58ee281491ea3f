#!/usr/bin/env bash
# A real Kubernetes API server for the tests: etcd + kube-apiserver on free
# loopback ports, spark-operator's CRDs installed, no controllers or nodes.
#
#   scripts/test-cluster.sh up                 start (does nothing if already up)
#   scripts/test-cluster.sh down               stop and delete the state dir
#   scripts/test-cluster.sh status             exit 0 if up and ready, 1 if not
#   scripts/test-cluster.sh restart-apiserver  restart kube-apiserver, same port
#   scripts/test-cluster.sh env                print the env file (eval-able)
#
# State dir: $SPARKCTL_TEST_CLUSTER_DIR (default .cache/test-cluster); give
# each parallel test run its own. It holds:
#   kubeconfig  contexts admin (token, system:masters), admin-cert (client
#               certificate, system:masters), viewer (token; RBAC allows only
#               get/list/watch sparkapplications in namespace default)
#   env         SPARKCTL_TEST_* variables (see write_env_file)
#   pki/, etcd-data/, *.log, *.pid, ports
# With SPARKCTL_TEST_CLUSTER_NODE_IP set (scripts/local-cluster.sh does), the
# API server is that of a real node: it listens on that address (the
# node's), its certificate also names the kubernetes Service, and it runs
# with the Node authorizer, ServiceAccount admission and the endpoint
# reconciler.
# Binaries and CRDs come from scripts/build-k8s-test-servers.sh.
# shellcheck source=scripts/lib/preamble.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
# shellcheck source=scripts/k8s-test-versions.sh
source "$ROOT/scripts/k8s-test-versions.sh"

BIN="${SPARKCTL_TEST_BIN_DIR:-$ROOT/.cache/bin}"
CRD_DIR="${SPARKCTL_TEST_CRD_DIR:-$ROOT/.cache/crd}"
STATE="${SPARKCTL_TEST_CLUSTER_DIR:-$ROOT/.cache/test-cluster}"
# Marks a directory as ours, so `down` never deletes anything else.
MARKER="$STATE/.sparkctl-test-cluster"
PKI="$STATE/pki"
KUBECONFIG_FILE="$STATE/kubeconfig"
ENV_FILE="$STATE/env"
READY_TIMEOUT="${SPARKCTL_TEST_CLUSTER_TIMEOUT:-120}"
NODE_IP="${SPARKCTL_TEST_CLUSTER_NODE_IP:-}"
# Seconds kube-apiserver gets to exit on TERM before KILL. It closes its
# listener and watches at once, but with a watch open it lingers for a while.
APISERVER_GRACE=5

log() { echo "[test-cluster] $*" >&2; }

kubectl_admin() { "$BIN/kubectl" --kubeconfig "$KUBECONFIG_FILE" --context admin "$@"; }

# shellcheck source=scripts/lib/processes.sh
source "$ROOT/scripts/lib/processes.sh"
# shellcheck source=scripts/lib/env-file.sh
source "$ROOT/scripts/lib/env-file.sh"

# run_daemon NAME COMMAND...: a daemon with NAME.pid and NAME.log in $STATE.
run_daemon() {
  local name="$1"
  shift
  start_daemon "$STATE/$name.pid" "$STATE/$name.log" "$@"
}

make_pki() {
  [[ -f "$PKI/done" ]] && return
  log "generating certificates in $PKI"
  mkdir -p "$PKI"
  (
    cd "$PKI"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=sparkctl-test-ca" \
      -keyout ca.key -out ca.crt 2>/dev/null
    # Serving certificate for the API server.
    openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
      -keyout apiserver.key -out apiserver.csr 2>/dev/null
    # Pods reach the API server as the kubernetes Service (10.96.0.1).
    local node_names=""
    [[ -n "$NODE_IP" ]] && node_names=",IP:$NODE_IP,IP:10.96.0.1,DNS:kubernetes.default.svc.cluster.local"
    printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc$node_names" \
      "extendedKeyUsage=serverAuth" "keyUsage=critical,digitalSignature,keyEncipherment" >apiserver.ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
      -extfile apiserver.ext -out apiserver.crt 2>/dev/null
    # Client certificate: user "admin" in group system:masters.
    openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=admin" \
      -keyout admin.key -out admin.csr 2>/dev/null
    printf '%s\n' "extendedKeyUsage=clientAuth" "keyUsage=critical,digitalSignature,keyEncipherment" >admin.ext
    openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
      -extfile admin.ext -out admin.crt 2>/dev/null
    # Service-account token signing keys.
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    # Static bearer tokens: token,user,uid,"groups".
    local admin_token viewer_token
    admin_token="$(openssl rand -hex 16)"
    viewer_token="$(openssl rand -hex 16)"
    printf '%s\n' "$admin_token,admin,admin-uid,\"system:masters\"" \
      "$viewer_token,viewer,viewer-uid" >tokens.csv
    echo "$admin_token" >admin.token
    echo "$viewer_token" >viewer.token
    chmod 600 ./*.key tokens.csv ./*.token
    touch ./done
  )
}

# The ports are chosen once per state dir, so restart-apiserver keeps them.
choose_ports() {
  [[ -f "$STATE/ports" ]] && return
  local etcd_client etcd_peer apiserver
  etcd_client="$(free_port)"
  etcd_peer="$(free_port)"
  apiserver="$(free_port)"
  printf '%s\n' "ETCD_CLIENT_PORT=$etcd_client" "ETCD_PEER_PORT=$etcd_peer" \
    "APISERVER_PORT=$apiserver" >"$STATE/ports"
}

load_ports() {
  # shellcheck source=/dev/null
  source "$STATE/ports"
  ETCD_URL="http://127.0.0.1:$ETCD_CLIENT_PORT"
  APISERVER_URL="https://${NODE_IP:-127.0.0.1}:$APISERVER_PORT"
}

start_etcd() {
  log "starting etcd $ETCD_VERSION on $ETCD_URL"
  local peer="http://127.0.0.1:$ETCD_PEER_PORT"
  # --unsafe-no-fsync: a throw-away test store need not survive power loss.
  run_daemon etcd "$BIN/etcd" \
    --name test --data-dir "$STATE/etcd-data" \
    --listen-client-urls "$ETCD_URL" --advertise-client-urls "$ETCD_URL" \
    --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer" \
    --initial-cluster "test=$peer" --initial-cluster-state new \
    --unsafe-no-fsync --log-level warn
  local i
  for ((i = 0; i < 100; i++)); do
    pid_alive "$STATE/etcd.pid" || die "etcd exited; see $STATE/etcd.log"
    port_in_use "$ETCD_CLIENT_PORT" && return
    sleep 0.1
  done
  die "etcd did not listen on $ETCD_URL; see $STATE/etcd.log"
}

start_apiserver() {
  log "starting kube-apiserver $K8S_VERSION on $APISERVER_URL"
  local address=127.0.0.1 mode_flags
  if [[ -n "$NODE_IP" ]]; then
    address="$NODE_IP"
    # The kubelet takes the admin's client certificate (system:masters).
    mode_flags=(--authorization-mode "Node,RBAC" --kubelet-preferred-address-types InternalIP
      --kubelet-client-certificate "$PKI/admin.crt" --kubelet-client-key "$PKI/admin.key")
  else
    # No controller-manager runs: ServiceAccount admission would reject pods
    # for want of a token controller. Loopback is not a valid Endpoints
    # address, so the kubernetes Service's endpoints are not reconciled.
    mode_flags=(--authorization-mode RBAC --disable-admission-plugins ServiceAccount
      --endpoint-reconciler-type none)
  fi
  run_daemon kube-apiserver "$BIN/kube-apiserver" \
    --bind-address "$address" --advertise-address "$address" --secure-port "$APISERVER_PORT" \
    --etcd-servers "$ETCD_URL" \
    --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
    --client-ca-file "$PKI/ca.crt" --token-auth-file "$PKI/tokens.csv" \
    "${mode_flags[@]}" \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
    --service-cluster-ip-range 10.96.0.0/16 \
    --allow-privileged \
    --profiling=false
}

# wait_ready: until /readyz answers ok, as long as the server process lives.
wait_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    pid_alive "$STATE/kube-apiserver.pid" || die "kube-apiserver exited; see $STATE/kube-apiserver.log"
    if [[ "$(kubectl_admin get --raw /readyz 2>/dev/null)" == ok ]]; then
      return
    fi
    sleep 0.25
  done
  die "kube-apiserver not ready after ${READY_TIMEOUT}s; see $STATE/kube-apiserver.log"
}

write_kubeconfig() {
  local ca admin_cert admin_key
  ca="$(base64 -w0 "$PKI/ca.crt")"
  admin_cert="$(base64 -w0 "$PKI/admin.crt")"
  admin_key="$(base64 -w0 "$PKI/admin.key")"
  (
    umask 077
    cat >"$KUBECONFIG_FILE.tmp" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: $APISERVER_URL
    certificate-authority-data: $ca
users:
- name: admin
  user:
    token: $(cat "$PKI/admin.token")
- name: admin-cert
  user:
    client-certificate-data: $admin_cert
    client-key-data: $admin_key
- name: viewer
  user:
    token: $(cat "$PKI/viewer.token")
contexts:
- name: admin
  context: {cluster: test, user: admin, namespace: default}
- name: admin-cert
  context: {cluster: test, user: admin-cert, namespace: default}
- name: viewer
  context: {cluster: test, user: viewer, namespace: default}
current-context: admin
EOF
    mv "$KUBECONFIG_FILE.tmp" "$KUBECONFIG_FILE"
  )
}

write_env_file() {
  local admin_token viewer_token
  admin_token="$(cat "$PKI/admin.token")"
  viewer_token="$(cat "$PKI/viewer.token")"
  write_exports "$ENV_FILE" SPARKCTL_TEST_CLUSTER_DIR="$STATE" \
    SPARKCTL_TEST_KUBECONFIG="$KUBECONFIG_FILE" SPARKCTL_TEST_APISERVER_URL="$APISERVER_URL" \
    SPARKCTL_TEST_CA_FILE="$PKI/ca.crt" SPARKCTL_TEST_ADMIN_TOKEN="$admin_token" \
    SPARKCTL_TEST_VIEWER_TOKEN="$viewer_token" SPARKCTL_TEST_CLIENT_CERT="$PKI/admin.crt" \
    SPARKCTL_TEST_CLIENT_KEY="$PKI/admin.key" SPARKCTL_TEST_ETCD_URL="$ETCD_URL" \
    SPARKCTL_TEST_KUBECTL="$BIN/kubectl" SPARKCTL_TEST_K8S_VERSION="$K8S_VERSION"
}

install_resources() {
  log "installing CRDs from $(cat "$CRD_DIR/VERSION" 2>/dev/null || echo "$CRD_DIR")"
  kubectl_admin apply --server-side --field-manager sparkctl-test-cluster -f "$CRD_DIR" >/dev/null
  # `kubectl wait` fails outright while a new CRD has no conditions yet.
  local i crd established
  for crd in sparkapplications scheduledsparkapplications; do
    for ((i = 0; i < 240; i++)); do
      established="$(kubectl_admin get "crd/$crd.sparkoperator.k8s.io" \
        -o 'jsonpath={.status.conditions[?(@.type=="Established")].status}' 2>/dev/null || true)"
      [[ "$established" == True ]] && break
      sleep 0.25
    done
    [[ "$established" == True ]] || die "CRD $crd.sparkoperator.k8s.io not Established after 60s"
  done
  # Namespace "default" is created by a controller inside the API server,
  # shortly after it turns ready.
  for ((i = 0; i < 100; i++)); do
    kubectl_admin get namespace default >/dev/null 2>&1 && break
    sleep 0.2
  done
  kubectl_admin apply --server-side --field-manager sparkctl-test-cluster -f - >/dev/null <<'EOF'
apiVersion: v1
kind: Namespace
metadata:
  name: spark
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: sparkapplication-viewer
  namespace: default
rules:
- apiGroups: [sparkoperator.k8s.io]
  resources: [sparkapplications]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: viewer-sparkapplication-viewer
  namespace: default
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: sparkapplication-viewer
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: viewer
EOF
}

is_up() {
  pid_alive "$STATE/etcd.pid" && pid_alive "$STATE/kube-apiserver.pid" &&
    [[ -f "$ENV_FILE" ]]
}

cmd_up() {
  local start=$SECONDS
  local b
  for b in etcd kube-apiserver kubectl; do
    [[ -x "$BIN/$b" ]] || die "$BIN/$b missing: run scripts/build-k8s-test-servers.sh"
  done
  [[ -f "$CRD_DIR/sparkoperator.k8s.io_sparkapplications.yaml" ]] ||
    die "CRDs missing in $CRD_DIR: run scripts/build-k8s-test-servers.sh"
  if is_up; then
    log "already up ($STATE)"
    return
  fi
  if [[ -d "$STATE" && ! -f "$MARKER" && -n "$(ls -A "$STATE")" ]]; then
    die "$STATE exists and is not a test-cluster dir"
  fi
  # Leftovers of a cluster that died: start from scratch.
  [[ -f "$MARKER" ]] && cmd_down
  mkdir -p "$STATE"
  touch "$MARKER"
  # On failure stop what was started, but keep the logs for a look.
  trap 'log "up failed; logs in $STATE"; stop_pid "$STATE/kube-apiserver.pid" kube-apiserver "$APISERVER_GRACE"; stop_pid "$STATE/etcd.pid" etcd' EXIT
  make_pki
  choose_ports
  load_ports
  write_kubeconfig
  start_etcd
  start_apiserver
  wait_ready
  install_resources
  write_env_file
  trap - EXIT
  log "up in $((SECONDS - start))s: $APISERVER_URL, kubeconfig $KUBECONFIG_FILE"
}

cmd_down() {
  stop_pid "$STATE/kube-apiserver.pid" kube-apiserver "$APISERVER_GRACE"
  stop_pid "$STATE/etcd.pid" etcd
  if [[ -f "$MARKER" ]]; then
    rm -rf "$STATE"
    log "down; removed $STATE"
  elif [[ -e "$STATE" ]]; then
    log "not removing $STATE: not a test-cluster dir"
  fi
}

cmd_status() {
  if ! is_up; then
    log "down ($STATE)"
    return 1
  fi
  load_ports
  local ready
  ready="$(kubectl_admin get --raw /readyz 2>/dev/null || true)"
  echo "state dir:      $STATE"
  echo "etcd:           $ETCD_URL (pid $(cat "$STATE/etcd.pid"))"
  echo "kube-apiserver: $APISERVER_URL (pid $(cat "$STATE/kube-apiserver.pid")), readyz: ${ready:-no answer}"
  echo "kubeconfig:     $KUBECONFIG_FILE"
  [[ "$ready" == ok ]]
}

cmd_restart_apiserver() {
  is_up || die "cluster is not up ($STATE)"
  load_ports
  local start=$SECONDS
  stop_pid "$STATE/kube-apiserver.pid" kube-apiserver "$APISERVER_GRACE"
  local i
  for ((i = 0; i < 100; i++)); do
    port_in_use "$APISERVER_PORT" || break
    sleep 0.1
  done
  start_apiserver
  wait_ready
  log "kube-apiserver restarted in $((SECONDS - start))s on $APISERVER_URL"
}

cmd_env() {
  is_up || die "cluster is not up ($STATE)"
  cat "$ENV_FILE"
}

case "${1:-}" in
up) cmd_up ;;
down) cmd_down ;;
status) cmd_status ;;
restart-apiserver) cmd_restart_apiserver ;;
env) cmd_env ;;
*)
  echo "usage: $0 up|down|status|restart-apiserver|env" >&2
  exit 2
  ;;
esac
