#include "store/repositories.hpp"
#include "store/sql_time.hpp"
#include "store/user_row.hpp"
#include "util/crypto.hpp"

namespace qself::store {
namespace {

constexpr std::string_view kInsertUser =
    "INSERT INTO users (email, password_hash, name, timezone, created_at, updated_at, verified_at, data_version)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kSelectUserByEmail = "SELECT " QSELF_USER_COLUMNS("") " FROM users WHERE email = ?";
constexpr std::string_view kSelectUser = "SELECT " QSELF_USER_COLUMNS("") " FROM users WHERE id = ?";
// The markers follow the user columns, which read_user reads.
constexpr std::string_view kSelectMailRecipients = "SELECT " QSELF_USER_COLUMNS("")
                                                   ", last_reminder_date, last_monthly_report,"
                                                   " last_reminder_decided_at, last_reminder_sent"
                                                   " FROM users WHERE (reminders_enabled = 1 OR monthly_report = 1)"
                                                   " AND verified_at IS NOT NULL";
constexpr int kMarkerColumn = kUserColumnCount;
constexpr std::string_view kSelectWithReminderSchedules =
    "SELECT " QSELF_USER_COLUMNS("") " FROM users WHERE verified_at IS NOT NULL AND EXISTS (SELECT 1 FROM trackers"
    " WHERE trackers.user_id = users.id AND trackers.reminder_times <> '' AND trackers.archived = 0)";
constexpr std::string_view kUpdateProfile =
    "UPDATE users SET name = ?, timezone = ?, reminders_enabled = ?, reminder_minutes = ?, monthly_report = ?,"
    " updated_at = ? WHERE id = ?";
constexpr std::string_view kSetLastReminderDate =
    "UPDATE users SET last_reminder_date = ?, last_reminder_decided_at = ?, last_reminder_sent = ? WHERE id = ?";
constexpr std::string_view kSetLastMonthlyReport = "UPDATE users SET last_monthly_report = ? WHERE id = ?";
constexpr std::string_view kUpdatePassword = "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?";
constexpr std::string_view kCountChange = "UPDATE users SET data_version = data_version + 1 WHERE id = ?";
constexpr std::string_view kDeleteUser = "DELETE FROM users WHERE id = ?";
constexpr std::string_view kMarkVerified = "UPDATE users SET verified_at = ? WHERE id = ? AND verified_at IS NULL";
constexpr std::string_view kUpdateUnverified =
    "UPDATE users SET password_hash = ?, name = ?, timezone = ?, updated_at = ? WHERE id = ? AND verified_at IS NULL";
// Sessions, trackers, logs, jobs, emails and links go with them (ON DELETE CASCADE).
constexpr std::string_view kDeleteUnverified = "DELETE FROM users WHERE verified_at IS NULL AND created_at < ?";

}  // namespace

UserRecord read_user(const Row& row, int first) {
  UserRecord record;
  record.user.id = row.integer(first);
  record.user.email = row.text(first + 1);
  record.user.name = row.text(first + 2);
  record.user.timezone = row.text(first + 3);
  record.user.created_at = Timestamp{std::chrono::seconds{row.integer(first + 4)}};
  record.password_hash = row.text(first + 5);
  record.user.reminders_enabled = row.integer(first + 6) != 0;
  record.user.reminder_minutes = static_cast<int>(row.integer(first + 7));
  record.user.monthly_report = row.integer(first + 8) != 0;
  if (!row.is_null(first + 9)) record.user.verified_at = at(row.integer(first + 9));
  record.user.data_version = row.integer(first + 10);
  return record;
}

core::User UserRepository::insert(const core::User& user, const std::string& password_hash, Timestamp now) {
  core::User created = user;
  created.created_at = now;
  created.data_version = util::random_below_2_62();
  const Param verified_at = user.verified_at ? Param{seconds(*user.verified_at)} : Param{nullptr};
  created.id = *m_db.query_integer(kInsertUser, {user.email, password_hash, user.name, user.timezone, seconds(now),
                                                 seconds(now), verified_at, created.data_version});
  return created;
}

std::optional<UserRecord> UserRepository::find_by_email(const std::string& email) {
  std::optional<UserRecord> found;
  m_db.query(kSelectUserByEmail, {email}, [&](const Row& row) { found = read_user(row); });
  return found;
}

std::optional<core::User> UserRepository::find(std::int64_t id) {
  std::optional<core::User> found;
  m_db.query(kSelectUser, {id}, [&](const Row& row) { found = read_user(row).user; });
  return found;
}

void UserRepository::update_profile(const core::User& user, Timestamp now) {
  m_db.execute(kUpdateProfile,
               {user.name, user.timezone, std::int64_t{user.reminders_enabled}, std::int64_t{user.reminder_minutes},
                std::int64_t{user.monthly_report}, seconds(now), user.id});
}

std::vector<MailRecipient> UserRepository::list_mail_recipients() {
  std::vector<MailRecipient> recipients;
  m_db.query(kSelectMailRecipients, {}, [&](const Row& row) {
    core::MailMarkers markers;
    markers.last_reminder_date = row.text(kMarkerColumn);
    markers.last_monthly_report = row.text(kMarkerColumn + 1);
    if (!row.is_null(kMarkerColumn + 2)) markers.reminder_decided_at = at(row.integer(kMarkerColumn + 2));
    markers.reminder_sent = row.integer(kMarkerColumn + 3) != 0;
    recipients.push_back({read_user(row).user, std::move(markers)});
  });
  return recipients;
}

std::vector<core::User> UserRepository::list_with_reminder_schedules() {
  std::vector<core::User> users;
  m_db.query(kSelectWithReminderSchedules, {}, [&](const Row& row) { users.push_back(read_user(row).user); });
  return users;
}

void UserRepository::set_last_reminder_date(std::int64_t id, const std::string& date, Timestamp decided_at,
                                            core::ReminderOutcome outcome) {
  m_db.execute(kSetLastReminderDate,
               {date, seconds(decided_at), std::int64_t{outcome == core::ReminderOutcome::sent}, id});
}

void UserRepository::set_last_monthly_report(std::int64_t id, const std::string& month) {
  m_db.execute(kSetLastMonthlyReport, {month, id});
}

void UserRepository::update_password(std::int64_t id, const std::string& password_hash, Timestamp now) {
  m_db.execute(kUpdatePassword, {password_hash, seconds(now), id});
}

void UserRepository::mark_verified(std::int64_t id, Timestamp now) { m_db.execute(kMarkVerified, {seconds(now), id}); }

void UserRepository::update_unverified(const core::User& user, const std::string& password_hash, Timestamp now) {
  m_db.execute(kUpdateUnverified, {password_hash, user.name, user.timezone, seconds(now), user.id});
}

void UserRepository::count_change(std::int64_t id) { m_db.execute(kCountChange, {id}); }

bool UserRepository::remove(std::int64_t id) { return m_db.execute(kDeleteUser, {id}) > 0; }

std::int64_t UserRepository::remove_unverified(Timestamp created_before) {
  return m_db.execute(kDeleteUnverified, {seconds(created_before)});
}

}  // namespace qself::store
