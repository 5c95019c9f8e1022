#include "store/repositories.hpp"
#include "store/sql_time.hpp"

namespace qself::store {
namespace {

#define QSELF_LOG_COLUMNS "id, tracker_id, logged_at, offset_minutes, value, text, note, created_at, updated_at"

constexpr std::string_view kInsertLog =
    "INSERT INTO logs (tracker_id, logged_at, offset_minutes, value, text, note, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kSelectLog =
    "SELECT " QSELF_LOG_COLUMNS " FROM logs WHERE tracker_id = ? AND id = ?";
// One statement serves every page: unset bounds are passed as the widest values.
constexpr std::string_view kSelectLogPage =
    "SELECT " QSELF_LOG_COLUMNS " FROM logs"
    " WHERE tracker_id = ? AND logged_at >= ? AND logged_at < ?"
    " AND (logged_at < ? OR (logged_at = ? AND id < ?))"
    " ORDER BY logged_at DESC, id DESC LIMIT ?";
constexpr std::string_view kSelectAllLogs =
    "SELECT " QSELF_LOG_COLUMNS " FROM logs WHERE tracker_id = ? ORDER BY logged_at, id";
constexpr std::string_view kUpdateLog =
    "UPDATE logs SET logged_at = ?, offset_minutes = ?, value = ?, text = ?, note = ?, updated_at = ?"
    " WHERE tracker_id = ? AND id = ?";
constexpr std::string_view kUpdateLogValue = "UPDATE logs SET value = ?, text = ?, updated_at = ? WHERE id = ?";
constexpr std::string_view kDeleteLog = "DELETE FROM logs WHERE tracker_id = ? AND id = ?";
constexpr std::string_view kDeleteLogById = "DELETE FROM logs WHERE id = ?";

constexpr std::string_view kLatestForUser =
    "SELECT " QSELF_LOG_COLUMNS " FROM logs WHERE id IN (SELECT (SELECT l.id FROM logs l"
    " WHERE l.tracker_id = t.id ORDER BY l.logged_at DESC, l.id DESC LIMIT 1) FROM trackers t WHERE t.user_id = ?)";

#undef QSELF_LOG_COLUMNS

// Choice and boolean logs are grouped by value too, so each option is counted.
constexpr std::string_view kAggregate =
    "SELECT logged_at / 900 AS slot, CASE WHEN ? THEN value END AS key, COUNT(*), SUM(value), MIN(value), MAX(value)"
    " FROM logs WHERE tracker_id = ? AND logged_at >= ? AND logged_at < ?"
    " GROUP BY slot, key ORDER BY slot";
constexpr std::string_view kAggregateForUser =
    "SELECT l.tracker_id, l.logged_at / 900 AS slot,"
    " CASE WHEN t.type IN ('choice', 'boolean') THEN l.value END AS key,"
    " COUNT(*), SUM(l.value), MIN(l.value), MAX(l.value)"
    " FROM logs l JOIN trackers t ON t.id = l.tracker_id WHERE t.user_id = ?"
    " GROUP BY l.tracker_id, slot, key ORDER BY l.tracker_id, slot";

constexpr std::int64_t kFarPast = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kFarFuture = std::numeric_limits<std::int64_t>::max();


core::SlotAggregate read_slot(const Row& row, int first) {
  core::SlotAggregate slot;
  slot.slot = row.integer(first);
  slot.key = row.optional_real(first + 1);
  slot.count = row.integer(first + 2);
  slot.sum = row.optional_real(first + 3);
  slot.min = row.optional_real(first + 4);
  slot.max = row.optional_real(first + 5);
  return slot;
}

core::Log read_log(const Row& row) {
  core::Log log;
  log.id = row.integer(0);
  log.tracker_id = row.integer(1);
  log.logged_at = util::ZonedInstant{at(row.integer(2)), static_cast<int>(row.integer(3))};
  log.value.number = row.optional_real(4);
  log.value.text = row.optional_text(5);
  log.note = row.text(6);
  log.created_at = at(row.integer(7));
  log.updated_at = at(row.integer(8));
  return log;
}

}  // namespace

core::Log LogRepository::insert(const core::Log& log) {
  core::Log created = log;
  created.id = *m_db.query_integer(
      kInsertLog, {log.tracker_id, seconds(log.logged_at.utc), std::int64_t{log.logged_at.offset_minutes},
                   param(log.value.number), param(log.value.text), log.note, seconds(log.created_at),
                   seconds(log.updated_at)});
  return created;
}

std::optional<core::Log> LogRepository::find(std::int64_t tracker_id, std::int64_t id) {
  std::optional<core::Log> found;
  m_db.query(kSelectLog, {tracker_id, id}, [&](const Row& row) { found = read_log(row); });
  return found;
}

std::vector<core::Log> LogRepository::list(std::int64_t tracker_id, const LogQuery& query) {
  const std::int64_t before_time = query.before ? seconds(query.before->logged_at) : kFarFuture;
  const std::int64_t before_id = query.before ? query.before->id : kFarFuture;
  std::vector<core::Log> logs;
  logs.reserve(static_cast<std::size_t>(query.limit));
  m_db.query(kSelectLogPage,
             {tracker_id, query.from ? seconds(*query.from) : kFarPast, query.to ? seconds(*query.to) : kFarFuture,
              before_time, before_time, before_id, std::int64_t{query.limit}},
             [&](const Row& row) { logs.push_back(read_log(row)); });
  return logs;
}

void LogRepository::update(const core::Log& log) {
  m_db.execute(kUpdateLog, {seconds(log.logged_at.utc), std::int64_t{log.logged_at.offset_minutes},
                            param(log.value.number), param(log.value.text), log.note, seconds(log.updated_at),
                            log.tracker_id, log.id});
}

bool LogRepository::remove(std::int64_t tracker_id, std::int64_t id) {
  return m_db.execute(kDeleteLog, {tracker_id, id}) > 0;
}

void LogRepository::for_each(std::int64_t tracker_id, const std::function<void(const core::Log&)>& visit) {
  m_db.query(kSelectAllLogs, {tracker_id}, [&](const Row& row) { visit(read_log(row)); });
}

void LogRepository::update_value(std::int64_t id, const core::StoredValue& value, Timestamp now) {
  m_db.execute(kUpdateLogValue, {param(value.number), param(value.text), seconds(now), id});
}

void LogRepository::remove_by_id(std::int64_t id) { m_db.execute(kDeleteLogById, {id}); }

std::vector<core::SlotAggregate> LogRepository::aggregate(const core::Tracker& tracker, Timestamp from, Timestamp to) {
  const bool keyed = tracker.type == core::TrackerType::choice || tracker.type == core::TrackerType::boolean;
  std::vector<core::SlotAggregate> slots;
  m_db.query(kAggregate, {std::int64_t{keyed}, tracker.id, seconds(from), seconds(to)},
             [&](const Row& row) { slots.push_back(read_slot(row, 0)); });
  return slots;
}

std::map<std::int64_t, std::vector<core::SlotAggregate>> LogRepository::aggregate_for_user(std::int64_t user_id) {
  std::map<std::int64_t, std::vector<core::SlotAggregate>> slots;
  m_db.query(kAggregateForUser, {user_id},
             [&](const Row& row) { slots[row.integer(0)].push_back(read_slot(row, 1)); });
  return slots;
}

std::map<std::int64_t, core::Log> LogRepository::latest_for_user(std::int64_t user_id) {
  std::map<std::int64_t, core::Log> latest;
  m_db.query(kLatestForUser, {user_id}, [&](const Row& row) {
    auto log = read_log(row);
    latest.emplace(log.tracker_id, std::move(log));
  });
  return latest;
}

}  // namespace qself::store
