#include "core/bucket_range.hpp"

#include <string>

#include "core/errors.hpp"

namespace qself::core {

void check_bucket_range(Frequency bucket, Timestamp from, Timestamp to) {
  if (bucket != Frequency::hourly || to - from <= kMaxHourBucketRange) return;
  throw ValidationError("bucket", "hour covers at most " + std::to_string(kMaxHourBucketDays) +
                                      " days; use day, week or month for a longer range");
}

}  // namespace qself::core
