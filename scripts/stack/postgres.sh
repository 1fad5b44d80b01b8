#!/usr/bin/env bash
# start|stop PostgreSQL as a local process on 127.0.0.1:$PG_PORT, data under $STACK_STATE/pg.
# Runs as the 'postgres' system user (the server refuses root). Loopback-only trust authentication:
# this is a disposable test database reachable only from this machine.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PGDATA="$STACK_STATE/pg/data"
PGSOCK="$STACK_STATE/pg/sock"
as_pg() { runuser -u postgres -- "$@"; }

start() {
  reserve_port "$PG_PORT"
  [[ -x "$PG_BIN/postgres" ]] || die "PostgreSQL binaries not found (run scripts/stack/deps.sh)"
  mkdir -p "$STACK_STATE/pg" "$PGSOCK"
  chown postgres: "$STACK_STATE/pg" "$PGSOCK"
  chmod 755 "$STACK_STATE"
  if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
    log "initdb $PGDATA"
    as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$PGDATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PGSOCK'
max_connections = 200
shared_buffers = 128MB
synchronous_commit = off
log_min_duration_statement = -1
CONF
  fi
  if as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    log "PostgreSQL already running on 127.0.0.1:$PG_PORT"
  else
    # pg_stat_statements preloaded (also for a data folder made before it was): the probe's statement time
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$STACK_STATE/pg/server.log" -o "-c shared_preload_libraries=pg_stat_statements" -w -t 60 start >/dev/null
    log "PostgreSQL started on 127.0.0.1:$PG_PORT"
  fi
  # Answers are read whole into a variable (no early-exiting reader such as grep -q on psql's pipe).
  [[ "$(as_pg psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='docs'")" == 1 ]] \
    || as_pg psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE ROLE docs LOGIN"
  [[ "$(as_pg psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='docs'")" == 1 ]] \
    || as_pg psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE docs OWNER docs"
  # the PostgreSQL probe (resources.postgres) reads statement times from it, and sees every session as pg_monitor
  as_pg psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d docs -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; GRANT pg_monitor TO docs" >/dev/null
}

stop() {
  if [[ -s "$PGDATA/postmaster.pid" ]] && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null && log "PostgreSQL stopped"
  fi
}

pid() { [[ -s "$PGDATA/postmaster.pid" ]] && head -n 1 "$PGDATA/postmaster.pid"; }

"${1:?usage: postgres.sh start|stop|pid}"
