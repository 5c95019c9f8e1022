// core/reminder_schedule: what a tracker's reminder schedule may be, and the
// moments it names on the user's wall clock — across midnight, on chosen
// weekdays, and on the days the clocks change.

#include "core/reminder_schedule.hpp"

#include <gtest/gtest.h>

#include "support/calendar_fixtures.hpp"
#include "util/time.hpp"

using qself::ValidationError;
using qself::core::read_reminder_schedule;
using qself::core::reminder_moments;
using qself::core::ReminderSchedule;
using qself::testing::at;

namespace {

ReminderSchedule schedule_of(const std::vector<std::string>& times,
                             const std::vector<std::string>& days = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
  ValidationError::Fields errors;
  auto schedule = read_reminder_schedule(times, days, errors);
  EXPECT_TRUE(errors.empty()) << errors.begin()->first << ": " << errors.begin()->second;
  return schedule;
}

// Each moment as "instant (local key)".
std::vector<std::string> moments_text(const ReminderSchedule& schedule, const qself::core::Calendar& calendar,
                                      const std::string& after, const std::string& until, std::size_t limit = 64) {
  std::vector<std::string> out;
  for (const auto& moment : reminder_moments(schedule, calendar, at(after), at(until), limit)) {
    out.push_back(qself::util::format_rfc3339(moment.at) + " (" + moment.key() + ")");
  }
  return out;
}

ValidationError::Fields schedule_errors(const std::vector<std::string>& times, const std::vector<std::string>& days) {
  ValidationError::Fields errors;
  read_reminder_schedule(times, days, errors);
  return errors;
}

}  // namespace

TEST(ReminderSchedule, ReadsTimesInOrderAndDaysAsTheyAreWritten) {
  const auto schedule = schedule_of({"20:00", "08:00"}, {"fri", "mon", "wed"});
  ASSERT_EQ(schedule.times.size(), 2u);
  EXPECT_EQ(qself::core::format_time_of_day(schedule.times[0]), "08:00");
  EXPECT_EQ(qself::core::format_time_of_day(schedule.times[1]), "20:00");
  EXPECT_EQ(qself::core::weekday_names(schedule.weekdays), (std::vector<std::string>{"mon", "wed", "fri"}));
  EXPECT_EQ(qself::core::format_time_of_day(std::chrono::minutes{23 * 60 + 59}), "23:59");
  EXPECT_EQ(qself::core::format_time_of_day(std::chrono::minutes{0}), "00:00");
}

TEST(ReminderSchedule, RefusesWhatIsNotAScheduleSayingWhy) {
  for (const char* bad : {"24:00", "8:00", "08:60", "08.00", "", "08:00 ", "ab:cd"}) {
    EXPECT_EQ(schedule_errors({bad}, {"mon"}).count("reminder_schedule.times"), 1u) << bad;
  }
  EXPECT_EQ(schedule_errors({"08:00", "08:00"}, {"mon"}).at("reminder_schedule.times"), "must not list a time twice");
  EXPECT_EQ(schedule_errors({"00:01", "00:02", "00:03", "00:04", "00:05", "00:06", "00:07", "00:08", "00:09"}, {"mon"})
                .at("reminder_schedule.times"),
            "at most 8 times a day");
  EXPECT_EQ(schedule_errors({"08:00"}, {"Monday"}).count("reminder_schedule.days"), 1u);
  EXPECT_EQ(schedule_errors({"08:00"}, {"mon", "mon"}).at("reminder_schedule.days"), "must not list a day twice");
  EXPECT_EQ(schedule_errors({"08:00"}, {}).at("reminder_schedule.days"), "must name at least one day");
  EXPECT_TRUE(schedule_errors({}, {"sun"}).empty()) << "no times: reminders off";
}

TEST(ReminderSchedule, NamesEachTimeOfEachDayOnTheUsersClockAcrossMidnight) {
  // Paris is UTC+1 in December: 08:00 and 20:00 there are 07:00 and 19:00 UTC.
  EXPECT_EQ(
      moments_text(schedule_of({"08:00", "20:00"}), qself::testing::paris(), "2026-12-05T06:00:00Z",
                   "2026-12-06T07:00:00Z"),
      (std::vector<std::string>{"2026-12-05T07:00:00Z (2026-12-05T08:00)", "2026-12-05T19:00:00Z (2026-12-05T20:00)",
                                "2026-12-06T07:00:00Z (2026-12-06T08:00)"}));
  // (after, until]: a moment exactly at `after` has been dealt with already.
  EXPECT_EQ(
      moments_text(schedule_of({"08:00"}), qself::testing::paris(), "2026-12-05T07:00:00Z", "2026-12-05T07:00:01Z"),
      std::vector<std::string>{});
  // 23:30 in New York is already the next day in UTC.
  EXPECT_EQ(
      moments_text(schedule_of({"23:30"}), qself::testing::new_york(), "2026-12-05T12:00:00Z", "2026-12-06T12:00:00Z"),
      (std::vector<std::string>{"2026-12-06T04:30:00Z (2026-12-05T23:30)"}));
}

TEST(ReminderSchedule, OnlyOnTheChosenDaysOfTheWeek) {
  // 2026-12-07 is a Monday; Mon Wed Fri at 18:00 in UTC over one week.
  EXPECT_EQ(
      moments_text(schedule_of({"18:00"}, {"mon", "wed", "fri"}), qself::testing::utc(), "2026-12-06T00:00:00Z",
                   "2026-12-13T00:00:00Z"),
      (std::vector<std::string>{"2026-12-07T18:00:00Z (2026-12-07T18:00)", "2026-12-09T18:00:00Z (2026-12-09T18:00)",
                                "2026-12-11T18:00:00Z (2026-12-11T18:00)"}));
  // The weekday is the user's: Monday 00:30 in Paris is Sunday 23:30 UTC.
  EXPECT_EQ(moments_text(schedule_of({"00:30"}, {"mon"}), qself::testing::paris(), "2026-12-06T00:00:00Z",
                         "2026-12-08T00:00:00Z"),
            (std::vector<std::string>{"2026-12-06T23:30:00Z (2026-12-07T00:30)"}));
}

TEST(ReminderSchedule, ATimeTheClocksSkipHappensAtTheJumpAndARepeatedOneOnce) {
  // Paris goes from 02:00 to 03:00 on 2027-03-28 (01:00 UTC): 02:30 never
  // shows, so it is the jump; 02:45 on the same day lands there too, once.
  EXPECT_EQ(
      moments_text(schedule_of({"02:30", "02:45", "03:30"}), qself::testing::paris(), "2027-03-27T23:00:00Z",
                   "2027-03-28T23:00:00Z"),
      (std::vector<std::string>{"2027-03-28T01:00:00Z (2027-03-28T02:30)", "2027-03-28T01:30:00Z (2027-03-28T03:30)"}));
  // Back from 03:00 to 02:00 on 2027-10-31 (01:00 UTC): 02:30 shows twice, and
  // is named once, the first time (00:30 UTC, still summer time).
  EXPECT_EQ(
      moments_text(schedule_of({"02:30"}), qself::testing::paris(), "2027-10-30T22:00:00Z", "2027-10-31T23:00:00Z"),
      (std::vector<std::string>{"2027-10-31T00:30:00Z (2027-10-31T02:30)"}));
  // A day's times keep their wall-clock hour on either side of a change.
  EXPECT_EQ(
      moments_text(schedule_of({"08:00"}), qself::testing::new_york(), "2027-03-13T00:00:00Z", "2027-03-15T00:00:00Z"),
      (std::vector<std::string>{"2027-03-13T13:00:00Z (2027-03-13T08:00)", "2027-03-14T12:00:00Z (2027-03-14T08:00)"}));
}

TEST(ReminderSchedule, NothingWithoutTimesAndNoMoreThanTheLimit) {
  EXPECT_TRUE(
      moments_text(schedule_of({}), qself::testing::utc(), "2026-12-01T00:00:00Z", "2026-12-31T00:00:00Z").empty());
  EXPECT_EQ(
      moments_text(schedule_of({"09:00"}), qself::testing::utc(), "2026-12-01T00:00:00Z", "2026-12-31T00:00:00Z", 3),
      (std::vector<std::string>{"2026-12-01T09:00:00Z (2026-12-01T09:00)", "2026-12-02T09:00:00Z (2026-12-02T09:00)",
                                "2026-12-03T09:00:00Z (2026-12-03T09:00)"}));
  EXPECT_TRUE(
      moments_text(schedule_of({"09:00"}), qself::testing::utc(), "2026-12-02T00:00:00Z", "2026-12-01T00:00:00Z")
          .empty())
      << "an empty stretch";
}

// ---- reminder_due: the moment a scheduler pass sends, if any ----------------

namespace {

std::string due_at(const ReminderSchedule& schedule, const std::optional<std::string>& checked_at,
                   const std::string& now) {
  const qself::core::Calendar paris("Europe/Paris");
  const auto checked = checked_at ? std::optional(at(*checked_at)) : std::nullopt;
  const auto moment = qself::core::reminder_due(schedule, paris, checked, at(now));
  return moment ? moment->key() : "none";
}

}  // namespace

TEST(ReminderDue, TheMomentJustPassedIsDueOnceItsCheckIsRecorded) {
  const auto schedule = schedule_of({"08:00", "20:00"});
  // 08:00 in Paris is 07:00Z in December.
  EXPECT_EQ(due_at(schedule, "2026-12-05T06:59:50Z", "2026-12-05T06:59:59Z"), "none");
  EXPECT_EQ(due_at(schedule, "2026-12-05T06:59:50Z", "2026-12-05T07:00:00Z"), "2026-12-05T08:00");
  EXPECT_EQ(due_at(schedule, "2026-12-05T06:59:50Z", "2026-12-05T07:00:10Z"), "2026-12-05T08:00");
  // Checked at (or after) the moment: it was looked at already.
  EXPECT_EQ(due_at(schedule, "2026-12-05T07:00:00Z", "2026-12-05T07:00:15Z"), "none");
  EXPECT_EQ(due_at(schedule, "2026-12-05T07:00:10Z", "2026-12-05T18:59:59Z"), "none");
  EXPECT_EQ(due_at(schedule, "2026-12-05T07:00:10Z", "2026-12-05T19:00:05Z"), "2026-12-05T20:00");
}

TEST(ReminderDue, ALateSchedulerSendsWithinAQuarterHourAndSkipsOlderMoments) {
  const auto schedule = schedule_of({"08:00", "08:10"});
  // Down from 07:50 to 08:14: only the latest moment is sent, once.
  EXPECT_EQ(due_at(schedule, "2026-12-05T06:50:00Z", "2026-12-05T07:14:00Z"), "2026-12-05T08:10");
  // Back only at 08:26: 08:10 is more than a quarter of an hour ago.
  EXPECT_EQ(due_at(schedule, "2026-12-05T06:50:00Z", "2026-12-05T07:26:00Z"), "none");
  EXPECT_EQ(due_at(schedule, "2026-12-05T06:50:00Z", "2026-12-05T07:24:00Z"), "2026-12-05T08:10");
  // Never checked: the same quarter hour.
  EXPECT_EQ(due_at(schedule, std::nullopt, "2026-12-05T07:05:00Z"), "2026-12-05T08:00");
  EXPECT_EQ(due_at(schedule, std::nullopt, "2026-12-05T07:16:00Z"), "2026-12-05T08:10");
}

TEST(ReminderDue, OnlyOnTheChosenDaysAcrossMidnight) {
  const auto schedule = schedule_of({"00:00", "23:55"}, {"sat"});
  // Friday 23:55 is not a Saturday moment; Saturday 00:00 is (Friday 23:00Z).
  EXPECT_EQ(due_at(schedule, "2026-12-04T22:50:00Z", "2026-12-04T22:56:00Z"), "none");
  EXPECT_EQ(due_at(schedule, "2026-12-04T22:56:00Z", "2026-12-04T23:00:30Z"), "2026-12-05T00:00");
  EXPECT_EQ(due_at(schedule, "2026-12-05T22:50:00Z", "2026-12-05T22:55:00Z"), "2026-12-05T23:55");
  EXPECT_EQ(due_at(schedule, "2026-12-05T22:55:00Z", "2026-12-05T23:00:00Z"), "none") << "Sunday 00:00";
}
