# shellcheck shell=bash
# Process and port helpers shared by the test-server scripts
# (test-cluster.sh, local-cluster.sh, the test stores). Source after defining
# log and die.

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# start_daemon PIDFILE LOGFILE COMMAND...: COMMAND in its own session,
# detached from our stdout/stderr (so ctest does not wait on it), appending
# to LOGFILE; its pid goes to PIDFILE.
start_daemon() {
  local pidfile="$1" logfile="$2"
  shift 2
  setsid "$@" </dev/null >>"$logfile" 2>&1 &
  echo $! >"$pidfile"
}

# stop_pid PIDFILE NAME [GRACE]: TERM, wait up to GRACE seconds (15), then KILL.
stop_pid() {
  local pidfile="$1" name="$2" grace="${3:-15}" pid i
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"
    return
  fi
  pid="$(cat "$pidfile")"
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop, killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port: a port nobody listens on, picked at random so that parallel
# test servers rarely race for the same one.
free_port() {
  local port i
  for ((i = 0; i < 100; i++)); do
    port=$((20000 + RANDOM % 30000))
    if ! port_in_use "$port"; then
      echo "$port"
      return
    fi
  done
  die "no free port found"
}

# put_arguments FILE [KEY]: what a test store's `put` checks before it
# uploads: FILE exists and the server runs (the script's running_pid). Sets
# PUT_FILE and PUT_KEY (FILE's name unless KEY is given).
put_arguments() {
  PUT_FILE=${1:-}
  PUT_KEY=${2:-}
  [[ -f $PUT_FILE ]] || die "usage: $0 put FILE [KEY] (no file '$PUT_FILE')"
  [[ -n $PUT_KEY ]] || PUT_KEY=$(basename "$PUT_FILE")
  [[ -n $(running_pid) ]] || die "not running (start it with: $0 up)"
}
