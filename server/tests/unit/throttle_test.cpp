// The abuse limits of services/throttle.hpp, at instants given by hand (the
// clock never decides these specs), on a real database file: the counts live
// there, shared by every process that opens it.

#include "services/throttle.hpp"

#include <gtest/gtest.h>

#include "store/throttle_repository.hpp"
#include "support/calendar_fixtures.hpp"
#include "support/database_file.hpp"

using qself::services::AttemptLimiter;
using qself::services::DelayRule;
using qself::services::FailureThrottle;
using qself::services::RequestCounter;
using qself::testing::at;
using std::chrono::seconds;

namespace {

const DelayRule kThrottleSpecRule{5, seconds{1}, seconds{60}, seconds{3600}};

// How many keys the throttles table holds.
std::int64_t throttle_spec_rows(qself::store::Database& db) {
  auto connection = db.connect();
  return connection->query_integer("SELECT count(*) FROM throttles").value_or(-1);
}

}  // namespace

TEST(FailureThrottle, FreeFailuresCostNothingThenWaitsDoubleUpToTheCap) {
  qself::testing::DatabaseFile file;
  FailureThrottle throttle(file.db(), "login", kThrottleSpecRule);
  auto now = at("2027-02-10T10:00:00Z");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(throttle.retry_after("a", now), 0) << i;
    throttle.record_failure("a", now);
  }
  // After the 5th failure the next attempt waits 1 s, then 2, 4, 8... 60 at most.
  for (const int expected : {1, 2, 4, 8, 16, 32, 60, 60}) {
    EXPECT_EQ(throttle.retry_after("a", now), expected);
    EXPECT_EQ(throttle.retry_after("a", now + seconds{expected - 1}), 1) << "counted from the last failure";
    now += seconds{expected};
    EXPECT_EQ(throttle.retry_after("a", now), 0);
    throttle.record_failure("a", now);
  }
}

TEST(FailureThrottle, KeysAreIndependentAndAResetForgets) {
  qself::testing::DatabaseFile file;
  FailureThrottle throttle(file.db(), "login", kThrottleSpecRule);
  const auto now = at("2027-02-10T10:00:00Z");
  for (int i = 0; i < 8; ++i) throttle.record_failure("attacker", now);
  EXPECT_GT(throttle.retry_after("attacker", now), 0);
  EXPECT_EQ(throttle.retry_after("someone else", now), 0);
  throttle.reset("attacker");
  EXPECT_EQ(throttle.retry_after("attacker", now), 0);
}

TEST(FailureThrottle, IsForgottenAfterQuietTime) {
  qself::testing::DatabaseFile file;
  FailureThrottle throttle(file.db(), "login", kThrottleSpecRule);
  const auto now = at("2027-02-10T10:00:00Z");
  for (int i = 0; i < 20; ++i) throttle.record_failure("a", now);
  EXPECT_EQ(throttle.retry_after("a", now), 60);
  const auto later = now + seconds{3600};
  EXPECT_EQ(throttle.retry_after("a", later), 0);
  throttle.record_failure("a", later);  // counts from one again
  EXPECT_EQ(throttle.retry_after("a", later), 0);
}

TEST(FailureThrottle, CountsOnceForEveryProcessOnTheDatabase) {
  qself::testing::DatabaseFile file;
  const auto other_process = qself::store::open_database(file.url());
  FailureThrottle here(file.db(), "login", kThrottleSpecRule);
  FailureThrottle there(*other_process, "login", kThrottleSpecRule);
  FailureThrottle other_limit(*other_process, "register", kThrottleSpecRule);
  const auto now = at("2027-02-10T10:00:00Z");
  for (int i = 0; i < 3; ++i) here.record_failure("attacker", now);
  for (int i = 0; i < 3; ++i) there.record_failure("attacker", now);
  EXPECT_EQ(here.retry_after("attacker", now), 2) << "six failures, wherever they were counted";
  EXPECT_EQ(there.retry_after("attacker", now), 2);
  EXPECT_EQ(other_limit.retry_after("attacker", now), 0) << "another limit, another count";
  there.reset("attacker");
  EXPECT_EQ(here.retry_after("attacker", now), 0);
}

TEST(FailureThrottle, StoresNoKeyAsItWasGiven) {
  qself::testing::DatabaseFile file;
  FailureThrottle throttle(file.db(), "login", kThrottleSpecRule);
  throttle.record_failure("203.0.113.7|ada@example.org", at("2027-02-10T10:00:00Z"));
  auto connection = file.db().connect();
  std::string stored;
  connection->query("SELECT key FROM throttles", {}, [&](const qself::store::Row& row) { stored = row.text(0); });
  EXPECT_EQ(stored.find("ada"), std::string::npos) << stored;
  EXPECT_EQ(stored.find("203.0"), std::string::npos) << stored;
  EXPECT_EQ(stored.rfind("login:", 0), 0u) << stored;
}

TEST(Throttles, TheSweepForgetsQuietKeysAndKeepsAtMostTheNewest) {
  qself::testing::DatabaseFile file;
  FailureThrottle throttle(file.db(), "login", DelayRule{0, seconds{10}, seconds{10}, seconds{3600}});
  const auto start = at("2027-02-10T10:00:00Z");
  for (int i = 0; i < 5; ++i) throttle.record_failure("k" + std::to_string(i), start + seconds{i});
  throttle.record_failure("old", start - qself::services::kThrottleQuietTime - seconds{1});
  EXPECT_EQ(throttle_spec_rows(file.db()), 6);
  EXPECT_EQ(qself::services::sweep_throttles(file.db(), start + seconds{10}, 3), 3) << "old, then k0 and k1";
  EXPECT_EQ(throttle_spec_rows(file.db()), 3);
  EXPECT_EQ(throttle.retry_after("k1", start + seconds{5}), 0) << "forgotten";
  EXPECT_GT(throttle.retry_after("k4", start + seconds{5}), 0) << "kept: among the newest";
}

TEST(AttemptLimiter, AllowsMaxFailuresPerWindowAndASuccessResets) {
  qself::testing::DatabaseFile file;
  AttemptLimiter limiter(file.db(), "wrong-password", 3, seconds{900});
  const auto start = at("2027-02-10T10:00:00Z");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(limiter.retry_after("user:1", start + seconds{i}), 0) << i;
    limiter.record_failure("user:1", start + seconds{i});
  }
  EXPECT_EQ(limiter.retry_after("user:1", start + seconds{100}), 800) << "the window started at the first failure";
  EXPECT_EQ(limiter.retry_after("user:2", start + seconds{100}), 0);
  EXPECT_EQ(limiter.retry_after("user:1", start + seconds{900}), 0) << "a new window";
  limiter.reset("user:1");
  EXPECT_EQ(limiter.retry_after("user:1", start + seconds{100}), 0);
}

TEST(RequestCounter, AllowsLimitPerWindowThenAnswersTheWait) {
  qself::testing::DatabaseFile file;
  RequestCounter counter(file.db(), "register", 3, seconds{3600});
  const auto start = at("2027-02-10T10:00:00Z");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(counter.take("a", start + seconds{i}), 0);
  EXPECT_EQ(counter.take("a", start + seconds{600}), 3000);
  EXPECT_EQ(counter.take("b", start + seconds{600}), 0) << "per key";
  EXPECT_EQ(counter.take("a", start + seconds{3599}), 1);
  EXPECT_EQ(counter.take("a", start + seconds{3600}), 0) << "a new window";
}
