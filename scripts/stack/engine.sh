#!/usr/bin/env bash
# start|stop a private Docker engine for the stack: its own socket, data-root and exec-root under
# $STACK_STATE/docker, no bridge and no iptables (containers use --network host), cgroupfs driver.
# It never touches another engine on the machine (e.g. the one of scripts/docker-test-engine.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PIDFILE="$DOCKER_DIR/dockerd.pid"

start() {
  mkdir -p "$DOCKER_DIR/data" "$DOCKER_DIR/exec"
  if pid_alive "$PIDFILE" && dk version >/dev/null 2>&1; then log "Docker engine already running ($STACK_DOCKER_HOST)"; return; fi
  command -v dockerd >/dev/null || die "dockerd missing (run scripts/stack/deps.sh)"
  nohup dockerd -H "$STACK_DOCKER_HOST" --data-root "$DOCKER_DIR/data" --exec-root "$DOCKER_DIR/exec" \
    --pidfile "$PIDFILE" --iptables=false --ip-masq=false --bridge=none --storage-driver=overlay2 \
    --exec-opt native.cgroupdriver=cgroupfs >"$DOCKER_DIR/dockerd.log" 2>&1 &
  for _ in $(seq 1 120); do
    dk version >/dev/null 2>&1 && { log "Docker engine started ($STACK_DOCKER_HOST)"; return; }
    sleep 0.25
  done
  die "dockerd did not answer (see $DOCKER_DIR/dockerd.log)"
}

stop() {
  if pid_alive "$PIDFILE"; then
    local ids; ids="$(dk ps -aq 2>/dev/null || true)"
    [[ -n "$ids" ]] && dk rm -f $ids >/dev/null 2>&1 || true
    local pid; pid="$(cat "$PIDFILE")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    log "Docker engine stopped"
  fi
  # dockerd leaves its default network namespace and its containerd mounts behind.
  if mountpoint -q "$DOCKER_DIR/exec/netns/default" 2>/dev/null; then umount "$DOCKER_DIR/exec/netns/default" || true; fi
  grep -o " $DOCKER_DIR/[^ ]*" /proc/mounts | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  rm -f "$PIDFILE" "$DOCKER_DIR/docker.sock"
}

"${1:?usage: engine.sh start|stop}"
