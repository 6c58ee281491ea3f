#!/usr/bin/env bash
# A real GCS-compatible object store on loopback for the tests:
# fake-gcs-server (JSON API, plain http, no authentication) with its
# filesystem backend, installed by scripts/build-gcs-server.sh.
#
#   gcs-server.sh up       start on a free port of $SPARKCTL_TEST_GCS_HOST
#                          (default 127.0.0.1) with an empty data dir, create
#                          one bucket, wait until it answers; print the
#                          endpoint. If it already runs: no-op.
#   gcs-server.sh down     stop it and delete its state dir.
#   gcs-server.sh env      print `export` lines (endpoint, bucket).
#   gcs-server.sh status   say whether it runs (exit 1 if not).
#   gcs-server.sh put FILE [KEY]  upload FILE into the bucket (as KEY,
#                          default its name), over the JSON API.
#
# Typical use:  scripts/gcs-server.sh up && eval "$(scripts/gcs-server.sh env)"
# The endpoint is what sparkctl's storage.gcs.endpoint takes.
#
# Environment:
#   SPARKCTL_CACHE_DIR        cache dir (default: <repo>/.cache)
#   SPARKCTL_TEST_GCS_DIR     state dir (default: $SPARKCTL_CACHE_DIR/gcs-test)
#   SPARKCTL_TEST_GCS_BUCKET  bucket created by `up` (default: sparkctl-test)
#   SPARKCTL_TEST_GCS_HOST    address to listen on (default: 127.0.0.1)
#   FAKE_GCS_LOG_LEVEL        the server's log level (default: info)
# shellcheck source=scripts/lib/preamble.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
SERVER=$CACHE/gcs-server/fake-gcs-server
STATE=$(realpath -m "${SPARKCTL_TEST_GCS_DIR:-$CACHE/gcs-test}")
BUCKET=${SPARKCTL_TEST_GCS_BUCKET:-sparkctl-test}
HOST=${SPARKCTL_TEST_GCS_HOST:-127.0.0.1}
PIDFILE=$STATE/fake-gcs-server.pid
ENVFILE=$STATE/env
LOG=$STATE/fake-gcs-server.log
DATA=$STATE/data
READY_TIMEOUT=30

log() { echo "gcs-server: $*" >&2; }
# shellcheck source=scripts/lib/processes.sh
source "$ROOT/scripts/lib/processes.sh"

# pid of our running server, or nothing
running_pid() {
  local pid
  pid=$(cat "$PIDFILE" 2>/dev/null) || return 0
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  # only a server on this state dir's data counts (pids get reused)
  if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$DATA"; then
    echo "$pid"
  fi
}

# 0 when the JSON API answers the bucket list
answers() { # endpoint
  python3 - "$1" <<'PY' 2>/dev/null
import sys, urllib.request
urllib.request.urlopen(sys.argv[1] + "/storage/v1/b", timeout=2).read()
PY
}

# creates the bucket through the JSON API, as a client would
create_bucket() { # endpoint
  python3 - "$1" "$BUCKET" <<'PY'
import json, sys, urllib.request
request = urllib.request.Request(sys.argv[1] + "/storage/v1/b?project=sparkctl-test",
                                 data=json.dumps({"name": sys.argv[2]}).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
urllib.request.urlopen(request, timeout=10).read()
PY
}

# start once on a fresh port; 0 when ready, 1 when the port was lost to a race
start_once() {
  local port endpoint pid waited=0
  port=$(free_port)
  endpoint=http://$HOST:$port
  log "starting fake-gcs-server on $HOST:$port (data: $DATA, log: $LOG)"
  : >"$LOG"
  start_daemon "$PIDFILE" "$LOG" "$SERVER" -scheme http -host "$HOST" -port "$port" \
    -external-url "$endpoint" -backend filesystem -filesystem-root "$DATA" \
    -log-level "${FAKE_GCS_LOG_LEVEL:-info}"
  pid=$(cat "$PIDFILE")
  while (( waited < READY_TIMEOUT * 2 )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PIDFILE"
      grep -q 'address already in use' "$LOG" && return 1
      tail -n 20 "$LOG" >&2
      die "fake-gcs-server exited during start-up (log: $LOG)"
    fi
    if answers "$endpoint"; then
      create_bucket "$endpoint" || die "could not create bucket $BUCKET (log: $LOG)"
      printf 'export SPARKCTL_TEST_GCS_ENDPOINT=%s\nexport SPARKCTL_TEST_GCS_BUCKET=%s\n' \
        "$endpoint" "$BUCKET" > "$ENVFILE"
      log "ready after $(( waited / 2 ))s with bucket $BUCKET"
      echo "$endpoint"
      return 0
    fi
    sleep 0.5
    waited=$(( waited + 1 ))
  done
  kill "$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
  die "fake-gcs-server did not answer within ${READY_TIMEOUT}s (log: $LOG)"
}

cmd_up() {
  local pid; pid=$(running_pid)
  if [[ -n $pid ]]; then
    log "already running (pid $pid)"
    sed -n 's/^export SPARKCTL_TEST_GCS_ENDPOINT=//p' "$ENVFILE"
    return 0
  fi
  command -v python3 >/dev/null || die "python3 not found"
  [[ -x $SERVER ]] || "$ROOT/scripts/build-gcs-server.sh"
  mkdir -p "$STATE"
  rm -rf "$DATA" "$ENVFILE"
  local attempt
  for attempt in 1 2 3; do
    start_once && return 0
    log "port taken before fake-gcs-server bound it; retrying ($attempt/3)"
  done
  die "could not start fake-gcs-server (log: $LOG)"
}

cmd_down() {
  local pid; pid=$(running_pid)
  if [[ -n $pid ]]; then
    stop_pid "$PIDFILE" fake-gcs-server 10
  else
    log "not running"
  fi
  rm -rf "$STATE"
}

cmd_env() {
  [[ -n $(running_pid) ]] || die "not running (start it with: $0 up)"
  cat "$ENVFILE"
}

cmd_status() {
  local pid; pid=$(running_pid)
  if [[ -n $pid ]]; then
    echo "running (pid $pid) at $(sed -n 's/^export SPARKCTL_TEST_GCS_ENDPOINT=//p' "$ENVFILE")"
  else
    echo "not running"
    return 1
  fi
}

cmd_put() { # file [key]
  put_arguments "$@"
  # shellcheck disable=SC1090  # written by start_once
  source "$ENVFILE"
  python3 - "$PUT_FILE" "$PUT_KEY" <<'EOF'
import os, sys, urllib.parse, urllib.request

path, key = sys.argv[1:3]
endpoint = os.environ["SPARKCTL_TEST_GCS_ENDPOINT"]
bucket = os.environ["SPARKCTL_TEST_GCS_BUCKET"]
query = urllib.parse.urlencode({"uploadType": "media", "name": key})
with open(path, "rb") as f:
    request = urllib.request.Request(
        f"{endpoint}/upload/storage/v1/b/{urllib.parse.quote(bucket)}/o?{query}",
        data=f.read(), method="POST", headers={"Content-Type": "application/octet-stream"})
urllib.request.urlopen(request, timeout=30).read()
print(f"gs://{bucket}/{key}")
EOF
}

case ${1:-} in
  up) cmd_up ;;
  down) cmd_down ;;
  env) cmd_env ;;
  status) cmd_status ;;
  put) shift; cmd_put "$@" ;;
  *) echo "usage: $0 up|down|env|status|put FILE [KEY]" >&2; exit 2 ;;
esac
