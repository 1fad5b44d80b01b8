#!/usr/bin/env bash
# The stack's load balancer: HAProxy (Debian's haproxy 2.6) as a local process on 127.0.0.1, in front of
# API replicas (each a container on its own loopback port), with active health checks.
#   balancer.sh start NAME PORT [--no-check] BACKEND_PORT...
#       writes $STACK_STATE/balancer/NAME.cfg, checks it and (re)starts haproxy on 127.0.0.1:PORT over the
#       replicas on 127.0.0.1:BACKEND_PORT (round robin), then waits until it answers /health with 200.
#       Health checks: GET /health every 500 ms (250 ms while a server changes state), DOWN after 2 failures
#       (refused, or no answer within 1 s: a paused replica), UP after 2 passes; a request whose connection is
#       refused is retried on another server (redispatch).
#       --no-check: the variant without health checks: no checks and no redispatch, so a dead replica keeps
#       getting its share of the requests (scenarios/enterprise-docs-resilience.ts must then fail on recovery).
#   balancer.sh stop NAME       stops it (no error when it is not running)
#   balancer.sh stop-all        stops every balancer this script started
#   balancer.sh pid NAME        prints its PID
# Its admin socket ($STACK_STATE/balancer/NAME.sock, `show stat`) tells each server's state (UP, DOWN, ...).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DIR="$STACK_STATE/balancer"

config() { # NAME PORT CHECKS BACKEND_PORT...
  local name="$1" port="$2" checks="$3"; shift 3
  local i=0 p check_opts=""
  [[ "$checks" == on ]] && check_opts=" check"
  cat <<CFG
# written by scripts/stack/balancer.sh for $name (health checks: $checks)
global
  maxconn 8000 # two fds per connection; this machine caps open files at 20,000
  nbthread 1
  pidfile $DIR/$name.pid
  stats socket $DIR/$name.sock mode 600 level admin
  hard-stop-after 5s

defaults
  mode http
  option http-keep-alive
  timeout connect 1s
  timeout client 60s
  timeout server 30s
  timeout tunnel 1h
  timeout check 1s
  retries 2
CFG
  [[ "$checks" == on ]] && printf '  option redispatch 1\n'
  cat <<CFG

frontend api
  bind 127.0.0.1:$port
  maxconn 8000
  default_backend replicas

backend replicas
  balance roundrobin
CFG
  [[ "$checks" == on ]] && printf '  option httpchk GET /health\n  http-check expect status 200\n  default-server inter 500ms fastinter 250ms downinter 500ms rise 2 fall 2\n'
  for p in "$@"; do
    i=$((i + 1))
    printf '  server api-%d 127.0.0.1:%s%s\n' "$i" "$p" "$check_opts"
  done
}

start() {
  local name="${1:?name}" port="${2:?port}"; shift 2
  local checks=on
  if [[ "${1:-}" == --no-check ]]; then checks=off; shift; fi
  (($#)) || die "balancer.sh start $name $port: no backend port given"
  command -v haproxy >/dev/null || die "haproxy is missing (run scripts/stack/deps.sh, or apt-get install haproxy)"
  mkdir -p "$DIR"
  stop "$name"
  config "$name" "$port" "$checks" "$@" > "$DIR/$name.cfg"
  haproxy -c -q -f "$DIR/$name.cfg" || die "haproxy refused $DIR/$name.cfg"
  # -D: daemon; setsid so a Ctrl-C to the caller's process group does not reach it.
  setsid haproxy -D -f "$DIR/$name.cfg" </dev/null >"$DIR/$name.log" 2>&1 || { cat "$DIR/$name.log" >&2; die "haproxy did not start"; }
  # With checks, a replica counts only after 2 passing checks: wait for an answer through the balancer.
  wait_http "http://127.0.0.1:$port/health" 200 30 || die "balancer $name on 127.0.0.1:$port did not answer /health with 200"
  log "balancer $name (haproxy, health checks $checks) on http://127.0.0.1:$port -> ports $*"
}

stop() {
  local name="${1:?name}" pid
  if pid_alive "$DIR/$name.pid"; then
    pid="$(cat "$DIR/$name.pid")"
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    log "balancer $name stopped"
  fi
  rm -f "$DIR/$name.pid" "$DIR/$name.sock"
}

stop_all() {
  local f
  [[ -d "$DIR" ]] || return 0
  for f in "$DIR"/*.cfg; do [[ -e "$f" ]] && stop "$(basename "$f" .cfg)"; done
  return 0
}

pid() { pid_alive "$DIR/${1:?name}.pid" && cat "$DIR/$1.pid"; }

cmd="${1:?usage: balancer.sh start NAME PORT [--no-check] BACKEND_PORT... | stop NAME | stop-all | pid NAME}"; shift
case "$cmd" in
  start | stop | pid) "$cmd" "$@" ;;
  stop-all) stop_all ;;
  *) die "unknown command: $cmd (start, stop, stop-all, pid)" ;;
esac
