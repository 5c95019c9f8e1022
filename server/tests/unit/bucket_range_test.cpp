// How long a range statistics may group by each bucket (core/bucket_range.hpp).

#include "core/bucket_range.hpp"

#include <gtest/gtest.h>

#include "support/calendar_fixtures.hpp"
#include "support/core_support.hpp"

using namespace qself::core;
using qself::testing::at;
using qself::testing::problems_of;

TEST(CheckBucketRange, GroupsThirtyOneDaysByHour) {
  EXPECT_NO_THROW(check_bucket_range(Frequency::hourly, at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z")));
}

TEST(CheckBucketRange, GroupsThirtyOneDaysByHourAcrossTheLongDayOfAChangeBackFromSummerTime) {
  // 1 to 31 October in Paris, the clocks going back on the 25th: 745 hours.
  EXPECT_NO_THROW(check_bucket_range(Frequency::hourly, at("2026-09-30T22:00:00Z"), at("2026-10-31T23:00:00Z")));
}

TEST(CheckBucketRange, RefusesMoreThanThirtyOneDaysByHourOnBucket) {
  const auto fields = problems_of(
      [] { check_bucket_range(Frequency::hourly, at("2026-01-01T00:00:00Z"), at("2026-02-01T01:00:01Z")); });
  ASSERT_EQ(fields.count("bucket"), 1u);
  EXPECT_EQ(fields.at("bucket"), "hour covers at most 31 days; use day, week or month for a longer range");
  EXPECT_FALSE(problems_of([] {
                 check_bucket_range(Frequency::hourly, at("1990-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"));
               }).empty());
}

TEST(CheckBucketRange, LetsDaysWeeksAndMonthsCoverAnyRange) {
  for (const auto bucket : {Frequency::daily, Frequency::weekly, Frequency::monthly}) {
    EXPECT_NO_THROW(check_bucket_range(bucket, at("1990-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z")));
  }
}
