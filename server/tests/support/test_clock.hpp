#pragma once
// Test support: the clock of every process a test starts. Time never decides a
// test: each qself process is given QSELF_TEST_NOW, so it starts at a pinned
// instant and runs at the real rate from there, and the test reads the same
// clock. The pinned instant is kNeutralNow, or the instant in the environment's
// QSELF_TEST_NOW (`make test-clock` re-runs the suites at midnight on the 1st,
// at 20:00, at 23:59 and on DST change days that way).

#include <chrono>
#include <string>

#include "util/time.hpp"

namespace qself::testing {

// A Wednesday in mid-February at 10:00 UTC: no DST change, no month or year
// edge and no default reminder (20:00 local) is near in any zone the tests use.
inline constexpr const char* kNeutralNow = "2027-02-10T10:00:00Z";

// Where each test's clock starts: QSELF_TEST_NOW from the environment when it is
// set (an RFC 3339 instant), otherwise kNeutralNow. Throws on a malformed value.
util::Timestamp pinned_start();

// The test's clock: pinned_start() at the moment the current test began,
// running at the real rate since.
util::Timestamp test_now();

// QSELF_TEST_NOW for a process whose clock reads test_now() + `later`.
std::string clock_env(std::chrono::seconds later = {});

// QSELF_TEST_NOW for a process whose clock reads `rfc3339` now (for tests
// about one instant, such as a reminder at 08:30 in Paris).
std::string clock_at(const std::string& rfc3339);

// Starts the current test's clock again at pinned_start(). Called before each
// test by a listener this library installs; tests need not call it.
void restart_test_clock();

}  // namespace qself::testing
