#!/usr/bin/env bash
# The kubeflow spark-operator controller for the end-to-end tests, run as a
# local process against the test cluster (scripts/test-cluster.sh):
#
#   scripts/spark-operator.sh up       start (does nothing if already up)
#   scripts/spark-operator.sh down     stop it and delete its state dir
#   scripts/spark-operator.sh status   exit 0 if it runs and is ready, 1 if not
#
# It watches namespaces $SPARKCTL_TEST_OPERATOR_NAMESPACES (default "spark,default";
# created when missing) and, for a new
# SparkApplication, runs spark-submit in cluster mode against the test API
# server, which creates the driver pod. There is no kubelet, so the pod stays
# Pending until a test patches its status (see tests/e2e/).
#
# Set up as the chart would, minus what needs a real cluster:
#   - no webhook (`controller start` runs none), no leader election;
#   - metrics and health probe on free loopback ports, pprof off;
#   - the operator authenticates as the test cluster's "admin" user
#     (system:masters) through the cluster's kubeconfig, instead of a service
#     account bound to the chart's ClusterRole;
#   - spark-submit finds the API server the in-cluster way the operator
#     expects (KUBERNETES_SERVICE_HOST/PORT -> --master k8s://https://...),
#     and its credentials (CA file, admin token file) in spark-defaults.conf
#     of a SPARK_CONF_DIR of our own (spark.kubernetes.authenticate.submission.*);
#   - SPARK_HOME is the pyspark install (.cache/venv), JAVA_HOME Java 17.
#
# State dir: $SPARKCTL_TEST_OPERATOR_DIR (default <cluster state dir>/spark-operator)
# holds spark-operator.log, spark-operator.pid, ports, conf/spark-defaults.conf,
# submission.token.
# The binary comes from scripts/build-spark-operator.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/k8s-test-versions.sh
source "$ROOT/scripts/k8s-test-versions.sh"

BIN="${SPARKCTL_TEST_BIN_DIR:-$ROOT/.cache/bin}"
CLUSTER="${SPARKCTL_TEST_CLUSTER_DIR:-$ROOT/.cache/test-cluster}"
STATE="${SPARKCTL_TEST_OPERATOR_DIR:-$CLUSTER/spark-operator}"
MARKER="$STATE/.sparkctl-spark-operator"
PIDFILE="$STATE/spark-operator.pid"
LOG="$STATE/spark-operator.log"
OPERATOR_SRC="$ROOT/.cache/src/spark-operator-$SPARK_OPERATOR_VERSION"
NAMESPACES="${SPARKCTL_TEST_OPERATOR_NAMESPACES:-spark,default}"
READY_TIMEOUT="${SPARKCTL_TEST_OPERATOR_TIMEOUT:-90}"
# shellcheck source=scripts/lib/pyspark-home.sh
source "$ROOT/scripts/lib/pyspark-home.sh"
SPARK_HOME="${SPARKCTL_TEST_SPARK_HOME:-$(pyspark_home "${SPARKCTL_CACHE_DIR:-$ROOT/.cache}" || true)}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"

log() { echo "[spark-operator] $*" >&2; }
die() { log "error: $*"; exit 1; }

# shellcheck source=scripts/lib/processes.sh
source "$ROOT/scripts/lib/processes.sh"

# http_get PORT PATH: the body of http://127.0.0.1:PORT/PATH, with bash alone.
http_get() {
  local reply
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
  reply="$(cat <&3)"
  exec 3<&-
  printf '%s' "${reply##*$'\r\n\r\n'}"
}

# The test cluster's env file: SPARKCTL_TEST_APISERVER_URL, _CA_FILE, _KUBECTL, ...
load_cluster_env() {
  [[ -f "$CLUSTER/env" ]] || die "test cluster is not up ($CLUSTER): run scripts/test-cluster.sh up"
  # shellcheck source=/dev/null
  source "$CLUSTER/env"
  APISERVER_PORT="${SPARKCTL_TEST_APISERVER_URL##*:}"
  TOKEN_FILE="$CLUSTER/pki/admin.token"
  [[ -f "$TOKEN_FILE" ]] || die "no admin token in $CLUSTER/pki"
}

kubectl_admin() {
  "$SPARKCTL_TEST_KUBECTL" --kubeconfig "$SPARKCTL_TEST_KUBECONFIG" --context admin "$@"
}

# The controller also runs the SparkConnect reconciler, whose informer needs
# that CRD; the test cluster installs only the SparkApplication ones.
install_sparkconnect_crd() {
  kubectl_admin get crd sparkconnects.sparkoperator.k8s.io >/dev/null 2>&1 && return
  local crd="$OPERATOR_SRC/config/crd/bases/sparkoperator.k8s.io_sparkconnects.yaml"
  [[ -f "$crd" ]] || die "$crd missing: run scripts/build-spark-operator.sh"
  kubectl_admin apply --server-side --field-manager sparkctl-spark-operator -f "$crd" >/dev/null
  kubectl_admin wait --for condition=Established --timeout 60s crd/sparkconnects.sparkoperator.k8s.io >/dev/null
}

# The watched namespaces ("spark" and "default" exist in the test cluster;
# the e2e tests use one of their own).
create_namespaces() {
  local ns
  for ns in ${NAMESPACES//,/ }; do
    kubectl_admin get namespace "$ns" >/dev/null 2>&1 || kubectl_admin create namespace "$ns" >/dev/null
  done
}

write_spark_conf() {
  mkdir -p "$STATE/conf"
  # Spark sends the file's bytes as they are: no trailing newline allowed.
  (umask 077 && printf '%s' "$(cat "$TOKEN_FILE")" >"$STATE/submission.token")
  cat >"$STATE/conf/spark-defaults.conf" <<EOF
# Written by scripts/spark-operator.sh: how the operator's spark-submit
# reaches the test API server (the master URL comes from KUBERNETES_SERVICE_*).
spark.kubernetes.authenticate.submission.caCertFile $SPARKCTL_TEST_CA_FILE
spark.kubernetes.authenticate.submission.oauthTokenFile $STATE/submission.token
EOF
}

is_up() { pid_alive "$PIDFILE"; }

# ready: /readyz answers ok and the SparkApplication controller has started
# its workers (its informers have synced).
ready() {
  # shellcheck source=/dev/null
  source "$STATE/ports"
  [[ "$(http_get "$PROBE_PORT" /readyz 2>/dev/null)" == ok ]] &&
    grep -q '"msg": *"Starting workers", *"controller": *"sparkapplication"' "$LOG"
}

cmd_up() {
  local start=$SECONDS
  [[ -x "$BIN/spark-operator" ]] || die "$BIN/spark-operator missing: run scripts/build-spark-operator.sh"
  [[ -x "$SPARK_HOME/bin/spark-submit" ]] || die "no spark-submit in SPARK_HOME=$SPARK_HOME"
  [[ -x "$JAVA_HOME/bin/java" ]] || die "no java in JAVA_HOME=$JAVA_HOME"
  if is_up; then
    log "already up ($STATE)"
    return
  fi
  load_cluster_env
  if [[ -d "$STATE" && ! -f "$MARKER" && -n "$(ls -A "$STATE")" ]]; then
    die "$STATE exists and is not a spark-operator state dir"
  fi
  rm -rf "$STATE"
  mkdir -p "$STATE"
  touch "$MARKER"
  install_sparkconnect_crd
  create_namespaces
  write_spark_conf
  printf '%s\n' "METRICS_PORT=$(free_port)" "PROBE_PORT=$(free_port)" >"$STATE/ports"
  # The operator writes pod templates to /tmp/spark/<submission ID>/, a path
  # its code fixes, and leaves them there. As root it gets a /tmp of its own
  # (a mount namespace), $STATE/tmp, which `down` deletes with the rest.
  local private_tmp=()
  if ((EUID == 0)) && [[ "$STATE" != /tmp/* ]] && command -v unshare >/dev/null; then
    mkdir -p "$STATE/tmp"
    chmod 1777 "$STATE/tmp"
    # shellcheck disable=SC2016  # $0 and $@ belong to that sh
    private_tmp=(unshare --mount --propagation private sh -c 'mount --bind "$0" /tmp && exec "$@"' "$STATE/tmp")
  fi
  # shellcheck source=/dev/null
  source "$STATE/ports"

  log "starting spark-operator $SPARK_OPERATOR_VERSION against $SPARKCTL_TEST_APISERVER_URL (namespaces $NAMESPACES)"
  # The operator runs spark-submit with this environment.
  setsid "${private_tmp[@]}" env \
    SPARK_HOME="$SPARK_HOME" JAVA_HOME="$JAVA_HOME" PATH="$JAVA_HOME/bin:$PATH" \
    SPARK_CONF_DIR="$STATE/conf" \
    KUBERNETES_SERVICE_HOST=127.0.0.1 KUBERNETES_SERVICE_PORT="$APISERVER_PORT" \
    KUBECONFIG="$SPARKCTL_TEST_KUBECONFIG" \
    "$BIN/spark-operator" controller start \
    --kubeconfig "$SPARKCTL_TEST_KUBECONFIG" \
    --namespaces "$NAMESPACES" \
    --leader-election=false \
    --controller-threads 4 \
    --metrics-bind-address "127.0.0.1:$METRICS_PORT" \
    --health-probe-bind-address "127.0.0.1:$PROBE_PORT" \
    --pprof-bind-address 0 \
    --zap-log-level info \
    </dev/null >>"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
  # On failure stop it again, but keep the log for a look.
  trap 'log "up failed; log in $LOG"; stop_operator' EXIT

  local deadline=$((SECONDS + READY_TIMEOUT))
  until ready; do
    pid_alive "$PIDFILE" || die "spark-operator exited; see $LOG"
    ((SECONDS < deadline)) || die "spark-operator not ready after ${READY_TIMEOUT}s; see $LOG"
    sleep 0.25
  done
  trap - EXIT
  log "up in $((SECONDS - start))s (pid $(cat "$PIDFILE")), log $LOG"
}

stop_operator() { stop_pid "$PIDFILE" spark-operator; }

cmd_down() {
  stop_operator
  if [[ -f "$MARKER" ]]; then
    rm -rf "$STATE"
    log "down; removed $STATE"
  fi
}

cmd_status() {
  if ! is_up; then
    log "down ($STATE)"
    return 1
  fi
  # shellcheck source=/dev/null
  source "$STATE/ports"
  echo "state dir:      $STATE"
  echo "spark-operator: pid $(cat "$PIDFILE"), health probe 127.0.0.1:$PROBE_PORT, metrics 127.0.0.1:$METRICS_PORT"
  echo "log:            $LOG"
  ready
}

case "${1:-}" in
up) cmd_up ;;
down) cmd_down ;;
status) cmd_status ;;
*)
  echo "usage: $0 up|down|status" >&2
  exit 2
  ;;
esac
