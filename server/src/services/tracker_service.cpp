#include "services/tracker_service.hpp"

#include "core/limits.hpp"
#include "core/palette.hpp"
#include "core/text.hpp"
#include "core/tracker_rules.hpp"
#include "core/values.hpp"
#include "services/tracker_lookup.hpp"
#include "services/user_cache.hpp"
#include "store/repositories.hpp"

namespace qself::services {
namespace {

using store::Transaction;

Conflict name_taken() {
  return Conflict("conflict", "You already have a tracker with this name.", {{"name", "is already used"}});
}

std::string what_it_must_be(const core::Tracker& tracker) {
  const auto& options = tracker.options;
  switch (tracker.type) {
    case core::TrackerType::numeric:
      if (options.min || options.max) return "numbers in the new range";
      return "numbers with " + std::to_string(options.decimals) + " decimals";
    case core::TrackerType::boolean:
      return "yes/no";
    case core::TrackerType::choice:
      return "one of the choices (" + core::join(core::choice_labels(options), ", ") + ")";
    case core::TrackerType::rating:
      return "whole numbers from 1 to " + std::to_string(options.scale);
    case core::TrackerType::duration:
      return "durations";
    case core::TrackerType::text:
      return "text";
  }
  return "values of the new type";
}

std::string plural(std::size_t count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

// What a change of type or options does to every log of the tracker.
struct ConversionPlan {
  std::size_t total = 0;
  std::vector<std::pair<std::int64_t, core::StoredValue>> changed;
  std::vector<std::int64_t> dropped;
  std::size_t rounded = 0;

  bool loses_data() const { return !dropped.empty() || rounded > 0; }

  std::string explain(const core::Tracker& from, const core::Tracker& to) const {
    std::vector<std::string> losses;
    if (!dropped.empty()) {
      losses.push_back("delete " + std::to_string(dropped.size()) + " of " + plural(total, "log") +
                       " whose values cannot be " + what_it_must_be(to));
    }
    if (rounded > 0) {
      losses.push_back("round " + plural(rounded, "value") + " to " +
                       (to.type == core::TrackerType::duration ? std::string("whole seconds")
                                                               : std::to_string(to.options.decimals) + " decimals"));
    }
    const std::string change = from.type == to.type
                                   ? "Changing this tracker's options"
                                   : "Changing this tracker from " + std::string(core::to_string(from.type)) + " to " +
                                         std::string(core::to_string(to.type));
    return change + " would " + core::join(losses, " and ") + ". Send \"force\": true to change it anyway.";
  }
};

ConversionPlan plan_conversion(store::LogRepository& logs, const core::Tracker& from, const core::Tracker& to) {
  ConversionPlan plan;
  logs.for_each(from.id, [&](const core::Log& log) {
    ++plan.total;
    const auto converted = core::convert_value(from, to, log.value);
    switch (converted.outcome) {
      case core::Outcome::dropped:
        plan.dropped.push_back(log.id);
        break;
      case core::Outcome::rounded:
        ++plan.rounded;
        [[fallthrough]];
      case core::Outcome::kept:
        if (!(converted.value == log.value)) plan.changed.emplace_back(log.id, converted.value);
        break;
    }
  });
  return plan;
}

// The plan for a change whose values were mapped one by one.
ConversionPlan plan_mapping(store::LogRepository& logs, std::int64_t tracker_id, const core::ValueMap& map) {
  ConversionPlan plan;
  logs.for_each(tracker_id, [&](const core::Log& log) {
    ++plan.total;
    if (!log.value.number) return;
    const auto found = map.find(*log.value.number);
    if (found == map.end()) return;  // written since the values were counted: the transaction forbids it
    if (!found->second) {
      plan.dropped.push_back(log.id);
    } else if (!(*found->second == log.value)) {
      plan.changed.emplace_back(log.id, *found->second);
    }
  });
  return plan;
}

}  // namespace

std::vector<core::Tracker> TrackerService::list(const core::User& user, core::ArchivedFilter filter) {
  auto connection = m_db.connect();
  return store::TrackerRepository(*connection).list(user.id, filter);
}

core::Tracker TrackerService::get(const core::User& user, core::TrackerId id) {
  auto connection = m_db.connect();
  return find_tracker_or_throw(*connection, user.id, id);
}

core::Tracker TrackerService::create(const core::User& user, const core::TrackerFields& fields) {
  core::Tracker tracker;
  core::apply_tracker_fields(tracker, fields, core::FieldsMode::create);
  tracker.user_id = user.id;
  tracker.created_at = tracker.updated_at = util::now();
  auto connection = m_db.connect();
  Transaction transaction(*connection, user.id);  // this account's rows only
  store::TrackerRepository trackers(*connection);
  core::check_room_for_trackers(trackers.count(user.id), 1);
  tracker.position = trackers.next_position(user.id);
  if (tracker.color.empty()) tracker.color = core::palette_color(tracker.position);
  try {
    tracker = trackers.insert(tracker);
  } catch (const store::UniqueViolation&) {
    throw name_taken();
  }
  commit_change(*connection, transaction, user.id);
  return tracker;
}

core::Tracker TrackerService::update(const core::User& user, core::TrackerId id, const core::TrackerFields& fields,
                                     LossyChange lossy, const std::vector<core::ValueDecision>& mapping) {
  auto connection = m_db.connect();
  Transaction transaction(*connection, user.id);  // this account's rows only
  store::TrackerRepository trackers(*connection);
  const core::Tracker current = find_tracker_or_throw(*connection, user.id, id);
  core::Tracker changed = current;
  core::apply_tracker_fields(changed, fields, core::FieldsMode::update);
  changed.updated_at = util::now();

  const bool values_affected = changed.type != current.type || !(changed.options == current.options);
  if (values_affected) {
    store::LogRepository logs(*connection);
    ConversionPlan plan;
    if (core::needs_mapping(current, changed)) {
      // Every value is decided, by the user or obviously: what goes was asked for.
      plan =
          plan_mapping(logs, current.id, core::plan_mapping(current, changed, logs.value_counts(current.id), mapping));
    } else {
      plan = plan_conversion(logs, current, changed);
      if (plan.loses_data() && lossy == LossyChange::refuse) {
        throw Conflict("type_change_loses_data", plan.explain(current, changed));
      }
    }
    for (const auto& [log_id, value] : plan.changed) logs.update_value(log_id, value, changed.updated_at);
    for (const auto log_id : plan.dropped) logs.remove_by_id(log_id);
  }
  try {
    trackers.update(changed);
  } catch (const store::UniqueViolation&) {
    throw name_taken();
  }
  if (values_affected) store::LogRepository(*connection).rebuild_slots(changed.id);
  commit_change(*connection, transaction, user.id);
  return changed;
}

void TrackerService::remove(const core::User& user, core::TrackerId id) {
  auto connection = m_db.connect();
  Transaction transaction(*connection, user.id);  // this account's rows only
  if (!store::TrackerRepository(*connection).remove(user.id, id.value)) throw NotFound("No such tracker.");
  commit_change(*connection, transaction, user.id);
}

std::vector<core::Tracker> TrackerService::reorder(const core::User& user, const std::vector<core::TrackerId>& ids) {
  auto connection = m_db.connect();
  Transaction transaction(*connection, user.id);  // this account's rows only
  store::TrackerRepository trackers(*connection);
  auto all = trackers.list(user.id, core::ArchivedFilter::all);
  std::vector<std::int64_t> order;
  for (const auto requested : ids) {
    const std::int64_t id = requested.value;
    const bool owned = std::any_of(all.begin(), all.end(), [&](const auto& t) { return t.id == id; });
    if (!owned) throw NotFound("No such tracker: " + std::to_string(id) + ".");
    if (std::find(order.begin(), order.end(), id) != order.end()) {
      throw ValidationError("ids", "must not list a tracker twice");
    }
    order.push_back(id);
  }
  for (const auto& tracker : all) {
    if (std::find(order.begin(), order.end(), tracker.id) == order.end()) order.push_back(tracker.id);
  }
  const auto now = util::now();
  for (std::size_t i = 0; i < order.size(); ++i) {
    trackers.set_position(user.id, order[i], static_cast<std::int64_t>(i), now);
  }
  auto result = trackers.list(user.id, core::ArchivedFilter::active);
  commit_change(*connection, transaction, user.id);
  return result;
}

}  // namespace qself::services
