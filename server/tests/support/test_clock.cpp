#include "support/test_clock.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <mutex>
#include <stdexcept>

namespace qself::testing {
namespace {

util::Timestamp real_now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

std::mutex g_mutex;
util::Timestamp g_anchor = real_now();  // the real instant the current test began

// Restarts the clock before every test, so each test starts at the pinned
// instant however long the tests before it in this process took.
class RestartClockBeforeEachTest : public ::testing::EmptyTestEventListener {
  void OnTestStart(const ::testing::TestInfo&) override { restart_test_clock(); }
};

[[maybe_unused]] const bool g_listener_installed = [] {
  ::testing::UnitTest::GetInstance()->listeners().Append(new RestartClockBeforeEachTest);  // gtest owns it
  return true;
}();

}  // namespace

util::Timestamp pinned_start() {
  static const util::Timestamp start = [] {
    const char* text = std::getenv("QSELF_TEST_NOW");
    const std::string instant = text && *text ? text : kNeutralNow;
    const auto parsed = util::parse_rfc3339(instant);
    if (!parsed) throw std::invalid_argument("QSELF_TEST_NOW must be an RFC 3339 instant, not " + instant);
    return parsed->utc;
  }();
  return start;
}

void restart_test_clock() {
  std::lock_guard lock(g_mutex);
  g_anchor = real_now();
}

util::Timestamp test_now() {
  std::lock_guard lock(g_mutex);
  return pinned_start() + (real_now() - g_anchor);
}

std::string clock_env(std::chrono::seconds later) {
  std::lock_guard lock(g_mutex);
  return util::format_clock_pin({pinned_start() + later, g_anchor});
}

std::string clock_at(const std::string& rfc3339) {
  const auto instant = util::parse_rfc3339(rfc3339);
  if (!instant) throw std::invalid_argument("not an RFC 3339 instant: " + rfc3339);
  return util::format_clock_pin({instant->utc, real_now()});
}

}  // namespace qself::testing
