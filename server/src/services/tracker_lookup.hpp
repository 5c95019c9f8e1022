#pragma once
// Finding a user's tracker where not finding it means the request cannot be
// done (a tracker of another user is as missing as one that never was).

#include <cstdint>

#include "core/model.hpp"
#include "store/database.hpp"

namespace qself::services {

// The tracker `tracker_id` of user `user_id`. Throws NotFound("No such tracker.").
core::Tracker find_tracker_or_throw(store::Connection& connection, std::int64_t user_id, core::TrackerId tracker_id);

}  // namespace qself::services
