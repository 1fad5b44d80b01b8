#!/usr/bin/env bash
# start|stop Redis as a local process on 127.0.0.1:$REDIS_PORT. An append-only file (fsync every second) lets a
# Redis killed mid-run (the resilience scenario's redis-down) come back with its data, as a production Redis does:
# the API's DataProtection key ring lives there, and a key ring lost would void every session cookie issued before.
# `stop` (the stack going down) removes the file: a new stack starts with an empty Redis.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DIR="$STACK_STATE/redis"
PIDFILE="$DIR/redis.pid"

start() {
  reserve_port "$REDIS_PORT"
  mkdir -p "$DIR"
  if pid_alive "$PIDFILE"; then log "Redis already running on 127.0.0.1:$REDIS_PORT"; return; fi
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --pidfile "$PIDFILE" \
    --dir "$DIR" --logfile "$DIR/redis.log" --save '' --appendonly yes --appendfsync everysec --protected-mode yes >/dev/null
  for _ in $(seq 1 40); do
    [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null || true)" == PONG ]] && { log "Redis started on 127.0.0.1:$REDIS_PORT"; return; }
    sleep 0.25
  done
  die "Redis did not answer PING (see $DIR/redis.log)"
}

stop() {
  if pid_alive "$PIDFILE"; then
    local pid; pid="$(cat "$PIDFILE")"
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    log "Redis stopped"
  fi
  rm -f "$PIDFILE"
  rm -rf "$DIR/appendonlydir"
}

pid() { pid_alive "$PIDFILE" && cat "$PIDFILE"; }

"${1:?usage: redis.sh start|stop|pid}"
