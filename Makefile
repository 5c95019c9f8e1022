# qself — the entry points. Each target sets up what it needs first.
#   make run    build and start qself on ./data (SQLite), print the URL
#   make test   build once and run every suite (checks, C++ under ASan+UBSan, web,
#               browser, pinned clocks), each even if an earlier one failed
#   make test-clock  the API and jobs suites at the pinned instants only
#   make build  build the server (build/qself) and the web app (web/dist)
#   make bench  run the benchmarks in bench/

.PHONY: all setup build build-server build-web build-asan test test-clock test-server test-web run bench clean

BUILD_DIR ?= build
ASAN_DIR ?= build-asan
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -G Ninja -DQSELF_WERROR=ON

all: build

setup:
	@scripts/setup.sh

build: setup build-server build-web

build-server:
	@cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release -DQSELF_TESTS=OFF >/dev/null
	@cmake --build $(BUILD_DIR) --parallel $(JOBS)

build-web:
	@if [ -f web/package.json ]; then cd web && npm run --silent build; fi

build-asan:
	@cmake -S . -B $(ASAN_DIR) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Debug -DQSELF_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_DIR) --parallel $(JOBS)

# One build (ASan+UBSan) serves every suite, the browser one included.
test: setup
	@ASAN_DIR=$(ASAN_DIR) scripts/test.sh

test-clock: setup build-asan
	@ASAN_DIR=$(ASAN_DIR) scripts/test_clock.sh

# The C++ suites alone, or the web ones alone, on the current ASan build.
test-server: build-asan
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_DIR) --output-on-failure --parallel $$(($(JOBS) * 2)) --timeout 300

test-web: build-asan
	@cd web && npm run --silent build && npm run --silent test:unit && \
	  QSELF_BIN=$(CURDIR)/$(ASAN_DIR)/qself npm run --silent test:e2e

run: build
	@scripts/run.sh

# Benchmarks (not part of test): figures go to docs/benchmarks.md by hand.
bench: setup
	@cmake -S . -B build-bench $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release -DQSELF_BENCH=ON >/dev/null
	@cmake --build build-bench --parallel $(JOBS) --target qself_jobs_bench qself_import_bench qself_insights_bench qself_seed qself
	@build-bench/bench/qself_jobs_bench
	@build-bench/bench/qself_import_bench
	@build-bench/bench/qself_insights_bench
	@bench/http_bench.sh
	@bench/scale_bench.sh

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) build-bench
