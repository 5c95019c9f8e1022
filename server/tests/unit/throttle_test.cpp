// The abuse limits of services/throttle.hpp, at instants given by hand: the
// clock never decides these specs.

#include "services/throttle.hpp"

#include <gtest/gtest.h>

#include "support/calendar_fixtures.hpp"

using qself::services::DelayRule;
using qself::services::FailureThrottle;
using qself::services::RequestCounter;
using qself::testing::at;
using std::chrono::seconds;

namespace {

const DelayRule kThrottleSpecRule{5, seconds{1}, seconds{60}, seconds{3600}};

}  // namespace

TEST(FailureThrottle, FreeFailuresCostNothingThenWaitsDoubleUpToTheCap) {
  FailureThrottle throttle(kThrottleSpecRule);
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
  FailureThrottle throttle(kThrottleSpecRule);
  const auto now = at("2027-02-10T10:00:00Z");
  for (int i = 0; i < 8; ++i) throttle.record_failure("attacker", now);
  EXPECT_GT(throttle.retry_after("attacker", now), 0);
  EXPECT_EQ(throttle.retry_after("someone else", now), 0);
  throttle.reset("attacker");
  EXPECT_EQ(throttle.retry_after("attacker", now), 0);
}

TEST(FailureThrottle, IsForgottenAfterQuietTime) {
  FailureThrottle throttle(kThrottleSpecRule);
  const auto now = at("2027-02-10T10:00:00Z");
  for (int i = 0; i < 20; ++i) throttle.record_failure("a", now);
  EXPECT_EQ(throttle.retry_after("a", now), 60);
  const auto later = now + seconds{3600};
  EXPECT_EQ(throttle.retry_after("a", later), 0);
  throttle.record_failure("a", later);  // counts from one again
  EXPECT_EQ(throttle.retry_after("a", later), 0);
}

TEST(FailureThrottle, HoldsAtMostMaxKeysForgettingTheLeastRecentlyCounted) {
  FailureThrottle throttle(DelayRule{0, seconds{10}, seconds{10}, seconds{3600}}, 3);
  const auto now = at("2027-02-10T10:00:00Z");
  throttle.record_failure("a", now);
  throttle.record_failure("b", now);
  throttle.record_failure("c", now);
  throttle.record_failure("a", now);  // a is now the most recent
  throttle.record_failure("d", now);  // b goes
  EXPECT_EQ(throttle.size(), 3U);
  EXPECT_EQ(throttle.retry_after("b", now), 0);
  EXPECT_GT(throttle.retry_after("a", now), 0);
  EXPECT_GT(throttle.retry_after("c", now), 0);
  EXPECT_GT(throttle.retry_after("d", now), 0);
  for (int i = 0; i < 1000; ++i) throttle.record_failure("k" + std::to_string(i), now);
  EXPECT_EQ(throttle.size(), 3U);
}

TEST(RequestCounter, AllowsLimitPerWindowThenAnswersTheWait) {
  RequestCounter counter(3, seconds{3600});
  const auto start = at("2027-02-10T10:00:00Z");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(counter.take("a", start + seconds{i}), 0);
  EXPECT_EQ(counter.take("a", start + seconds{600}), 3000);
  EXPECT_EQ(counter.take("b", start + seconds{600}), 0) << "per key";
  EXPECT_EQ(counter.take("a", start + seconds{3599}), 1);
  EXPECT_EQ(counter.take("a", start + seconds{3600}), 0) << "a new window";
}

TEST(RequestCounter, HoldsAtMostMaxKeys) {
  RequestCounter counter(1, seconds{3600}, 2);
  const auto now = at("2027-02-10T10:00:00Z");
  for (int i = 0; i < 100; ++i) counter.take("k" + std::to_string(i), now);
  EXPECT_EQ(counter.size(), 2U);
  EXPECT_GT(counter.take("k99", now), 0);
}
