#pragma once
// When qself mails a user unasked: the daily reminder, once per local day at or
// after the user's reminder time, about the trackers with nothing logged in the
// period under way; and last month's report, from the first pass on or after
// the 1st at that same time. Pure rules: the scheduler brings the user, what it
// recorded last, the trackers and the instant, and writes what they decide.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/periods.hpp"

namespace qself::core {

// How a day's reminder was decided.
enum class ReminderOutcome { sent, nothing_due };

// What the scheduler recorded for a user last; empty when never.
struct MailMarkers {
  std::string last_reminder_date;   // local "YYYY-MM-DD" whose reminder was decided
  std::string last_monthly_report;  // local "YYYY-MM" last reported on
  // When the reminder of last_reminder_date was decided, and whether one was
  // sent; unknown for days decided before qself recorded it.
  std::optional<Timestamp> reminder_decided_at;
  bool reminder_sent = false;
};

struct MailDue {
  // The local day ("YYYY-MM-DD") whose reminder is decided now: a reminder
  // goes out when due_trackers finds any, and the day is recorded either way,
  // so that each day is decided once. A day decided with nothing sent is
  // decided again when the user's reminder moment has since moved past the
  // decision (the time set later today, or a new zone): the settings it was
  // decided under are gone, and what is due then (trackers made since) counts.
  std::optional<std::string> reminder_day;
  // The month ("YYYY-MM") whose report is due; recorded when its job is made.
  std::optional<std::string> report_month;
};

// What is due for `user` at `now`, read on the wall clock of `calendar` (the
// user's zone). Markers compare as text, so an empty one is always older.
MailDue mail_due(const User& user, const Calendar& calendar, const MailMarkers& markers, Timestamp now);

// A tracker a reminder names, and the period it is due for: hourly trackers
// join the daily digest, so `period` is daily, weekly or monthly.
struct DueTracker {
  Tracker tracker;
  Frequency period = Frequency::daily;
};

// The trackers with reminders on, without their own reminder times, and with
// no log in the period under way at `now`, in the order given. `latest` holds each tracker's newest log, by tracker id.
std::vector<DueTracker> due_trackers(const std::vector<Tracker>& trackers, const std::map<std::int64_t, Log>& latest,
                                     const Calendar& calendar, Timestamp now);

}  // namespace qself::core
