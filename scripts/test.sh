#!/usr/bin/env bash
# `make test`: builds once, then runs every suite — each one even when an
# earlier one failed — and ends with a summary that names each suite's result.
# Exits non-zero if anything failed. Expects `make setup` to have run.
set -uo pipefail
cd "$(dirname "$0")/.."

ASAN_DIR=${ASAN_DIR:-build-asan}
# Most tests wait on processes, sockets and timers rather than the CPU: twice
# as many at once as there are cores keeps both busy.
PARALLEL=${PARALLEL:-$(($(nproc) * 2))}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

names=() results=() seconds=()
passed=0 failed=0

# run_suite NAME COMMAND...: runs it, keeps its result and duration.
run_suite() {
  local name=$1 start=$SECONDS
  shift
  echo
  echo "=== $name"
  if "$@"; then
    results+=(passed)
    passed=$((passed + 1))
  else
    results+=(FAILED)
    failed=$((failed + 1))
  fi
  names+=("$name")
  seconds+=($((SECONDS - start)))
}

ctest_suite() {
  ctest --test-dir "$ASAN_DIR" --output-on-failure --parallel "$PARALLEL" --timeout 300 "$@"
}

build() {
  cmake -S . -B "$ASAN_DIR" -G Ninja -DQSELF_WERROR=ON -DCMAKE_BUILD_TYPE=Debug -DQSELF_SANITIZE=ON >/dev/null &&
    cmake --build "$ASAN_DIR" --parallel "$(nproc)" &&
    (cd web && npx --no-install vite build --logLevel warn)
}

run_suite "build (C++ with ASan+UBSan, web app)" build
if [[ ${results[0]} == passed ]]; then
  run_suite "C++ format (clang-format)" bash -c 'git ls-files -z "*.cpp" "*.hpp" | xargs -0 clang-format --dry-run --Werror'
  run_suite "web checks (vue-tsc, ESLint, Prettier)" npm --prefix web run --silent check
  run_suite "C++ unit" ctest_suite -R '^unit$'
  run_suite "C++ mail (SMTP, maildev)" ctest_suite -R '^mail$'
  run_suite "C++ API (real server)" ctest_suite -R '^api\.shard'
  run_suite "C++ jobs (Redis, worker, scheduler, maildev)" ctest_suite -R '^jobs\.' -E '^jobs\.pg\.'
  run_suite "C++ API on PostgreSQL" ctest_suite -R '^api\.pg\.'
  run_suite "C++ jobs on PostgreSQL" ctest_suite -R '^jobs\.pg\.'
  run_suite "web unit (Vitest)" npm --prefix web run --silent test:unit
  run_suite "browser (Chromium)" env QSELF_BIN="$PWD/$ASAN_DIR/qself" npm --prefix web run --silent test:e2e
  run_suite "API and jobs at pinned instants (make test-clock)" env ASAN_DIR="$ASAN_DIR" PARALLEL="$PARALLEL" scripts/test_clock.sh
fi

echo
echo "=== summary"
for i in "${!names[@]}"; do
  printf '%-8s %5ss  %s\n' "${results[$i]}" "${seconds[$i]}" "${names[$i]}"
done
printf 'total %ss\n' "$SECONDS"
echo "suites: $passed passed, $failed failed"
((failed == 0))
