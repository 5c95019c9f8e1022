#include <array>
#include <nlohmann/json.hpp>

#include "core/json_forms.hpp"
#include "core/reminder_schedule.hpp"
#include "store/repositories.hpp"
#include "store/sql_time.hpp"

namespace qself::store {
namespace {

#define QSELF_TRACKER_COLUMNS                                                                             \
  "id, user_id, name, description, unit, type, frequency, options, target_op, target_value, "             \
  "color, icon, position, archived, reminders, created_at, updated_at, target_aggregate, target_period, " \
  "reminder_times, reminder_days, reminders_checked_at"

constexpr std::string_view kSelectTrackersActive =
    "SELECT " QSELF_TRACKER_COLUMNS " FROM trackers WHERE user_id = ? AND archived = 0 ORDER BY position, id";
constexpr std::string_view kSelectTrackersArchived =
    "SELECT " QSELF_TRACKER_COLUMNS " FROM trackers WHERE user_id = ? AND archived = 1 ORDER BY position, id";
constexpr std::string_view kSelectTrackersAll =
    "SELECT " QSELF_TRACKER_COLUMNS " FROM trackers WHERE user_id = ? ORDER BY position, id";
constexpr std::string_view kSelectTracker =
    "SELECT " QSELF_TRACKER_COLUMNS " FROM trackers WHERE user_id = ? AND id = ?";
constexpr std::string_view kInsertTracker =
    "INSERT INTO trackers (user_id, name, description, unit, type, frequency, options, target_op,"
    " target_value, target_aggregate, target_period, color, icon, position, archived, reminders, created_at,"
    " updated_at, reminder_times, reminder_days, reminders_checked_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " RETURNING id";
constexpr std::string_view kUpdateTracker =
    "UPDATE trackers SET name = ?, description = ?, unit = ?, type = ?, frequency = ?, options = ?,"
    " target_op = ?, target_value = ?, target_aggregate = ?, target_period = ?, color = ?, icon = ?, position = ?, "
    "archived = ?, reminders = ?,"
    // A changed schedule starts from now: a time it adds that has already
    // passed is not sent late. (The right-hand sides read the row as it was.)
    " reminders_checked_at = CASE WHEN reminder_times <> ? OR reminder_days <> ? THEN ?"
    " ELSE reminders_checked_at END,"
    " reminder_times = ?, reminder_days = ?, updated_at = ? WHERE user_id = ? AND id = ?";
constexpr std::string_view kSelectAllSchedules =
    "SELECT id, user_id, reminder_times, reminder_days, reminders_checked_at FROM trackers"
    " WHERE reminder_times <> '' AND archived = 0 ORDER BY user_id";
constexpr std::string_view kSetRemindersChecked = "UPDATE trackers SET reminders_checked_at = ? WHERE id = ?";
constexpr std::string_view kSelectTrackersWithSchedule =
    "SELECT " QSELF_TRACKER_COLUMNS
    " FROM trackers WHERE user_id = ? AND reminder_times <> '' AND archived = 0"
    " ORDER BY position, id";
constexpr std::string_view kDeleteTracker = "DELETE FROM trackers WHERE user_id = ? AND id = ?";
constexpr std::string_view kCountTrackers = "SELECT COUNT(*) FROM trackers WHERE user_id = ?";
constexpr std::string_view kNextPosition = "SELECT COALESCE(MAX(position), -1) + 1 FROM trackers WHERE user_id = ?";
constexpr std::string_view kSetPosition =
    "UPDATE trackers SET position = ?, updated_at = ? WHERE user_id = ? AND id = ?";

#undef QSELF_TRACKER_COLUMNS

// "08:00,20:00" as stored; trusted input, anything unreadable skipped.
std::vector<std::chrono::minutes> read_reminder_times(const std::string& stored) {
  std::vector<std::chrono::minutes> times;
  for (std::size_t start = 0; start + 5 <= stored.size(); start += 6) {
    const auto text = stored.substr(start, 5);
    if (text[2] != ':') continue;
    times.emplace_back(std::stoi(text.substr(0, 2)) * 60 + std::stoi(text.substr(3, 2)));
  }
  return times;
}

std::string write_reminder_times(const std::vector<std::chrono::minutes>& times) {
  std::string stored;
  for (const auto time : times) {
    if (!stored.empty()) stored += ',';
    stored += core::format_time_of_day(time);
  }
  return stored;
}

core::Tracker read_tracker(const Row& row) {
  core::Tracker t;
  t.id = row.integer(0);
  t.user_id = row.integer(1);
  t.name = row.text(2);
  t.description = row.text(3);
  t.unit = row.text(4);
  t.type = core::parse_tracker_type(row.text(5)).value_or(core::TrackerType::text);
  t.frequency = core::parse_frequency(row.text(6)).value_or(core::Frequency::daily);
  t.options = core::read_stored_options(t.type, row.text(7));
  if (!row.is_null(8)) {
    core::Target target;
    target.op = core::parse_target_op(row.text(8)).value_or(core::TargetOp::at_least);
    target.value = row.real(9);
    target.aggregate = row.is_null(17) ? core::default_aggregate(t.type)
                                       : core::parse_aggregate(row.text(17)).value_or(core::default_aggregate(t.type));
    if (!row.is_null(18)) target.period = core::parse_frequency(row.text(18));
    t.target = target;
  }
  t.color = row.text(10);
  t.icon = row.text(11);
  t.position = row.integer(12);
  t.archived = row.integer(13) != 0;
  t.reminders = row.integer(14) != 0;
  t.created_at = at(row.integer(15));
  t.updated_at = at(row.integer(16));
  t.reminder_times = read_reminder_times(row.text(19));
  t.reminder_days = static_cast<std::uint8_t>(row.integer(20) & 0x7f);
  if (!row.is_null(21)) t.reminders_checked_at = at(row.integer(21));
  return t;
}

// target_op, target_value, target_aggregate, target_period: all NULL without a target.
std::array<Param, 4> target_params(const core::Tracker& tracker) {
  if (!tracker.target) return {Param{nullptr}, Param{nullptr}, Param{nullptr}, Param{nullptr}};
  const auto& target = *tracker.target;
  return {Param{core::to_string(target.op)}, Param{target.value}, Param{core::to_string(target.aggregate)},
          target.period ? Param{core::to_string(*target.period)} : Param{nullptr}};
}

}  // namespace

std::vector<core::Tracker> TrackerRepository::list(std::int64_t user_id, core::ArchivedFilter filter) {
  const std::string_view sql = filter == core::ArchivedFilter::active     ? kSelectTrackersActive
                               : filter == core::ArchivedFilter::archived ? kSelectTrackersArchived
                                                                          : kSelectTrackersAll;
  std::vector<core::Tracker> trackers;
  m_db.query(sql, {user_id}, [&](const Row& row) { trackers.push_back(read_tracker(row)); });
  return trackers;
}

std::optional<core::Tracker> TrackerRepository::find(std::int64_t user_id, std::int64_t id) {
  std::optional<core::Tracker> found;
  m_db.query(kSelectTracker, {user_id, id}, [&](const Row& row) { found = read_tracker(row); });
  return found;
}

core::Tracker TrackerRepository::insert(const core::Tracker& tracker) {
  const std::string options = core::write_options(tracker.type, tracker.options).dump();
  const auto target = target_params(tracker);
  core::Tracker created = tracker;
  created.id = *m_db.query_integer(kInsertTracker, {tracker.user_id,
                                                    tracker.name,
                                                    tracker.description,
                                                    tracker.unit,
                                                    core::to_string(tracker.type),
                                                    core::to_string(tracker.frequency),
                                                    options,
                                                    target[0],
                                                    target[1],
                                                    target[2],
                                                    target[3],
                                                    tracker.color,
                                                    tracker.icon,
                                                    tracker.position,
                                                    std::int64_t{tracker.archived},
                                                    std::int64_t{tracker.reminders},
                                                    seconds(tracker.created_at),
                                                    seconds(tracker.updated_at),
                                                    write_reminder_times(tracker.reminder_times),
                                                    std::int64_t{tracker.reminder_days},
                                                    seconds(tracker.created_at)});
  created.reminders_checked_at = tracker.created_at;
  return created;
}

void TrackerRepository::update(const core::Tracker& tracker) {
  const std::string options = core::write_options(tracker.type, tracker.options).dump();
  const auto target = target_params(tracker);
  m_db.execute(kUpdateTracker, {tracker.name,
                                tracker.description,
                                tracker.unit,
                                core::to_string(tracker.type),
                                core::to_string(tracker.frequency),
                                options,
                                target[0],
                                target[1],
                                target[2],
                                target[3],
                                tracker.color,
                                tracker.icon,
                                tracker.position,
                                std::int64_t{tracker.archived},
                                std::int64_t{tracker.reminders},
                                write_reminder_times(tracker.reminder_times),
                                std::int64_t{tracker.reminder_days},
                                seconds(tracker.updated_at),
                                write_reminder_times(tracker.reminder_times),
                                std::int64_t{tracker.reminder_days},
                                seconds(tracker.updated_at),
                                tracker.user_id,
                                tracker.id});
}

bool TrackerRepository::remove(std::int64_t user_id, std::int64_t id) {
  return m_db.execute(kDeleteTracker, {user_id, id}) > 0;
}

std::int64_t TrackerRepository::count(std::int64_t user_id) {
  return m_db.query_integer(kCountTrackers, {user_id}).value_or(0);
}

std::int64_t TrackerRepository::next_position(std::int64_t user_id) {
  return m_db.query_integer(kNextPosition, {user_id}).value_or(0);
}

std::vector<core::Tracker> TrackerRepository::with_reminder_schedule(std::int64_t user_id) {
  std::vector<core::Tracker> trackers;
  m_db.query(kSelectTrackersWithSchedule, {user_id}, [&](const Row& row) { trackers.push_back(read_tracker(row)); });
  return trackers;
}

std::vector<ScheduledTracker> TrackerRepository::reminder_schedules() {
  std::vector<ScheduledTracker> trackers;
  m_db.query(kSelectAllSchedules, {}, [&](const Row& row) {
    ScheduledTracker tracker;
    tracker.id = row.integer(0);
    tracker.user_id = row.integer(1);
    tracker.schedule.times = read_reminder_times(row.text(2));
    tracker.schedule.weekdays = static_cast<std::uint8_t>(row.integer(3) & 0x7f);
    if (!row.is_null(4)) tracker.checked_at = at(row.integer(4));
    trackers.push_back(std::move(tracker));
  });
  return trackers;
}

void TrackerRepository::set_reminders_checked(std::int64_t id, Timestamp at) {
  m_db.execute(kSetRemindersChecked, {seconds(at), id});
}

void TrackerRepository::set_position(std::int64_t user_id, std::int64_t id, std::int64_t position, Timestamp now) {
  m_db.execute(kSetPosition, {position, seconds(now), user_id, id});
}

}  // namespace qself::store
