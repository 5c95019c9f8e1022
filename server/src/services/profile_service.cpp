#include "services/profile_service.hpp"

#include "core/account_rules.hpp"
#include "core/errors.hpp"
#include "core/periods.hpp"
#include "store/repositories.hpp"

namespace qself::services {
namespace {

using core::Sent;
using store::Transaction;

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

core::User ProfileService::update_profile(const Caller& caller, const ProfileChanges& changes) {
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
  commit_change(*connection, transaction, user.id);  // the time zone moves every period
  return user;
}

void ProfileService::delete_account(const Caller& caller) {
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
