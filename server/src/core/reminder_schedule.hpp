#pragma once
// A tracker's own reminders (issue 14): times of day on chosen days of the
// week, on the wall clock of the user's zone — "08:00 and 20:00", "Mon Wed Fri
// 18:00". Pure rules: what a schedule may be, and the moments it names in a
// stretch of time. Whether a moment sends anything (the tracker's period may
// already have what its target needs) is the scheduler's to decide.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "core/model.hpp"
#include "core/periods.hpp"

namespace qself::core {

// At most this many times of day in one schedule.
inline constexpr std::size_t kMaxReminderTimes = 8;

struct ReminderSchedule {
  // Minutes after local midnight, ascending, no two the same; empty: no reminders.
  std::vector<std::chrono::minutes> times;
  // Bit 0 is Monday … bit 6 Sunday (ISO order).
  std::uint8_t weekdays = 0x7f;

  bool operator==(const ReminderSchedule&) const = default;
};

// "08:00" and "mon", as a schedule is written in the API.
std::string format_time_of_day(std::chrono::minutes time);
std::vector<std::string> weekday_names(std::uint8_t weekdays);

// A schedule from its written form: times "HH:MM" (24-hour, two digits each),
// days "mon" … "sun". Problems go into `errors` under "<field>.times" and
// "<field>.days"; the answer then means nothing.
ReminderSchedule read_reminder_schedule(const std::vector<std::string>& times, const std::vector<std::string>& days,
                                        ValidationError::Fields& errors, std::string_view field = "reminder_schedule");

// One moment a schedule names: the instant, and the local day and time it was
// scheduled for (the key that makes it happen once, whatever the clocks did).
struct ReminderMoment {
  Timestamp at;
  date::year_month_day day;
  std::chrono::minutes time{0};

  // "2026-12-05T08:00": unique per scheduled moment.
  std::string key() const;
  bool operator==(const ReminderMoment&) const = default;
};

// The moments of `schedule` in (after, until], in order, at most `limit` (the
// first ones). A time that a change to summer time skips happens at the moment
// the clocks jump; one that a change back repeats happens once, the first time.
// The work is one step per local day in between, each bounded: callers pass a
// stretch of a few days at most.
std::vector<ReminderMoment> reminder_moments(const ReminderSchedule& schedule, const Calendar& calendar,
                                             Timestamp after, Timestamp until, std::size_t limit = 64);

// A tracker's own schedule, as stored on it.
ReminderSchedule reminder_schedule_of(const Tracker& tracker);

// How late a scheduler may still send a moment (it was down, or busy): a
// reminder later than this is noise, and is skipped.
inline constexpr std::chrono::minutes kReminderCatchUp{15};

// The moment a schedule's reminder is due for at `now`: the latest of its
// moments after `checked_at` (unset: never looked at) and at most
// kReminderCatchUp before `now`. Unset when there is none.
std::optional<ReminderMoment> reminder_due(const ReminderSchedule& schedule, const Calendar& calendar,
                                           std::optional<Timestamp> checked_at, Timestamp now);

}  // namespace qself::core
