# qself — the entry points. Each target sets up what it needs first.
#   make run    build and start qself on ./data (SQLite), print the URL
#   make test   build and run every test suite (C++ under ASan+UBSan, web, browser)
#   make build  build the server (build/qself) and the web app (web/dist)
#   make bench  run the benchmarks in bench/

.PHONY: all setup build build-server build-web build-asan test test-server test-web run bench clean

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

test: setup build-server build-web build-asan test-server test-web

test-server:
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_DIR) --output-on-failure --parallel $(JOBS) --timeout 300

test-web:
	@if [ -f web/package.json ]; then \
	  cd web && npm run --silent test:unit && QSELF_BIN=$(CURDIR)/$(BUILD_DIR)/qself npm run --silent test:e2e; \
	fi

run: build
	@scripts/run.sh

# Benchmarks (not part of test): figures go to docs/benchmarks.md by hand.
bench: setup
	@cmake -S . -B build-bench $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release -DQSELF_BENCH=ON >/dev/null
	@cmake --build build-bench --parallel $(JOBS) --target qself_jobs_bench qself_import_bench qself_seed qself
	@build-bench/bench/qself_jobs_bench
	@build-bench/bench/qself_import_bench
	@bench/http_bench.sh

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) build-bench
