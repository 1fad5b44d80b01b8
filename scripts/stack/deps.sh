#!/usr/bin/env bash
# Installs what the stack needs from Debian's packages when it is missing: PostgreSQL, Redis, the
# Docker engine, curl, openssl (the private CA and the API's certificate), HAProxy (up.sh --balancer). (The .NET SDK is on the machine; the Docker client may be too.)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

missing=()
[[ -n "$PG_BIN" && -x "$PG_BIN/postgres" ]] || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v dockerd >/dev/null || missing+=(docker.io)
command -v curl >/dev/null || missing+=(curl)
command -v openssl >/dev/null || missing+=(openssl)
command -v haproxy >/dev/null || missing+=(haproxy) # the load balancer of up.sh --balancer (balancer.sh)
if ((${#missing[@]})); then
  log "installing from apt: ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null || die "dotnet (the .NET SDK 10) is required to publish the API"
command -v docker >/dev/null || die "the docker client is missing (package docker.io provides it)"
