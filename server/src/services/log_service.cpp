#include "services/log_service.hpp"

#include "core/log_rules.hpp"
#include "core/log_uid.hpp"
#include "core/periods.hpp"
#include "core/validation.hpp"
#include "core/values.hpp"
#include "services/tracker_lookup.hpp"
#include "services/user_cache.hpp"
#include "store/repositories.hpp"
#include "util/crypto.hpp"

namespace qself::services {
namespace {

using store::Transaction;

enum class ValueRule { required, optional };

// Applies value, logged_at and note from `fields` to `log`.
void apply_log_fields(core::Log& log, const core::Tracker& tracker, const core::User& user, const LogFields& fields,
                      ValueRule value_rule) {
  ValidationError::Fields errors;
  if (fields.value) {
    try {
      log.value = core::read_value(tracker, *fields.value);
    } catch (const ValidationError& error) {
      errors.insert(error.fields().begin(), error.fields().end());
    }
  } else if (value_rule == ValueRule::required) {
    errors["value"] = "is required";
  }
  if (fields.logged_at.was_sent() && !fields.logged_at.is_null()) {
    const auto& parsed = fields.logged_at.value();
    const auto problem = parsed ? core::logged_at_problem(parsed->utc, util::now()) : std::nullopt;
    if (problem) {
      errors["logged_at"] = *problem;
    } else if (parsed) {
      log.logged_at = *parsed;
    } else {
      errors["logged_at"] = "must be an RFC 3339 time with an offset, like 2026-11-28T08:15:00+01:00";
    }
  } else if (value_rule == ValueRule::required) {
    const auto now = util::now();
    log.logged_at = util::ZonedInstant{now, core::Calendar(user.timezone).offset_minutes(now)};
  }
  if (fields.note.is_null()) {
    log.note.clear();
  } else if (fields.note.was_sent()) {
    const auto& note = fields.note.value();
    if (!note) {
      errors["note"] = "must be text";
    } else {
      try {
        log.note = core::read_note(*note);
      } catch (const ValidationError& error) {
        errors.insert(error.fields().begin(), error.fields().end());
      }
    }
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

// The uid `fields` asks for, if any; throws ValidationError when it is no UUID.
std::optional<std::string> sent_uid(const LogFields& fields) {
  if (!fields.uid.was_sent() || fields.uid.is_null()) return std::nullopt;
  const auto& text = fields.uid.value();
  auto uid = text ? core::parse_log_uid(*text) : std::nullopt;
  if (!uid) throw ValidationError("uid", "must be a UUID such as 4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c43");
  return uid;
}

}  // namespace

LogPage LogService::list(const core::User& user, core::TrackerId tracker_id, core::LogQuery query) {
  auto connection = m_db.connect();
  Transaction transaction(*connection, Transaction::Mode::read);
  LogPage page;
  page.tracker = find_tracker_or_throw(*connection, user.id, tracker_id);
  const int wanted = query.limit;
  query.limit = wanted + 1;  // one more tells whether there is a next page
  page.items = store::LogRepository(*connection).list(tracker_id.value, query);
  if (static_cast<int>(page.items.size()) > wanted) {
    page.items.resize(static_cast<std::size_t>(wanted));
    const auto& last = page.items.back();
    page.next = core::LogCursor{last.logged_at.utc, last.logged_at.millis, last.id};
  }
  return page;
}

DayLogs LogService::day(const core::User& user, date::year_month_day day) {
  const core::Calendar calendar(user.timezone);
  DayLogs out;
  out.day = day;
  out.start = calendar.at(date::local_days{day});
  out.end = calendar.at(date::local_days{day} + date::days{1});
  auto connection = m_db.connect();
  Transaction transaction(*connection, Transaction::Mode::read);
  out.trackers = store::TrackerRepository(*connection).list(user.id, core::ArchivedFilter::all);
  out.logs = store::LogRepository(*connection).list_for_user(user.id, out.start.utc, out.end.utc, kMostDayLogs + 1);
  if (out.logs.size() > static_cast<std::size_t>(kMostDayLogs)) {
    out.logs.resize(static_cast<std::size_t>(kMostDayLogs));
    out.truncated = true;
  }
  return out;
}

TrackedLog LogService::get(const core::User& user, core::TrackerId tracker_id, core::LogId log_id) {
  auto connection = m_db.connect();
  auto tracker = find_tracker_or_throw(*connection, user.id, tracker_id);
  auto log = store::LogRepository(*connection).find(tracker_id.value, log_id.value);
  if (!log) throw NotFound("No such log.");
  return {std::move(tracker), std::move(*log)};
}

AddedLog LogService::add(const core::User& user, core::TrackerId tracker_id, const LogFields& fields) {
  const auto uid = sent_uid(fields);
  auto connection = m_db.connect();
  Transaction transaction(*connection, user.id);  // this account's rows only
  const core::Tracker tracker = find_tracker_or_throw(*connection, user.id, tracker_id);
  store::LogRepository logs(*connection);
  if (uid) {
    // A request sent again (its answer lost on the way) answers the log the
    // first one made. Another user's log is not told apart from another tracker's.
    if (const auto owner = logs.find_uid(*uid)) {
      if (owner->user_id != user.id || owner->tracker_id != tracker.id) {
        throw Conflict("uid_taken", "Another log already has this uid.", {{"uid", "is already used by another log"}});
      }
      auto existing = logs.find(tracker.id, owner->log_id);
      return {{tracker, std::move(*existing)}, LogAdded::already_there};
    }
  }
  core::Log log;
  log.tracker_id = tracker.id;
  apply_log_fields(log, tracker, user, fields, ValueRule::required);
  log.created_at = log.updated_at = util::now();
  log.uid = uid ? *uid : util::time_ordered_uuid(log.created_at);
  try {
    log = logs.insert(log);
  } catch (const store::UniqueViolation&) {
    // Uids are unique across accounts, whose writes run side by side
    // (Transaction's account form): another account's log took it meanwhile.
    throw Conflict("uid_taken", "Another log already has this uid.", {{"uid", "is already used by another log"}});
  }
  commit_change(*connection, transaction, user.id);
  return {{tracker, std::move(log)}, LogAdded::created};
}

TrackedLog LogService::update(const core::User& user, core::TrackerId tracker_id, core::LogId log_id,
                              const LogFields& fields) {
  auto connection = m_db.connect();
  Transaction transaction(*connection, user.id);  // this account's rows only
  const core::Tracker tracker = find_tracker_or_throw(*connection, user.id, tracker_id);
  store::LogRepository logs(*connection);
  auto log = logs.find(tracker_id.value, log_id.value);
  if (!log) throw NotFound("No such log.");
  if (const auto uid = sent_uid(fields); uid && *uid != log->uid) {
    throw ValidationError("uid", "cannot be changed: it is the log's id");
  }
  const auto previous_logged_at = log->logged_at.utc;
  apply_log_fields(*log, tracker, user, fields, ValueRule::optional);
  log->updated_at = util::now();
  logs.update(*log, previous_logged_at);
  commit_change(*connection, transaction, user.id);
  return {tracker, std::move(*log)};
}

void LogService::remove(const core::User& user, core::TrackerId tracker_id, core::LogId log_id) {
  auto connection = m_db.connect();
  Transaction transaction(*connection, user.id);  // this account's rows only
  find_tracker_or_throw(*connection, user.id, tracker_id);
  if (!store::LogRepository(*connection).remove(tracker_id.value, log_id.value)) throw NotFound("No such log.");
  commit_change(*connection, transaction, user.id);
}

}  // namespace qself::services
