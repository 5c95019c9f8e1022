// When a log may say it happened (core/log_rules.hpp).

#include "core/log_rules.hpp"

#include <gtest/gtest.h>

#include "support/calendar_fixtures.hpp"

using namespace qself::core;
using qself::testing::at;

TEST(LoggedAt, AnyPastTimeSince1970IsALogsTime) {
  const auto now = at("2027-02-10T10:00:00Z");
  EXPECT_EQ(logged_at_problem(at("1970-01-01T00:00:00Z"), now), std::nullopt);
  EXPECT_EQ(logged_at_problem(at("2026-06-01T08:00:00Z"), now), std::nullopt);
  EXPECT_EQ(logged_at_problem(now, now), std::nullopt);
}

TEST(LoggedAt, ClocksMayDifferByTheTolerance) {
  const auto now = at("2027-02-10T10:00:00Z");
  EXPECT_EQ(kFutureLogTolerance, std::chrono::minutes{5});
  EXPECT_EQ(logged_at_problem(now + kFutureLogTolerance, now), std::nullopt);
  EXPECT_EQ(logged_at_problem(now + kFutureLogTolerance + std::chrono::seconds{1}, now),
            "must not be in the future (at most 5 minutes ahead of now, for clocks that differ)");
}

TEST(LoggedAt, AFutureDateIsRefused) {
  // The 1 June 2027, typed in February.
  EXPECT_NE(logged_at_problem(at("2027-06-01T08:00:00Z"), at("2027-02-10T10:00:00Z")), std::nullopt);
}

TEST(LoggedAt, BeforeTheEpochIsRefused) {
  EXPECT_EQ(logged_at_problem(at("1969-12-31T23:59:59Z"), at("2027-02-10T10:00:00Z")), "must not be before 1970");
}
