// Generates realistic data for load tests through the storage layer
// (support/bench_data.hpp): N users × M trackers of mixed types × K logs each,
// spread over two years, and one heavy user with a tracker of H logs.
//
//   qself_seed DB_URL [users=1000] [trackers=20] [logs=100] [heavy=1000000]
// Every user's password is "bench-password"; emails are user<N>@bench.test
// and heavy@bench.test.

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "store/database.hpp"
#include "support/bench_data.hpp"
#include "util/crypto.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: qself_seed DB_URL [users] [trackers] [logs] [heavy]\n");
    return 2;
  }
  qself::util::init_crypto();
  qself::testing::BenchDataSize size;
  if (argc > 2) size.users = std::atoi(argv[2]);
  if (argc > 3) size.trackers = std::atoi(argv[3]);
  if (argc > 4) size.logs = std::atoi(argv[4]);
  if (argc > 5) size.heavy = std::atoi(argv[5]);
  auto db = qself::store::open_database(argv[1]);
  const auto started = std::chrono::steady_clock::now();
  const auto rows = qself::testing::seed_bench_data(*db, size);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("seeded %d users, %lld logs in %.1f s (%.0f rows/s)\n", size.users + 1, static_cast<long long>(rows),
              seconds, static_cast<double>(rows) / seconds);
  return 0;
}
