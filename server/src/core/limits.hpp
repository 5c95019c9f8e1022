#pragma once
// What one account may hold, so that no account can make every request that
// reads it (the dashboard, a list) grow without bound. docs/api.md lists them.

#include <cstdint>
#include <string>

#include "core/errors.hpp"

namespace qself::core {

// Trackers per account, archived ones included.
constexpr std::int64_t kMaxTrackersPerUser = 200;

// Throws Conflict "too_many_trackers" when an account that has `existing`
// trackers would have more than kMaxTrackersPerUser with `adding` more.
inline void check_room_for_trackers(std::int64_t existing, std::int64_t adding) {
  if (existing + adding <= kMaxTrackersPerUser) return;
  throw Conflict("too_many_trackers",
                 "An account can have at most " + std::to_string(kMaxTrackersPerUser) +
                     " trackers, archived ones included; delete one you no longer need to add another.");
}

}  // namespace qself::core
