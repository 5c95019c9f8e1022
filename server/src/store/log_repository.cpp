#include "store/repositories.hpp"
#include "store/sql_time.hpp"

namespace qself::store {
namespace {

#define QSELF_LOG_COLUMNS \
  "id, tracker_id, logged_at, offset_minutes, value, text, note, created_at, updated_at, uid, logged_at_millis"

constexpr std::string_view kInsertLog =
    "INSERT INTO logs (tracker_id, logged_at, offset_minutes, value, text, note, created_at, updated_at, uid,"
    " logged_at_millis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kSelectLog = "SELECT " QSELF_LOG_COLUMNS " FROM logs WHERE tracker_id = ? AND id = ?";
constexpr std::string_view kSelectUidOwner =
    "SELECT t.user_id, l.tracker_id, l.id FROM logs l JOIN trackers t ON t.id = l.tracker_id WHERE l.uid = ?";
// One statement serves every page: unset bounds are passed as the widest values.
constexpr std::string_view kSelectLogPage = "SELECT " QSELF_LOG_COLUMNS
                                            " FROM logs"
                                            " WHERE tracker_id = ? AND logged_at >= ? AND logged_at < ?"
                                            " AND (logged_at < ? OR (logged_at = ? AND (logged_at_millis < ?"
                                            " OR (logged_at_millis = ? AND id < ?))))"
                                            " ORDER BY logged_at DESC, logged_at_millis DESC, id DESC LIMIT ?";
constexpr std::string_view kSelectUserLogsBetween =
    "SELECT " QSELF_LOG_COLUMNS
    " FROM logs WHERE tracker_id IN (SELECT id FROM trackers WHERE user_id = ?) AND logged_at >= ? AND logged_at < ?"
    " ORDER BY logged_at, logged_at_millis, id LIMIT ?";
constexpr std::string_view kSelectAllLogs =
    "SELECT " QSELF_LOG_COLUMNS " FROM logs WHERE tracker_id = ? ORDER BY logged_at, logged_at_millis, id";
constexpr std::string_view kUpdateLog =
    "UPDATE logs SET logged_at = ?, logged_at_millis = ?, offset_minutes = ?, value = ?, text = ?, note = ?,"
    " updated_at = ? WHERE tracker_id = ? AND id = ?";
constexpr std::string_view kValueCounts =
    "SELECT value, COUNT(*) FROM logs WHERE tracker_id = ? AND value IS NOT NULL GROUP BY value ORDER BY value"
    " LIMIT ?";
constexpr std::string_view kUpdateLogValue = "UPDATE logs SET value = ?, text = ?, updated_at = ? WHERE id = ?";

constexpr std::string_view kLatestForUser =
    "SELECT " QSELF_LOG_COLUMNS
    " FROM logs WHERE id IN (SELECT (SELECT l.id FROM logs l"
    " WHERE l.tracker_id = t.id ORDER BY l.logged_at DESC, l.logged_at_millis DESC, l.id DESC LIMIT 1)"
    " FROM trackers t WHERE t.user_id = ?)";

#undef QSELF_LOG_COLUMNS

constexpr std::string_view kAggregate =
    "SELECT slot, key, count, sum, min, max, last, last_at FROM log_slots"
    " WHERE tracker_id = ? AND slot >= ? AND slot < ? ORDER BY slot, key";
constexpr std::string_view kAggregateForUser =
    "SELECT s.tracker_id, s.slot, s.key, s.count, s.sum, s.min, s.max, s.last, s.last_at"
    " FROM log_slots s JOIN trackers t ON t.id = s.tracker_id WHERE t.user_id = ?"
    " ORDER BY s.tracker_id, s.slot, s.key";
// Recomputes one slot of a tracker from its logs (after any write in it).
constexpr std::string_view kClearSlot = "DELETE FROM log_slots WHERE tracker_id = ? AND slot = ?";
constexpr std::string_view kFillSlot =
    "INSERT INTO log_slots (tracker_id, slot, key, count, sum, min, max)"
    " SELECT l.tracker_id, l.logged_at / 900,"
    " CASE WHEN t.type IN ('choice', 'boolean') THEN CAST(l.value AS INTEGER) ELSE -1 END AS k,"
    " COUNT(*), SUM(l.value), MIN(l.value), MAX(l.value)"
    " FROM logs l JOIN trackers t ON t.id = l.tracker_id"
    " WHERE l.tracker_id = ? AND l.logged_at >= ? AND l.logged_at < ? GROUP BY l.tracker_id, l.logged_at / 900, k";
// Sets the latest value of slots in [?, ?) of a tracker, after they were filled.
constexpr std::string_view kFillSlotsLast =
    "UPDATE log_slots SET (last, last_at) = ("
    "SELECT l.value, l.logged_at * 1000 + l.logged_at_millis FROM logs l JOIN trackers t ON t.id = l.tracker_id"
    " WHERE l.tracker_id = log_slots.tracker_id"
    " AND l.logged_at >= log_slots.slot * 900 AND l.logged_at < log_slots.slot * 900 + 900"
    " AND (CASE WHEN t.type IN ('choice', 'boolean') THEN CAST(l.value AS INTEGER) ELSE -1 END) = log_slots.key"
    " ORDER BY l.logged_at DESC, l.logged_at_millis DESC, l.id DESC LIMIT 1)"
    " WHERE tracker_id = ? AND slot >= ? AND slot < ?";
// Adds one new log to its slot without reading the slot's other logs. It is the
// slot's latest unless one is later; on the same millisecond, it is (its id is).
// The slot's columns are named through the alias `s`: PostgreSQL finds a bare
// `count` ambiguous beside `excluded.count`.
constexpr std::string_view kAddToSlot =
    "INSERT INTO log_slots AS s (tracker_id, slot, key, count, sum, min, max, last, last_at)"
    " SELECT ?, ?, CASE WHEN t.type IN ('choice', 'boolean') THEN CAST(? AS INTEGER) ELSE -1 END, 1, ?, ?, ?, ?, ?"
    " FROM trackers t WHERE t.id = ?"
    " ON CONFLICT (tracker_id, slot, key) DO UPDATE SET count = s.count + 1,"
    " sum = CASE WHEN excluded.sum IS NULL THEN s.sum ELSE COALESCE(s.sum, 0) + excluded.sum END,"
    " min = CASE WHEN s.min IS NULL OR excluded.min < s.min THEN excluded.min ELSE s.min END,"
    " max = CASE WHEN s.max IS NULL OR excluded.max > s.max THEN excluded.max ELSE s.max END,"
    " last = CASE WHEN s.last_at IS NULL OR excluded.last_at >= s.last_at THEN excluded.last ELSE s.last END,"
    " last_at = CASE WHEN s.last_at IS NULL OR excluded.last_at >= s.last_at THEN excluded.last_at"
    " ELSE s.last_at END";
constexpr std::string_view kClearSlots = "DELETE FROM log_slots WHERE tracker_id = ?";
constexpr std::string_view kFillSlots =
    "INSERT INTO log_slots (tracker_id, slot, key, count, sum, min, max)"
    " SELECT l.tracker_id, l.logged_at / 900 AS s,"
    " CASE WHEN t.type IN ('choice', 'boolean') THEN CAST(l.value AS INTEGER) ELSE -1 END AS k,"
    " COUNT(*), SUM(l.value), MIN(l.value), MAX(l.value)"
    " FROM logs l JOIN trackers t ON t.id = l.tracker_id WHERE l.tracker_id = ? GROUP BY l.tracker_id, s, k";
constexpr std::string_view kDeleteLogReturning = "DELETE FROM logs WHERE tracker_id = ? AND id = ? RETURNING logged_at";
constexpr std::string_view kDeleteLogByIdReturning = "DELETE FROM logs WHERE id = ? RETURNING tracker_id, logged_at";

constexpr std::int64_t kFarPast = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kFarFuture = std::numeric_limits<std::int64_t>::max();

core::SlotAggregate read_slot(const Row& row, int first) {
  core::SlotAggregate slot;
  slot.slot = row.integer(first);
  if (row.integer(first + 1) >= 0) slot.key = static_cast<double>(row.integer(first + 1));
  slot.count = row.integer(first + 2);
  slot.sum = row.optional_real(first + 3);
  slot.min = row.optional_real(first + 4);
  slot.max = row.optional_real(first + 5);
  slot.last = row.optional_real(first + 6);
  slot.last_at = row.is_null(first + 7) ? 0 : row.integer(first + 7);
  return slot;
}

core::Log read_log(const Row& row) {
  core::Log log;
  log.id = row.integer(0);
  log.tracker_id = row.integer(1);
  log.logged_at =
      util::ZonedInstant{at(row.integer(2)), static_cast<int>(row.integer(3)), static_cast<int>(row.integer(10))};
  log.value.number = row.optional_real(4);
  log.value.text = row.optional_text(5);
  log.note = row.text(6);
  log.created_at = at(row.integer(7));
  log.updated_at = at(row.integer(8));
  log.uid = row.text(9);
  return log;
}

}  // namespace

core::Log LogRepository::insert(const core::Log& log) {
  core::Log created = log;
  created.id = *m_db.query_integer(
      kInsertLog, {log.tracker_id, seconds(log.logged_at.utc), std::int64_t{log.logged_at.offset_minutes},
                   param(log.value.number), param(log.value.text), log.note, seconds(log.created_at),
                   seconds(log.updated_at), log.uid, std::int64_t{log.logged_at.millis}});
  const auto value = param(log.value.number);
  const std::int64_t millis = seconds(log.logged_at.utc) * 1000 + log.logged_at.millis;
  m_db.execute(kAddToSlot, {log.tracker_id, seconds(log.logged_at.utc) / core::kSlotSeconds, value, value, value, value,
                            value, millis, log.tracker_id});
  return created;
}

void LogRepository::refresh_slot(std::int64_t tracker_id, Timestamp at_time) {
  const std::int64_t slot = seconds(at_time) / core::kSlotSeconds;
  m_db.execute(kClearSlot, {tracker_id, slot});
  m_db.execute(kFillSlot, {tracker_id, slot * core::kSlotSeconds, (slot + 1) * core::kSlotSeconds});
  m_db.execute(kFillSlotsLast, {tracker_id, slot, slot + 1});
}

void LogRepository::rebuild_slots(std::int64_t tracker_id) {
  m_db.execute(kClearSlots, {tracker_id});
  m_db.execute(kFillSlots, {tracker_id});
  m_db.execute(kFillSlotsLast, {tracker_id, kFarPast, kFarFuture});
}

std::optional<core::Log> LogRepository::find(std::int64_t tracker_id, std::int64_t id) {
  std::optional<core::Log> found;
  m_db.query(kSelectLog, {tracker_id, id}, [&](const Row& row) { found = read_log(row); });
  return found;
}

std::optional<LogUidOwner> LogRepository::find_uid(const std::string& uid) {
  std::optional<LogUidOwner> found;
  m_db.query(kSelectUidOwner, {uid}, [&](const Row& row) {
    found = LogUidOwner{row.integer(0), row.integer(1), row.integer(2)};
  });
  return found;
}

std::vector<core::Log> LogRepository::list_for_user(std::int64_t user_id, Timestamp from, Timestamp to, int limit) {
  std::vector<core::Log> logs;
  m_db.query(kSelectUserLogsBetween, {user_id, seconds(from), seconds(to), std::int64_t{limit}},
             [&](const Row& row) { logs.push_back(read_log(row)); });
  return logs;
}

std::vector<core::Log> LogRepository::list(std::int64_t tracker_id, const core::LogQuery& query) {
  const std::int64_t before_time = query.before ? seconds(query.before->logged_at) : kFarFuture;
  const std::int64_t before_millis = query.before ? query.before->millis : kFarFuture;
  const std::int64_t before_id = query.before ? query.before->id : kFarFuture;
  std::vector<core::Log> logs;
  logs.reserve(static_cast<std::size_t>(query.limit));
  m_db.query(kSelectLogPage,
             {tracker_id, query.from ? seconds(*query.from) : kFarPast, query.to ? seconds(*query.to) : kFarFuture,
              before_time, before_time, before_millis, before_millis, before_id, std::int64_t{query.limit}},
             [&](const Row& row) { logs.push_back(read_log(row)); });
  return logs;
}

void LogRepository::update(const core::Log& log, Timestamp previous_logged_at) {
  m_db.execute(kUpdateLog, {seconds(log.logged_at.utc), std::int64_t{log.logged_at.millis},
                            std::int64_t{log.logged_at.offset_minutes}, param(log.value.number), param(log.value.text),
                            log.note, seconds(log.updated_at), log.tracker_id, log.id});
  refresh_slot(log.tracker_id, previous_logged_at);
  if (seconds(previous_logged_at) / core::kSlotSeconds != seconds(log.logged_at.utc) / core::kSlotSeconds) {
    refresh_slot(log.tracker_id, log.logged_at.utc);
  }
}

bool LogRepository::remove(std::int64_t tracker_id, std::int64_t id) {
  const auto logged_at = m_db.query_integer(kDeleteLogReturning, {tracker_id, id});
  if (!logged_at) return false;
  refresh_slot(tracker_id, at(*logged_at));
  return true;
}

void LogRepository::for_each(std::int64_t tracker_id, const std::function<void(const core::Log&)>& visit) {
  m_db.query(kSelectAllLogs, {tracker_id}, [&](const Row& row) { visit(read_log(row)); });
}

std::vector<core::ValueCount> LogRepository::value_counts(std::int64_t tracker_id) {
  std::vector<core::ValueCount> counts;
  // One more than plan_mapping takes, so that it can tell there are too many without reading them all.
  const auto limit = static_cast<std::int64_t>(core::kMaxMappedValues + 1);
  m_db.query(kValueCounts, {tracker_id, limit}, [&](const Row& row) {
    counts.push_back({row.real(0), row.integer(1)});
  });
  return counts;
}

void LogRepository::update_value(std::int64_t id, const core::StoredValue& value, Timestamp now) {
  m_db.execute(kUpdateLogValue, {param(value.number), param(value.text), seconds(now), id});
}

void LogRepository::remove_by_id(std::int64_t id) {
  std::optional<std::pair<std::int64_t, std::int64_t>> removed;
  m_db.query(kDeleteLogByIdReturning, {id}, [&](const Row& row) { removed.emplace(row.integer(0), row.integer(1)); });
  if (removed) refresh_slot(removed->first, at(removed->second));
}

std::vector<core::SlotAggregate> LogRepository::aggregate(const core::Tracker& tracker, Timestamp from, Timestamp to) {
  // Slots that start in [from, to): a range is read at quarter-hour precision.
  const auto first_slot = (seconds(from) + core::kSlotSeconds - 1) / core::kSlotSeconds;
  const auto end_slot = (seconds(to) + core::kSlotSeconds - 1) / core::kSlotSeconds;
  std::vector<core::SlotAggregate> slots;
  m_db.query(kAggregate, {tracker.id, first_slot, end_slot},
             [&](const Row& row) { slots.push_back(read_slot(row, 0)); });
  return slots;
}

std::map<std::int64_t, std::vector<core::SlotAggregate>> LogRepository::aggregate_for_user(std::int64_t user_id) {
  std::map<std::int64_t, std::vector<core::SlotAggregate>> slots;
  m_db.query(kAggregateForUser, {user_id}, [&](const Row& row) { slots[row.integer(0)].push_back(read_slot(row, 1)); });
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

namespace {
constexpr std::string_view kValueCountsBetween =
    "SELECT value, COUNT(*) FROM logs WHERE tracker_id = ? AND logged_at >= ? AND logged_at < ?"
    " AND value IS NOT NULL GROUP BY value ORDER BY value";
}  // namespace

std::vector<core::ValueCount> LogRepository::value_counts(std::int64_t tracker_id, Timestamp from, Timestamp to) {
  std::vector<core::ValueCount> counts;
  m_db.query(kValueCountsBetween, {tracker_id, seconds(from), seconds(to)}, [&](const Row& row) {
    counts.push_back({row.real(0), row.integer(1)});
  });
  return counts;
}

}  // namespace qself::store
