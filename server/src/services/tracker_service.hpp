#pragma once
// A user's trackers: creating, changing (type changes included), ordering, removing.

#include <cstdint>
#include <vector>

#include "core/model.hpp"
#include "core/tracker_rules.hpp"
#include "core/value_mapping.hpp"
#include "store/database.hpp"

namespace qself::services {

// Whether a change of type or options that would lose logged data goes ahead.
enum class LossyChange { refuse, allow };

class TrackerService {
 public:
  explicit TrackerService(store::Database& db) : m_db(db) {}

  std::vector<core::Tracker> list(const core::User& user, core::ArchivedFilter filter);
  core::Tracker get(const core::User& user, core::TrackerId id);
  // Throws ValidationError naming every wrong field, Conflict "conflict" when the name is taken and
  // "too_many_trackers" when the user already has core::kMaxTrackersPerUser trackers.
  core::Tracker create(const core::User& user, const core::TrackerFields& fields);
  // A change of type or options that would lose logged data throws
  // Conflict("type_change_loses_data") unless `lossy` allows it.
  // A change that re-reads logged yes/no, choice or rating values needs `mapping` to
  // say what each becomes (core::plan_mapping), else throws MappingRequired.
  core::Tracker update(const core::User& user, core::TrackerId id, const core::TrackerFields& fields, LossyChange lossy,
                       const std::vector<core::ValueDecision>& mapping = {});
  void remove(const core::User& user, core::TrackerId id);
  // Positions follow `ids`; ids not listed keep their order after them.
  std::vector<core::Tracker> reorder(const core::User& user, const std::vector<core::TrackerId>& ids);

 private:
  store::Database& m_db;
};

}  // namespace qself::services
