#include "core/reminder_schedule.hpp"

#include <algorithm>
#include <array>

namespace qself::core {
namespace {

constexpr std::array<std::string_view, 7> kDayNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
// However long a stretch a caller passes, no more local days than this are visited.
constexpr int kMostDays = 400;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "HH:MM" → minutes after midnight, or -1.
int read_time(std::string_view text) {
  if (text.size() != 5 || text[2] != ':' || !is_digit(text[0]) || !is_digit(text[1]) || !is_digit(text[3]) ||
      !is_digit(text[4])) {
    return -1;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : -1;
}

}  // namespace

std::string format_time_of_day(std::chrono::minutes time) {
  const auto total = time.count();
  const char text[] = {static_cast<char>('0' + total / 600), static_cast<char>('0' + total / 60 % 10), ':',
                       static_cast<char>('0' + total % 60 / 10), static_cast<char>('0' + total % 10)};
  return std::string(text, sizeof text);
}

std::vector<std::string> weekday_names(std::uint8_t weekdays) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < kDayNames.size(); ++i) {
    if (weekdays & (1u << i)) names.emplace_back(kDayNames[i]);
  }
  return names;
}

ReminderSchedule read_reminder_schedule(const std::vector<std::string>& times, const std::vector<std::string>& days,
                                        ValidationError::Fields& errors, std::string_view field) {
  ReminderSchedule schedule;
  const std::string times_field = std::string(field) + ".times";
  const std::string days_field = std::string(field) + ".days";
  if (times.size() > kMaxReminderTimes) {
    errors[times_field] = "at most " + std::to_string(kMaxReminderTimes) + " times a day";
  }
  for (const auto& text : times) {
    const int minutes = read_time(text);
    if (minutes < 0) {
      errors[times_field] = "each time is HH:MM on a 24-hour clock, such as 08:00 or 18:30";
      break;
    }
    schedule.times.emplace_back(minutes);
  }
  std::sort(schedule.times.begin(), schedule.times.end());
  if (std::adjacent_find(schedule.times.begin(), schedule.times.end()) != schedule.times.end()) {
    errors.try_emplace(times_field, "must not list a time twice");
  }
  schedule.weekdays = 0;
  for (const auto& name : days) {
    const auto found = std::find(kDayNames.begin(), kDayNames.end(), name);
    if (found == kDayNames.end()) {
      errors[days_field] = "each day is one of mon, tue, wed, thu, fri, sat, sun";
      break;
    }
    const auto bit = static_cast<std::uint8_t>(1u << (found - kDayNames.begin()));
    if (schedule.weekdays & bit) {
      errors[days_field] = "must not list a day twice";
      break;
    }
    schedule.weekdays |= bit;
  }
  if (days.empty()) errors[days_field] = "must name at least one day";
  return schedule;
}

std::string ReminderMoment::key() const { return format_date(day) + "T" + format_time_of_day(time); }

std::vector<ReminderMoment> reminder_moments(const ReminderSchedule& schedule, const Calendar& calendar,
                                             Timestamp after, Timestamp until, std::size_t limit) {
  std::vector<ReminderMoment> moments;
  if (schedule.times.empty() || schedule.weekdays == 0 || until <= after || limit == 0) return moments;
  // From the local day of `after` to the day after that of `until`: a time
  // skipped by a change to summer time happens at the jump, which may fall
  // on the next local day's wall clock.
  const date::sys_days first{calendar.wall_clock(after).day};
  const date::sys_days last = date::sys_days{calendar.wall_clock(until).day} + date::days{1};
  int visited = 0;
  for (auto day = first; day <= last && visited < kMostDays; day += date::days{1}, ++visited) {
    const unsigned iso = date::weekday{day}.iso_encoding();  // 1 = Monday
    if (!(schedule.weekdays & (1u << (iso - 1)))) continue;
    const date::local_days local{day.time_since_epoch()};
    for (const auto time : schedule.times) {
      const Timestamp at = calendar.at(local + time).utc;
      if (at <= after || at > until) continue;
      // Two times a change to summer time skips both land on the jump: once.
      if (!moments.empty() && moments.back().at == at) continue;
      moments.push_back({at, date::year_month_day{day}, time});
      if (moments.size() == limit) return moments;
    }
  }
  return moments;
}

ReminderSchedule reminder_schedule_of(const Tracker& tracker) {
  return {tracker.reminder_times, tracker.reminder_days};
}

std::optional<ReminderMoment> reminder_due(const ReminderSchedule& schedule, const Calendar& calendar,
                                           std::optional<Timestamp> checked_at, Timestamp now) {
  const Timestamp after = std::max(checked_at.value_or(Timestamp::min()), now - kReminderCatchUp);
  // At most eight times a day, and the stretch is a quarter of an hour.
  auto moments = reminder_moments(schedule, calendar, after, now, kMaxReminderTimes * 2);
  if (moments.empty()) return std::nullopt;
  return moments.back();
}

}  // namespace qself::core
