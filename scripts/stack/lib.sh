#!/usr/bin/env bash
# Shared settings of the enterprise-docs stack scripts (sourced, not run).
# Every port is on 127.0.0.1 and may be overridden from the environment.
# shellcheck disable=SC2034 # the settings are used by the scripts that source this file

STACK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STACK_TARGET_DIR="$STACK_ROOT/targets/enterprise-docs"
# Small, git-ignored folder in the work tree holding only the env file the tests and scenarios read.
STACK_ENV_DIR="${LOADCERT_STACK_ENV_DIR:-$STACK_ROOT/.stack}"
STACK_ENV_FILE="$STACK_ENV_DIR/env"
# Heavy state (PostgreSQL data, Docker data-root, published app, rootfs) lives outside the work tree.
STACK_STATE="${LOADCERT_STACK_STATE:-/tmp/loadcert-stack}"

PG_PORT="${STACK_PG_PORT:-55432}"
REDIS_PORT="${STACK_REDIS_PORT:-56379}"
# The API's public plain port, the one a user meets: it answers every request 307 to the HTTPS port, as
# ASP.NET Core's default template does (UseHttpsRedirection).
API_PORT="${STACK_API_PORT:-5080}"
# The main replica's HTTPS port (HTTP/1.1 and HTTP/2), where the API is served.
API_HTTPS_PORT="${STACK_API_HTTPS_PORT:-5443}"
# The main replica's plain HTTP for the consumers that sit behind or beside it, as the backends of a
# TLS-terminating proxy: the HAProxy balancer (its backends and health checks), the readiness probe, and
# the stack tests' own clients (BASE_URL in .stack/env); not the port a user is given.
API_BACKEND_PORT="${STACK_API_BACKEND_PORT:-5082}"
# The second replica: a balancer backend only, plain.
API2_PORT="${STACK_API2_PORT:-5081}"
# The load balancer of up.sh --balancer (scripts/stack/balancer.sh: HAProxy over both replicas).
BALANCER_PORT="${STACK_BALANCER_PORT:-5088}"
BALANCER_NAME="enterprise-docs-lb"
# The newest installed PostgreSQL's bin folder, or nothing (so deps.sh can install it) when none is.
newest_pg_bin() {
  local dirs=(/usr/lib/postgresql/*/bin)
  [[ -d "${dirs[0]}" ]] || return 0
  printf '%s\n' "${dirs[@]}" | sort -V | tail -n 1
}
PG_BIN="${STACK_PG_BIN:-$(newest_pg_bin)}"

# The private CA and the server certificate (scripts/stack/tls.sh), mounted read-only into the replicas.
TLS_DIR="$STACK_STATE/tls"
DOCKER_DIR="$STACK_STATE/docker"
STACK_DOCKER_HOST="unix://$DOCKER_DIR/docker.sock"
IMAGE_NAME="enterprise-docs-api:latest"
CONTAINER_NAME="enterprise-docs-api"
COMPOSE_PROJECT="enterprise-docs"

log() { printf '[stack] %s\n' "$*" >&2; }
die() { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

# Runs the docker client against the stack's own engine.
dk() { DOCKER_HOST="$STACK_DOCKER_HOST" docker "$@"; }

# True when a PID file names a live process.
# A PID file's process is alive: it exists and is not a zombie (a daemon killed with SIGKILL stays a zombie
# where PID 1 does not reap, as in some containers; a zombie must not count as a running Redis).
# Keeps PORT out of the kernel's ephemeral range (best effort; needs root): a load test's client socket that
# happens to take 127.0.0.1:PORT as its local port (55432 and 56379 lie in 32768-60999) makes the next
# start of PostgreSQL or Redis fail with "Address already in use" (seen here after a bench's many connections).
reserve_port() {
  local f=/proc/sys/net/ipv4/ip_local_reserved_ports cur
  [[ -w "$f" ]] || return 0
  cur="$(cat "$f")"
  [[ ",$cur," == *",$1,"* ]] && return 0
  echo "${cur:+$cur,}$1" > "$f" 2>/dev/null || true
}

pid_alive() {
  [[ -s "$1" ]] || return 1
  local p state
  p="$(cat "$1")"
  kill -0 "$p" 2>/dev/null || return 1
  state="$(cut -d' ' -f3 "/proc/$p/stat" 2>/dev/null || true)"
  [[ "$state" != Z ]]
}

# Waits until a URL answers (any HTTP status given as $2, default 200) or the timeout ($3 s) passes;
# further arguments go to curl (e.g. --cacert FILE for an https URL).
wait_http() {
  local url="$1" want="${2:-200}" timeout="${3:-60}" code i
  shift 3 || shift $#
  for ((i = 0; i < timeout * 4; i++)); do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" "$url" || true)"
    [[ "$code" == "$want" ]] && return 0
    sleep 0.25
  done
  return 1
}

# The API token: LOADCERT_API_TOKEN if set, else one generated once and kept in the state folder.
stack_token() {
  if [[ -n "${LOADCERT_API_TOKEN:-}" ]]; then printf '%s' "$LOADCERT_API_TOKEN"; return; fi
  mkdir -p "$STACK_STATE"
  if [[ ! -s "$STACK_STATE/token" ]]; then
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$STACK_STATE/token"
  fi
  cat "$STACK_STATE/token"
}
