# Shared by the HTTP benchmarks (sourced, not run): free ports, Redis,
# `qself serve`, the request files wrk replays, and one wrk run. Needs WORK
# (a temporary folder the caller removes) and BIN (the release qself).
# Everything listens on 127.0.0.1; traffic goes to loopback only.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Seeds the benchmark data once (build-bench/data/qself.db) and answers its
# path; QSELF_BENCH_DATA names another seeded file (a small one to try a script).
bench_data() {
  if [[ -n ${QSELF_BENCH_DATA:-} ]]; then
    echo "$QSELF_BENCH_DATA"
    return
  fi
  local data=build-bench/data
  if [[ ! -f $data/qself.db ]]; then
    mkdir -p "$data"
    build-bench/bench/qself_seed "sqlite:$data/qself.db" 1000 20 100 1000000 >&2
  fi
  echo "$data/qself.db"
}

# Starts a throwaway Redis; sets REDIS_URL.
start_redis() {
  local port
  port=$(free_port)
  redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no --loglevel warning >/dev/null &
  REDIS_URL=redis://127.0.0.1:$port/0
  for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && return; sleep 0.1; done
}

# start_server NAME [VAR=value...]: `qself serve` with data folder $WORK/NAME
# (its SQLite file, unless QSELF_DATABASE is given); sets SERVER_PORT and SERVER_PID.
start_server() {
  local name=$1
  shift
  mkdir -p "$WORK/$name"
  SERVER_PORT=$(free_port)
  env QSELF_PORT="$SERVER_PORT" QSELF_DATA_DIR="$WORK/$name" QSELF_ACCESS_LOG=0 QSELF_REDIS_URL="$REDIS_URL" \
    QSELF_WEB_DIR="$WORK/none" "$@" "$BIN" serve >"$WORK/$name.out" 2>"$WORK/$name.err" &
  SERVER_PID=$!
  for _ in $(seq 300); do grep -q listening "$WORK/$name.out" 2>/dev/null && return; sleep 0.1; done
  echo "bench: $name did not start: $(cat "$WORK/$name.err")" >&2
  return 1
}

login() {  # login API EMAIL: answers a session token
  curl -sf -X POST "$1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$2\",\"password\":\"bench-password\"}" | sed -E 's/.*"token":"([^"]+)".*/\1/'
}

# prepare_requests URL: logs in 64 users and the heavy one through URL and
# writes the request files of each scenario into $WORK (health, dashboard,
# dashboard_one, logs, write, login, stats); sets STATS_PATH and HEAVY_TOKEN.
prepare_requests() {
  local api=$1/api/v1 token tracker heavy_tracker from to
  : >"$WORK/dashboard"; : >"$WORK/logs"; : >"$WORK/write"; : >"$WORK/login"
  for u in $(seq 0 63); do
    token=$(login "$api" "user$u@bench.test")
    tracker=$(curl -sf "$api/trackers" -H "Authorization: Bearer $token" | grep -oE '"id":[0-9]+' | head -1 | cut -d: -f2)
    echo "GET /api/v1/trackers $token" >>"$WORK/dashboard"
    echo "GET /api/v1/trackers/$tracker/logs $token" >>"$WORK/logs"
    echo "POST /api/v1/trackers/$tracker/logs $token {\"value\":3}" >>"$WORK/write"
    echo "POST /api/v1/auth/login none {\"email\":\"user$u@bench.test\",\"password\":\"bench-password\"}" >>"$WORK/login"
  done
  head -1 "$WORK/dashboard" >"$WORK/dashboard_one"
  HEAVY_TOKEN=$(login "$api" heavy@bench.test)
  heavy_tracker=$(curl -sf "$api/trackers" -H "Authorization: Bearer $HEAVY_TOKEN" | grep -oE '"id":[0-9]+' | head -1 | cut -d: -f2)
  from=$(date -u -d '365 days ago' +%Y-%m-%dT00:00:00Z)
  to=$(date -u -d 'tomorrow' +%Y-%m-%dT00:00:00Z)
  STATS_PATH="/api/v1/trackers/$heavy_tracker/stats?bucket=day&from=$from&to=$to"
  echo "GET $STATS_PATH $HEAVY_TOKEN" >"$WORK/stats"
  echo "GET /api/v1/health none" >"$WORK/health"
}

peak_rss() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

# run NAME CONNECTIONS FILE URL [PID]: one wrk run of DURATION replaying
# $WORK/FILE against URL; prints requests/s, p50/p99, errors (and PID's peak RSS).
run() {
  local out rss=""
  out=$(QSELF_REQUESTS=$WORK/$3 wrk -t2 -c"$2" -d"$DURATION" -s bench/wrk/requests.lua "$4" 2>&1 | grep QSELF)
  [[ -n ${5:-} ]] && rss=" peak_rss_mb=$(peak_rss "$5")"
  printf "%-34s c=%-4s %s%s\n" "$1" "$2" "${out#QSELF }" "$rss"
}
