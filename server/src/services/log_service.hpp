#pragma once
// What a user logs: pages of a tracker's logs, adding, changing and removing one.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/periods.hpp"
#include "core/sent.hpp"
#include "core/values.hpp"
#include "store/database.hpp"

namespace qself::services {

struct LogPage {
  core::Tracker tracker;  // to render the values with
  std::vector<core::Log> items;
  std::optional<core::LogCursor> next;
};

// A log with the tracker it belongs to (its type gives the value its meaning).
struct TrackedLog {
  core::Tracker tracker;
  core::Log log;
};

// A log, or a change to one, as sent. Left out, a field keeps its value (or,
// for a new log, its default: logged_at now, an empty note, a new uid; value
// is required). A log's uid never changes.
struct LogFields {
  core::Sent<std::string> uid;  // a new log's id (core/log_uid.hpp); null counts as left out
  std::optional<core::NaturalValue> value;
  core::Sent<util::ZonedInstant> logged_at;  // null counts as left out; malformed: not a time with an offset
  core::Sent<std::string> note;              // null clears
};

// One local day of a user's logs, every tracker's (archived ones too).
struct DayLogs {
  date::year_month_day day;
  util::ZonedInstant start, end;        // the day's bounds on the user's clock (23 or 25 hours on a DST change)
  std::vector<core::Tracker> trackers;  // every tracker, to render the values with
  std::vector<core::Log> logs;          // oldest first
  bool truncated = false;               // the day has more than kMostDayLogs
};

// The most logs one day answers with.
inline constexpr int kMostDayLogs = 2000;

// Whether add made the log, or found it made by an earlier request with the same uid.
enum class LogAdded { created, already_there };

struct AddedLog : TrackedLog {
  LogAdded outcome = LogAdded::created;
};

class LogService {
 public:
  explicit LogService(store::Database& db) : m_db(db) {}

  LogPage list(const core::User& user, core::TrackerId tracker_id, core::LogQuery query);
  // The logs of `day` on the user's clock.
  DayLogs day(const core::User& user, date::year_month_day day);
  TrackedLog get(const core::User& user, core::TrackerId tracker_id, core::LogId log_id);
  // Throw NotFound, or ValidationError naming every wrong field.
  // add with the uid of a log the user already has in this tracker answers
  // that log, unchanged (a retried request); throws Conflict("uid_taken")
  // when any other log has it, whose ever it is.
  AddedLog add(const core::User& user, core::TrackerId tracker_id, const LogFields& fields);
  // Throws ValidationError on "uid" when `fields` has another uid than the log's.
  TrackedLog update(const core::User& user, core::TrackerId tracker_id, core::LogId log_id, const LogFields& fields);
  void remove(const core::User& user, core::TrackerId tracker_id, core::LogId log_id);

 private:
  store::Database& m_db;
};

}  // namespace qself::services
