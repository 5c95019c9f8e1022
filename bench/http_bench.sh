#!/usr/bin/env bash
# HTTP load benchmarks against a release qself on 127.0.0.1 with seeded data.
#   bench/http_bench.sh [duration=10s]
# Seeds bench data once (build-bench/data), starts Redis and qself serve on free
# ports, and prints one line per scenario: requests/s, p50/p99 latency, errors,
# and the server's peak RSS. Traffic goes to loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-10s}
ulimit -n "$(ulimit -Hn)"  # the idle scenario holds 10,000 sockets
BIN=build-bench/qself
SEED=build-bench/bench/qself_seed
DATA=build-bench/data
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

if [[ ! -f $DATA/qself.db ]]; then
  mkdir -p "$DATA"
  "$SEED" "sqlite:$DATA/qself.db" 1000 20 100 1000000
fi
cp "$DATA/qself.db" "$WORK/qself.db"  # every run starts from the same data

REDIS_PORT=$(free_port)
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --loglevel warning >/dev/null &
PORT=$(free_port)
QSELF_PORT=$PORT QSELF_DATA_DIR=$WORK QSELF_ACCESS_LOG=0 QSELF_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0 \
  QSELF_WEB_DIR=$WORK/none "$BIN" serve >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER=$!
for _ in $(seq 100); do grep -q listening "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
URL=http://127.0.0.1:$PORT
API=$URL/api/v1

login() {
  curl -sf -X POST "$API/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"bench-password\"}" | sed -E 's/.*"token":"([^"]+)".*/\1/'
}

echo "bench: logging in 64 users"
: >"$WORK/dashboard" ; : >"$WORK/logs" ; : >"$WORK/write" ; : >"$WORK/login"
for u in $(seq 0 63); do
  token=$(login "user$u@bench.test")
  tracker=$(curl -sf "$API/trackers" -H "Authorization: Bearer $token" | grep -oE '"id":[0-9]+' | head -1 | cut -d: -f2)
  echo "GET /api/v1/trackers $token" >>"$WORK/dashboard"
  echo "GET /api/v1/trackers/$tracker/logs $token" >>"$WORK/logs"
  echo "POST /api/v1/trackers/$tracker/logs $token {\"value\":3}" >>"$WORK/write"
  echo "POST /api/v1/auth/login none {\"email\":\"user$u@bench.test\",\"password\":\"bench-password\"}" >>"$WORK/login"
done
head -1 "$WORK/dashboard" >"$WORK/dashboard_one"
heavy=$(login heavy@bench.test)
heavy_tracker=$(curl -sf "$API/trackers" -H "Authorization: Bearer $heavy" | grep -oE '"id":[0-9]+' | head -1 | cut -d: -f2)
from=$(date -u -d '365 days ago' +%Y-%m-%dT00:00:00Z)
to=$(date -u -d 'tomorrow' +%Y-%m-%dT00:00:00Z)
stats_path="/api/v1/trackers/$heavy_tracker/stats?bucket=day&from=$from&to=$to"
echo "GET $stats_path $heavy" >"$WORK/stats"
echo "GET /api/v1/health none" >"$WORK/health"

peak_rss() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$SERVER/status"; }

run() {  # name connections file
  local out
  out=$(QSELF_REQUESTS=$WORK/$3 wrk -t2 -c"$2" -d"$DURATION" -s bench/wrk/requests.lua "$URL" 2>&1 | grep QSELF)
  printf "%-34s c=%-4s %s peak_rss_mb=%s\n" "$1" "$2" "${out#QSELF }" "$(peak_rss)"
}

# One uncached stats request, timed on its own.
stats_ms=$(curl -s -o /dev/null -w '%{time_total}' "$URL$stats_path" -H "Authorization: Bearer $heavy" | awk '{printf "%.1f", $1*1000}')
echo "stats 1y daily on 1M logs, first (uncached) request: ${stats_ms} ms"

echo "scenario                           conns  figures"
run "health (HTTP ceiling)" 64 health
run "dashboard GET /trackers (20)" 64 dashboard
run "dashboard, one user" 64 dashboard_one
run "logs first page" 64 logs
run "stats 1y daily, 1M-log tracker" 64 stats
run "log writes, 64 users" 64 write
run "login (argon2id, capped)" 4 login
echo "server peak RSS: $(peak_rss) MB"

# 10,000 idle, silent and slowloris connections, held: a second server whose
# timeouts are long enough that it keeps every one of them (the worst case
# for its memory), while fresh requests are timed.
IDLE_PORT=$(free_port)
QSELF_PORT=$IDLE_PORT QSELF_DATA_DIR=$WORK QSELF_ACCESS_LOG=0 QSELF_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0 \
  QSELF_WEB_DIR=$WORK/none QSELF_KEEP_ALIVE_SECONDS=300 QSELF_REQUEST_TIMEOUT_SECONDS=300 \
  "$BIN" serve >"$WORK/idle.out" 2>"$WORK/idle.err" &
IDLE_SERVER=$!
for _ in $(seq 100); do grep -q listening "$WORK/idle.out" 2>/dev/null && break; sleep 0.1; done
python3 bench/idle_connections.py "$IDLE_PORT" 10000 "$IDLE_SERVER"
