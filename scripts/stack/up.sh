#!/usr/bin/env bash
# Builds and starts the enterprise-docs stack on this machine (loopback only) and writes the env file.
#   scripts/stack/up.sh [--replicas 2] [--backplane] [--health-auth] [KEY=VALUE ...]
# --replicas 2   also starts enterprise-docs-api-2 on $STACK_API2_PORT (default 5081)
# --backplane    REDIS_BACKPLANE=true on every replica (implied by --replicas 2)
# --health-auth  HEALTH_REQUIRE_AUTH=true: reproduces the health-401 fault
# --balancer     HAProxy with health checks on $STACK_BALANCER_PORT (default 5088) over both replicas (implies
#                --replicas 2; scripts/stack/balancer.sh); --balancer-no-check: the same without health checks
# KEY=VALUE      extra environment for the replicas (e.g. FAULT_SLOW_QUERY_MS=150)
# PostgreSQL and Redis run as local processes; the API runs in a container of a private Docker engine.
# The main replica serves the API over HTTPS (HTTP/1.1 and HTTP/2) on $STACK_API_HTTPS_PORT (default 5443)
# with a certificate of the stack's private CA (scripts/stack/tls.sh); its public plain port
# $STACK_API_PORT (default 5080) redirects (307) to it, as ASP.NET Core's template; its plain
# $STACK_API_BACKEND_PORT (default 5082) is for what sits behind or beside it: the balancer, readiness,
# the stack tests' clients (BASE_URL).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

replicas=1; extra=(); balancer=""
while (($#)); do
  case "$1" in
    --replicas) replicas="${2:?}"; shift ;;
    --backplane) extra+=(REDIS_BACKPLANE=true) ;;
    --health-auth) extra+=(HEALTH_REQUIRE_AUTH=true) ;;
    --balancer) balancer=check; replicas=2 ;;
    --balancer-no-check) balancer=no-check; replicas=2 ;;
    *=*) extra+=("$1") ;;
    *) die "unknown argument: $1" ;;
  esac
  shift
done
((replicas >= 2)) && [[ " ${extra[*]-} " != *" REDIS_BACKPLANE=true "* ]] && extra+=(REDIS_BACKPLANE=true)

[[ "$(id -u)" == 0 ]] || die "run as root (starts dockerd and PostgreSQL as the postgres user)"
started=$(date +%s)
"$STACK_ROOT/scripts/stack/deps.sh"
mkdir -p "$STACK_STATE"
"$STACK_ROOT/scripts/stack/postgres.sh" start
"$STACK_ROOT/scripts/stack/redis.sh" start
"$STACK_ROOT/scripts/stack/tls.sh"
bash "$STACK_ROOT/scripts/docker-engine.sh" start "$DOCKER_DIR"
"$STACK_ROOT/scripts/stack/image.sh"
"$STACK_ROOT/scripts/stack/replica.sh" start "$CONTAINER_NAME" "$API_BACKEND_PORT" "${extra[@]}" \
  "HTTPS_PORT=$API_HTTPS_PORT" "HTTP_REDIRECT_PORT=$API_PORT"
if ((replicas >= 2)); then
  "$STACK_ROOT/scripts/stack/replica.sh" start "$CONTAINER_NAME-2" "$API2_PORT" "${extra[@]}"
else
  "$STACK_ROOT/scripts/stack/replica.sh" stop "$CONTAINER_NAME-2" 2>/dev/null
fi
# The load balancer (resilience scenario): HAProxy over both replicas, with or without health checks.
if [[ -n "$balancer" ]]; then
  lb_opts=(); [[ "$balancer" == no-check ]] && lb_opts=(--no-check)
  "$STACK_ROOT/scripts/stack/balancer.sh" start "$BALANCER_NAME" "$BALANCER_PORT" "${lb_opts[@]}" "$API_BACKEND_PORT" "$API2_PORT"
else
  "$STACK_ROOT/scripts/stack/balancer.sh" stop "$BALANCER_NAME"
fi

mkdir -p "$STACK_ENV_DIR"
printf '*\n' > "$STACK_ENV_DIR/.gitignore"
{
  echo "# enterprise-docs stack, written by scripts/stack/up.sh at $(date -u +%FT%TZ)"
  echo "BASE_URL=http://127.0.0.1:$API_BACKEND_PORT"
  ((replicas >= 2)) && echo "BASE_URL_2=http://127.0.0.1:$API2_PORT"
  echo "HTTPS_URL=https://127.0.0.1:$API_HTTPS_PORT"
  echo "REDIRECT_URL=http://127.0.0.1:$API_PORT"
  echo "TLS_CA=$TLS_DIR/ca.crt"
  echo "API_TOKEN=$(stack_token)"
  echo "HUB_PATH=/hubs/documents"
  echo "DOCKER_HOST=$STACK_DOCKER_HOST"
  echo "CONTAINER=$CONTAINER_NAME"
  echo "COMPOSE_PROJECT=$COMPOSE_PROJECT"
  echo "PG_URL=postgresql://docs@127.0.0.1:$PG_PORT/docs"
  echo "PG_PID=$("$STACK_ROOT/scripts/stack/postgres.sh" pid)"
  echo "REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
  echo "REDIS_PID=$("$STACK_ROOT/scripts/stack/redis.sh" pid)"
  echo "REPLICAS=$replicas"
  echo "REPLICA_ENV=${extra[*]-}"
  if [[ -n "$balancer" ]]; then
    echo "BALANCER_URL=http://127.0.0.1:$BALANCER_PORT"
    echo "BALANCER_CHECKS=$([[ "$balancer" == check ]] && echo on || echo off)"
    echo "BALANCER_PID=$("$STACK_ROOT/scripts/stack/balancer.sh" pid "$BALANCER_NAME")"
    echo "CONTAINER_2=$CONTAINER_NAME-2"
  fi
} > "$STACK_ENV_FILE"

cat <<MSG
enterprise-docs stack is up in $(( $(date +%s) - started )) s
  API        https://127.0.0.1:$API_HTTPS_PORT/api/documents   (HTTP/1.1 and HTTP/2; Authorization: Bearer \$API_TOKEN; CA $TLS_DIR/ca.crt)
  redirect   http://127.0.0.1:$API_PORT -> 307 to https://127.0.0.1:$API_HTTPS_PORT (UseHttpsRedirection)
  health     https://127.0.0.1:$API_HTTPS_PORT/health  /health/detailed  /api/health
  hub        https://127.0.0.1:$API_HTTPS_PORT/hubs/documents
  backend    http://127.0.0.1:$API_BACKEND_PORT (plain: the balancer, readiness, the stack tests' BASE_URL)
MSG
((replicas >= 2)) && echo "  replica 2  http://127.0.0.1:$API2_PORT (Redis backplane on)"
[[ -n "$balancer" ]] && echo "  balancer   http://127.0.0.1:$BALANCER_PORT (HAProxy over both replicas, health checks $([[ "$balancer" == check ]] && echo on || echo off))"
cat <<MSG
  PostgreSQL 127.0.0.1:$PG_PORT (db docs, user docs)   Redis 127.0.0.1:$REDIS_PORT
  Docker     $STACK_DOCKER_HOST  container $CONTAINER_NAME
  env file   $STACK_ENV_FILE   (set -a; . $STACK_ENV_FILE; set +a)
  stop with  npm run stack:down
MSG
