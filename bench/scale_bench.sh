#!/usr/bin/env bash
# Outgrowing one machine, measured in one run on this machine:
#   bench/scale_bench.sh [duration=10s]
# 1. copy-database: the benchmark data (bench_data in common.sh) from SQLite
#    into a throwaway PostgreSQL 15 and back, rows/s each way;
# 2. the same HTTP scenarios as http_bench.sh on one server on SQLite and one
#    on that PostgreSQL (writes also with synchronous_commit=off, the
#    durability SQLite's synchronous=NORMAL gives);
# 3. one and then two servers on PostgreSQL behind HAProxy (plain HTTP on
#    loopback, round robin, the shipped config's balancing without its TLS).
# PostgreSQL listens on a unix socket in a temporary folder, HAProxy and the
# servers on 127.0.0.1: traffic goes to loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-10s}
BIN=build-bench/qself
PG_BIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d)
PG_DIR=$(mktemp -d)  # its own: PostgreSQL runs as `postgres` when we are root
stop_all() {
  kill $(jobs -p) 2>/dev/null || true
  wait 2>/dev/null || true
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK" "$PG_DIR"
}
trap stop_all EXIT
source bench/common.sh

as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

DATA=$(bench_data)
start_redis

[[ $(id -u) == 0 ]] && chown postgres "$PG_DIR"
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w start \
  -o "-k $PG_DIR -c listen_addresses= -c max_connections=200 -c shared_buffers=256MB" >/dev/null
psql -h "$PG_DIR" -U postgres -d postgres -qc "CREATE DATABASE qself" -c "CREATE DATABASE back"
PG_URL="postgresql:///qself?host=$PG_DIR&user=postgres"

mkdir -p "$WORK/sqlite"
cp "$DATA" "$WORK/sqlite/qself.db"  # every run starts from the same data, migrated
QSELF_DATABASE="sqlite:$WORK/sqlite/qself.db" "$BIN" migrate >/dev/null
echo "copy-database, $(du -m "$WORK/sqlite/qself.db" | cut -f1) MB SQLite file of benchmark data"
copy_line() {
  "$BIN" copy-database --from "$1" --to "$2" 2>"$WORK/copy.err" >"$WORK/copy.out" || { cat "$WORK/copy.err" >&2; exit 1; }
  tail -1 "$WORK/copy.out" | sed -E 's/;.*//'
}
echo "  SQLite -> PostgreSQL: $(copy_line "sqlite:$WORK/sqlite/qself.db" "$PG_URL")"
echo "  PostgreSQL -> SQLite: $(copy_line "$PG_URL" "sqlite:$WORK/back.db")"
psql -h "$PG_DIR" -U postgres -d qself -qc "VACUUM ANALYZE"

start_server sqlite
SQLITE_URL=http://127.0.0.1:$SERVER_PORT
SQLITE_PID=$SERVER_PID
start_server pg1 QSELF_DATABASE="$PG_URL"
PG1_URL=http://127.0.0.1:$SERVER_PORT
PG1_PID=$SERVER_PID
start_server pg2 QSELF_DATABASE="$PG_URL"
PG2_PORT=$SERVER_PORT
PG1_PORT=${PG1_URL##*:}

# balancer NAME PORT...: HAProxy in front of the servers on PORT...; sets LB_URL.
balancer() {
  local name=$1 port
  shift
  port=$(free_port)
  {
    printf 'global\n  maxconn 4000\ndefaults\n  mode http\n  timeout connect 5s\n  timeout client 60s\n  timeout server 60s\n'
    printf 'frontend web\n  bind 127.0.0.1:%s\n  default_backend qself\nbackend qself\n  balance roundrobin\n' "$port"
    local i=0
    for p in "$@"; do i=$((i + 1)); printf '  server app%s 127.0.0.1:%s\n' "$i" "$p"; done
  } >"$WORK/$name.cfg"
  haproxy -f "$WORK/$name.cfg" -db >"$WORK/$name.log" 2>&1 &
  LB_URL=http://127.0.0.1:$port
  for _ in $(seq 50); do curl -sf "$LB_URL/api/v1/health" >/dev/null && return; sleep 0.1; done
}

echo "bench: logging in 64 users on each database"
prepare_requests "$SQLITE_URL"
mkdir -p "$WORK/req-sqlite"
cp "$WORK"/{health,dashboard,dashboard_one,logs,stats,write} "$WORK/req-sqlite/"
prepare_requests "$PG1_URL"  # sessions are rows: the PostgreSQL servers need their own

echo "scenario                           conns  figures"
for scenario in "dashboard GET /trackers (20):dashboard" "logs first page:logs" \
  "stats 1y daily, 1M-log tracker:stats" "log writes, 64 users:write"; do
  name=${scenario%%:*}
  file=${scenario##*:}
  run "SQLite     $name" 64 "req-sqlite/$file" "$SQLITE_URL" "$SQLITE_PID"
  run "PostgreSQL $name" 64 "$file" "$PG1_URL" "$PG1_PID"
done
psql -h "$PG_DIR" -U postgres -d postgres -qc "ALTER SYSTEM SET synchronous_commit = off" -c "SELECT pg_reload_conf()" >/dev/null
run "PostgreSQL log writes, synchronous_commit=off" 64 write "$PG1_URL" "$PG1_PID"
psql -h "$PG_DIR" -U postgres -d postgres -qc "ALTER SYSTEM RESET synchronous_commit" -c "SELECT pg_reload_conf()" >/dev/null

balancer one "$PG1_PORT"
for file in dashboard logs write; do run "HAProxy, 1 server: $file" 64 "$file" "$LB_URL"; done
balancer two "$PG1_PORT" "$PG2_PORT"
for file in dashboard logs write; do run "HAProxy, 2 servers: $file" 64 "$file" "$LB_URL"; done
