#pragma once
// Repositories: the SQL of each table behind plain functions on a Connection.
// They neither open transactions nor check rules; services do both.

#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "core/mail_schedule.hpp"
#include "core/model.hpp"
#include "core/reminder_schedule.hpp"
#include "core/stats.hpp"
#include "core/value_mapping.hpp"
#include "store/database.hpp"

namespace qself::store {

using core::Timestamp;

struct UserRecord {
  core::User user;
  std::string password_hash;
};

struct SessionOfUser {
  core::Session session;
  core::User user;
};

// A user the scheduler may mail, and what it recorded for them last.
struct MailRecipient {
  core::User user;
  core::MailMarkers markers;
};

class UserRepository {
 public:
  explicit UserRepository(Connection& connection) : m_db(connection) {}
  // Throws UniqueViolation when the email is taken. The account is verified
  // when `user.verified_at` is set (see mark_verified).
  core::User insert(const core::User& user, const std::string& password_hash, Timestamp now);
  std::optional<UserRecord> find_by_email(const std::string& email);
  std::optional<core::User> find(std::int64_t id);
  void update_profile(const core::User& user, Timestamp now);
  // The verified users the scheduler may mail (reminders or monthly reports
  // on), with what it recorded for each last.
  std::vector<MailRecipient> list_mail_recipients();
  // The verified users with an active tracker that has its own reminder times.
  std::vector<core::User> list_with_reminder_schedules();
  // Records that the reminder of `date` ("YYYY-MM-DD", local) was decided at
  // `decided_at`, and whether one was sent.
  void set_last_reminder_date(std::int64_t id, const std::string& date, Timestamp decided_at,
                              core::ReminderOutcome outcome);
  // Records `month` ("YYYY-MM", local) as the last month reported on, so the
  // scheduler's next monthly report is for the month after it.
  void set_last_monthly_report(std::int64_t id, const std::string& month);
  void update_password(std::int64_t id, const std::string& password_hash, Timestamp now);
  // Someone opened a link sent to the account's address; a verified account stays so.
  void mark_verified(std::int64_t id, Timestamp now);
  // A sign-up again with an unverified account's address: the newest password, name and zone win.
  void update_unverified(const core::User& user, const std::string& password_hash, Timestamp now);
  // Increments the account's data version (core::User::data_version). Call it
  // in the transaction of every write that changes what its answers show:
  // services do, through services::commit_change.
  void count_change(std::int64_t id);
  bool remove(std::int64_t id);
  // Deletes, with everything they hold, the accounts still unverified that
  // were created before `created_before`; answers how many.
  std::int64_t remove_unverified(Timestamp created_before);

 private:
  Connection& m_db;
};

class SessionRepository {
 public:
  explicit SessionRepository(Connection& connection) : m_db(connection) {}
  std::int64_t insert(std::int64_t user_id, const std::string& token_hash, Timestamp now, Timestamp expires_at,
                      core::TokenKind kind = core::TokenKind::session, const std::string& name = "",
                      core::TokenScope scope = core::TokenScope::write);
  // The session with this token hash, and its account.
  std::optional<SessionOfUser> find_by_token_hash(const std::string& token_hash);
  // A user's tokens of one kind still valid at `now` (sessions: also used since
  // `idle_before`), most recently created first.
  std::vector<core::Session> list(std::int64_t user_id, core::TokenKind kind, Timestamp idle_before, Timestamp now);
  // Those not expired at `now`.
  std::int64_t count(std::int64_t user_id, core::TokenKind kind, Timestamp now);
  void touch(std::int64_t id, Timestamp now);
  void remove(std::int64_t id);
  // Answers false when the user has no token of that kind and id.
  bool remove(std::int64_t user_id, core::TokenKind kind, std::int64_t id);
  // Every token of the user, of both kinds, but `keep_id` (0 keeps none).
  void remove_all_but(std::int64_t user_id, std::int64_t keep_id);
  // The same, remembering for each token that still worked (sessions: used
  // since `idle_before`) why it stopped, until it would have expired.
  void revoke_all_but(std::int64_t user_id, std::int64_t keep_id, std::string_view reason, Timestamp idle_before,
                      Timestamp now);
  // Why the token with this hash was revoked, while it would still be valid.
  std::optional<std::string> revoked_reason(const std::string& token_hash, Timestamp now);
  // The user's `keep` most recently used login sessions stay, the others go;
  // personal tokens stay.
  void keep_recent_sessions(std::int64_t user_id, int keep);
  // The user's login sessions but `keep_id`; personal tokens stay.
  void remove_sessions_but(std::int64_t user_id, std::int64_t keep_id);
  // Sessions idle since before `idle_before`, and any token (revoked ones too) past its expiry.
  void remove_expired(Timestamp idle_before, Timestamp now);

 private:
  Connection& m_db;
};

// What an emailed link is for. Each purpose counts and uses up only its own links.
enum class LinkPurpose { password_reset, email_verification };

struct EmailLink {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
};

// Single-use links sent by email (password reset, email verification): only a
// token's SHA-256 is kept.
class EmailLinkRepository {
 public:
  EmailLinkRepository(Connection& connection, LinkPurpose purpose) : m_db(connection), m_purpose(purpose) {}
  std::int64_t insert(std::int64_t user_id, const std::string& token_hash, Timestamp now, Timestamp expires_at);
  // Links of this purpose created for the user since `since`.
  std::int64_t count_since(std::int64_t user_id, Timestamp since);
  // The unused, unexpired link of this purpose with this token hash.
  std::optional<EmailLink> find_usable(const std::string& token_hash, Timestamp now);
  // Marks it used, if it still is usable: at most one caller ever gets it.
  std::optional<EmailLink> use(const std::string& token_hash, Timestamp now);
  // Every link of this purpose the user still has outstanding stops working.
  void use_all(std::int64_t user_id, Timestamp now);
  // Forgets links (of any purpose) that expired before `before`.
  void remove_expired(Timestamp before);

 private:
  Connection& m_db;
  LinkPurpose m_purpose;
};

// A tracker's own reminder times, and up to when the scheduler looked at them.
struct ScheduledTracker {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  core::ReminderSchedule schedule;
  std::optional<Timestamp> checked_at;
};

class TrackerRepository {
 public:
  explicit TrackerRepository(Connection& connection) : m_db(connection) {}
  std::vector<core::Tracker> list(std::int64_t user_id, core::ArchivedFilter filter);
  std::optional<core::Tracker> find(std::int64_t user_id, std::int64_t id);
  // Throws UniqueViolation when the user already has a tracker of that name.
  core::Tracker insert(const core::Tracker& tracker);
  void update(const core::Tracker& tracker);
  bool remove(std::int64_t user_id, std::int64_t id);
  // Every tracker of the user, archived ones too.
  std::int64_t count(std::int64_t user_id);
  std::int64_t next_position(std::int64_t user_id);
  void set_position(std::int64_t user_id, std::int64_t id, std::int64_t position, Timestamp now);
  // The user's active trackers that have their own reminder times.
  std::vector<core::Tracker> with_reminder_schedule(std::int64_t user_id);
  // Every account's active trackers that have their own reminder times, by user.
  std::vector<ScheduledTracker> reminder_schedules();
  // The scheduler has looked at the tracker's reminder moments up to `at`.
  void set_reminders_checked(std::int64_t id, Timestamp at);

 private:
  Connection& m_db;
};

// Whose log a uid names.
struct LogUidOwner {
  std::int64_t user_id = 0;
  std::int64_t tracker_id = 0;
  std::int64_t log_id = 0;
};

class LogRepository {
 public:
  explicit LogRepository(Connection& connection) : m_db(connection) {}
  // `log.uid` must be set. Throws UniqueViolation when another log has it.
  core::Log insert(const core::Log& log);
  std::optional<core::Log> find(std::int64_t tracker_id, std::int64_t id);
  // The log with this uid, of any user.
  std::optional<LogUidOwner> find_uid(const std::string& uid);
  // Newest first.
  std::vector<core::Log> list(std::int64_t tracker_id, const core::LogQuery& query);
  // Every tracker's logs of a user in [from, to), oldest first, at most `limit`.
  std::vector<core::Log> list_for_user(std::int64_t user_id, Timestamp from, Timestamp to, int limit);
  // `previous_logged_at`: where the log was, so that both slots are kept right.
  void update(const core::Log& log, Timestamp previous_logged_at);
  bool remove(std::int64_t tracker_id, std::int64_t id);
  // Every log of a tracker, oldest first.
  void for_each(std::int64_t tracker_id, const std::function<void(const core::Log&)>& visit);
  // Each distinct stored number of a tracker's logs with how many logs hold it, by
  // value; at most core::kMaxMappedValues + 1 of them.
  std::vector<core::ValueCount> value_counts(std::int64_t tracker_id);
  // Changes a value without keeping log_slots in step: call rebuild_slots after.
  void update_value(std::int64_t id, const core::StoredValue& value, Timestamp now);
  void remove_by_id(std::int64_t id);
  // Recomputes a tracker's slots from its logs (after a change of type).
  void rebuild_slots(std::int64_t tracker_id);
  // Logs in [from, to) folded into 15-minute slots, sorted by slot.
  std::vector<core::SlotAggregate> aggregate(const core::Tracker& tracker, Timestamp from, Timestamp to);
  // Every tracker's logs of a user folded into slots, by tracker id.
  std::map<std::int64_t, std::vector<core::SlotAggregate>> aggregate_for_user(std::int64_t user_id);
  // The newest log of each of a user's trackers, by tracker id.
  std::map<std::int64_t, core::Log> latest_for_user(std::int64_t user_id);
  // Each distinct stored number of a tracker's logs in [from, to) with how many
  // of them hold it, by value (a rating's steps, which the slots do not keep apart).
  std::vector<core::ValueCount> value_counts(std::int64_t tracker_id, Timestamp from, Timestamp to);

 private:
  void refresh_slot(std::int64_t tracker_id, Timestamp at_time);
  Connection& m_db;
};

}  // namespace qself::store
