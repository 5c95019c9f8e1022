#include "core/account_rules.hpp"
#include "core/periods.hpp"
#include "services/passwords.hpp"
#include "services/services.hpp"
#include "util/crypto.hpp"

namespace qself::services {
namespace {

using core::Sent;
using store::Transaction;

// A token is touched at most this often, so reads stay reads.
constexpr std::chrono::seconds kTouchInterval{60};
constexpr const char* kWrongLogin = "Wrong email or password.";

// Reminder settings: both flags and the time of day.
void apply_reminder_settings(core::User& user, const Sent<ReminderChanges>& sent, ValidationError::Fields& errors) {
  if (!sent.value()) {
    errors["reminders"] = "must be an object";
    return;
  }
  const ReminderChanges& settings = *sent.value();
  for (const auto& [key, flag, given] :
       {std::tuple{"enabled", &user.reminders_enabled, &settings.enabled},
        std::tuple{"monthly_report", &user.monthly_report, &settings.monthly_report}}) {
    if (!given->was_sent()) continue;
    if (given->value()) {
      *flag = *given->value();
    } else {
      errors[std::string("reminders.") + key] = "must be true or false";
    }
  }
  if (settings.minutes.was_sent()) {
    const auto& minutes = settings.minutes.value();
    if (!minutes || *minutes < 0 || *minutes >= 24 * 60) {
      errors["reminders.time"] = "must be a time of day like 20:00";
    } else {
      user.reminder_minutes = *minutes;
    }
  }
}

}  // namespace

core::User AuthService::register_user(Registration registration) {
  ValidationError::Fields errors;
  core::User user;
  user.email = core::normalize_email(registration.email, errors);
  core::check_password(registration.password, errors);
  user.name = core::normalize_name(registration.name, errors);
  user.timezone = registration.timezone.empty() ? "UTC" : registration.timezone;
  if (!core::is_valid_timezone(user.timezone)) {
    errors["timezone"] = "must be an IANA time zone such as Europe/Paris";
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));

  const std::string hash = hash_or_busy(registration.password);
  auto connection = m_db.connect();
  Transaction transaction(*connection, Transaction::Mode::write);
  try {
    user = store::UserRepository(*connection).insert(user, hash, util::now());
  } catch (const store::UniqueViolation&) {
    throw Conflict("conflict", "An account with this email already exists.", {{"email", "is already registered"}});
  }
  transaction.commit();
  return user;
}

LoginResult AuthService::login(const std::string& email, const std::string& password) {
  ValidationError::Fields ignored;
  const std::string normalized = core::normalize_email(email, ignored);
  if (const int wait = m_failed_logins.retry_after(normalized, util::now()); wait > 0) {
    throw RateLimited("Too many failed logins for this account; try again later.", wait);
  }
  std::optional<store::UserRecord> record;
  {
    auto connection = m_db.connect();
    record = store::UserRepository(*connection).find_by_email(normalized);
  }
  if (!record) {
    try {
      util::burn_password_check(password);
    } catch (const util::HashingBusy&) {
      throw Busy("The server is busy; try again in a moment.");
    }
    m_failed_logins.record_failure(normalized, util::now());
    throw Unauthorized(kWrongLogin);
  }
  if (!verify_or_busy(password, record->password_hash)) {
    m_failed_logins.record_failure(normalized, util::now());
    throw Unauthorized(kWrongLogin);
  }
  m_failed_logins.reset(normalized);

  const auto now = util::now();
  LoginResult result;
  result.token = new_bearer_token();
  result.expires_at = now + m_policy.absolute_expiry;
  result.user = record->user;
  auto connection = m_db.connect();
  Transaction transaction(*connection, Transaction::Mode::write);
  store::SessionRepository sessions(*connection);
  sessions.remove_expired(now - m_policy.idle_expiry, now);
  sessions.insert(record->user.id, util::sha256_hex(result.token), now, result.expires_at);
  transaction.commit();
  return result;
}

Caller AuthService::authenticate(const std::string& token) {
  if (!token.starts_with(kTokenPrefix) || token.size() > 100) throw Unauthorized("The token is not valid.");
  const auto now = util::now();
  auto connection = m_db.connect();
  store::SessionRepository sessions(*connection);
  const auto session = sessions.find_by_token_hash(util::sha256_hex(token));
  if (!session) throw Unauthorized("The token is not valid or has been revoked.");
  const bool idle_too_long =
      session->kind == store::TokenKind::session && session->last_used_at + m_policy.idle_expiry <= now;
  if (session->expires_at <= now || idle_too_long) {
    sessions.remove(session->id);
    throw Unauthorized(session->kind == store::TokenKind::personal ? "The token has expired; create a new one."
                                                                   : "The session has expired; log in again.");
  }
  auto user = store::UserRepository(*connection).find(session->user_id);
  if (!user) throw Unauthorized("The token is not valid or has been revoked.");
  if (now - session->last_used_at >= kTouchInterval) {
    try {
      sessions.touch(session->id, now);
    } catch (const store::DatabaseBusy&) {
      // Bookkeeping for idle expiry, which the next request redoes: a read must
      // not fail because another process holds the write lock.
    }
  }
  return Caller{std::move(*user), session->id};
}

void AuthService::logout(const Caller& caller) {
  auto connection = m_db.connect();
  store::SessionRepository(*connection).remove(caller.session_id);
}

core::User AuthService::update_profile(const Caller& caller, const ProfileChanges& changes) {
  ValidationError::Fields errors;
  core::User user = caller.user;
  if (changes.name.was_sent()) {
    if (changes.name.value()) {
      user.name = core::normalize_name(*changes.name.value(), errors);
    } else {
      errors["name"] = "must be text";
    }
  }
  if (changes.timezone.was_sent()) {
    if (changes.timezone.value() && core::is_valid_timezone(*changes.timezone.value())) {
      user.timezone = *changes.timezone.value();
    } else {
      errors["timezone"] = "must be an IANA time zone such as Europe/Paris";
    }
  }
  if (changes.reminders.was_sent()) apply_reminder_settings(user, changes.reminders, errors);
  if (!errors.empty()) throw ValidationError(std::move(errors));
  const auto now = util::now();
  auto connection = m_db.connect();
  Transaction transaction(*connection, Transaction::Mode::write);
  store::UserRepository users(*connection);
  users.update_profile(user, now);
  if (user.monthly_report && !caller.user.monthly_report) {
    // The first report is on the next 1st, for the month under way: not at once
    // for a month that ended before the user asked for reports.
    const core::Calendar calendar(user.timezone);
    const auto last_month =
        calendar.previous(calendar.period_of(now, core::Frequency::monthly), core::Frequency::monthly);
    users.set_last_monthly_report(
        user.id, util::format_rfc3339(last_month.start, calendar.offset_minutes(last_month.start)).substr(0, 7));
  }
  transaction.commit();
  m_cache.invalidate(user.id);  // the time zone moves every period
  return user;
}

void AuthService::delete_account(const Caller& caller) {
  auto connection = m_db.connect();
  Transaction transaction(*connection, Transaction::Mode::write);
  // Sessions, tokens, trackers, logs, jobs and emails go with the user (ON DELETE CASCADE):
  // no job of theirs runs and no email reaches them afterwards. Export files are
  // removed by the scheduler once their job is gone.
  store::UserRepository(*connection).remove(caller.user.id);
  transaction.commit();
  m_cache.forget(caller.user.id);
}

}  // namespace qself::services
