#!/usr/bin/env bash
# A private Docker engine for loadcert's docker tests and benchmarks.
#   up    install docker.io if dockerd is missing, start dockerd on a private socket in a temp dir, build the
#         demo-target image; prints `export DOCKER_HOST=...` for eval: eval "$(scripts/docker-test-engine.sh up)"
#   down  remove every container of that engine, stop dockerd by PID, unmount and delete the temp dir (idempotent)
#   env   prints the export lines of the running engine (exit 1 when none)
# The engine's state dir is recorded in $LOADCERT_DOCKER_STATE (default /tmp/loadcert-docker-engine.state).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
STATE=${LOADCERT_DOCKER_STATE:-/tmp/loadcert-docker-engine.state}

log() { echo "docker-test-engine: $*" >&2; }

engine_dir() { [[ -f "$STATE" ]] && cat "$STATE" || true; }

alive() { # DIR: dockerd of DIR runs and answers
  local dir=$1 pid
  [[ -f "$dir/dockerd.pid" ]] || return 1
  pid=$(cat "$dir/dockerd.pid")
  kill -0 "$pid" 2>/dev/null || return 1
  docker -H "unix://$dir/docker.sock" version >/dev/null 2>&1
}

print_env() { echo "export DOCKER_HOST=unix://$1/docker.sock"; }

install_engine() {
  command -v dockerd >/dev/null && return 0
  log "installing docker.io (dockerd missing)"
  if ! apt-get -o DPkg::Lock::Timeout=300 install -y docker.io >&2; then
    apt-get -o DPkg::Lock::Timeout=300 update >&2
    apt-get -o DPkg::Lock::Timeout=300 install -y docker.io >&2
  fi
}

cmd_up() {
  local dir
  dir=$(engine_dir)
  if [[ -n "$dir" ]] && alive "$dir"; then log "engine already up in $dir"; print_env "$dir"; return 0; fi
  [[ -n "$dir" ]] && cmd_down
  install_engine
  dir=$(mktemp -d /tmp/loadcert-docker.XXXXXX)
  echo "$dir" > "$STATE"
  mkdir -p "$dir/data" "$dir/exec"
  setsid dockerd -H "unix://$dir/docker.sock" --data-root "$dir/data" --exec-root "$dir/exec" \
    --pidfile "$dir/dockerd.pid" --iptables=false --ip-masq=false --bridge=none \
    --storage-driver=overlay2 --exec-opt native.cgroupdriver=cgroupfs \
    </dev/null >"$dir/dockerd.log" 2>&1 &
  local i
  for i in $(seq 1 60); do
    alive "$dir" && break
    sleep 0.5
  done
  if ! alive "$dir"; then
    log "dockerd did not come up within 30 s; its log:"; tail -20 "$dir/dockerd.log" >&2
    cmd_down; return 1
  fi
  log "dockerd up on unix://$dir/docker.sock (pid $(cat "$dir/dockerd.pid"))"
  DOCKER_HOST="unix://$dir/docker.sock" bash "$HERE/docker/build-demo-image.sh" "$REPO" "$dir" || { cmd_down; return 1; }
  print_env "$dir"
}

stop_pid() { # PID: TERM, wait up to 15 s, then KILL
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
}

cmd_down() {
  local dir
  dir=$(engine_dir)
  if [[ -z "$dir" || ! -d "$dir" ]]; then rm -f "$STATE"; log "no engine to stop"; return 0; fi
  if alive "$dir"; then
    local ids
    ids=$(docker -H "unix://$dir/docker.sock" ps -aq 2>/dev/null || true)
    [[ -n "$ids" ]] && docker -H "unix://$dir/docker.sock" rm -f $ids >/dev/null 2>&1 || true
  fi
  [[ -f "$dir/dockerd.pid" ]] && stop_pid "$(cat "$dir/dockerd.pid")"
  [[ -f "$dir/exec/containerd/containerd.pid" ]] && stop_pid "$(cat "$dir/exec/containerd/containerd.pid")"
  umount "$dir/exec/netns/default" 2>/dev/null || true
  # Anything else the engine left mounted below the dir (overlay layers, netns), deepest first.
  awk -v d="$dir" '$2 ~ "^"d {print $2}' /proc/mounts | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  rm -rf "$dir"
  rm -f "$STATE"
  log "engine in $dir stopped and removed"
}

cmd_env() {
  local dir
  dir=$(engine_dir)
  if [[ -n "$dir" ]] && alive "$dir"; then print_env "$dir"; else log "no engine running (run: $0 up)"; return 1; fi
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  env) cmd_env ;;
  *) echo "usage: $0 up|down|env" >&2; exit 2 ;;
esac
