#!/usr/bin/env bash
# The one private Docker engine script, used by the sampler tests (up/down/env) and the reference stack
# (start/stop DIR). Each engine has its own socket, data-root and exec-root in one folder, no bridge and no
# iptables (containers use --network host), the cgroupfs driver; it never touches another engine.
#   up         start an engine in a new temp folder and build the demo-target image in it; prints
#              `export DOCKER_HOST=...` for eval: eval "$(bash scripts/docker-engine.sh up)"
#   down       remove that engine's containers, stop it, unmount and delete its folder (idempotent)
#   env        print the export line of the running `up` engine (exit 1 when none)
#   start DIR  start an engine whose state persists in DIR (socket DIR/docker.sock); idempotent
#   stop DIR   remove its containers and stop it, keeping DIR's data (images) for a fast next start
# The `up` engine's folder is recorded in $LOADCERT_DOCKER_STATE (default /tmp/loadcert-docker-engine.state).
# dockerd is installed from Debian's docker.io when missing.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
STATE=${LOADCERT_DOCKER_STATE:-/tmp/loadcert-docker-engine.state}

log() { echo "docker-engine: $*" >&2; }

state_dir() { if [[ -f "$STATE" ]]; then cat "$STATE"; fi; }

alive() { # DIR: the dockerd of DIR runs and answers
  local dir=$1 pid
  [[ -s "$dir/dockerd.pid" ]] || return 1
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

start_engine() { # DIR: start dockerd with its state in DIR unless it already answers; fails after 30 s
  local dir=$1
  if alive "$dir"; then log "engine already up on unix://$dir/docker.sock"; return 0; fi
  install_engine
  mkdir -p "$dir/data" "$dir/exec"
  rm -f "$dir/docker.sock"
  # setsid: the engine outlives this script and a Ctrl-C sent to the caller's process group.
  setsid dockerd -H "unix://$dir/docker.sock" --data-root "$dir/data" --exec-root "$dir/exec" \
    --pidfile "$dir/dockerd.pid" --iptables=false --ip-masq=false --bridge=none \
    --storage-driver=overlay2 --exec-opt native.cgroupdriver=cgroupfs \
    </dev/null >"$dir/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do
    if alive "$dir"; then log "dockerd up on unix://$dir/docker.sock (pid $(cat "$dir/dockerd.pid"))"; return 0; fi
    sleep 0.5
  done
  log "dockerd did not come up within 30 s; its log ($dir/dockerd.log) ends with:"
  tail -n 20 "$dir/dockerd.log" >&2 || true
  stop_engine "$dir"
  return 1
}

stop_pid() { # PID: TERM, wait up to 15 s, then KILL
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
}

stop_engine() { # DIR: remove every container, stop dockerd and its containerd, unmount what they left below DIR
  local dir=$1 ids=() mounts=() m
  if alive "$dir"; then
    mapfile -t ids < <(docker -H "unix://$dir/docker.sock" ps -aq 2>/dev/null || true)
    if ((${#ids[@]})); then docker -H "unix://$dir/docker.sock" rm -f "${ids[@]}" >/dev/null 2>&1 || true; fi
  fi
  if [[ -s "$dir/dockerd.pid" ]]; then stop_pid "$(cat "$dir/dockerd.pid")"; fi
  if [[ -s "$dir/exec/containerd/containerd.pid" ]]; then stop_pid "$(cat "$dir/exec/containerd/containerd.pid")"; fi
  # Overlay layers and the default network namespace stay mounted below DIR: unmount them, deepest first.
  mapfile -t mounts < <(awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r)
  for m in "${mounts[@]}"; do umount -l "$m" 2>/dev/null || true; done
  rm -f "$dir/dockerd.pid" "$dir/docker.sock"
}

# What the demo image was built from: this checkout's path and commit (an engine left up by another
# checkout, a worktree say, holds an image of other sources and is rebuilt before it is reused).
image_stamp() {
  printf '%s %s\n' "$REPO" "$(git -C "$REPO" rev-parse HEAD 2>/dev/null || echo none)"
}

build_image() {
  local dir=$1
  DOCKER_HOST="unix://$dir/docker.sock" bash "$HERE/docker/build-demo-image.sh" "$REPO" "$dir" || return 1
  image_stamp > "$dir/image.stamp"
}

cmd_up() {
  local dir
  dir=$(state_dir)
  if [[ -n "$dir" ]] && alive "$dir"; then
    log "engine already up in $dir"
    if [[ "$(cat "$dir/image.stamp" 2>/dev/null)" != "$(image_stamp)" ]]; then
      log "its demo image was built from other sources: rebuilding it from $REPO"
      build_image "$dir" || return 1
    fi
    print_env "$dir"
    return 0
  fi
  if [[ -n "$dir" ]]; then cmd_down; fi
  dir=$(mktemp -d /tmp/loadcert-docker.XXXXXX)
  echo "$dir" > "$STATE"
  start_engine "$dir" || { cmd_down; return 1; }
  build_image "$dir" || { cmd_down; return 1; }
  print_env "$dir"
}

cmd_down() {
  local dir
  dir=$(state_dir)
  if [[ -z "$dir" || ! -d "$dir" ]]; then rm -f "$STATE"; log "no engine to stop"; return 0; fi
  stop_engine "$dir"
  rm -rf "$dir"
  rm -f "$STATE"
  log "engine in $dir stopped and removed"
}

cmd_env() {
  local dir
  dir=$(state_dir)
  if [[ -n "$dir" ]] && alive "$dir"; then print_env "$dir"; else log "no engine running (run: $0 up)"; return 1; fi
}

usage() { echo "usage: $0 up|down|env|start DIR|stop DIR" >&2; exit 2; }

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  env) cmd_env ;;
  start) [[ -n "${2:-}" ]] || usage; start_engine "$2" ;;
  stop) [[ -n "${2:-}" ]] || usage; if [[ -d "$2" ]]; then stop_engine "$2"; log "engine in $2 stopped"; fi ;;
  *) usage ;;
esac
