#!/usr/bin/env bash
# Starts the whole app on the embedded default: qself serve, a worker and the
# scheduler on a SQLite file under ./data, a local Redis if none answers, and
# the maildev mail catcher. Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."

export QSELF_DATA_DIR=${QSELF_DATA_DIR:-$PWD/data}
export QSELF_WEB_DIR=${QSELF_WEB_DIR:-$PWD/web/dist}
export QSELF_PORT=${QSELF_PORT:-8080}
export QSELF_BIND=${QSELF_BIND:-127.0.0.1}
export QSELF_REDIS_URL=${QSELF_REDIS_URL:-redis://127.0.0.1:6379/0}
MAIL_SMTP_PORT=${MAIL_SMTP_PORT:-1025}
MAIL_WEB_PORT=${MAIL_WEB_PORT:-1080}
export QSELF_SMTP_URL=${QSELF_SMTP_URL:-smtp://127.0.0.1:$MAIL_SMTP_PORT}
export QSELF_PUBLIC_URL=${QSELF_PUBLIC_URL:-http://$QSELF_BIND:$QSELF_PORT}
mkdir -p "$QSELF_DATA_DIR/redis" "$QSELF_DATA_DIR/mail"

services=()  # Redis and the mail catcher
pids=()      # qself's own processes
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "qself: stopping"
  # qself first, so that no worker is cut off from the Redis it is reading.
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for pid in "${services[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

# Redis: use the one at QSELF_REDIS_URL if it answers, else start one on that port.
# Its memory is bounded (QSELF_REDIS_MAXMEMORY, 256mb) and, when full, it evicts
# only keys with an expiry (volatile-lru): the cache entries, which qself always
# writes with one, and the scheduler's leader lock (safe to lose: fencing), never
# the job stream, the cache versions or the scheduler's counters.
redis_hostport=${QSELF_REDIS_URL#redis://}
redis_hostport=${redis_hostport%%/*}
redis_hostport=${redis_hostport##*@}
redis_host=${redis_hostport%%:*}
redis_port=${redis_hostport##*:}
if ! redis-cli -h "$redis_host" -p "$redis_port" ping >/dev/null 2>&1; then
  echo "qself: starting Redis on $redis_host:$redis_port (data in $QSELF_DATA_DIR/redis)"
  redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$QSELF_DATA_DIR/redis" \
    --appendonly yes --loglevel warning \
    --maxmemory "${QSELF_REDIS_MAXMEMORY:-256mb}" --maxmemory-policy volatile-lru &
  services+=($!)
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
else
  policy=$(redis-cli -h "$redis_host" -p "$redis_port" config get maxmemory-policy 2>/dev/null | tail -n 1)
  case $policy in
    volatile-* | noeviction) ;;
    *) echo "qself: warning: the Redis at $redis_host:$redis_port evicts with '$policy', which can drop the job stream; use volatile-lru" >&2 ;;
  esac
fi

if [[ $QSELF_SMTP_URL == smtp://127.0.0.1:$MAIL_SMTP_PORT ]]; then
  tools/node_modules/.bin/maildev --ip 127.0.0.1 --web-ip 127.0.0.1 --smtp "$MAIL_SMTP_PORT" \
    --web "$MAIL_WEB_PORT" --mail-directory "$QSELF_DATA_DIR/mail" --silent &
  services+=($!)
  echo "qself: mail catcher at http://127.0.0.1:$MAIL_WEB_PORT"
fi

build/qself migrate >/dev/null
build/qself worker &
pids+=($!)
build/qself scheduler &
pids+=($!)
build/qself serve &
pids+=($!)
echo "qself: data in $QSELF_DATA_DIR — press Ctrl-C to stop"
wait -n "${pids[@]}" "${services[@]}"
