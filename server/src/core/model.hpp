#pragma once
// The model of PRODUCT.md as plain values: users and their sessions, trackers,
// logs, and the background jobs a user's requests become.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/time.hpp"

namespace qself::core {

using util::Timestamp;

enum class TrackerType { numeric, boolean, choice, rating, duration, text };
enum class Frequency { hourly, daily, weekly, monthly };
enum class TargetOp { at_least, at_most };
// What of a period's logs a target is held against: their total, how many
// there are, their mean, the latest, the lowest or the highest.
enum class Aggregate { sum, count, average, last, min, max };
// A duration tracker's entry unit: what a number typed alone means ("8").
enum class DurationUnit { minutes, hours };

// An id that names what it identifies: a tracker id passed where a log id is
// expected does not compile. Service methods take these; rows keep plain integers.
template <typename Tag>
struct Id {
  std::int64_t value = 0;
  constexpr explicit Id(std::int64_t id) : value(id) {}
  auto operator<=>(const Id&) const = default;
};
using TrackerId = Id<struct TrackerTag>;
using LogId = Id<struct LogTag>;
using JobId = Id<struct JobTag>;
using SessionId = Id<struct SessionTag>;  // a login session or a personal token

std::string_view to_string(TrackerType type);
std::string_view to_string(Frequency frequency);
std::string_view to_string(TargetOp op);
std::optional<TrackerType> parse_tracker_type(std::string_view text);
std::optional<Frequency> parse_frequency(std::string_view text);
std::optional<TargetOp> parse_target_op(std::string_view text);
std::string_view to_string(Aggregate aggregate);
std::optional<Aggregate> parse_aggregate(std::string_view text);
std::string_view to_string(DurationUnit unit);
std::optional<DurationUnit> parse_duration_unit(std::string_view text);

// A goal: the period's `aggregate` of the logs is at least / at most `value`,
// per `period` — unset: per the tracker's frequency; else a longer one ("3 times
// a week" on a daily habit).
struct Target {
  TargetOp op = TargetOp::at_least;
  double value = 0;
  Aggregate aggregate = Aggregate::sum;
  std::optional<Frequency> period;
  bool operator==(const Target&) const = default;
};

// One answer of a choice tracker. A log stores the choice's id, never its
// position: reordering the choices changes no log, renaming one renames it
// in every log.
struct Choice {
  std::int64_t id = 0;
  std::string label;
  bool operator==(const Choice&) const = default;
};

// Every type's options in one value; only those of the tracker's type matter.
struct TrackerOptions {
  std::optional<double> min;                           // numeric
  std::optional<double> max;                           // numeric
  int decimals = 2;                                    // numeric: values are rounded to this many places
  std::vector<Choice> choices;                         // choice: in the order shown; a log stores the id
  int scale = 5;                                       // rating: 1..scale
  std::vector<std::string> labels;                     // rating: optional, one per step
  DurationUnit duration_unit = DurationUnit::minutes;  // duration: how a bare number is entered
  bool operator==(const TrackerOptions&) const = default;
};

// The choice with this id, or nullptr.
const Choice* find_choice(const TrackerOptions& options, std::int64_t id);
// The choice with this label (compared without regard to case), or nullptr.
const Choice* find_choice(const TrackerOptions& options, std::string_view label);
// Adds a choice with the next free id; answers that id.
std::int64_t add_choice(TrackerOptions& options, std::string label);
// The labels, in order.
std::vector<std::string> choice_labels(const TrackerOptions& options);

struct User {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  std::string timezone = "UTC";
  bool reminders_enabled = true;
  int reminder_minutes = 20 * 60;  // local time of day for the reminder email
  bool monthly_report = false;
  Timestamp created_at{};
  // When someone opened the link emailed to the address; unset: not yet (the
  // account cannot sign in and gets no mail but that link).
  std::optional<Timestamp> verified_at;
  // The version of everything the account holds (users.data_version): every
  // write that changes what its answers show increments it in its own
  // transaction. Cached answers are kept under it (services/user_cache.hpp).
  std::int64_t data_version = 0;
};

struct Tracker {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string name;
  std::string description;
  std::string unit;
  TrackerType type = TrackerType::numeric;
  Frequency frequency = Frequency::daily;
  TrackerOptions options;
  std::optional<Target> target;
  std::string color;
  std::string icon;
  std::int64_t position = 0;
  bool archived = false;
  bool reminders = true;  // named in the daily reminder email
  // Its own reminders (core/reminder_schedule.hpp): "HH:MM" times ascending,
  // and the weekdays they apply on (bit 0 Monday … bit 6 Sunday).
  std::vector<std::chrono::minutes> reminder_times;
  std::uint8_t reminder_days = 0x7f;
  // Up to when the scheduler has looked at those moments; set when the
  // schedule is made or changed. Not part of the API.
  std::optional<Timestamp> reminders_checked_at;
  Timestamp created_at{};
  Timestamp updated_at{};
};

// What a target of each type may be held against, the default first: counts
// add up (sum: total, yes/no: times yes), ratings average, choices and texts
// count their logs. The default is what a target without one meant before
// targets had aggregates.
const std::vector<Aggregate>& aggregates_for(TrackerType type);
Aggregate default_aggregate(TrackerType type);
// The tracker's goal: its target's aggregate and period, or (without a
// target) the type's default per the tracker's frequency.
Aggregate goal_aggregate(const Tracker& tracker);
Frequency goal_period(const Tracker& tracker);

// How a value is kept: a number for every type but text, which keeps a string.
// boolean 0/1, choice the choice's id, rating 1..N, duration seconds.
struct StoredValue {
  std::optional<double> number;
  std::optional<std::string> text;
  bool operator==(const StoredValue&) const = default;
};

struct Log {
  std::int64_t id = 0;
  std::string uid;  // stable across exports and imports: a lower-case UUID (core/log_uid.hpp)
  std::int64_t tracker_id = 0;
  StoredValue value;
  util::ZonedInstant logged_at;
  std::string note;
  Timestamp created_at{};
  Timestamp updated_at{};
};

// Which trackers a list shows.
enum class ArchivedFilter { active, archived, all };

// Where a page of logs starts: strictly older than this (time, its
// milliseconds, id).
struct LogCursor {
  Timestamp logged_at;
  int millis = 0;
  std::int64_t id = 0;
};

// A page of a tracker's logs, newest first.
struct LogQuery {
  std::optional<Timestamp> from;  // inclusive
  std::optional<Timestamp> to;    // exclusive
  std::optional<LogCursor> before;
  int limit = 50;
};

// A login session expires when idle; a personal API token only at expires_at.
enum class TokenKind { session, personal };
// What a personal token may do: read (GET, HEAD) or write. Never the account.
enum class TokenScope { read, write };
std::string_view to_string(TokenScope scope);
std::optional<TokenScope> parse_token_scope(std::string_view text);

// A signed-in session or a personal API token (its secret is never kept, only its hash).
struct Session {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  TokenKind kind = TokenKind::session;
  TokenScope scope = TokenScope::write;  // read: a personal token that only reads
  std::string name;                      // personal tokens only
  Timestamp created_at{};
  Timestamp last_used_at{};
  Timestamp expires_at{};
};

// What a background job does. `unknown`: a kind this version of qself does not
// know (written by a newer one); a worker gives it up.
enum class JobKind { send_email, send_push, build_report, export_data, import_data, noop, unknown };
// pending (queued or waiting to retry) → running → done, or dead once retries are used up.
enum class JobStatus { pending, running, done, dead };

std::string_view to_string(
    JobKind kind);  // as stored: "send_email", "send_push", "build_report", "export", "import", "noop"
std::string_view to_string(JobStatus status);
JobKind parse_job_kind(std::string_view text);  // unknown for any other text
std::optional<JobStatus> parse_job_status(std::string_view text);

struct Job {
  std::int64_t id = 0;
  JobKind kind = JobKind::noop;
  std::optional<std::int64_t> user_id;
  std::string payload;  // JSON of ids and dates, never personal data
  JobStatus status = JobStatus::pending;
  int attempts = 0;
  int progress = 0;
  std::string last_error;
  std::string result = "{}";  // JSON: what a finished job produced (an export's file)
  Timestamp run_after{};
  Timestamp created_at{};
  Timestamp updated_at{};
};

}  // namespace qself::core
