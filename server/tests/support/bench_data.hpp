#pragma once
// The data the benchmarks run on (bench/seed.cpp), also used by tests that
// need a realistic database: N users × M trackers of every type × K logs
// each, spread over the two years before now, and one heavy user with a
// tracker of H logs. Every user's password is "bench-password"; emails are
// user<N>@bench.test and heavy@bench.test. The same sizes make the same data
// (a fixed random seed), but for password hashes and log ids.

#include <cstdint>

#include "store/database.hpp"

namespace qself::testing {

struct BenchDataSize {
  int users = 1000;
  int trackers = 20;
  int logs = 100;
  int heavy = 1'000'000;
};

// Migrates `db`, then adds the data; answers the number of logs written.
std::int64_t seed_bench_data(store::Database& db, const BenchDataSize& size);

}  // namespace qself::testing
