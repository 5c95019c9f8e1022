#include "services/tracker_lookup.hpp"

#include "core/errors.hpp"
#include "store/repositories.hpp"

namespace qself::services {

core::Tracker find_tracker_or_throw(store::Connection& connection, std::int64_t user_id, core::TrackerId tracker_id) {
  auto tracker = store::TrackerRepository(connection).find(user_id, tracker_id.value);
  if (!tracker) throw NotFound("No such tracker.");
  return std::move(*tracker);
}

}  // namespace qself::services
