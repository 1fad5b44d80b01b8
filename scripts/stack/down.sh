#!/usr/bin/env bash
# Stops everything the stack started: the load balancers, API containers, the private Docker engine, Redis, PostgreSQL,
# and removes the env file. Idempotent. Data (PostgreSQL, the image) is kept for a fast next start;
# --purge also deletes $STACK_STATE.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

"$STACK_ROOT/scripts/stack/balancer.sh" stop-all
bash "$STACK_ROOT/scripts/docker-engine.sh" stop "$DOCKER_DIR"
"$STACK_ROOT/scripts/stack/redis.sh" stop
"$STACK_ROOT/scripts/stack/postgres.sh" stop
rm -f "$STACK_ENV_FILE"
if [[ "${1:-}" == "--purge" ]]; then
  rm -rf "$STACK_STATE" && log "removed $STACK_STATE"
fi
log "stack is down"
