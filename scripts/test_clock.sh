#!/usr/bin/env bash
# `make test-clock`: the API and jobs suites again, with every process's clock
# pinned (QSELF_TEST_NOW) at the instants where time-dependent code breaks:
# midnight on the 1st of a month (and of a year), just before, at and after the
# default 20:00 reminder, the end of a UTC day, and both daylight-saving change
# days in Europe and America, just before each change. Time never decides a
# test: every one must pass at each of them. Expects the ASan build.
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

failed=()
for instant in "${INSTANTS[@]}"; do
  echo "--- QSELF_TEST_NOW=$instant"
  if ! QSELF_TEST_NOW=$instant ctest --test-dir "$ASAN_DIR" --output-on-failure --parallel "$PARALLEL" --timeout 300 \
    -R '^(api|jobs)\.'; then
    failed+=("$instant")
  fi
done
echo "pinned instants: $((${#INSTANTS[@]} - ${#failed[@]})) passed, ${#failed[@]} failed"
for instant in "${failed[@]}"; do echo "  failed at $instant"; done
((${#failed[@]} == 0))
