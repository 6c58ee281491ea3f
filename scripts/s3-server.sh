#!/usr/bin/env bash
# A real S3-compatible object store on loopback for the tests: S3Proxy with
# its filesystem backend (installed by scripts/build-s3-server.sh).
#
#   s3-server.sh up       start on a free port of $SPARKCTL_TEST_S3_HOST (default
#                         127.0.0.1; the local cluster's pods reach its node
#                         address, tests/node/) with a fresh key pair and
#                         an empty data dir holding one bucket; wait until it
#                         answers; print the endpoint. If it already runs: no-op.
#   s3-server.sh down     stop it and delete its data and credentials.
#   s3-server.sh env      print `export` lines (endpoint, keys, bucket, region).
#   s3-server.sh status   say whether it runs (exit 1 if not).
#   s3-server.sh put FILE [KEY]
#                         upload a local file into the bucket (KEY defaults to
#                         the file's name) and print its s3a:// URL. Upload data
#                         this way (or with any S3 client), never by copying into
#                         the data dir: S3A needs the ETag that an upload records.
#
# Typical use:  scripts/s3-server.sh up && eval "$(scripts/s3-server.sh env)"
#
# Environment:
#   SPARKCTL_CACHE_DIR       cache dir (default: <repo>/.cache)
#   SPARKCTL_TEST_S3_DIR     state dir (default: $SPARKCTL_CACHE_DIR/s3-test)
#   SPARKCTL_TEST_S3_BUCKET  bucket created by `up` (default: sparkctl-test)
#   S3PROXY_JAVA_OPTS        JVM options (default: -Xmx512m -XX:+UseSerialGC)
#   S3PROXY_LOG_LEVEL        s3proxy log level (default: info)
# shellcheck source=scripts/lib/preamble.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
JAR=$CACHE/s3proxy/s3proxy.jar
STATE=$(realpath -m "${SPARKCTL_TEST_S3_DIR:-$CACHE/s3-test}")
BUCKET=${SPARKCTL_TEST_S3_BUCKET:-sparkctl-test}
HOST=${SPARKCTL_TEST_S3_HOST:-127.0.0.1}
REGION=us-east-1
PIDFILE=$STATE/s3proxy.pid
ENVFILE=$STATE/env
CONF=$STATE/s3proxy.conf
LOG=$STATE/s3proxy.log
READY_TIMEOUT=60

log() { echo "s3-server: $*" >&2; }
# shellcheck source=scripts/lib/processes.sh
source "$ROOT/scripts/lib/processes.sh"

# pid of our running server, or nothing
running_pid() {
  local pid
  pid=$(cat "$PIDFILE" 2>/dev/null) || return 0
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  # only a process started from this state dir counts (pids get reused)
  if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$CONF"; then
    echo "$pid"
  fi
}

free_port() {
  python3 -c 'import socket, sys; s=socket.socket(); s.bind((sys.argv[1], 0)); print(s.getsockname()[1])' "$HOST"
}

random_hex() { # bytes
  od -An -vtx1 -N"$1" /dev/urandom | tr -d ' \n'
}

# 0 when the server answers HTTP on the port (an unsigned request gets 403)
answers() { # port
  python3 - "$HOST" "$1" <<'EOF' 2>/dev/null
import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(f"http://{sys.argv[1]}:{sys.argv[2]}/", timeout=2)
except urllib.error.HTTPError:
    pass
sys.exit(0)
EOF
}

write_conf() { # port access secret
  ( umask 077
    cat > "$CONF" <<EOF
s3proxy.endpoint=http://$HOST:$1
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$2
s3proxy.credential=$3
jclouds.provider=filesystem-nio2
jclouds.identity=$2
jclouds.credential=$3
jclouds.filesystem.basedir=$STATE/data
EOF
    cat > "$ENVFILE" <<EOF
export SPARKCTL_TEST_S3_ENDPOINT=http://$HOST:$1
export SPARKCTL_TEST_S3_ACCESS_KEY=$2
export SPARKCTL_TEST_S3_SECRET_KEY=$3
export SPARKCTL_TEST_S3_BUCKET=$BUCKET
export SPARKCTL_TEST_S3_REGION=$REGION
EOF
  )
}

# start once on a fresh port; 0 when ready, 1 when the port was lost to a race
start_once() {
  local port access secret pid waited=0
  port=$(free_port)
  access=SPARKCTL$(random_hex 6 | tr a-f A-F)
  secret=$(random_hex 20)
  write_conf "$port" "$access" "$secret"
  log "starting s3proxy on $HOST:$port (data: $STATE/data, log: $LOG)"
  # shellcheck disable=SC2086  # S3PROXY_JAVA_OPTS is a list of options
  LOG_LEVEL=${S3PROXY_LOG_LEVEL:-info} setsid nohup java ${S3PROXY_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC} \
    -jar "$JAR" --properties "$CONF" >"$LOG" 2>&1 </dev/null &
  pid=$!
  echo "$pid" > "$PIDFILE"
  while (( waited < READY_TIMEOUT * 2 )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PIDFILE"
      grep -q 'Address already in use' "$LOG" && return 1
      tail -n 20 "$LOG" >&2
      die "s3proxy exited during start-up (log: $LOG)"
    fi
    if answers "$port"; then
      log "ready after $(( waited / 2 ))s"
      echo "http://$HOST:$port"
      return 0
    fi
    sleep 0.5
    waited=$(( waited + 1 ))
  done
  kill "$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
  die "s3proxy did not answer within ${READY_TIMEOUT}s (log: $LOG)"
}

cmd_up() {
  local pid; pid=$(running_pid)
  if [[ -n $pid ]]; then
    log "already running (pid $pid)"
    sed -n 's/^export SPARKCTL_TEST_S3_ENDPOINT=//p' "$ENVFILE"
    return 0
  fi
  command -v java >/dev/null || die "java not found"
  command -v python3 >/dev/null || die "python3 not found"
  [[ -s $JAR ]] || "$ROOT/scripts/build-s3-server.sh"
  mkdir -p "$STATE"
  rm -rf "$STATE/data"
  # with the filesystem backend a bucket is a directory under the data dir
  mkdir -p "$STATE/data/$BUCKET"
  local attempt
  for attempt in 1 2 3; do
    start_once && return 0
    log "port taken before s3proxy bound it; retrying ($attempt/3)"
  done
  die "could not start s3proxy (log: $LOG)"
}

cmd_down() {
  local pid; pid=$(running_pid)
  if [[ -n $pid ]]; then
    log "stopping s3proxy (pid $pid)"
    kill "$pid" 2>/dev/null || true
    local tries=0
    while kill -0 "$pid" 2>/dev/null && (( tries++ < 20 )); do sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  else
    log "not running"
  fi
  rm -rf "$STATE/data" "$PIDFILE" "$ENVFILE" "$CONF"
}

cmd_env() {
  [[ -n $(running_pid) ]] || die "not running (start it with: $0 up)"
  cat "$ENVFILE"
}

# a SigV4-signed PUT with Python's standard library, so tests need no S3 client
cmd_put() { # file [key]
  put_arguments "$@"
  # shellcheck disable=SC1090  # written by write_conf
  source "$ENVFILE"
  python3 - "$PUT_FILE" "$PUT_KEY" <<'EOF'
import datetime, hashlib, hmac, os, sys, urllib.error, urllib.parse, urllib.request

path, key = sys.argv[1:3]
endpoint = os.environ["SPARKCTL_TEST_S3_ENDPOINT"]
access = os.environ["SPARKCTL_TEST_S3_ACCESS_KEY"]
secret = os.environ["SPARKCTL_TEST_S3_SECRET_KEY"]
bucket = os.environ["SPARKCTL_TEST_S3_BUCKET"]
region = os.environ["SPARKCTL_TEST_S3_REGION"]
with open(path, "rb") as f:
    body = f.read()

host = urllib.parse.urlsplit(endpoint).netloc
uri = "/" + urllib.parse.quote(f"{bucket}/{key.lstrip('/')}", safe="/-_.~")
now = datetime.datetime.now(datetime.timezone.utc)
amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
payload = hashlib.sha256(body).hexdigest()
signed = "host;x-amz-content-sha256;x-amz-date"
canonical = "\n".join(["PUT", uri, "", f"host:{host}", f"x-amz-content-sha256:{payload}",
                       f"x-amz-date:{amz_date}", "", signed, payload])
scope = f"{day}/{region}/s3/aws4_request"
to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                     hashlib.sha256(canonical.encode()).hexdigest()])
k = ("AWS4" + secret).encode()
for part in (day, region, "s3", "aws4_request"):
    k = hmac.new(k, part.encode(), hashlib.sha256).digest()
signature = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
request = urllib.request.Request(endpoint + uri, data=body, method="PUT", headers={
    # an explicit type: the default form type makes the server parse the body
    "Content-Type": "application/octet-stream",
    "x-amz-date": amz_date, "x-amz-content-sha256": payload,
    "Authorization": f"AWS4-HMAC-SHA256 Credential={access}/{scope}, "
                     f"SignedHeaders={signed}, Signature={signature}"})
try:
    with urllib.request.urlopen(request, timeout=30) as response:
        etag = response.headers.get("ETag")
except urllib.error.HTTPError as e:
    sys.exit(f"s3-server: error: put s3://{bucket}/{key}: HTTP {e.code} {e.read()[:300]!r}")
print(f"s3-server: put s3://{bucket}/{key} ({len(body)} bytes, ETag {etag})", file=sys.stderr)
print(f"s3a://{bucket}/{key}")
EOF
}

cmd_status() {
  local pid; pid=$(running_pid)
  if [[ -n $pid ]]; then
    echo "running (pid $pid) at $(sed -n 's/^export SPARKCTL_TEST_S3_ENDPOINT=//p' "$ENVFILE")"
  else
    echo "not running"
    return 1
  fi
}

case ${1:-} in
  up) cmd_up ;;
  down) cmd_down ;;
  env) cmd_env ;;
  status) cmd_status ;;
  put) shift; cmd_put "$@" ;;
  *) echo "usage: $0 up|down|env|status|put FILE [KEY]" >&2; exit 2 ;;
esac
