#pragma once
// Services decide: they enforce the rules of PRODUCT.md over the repositories
// and know nothing of HTTP. Each call runs in its own transaction.
// Errors are the core family (core/errors.hpp). What a client sends arrives
// already read from its wire format (http/parse.hpp), as the structs below.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/model.hpp"
#include "core/sent.hpp"
#include "core/stats.hpp"
#include "core/tracker_rules.hpp"
#include "core/values.hpp"
#include "services/attempt_limiter.hpp"
#include "services/job_publisher.hpp"
#include "services/user_cache.hpp"
#include "store/database.hpp"
#include "store/job_repositories.hpp"
#include "store/repositories.hpp"

namespace qself::services {

// The cache used when none is given: none at all.
UserCache& no_cache();

struct AuthPolicy {
  std::chrono::seconds idle_expiry{std::chrono::hours{24 * 30}};
  std::chrono::seconds absolute_expiry{std::chrono::hours{24 * 90}};
  int max_failed_logins = 10;  // per email and window, then 429
  std::chrono::seconds failed_login_window{std::chrono::minutes{15}};
  // Personal API tokens have no idle expiry, only this one.
  std::chrono::seconds personal_token_expiry{std::chrono::hours{24 * 365}};
  int max_personal_tokens = 50;  // per user
  // Password reset links: how long one works, and how many are emailed an
  // hour, per account and in all (beyond that the request is answered the
  // same, and nothing is sent).
  std::chrono::seconds password_reset_expiry{std::chrono::hours{1}};
  int max_password_resets_per_account = 5;
  int max_password_resets_total = 200;
  // A reset request is answered no sooner than this, whether the address is
  // known or not, so that timing does not tell which.
  std::chrono::milliseconds password_reset_answer_time{300};
};

struct Registration {
  std::string email;
  std::string password;
  std::string name;
  std::string timezone = "UTC";
};

struct LoginResult {
  std::string token;  // shown once; only its hash is stored
  core::Timestamp expires_at;
  core::User user;
};

// Who is asking: the user and the session (or personal token) their token is.
struct Caller {
  core::User user;
  std::int64_t session_id = 0;
};

// PATCH /me's reminders: {enabled?, time?, monthly_report?}.
struct ReminderChanges {
  core::Sent<bool> enabled;
  core::Sent<int> minutes;  // the time of day, in minutes since midnight; malformed: not a time of day
  core::Sent<bool> monthly_report;
};

// PATCH /me: what a user changes of their profile and settings.
struct ProfileChanges {
  core::Sent<std::string> name;
  core::Sent<std::string> timezone;
  core::Sent<ReminderChanges> reminders;
};

class AuthService {
 public:
  AuthService(store::Database& db, AuthPolicy policy, UserCache& cache = no_cache())
      : m_db(db),
        m_policy(policy),
        m_failed_logins(policy.max_failed_logins, policy.failed_login_window),
        m_cache(cache) {}

  // Throws ValidationError (email, password, name, timezone) or Conflict (email taken).
  core::User register_user(Registration registration);
  // Throws Unauthorized, the same for an unknown email and a wrong password;
  // RateLimited after too many failures for one email.
  LoginResult login(const std::string& email, const std::string& password);
  // Accepts session tokens and personal API tokens. Throws Unauthorized for an
  // unknown, expired or revoked token.
  Caller authenticate(const std::string& token);
  void logout(const Caller& caller);

  // Applies the changes sent; throws ValidationError naming every wrong field.
  core::User update_profile(const Caller& caller, const ProfileChanges& changes);
  void delete_account(const Caller& caller);

 private:
  store::Database& m_db;
  AuthPolicy m_policy;
  AttemptLimiter m_failed_logins;
  UserCache& m_cache;
};

// Whether a change of type or options that would lose logged data goes ahead.
enum class LossyChange { refuse, allow };

class TrackerService {
 public:
  explicit TrackerService(store::Database& db, UserCache& cache = no_cache()) : m_db(db), m_cache(cache) {}

  std::vector<core::Tracker> list(const core::User& user, store::ArchivedFilter filter);
  core::Tracker get(const core::User& user, std::int64_t id);
  // Throws ValidationError naming every wrong field, Conflict when the name is taken.
  core::Tracker create(const core::User& user, const core::TrackerFields& fields);
  // A change of type or options that would lose logged data throws
  // Conflict("type_change_loses_data") unless `lossy` allows it.
  core::Tracker update(const core::User& user, std::int64_t id, const core::TrackerFields& fields, LossyChange lossy);
  void remove(const core::User& user, std::int64_t id);
  // Positions follow `ids`; ids not listed keep their order after them.
  std::vector<core::Tracker> reorder(const core::User& user, const std::vector<std::int64_t>& ids);

 private:
  store::Database& m_db;
  UserCache& m_cache;
};

struct LogPage {
  core::Tracker tracker;  // to render the values with
  std::vector<core::Log> items;
  std::optional<store::LogCursor> next;
};

// A log with the tracker it belongs to (its type gives the value its meaning).
struct TrackedLog {
  core::Tracker tracker;
  core::Log log;
};

// A log, or a change to one, as sent. Left out, a field keeps its value (or,
// for a new log, its default: logged_at now, an empty note; value is required).
struct LogFields {
  std::optional<core::NaturalValue> value;
  core::Sent<util::ZonedInstant> logged_at;  // null counts as left out; malformed: not a time with an offset
  core::Sent<std::string> note;              // null clears
};

class LogService {
 public:
  explicit LogService(store::Database& db, UserCache& cache = no_cache()) : m_db(db), m_cache(cache) {}

  LogPage list(const core::User& user, std::int64_t tracker_id, store::LogQuery query);
  TrackedLog get(const core::User& user, std::int64_t tracker_id, std::int64_t log_id);
  // Throw NotFound, or ValidationError naming every wrong field.
  TrackedLog add(const core::User& user, std::int64_t tracker_id, const LogFields& fields);
  TrackedLog update(const core::User& user, std::int64_t tracker_id, std::int64_t log_id, const LogFields& fields);
  void remove(const core::User& user, std::int64_t tracker_id, std::int64_t log_id);

 private:
  store::Database& m_db;
  UserCache& m_cache;
};

// What the dashboard shows of one tracker.
struct TrackerSummary {
  std::optional<core::Log> last;
  core::PeriodValues period;  // the period under way, in the user's time zone
  std::optional<double> period_value;
  bool done = false;
  core::Streaks streaks;
  std::vector<std::pair<core::Timestamp, std::optional<double>>> trend;  // oldest first
};

struct DashboardItem {
  core::Tracker tracker;
  TrackerSummary summary;
};

struct StatsQuery {
  std::optional<core::Timestamp> from;
  std::optional<core::Timestamp> to;
  std::optional<core::Frequency> bucket;  // default: the tracker's frequency
};

struct TrackerStats {
  core::Tracker tracker;
  core::Frequency bucket = core::Frequency::daily;
  core::Timestamp from, to;
  std::vector<core::PeriodValues> series;
  core::RangeSummary summary;
  core::Streaks streaks;
  std::optional<double> target_hit_rate;
};

class StatsService {
 public:
  static constexpr int kTrendPeriods = 14;

  explicit StatsService(store::Database& db) : m_db(db) {}

  // Every tracker with its summary, in one pass over the user's logs.
  std::vector<DashboardItem> dashboard(const core::User& user, store::ArchivedFilter filter);
  // Throws NotFound, or BadRequest when `from` is not before `to`.
  TrackerStats stats(const core::User& user, std::int64_t tracker_id, const StatsQuery& query);

 private:
  store::Database& m_db;
};

// Background work a user asks for (reports) and its progress.
struct ExportFile {
  std::string path;
  std::string download_name;
};

// POST /reports: an emailed report of [from, to), of some trackers or all.
struct ReportRequest {
  core::Sent<util::ZonedInstant> from;  // required; malformed: not a time with an offset
  core::Sent<util::ZonedInstant> to;
  // Null or left out: every tracker. Malformed: not a list; an item nullopt: not a whole number.
  core::Sent<std::vector<std::optional<std::int64_t>>> tracker_ids;
};

class JobService {
 public:
  // `export_dir` holds finished exports until they expire.
  JobService(store::Database& db, JobPublisher& publisher, std::string export_dir = "data/exports")
      : m_db(db), m_publisher(publisher), m_export_dir(std::move(export_dir)) {}

  // An emailed report. Throws ValidationError naming every wrong field.
  store::Job request_report(const core::User& user, const ReportRequest& request);
  // Throws NotFound unless the job is the user's.
  store::Job get(const core::User& user, std::int64_t id);
  // Everything the user owns, as a file built by a worker ("json" or "csv").
  store::Job request_export(const core::User& user, const std::string& format);
  // The finished export of job `id`, for its owner only, until it expires. Throws NotFound.
  ExportFile export_file(const core::User& user, std::int64_t id);

 private:
  store::Job create_report_job(const core::User& user, const ReportRequest& request);

  store::Database& m_db;
  JobPublisher& m_publisher;
  std::string m_export_dir;
};

}  // namespace qself::services
