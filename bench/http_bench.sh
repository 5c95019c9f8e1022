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
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
source bench/common.sh

DATA=$(bench_data)
mkdir -p "$WORK/main"
cp "$DATA" "$WORK/main/qself.db"  # every run starts from the same data
start_redis
start_server main
SERVER=$SERVER_PID
URL=http://127.0.0.1:$SERVER_PORT

echo "bench: logging in 64 users"
prepare_requests "$URL"

# One uncached stats request, timed on its own.
stats_ms=$(curl -s -o /dev/null -w '%{time_total}' "$URL$STATS_PATH" -H "Authorization: Bearer $HEAVY_TOKEN" | awk '{printf "%.1f", $1*1000}')
echo "stats 1y daily on 1M logs, first (uncached) request: ${stats_ms} ms"

echo "scenario                           conns  figures"
run "health (HTTP ceiling)" 64 health "$URL" "$SERVER"
run "dashboard GET /trackers (20)" 64 dashboard "$URL" "$SERVER"
run "dashboard, one user" 64 dashboard_one "$URL" "$SERVER"
run "logs first page" 64 logs "$URL" "$SERVER"
run "stats 1y daily, 1M-log tracker" 64 stats "$URL" "$SERVER"
run "log writes, 64 users" 64 write "$URL" "$SERVER"
run "login (argon2id, capped)" 4 login "$URL" "$SERVER"
echo "server peak RSS: $(peak_rss "$SERVER") MB"

# 10,000 idle, silent and slowloris connections, held: a second server whose
# timeouts are long enough that it keeps every one of them (the worst case
# for its memory), while fresh requests are timed.
start_server idle QSELF_DATABASE="sqlite:$WORK/main/qself.db" QSELF_KEEP_ALIVE_SECONDS=300 QSELF_REQUEST_TIMEOUT_SECONDS=300
python3 bench/idle_connections.py "$SERVER_PORT" 10000 "$SERVER_PID"
