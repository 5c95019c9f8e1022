// Hours, days, weeks and months in a user's own time zone (core/periods.hpp).
// Every expected instant was worked out by hand from the zone's rules:
//   Europe/Paris      CET +01:00, CEST +02:00 from the last Sunday of March
//                     (2026-03-29, 01:00Z) to the last Sunday of October
//                     (2026-10-25, 01:00Z).
//   America/New_York  EST -05:00, EDT -04:00 from the second Sunday of March
//                     (2026-03-08, 07:00Z) to the first Sunday of November
//                     (2026-11-01, 06:00Z).
//   Asia/Kolkata      +05:30 all year.
//   Australia/Lord_Howe  +10:30, +11:00 from the first Sunday of October
//                     (2026-10-04, 02:00 local = 2026-10-03T15:30Z).

#include "core/periods.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "support/calendar_fixtures.hpp"
#include "support/core_support.hpp"

using namespace qself::core;
using qself::ValidationError;
using qself::testing::at;
using qself::testing::new_york;
using qself::testing::paris;
using qself::testing::period;
using qself::testing::problems_of;
using qself::testing::utc;
using qself::util::format_rfc3339;

namespace {

// A period's start as the user's clock shows it: "2026-03-29T00:00:00+01:00".
std::string local_start(const Calendar& calendar, const Period& p) {
  return format_rfc3339(p.start, calendar.offset_minutes(p.start));
}

long long hours_in(const Period& p) { return std::chrono::duration_cast<std::chrono::hours>(p.end - p.start).count(); }

}  // namespace

// ---- Period -----------------------------------------------------------------

TEST(Period, ContainsItsStartButNotItsEnd) {
  const Period day = period("2026-11-28T00:00:00Z", "2026-11-29T00:00:00Z");
  EXPECT_TRUE(day.contains(at("2026-11-28T00:00:00Z")));
  EXPECT_TRUE(day.contains(at("2026-11-28T23:59:59Z")));
  EXPECT_FALSE(day.contains(at("2026-11-29T00:00:00Z")));
  EXPECT_FALSE(day.contains(at("2026-11-27T23:59:59Z")));
}

// ---- time zones ---------------------------------------------------------------

TEST(Timezone, KnowsIanaNames) {
  for (const char* name : {"UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"}) {
    EXPECT_TRUE(is_valid_timezone(name)) << name;
  }
}

TEST(Timezone, RefusesWhatIsNotAZoneName) {
  const std::vector<std::string> names = {"",       "Europe/Pariss",    "Mars/Olympus_Mons",
                                          "+01:00", "../../etc/passwd", std::string(65, 'A')};
  for (const auto& name : names) {
    EXPECT_FALSE(is_valid_timezone(name)) << name;
  }
}

TEST(Calendar, RefusesAnUnknownZoneOnTheTimezoneField) {
  const auto fields = problems_of([] { Calendar calendar("Mars/Olympus_Mons"); });
  EXPECT_EQ(fields, (ValidationError::Fields{{"timezone", "must be an IANA time zone such as Europe/Paris"}}));
  EXPECT_EQ(problems_of([] { Calendar calendar(""); }).count("timezone"), 1u);
}

TEST(OffsetMinutes, FollowsDaylightSavingTime) {
  EXPECT_EQ(paris().offset_minutes(at("2026-01-15T12:00:00Z")), 60);
  EXPECT_EQ(paris().offset_minutes(at("2026-07-15T12:00:00Z")), 120);
  EXPECT_EQ(new_york().offset_minutes(at("2026-01-15T12:00:00Z")), -300);
  EXPECT_EQ(new_york().offset_minutes(at("2026-07-15T12:00:00Z")), -240);
  EXPECT_EQ(Calendar("UTC").offset_minutes(at("2026-07-15T12:00:00Z")), 0);
}

TEST(OffsetMinutes, ChangesAtTheExactInstantOfTheSwitch) {
  EXPECT_EQ(paris().offset_minutes(at("2026-03-29T00:59:59Z")), 60);
  EXPECT_EQ(paris().offset_minutes(at("2026-03-29T01:00:00Z")), 120);
  EXPECT_EQ(paris().offset_minutes(at("2026-10-25T00:59:59Z")), 120);
  EXPECT_EQ(paris().offset_minutes(at("2026-10-25T01:00:00Z")), 60);
}

TEST(OffsetMinutes, KnowsHalfHourZones) {
  EXPECT_EQ(Calendar("Asia/Kolkata").offset_minutes(at("2026-11-28T20:00:00Z")), 330);
  const Calendar lord_howe("Australia/Lord_Howe");
  EXPECT_EQ(lord_howe.offset_minutes(at("2026-10-03T15:29:59Z")), 630);
  EXPECT_EQ(lord_howe.offset_minutes(at("2026-10-03T15:30:00Z")), 660);
}

// ---- the wall clock -------------------------------------------------------------

namespace {

// The wall clock as "YYYY-MM-DD HH:MM".
std::string wall(const Calendar& calendar, const std::string& instant) {
  const WallClock clock = calendar.wall_clock(at(instant));
  const auto minutes_in = clock.time_of_day.count();
  char time[8];
  std::snprintf(time, sizeof time, "%02d:%02d", static_cast<int>(minutes_in / 60), static_cast<int>(minutes_in % 60));
  return format_date(clock.day) + " " + time;
}

}  // namespace

TEST(WallClock, ShowsTheLocalDateAndTimeOfDay) {
  EXPECT_EQ(wall(paris(), "2026-11-28T07:15:59Z"), "2026-11-28 08:15");
  EXPECT_EQ(wall(paris(), "2026-11-28T23:00:00Z"), "2026-11-29 00:00");
  EXPECT_EQ(wall(new_york(), "2026-11-29T04:59:00Z"), "2026-11-28 23:59");
  EXPECT_EQ(wall(Calendar("Asia/Kolkata"), "2026-11-28T18:30:00Z"), "2026-11-29 00:00");
}

TEST(WallClock, FollowsDaylightSavingTime) {
  EXPECT_EQ(wall(paris(), "2026-03-29T00:59:59Z"), "2026-03-29 01:59");
  EXPECT_EQ(wall(paris(), "2026-03-29T01:00:00Z"), "2026-03-29 03:00");
  EXPECT_EQ(wall(paris(), "2026-10-25T00:30:00Z"), "2026-10-25 02:30");
  EXPECT_EQ(wall(paris(), "2026-10-25T01:30:00Z"), "2026-10-25 02:30");
  EXPECT_EQ(wall(new_york(), "2026-03-08T07:00:00Z"), "2026-03-08 03:00");
  EXPECT_EQ(wall(new_york(), "2026-11-01T06:00:00Z"), "2026-11-01 01:00");
}

namespace {

// The instant of a Paris wall-clock time, written with its offset.
std::string paris_at(int day_of_month, int month, int hour, int minute) {
  const auto local = date::local_days{date::year{2026} / month / day_of_month} + std::chrono::hours{hour} +
                     std::chrono::minutes{minute};
  const auto instant = paris().at(date::local_seconds{local});
  return format_rfc3339(instant.utc, instant.offset_minutes);
}

}  // namespace

TEST(CalendarAt, TurnsAWallClockTimeIntoItsInstant) {
  EXPECT_EQ(paris_at(28, 11, 8, 15), "2026-11-28T08:15:00+01:00");
  EXPECT_EQ(paris_at(15, 7, 8, 15), "2026-07-15T08:15:00+02:00");
}

TEST(CalendarAt, ReadsASkippedTimeAsTheMomentClocksJump) {
  // 02:30 on 29 March never happens in Paris: clocks go from 02:00 to 03:00.
  EXPECT_EQ(paris_at(29, 3, 2, 30), "2026-03-29T03:00:00+02:00");
}

TEST(CalendarAt, ReadsARepeatedTimeAsItsFirstOccurrence) {
  EXPECT_EQ(paris_at(25, 10, 2, 30), "2026-10-25T02:30:00+02:00");
}

TEST(OffsetSpan, RunsFromOneChangeOfOffsetToTheNext) {
  const OffsetSpan summer = paris().offset_span(at("2026-07-15T12:00:00Z"));
  EXPECT_EQ(summer.begin, at("2026-03-29T01:00:00Z"));
  EXPECT_EQ(summer.end, at("2026-10-25T01:00:00Z"));
  EXPECT_EQ(summer.offset, std::chrono::hours{2});
}

TEST(FormatDate, WritesDatesAndMonthsWithLeadingZeros) {
  EXPECT_EQ(format_date(date::year{2026} / 3 / 1), "2026-03-01");
  EXPECT_EQ(format_date(date::year{2026} / 12 / 31), "2026-12-31");
  EXPECT_EQ(format_month(date::year{2026} / 3), "2026-03");
  EXPECT_EQ(format_month(date::year_month{date::year{2027}, date::January} - date::months{1}), "2026-12");
}

// ---- days ---------------------------------------------------------------------

TEST(Day, RunsFromLocalMidnightToLocalMidnight) {
  // 08:15 in Paris on Saturday 28 November 2026.
  EXPECT_EQ(paris().period_of(at("2026-11-28T07:15:00Z"), Frequency::daily),
            period("2026-11-27T23:00:00Z", "2026-11-28T23:00:00Z"));
}

TEST(Day, ALateUtcEveningIsAlreadyTomorrowInParis) {
  // 23:30Z on the 28th is 00:30 on the 29th in Paris.
  EXPECT_EQ(paris().period_of(at("2026-11-28T23:30:00Z"), Frequency::daily),
            period("2026-11-28T23:00:00Z", "2026-11-29T23:00:00Z"));
}

TEST(Day, AnEarlyUtcMorningIsStillYesterdayInNewYork) {
  // 03:00Z on the 28th is 22:00 on the 27th in New York.
  EXPECT_EQ(new_york().period_of(at("2026-11-28T03:00:00Z"), Frequency::daily),
            period("2026-11-27T05:00:00Z", "2026-11-28T05:00:00Z"));
}

TEST(Day, StartsExactlyAtLocalMidnight) {
  const Period day = paris().period_of(at("2026-11-27T23:00:00Z"), Frequency::daily);
  EXPECT_EQ(day.start, at("2026-11-27T23:00:00Z"));
  EXPECT_EQ(paris().period_of(at("2026-11-27T22:59:59Z"), Frequency::daily).end, day.start);
}

TEST(Day, TheSpringChangeDayIsTwentyThreeHoursLong) {
  const Period day = paris().period_of(at("2026-03-29T10:00:00Z"), Frequency::daily);
  EXPECT_EQ(day, period("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"));
  EXPECT_EQ(hours_in(day), 23);
}

TEST(Day, TheAutumnChangeDayIsTwentyFiveHoursLong) {
  const Period day = paris().period_of(at("2026-10-25T10:00:00Z"), Frequency::daily);
  EXPECT_EQ(day, period("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"));
  EXPECT_EQ(hours_in(day), 25);
}

TEST(Day, NewYorkChangeDaysAreTwentyThreeAndTwentyFiveHours) {
  const Period spring = new_york().period_of(at("2026-03-08T12:00:00Z"), Frequency::daily);
  EXPECT_EQ(spring, period("2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z"));
  EXPECT_EQ(hours_in(spring), 23);
  const Period autumn = new_york().period_of(at("2026-11-01T12:00:00Z"), Frequency::daily);
  EXPECT_EQ(autumn, period("2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z"));
  EXPECT_EQ(hours_in(autumn), 25);
}

TEST(Day, TheRepeatedHourBelongsToTheSameDay) {
  // 00:30Z and 01:30Z are both 02:30 on the clock in Paris on 25 October.
  EXPECT_EQ(paris().period_of(at("2026-10-25T00:30:00Z"), Frequency::daily),
            paris().period_of(at("2026-10-25T01:30:00Z"), Frequency::daily));
}

TEST(Day, WhoseMidnightDoesNotExistStartsWhenTheClockJumps) {
  // Santiago sprang from 00:00 -04:00 to 01:00 -03:00 on 8 September 2024 (04:00Z).
  // (Past years: their rules no longer change with new tz database releases.)
  const Period day = Calendar("America/Santiago").period_of(at("2024-09-08T12:00:00Z"), Frequency::daily);
  EXPECT_EQ(day, period("2024-09-08T04:00:00Z", "2024-09-09T03:00:00Z"));
}

TEST(Day, WhoseMidnightHappensTwiceStartsAtTheFirst) {
  // Havana fell back from 01:00 -04:00 to 00:00 -05:00 on 3 November 2024 (05:00Z).
  const Calendar havana("America/Havana");
  const Period day = havana.period_of(at("2024-11-03T12:00:00Z"), Frequency::daily);
  EXPECT_EQ(day, period("2024-11-03T04:00:00Z", "2024-11-04T05:00:00Z"));
  EXPECT_EQ(havana.period_of(at("2024-11-03T05:30:00Z"), Frequency::daily), day);  // the second 00:30
  EXPECT_EQ(havana.period_of(at("2024-11-03T03:59:59Z"), Frequency::daily).end, day.start);
}

TEST(Day, InAHalfHourZoneStartsOnTheHalfHourInUtc) {
  // 20:00Z on the 28th is 01:30 on the 29th in Kolkata.
  EXPECT_EQ(Calendar("Asia/Kolkata").period_of(at("2026-11-28T20:00:00Z"), Frequency::daily),
            period("2026-11-28T18:30:00Z", "2026-11-29T18:30:00Z"));
}

TEST(Day, OnLordHoweTheSpringChangeDayIsTwentyThreeAndAHalfHours) {
  const Period day = Calendar("Australia/Lord_Howe").period_of(at("2026-10-04T00:00:00Z"), Frequency::daily);
  EXPECT_EQ(day, period("2026-10-03T13:30:00Z", "2026-10-04T13:00:00Z"));
  EXPECT_EQ(day.end - day.start, std::chrono::hours{23} + std::chrono::minutes{30});
}

TEST(Day, WalksContiguouslyThroughTheSpringChange) {
  const Calendar& calendar = paris();
  Period day = calendar.period_of(at("2026-03-25T12:00:00Z"), Frequency::daily);
  std::vector<long long> lengths;
  for (int i = 0; i < 10; ++i) {
    const Period following = calendar.next(day, Frequency::daily);
    EXPECT_EQ(following.start, day.end) << local_start(calendar, day);
    EXPECT_EQ(local_start(calendar, following).substr(10, 9), "T00:00:00") << local_start(calendar, following);
    lengths.push_back(hours_in(day));
    day = following;
  }
  // 25, 26, 27, 28 March, then the 23-hour 29th, then ordinary days.
  EXPECT_EQ(lengths, (std::vector<long long>{24, 24, 24, 24, 23, 24, 24, 24, 24, 24}));
}

TEST(Day, WalksBackContiguouslyThroughTheAutumnChange) {
  const Calendar& calendar = paris();
  Period day = calendar.period_of(at("2026-10-28T12:00:00Z"), Frequency::daily);
  std::vector<std::string> starts;
  for (int i = 0; i < 5; ++i) {
    const Period before = calendar.previous(day, Frequency::daily);
    EXPECT_EQ(before.end, day.start);
    day = before;
    starts.push_back(local_start(calendar, day));
  }
  EXPECT_EQ(starts, (std::vector<std::string>{"2026-10-27T00:00:00+01:00", "2026-10-26T00:00:00+01:00",
                                              "2026-10-25T00:00:00+02:00", "2026-10-24T00:00:00+02:00",
                                              "2026-10-23T00:00:00+02:00"}));
}

TEST(Day, NextAndPreviousUndoEachOther) {
  const Period day = new_york().period_of(at("2026-11-01T12:00:00Z"), Frequency::daily);
  EXPECT_EQ(new_york().previous(new_york().next(day, Frequency::daily), Frequency::daily), day);
  EXPECT_EQ(new_york().next(new_york().previous(day, Frequency::daily), Frequency::daily), day);
}

// ---- hours --------------------------------------------------------------------

TEST(Hour, RunsFromOneLocalHourToTheNext) {
  EXPECT_EQ(paris().period_of(at("2026-11-28T07:15:00Z"), Frequency::hourly),
            period("2026-11-28T07:00:00Z", "2026-11-28T08:00:00Z"));
}

TEST(Hour, InAHalfHourZoneStartsOnTheHalfHourInUtc) {
  // 20:00Z is 01:30 in Kolkata: the hour is 01:00-02:00 local.
  EXPECT_EQ(Calendar("Asia/Kolkata").period_of(at("2026-11-28T20:00:00Z"), Frequency::hourly),
            period("2026-11-28T19:30:00Z", "2026-11-28T20:30:00Z"));
}

TEST(Hour, TheSkippedSpringHourDoesNotExist) {
  // 01:00-02:00 CET is followed by 03:00-04:00 CEST.
  const Period one_am = paris().period_of(at("2026-03-29T00:30:00Z"), Frequency::hourly);
  EXPECT_EQ(one_am, period("2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z"));
  const Period three_am = paris().next(one_am, Frequency::hourly);
  EXPECT_EQ(three_am, period("2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z"));
  EXPECT_EQ(local_start(paris(), three_am), "2026-03-29T03:00:00+02:00");
}

TEST(Hour, TheRepeatedAutumnHourLastsTwoHoursAsTheClockShowsIt) {
  // The clock reads 02:xx from 00:00Z (CEST) and again from 01:00Z (CET).
  const Period two_am = period("2026-10-25T00:00:00Z", "2026-10-25T02:00:00Z");
  EXPECT_EQ(paris().period_of(at("2026-10-25T00:30:00Z"), Frequency::hourly), two_am);
  EXPECT_EQ(paris().period_of(at("2026-10-25T01:30:00Z"), Frequency::hourly), two_am);
  EXPECT_EQ(new_york().period_of(at("2026-11-01T05:30:00Z"), Frequency::hourly),
            period("2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z"));
}

TEST(Hour, WalksContiguouslyThroughTheSpringChangeDay) {
  const Calendar& calendar = paris();
  const Period day = calendar.period_of(at("2026-03-29T12:00:00Z"), Frequency::daily);
  Period hour = calendar.period_of(day.start, Frequency::hourly);
  int count = 0;
  while (hour.start < day.end) {
    const Period following = calendar.next(hour, Frequency::hourly);
    EXPECT_EQ(following.start, hour.end);
    EXPECT_EQ(hours_in(hour), 1);
    ++count;
    hour = following;
  }
  EXPECT_EQ(hour.start, day.end);
  EXPECT_EQ(count, 23);
}

TEST(Hour, WalksContiguouslyThroughTheAutumnChangeDay) {
  const Calendar& calendar = paris();
  const Period day = calendar.period_of(at("2026-10-25T12:00:00Z"), Frequency::daily);
  Period hour = calendar.period_of(day.start, Frequency::hourly);
  int count = 0;
  while (hour.start < day.end) {
    const Period following = calendar.next(hour, Frequency::hourly);
    EXPECT_EQ(following.start, hour.end);
    EXPECT_EQ(calendar.previous(following, Frequency::hourly), hour);
    ++count;
    hour = following;
  }
  // 25 hours of time in 24 clock hours: 02:00 lasts two.
  EXPECT_EQ(hour.start, day.end);
  EXPECT_EQ(count, 24);
}

// ---- weeks --------------------------------------------------------------------

TEST(Week, StartsOnMonday) {
  // Wednesday 25 November 2026 → Monday 23 to Monday 30.
  EXPECT_EQ(Calendar("UTC").period_of(at("2026-11-25T12:00:00Z"), Frequency::weekly),
            period("2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z"));
}

TEST(Week, ASundayEndsTheWeekThatBeganOnMonday) {
  EXPECT_EQ(Calendar("UTC").period_of(at("2026-11-29T23:59:59Z"), Frequency::weekly),
            period("2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z"));
  EXPECT_EQ(Calendar("UTC").period_of(at("2026-11-30T00:00:00Z"), Frequency::weekly),
            period("2026-11-30T00:00:00Z", "2026-12-07T00:00:00Z"));
}

TEST(Week, StartsOnMondayInTheUsersZone) {
  // 23:30Z on Sunday 29 November is already Monday 00:30 in Paris.
  EXPECT_EQ(paris().period_of(at("2026-11-29T23:30:00Z"), Frequency::weekly),
            period("2026-11-29T23:00:00Z", "2026-12-06T23:00:00Z"));
}

TEST(Week, CanSpanTwoMonths) {
  // Wednesday 2 December belongs to the week of Monday 30 November.
  EXPECT_EQ(paris().period_of(at("2026-12-02T12:00:00Z"), Frequency::weekly),
            period("2026-11-29T23:00:00Z", "2026-12-06T23:00:00Z"));
}

TEST(Week, CanSpanTwoYears) {
  // Thursday 31 December 2026 → Monday 28 December to Monday 4 January.
  EXPECT_EQ(Calendar("UTC").period_of(at("2026-12-31T12:00:00Z"), Frequency::weekly),
            period("2026-12-28T00:00:00Z", "2027-01-04T00:00:00Z"));
}

TEST(Week, HoldingADaylightSavingChangeIsAnHourShortOrLong) {
  const Period spring = paris().period_of(at("2026-03-29T12:00:00Z"), Frequency::weekly);
  EXPECT_EQ(spring, period("2026-03-22T23:00:00Z", "2026-03-29T22:00:00Z"));
  EXPECT_EQ(hours_in(spring), 7 * 24 - 1);
  const Period autumn = new_york().period_of(at("2026-11-01T12:00:00Z"), Frequency::weekly);
  EXPECT_EQ(autumn, period("2026-10-26T04:00:00Z", "2026-11-02T05:00:00Z"));
  EXPECT_EQ(hours_in(autumn), 7 * 24 + 1);
}

TEST(Week, WalksContiguouslyFromMondayToMonday) {
  const Calendar& calendar = paris();
  Period week = calendar.period_of(at("2026-03-10T12:00:00Z"), Frequency::weekly);
  std::vector<std::string> starts;
  for (int i = 0; i < 4; ++i) {
    starts.push_back(local_start(calendar, week));
    const Period following = calendar.next(week, Frequency::weekly);
    EXPECT_EQ(following.start, week.end);
    week = following;
  }
  EXPECT_EQ(starts, (std::vector<std::string>{"2026-03-09T00:00:00+01:00", "2026-03-16T00:00:00+01:00",
                                              "2026-03-23T00:00:00+01:00", "2026-03-30T00:00:00+02:00"}));
}

// ---- months -------------------------------------------------------------------

TEST(Month, RunsFromTheFirstToTheFirstInTheUsersZone) {
  EXPECT_EQ(paris().period_of(at("2026-11-15T12:00:00Z"), Frequency::monthly),
            period("2026-10-31T23:00:00Z", "2026-11-30T23:00:00Z"));
}

TEST(Month, TheLastEveningOfOctoberInNewYorkIsStillOctober) {
  // 03:30Z on 1 November is 23:30 EDT on 31 October.
  EXPECT_EQ(new_york().period_of(at("2026-11-01T03:30:00Z"), Frequency::monthly),
            period("2026-10-01T04:00:00Z", "2026-11-01T04:00:00Z"));
}

TEST(Month, NovemberInNewYorkStartsAtFourUtcAndEndsAtFive) {
  // 00:00 EDT on 1 November is 04:00Z; 00:00 EST on 1 December is 05:00Z.
  EXPECT_EQ(new_york().period_of(at("2026-11-01T04:00:00Z"), Frequency::monthly),
            period("2026-11-01T04:00:00Z", "2026-12-01T05:00:00Z"));
}

TEST(Month, HoldingADaylightSavingChangeStartsAndEndsAtDifferentOffsets) {
  EXPECT_EQ(paris().period_of(at("2026-03-15T12:00:00Z"), Frequency::monthly),
            period("2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z"));
  EXPECT_EQ(paris().period_of(at("2026-10-15T12:00:00Z"), Frequency::monthly),
            period("2026-09-30T22:00:00Z", "2026-10-31T23:00:00Z"));
}

TEST(Month, FebruaryHasTwentyNineDaysInALeapYear) {
  const Calendar utc("UTC");
  EXPECT_EQ(utc.period_of(at("2026-02-10T00:00:00Z"), Frequency::monthly),
            period("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"));
  EXPECT_EQ(utc.period_of(at("2028-02-29T12:00:00Z"), Frequency::monthly),
            period("2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z"));
}

TEST(Month, WalksContiguouslyThroughAYear) {
  const Calendar& calendar = paris();
  Period month = calendar.period_of(at("2026-01-20T12:00:00Z"), Frequency::monthly);
  for (int i = 0; i < 12; ++i) {
    const Period following = calendar.next(month, Frequency::monthly);
    EXPECT_EQ(following.start, month.end);
    EXPECT_EQ(calendar.previous(following, Frequency::monthly), month);
    month = following;
  }
  EXPECT_EQ(local_start(calendar, month), "2027-01-01T00:00:00+01:00");
}

// ---- periods share out time ---------------------------------------------------

// Every instant of 2024, every half hour, in zones whose clocks change at
// midnight, by half an hour, or backwards: the period of an instant holds it,
// and it is the same period whichever of its instants one starts from.
TEST(Periods, ShareOutTimeWithoutGapsOrOverlaps) {
  for (const char* zone : {"Europe/Paris", "America/New_York", "America/Havana", "America/Santiago", "Asia/Beirut",
                           "Australia/Lord_Howe", "Europe/Dublin", "Asia/Kolkata"}) {
    const Calendar calendar(zone);
    for (const auto unit : {Frequency::hourly, Frequency::daily, Frequency::weekly, Frequency::monthly}) {
      int failures = 0;
      for (Timestamp t = at("2024-01-01T00:00:00Z"); t < at("2025-01-01T00:00:00Z") && failures < 3;
           t += std::chrono::minutes{30}) {
        const Period p = calendar.period_of(t, unit);
        const bool consistent = p.contains(t) && calendar.period_of(p.start, unit) == p &&
                                calendar.period_of(p.end - std::chrono::seconds{1}, unit) == p &&
                                calendar.next(p, unit).start == p.end;
        if (!consistent) {
          ++failures;
          ADD_FAILURE() << zone << " " << to_string(unit) << " at " << format_rfc3339(t) << ": "
                        << ::testing::PrintToString(p);
        }
      }
    }
  }
}

// ---- skipping periods ------------------------------------------------------------

namespace {

// What Calendar::skip_until must answer, the slow way: one next() at a time.
PeriodSkip skip_one_by_one(const Calendar& calendar, Period from, Timestamp until, Frequency unit) {
  PeriodSkip skip;
  for (skip.next = from; skip.next.end <= until; skip.next = calendar.next(skip.next, unit)) ++skip.periods;
  return skip;
}

// How many stretches of one UTC offset [from, until] crosses.
std::int64_t offset_stretches(const Calendar& calendar, Timestamp from, Timestamp until) {
  std::int64_t stretches = 1;
  for (auto span = calendar.offset_span(from); span.end <= until; span = calendar.offset_span(span.end)) ++stretches;
  return stretches;
}

}  // namespace

TEST(SkipUntil, PassesOverTheSamePeriodsAsWalkingThemOneByOne) {
  // Zones whose clocks change at midnight, by half an hour, backwards in
  // winter, or never; ranges that cross their changes many times.
  std::mt19937_64 random(20261204);
  const std::vector<std::string> zones = {"UTC",
                                          "Europe/Paris",
                                          "America/New_York",
                                          "Asia/Kolkata",
                                          "Australia/Lord_Howe",
                                          "America/Havana",
                                          "America/Santiago",
                                          "Asia/Beirut",
                                          "Europe/Dublin"};
  struct Reach {
    Frequency unit;
    std::chrono::hours most;
  };
  const std::vector<Reach> reaches = {{Frequency::hourly, std::chrono::hours{24 * 60}},
                                      {Frequency::daily, std::chrono::hours{24 * 800}},
                                      {Frequency::weekly, std::chrono::hours{24 * 7 * 300}},
                                      {Frequency::monthly, std::chrono::hours{24 * 31 * 120}}};
  const std::int64_t span_2024_to_2027 = (at("2027-01-01T00:00:00Z") - at("2024-01-01T00:00:00Z")).count();
  for (int round = 0; round < 400; ++round) {
    const Calendar calendar(zones[random() % zones.size()]);
    const Reach reach = reaches[random() % reaches.size()];
    // Quarter hours, as slots are.
    const auto quarter = [&](std::int64_t seconds) { return std::chrono::seconds{seconds / 900 * 900}; };
    const Timestamp start =
        at("2024-01-01T00:00:00Z") + quarter(static_cast<std::int64_t>(random() % span_2024_to_2027));
    const Timestamp until =
        start + quarter(static_cast<std::int64_t>(
                    random() % std::chrono::duration_cast<std::chrono::seconds>(reach.most).count()));
    const Period from = calendar.period_of(start, reach.unit);
    const PeriodSkip fast = calendar.skip_until(from, until, reach.unit);
    const PeriodSkip slow = skip_one_by_one(calendar, from, until, reach.unit);
    ASSERT_EQ(fast.periods, slow.periods)
        << to_string(reach.unit) << " from " << format_rfc3339(start) << " to " << format_rfc3339(until);
    ASSERT_EQ(fast.next, slow.next) << to_string(reach.unit) << " from " << format_rfc3339(start) << " to "
                                    << format_rfc3339(until);
  }
}

TEST(SkipUntil, CountsEveryHourSince1970InAFewStepsPerOffsetChange) {
  const Period first = utc().period_of(at("1970-01-01T00:00:00Z"), Frequency::hourly);
  const PeriodSkip in_utc = utc().skip_until(first, at("2026-02-18T10:00:00Z"), Frequency::hourly);
  // 1970-01-01 to 2026-01-01 is 56 * 365 + 14 leap days = 20454 days, and 48
  // more days and 10 hours to 2026-02-18T10:00Z: 20502 * 24 + 10 = 492058 hours.
  EXPECT_EQ(in_utc.periods, 492058);
  EXPECT_EQ(in_utc.next, period("2026-02-18T10:00:00Z", "2026-02-18T11:00:00Z"));
  EXPECT_LE(in_utc.steps, 2);  // one offset all along

  const Period in_paris_first = paris().period_of(at("1970-01-01T00:00:00Z"), Frequency::hourly);
  const PeriodSkip in_paris = paris().skip_until(in_paris_first, at("2026-02-18T10:00:00Z"), Frequency::hourly);
  const auto stretches = offset_stretches(paris(), at("1970-01-01T00:00:00Z"), at("2026-02-18T10:00:00Z"));
  EXPECT_GT(stretches, 90);  // summer time since 1976, twice a year
  EXPECT_LE(in_paris.steps, 3 * stretches);
  EXPECT_EQ(in_paris.next, period("2026-02-18T10:00:00Z", "2026-02-18T11:00:00Z"));
  // Each autumn's repeated hour is one period of the clock: an hour fewer each year.
  EXPECT_EQ(in_paris.periods, 492058 - (stretches - 1) / 2);
}

TEST(SkipUntil, PassesNothingBeforeThePeriodIsOver) {
  const Period hour = period("2026-11-28T10:00:00Z", "2026-11-28T11:00:00Z");
  const PeriodSkip none = utc().skip_until(hour, at("2026-11-28T10:59:59Z"), Frequency::hourly);
  EXPECT_EQ(none.periods, 0);
  EXPECT_EQ(none.next, hour);
  EXPECT_EQ(none.steps, 0);
  const PeriodSkip one = utc().skip_until(hour, at("2026-11-28T11:00:00Z"), Frequency::hourly);
  EXPECT_EQ(one.periods, 1);
  EXPECT_EQ(one.next, period("2026-11-28T11:00:00Z", "2026-11-28T12:00:00Z"));
}
