// Statistics of a tracker (core/stats.hpp): logs folded from 15-minute UTC
// slots into the user's days, weeks and months; the value and "done" of a
// period; streaks; target hit rate; the summary over a range.
//
// Every expected value was worked out by hand; the arithmetic is in the
// comments. The zone rules used (as in periods_test.cpp):
//   Europe/Paris      CET +01:00, CEST +02:00 from 2026-03-29 01:00Z
//                     (02:00 local jumps to 03:00) to 2026-10-25 01:00Z
//                     (03:00 local falls back to 02:00).
//   America/New_York  EDT -04:00 until 2026-11-01 06:00Z, then EST -05:00.
// Calendar facts: 2026-01-01 is a Thursday, so 2026-11-02, -09, -16, -23 and
// -30 are Mondays, as are 2026-10-19 and 2026-10-26.

#include "core/stats.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "support/calendar_fixtures.hpp"
#include "support/core_support.hpp"

using namespace qself::core;
using qself::testing::at;
using qself::testing::new_york;
using qself::testing::paris;
using qself::testing::period;
using qself::testing::utc;

namespace {

std::int64_t slot_of(const std::string& rfc3339) { return at(rfc3339).time_since_epoch().count() / kSlotSeconds; }

// Logs with numbers (numeric, duration, rating) in the slot holding `when`.
SlotAggregate logs_at(const std::string& when, std::initializer_list<double> values) {
  SlotAggregate slot;
  slot.slot = slot_of(when);
  for (const double value : values) {
    ++slot.count;
    slot.sum = slot.sum.value_or(0.0) + value;
    slot.min = slot.min ? std::min(*slot.min, value) : value;
    slot.max = slot.max ? std::max(*slot.max, value) : value;
    slot.last = value;  // the values are in the order they were logged, a millisecond apart
    slot.last_at = at(when).time_since_epoch().count() * 1000 + slot.count;
  }
  return slot;
}

// `count` logs of one key (a choice index, a boolean 0/1), as the store groups them.
SlotAggregate keyed_at(const std::string& when, double key, std::int64_t count) {
  SlotAggregate slot;
  slot.slot = slot_of(when);
  slot.key = key;
  slot.count = count;
  slot.sum = key * static_cast<double>(count);
  slot.min = key;
  slot.max = key;
  return slot;
}

// Text logs: counted, with no numbers.
SlotAggregate texts_at(const std::string& when, std::int64_t count) {
  SlotAggregate slot;
  slot.slot = slot_of(when);
  slot.count = count;
  return slot;
}

Target at_least(double value) { return Target{TargetOp::at_least, value, Aggregate::sum, {}}; }
Target at_most(double value) { return Target{TargetOp::at_most, value, Aggregate::sum, {}}; }

// A target's aggregate is the type's default; a test wanting another sets it after.
Tracker tracker_of(TrackerType type, Frequency frequency = Frequency::daily,
                   std::optional<Target> target = std::nullopt) {
  Tracker tracker;
  tracker.type = type;
  tracker.frequency = frequency;
  tracker.target = target;
  if (tracker.target) tracker.target->aggregate = default_aggregate(type);
  return tracker;
}

Tracker with_goal(Tracker tracker, Aggregate aggregate, std::optional<Frequency> period = std::nullopt) {
  tracker.target->aggregate = aggregate;
  tracker.target->period = period;
  return tracker;
}

// The logs of some period, for period_value and period_done.
PeriodValues logged(std::initializer_list<double> values) {
  PeriodValues result = PeriodValues::of(period("2026-11-27T23:00:00Z", "2026-11-28T23:00:00Z"));
  for (const double value : values) {
    ++result.count;
    result.sum = result.sum.value_or(0.0) + value;
    result.min = result.min ? std::min(*result.min, value) : value;
    result.max = result.max ? std::max(*result.max, value) : value;
    result.last = value;
    ++result.counts[value];
  }
  return result;
}

PeriodValues logged_texts(std::int64_t count) {
  PeriodValues result = PeriodValues::of(period("2026-11-27T23:00:00Z", "2026-11-28T23:00:00Z"));
  result.count = count;
  return result;
}

PeriodValues nothing_logged() { return logged({}); }

}  // namespace

// ---- fold -------------------------------------------------------------------

TEST(Fold, NoSlotsGiveNoPeriods) { EXPECT_TRUE(fold({}, paris(), Frequency::daily).empty()); }

TEST(Fold, ASlotIsUtcSecondsOverNineHundred) {
  // 2026-01-01T00:00Z = (56 * 365 + 14 leap days) * 86400 = 1767225600 s;
  // 2026-10-25 is 273 + 24 = 297 days later: 1767225600 + 297 * 86400 =
  // 1792886400; 00:30 adds 1800: 1792888200 s = slot 1792888200 / 900 = 1992098.
  SlotAggregate slot;
  slot.slot = 1992098;
  slot.count = 1;
  slot.sum = slot.min = slot.max = 4.0;
  EXPECT_EQ(slot_of("2026-10-25T00:30:00Z"), 1992098);

  const auto days = fold({slot}, paris(), Frequency::daily);
  ASSERT_EQ(days.size(), 1u);
  // 00:30Z is 02:30 CEST on the 25th, a day from 00:00 CEST (22:00Z the day
  // before) to 00:00 CET on the 26th (23:00Z).
  EXPECT_EQ(days[0].period, period("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"));
}

TEST(Fold, AddsUpCountSumMinMaxAndMeanWithinALocalDay) {
  // Paris in November is +01:00: the 28th runs from 11-27T23:00Z to 11-28T23:00Z.
  const auto days =
      fold({logs_at("2026-11-27T22:45:00Z", {10}),                                         // 23:45 on the 27th
            logs_at("2026-11-27T23:00:00Z", {1.5, 2.5}),                                   // 00:00 on the 28th
            logs_at("2026-11-28T12:15:00Z", {6}), logs_at("2026-11-28T22:45:00Z", {0.5}),  // 23:45 on the 28th
            logs_at("2026-11-28T23:00:00Z", {4})},                                         // 00:00 on the 29th
           paris(), Frequency::daily);
  ASSERT_EQ(days.size(), 3u);

  EXPECT_EQ(days[0].period, period("2026-11-26T23:00:00Z", "2026-11-27T23:00:00Z"));
  EXPECT_EQ(days[0].count, 1);
  EXPECT_EQ(days[0].sum, 10.0);

  // The 28th: 1.5, 2.5, 6, 0.5 -> count 4, sum 10.5, min 0.5, max 6, mean 10.5 / 4 = 2.625.
  EXPECT_EQ(days[1].period, period("2026-11-27T23:00:00Z", "2026-11-28T23:00:00Z"));
  EXPECT_EQ(days[1].count, 4);
  EXPECT_EQ(days[1].sum, 10.5);
  EXPECT_EQ(days[1].min, 0.5);
  EXPECT_EQ(days[1].max, 6.0);
  EXPECT_EQ(days[1].mean(), 2.625);
  EXPECT_TRUE(days[1].counts.empty());  // no keys for a numeric tracker

  EXPECT_EQ(days[2].period, period("2026-11-28T23:00:00Z", "2026-11-29T23:00:00Z"));
  EXPECT_EQ(days[2].count, 1);
  EXPECT_EQ(days[2].sum, 4.0);
}

TEST(Fold, SundayLateAndMondayEarlyAreDifferentWeeksInParisAcrossTheAutumnChange) {
  // Week of Monday 2026-10-19: 00:00 CEST = 10-18T22:00Z, to Monday 10-26
  // 00:00 CET = 10-25T23:00Z (7 * 24 + 1 = 169 hours: it holds the 25-hour day).
  //   10-25T22:30Z = Sunday 23:30 CET   -> that week
  //   10-25T23:15Z = Monday 00:15 CET   -> the week of 10-26 (10-25T23:00Z .. 11-01T23:00Z)
  // In UTC both are on Sunday the 25th, so one week.
  const auto weeks =
      fold({logs_at("2026-10-25T22:30:00Z", {2}), logs_at("2026-10-25T23:15:00Z", {5})}, paris(), Frequency::weekly);
  ASSERT_EQ(weeks.size(), 2u);
  EXPECT_EQ(weeks[0].period, period("2026-10-18T22:00:00Z", "2026-10-25T23:00:00Z"));
  EXPECT_EQ(weeks[0].count, 1);
  EXPECT_EQ(weeks[0].sum, 2.0);
  EXPECT_EQ(weeks[1].period, period("2026-10-25T23:00:00Z", "2026-11-01T23:00:00Z"));
  EXPECT_EQ(weeks[1].count, 1);
  EXPECT_EQ(weeks[1].sum, 5.0);
}

TEST(Fold, SundayLateAndMondayEarlyAreDifferentWeeksInNewYork) {
  // New York in late November is -05:00. Week of Monday 11-23: 11-23T05:00Z to 11-30T05:00Z.
  //   11-30T04:30Z = Sunday 11-29 23:30 EST -> week of 11-23
  //   11-30T05:15Z = Monday 11-30 00:15 EST -> week of 11-30
  // In UTC both are on Monday the 30th, so one week.
  const auto weeks =
      fold({logs_at("2026-11-30T04:30:00Z", {1}), logs_at("2026-11-30T05:15:00Z", {1})}, new_york(), Frequency::weekly);
  ASSERT_EQ(weeks.size(), 2u);
  EXPECT_EQ(weeks[0].period, period("2026-11-23T05:00:00Z", "2026-11-30T05:00:00Z"));
  EXPECT_EQ(weeks[1].period, period("2026-11-30T05:00:00Z", "2026-12-07T05:00:00Z"));
  EXPECT_EQ(weeks[0].count + weeks[1].count, 2);
}

TEST(Fold, TheLastEveningOfOctoberInNewYorkBelongsToOctober) {
  // October in New York: 10-01 00:00 EDT = 10-01T04:00Z to 11-01 00:00 EDT =
  // 11-01T04:00Z (the clocks go back only at 06:00Z). November ends on 12-01
  // 00:00 EST = 12-01T05:00Z.
  //   11-01T03:45Z = 10-31 23:45 EDT -> October (two logs: 2 and 7)
  //   11-01T04:15Z = 11-01 00:15 EDT -> November
  //   10-01T03:45Z = 09-30 23:45 EDT -> September
  const auto months = fold({logs_at("2026-10-01T03:45:00Z", {1}), logs_at("2026-10-15T16:00:00Z", {3}),
                            logs_at("2026-11-01T03:45:00Z", {2, 7}), logs_at("2026-11-01T04:15:00Z", {9})},
                           new_york(), Frequency::monthly);
  ASSERT_EQ(months.size(), 3u);
  EXPECT_EQ(months[0].period, period("2026-09-01T04:00:00Z", "2026-10-01T04:00:00Z"));
  EXPECT_EQ(months[0].count, 1);
  // October: 3, 2, 7 -> count 3, sum 12, min 2, max 7, mean 4.
  EXPECT_EQ(months[1].period, period("2026-10-01T04:00:00Z", "2026-11-01T04:00:00Z"));
  EXPECT_EQ(months[1].count, 3);
  EXPECT_EQ(months[1].sum, 12.0);
  EXPECT_EQ(months[1].min, 2.0);
  EXPECT_EQ(months[1].max, 7.0);
  EXPECT_EQ(months[1].mean(), 4.0);
  EXPECT_EQ(months[2].period, period("2026-11-01T04:00:00Z", "2026-12-01T05:00:00Z"));
  EXPECT_EQ(months[2].count, 1);
  EXPECT_EQ(months[2].sum, 9.0);
}

TEST(Fold, TheSpringChangeDayInParisHasTwentyThreeHours) {
  // 2026-03-29 runs from 00:00 CET = 03-28T23:00Z to 00:00 CEST on the 30th =
  // 03-29T22:00Z: 23 hours.
  //   03-28T22:45Z = 28th 23:45 CET  -> the 28th
  //   03-28T23:00Z = 29th 00:00 CET  -> the 29th
  //   03-29T21:45Z = 29th 23:45 CEST -> the 29th
  //   03-29T22:00Z = 30th 00:00 CEST -> the 30th
  const auto days = fold({logs_at("2026-03-28T22:45:00Z", {1}), logs_at("2026-03-28T23:00:00Z", {2}),
                          logs_at("2026-03-29T21:45:00Z", {3}), logs_at("2026-03-29T22:00:00Z", {4})},
                         paris(), Frequency::daily);
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(days[0].period, period("2026-03-27T23:00:00Z", "2026-03-28T23:00:00Z"));
  EXPECT_EQ(days[0].sum, 1.0);
  EXPECT_EQ(days[1].period, period("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"));
  EXPECT_EQ(days[1].count, 2);
  EXPECT_EQ(days[1].sum, 5.0);  // 2 + 3
  EXPECT_EQ(days[2].period, period("2026-03-29T22:00:00Z", "2026-03-30T22:00:00Z"));
  EXPECT_EQ(days[2].sum, 4.0);
}

TEST(Fold, TheAutumnChangeDayInParisHasTwentyFiveHours) {
  // 2026-10-25 runs from 00:00 CEST = 10-24T22:00Z to 00:00 CET on the 26th =
  // 10-25T23:00Z: 25 hours.
  //   10-24T22:15Z = 25th 00:15 CEST -> the 25th (the 24th in UTC)
  //   10-25T00:30Z = 25th 02:30 CEST -> the 25th
  //   10-25T22:45Z = 25th 23:45 CET  -> the 25th
  //   10-25T23:30Z = 26th 00:30 CET  -> the 26th (the 25th in UTC)
  const auto days = fold({logs_at("2026-10-24T22:15:00Z", {1}), logs_at("2026-10-25T00:30:00Z", {2}),
                          logs_at("2026-10-25T22:45:00Z", {4}), logs_at("2026-10-25T23:30:00Z", {8})},
                         paris(), Frequency::daily);
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].period, period("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"));
  EXPECT_EQ(days[0].count, 3);
  EXPECT_EQ(days[0].sum, 7.0);  // 1 + 2 + 4
  EXPECT_EQ(days[1].period, period("2026-10-25T23:00:00Z", "2026-10-26T23:00:00Z"));
  EXPECT_EQ(days[1].count, 1);
  EXPECT_EQ(days[1].sum, 8.0);
}

TEST(Fold, TheRepeatedAutumnHourIsOneHourOfTheClock) {
  // 02:00-03:00 local happens twice on 2026-10-25: 00:00Z-01:00Z (CEST) and
  // 01:00Z-02:00Z (CET). Both fall into one hourly period, 00:00Z to 02:00Z.
  const auto hours = fold({logs_at("2026-10-25T00:30:00Z", {1}), logs_at("2026-10-25T01:30:00Z", {1}),
                           logs_at("2026-10-25T02:15:00Z", {1})},
                          paris(), Frequency::hourly);
  ASSERT_EQ(hours.size(), 2u);
  EXPECT_EQ(hours[0].period, period("2026-10-25T00:00:00Z", "2026-10-25T02:00:00Z"));
  EXPECT_EQ(hours[0].count, 2);
  EXPECT_EQ(hours[1].period, period("2026-10-25T02:00:00Z", "2026-10-25T03:00:00Z"));
  EXPECT_EQ(hours[1].count, 1);
}

TEST(Fold, CountsEachChoiceOption) {
  // The store gives one aggregate per (slot, key); two keys can share a slot.
  //   28th 09:00Z: option 0 twice, option 2 once; 28th 18:30Z: option 0 once, option 1 once.
  // Day: count 5, counts {0: 3, 1: 1, 2: 1}; sum of indices 0 + 2 + 0 + 1 = 3.
  const auto days = fold({keyed_at("2026-11-28T09:00:00Z", 0, 2), keyed_at("2026-11-28T09:00:00Z", 2, 1),
                          keyed_at("2026-11-28T18:30:00Z", 0, 1), keyed_at("2026-11-28T18:30:00Z", 1, 1)},
                         paris(), Frequency::daily);
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].count, 5);
  EXPECT_EQ(days[0].counts, (std::map<double, std::int64_t>{{0.0, 3}, {1.0, 1}, {2.0, 1}}));
  EXPECT_EQ(days[0].sum, 3.0);
  EXPECT_EQ(days[0].min, 0.0);
  EXPECT_EQ(days[0].max, 2.0);
}

TEST(Fold, CountsYesAndNoOfABooleanPerWeek) {
  // Paris weeks of 11-23 (11-22T23:00Z .. 11-29T23:00Z) and 11-30.
  //   Monday 23rd: yes; Wednesday 25th: no, yes; Sunday 29th 23:30 CET (22:30Z): no
  //     -> week of 23rd: count 4, counts {0: 2, 1: 2}, sum (yes) 2
  //   Monday 30th 00:15 CET (11-29T23:15Z): yes -> week of 30th: {1: 1}
  const auto weeks = fold({keyed_at("2026-11-23T08:00:00Z", 1, 1), keyed_at("2026-11-25T08:00:00Z", 0, 1),
                           keyed_at("2026-11-25T08:00:00Z", 1, 1), keyed_at("2026-11-29T22:30:00Z", 0, 1),
                           keyed_at("2026-11-29T23:15:00Z", 1, 1)},
                          paris(), Frequency::weekly);
  ASSERT_EQ(weeks.size(), 2u);
  EXPECT_EQ(weeks[0].period, period("2026-11-22T23:00:00Z", "2026-11-29T23:00:00Z"));
  EXPECT_EQ(weeks[0].count, 4);
  EXPECT_EQ(weeks[0].counts, (std::map<double, std::int64_t>{{0.0, 2}, {1.0, 2}}));
  EXPECT_EQ(weeks[0].sum, 2.0);
  EXPECT_EQ(weeks[0].mean(), 0.5);  // 2 yes of 4
  EXPECT_EQ(weeks[1].period, period("2026-11-29T23:00:00Z", "2026-12-06T23:00:00Z"));
  EXPECT_EQ(weeks[1].counts, (std::map<double, std::int64_t>{{1.0, 1}}));
}

TEST(Fold, TextLogsAreCountedWithoutNumbers) {
  const auto days =
      fold({texts_at("2026-11-28T08:00:00Z", 2), texts_at("2026-11-28T20:00:00Z", 1)}, paris(), Frequency::daily);
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].count, 3);
  EXPECT_FALSE(days[0].sum.has_value());
  EXPECT_FALSE(days[0].min.has_value());
  EXPECT_FALSE(days[0].max.has_value());
  EXPECT_FALSE(days[0].mean().has_value());
  EXPECT_TRUE(days[0].counts.empty());
}

// ---- period_value -------------------------------------------------------------

TEST(PeriodValue, OfANumericTrackerIsTheSum) {
  EXPECT_EQ(period_value(tracker_of(TrackerType::numeric), logged({2, 3, 4.5})), 9.5);  // 2 + 3 + 4.5
}

TEST(PeriodValue, OfADurationIsTheSumOfSeconds) {
  // 1:30 + 0:45 = 5400 + 2700 = 8100 seconds.
  EXPECT_EQ(period_value(tracker_of(TrackerType::duration), logged({5400, 2700})), 8100.0);
}

TEST(PeriodValue, OfABooleanIsTheNumberOfYes) {
  // yes, no, yes, no, yes -> 3.
  EXPECT_EQ(period_value(tracker_of(TrackerType::boolean), logged({1, 0, 1, 0, 1})), 3.0);
}

TEST(PeriodValue, OfARatingIsTheMean) {
  // (4 + 5 + 3 + 5) / 4 = 17 / 4 = 4.25.
  EXPECT_EQ(period_value(tracker_of(TrackerType::rating), logged({4, 5, 3, 5})), 4.25);
}

TEST(PeriodValue, OfAChoiceIsTheNumberOfLogs) {
  // Options 2, 0, 2: three logs, whatever the indices add up to.
  EXPECT_EQ(period_value(tracker_of(TrackerType::choice), logged({2, 0, 2})), 3.0);
}

TEST(PeriodValue, OfATextIsTheNumberOfLogs) {
  EXPECT_EQ(period_value(tracker_of(TrackerType::text), logged_texts(2)), 2.0);
}

TEST(PeriodValue, WithoutLogsIsZeroButForARatingWhichHasNoMean) {
  for (const auto type :
       {TrackerType::numeric, TrackerType::duration, TrackerType::boolean, TrackerType::choice, TrackerType::text}) {
    EXPECT_EQ(period_value(tracker_of(type), nothing_logged()), 0.0) << to_string(type);
  }
  EXPECT_FALSE(period_value(tracker_of(TrackerType::rating), nothing_logged()).has_value());
}

// ---- period_done --------------------------------------------------------------

TEST(PeriodDone, AtLeastNeedsTheTargetReached) {
  const auto water = tracker_of(TrackerType::numeric, Frequency::daily, at_least(8));
  EXPECT_FALSE(period_done(water, logged({3, 4})));      // 7 < 8
  EXPECT_FALSE(period_done(water, logged({7.5})));       // 7.5 < 8
  EXPECT_TRUE(period_done(water, logged({3, 5})));       // 8 >= 8
  EXPECT_TRUE(period_done(water, logged({4, 4, 0.5})));  // 8.5 >= 8
  EXPECT_FALSE(period_done(water, nothing_logged()));    // 0 < 8
}

TEST(PeriodDone, AtMostAllowsUpToTheTarget) {
  const auto coffee = tracker_of(TrackerType::numeric, Frequency::daily, at_most(2));
  EXPECT_TRUE(period_done(coffee, logged({1})));      // 1 <= 2
  EXPECT_TRUE(period_done(coffee, logged({1, 1})));   // 2 <= 2
  EXPECT_FALSE(period_done(coffee, logged({2, 1})));  // 3 > 2
}

TEST(PeriodDone, AtMostWithNoLogsIsDoneOnceOverButARatingWithoutLogsIsNoData) {
  // A period that is over with nothing logged is a value of 0, within "at most 2";
  // a rating with no logs has no mean, which meets no target.
  EXPECT_TRUE(period_done(tracker_of(TrackerType::numeric, Frequency::daily, at_most(2)), nothing_logged()));
  EXPECT_TRUE(period_done(tracker_of(TrackerType::choice, Frequency::daily, at_most(1)), nothing_logged()));
  EXPECT_FALSE(period_done(tracker_of(TrackerType::rating, Frequency::daily, at_most(2)), nothing_logged()));
}

TEST(PeriodStatus, AnAtMostLimitIsMetOnlyOnceItsPeriodIsOverAndMissedAsSoonAsItIsPassed) {
  const auto coffee = tracker_of(TrackerType::numeric, Frequency::hourly, at_most(1));
  // A fresh tracker's first hour, nothing logged: not met yet, not "done".
  EXPECT_EQ(period_status(coffee, nothing_logged(), false), PeriodStatus::not_yet);
  EXPECT_EQ(period_status(coffee, logged({1}), false), PeriodStatus::not_yet);
  // Two cups this hour: missed already, though the hour is not over.
  EXPECT_EQ(period_status(coffee, logged({1, 1}), false), PeriodStatus::missed);
  EXPECT_EQ(period_status(coffee, logged({1}), true), PeriodStatus::met);
}

TEST(PeriodStatus, AnAtLeastTargetIsMetAsSoonAsReachedAndMissedOnlyOnceOver) {
  const auto water = tracker_of(TrackerType::numeric, Frequency::daily, at_least(8));
  EXPECT_EQ(period_status(water, logged({8}), false), PeriodStatus::met);
  EXPECT_EQ(period_status(water, logged({3}), false), PeriodStatus::not_yet);
  EXPECT_EQ(period_status(water, logged({3}), true), PeriodStatus::missed);
}

TEST(PeriodDone, ARatingTargetIsOnTheMean) {
  const auto mood = tracker_of(TrackerType::rating, Frequency::daily, at_least(4));
  EXPECT_TRUE(period_done(mood, logged({3, 5})));      // mean 4 >= 4
  EXPECT_FALSE(period_done(mood, logged({3, 4, 4})));  // mean 11 / 3 = 3.67 < 4
  EXPECT_FALSE(period_done(mood, nothing_logged()));   // no mean, not reached
}

TEST(PeriodDone, ABooleanTargetCountsTheYes) {
  const auto workouts = tracker_of(TrackerType::boolean, Frequency::weekly, at_least(3));
  EXPECT_FALSE(period_done(workouts, logged({1, 0, 1, 0})));  // 2 yes
  EXPECT_TRUE(period_done(workouts, logged({1, 1, 0, 1})));   // 3 yes
}

TEST(PeriodDone, AChoiceOrTextTargetCountsTheLogs) {
  EXPECT_TRUE(period_done(tracker_of(TrackerType::choice, Frequency::daily, at_least(2)), logged({0, 0})));
  EXPECT_FALSE(period_done(tracker_of(TrackerType::choice, Frequency::daily, at_least(2)), logged({2})));
  EXPECT_TRUE(period_done(tracker_of(TrackerType::text, Frequency::daily, at_least(1)), logged_texts(1)));
}

TEST(PeriodDone, WithoutTargetABooleanNeedsAYes) {
  const auto meds = tracker_of(TrackerType::boolean);
  EXPECT_FALSE(period_done(meds, nothing_logged()));
  EXPECT_FALSE(period_done(meds, logged({0, 0})));  // only "no"
  EXPECT_TRUE(period_done(meds, logged({0, 1})));
}

TEST(PeriodDone, WithoutTargetAnyLogWillDo) {
  // Even a value of 0 (a numeric 0, the first choice) is something logged.
  EXPECT_TRUE(period_done(tracker_of(TrackerType::numeric), logged({0})));
  EXPECT_TRUE(period_done(tracker_of(TrackerType::choice), logged({0})));
  EXPECT_TRUE(period_done(tracker_of(TrackerType::rating), logged({1})));
  EXPECT_TRUE(period_done(tracker_of(TrackerType::duration), logged({0})));
  EXPECT_TRUE(period_done(tracker_of(TrackerType::text), logged_texts(1)));
  for (const auto type :
       {TrackerType::numeric, TrackerType::choice, TrackerType::rating, TrackerType::duration, TrackerType::text}) {
    EXPECT_FALSE(period_done(tracker_of(type), nothing_logged())) << to_string(type);
  }
}

// ---- streaks ------------------------------------------------------------------
// Daily examples are in Paris in late November 2026 (+01:00): the local day D
// runs from (D-1)T23:00Z to DT23:00Z; logs at 19:00Z are 20:00 local on that
// day. "Now" is Saturday 28th 10:00 local = 11-28T09:00Z unless said otherwise.

namespace {

const Timestamp kSaturdayMorning = at("2026-11-28T09:00:00Z");

std::vector<PeriodValues> paris_days(const std::vector<SlotAggregate>& slots) {
  return fold(slots, paris(), Frequency::daily);
}

}  // namespace

TEST(Streaks, TheCurrentStreakDoesNotBreakOnToday) {
  // 25 yes, 26 yes, 27 yes, 28 (today) nothing yet -> current 3, best 3.
  const auto tracker = tracker_of(TrackerType::numeric);
  const auto days = paris_days({logs_at("2026-11-25T19:00:00Z", {1}), logs_at("2026-11-26T19:00:00Z", {1}),
                                logs_at("2026-11-27T19:00:00Z", {1})});
  const auto result = streaks(tracker, days, paris(), at("2026-11-25T19:00:00Z"), kSaturdayMorning);
  EXPECT_EQ(result.current, 3);
  EXPECT_EQ(result.best, 3);
}

TEST(Streaks, TodayCountsOnceItIsDone) {
  // 25, 26, 27 and today at 08:00Z (09:00 local) -> current 4, best 4.
  const auto tracker = tracker_of(TrackerType::numeric);
  const auto days = paris_days({logs_at("2026-11-25T19:00:00Z", {1}), logs_at("2026-11-26T19:00:00Z", {1}),
                                logs_at("2026-11-27T19:00:00Z", {1}), logs_at("2026-11-28T08:00:00Z", {1})});
  const auto result = streaks(tracker, days, paris(), at("2026-11-25T19:00:00Z"), kSaturdayMorning);
  EXPECT_EQ(result.current, 4);
  EXPECT_EQ(result.best, 4);
}

TEST(Streaks, AMissedPastDayBreaksTheStreak) {
  // 22 23 24 | 25 missed | 26 27 | 28 under way -> best 3, current 2.
  const auto tracker = tracker_of(TrackerType::numeric);
  const auto days = paris_days({logs_at("2026-11-22T19:00:00Z", {1}), logs_at("2026-11-23T19:00:00Z", {1}),
                                logs_at("2026-11-24T19:00:00Z", {1}), logs_at("2026-11-26T19:00:00Z", {1}),
                                logs_at("2026-11-27T19:00:00Z", {1})});
  const auto result = streaks(tracker, days, paris(), at("2026-11-22T19:00:00Z"), kSaturdayMorning);
  EXPECT_EQ(result.current, 2);
  EXPECT_EQ(result.best, 3);
}

TEST(Streaks, MissingYesterdayEndsTheCurrentStreak) {
  // 25 26 | 27 missed | 28 under way -> current 0, best 2.
  const auto tracker = tracker_of(TrackerType::numeric);
  const auto days = paris_days({logs_at("2026-11-25T19:00:00Z", {1}), logs_at("2026-11-26T19:00:00Z", {1})});
  const auto result = streaks(tracker, days, paris(), at("2026-11-25T19:00:00Z"), kSaturdayMorning);
  EXPECT_EQ(result.current, 0);
  EXPECT_EQ(result.best, 2);
}

TEST(Streaks, ALateEveningLogCountsForItsLocalDay) {
  // 27th 23:30 local = 11-27T22:30Z (still the 27th in Paris); with 25 and 26
  // -> current 3. Had it counted for the 28th, the 27th would be missed.
  const auto tracker = tracker_of(TrackerType::numeric);
  const auto days = paris_days({logs_at("2026-11-25T19:00:00Z", {1}), logs_at("2026-11-26T19:00:00Z", {1}),
                                logs_at("2026-11-27T22:30:00Z", {1})});
  const auto result = streaks(tracker, days, paris(), at("2026-11-25T19:00:00Z"), kSaturdayMorning);
  EXPECT_EQ(result.current, 3);
}

TEST(Streaks, NeedTheTargetMet) {
  // Water, at least 8: 24: 8 yes | 25: 4 + 6 = 10 yes | 26: 3 no | 27: 8 yes |
  // 28: 5 so far, under way -> current 1, best 2.
  const auto water = tracker_of(TrackerType::numeric, Frequency::daily, at_least(8));
  const auto days = paris_days({logs_at("2026-11-24T19:00:00Z", {8}), logs_at("2026-11-25T08:00:00Z", {4}),
                                logs_at("2026-11-25T19:00:00Z", {6}), logs_at("2026-11-26T19:00:00Z", {3}),
                                logs_at("2026-11-27T19:00:00Z", {8}), logs_at("2026-11-28T08:00:00Z", {5})});
  const auto result = streaks(water, days, paris(), at("2026-11-24T19:00:00Z"), kSaturdayMorning);
  EXPECT_EQ(result.current, 1);
  EXPECT_EQ(result.best, 2);
}

TEST(Streaks, OfABooleanCountOnlyTheYes) {
  // 24 yes | 25 yes | 26 no | 27 yes | 28 under way -> current 1, best 2.
  const auto meds = tracker_of(TrackerType::boolean);
  const auto days = paris_days({keyed_at("2026-11-24T19:00:00Z", 1, 1), keyed_at("2026-11-25T19:00:00Z", 1, 1),
                                keyed_at("2026-11-26T19:00:00Z", 0, 1), keyed_at("2026-11-27T19:00:00Z", 1, 1)});
  const auto result = streaks(meds, days, paris(), at("2026-11-24T19:00:00Z"), kSaturdayMorning);
  EXPECT_EQ(result.current, 1);
  EXPECT_EQ(result.best, 2);
}

TEST(Streaks, AtMostCountsDaysWithoutLogsAsDoneOnceTheyAreOver) {
  // Coffee, at most 2: 24: 1 yes | 25: 3 no | 26: nothing, yes | 27: 2 yes |
  // 28: nothing so far, under way: not counted yet -> current 2, best 2.
  const auto coffee = tracker_of(TrackerType::numeric, Frequency::daily, at_most(2));
  const auto days = paris_days({logs_at("2026-11-24T07:00:00Z", {1}), logs_at("2026-11-25T07:00:00Z", {1, 2}),
                                logs_at("2026-11-27T07:00:00Z", {2})});
  const auto result = streaks(coffee, days, paris(), at("2026-11-24T07:00:00Z"), kSaturdayMorning);
  EXPECT_EQ(result.current, 2);
  EXPECT_EQ(result.best, 2);
}

TEST(Streaks, ACurrentPeriodAlreadyOverAnAtMostLimitBreaksTheStreakAtOnce) {
  // Coffee, at most 2: 26 and 27 within it, 28 (under way) already 3 -> current 0, best 2.
  const auto coffee = tracker_of(TrackerType::numeric, Frequency::daily, at_most(2));
  const auto days = paris_days({logs_at("2026-11-26T07:00:00Z", {1}), logs_at("2026-11-27T07:00:00Z", {2}),
                                logs_at("2026-11-28T07:00:00Z", {2, 1})});
  const auto result = streaks(coffee, days, paris(), at("2026-11-26T07:00:00Z"), kSaturdayMorning);
  EXPECT_EQ(result.current, 0);
  EXPECT_EQ(result.best, 2);
}

TEST(Streaks, AFreshAtMostTrackerHasNoStreak) {
  const auto coffee = tracker_of(TrackerType::numeric, Frequency::hourly, at_most(1));
  const auto result = streaks(coffee, {}, paris(), kSaturdayMorning - std::chrono::minutes(5), kSaturdayMorning);
  EXPECT_EQ(result.current, 0);
  EXPECT_EQ(result.best, 0);
}

TEST(Streaks, StartAtTheFirstInstantNotAtTheFirstLog) {
  // Tracker created on the 24th (10:00Z), first log on the 26th: 24 no, 25 no,
  // 26 yes, 27 yes, 28 under way -> current 2, best 2; nothing logged at all -> 0, 0.
  const auto tracker = tracker_of(TrackerType::numeric);
  const auto days = paris_days({logs_at("2026-11-26T19:00:00Z", {1}), logs_at("2026-11-27T19:00:00Z", {1})});
  const auto result = streaks(tracker, days, paris(), at("2026-11-24T10:00:00Z"), kSaturdayMorning);
  EXPECT_EQ(result.current, 2);
  EXPECT_EQ(result.best, 2);

  const auto none = streaks(tracker, {}, paris(), at("2026-11-24T10:00:00Z"), kSaturdayMorning);
  EXPECT_EQ(none.current, 0);
  EXPECT_EQ(none.best, 0);
}

TEST(Streaks, AreZeroWhenTheFirstInstantIsStillToCome) {
  const auto result =
      streaks(tracker_of(TrackerType::numeric), {}, paris(), at("2026-11-29T10:00:00Z"), kSaturdayMorning);
  EXPECT_EQ(result.current, 0);
  EXPECT_EQ(result.best, 0);
}

TEST(Streaks, WeeklyWithATargetInParis) {
  // At least 3 workouts a week; weeks start on Monday 00:00 CET (Sunday 23:00Z).
  //   week of 11-02: Mon 2, Wed 4, Fri 6            -> 3, done
  //   week of 11-09: 9, 10, 11, 12                  -> 4, done
  //   week of 11-16: 16, 18                         -> 2, missed
  //   week of 11-23: 23, 25, Sun 29 23:30 CET (22:30Z) -> 3, done
  //   week of 11-30: Mon 00:15 CET (11-29T23:15Z)   -> 1, under way on Wed 12-02
  // -> current 1, best 2. (Were the Sunday-night log in the week of the 30th,
  // the week of the 23rd would have 2 and the current streak would be 0.)
  const auto workouts = tracker_of(TrackerType::numeric, Frequency::weekly, at_least(3));
  const auto weeks = fold(
      {logs_at("2026-11-02T18:00:00Z", {1}), logs_at("2026-11-04T18:00:00Z", {1}), logs_at("2026-11-06T18:00:00Z", {1}),
       logs_at("2026-11-09T18:00:00Z", {1}), logs_at("2026-11-10T18:00:00Z", {1}), logs_at("2026-11-11T18:00:00Z", {1}),
       logs_at("2026-11-12T18:00:00Z", {1}), logs_at("2026-11-16T18:00:00Z", {1}), logs_at("2026-11-18T18:00:00Z", {1}),
       logs_at("2026-11-23T18:00:00Z", {1}), logs_at("2026-11-25T18:00:00Z", {1}), logs_at("2026-11-29T22:30:00Z", {1}),
       logs_at("2026-11-29T23:15:00Z", {1})},
      paris(), Frequency::weekly);
  ASSERT_EQ(weeks.size(), 5u);
  const auto result = streaks(workouts, weeks, paris(), at("2026-11-02T18:00:00Z"), at("2026-12-02T12:00:00Z"));
  EXPECT_EQ(result.current, 1);
  EXPECT_EQ(result.best, 2);
}

TEST(Streaks, MonthlyInNewYork) {
  // Logged in August, September and on 10-31 23:45 EDT (11-01T03:45Z), which is
  // October in New York. On 11-20 November is under way -> current 3, best 3.
  // (Counted in UTC, October would be missed: current 1, best 2.)
  // On 12-05 November is over and missed -> current 0, best 3.
  const auto tracker = tracker_of(TrackerType::numeric, Frequency::monthly);
  const auto months = fold({logs_at("2026-08-15T16:00:00Z", {1}), logs_at("2026-09-10T16:00:00Z", {1}),
                            logs_at("2026-11-01T03:45:00Z", {1})},
                           new_york(), Frequency::monthly);
  const Timestamp first = at("2026-08-15T16:00:00Z");

  const auto in_november = streaks(tracker, months, new_york(), first, at("2026-11-20T12:00:00Z"));
  EXPECT_EQ(in_november.current, 3);
  EXPECT_EQ(in_november.best, 3);

  const auto in_december = streaks(tracker, months, new_york(), first, at("2026-12-05T12:00:00Z"));
  EXPECT_EQ(in_december.current, 0);
  EXPECT_EQ(in_december.best, 3);
}

TEST(Streaks, DailyDaysStayContiguousThroughTheSpringChange) {
  // A log at 00:15 local each day:
  //   27th 00:15 CET = 03-26T23:15Z, 28th = 03-27T23:15Z,
  //   29th 00:15 CET = 03-28T23:15Z, 30th 00:15 CEST = 03-29T22:15Z.
  // Now 31st 08:00 CEST = 03-31T06:00Z -> 27 28 29 30 done, 31 under way:
  // current 4, best 4. (Days of a fixed 24 hours would put the 30th's log on the 29th.)
  const auto tracker = tracker_of(TrackerType::numeric);
  const auto days = paris_days({logs_at("2026-03-26T23:15:00Z", {1}), logs_at("2026-03-27T23:15:00Z", {1}),
                                logs_at("2026-03-28T23:15:00Z", {1}), logs_at("2026-03-29T22:15:00Z", {1})});
  ASSERT_EQ(days.size(), 4u);
  const auto result = streaks(tracker, days, paris(), at("2026-03-26T23:15:00Z"), at("2026-03-31T06:00:00Z"));
  EXPECT_EQ(result.current, 4);
  EXPECT_EQ(result.best, 4);
}

TEST(Streaks, DailyDaysStayContiguousThroughTheAutumnChange) {
  // A log at 23:30 local each day:
  //   23rd 23:30 CEST = 10-23T21:30Z, 24th 23:30 CEST = 10-24T21:30Z,
  //   25th 23:30 CET = 10-25T22:30Z (the 25-hour day), 26th 23:30 CET = 10-26T22:30Z.
  // Now 27th 09:00 CET = 10-27T08:00Z -> current 4, best 4.
  const auto tracker = tracker_of(TrackerType::numeric);
  const auto days = paris_days({logs_at("2026-10-23T21:30:00Z", {1}), logs_at("2026-10-24T21:30:00Z", {1}),
                                logs_at("2026-10-25T22:30:00Z", {1}), logs_at("2026-10-26T22:30:00Z", {1})});
  ASSERT_EQ(days.size(), 4u);
  const auto result = streaks(tracker, days, paris(), at("2026-10-23T21:30:00Z"), at("2026-10-27T08:00:00Z"));
  EXPECT_EQ(result.current, 4);
  EXPECT_EQ(result.best, 4);
}

TEST(Streaks, Hourly) {
  // UTC, 2026-11-28: logs at 06:30, 07:10, 08:50, (09 missed), 10:05, 11:40;
  // now 12:20, the hour of 12 under way -> best 3 (06-08), current 2 (10-11).
  const auto tracker = tracker_of(TrackerType::numeric, Frequency::hourly);
  const auto hours = fold(
      {logs_at("2026-11-28T06:30:00Z", {1}), logs_at("2026-11-28T07:10:00Z", {1}), logs_at("2026-11-28T08:50:00Z", {1}),
       logs_at("2026-11-28T10:05:00Z", {1}), logs_at("2026-11-28T11:40:00Z", {1})},
      utc(), Frequency::hourly);
  const auto result = streaks(tracker, hours, utc(), at("2026-11-28T06:30:00Z"), at("2026-11-28T12:20:00Z"));
  EXPECT_EQ(result.current, 2);
  EXPECT_EQ(result.best, 3);
}

TEST(Streaks, HourlyThroughTheRepeatedAutumnHour) {
  // Paris, 2026-10-25. Hours as the clock shows them:
  //   01:00 CEST  23:00Z-00:00Z  log at 23:30Z       done
  //   02:00       00:00Z-02:00Z  log at 00:30Z       done (the hour lived twice is one)
  //   03:00 CET   02:00Z-03:00Z  log at 02:30Z       done
  //   04:00 CET   03:00Z-04:00Z  now 03:10Z          under way
  // -> current 3, best 3.
  const auto tracker = tracker_of(TrackerType::numeric, Frequency::hourly);
  const auto hours = fold({logs_at("2026-10-24T23:30:00Z", {1}), logs_at("2026-10-25T00:30:00Z", {1}),
                           logs_at("2026-10-25T02:30:00Z", {1})},
                          paris(), Frequency::hourly);
  const auto result = streaks(tracker, hours, paris(), at("2026-10-24T23:30:00Z"), at("2026-10-25T03:10:00Z"));
  EXPECT_EQ(result.current, 3);
  EXPECT_EQ(result.best, 3);
}

// ---- target_hit_rate ------------------------------------------------------------
// Water, at least 8 a day, in Paris, November 2026 (+01:00).

namespace {

Tracker water() { return tracker_of(TrackerType::numeric, Frequency::daily, at_least(8)); }

// One log per local day at 19:00Z (20:00 local), days 16..27:
//   16: 8 | 17: 8 | 18: 5 + 4 = 9 | 19: — | 20: 7.5 | 21: 12 | 22: 8 | 23: 2 |
//   24: 8 | 25: — | 26: 10 | 27: 8
std::vector<PeriodValues> water_days() {
  return paris_days({logs_at("2026-11-16T19:00:00Z", {8}), logs_at("2026-11-17T19:00:00Z", {8}),
                     logs_at("2026-11-18T08:00:00Z", {5}), logs_at("2026-11-18T19:00:00Z", {4}),
                     logs_at("2026-11-20T19:00:00Z", {7.5}), logs_at("2026-11-21T19:00:00Z", {12}),
                     logs_at("2026-11-22T19:00:00Z", {8}), logs_at("2026-11-23T19:00:00Z", {2}),
                     logs_at("2026-11-24T19:00:00Z", {8}), logs_at("2026-11-26T19:00:00Z", {10}),
                     logs_at("2026-11-27T19:00:00Z", {8})});
}

const Timestamp kFirstWater = at("2026-11-16T19:00:00Z");

}  // namespace

TEST(TargetHitRate, IsUnsetWithoutATarget) {
  EXPECT_FALSE(target_hit_rate(tracker_of(TrackerType::numeric), water_days(), paris(), kFirstWater,
                               at("2026-11-16T23:00:00Z"), at("2026-11-26T23:00:00Z"), kSaturdayMorning)
                   .has_value());
}

TEST(TargetHitRate, IsTheShareOfDaysThatMetTheTarget) {
  // Range 17th 00:00 local (11-16T23:00Z) to 27th 00:00 local (11-26T23:00Z):
  // days 17..26, ten days, all over by now.
  //   met: 17 (8), 18 (9), 21 (12), 22 (8), 24 (8), 26 (10)       = 6
  //   not: 19 (nothing), 20 (7.5), 23 (2), 25 (nothing)            = 4
  // -> 6 / 10 = 0.6. The 16th and 27th are outside the range.
  const auto rate = target_hit_rate(water(), water_days(), paris(), kFirstWater, at("2026-11-16T23:00:00Z"),
                                    at("2026-11-26T23:00:00Z"), kSaturdayMorning);
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 0.6);
}

TEST(TargetHitRate, LeavesOutTodayUntilItIsMet) {
  // Range 24th 00:00 local (11-23T23:00Z) to 30th 00:00 local (11-29T23:00Z),
  // now Saturday 28th 10:00 local:
  //   24 met (8), 25 missed, 26 met (10), 27 met (8); 28 under way; 29 to come.
  // With 5 so far today: 3 / 4 = 0.75. With 5 + 4 = 9 today: 4 / 5 = 0.8.
  auto days = water_days();
  days.push_back(paris_days({logs_at("2026-11-28T08:00:00Z", {5})}).front());
  const auto under_way = target_hit_rate(water(), days, paris(), kFirstWater, at("2026-11-23T23:00:00Z"),
                                         at("2026-11-29T23:00:00Z"), kSaturdayMorning);
  ASSERT_TRUE(under_way.has_value());
  EXPECT_DOUBLE_EQ(*under_way, 0.75);

  days.back() = paris_days({logs_at("2026-11-28T07:00:00Z", {5}), logs_at("2026-11-28T08:00:00Z", {4})}).front();
  const auto met = target_hit_rate(water(), days, paris(), kFirstWater, at("2026-11-23T23:00:00Z"),
                                   at("2026-11-29T23:00:00Z"), kSaturdayMorning);
  ASSERT_TRUE(met.has_value());
  EXPECT_DOUBLE_EQ(*met, 0.8);
}

TEST(TargetHitRate, StartsAtTheFirstInstant) {
  // Tracker created on the 21st at 10:00Z; logs from then on as in water_days().
  // Range 17th..26th as above, but only days 21..26 count:
  //   21 met, 22 met, 23 not, 24 met, 25 not, 26 met -> 4 / 6 = 2 / 3.
  const auto days = paris_days({logs_at("2026-11-21T19:00:00Z", {12}), logs_at("2026-11-22T19:00:00Z", {8}),
                                logs_at("2026-11-23T19:00:00Z", {2}), logs_at("2026-11-24T19:00:00Z", {8}),
                                logs_at("2026-11-26T19:00:00Z", {10}), logs_at("2026-11-27T19:00:00Z", {8})});
  const auto rate = target_hit_rate(water(), days, paris(), at("2026-11-21T10:00:00Z"), at("2026-11-16T23:00:00Z"),
                                    at("2026-11-26T23:00:00Z"), kSaturdayMorning);
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 4.0 / 6.0);
}

TEST(TargetHitRate, IsUnsetWithoutAPeriodToJudge) {
  // A range that ends before the first instant.
  EXPECT_FALSE(target_hit_rate(water(), water_days(), paris(), kFirstWater, at("2026-11-01T23:00:00Z"),
                               at("2026-11-10T23:00:00Z"), kSaturdayMorning)
                   .has_value());
  // A range that starts after now.
  EXPECT_FALSE(target_hit_rate(water(), water_days(), paris(), kFirstWater, at("2026-11-29T23:00:00Z"),
                               at("2026-12-05T23:00:00Z"), kSaturdayMorning)
                   .has_value());
  // A range that holds only today, not met yet.
  EXPECT_FALSE(target_hit_rate(water(), water_days(), paris(), kFirstWater, at("2026-11-27T23:00:00Z"),
                               at("2026-11-28T23:00:00Z"), kSaturdayMorning)
                   .has_value());
}

TEST(TargetHitRate, WeeklyInParis) {
  // The workouts of Streaks.WeeklyWithATargetInParis, range 11-02..12-07 local,
  // now Wednesday 12-02: weeks of 2 (met), 9 (met), 16 (missed), 23 (met);
  // the week of 30 is under way with 1 of 3 -> 3 / 4 = 0.75.
  const auto workouts = tracker_of(TrackerType::boolean, Frequency::weekly, at_least(3));
  const auto weeks = fold({keyed_at("2026-11-02T18:00:00Z", 1, 1), keyed_at("2026-11-04T18:00:00Z", 1, 1),
                           keyed_at("2026-11-06T18:00:00Z", 1, 1), keyed_at("2026-11-09T18:00:00Z", 1, 1),
                           keyed_at("2026-11-10T18:00:00Z", 1, 1), keyed_at("2026-11-11T18:00:00Z", 1, 1),
                           keyed_at("2026-11-12T18:00:00Z", 1, 1), keyed_at("2026-11-16T18:00:00Z", 1, 1),
                           keyed_at("2026-11-17T18:00:00Z", 0, 1), keyed_at("2026-11-18T18:00:00Z", 1, 1),
                           keyed_at("2026-11-23T18:00:00Z", 1, 1), keyed_at("2026-11-25T18:00:00Z", 1, 1),
                           keyed_at("2026-11-29T22:30:00Z", 1, 1), keyed_at("2026-11-29T23:15:00Z", 1, 1)},
                          paris(), Frequency::weekly);
  const auto rate = target_hit_rate(workouts, weeks, paris(), at("2026-11-02T18:00:00Z"), at("2026-11-01T23:00:00Z"),
                                    at("2026-12-06T23:00:00Z"), at("2026-12-02T12:00:00Z"));
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 0.75);
}

TEST(TargetHitRate, AtMostCountsAQuietDayAsMetButNotTodayUntilItIsOver) {
  // Coffee, at most 2, range 24th..29th local, now Saturday 28th morning:
  //   24: 1 met | 25: 3 missed | 26: nothing, met | 27: 2 met | 28: nothing yet, under way
  // -> 3 / 4 = 0.75.
  const auto coffee = tracker_of(TrackerType::numeric, Frequency::daily, at_most(2));
  const auto days = paris_days({logs_at("2026-11-24T07:00:00Z", {1}), logs_at("2026-11-25T07:00:00Z", {1, 2}),
                                logs_at("2026-11-27T07:00:00Z", {2})});
  const auto rate = target_hit_rate(coffee, days, paris(), at("2026-11-24T07:00:00Z"), at("2026-11-23T23:00:00Z"),
                                    at("2026-11-28T23:00:00Z"), kSaturdayMorning);
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 0.75);
}

// ---- summarize ------------------------------------------------------------------

TEST(Summarize, AddsUpThePeriods) {
  // 27th: 1 and 3; 28th: 8 -> count 3, sum 12, min 1, max 8,
  // mean 12 / 3 = 4 (per log, not the mean of daily means (2 + 8) / 2 = 5).
  const auto summary =
      summarize(paris_days({logs_at("2026-11-27T09:00:00Z", {1, 3}), logs_at("2026-11-28T09:00:00Z", {8})}));
  EXPECT_EQ(summary.count, 3);
  EXPECT_EQ(summary.sum, 12.0);
  EXPECT_EQ(summary.min, 1.0);
  EXPECT_EQ(summary.max, 8.0);
  EXPECT_EQ(summary.mean, 4.0);
}

TEST(Summarize, OfABooleanHasTheShareOfYesAsItsMean) {
  // yes, no on the 27th; yes, yes on the 28th -> count 4, sum 3, min 0, max 1, mean 0.75.
  const auto summary =
      summarize(paris_days({keyed_at("2026-11-27T09:00:00Z", 0, 1), keyed_at("2026-11-27T09:00:00Z", 1, 1),
                            keyed_at("2026-11-28T09:00:00Z", 1, 2)}));
  EXPECT_EQ(summary.count, 4);
  EXPECT_EQ(summary.sum, 3.0);
  EXPECT_EQ(summary.min, 0.0);
  EXPECT_EQ(summary.max, 1.0);
  EXPECT_EQ(summary.mean, 0.75);
}

TEST(Summarize, TextHasACountButNoNumbers) {
  const auto summary =
      summarize(paris_days({texts_at("2026-11-27T09:00:00Z", 2), texts_at("2026-11-28T09:00:00Z", 1)}));
  EXPECT_EQ(summary.count, 3);
  EXPECT_FALSE(summary.sum.has_value());
  EXPECT_FALSE(summary.min.has_value());
  EXPECT_FALSE(summary.max.has_value());
  EXPECT_FALSE(summary.mean.has_value());
}

TEST(Summarize, OfNothingIsEmpty) {
  const auto summary = summarize({});
  EXPECT_EQ(summary.count, 0);
  EXPECT_FALSE(summary.sum.has_value());
  EXPECT_FALSE(summary.min.has_value());
  EXPECT_FALSE(summary.max.has_value());
  EXPECT_FALSE(summary.mean.has_value());
}

// ---- goal aggregates and goal periods ------------------------------------------

TEST(GoalAggregate, AWeeklyWeightLimitIsHeldAgainstTheWeeksAverageNotItsTotal) {
  // Weight, weekly, at most 80 kg on average: 78.1, 78.4, 78.4 -> 234.9 / 3 = 78.3.
  // As a total (the only aggregate before goals had one) it read 234.9 > 80, missed.
  const auto weight = with_goal(tracker_of(TrackerType::numeric, Frequency::weekly, at_most(80)), Aggregate::average);
  const auto week = logged({78.1, 78.4, 78.4});
  EXPECT_DOUBLE_EQ(*period_value(weight, week), 78.3);
  EXPECT_EQ(period_status(weight, week, false), PeriodStatus::met) << "under way, within the limit so far";
  EXPECT_EQ(period_status(weight, week, true), PeriodStatus::met);
  EXPECT_EQ(period_status(weight, logged({81, 80.5}), false), PeriodStatus::not_yet) << "a mean can still come down";
  EXPECT_EQ(period_status(weight, logged({81, 80.5}), true), PeriodStatus::missed);
  const auto as_total = tracker_of(TrackerType::numeric, Frequency::weekly, at_most(80));
  EXPECT_EQ(period_status(as_total, week, true), PeriodStatus::missed);
}

TEST(GoalAggregate, EachAggregateReadsItsOwnFigure) {
  // Logged in this order: 7, 9, 5 -> sum 21, count 3, average 7, last 5, min 5, max 9.
  const auto values = logged({7, 9, 5});
  const auto tracker = tracker_of(TrackerType::numeric, Frequency::daily, at_least(0));
  const std::vector<std::pair<Aggregate, double>> expected = {{Aggregate::sum, 21},    {Aggregate::count, 3},
                                                              {Aggregate::average, 7}, {Aggregate::last, 5},
                                                              {Aggregate::min, 5},     {Aggregate::max, 9}};
  for (const auto& [aggregate, value] : expected) {
    EXPECT_EQ(period_value(with_goal(tracker, aggregate), values), value) << to_string(aggregate);
  }
}

TEST(GoalAggregate, AMeasurementWithoutLogsIsNoDataButATotalOrCountIsZero) {
  const auto tracker = tracker_of(TrackerType::numeric, Frequency::daily, at_most(80));
  for (const auto aggregate : {Aggregate::average, Aggregate::last, Aggregate::min, Aggregate::max}) {
    const auto measured = with_goal(tracker, aggregate);
    EXPECT_FALSE(period_value(measured, nothing_logged()).has_value()) << to_string(aggregate);
    EXPECT_EQ(period_status(measured, nothing_logged(), true), PeriodStatus::no_data) << to_string(aggregate);
    EXPECT_EQ(period_status(measured, nothing_logged(), false), PeriodStatus::not_yet) << to_string(aggregate);
  }
  for (const auto aggregate : {Aggregate::sum, Aggregate::count}) {
    EXPECT_EQ(period_value(with_goal(tracker, aggregate), nothing_logged()), 0.0) << to_string(aggregate);
    EXPECT_EQ(period_status(with_goal(tracker, aggregate), nothing_logged(), true), PeriodStatus::met);
  }
}

TEST(GoalAggregate, APeriodUnderWayIsJudgedByWhereItsFigureCanStillGo) {
  const auto at_least_5 = tracker_of(TrackerType::numeric, Frequency::daily, at_least(5));
  const auto at_most_5 = tracker_of(TrackerType::numeric, Frequency::daily, at_most(5));
  // The highest only grows: reached is met for good, passed is missed for good.
  EXPECT_EQ(period_status(with_goal(at_least_5, Aggregate::max), logged({6}), false), PeriodStatus::met);
  EXPECT_EQ(period_status(with_goal(at_most_5, Aggregate::max), logged({6}), false), PeriodStatus::missed);
  EXPECT_EQ(period_status(with_goal(at_most_5, Aggregate::max), logged({4}), false), PeriodStatus::not_yet);
  // The lowest only falls: under an "at least" is missed for good, under an "at most" met for good.
  EXPECT_EQ(period_status(with_goal(at_least_5, Aggregate::min), logged({4}), false), PeriodStatus::missed);
  EXPECT_EQ(period_status(with_goal(at_most_5, Aggregate::min), logged({4}), false), PeriodStatus::met);
  EXPECT_EQ(period_status(with_goal(at_most_5, Aggregate::min), logged({6}), false), PeriodStatus::not_yet);
  // The latest goes either way: met while it meets the target.
  EXPECT_EQ(period_status(with_goal(at_least_5, Aggregate::last), logged({6, 4}), false), PeriodStatus::not_yet);
  EXPECT_EQ(period_status(with_goal(at_least_5, Aggregate::last), logged({4, 6}), false), PeriodStatus::met);
  EXPECT_EQ(period_status(with_goal(at_least_5, Aggregate::last), logged({6, 4}), true), PeriodStatus::missed);
}

TEST(GoalAggregate, TheLatestValueOfAPeriodIsItsLatestLogAcrossSlots) {
  // 27th: 08:00Z 70.2, then 19:00Z 70.9 then 70.4 (one slot, in that order):
  // the day's latest is 70.4, though neither the highest nor the first.
  const auto days =
      paris_days({logs_at("2026-11-27T08:00:00Z", {70.2}), logs_at("2026-11-27T19:00:00Z", {70.9, 70.4})});
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].last, 70.4);
  const auto weight = with_goal(tracker_of(TrackerType::numeric, Frequency::daily, at_most(71)), Aggregate::last);
  EXPECT_EQ(period_value(weight, days[0]), 70.4);
}

TEST(GoalPeriod, ThreeTimesAWeekOnADailyHabitIsJudgedPerWeek) {
  // Meditated (yes/no, daily), at least 3 yes a week, weeks from Monday in Paris:
  //   week of 11-09: 9, 11, 13 -> 3, met | week of 11-16: 17, 19 -> 2, missed |
  //   week of 11-23: 23, 24, 26, 27 -> 4, met | week of 11-30: under way, 1 so far.
  // -> current 1 (the week under way does not break it), best 1; 2 of 3 weeks met.
  const auto meditated =
      with_goal(tracker_of(TrackerType::boolean, Frequency::daily, at_least(3)), Aggregate::sum, Frequency::weekly);
  EXPECT_EQ(goal_period(meditated), Frequency::weekly);
  const auto weeks = fold({keyed_at("2026-11-09T18:00:00Z", 1, 1), keyed_at("2026-11-11T18:00:00Z", 1, 1),
                           keyed_at("2026-11-13T18:00:00Z", 1, 1), keyed_at("2026-11-17T18:00:00Z", 1, 1),
                           keyed_at("2026-11-19T18:00:00Z", 1, 1), keyed_at("2026-11-23T18:00:00Z", 1, 1),
                           keyed_at("2026-11-24T18:00:00Z", 1, 1), keyed_at("2026-11-26T18:00:00Z", 1, 1),
                           keyed_at("2026-11-27T18:00:00Z", 1, 1), keyed_at("2026-11-30T18:00:00Z", 1, 1)},
                          paris(), Frequency::weekly);
  const auto now = at("2026-12-02T12:00:00Z");
  const auto result = streaks(meditated, weeks, paris(), at("2026-11-09T18:00:00Z"), now);
  EXPECT_EQ(result.current, 1);
  EXPECT_EQ(result.best, 1);
  const auto rate = target_hit_rate(meditated, weeks, paris(), at("2026-11-09T18:00:00Z"), at("2026-11-08T23:00:00Z"),
                                    at("2026-12-06T23:00:00Z"), now);
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 2.0 / 3.0);
}

TEST(GoalPeriod, AWeekWithoutAWeighInBreaksTheStreakButIsLeftOutOfTheHitRate) {
  // Weight, weekly, at most 80 on average: weeks of 11-02 (79) met, 11-09 nothing
  // (no data), 11-16 (78) met, 11-23 (79.5) met; now Wednesday 12-02, the week of
  // 11-30 under way with nothing yet -> current 2, best 2, hit rate 3 / 3.
  const auto weight = with_goal(tracker_of(TrackerType::numeric, Frequency::weekly, at_most(80)), Aggregate::average);
  const auto weeks = fold({logs_at("2026-11-03T07:00:00Z", {79}), logs_at("2026-11-17T07:00:00Z", {78}),
                           logs_at("2026-11-24T07:00:00Z", {79.5})},
                          paris(), Frequency::weekly);
  const auto now = at("2026-12-02T12:00:00Z");
  const auto result = streaks(weight, weeks, paris(), at("2026-11-03T07:00:00Z"), now);
  EXPECT_EQ(result.current, 2);
  EXPECT_EQ(result.best, 2);
  const auto rate = target_hit_rate(weight, weeks, paris(), at("2026-11-03T07:00:00Z"), at("2026-11-01T23:00:00Z"),
                                    at("2026-12-06T23:00:00Z"), now);
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 1.0);
}

TEST(SummarizePeriods, AveragesThePeriodsFiguresNotTheLogs) {
  // 27th: 1 and 3 (total 4); 28th: 8 -> per day: mean (4 + 8) / 2 = 6, min 4, max 8;
  // with the average as aggregate: days 2 and 8 -> mean 5. Per log it is 12 / 3 = 4.
  const auto days = paris_days({logs_at("2026-11-27T09:00:00Z", {1, 3}), logs_at("2026-11-28T09:00:00Z", {8})});
  const auto water = tracker_of(TrackerType::numeric, Frequency::daily, at_least(8));
  const auto totals = summarize_periods(water, days);
  EXPECT_EQ(totals.periods, 2);
  EXPECT_EQ(totals.mean, 6.0);
  EXPECT_EQ(totals.min, 4.0);
  EXPECT_EQ(totals.max, 8.0);
  EXPECT_EQ(summarize_periods(with_goal(water, Aggregate::average), days).mean, 5.0);
  EXPECT_EQ(summarize(days).mean, 4.0);
}

// ---- work bounded by the data, not by time ----------------------------------------
// An hourly tracker with one log at 1970-01-01 has 492058 hours behind it on
// 2026-02-18T10:00Z (20502 days * 24 + 10): the periods without logs are
// counted by the calendar, never visited one by one.

namespace {

const Timestamp kWednesdayTen = at("2026-02-18T10:00:00Z");
constexpr std::int64_t kHoursSince1970 = 492058;

// How many stretches of one UTC offset lie between two instants.
std::int64_t stretches_of_one_offset(const Calendar& calendar, Timestamp from, Timestamp until) {
  std::int64_t stretches = 1;
  for (auto span = calendar.offset_span(from); span.end <= until; span = calendar.offset_span(span.end)) ++stretches;
  return stretches;
}

std::vector<StatusRun> runs_of(std::initializer_list<StatusRun> runs) { return runs; }

// The whole history up to the period under way, as streaks reads it.
GoalStatuses statuses_up_to_now(const Tracker& tracker, const std::vector<PeriodValues>& by_goal_period,
                                const Calendar& calendar, Timestamp first, Timestamp now) {
  return goal_statuses(tracker, by_goal_period, calendar, first, first, now + std::chrono::seconds{1}, now);
}

}  // namespace

TEST(GoalStatuses, OfAnHourlyTrackerLoggedOnceIn1970TakeAHandfulOfSteps) {
  const auto pills = tracker_of(TrackerType::numeric, Frequency::hourly, at_least(1));
  const Timestamp first = at("1970-01-01T00:05:00Z");
  const auto hours = fold({logs_at("1970-01-01T00:05:00Z", {1})}, utc(), Frequency::hourly);
  const auto statuses = statuses_up_to_now(pills, hours, utc(), first, kWednesdayTen);
  // The first hour met, every other one missed, the hour under way not yet.
  EXPECT_EQ(statuses.runs,
            runs_of({{PeriodStatus::met, 1}, {PeriodStatus::missed, kHoursSince1970 - 1}, {PeriodStatus::not_yet, 1}}));
  EXPECT_LE(statuses.steps, 5);

  const auto result = streaks(pills, hours, utc(), first, kWednesdayTen);
  EXPECT_EQ(result.current, 0);
  EXPECT_EQ(result.best, 1);
  // The hour under way begins at now: not one of those before it.
  const auto rate = target_hit_rate(pills, hours, utc(), first, first, kWednesdayTen, kWednesdayTen);
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 1.0 / static_cast<double>(kHoursSince1970));
}

TEST(GoalStatuses, InAZoneWithSummerTimeTakeAFewStepsPerOffsetChange) {
  const auto pills = tracker_of(TrackerType::numeric, Frequency::hourly, at_least(1));
  const Timestamp first = at("1970-01-01T00:05:00Z");
  const auto hours = fold({logs_at("1970-01-01T00:05:00Z", {1})}, paris(), Frequency::hourly);
  const auto statuses = statuses_up_to_now(pills, hours, paris(), first, kWednesdayTen);
  const auto stretches = stretches_of_one_offset(paris(), first, kWednesdayTen);
  EXPECT_GT(stretches, 90);
  EXPECT_LE(statuses.steps, 3 * stretches + 5);
  ASSERT_EQ(statuses.runs.size(), 3u);
  EXPECT_EQ(statuses.runs[0], (StatusRun{PeriodStatus::met, 1}));
  // Each autumn's repeated hour is one hour of the clock.
  EXPECT_EQ(statuses.runs[1], (StatusRun{PeriodStatus::missed, kHoursSince1970 - 1 - (stretches - 1) / 2}));
  EXPECT_EQ(statuses.runs[2], (StatusRun{PeriodStatus::not_yet, 1}));
}

TEST(GoalStatuses, SinceTheYearOneTakeAHandfulOfStepsInUtc) {
  const auto pills = tracker_of(TrackerType::numeric, Frequency::hourly, at_least(1));
  const Timestamp first{date::sys_days{date::year{1} / 1 / 1}};
  SlotAggregate slot;
  slot.slot = first.time_since_epoch().count() / kSlotSeconds;
  slot.count = 1;
  slot.sum = slot.min = slot.max = slot.last = 1.0;
  const auto hours = fold({slot}, utc(), Frequency::hourly);
  const auto statuses = statuses_up_to_now(pills, hours, utc(), first, kWednesdayTen);
  EXPECT_LE(statuses.steps, 5);
  // 1970-01-01 is day 719162 of the proleptic Gregorian calendar.
  const std::int64_t hours_before_1970 = std::int64_t{719162} * 24;
  EXPECT_EQ(statuses.runs, runs_of({{PeriodStatus::met, 1},
                                    {PeriodStatus::missed, hours_before_1970 + kHoursSince1970 - 1},
                                    {PeriodStatus::not_yet, 1}}));
}

TEST(GoalStatuses, CountEmptyHoursAsMetUnderAnAtMostLimitOnATotal) {
  // At most 2 coffees an hour: 5 in the first hour of 1970, none since. Every
  // hour since is met once over; the hour under way only once it is over.
  const auto coffee = tracker_of(TrackerType::numeric, Frequency::hourly, at_most(2));
  const Timestamp first = at("1970-01-01T00:05:00Z");
  const auto hours = fold({logs_at("1970-01-01T00:05:00Z", {5})}, utc(), Frequency::hourly);
  const auto statuses = statuses_up_to_now(coffee, hours, utc(), first, kWednesdayTen);
  EXPECT_EQ(statuses.runs,
            runs_of({{PeriodStatus::missed, 1}, {PeriodStatus::met, kHoursSince1970 - 1}, {PeriodStatus::not_yet, 1}}));
  EXPECT_LE(statuses.steps, 5);
  const auto result = streaks(coffee, hours, utc(), first, kWednesdayTen);
  EXPECT_EQ(result.current, kHoursSince1970 - 1);
  EXPECT_EQ(result.best, kHoursSince1970 - 1);
}

TEST(GoalStatuses, CountEmptyHoursAsNoDataForAMeanWhichBreaksTheStreakAndIsLeftOutOfTheHitRate) {
  // Weight at most 80 on the hour's average: 79 in 1970 and 79.5 an hour ago.
  const auto weight = with_goal(tracker_of(TrackerType::numeric, Frequency::hourly, at_most(80)), Aggregate::average);
  const Timestamp first = at("1970-01-01T00:05:00Z");
  const auto hours =
      fold({logs_at("1970-01-01T00:05:00Z", {79}), logs_at("2026-02-18T09:30:00Z", {79.5})}, utc(), Frequency::hourly);
  const auto statuses = statuses_up_to_now(weight, hours, utc(), first, kWednesdayTen);
  EXPECT_EQ(statuses.runs, runs_of({{PeriodStatus::met, 1},
                                    {PeriodStatus::no_data, kHoursSince1970 - 2},
                                    {PeriodStatus::met, 1},
                                    {PeriodStatus::not_yet, 1}}));
  EXPECT_LE(statuses.steps, 6);
  const auto result = streaks(weight, hours, utc(), first, kWednesdayTen);
  EXPECT_EQ(result.current, 1);
  EXPECT_EQ(result.best, 1);
  const auto rate = target_hit_rate(weight, hours, utc(), first, first, kWednesdayTen, kWednesdayTen);
  ASSERT_TRUE(rate.has_value());
  EXPECT_DOUBLE_EQ(*rate, 1.0);
}

// ---- the counted walk answers what walking every period answered ---------------------

namespace {

// Streaks and hit rates as they were computed before goal_statuses: every goal
// period from the first instant walked one by one. Random small cases must
// come out the same.
std::vector<PeriodStatus> statuses_one_by_one(const Tracker& tracker, const std::vector<PeriodValues>& by_goal_period,
                                              const Calendar& calendar, Timestamp first, Timestamp now) {
  std::vector<PeriodStatus> out;
  if (first > now) return out;
  const Frequency unit = goal_period(tracker);
  auto next_values = by_goal_period.begin();
  for (Period p = calendar.period_of(first, unit);; p = calendar.next(p, unit)) {
    while (next_values != by_goal_period.end() && next_values->period.start < p.start) ++next_values;
    const bool under_way = p.contains(now) || p.start > now;
    const bool has_values = next_values != by_goal_period.end() && next_values->period.start == p.start;
    if (has_values || p.start >= first) {
      out.push_back(period_status(tracker, has_values ? *next_values : PeriodValues::of(p), !under_way));
    }
    if (under_way) break;
  }
  return out;
}

Streaks streaks_one_by_one(const Tracker& tracker, const std::vector<PeriodValues>& by_goal_period,
                           const Calendar& calendar, Timestamp first, Timestamp now) {
  const auto all = statuses_one_by_one(tracker, by_goal_period, calendar, first, now);
  Streaks result;
  int run = 0;
  for (const auto status : all) {
    run = status == PeriodStatus::met ? run + 1 : 0;
    result.best = std::max(result.best, run);
  }
  if (!all.empty()) {
    std::size_t end = all.size();
    if (all.back() == PeriodStatus::not_yet) --end;
    for (std::size_t i = end; i > 0 && all[i - 1] == PeriodStatus::met; --i) ++result.current;
  }
  return result;
}

std::optional<double> hit_rate_one_by_one(const Tracker& tracker, const std::vector<PeriodValues>& by_goal_period,
                                          const Calendar& calendar, Timestamp first, Timestamp from, Timestamp to,
                                          Timestamp now) {
  if (!tracker.target) return std::nullopt;
  const Timestamp start = std::max(first, from);
  const Timestamp end = std::min(to, now);
  if (start >= end) return std::nullopt;
  const Frequency unit = goal_period(tracker);
  int hits = 0, total = 0;
  auto next_values = by_goal_period.begin();
  for (Period p = calendar.period_of(start, unit); p.start < end; p = calendar.next(p, unit)) {
    while (next_values != by_goal_period.end() && next_values->period.start < p.start) ++next_values;
    const bool has_values = next_values != by_goal_period.end() && next_values->period.start == p.start;
    if (!has_values && p.start < first) continue;
    const auto status = period_status(tracker, has_values ? *next_values : PeriodValues::of(p), !p.contains(now));
    if (status == PeriodStatus::not_yet || status == PeriodStatus::no_data) continue;
    ++total;
    if (status == PeriodStatus::met) ++hits;
  }
  if (total == 0) return std::nullopt;
  return static_cast<double>(hits) / total;
}

// A random tracker, its logs (in quarter-hour slots) around DST changes, and
// the instants the statistics are asked at.
struct RandomCase {
  Tracker tracker;
  std::vector<SlotAggregate> slots;
  Timestamp first, from, to, now;
  std::string described;
};

RandomCase random_case(std::mt19937_64& random) {
  const auto pick = [&](auto... choices) {
    const std::vector<std::common_type_t<decltype(choices)...>> all{choices...};
    return all[random() % all.size()];
  };
  RandomCase c;
  c.tracker.type = pick(TrackerType::numeric, TrackerType::boolean);
  c.tracker.frequency = pick(Frequency::hourly, Frequency::daily, Frequency::weekly, Frequency::monthly);
  if (random() % 4 != 0) {
    Target target;
    target.op = pick(TargetOp::at_least, TargetOp::at_most);
    target.value = pick(0.0, 1.0, 2.0, 3.5, 5.0);
    target.aggregate =
        pick(Aggregate::sum, Aggregate::count, Aggregate::average, Aggregate::last, Aggregate::min, Aggregate::max);
    if (random() % 2) target.period = pick(Frequency::hourly, Frequency::daily, Frequency::weekly, Frequency::monthly);
    c.tracker.target = target;
  }
  // Periods of the goal's size at most, over a few dozen of them.
  const std::map<Frequency, std::int64_t> scale = {{Frequency::hourly, 3600},
                                                   {Frequency::daily, 86400},
                                                   {Frequency::weekly, 7 * 86400},
                                                   {Frequency::monthly, 30 * 86400}};
  const std::int64_t unit = scale.at(goal_period(c.tracker));
  const std::int64_t window = unit * 40;
  // Anywhere in 2024-2026: across spring and autumn changes.
  const Timestamp base =
      at("2024-01-01T00:00:00Z") + std::chrono::seconds{static_cast<std::int64_t>(random() % (3 * 365 * 86400))};
  const auto instant = [&](std::int64_t within) {
    return base + std::chrono::seconds{static_cast<std::int64_t>(random() % within) / 900 * 900};
  };
  std::map<std::int64_t, SlotAggregate> by_slot;
  const int logs = static_cast<int>(random() % 12);
  // Sometimes a run of consecutive periods, sometimes scattered, sometimes one far before.
  const bool consecutive = random() % 2;
  Timestamp when = instant(window);
  for (int i = 0; i < logs; ++i) {
    when = consecutive ? when + std::chrono::seconds{unit} : instant(window);
    if (i == 0 && random() % 5 == 0) when -= std::chrono::seconds{unit * 300};
    const std::int64_t slot = when.time_since_epoch().count() / kSlotSeconds;
    auto& aggregate = by_slot[slot];
    aggregate.slot = slot;
    const double value =
        c.tracker.type == TrackerType::boolean ? static_cast<double>(random() % 2) : pick(0.0, 1.0, 2.0, 3.0, 4.5);
    if (c.tracker.type == TrackerType::boolean)
      aggregate.key = value;  // one key a slot, as simple as can be
    else
      aggregate.key.reset();
    ++aggregate.count;
    aggregate.sum = aggregate.sum.value_or(0) + value;
    aggregate.min = std::min(aggregate.min.value_or(value), value);
    aggregate.max = std::max(aggregate.max.value_or(value), value);
    aggregate.last = value;
    aggregate.last_at = slot * kSlotSeconds * 1000 + aggregate.count;
  }
  for (auto& [slot, aggregate] : by_slot) {
    if (aggregate.key)
      aggregate.count = 1, aggregate.sum = aggregate.min = aggregate.max = aggregate.last = aggregate.key;
    c.slots.push_back(aggregate);
  }
  const Timestamp created = instant(window);
  c.first = c.slots.empty() ? created
                            : std::min(created, Timestamp{std::chrono::seconds{c.slots.front().slot * kSlotSeconds}});
  c.now = instant(window + unit * 4);
  c.from = instant(window) - std::chrono::seconds{unit * 2};
  c.to = c.from + std::chrono::seconds{static_cast<std::int64_t>(random() % (window + 1))};
  c.described = std::string(to_string(c.tracker.type)) + " " + std::string(to_string(c.tracker.frequency)) +
                (c.tracker.target ? std::string(" ") + std::string(to_string(c.tracker.target->op)) + " " +
                                        std::to_string(c.tracker.target->value) + " " +
                                        std::string(to_string(c.tracker.target->aggregate)) + " per " +
                                        std::string(to_string(goal_period(c.tracker)))
                                  : std::string(" without a target")) +
                ", " + std::to_string(c.slots.size()) + " slots, first " + qself::util::format_rfc3339(c.first) +
                ", now " + qself::util::format_rfc3339(c.now);
  return c;
}

}  // namespace

TEST(GoalStatuses, GiveTheStreaksAndHitRatesThatWalkingEveryPeriodGave) {
  std::mt19937_64 random(1204);
  for (const Calendar* calendar : {&utc(), &paris(), &new_york()}) {
    for (int round = 0; round < 300; ++round) {
      const RandomCase c = random_case(random);
      const auto by_goal_period = fold(c.slots, *calendar, goal_period(c.tracker));
      const auto counted = streaks(c.tracker, by_goal_period, *calendar, c.first, c.now);
      const auto walked = streaks_one_by_one(c.tracker, by_goal_period, *calendar, c.first, c.now);
      ASSERT_EQ(counted.current, walked.current) << c.described;
      ASSERT_EQ(counted.best, walked.best) << c.described;
      ASSERT_EQ(target_hit_rate(c.tracker, by_goal_period, *calendar, c.first, c.from, c.to, c.now),
                hit_rate_one_by_one(c.tracker, by_goal_period, *calendar, c.first, c.from, c.to, c.now))
          << c.described << ", from " << qself::util::format_rfc3339(c.from) << " to "
          << qself::util::format_rfc3339(c.to);
    }
  }
}
