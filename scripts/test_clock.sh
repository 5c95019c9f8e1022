#!/usr/bin/env bash
# `make test-clock`: the API and jobs tests that the current instant can
# change, again, with every process's clock pinned (QSELF_TEST_NOW) at the
# instants where time-dependent code breaks: midnight on the 1st of a month
# (and of a year), just before, at and after the default 20:00 reminder, the
# end of a UTC day, and both daylight-saving change days in Europe and
# America, just before each change. Time never decides a test: every one must
# pass at each of them. Expects the ASan build.
#
# Which tests: those whose assertions rest on "now" (periods, streaks,
# expiry, report ranges, export times) and the cheap ones that run a
# scheduler beside the worker at the test's instant (SMTP retry and timeout:
# a reminder joining their run is what once made the suite red every
# evening). Left out: tests that pin instants of their own (reminders, the
# monthly report), so no ambient instant changes them; tests about
# validation, errors, isolation and throttles; and the long durability runs
# (a worker killed, Redis flushed, the database locked), whose scheduler does
# what the SMTP tests' does. TEST_CLOCK_ALL=1 runs the whole API and jobs
# suites at each instant instead (about a quarter of an hour on two cores:
# run it when you change how qself reads or uses the time).
set -uo pipefail
cd "$(dirname "$0")/.."

ASAN_DIR=${ASAN_DIR:-build-asan}
PARALLEL=${PARALLEL:-$(($(nproc) * 2))}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

INSTANTS=(
  2027-01-01T00:05:00Z # the 1st of a month and of a year, just after midnight UTC
  2027-02-17T19:59:00Z # a minute before the default reminder time (UTC users)
  2027-02-17T20:00:00Z # the default reminder time
  2027-02-17T23:59:00Z # the last minute of a UTC day
  2027-03-14T06:30:00Z # America: 01:30 in New York, half an hour before clocks go forward
  2027-03-28T00:30:00Z # Europe: 01:30 in Paris, half an hour before clocks go forward
  2027-10-31T00:30:00Z # Europe: 02:30 in Paris, half an hour before clocks go back
  2027-11-07T05:30:00Z # America: 01:30 in New York, half an hour before clocks go back
)

if [[ ${TEST_CLOCK_ALL:-0} == 1 ]]; then
  API_TESTS='*'
  JOBS_TESTS='^jobs\.[A-Z]' # the SQLite runs: jobs.pg. are the same tests on PostgreSQL
else
  # gtest filter over the API shards; ctest regex over the jobs tests.
  API_TESTS='StatsTest.*:LogsTest.*:Flow.*:Sessions.*:AccountTokens.*:EmailVerification.*'
  JOBS_TESTS='^jobs\.(DeliveryTest\.(ATemporarySmtp|ASilentSmtp)|JobsTest\.AReportArrives'
  JOBS_TESTS+='|DataTest\.ExportDelete|PasswordResetTest\.AnExpired|EmailVerificationTest\.Unverified)'
fi

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# run_at INSTANT: both selections at that instant; output to a log of its own.
run_at() {
  local instant=$1 log="$logs/$1.log"
  QSELF_TEST_NOW=$instant GTEST_FILTER=$API_TESTS ctest --test-dir "$ASAN_DIR" --output-on-failure \
    --parallel "$((PARALLEL / 2))" --timeout 300 -R "^api\.shard|$JOBS_TESTS" >"$log" 2>&1
  echo "$instant: $(grep -o '[0-9]*% tests passed.*' "$log" || echo 'did not finish')"
}

# Two instants at a time: one's waits (a worker's lease, a scheduler tick)
# are the other's CPU time.
for instant in "${INSTANTS[@]}"; do
  while (($(jobs -rp | wc -l) >= 2)); do wait -n; done
  run_at "$instant" &
done
wait

failed=()
for instant in "${INSTANTS[@]}"; do
  log="$logs/$instant.log"
  if ! grep -q '100% tests passed' "$log"; then
    failed+=("$instant")
    echo
    echo "--- QSELF_TEST_NOW=$instant"
    cat "$log"
  fi
done
echo "pinned instants: $((${#INSTANTS[@]} - ${#failed[@]})) passed, ${#failed[@]} failed"
for instant in "${failed[@]}"; do echo "  failed at $instant"; done
((${#failed[@]} == 0))
