// When qself mails a user unasked (core/mail_schedule.hpp). Instants were
// worked out by hand from the zones' rules:
//   Europe/Paris      CET +01:00, CEST +02:00 from 2026-03-29 01:00Z
//                     to 2026-10-25 01:00Z.
//   America/New_York  EST -05:00, EDT -04:00 from 2026-03-08 07:00Z
//                     to 2026-11-01 06:00Z.
//   Asia/Tokyo +09:00, Asia/Kolkata +05:30, Pacific/Honolulu -10:00 all year.

#include "core/mail_schedule.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "support/calendar_fixtures.hpp"

using namespace qself::core;
using qself::testing::at;
using qself::util::parse_rfc3339;

namespace {

// A user with the reminder at `reminder` ("HH:MM", local) and both mails on.
User user_at(const std::string& reminder = "20:00") {
  User user;
  user.id = 7;
  user.reminders_enabled = true;
  user.monthly_report = true;
  user.reminder_minutes = std::stoi(reminder.substr(0, 2)) * 60 + std::stoi(reminder.substr(3, 2));
  return user;
}

// Markers of a user who had everything up to the day before 2026-02-18.
MailMarkers marked(const std::string& day = "2026-02-17", const std::string& month = "2026-01") {
  MailMarkers markers;
  markers.last_reminder_date = day;
  markers.last_monthly_report = month;
  return markers;
}

std::optional<std::string> reminder_day(const std::string& zone, const std::string& instant,
                                        const User& user = user_at(), const MailMarkers& markers = marked()) {
  return mail_due(user, Calendar(zone), markers, at(instant)).reminder_day;
}

std::optional<std::string> report_month(const std::string& zone, const std::string& instant,
                                        const User& user = user_at(), const MailMarkers& markers = marked()) {
  return mail_due(user, Calendar(zone), markers, at(instant)).report_month;
}

}  // namespace

// ---- the daily reminder -----------------------------------------------------

TEST(MailDue, TheReminderIsDueFromTheDefaultTwentyOClockOn) {
  EXPECT_EQ(User{}.reminder_minutes, 20 * 60);
  // 19:59:59 and 20:00 in Paris (CET) on Wednesday 18 February 2026.
  EXPECT_EQ(reminder_day("Europe/Paris", "2026-02-18T18:59:59Z", User{}), std::nullopt);
  EXPECT_EQ(reminder_day("Europe/Paris", "2026-02-18T19:00:00Z", User{}), "2026-02-18");
  EXPECT_EQ(reminder_day("Europe/Paris", "2026-02-18T22:59:59Z", User{}), "2026-02-18");
}

TEST(MailDue, TheReminderIsDecidedOncePerLocalDay) {
  EXPECT_EQ(reminder_day("UTC", "2026-02-18T21:00:00Z", user_at(), marked("2026-02-18")), std::nullopt);
  EXPECT_EQ(reminder_day("UTC", "2026-02-18T21:00:00Z", user_at(), marked("2026-02-17")), "2026-02-18");
  // A day marked ahead (the user moved west) waits until the local date passes it.
  EXPECT_EQ(reminder_day("UTC", "2026-02-18T21:00:00Z", user_at(), marked("2026-02-19")), std::nullopt);
}

TEST(MailDue, ANewUserWithNothingMarkedGetsToday) {
  EXPECT_EQ(reminder_day("UTC", "2026-02-18T20:00:00Z", user_at(), MailMarkers{}), "2026-02-18");
}

TEST(MailDue, NoReminderWhenRemindersAreOff) {
  User user = user_at();
  user.reminders_enabled = false;
  EXPECT_EQ(reminder_day("UTC", "2026-02-18T21:00:00Z", user), std::nullopt);
}

TEST(MailDue, LocalMidnightStartsANewDayThatWaitsForTheReminderTime) {
  // 23:59 and 00:00 in New York (EST), a reminder at 20:00.
  EXPECT_EQ(reminder_day("America/New_York", "2026-02-19T04:59:00Z", user_at(), marked("2026-02-17")), "2026-02-18");
  EXPECT_EQ(reminder_day("America/New_York", "2026-02-19T05:00:00Z", user_at(), marked("2026-02-18")), std::nullopt);
  // A reminder at 00:00 is due at local midnight itself, not a second before.
  EXPECT_EQ(reminder_day("America/New_York", "2026-02-19T04:59:59Z", user_at("00:00"), marked("2026-02-18")),
            std::nullopt);
  EXPECT_EQ(reminder_day("America/New_York", "2026-02-19T05:00:00Z", user_at("00:00"), marked("2026-02-18")),
            "2026-02-19");
}

TEST(MailDue, EastOfUtcTheLocalDayIsAheadOfUtcs) {
  // 00:00 on the 19th in Tokyo is 15:00 on the 18th in UTC.
  EXPECT_EQ(reminder_day("Asia/Tokyo", "2026-02-18T14:59:59Z", user_at("00:00"), marked("2026-02-18")), std::nullopt);
  EXPECT_EQ(reminder_day("Asia/Tokyo", "2026-02-18T15:00:00Z", user_at("00:00"), marked("2026-02-18")), "2026-02-19");
  // 20:00 in Kolkata is 14:30 UTC.
  EXPECT_EQ(reminder_day("Asia/Kolkata", "2026-02-18T14:29:00Z"), std::nullopt);
  EXPECT_EQ(reminder_day("Asia/Kolkata", "2026-02-18T14:30:00Z"), "2026-02-18");
}

TEST(MailDue, WestOfUtcTheLocalDayIsBehindUtcs) {
  // 20:00 on the 18th in Honolulu is 06:00 on the 19th in UTC.
  EXPECT_EQ(reminder_day("Pacific/Honolulu", "2026-02-19T05:59:59Z"), std::nullopt);
  EXPECT_EQ(reminder_day("Pacific/Honolulu", "2026-02-19T06:00:00Z"), "2026-02-18");
}

TEST(MailDue, InParisTheReminderFollowsTheClockIntoSummerTime) {
  // 20:00 is 19:00Z the day before the change, 18:00Z on the day itself.
  EXPECT_EQ(reminder_day("Europe/Paris", "2026-03-28T19:00:00Z", user_at(), marked("2026-03-27")), "2026-03-28");
  EXPECT_EQ(reminder_day("Europe/Paris", "2026-03-29T17:59:59Z", user_at(), marked("2026-03-28")), std::nullopt);
  EXPECT_EQ(reminder_day("Europe/Paris", "2026-03-29T18:00:00Z", user_at(), marked("2026-03-28")), "2026-03-29");
  // 02:30 never happens on 29 March: the reminder is due when clocks jump to 03:00.
  EXPECT_EQ(reminder_day("Europe/Paris", "2026-03-29T00:59:59Z", user_at("02:30"), marked("2026-03-28")), std::nullopt);
  EXPECT_EQ(reminder_day("Europe/Paris", "2026-03-29T01:00:00Z", user_at("02:30"), marked("2026-03-28")), "2026-03-29");
}

TEST(MailDue, InParisTheReminderFollowsTheClockBackToWinterTime) {
  EXPECT_EQ(reminder_day("Europe/Paris", "2026-10-24T17:59:59Z", user_at(), marked("2026-10-23")), std::nullopt);
  EXPECT_EQ(reminder_day("Europe/Paris", "2026-10-24T18:00:00Z", user_at(), marked("2026-10-23")), "2026-10-24");
  EXPECT_EQ(reminder_day("Europe/Paris", "2026-10-25T18:59:59Z", user_at(), marked("2026-10-24")), std::nullopt);
  EXPECT_EQ(reminder_day("Europe/Paris", "2026-10-25T19:00:00Z", user_at(), marked("2026-10-24")), "2026-10-25");
  // 02:30 happens twice on 25 October: the first is due, the second finds the day marked.
  EXPECT_EQ(reminder_day("Europe/Paris", "2026-10-25T00:30:00Z", user_at("02:30"), marked("2026-10-24")), "2026-10-25");
  EXPECT_EQ(reminder_day("Europe/Paris", "2026-10-25T01:30:00Z", user_at("02:30"), marked("2026-10-25")), std::nullopt);
}

TEST(MailDue, InNewYorkTheReminderFollowsTheClockIntoSummerTime) {
  // 20:00 EST is 01:00Z the next day; 20:00 EDT is 00:00Z.
  EXPECT_EQ(reminder_day("America/New_York", "2026-03-08T01:00:00Z", user_at(), marked("2026-03-06")), "2026-03-07");
  EXPECT_EQ(reminder_day("America/New_York", "2026-03-08T23:59:59Z", user_at(), marked("2026-03-07")), std::nullopt);
  EXPECT_EQ(reminder_day("America/New_York", "2026-03-09T00:00:00Z", user_at(), marked("2026-03-07")), "2026-03-08");
}

TEST(MailDue, InNewYorkTheReminderFollowsTheClockBackToWinterTime) {
  EXPECT_EQ(reminder_day("America/New_York", "2026-11-01T00:00:00Z", user_at(), marked("2026-10-30")), "2026-10-31");
  EXPECT_EQ(reminder_day("America/New_York", "2026-11-02T00:59:59Z", user_at(), marked("2026-10-31")), std::nullopt);
  EXPECT_EQ(reminder_day("America/New_York", "2026-11-02T01:00:00Z", user_at(), marked("2026-10-31")), "2026-11-01");
}

// ---- a day decided, and decided again after the settings change -------------

namespace {

// Markers of a user whose 2026-02-18 was decided at `instant`, with or without a reminder.
MailMarkers decided(const std::string& instant, ReminderOutcome outcome) {
  MailMarkers markers = marked("2026-02-18");
  markers.reminder_decided_at = at(instant);
  markers.reminder_sent = outcome == ReminderOutcome::sent;
  return markers;
}

}  // namespace

TEST(MailDue, ADayDecidedWithNothingDueStaysDecidedWhileTheSettingsHold) {
  // Signed up at 20:30 (the default 20:00 had passed), no trackers yet: decided.
  const auto quiet = decided("2026-02-18T20:30:00Z", ReminderOutcome::nothing_due);
  EXPECT_EQ(reminder_day("UTC", "2026-02-18T20:40:00Z", user_at("20:00"), quiet), std::nullopt);
  // A time moved earlier, or to the very moment of the decision, changes nothing.
  EXPECT_EQ(reminder_day("UTC", "2026-02-18T20:40:00Z", user_at("19:00"), quiet), std::nullopt);
  EXPECT_EQ(reminder_day("UTC", "2026-02-18T20:40:00Z", user_at("20:30"), quiet), std::nullopt);
}

TEST(MailDue, MovingTheTimeLaterTodayRearmsADayDecidedWithNothingDue) {
  const auto quiet = decided("2026-02-18T20:30:00Z", ReminderOutcome::nothing_due);
  EXPECT_EQ(reminder_day("UTC", "2026-02-18T20:30:30Z", user_at("20:31"), quiet), std::nullopt) << "not yet";
  EXPECT_EQ(reminder_day("UTC", "2026-02-18T20:31:00Z", user_at("20:31"), quiet), "2026-02-18");
  EXPECT_EQ(reminder_day("UTC", "2026-02-18T23:59:00Z", user_at("23:00"), quiet), "2026-02-18");
}

TEST(MailDue, MovingToAZoneWhoseMomentIsLaterRearmsTheDay) {
  // Decided at 20:30 in London; in Paris (+01:00) 20:00 is 19:00Z, earlier: still decided.
  const auto quiet = decided("2026-02-18T20:30:00Z", ReminderOutcome::nothing_due);
  EXPECT_EQ(reminder_day("Europe/Paris", "2026-02-18T20:45:00Z", user_at("20:00"), quiet), std::nullopt);
  // In Honolulu (-10:00) 20:00 on the 18th is 06:00Z on the 19th, later: re-armed, and due then.
  EXPECT_EQ(reminder_day("Pacific/Honolulu", "2026-02-18T21:00:00Z", user_at("20:00"), quiet), std::nullopt);
  EXPECT_EQ(reminder_day("Pacific/Honolulu", "2026-02-19T06:00:00Z", user_at("20:00"), quiet), "2026-02-18");
}

TEST(MailDue, ADayWhoseReminderWasSentIsNeverRearmed) {
  const auto sent = decided("2026-02-18T20:00:00Z", ReminderOutcome::sent);
  EXPECT_EQ(reminder_day("UTC", "2026-02-18T22:00:00Z", user_at("21:00"), sent), std::nullopt);
}

TEST(MailDue, ADayDecidedBeforeDecisionsWereTimedStaysDecided) {
  EXPECT_EQ(reminder_day("UTC", "2026-02-18T22:00:00Z", user_at("21:00"), marked("2026-02-18")), std::nullopt);
}

// ---- the monthly report -----------------------------------------------------

TEST(MailDue, LastMonthsReportIsDueOnTheFirstAtTheReminderTime) {
  // 1 March 2026, 19:59 and 20:00 in Paris (CET).
  EXPECT_EQ(report_month("Europe/Paris", "2026-03-01T18:59:59Z"), std::nullopt);
  EXPECT_EQ(report_month("Europe/Paris", "2026-03-01T19:00:00Z"), "2026-02");
}

TEST(MailDue, AReportMissedOnTheFirstIsDueOnTheNextPass) {
  EXPECT_EQ(report_month("UTC", "2026-03-17T20:00:00Z"), "2026-02");
  // Even before the reminder time, a missed report waits for it.
  EXPECT_EQ(report_month("UTC", "2026-03-17T19:59:00Z"), std::nullopt);
}

TEST(MailDue, AMonthAlreadyReportedIsNotReportedAgain) {
  EXPECT_EQ(report_month("UTC", "2026-03-01T20:00:00Z", user_at(), marked("", "2026-02")), std::nullopt);
  EXPECT_EQ(report_month("UTC", "2026-02-18T20:00:00Z", user_at(), marked("", "2026-01")), std::nullopt);
}

TEST(MailDue, JanuaryReportsOnDecemberOfTheYearBefore) {
  EXPECT_EQ(report_month("UTC", "2027-01-01T20:00:00Z", user_at(), marked("", "2026-11")), "2026-12");
}

TEST(MailDue, TheFirstOfTheMonthIsTheUsersOwn) {
  // 00:00 on 1 March in Tokyo is still 28 February in UTC.
  EXPECT_EQ(report_month("Asia/Tokyo", "2026-02-28T14:59:59Z", user_at("00:00")), std::nullopt);
  EXPECT_EQ(report_month("Asia/Tokyo", "2026-02-28T15:00:00Z", user_at("00:00")), "2026-02");
  // 20:00 on 28 February in Honolulu is already 1 March in UTC.
  EXPECT_EQ(report_month("Pacific/Honolulu", "2026-03-01T06:00:00Z"), std::nullopt);
  EXPECT_EQ(report_month("Pacific/Honolulu", "2026-03-02T06:00:00Z"), "2026-02");
}

TEST(MailDue, NoReportWhenMonthlyReportsAreOff) {
  User user = user_at();
  user.monthly_report = false;
  EXPECT_EQ(report_month("UTC", "2026-03-01T20:00:00Z", user), std::nullopt);
}

TEST(MailDue, TheReportDoesNotNeedReminders) {
  User user = user_at();
  user.reminders_enabled = false;
  const auto due = mail_due(user, Calendar("UTC"), marked(), at("2026-03-01T20:00:00Z"));
  EXPECT_EQ(due.reminder_day, std::nullopt);
  EXPECT_EQ(due.report_month, "2026-02");
}

TEST(MailDue, BothAreDecidedInOnePass) {
  const auto due = mail_due(user_at(), Calendar("UTC"), marked("2026-02-28"), at("2026-03-01T20:00:00Z"));
  EXPECT_EQ(due.reminder_day, "2026-03-01");
  EXPECT_EQ(due.report_month, "2026-02");
}

// ---- which trackers a reminder names ------------------------------------------

namespace {

Tracker tracker(std::int64_t id, Frequency frequency, bool reminders = true) {
  Tracker t;
  t.id = id;
  t.name = "tracker " + std::to_string(id);
  t.frequency = frequency;
  t.reminders = reminders;
  return t;
}

Log logged(std::int64_t tracker_id, const std::string& instant) {
  Log log;
  log.tracker_id = tracker_id;
  log.logged_at = *parse_rfc3339(instant);
  return log;
}

std::vector<std::int64_t> ids_of(const std::vector<DueTracker>& due) {
  std::vector<std::int64_t> ids;
  for (const auto& item : due) ids.push_back(item.tracker.id);
  return ids;
}

}  // namespace

TEST(DueTrackers, NamesTrackersWithNothingLoggedInTheirPeriodInOrder) {
  const std::vector<Tracker> trackers = {tracker(3, Frequency::daily), tracker(1, Frequency::daily),
                                         tracker(2, Frequency::daily)};
  // Wednesday 18 February 2026, 20:00 in Paris; tracker 1 was logged at 08:00.
  const std::map<std::int64_t, Log> latest = {{1, logged(1, "2026-02-18T08:00:00+01:00")},
                                              {2, logged(2, "2026-02-17T23:30:00+01:00")}};
  const auto due = due_trackers(trackers, latest, Calendar("Europe/Paris"), at("2026-02-18T19:00:00Z"));
  EXPECT_EQ(ids_of(due), (std::vector<std::int64_t>{3, 2}));
}

TEST(DueTrackers, TheDayIsTheUsersLocalDay) {
  const std::vector<Tracker> trackers = {tracker(1, Frequency::daily)};
  // 00:30 in Paris on the 18th is still the 17th in UTC.
  const std::map<std::int64_t, Log> latest = {{1, logged(1, "2026-02-17T23:30:00Z")}};
  EXPECT_TRUE(due_trackers(trackers, latest, Calendar("Europe/Paris"), at("2026-02-18T19:00:00Z")).empty());
  EXPECT_EQ(due_trackers(trackers, latest, Calendar("UTC"), at("2026-02-18T19:00:00Z")).size(), 1u);
}

TEST(DueTrackers, ALogAtLocalMidnightCounts) {
  const std::vector<Tracker> trackers = {tracker(1, Frequency::daily)};
  const Calendar paris("Europe/Paris");
  EXPECT_TRUE(
      due_trackers(trackers, {{1, logged(1, "2026-02-18T00:00:00+01:00")}}, paris, at("2026-02-18T19:00:00Z")).empty());
  EXPECT_EQ(
      due_trackers(trackers, {{1, logged(1, "2026-02-17T23:59:59+01:00")}}, paris, at("2026-02-18T19:00:00Z")).size(),
      1u);
}

TEST(DueTrackers, SkipsTrackersWithRemindersOff) {
  const std::vector<Tracker> trackers = {tracker(1, Frequency::daily, false), tracker(2, Frequency::daily)};
  EXPECT_EQ(ids_of(due_trackers(trackers, {}, Calendar("UTC"), at("2026-02-18T20:00:00Z"))),
            (std::vector<std::int64_t>{2}));
}

TEST(DueTrackers, HourlyTrackersJoinTheDailyDigest) {
  const std::vector<Tracker> trackers = {tracker(1, Frequency::hourly)};
  const Calendar utc("UTC");
  const auto due = due_trackers(trackers, {}, utc, at("2026-02-18T20:00:00Z"));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].period, Frequency::daily);
  // Logged this morning, not this hour: not due.
  EXPECT_TRUE(
      due_trackers(trackers, {{1, logged(1, "2026-02-18T08:00:00Z")}}, utc, at("2026-02-18T20:00:00Z")).empty());
}

TEST(DueTrackers, WeeklyAndMonthlyTrackersAreDueForTheirWeekAndMonth) {
  const std::vector<Tracker> trackers = {tracker(1, Frequency::weekly), tracker(2, Frequency::monthly)};
  const Calendar utc("UTC");
  // Wednesday 18 February 2026; the week began on Monday the 16th.
  const std::map<std::int64_t, Log> this_week = {{1, logged(1, "2026-02-16T00:00:00Z")},
                                                 {2, logged(2, "2026-02-01T00:00:00Z")}};
  EXPECT_TRUE(due_trackers(trackers, this_week, utc, at("2026-02-18T20:00:00Z")).empty());
  const std::map<std::int64_t, Log> before = {{1, logged(1, "2026-02-15T23:59:59Z")},
                                              {2, logged(2, "2026-01-31T23:59:59Z")}};
  const auto due = due_trackers(trackers, before, utc, at("2026-02-18T20:00:00Z"));
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].period, Frequency::weekly);
  EXPECT_EQ(due[1].period, Frequency::monthly);
}
