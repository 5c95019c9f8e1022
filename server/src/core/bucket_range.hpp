#pragma once
// How long a range statistics may group by each bucket. Grouped by hour, a
// range is at most 31 days: 745 buckets (31 × 24, and the hour a change back
// from summer time adds); a year of hours (8,760 bars) is no chart a person can
// read, and the web app froze drawing one. Days, weeks and months have no limit.

#include <chrono>

#include "core/model.hpp"

namespace qself::core {

constexpr int kMaxHourBucketDays = 31;
constexpr std::chrono::hours kMaxHourBucketRange{kMaxHourBucketDays * 24 + 1};

// Throws ValidationError on "bucket" when [from, to) is longer than `bucket`
// may cover.
void check_bucket_range(Frequency bucket, Timestamp from, Timestamp to);

}  // namespace qself::core
