#include "core/mail_schedule.hpp"

namespace qself::core {
namespace {

// Whether today's reminder was already decided, and still holds: it was sent,
// or nothing was due at a moment no earlier than today's reminder moment.
bool reminder_decided(const User& user, const Calendar& calendar, const MailMarkers& markers, const WallClock& clock,
                      const std::string& today) {
  if (markers.last_reminder_date < today) return false;
  if (markers.last_reminder_date > today || markers.reminder_sent || !markers.reminder_decided_at) return true;
  const auto moment = calendar.at(date::local_days{clock.day} + std::chrono::minutes{user.reminder_minutes}).utc;
  return moment <= *markers.reminder_decided_at;
}

}  // namespace

MailDue mail_due(const User& user, const Calendar& calendar, const MailMarkers& markers, Timestamp now) {
  const WallClock clock = calendar.wall_clock(now);
  const bool time_has_come = clock.time_of_day >= std::chrono::minutes{user.reminder_minutes};
  MailDue due;
  if (!time_has_come) return due;
  const std::string today = format_date(clock.day);
  if (user.reminders_enabled && !reminder_decided(user, calendar, markers, clock, today)) due.reminder_day = today;
  const std::string last_month = format_month(date::year_month{clock.day.year(), clock.day.month()} - date::months{1});
  if (user.monthly_report && markers.last_monthly_report < last_month) due.report_month = last_month;
  return due;
}

std::vector<DueTracker> due_trackers(const std::vector<Tracker>& trackers, const std::map<std::int64_t, Log>& latest,
                                     const Calendar& calendar, Timestamp now) {
  std::vector<DueTracker> due;
  for (const auto& tracker : trackers) {
    // A tracker with its own reminder times is reminded at those instead.
    if (!tracker.reminders || !tracker.reminder_times.empty()) continue;
    const auto unit = tracker.frequency == Frequency::hourly ? Frequency::daily : tracker.frequency;
    const auto period = calendar.period_of(now, unit);
    const auto found = latest.find(tracker.id);
    const bool logged = found != latest.end() && found->second.logged_at.utc >= period.start;
    if (!logged) due.push_back({tracker, unit});
  }
  return due;
}

}  // namespace qself::core
