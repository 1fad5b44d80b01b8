#!/usr/bin/env bash
# Runs one API replica as a container of the stack's engine.
#   replica.sh start NAME PORT [KEY=VALUE ...]   (re)creates container NAME listening on 127.0.0.1:PORT,
#                                                extra KEY=VALUE become its environment (e.g.
#                                                HEALTH_REQUIRE_AUTH=true, REDIS_BACKPLANE=true), then
#                                                waits until /health answers (200, or 401 with the fault);
#                                                HTTPS_PORT=P also serves HTTPS on P with the stack's
#                                                certificate (TLS_DIR mounted at /tls) and waits for it,
#                                                HTTP_REDIRECT_PORT=R adds a plain port redirecting to it
#   replica.sh stop NAME                         removes the container (no error when absent)
# Containers get --network host, --memory ${STACK_API_MEMORY:-512m}, --restart on-failure:3 and the
# label com.docker.compose.project=enterprise-docs so the Docker sampler finds them.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

start() {
  local name="${1:?name}" port="${2:?port}"; shift 2
  local token; token="$(stack_token)"
  local envs=(
    -e "API_PORT=$port" -e "LOADCERT_API_TOKEN=$token" -e "REPLICA_NAME=$name"
    -e "PG_CONNECTION=Host=127.0.0.1;Port=$PG_PORT;Username=docs;Database=docs;Maximum Pool Size=${STACK_PG_POOL:-40}"
    -e "REDIS_CONNECTION=127.0.0.1:$REDIS_PORT"
  )
  local kv wait_code=200 https_port="" mounts=()
  for kv in "$@"; do
    envs+=(-e "$kv")
    [[ "$kv" == "HEALTH_REQUIRE_AUTH=true" ]] && wait_code=401
    [[ "$kv" == HTTPS_PORT=* ]] && https_port="${kv#HTTPS_PORT=}"
  done
  if [[ -n "$https_port" ]]; then
    [[ -s "$TLS_DIR/server.crt" ]] || die "no server certificate in $TLS_DIR (run scripts/stack/tls.sh)"
    mounts=(-v "$TLS_DIR:/tls:ro")
    envs+=(-e TLS_CERT=/tls/server.crt -e TLS_KEY=/tls/server.key)
  fi
  dk rm -f "$name" >/dev/null 2>&1 || true
  dk run -d --name "$name" --network host --memory "${STACK_API_MEMORY:-512m}" --memory-swap "${STACK_API_MEMORY:-512m}" \
    --restart on-failure:3 --label "com.docker.compose.project=$COMPOSE_PROJECT" \
    --label "com.docker.compose.service=api" "${mounts[@]}" "${envs[@]}" "$IMAGE_NAME" >/dev/null
  if ! wait_http "http://127.0.0.1:$port/health" "$wait_code" "${STACK_WAIT_SECONDS:-90}"; then
    dk logs --tail 40 "$name" >&2 || true
    die "replica $name did not answer /health with $wait_code on 127.0.0.1:$port"
  fi
  if [[ -n "$https_port" ]] && ! wait_http "https://127.0.0.1:$https_port/health" "$wait_code" 30 --cacert "$TLS_DIR/ca.crt"; then
    dk logs --tail 40 "$name" >&2 || true
    die "replica $name did not answer https://127.0.0.1:$https_port/health with $wait_code (CA $TLS_DIR/ca.crt)"
  fi
  log "replica $name ready on http://127.0.0.1:$port${https_port:+ and https://127.0.0.1:$https_port}"
}

stop() {
  local name="${1:?name}"
  if dk rm -f "$name" >/dev/null 2>&1; then log "replica $name removed"; fi
}

cmd="${1:?usage: replica.sh start NAME PORT [KEY=VALUE ...] | stop NAME}"; shift
"$cmd" "$@"
