// Insights (core/insights.hpp): relationships, weekday rhythms and trends found
// in generated data whose truth is known — planted on purpose, or absent
// because every tracker is independent noise.
//
// Logs are made straight into 15-minute slots, as the store keeps them. The
// clock is pinned: "now" is Monday 2026-11-30 12:00 UTC, so the last full day
// is Sunday 2026-11-29 and day i before it is 2026-11-29 minus i days.

#include "core/insights.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/periods.hpp"
#include "util/time.hpp"

using namespace qself::core;

namespace {

const Timestamp kInsightNow = qself::util::parse_rfc3339("2026-11-30T12:00:00Z")->utc;

Tracker insight_tracker(std::int64_t id, std::string name, TrackerType type) {
  Tracker tracker;
  tracker.id = id;
  tracker.name = std::move(name);
  tracker.type = type;
  if (type == TrackerType::rating) tracker.options.scale = 5;
  if (type == TrackerType::choice) tracker.options.choices = {{1, "Sunny"}, {2, "Cloudy"}, {3, "Rainy"}};
  if (type == TrackerType::numeric) tracker.target = Target{TargetOp::at_least, 0, Aggregate::average, {}};
  return tracker;
}

// The data of one account: trackers and their slots.
class InsightData {
 public:
  void add(const Tracker& tracker) { m_trackers.push_back(tracker); }
  // A log `days_ago` full days before today (0: yesterday), at `hour` UTC.
  void log(const Tracker& tracker, int days_ago, double value, int hour = 9) {
    const Timestamp at = kInsightNow - std::chrono::hours{12 + 24 * days_ago + 24} + std::chrono::hours{hour};
    const std::int64_t slot = std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count() / 900;
    const bool keyed = tracker.type == TrackerType::boolean || tracker.type == TrackerType::choice;
    auto& slots = m_slots[tracker.id];
    auto found = std::find_if(slots.begin(), slots.end(), [&](const SlotAggregate& s) {
      return s.slot == slot && s.key == (keyed ? std::optional<double>(value) : std::nullopt);
    });
    if (found == slots.end()) {
      SlotAggregate fresh;
      fresh.slot = slot;
      if (keyed) fresh.key = value;
      slots.push_back(fresh);
      found = slots.end() - 1;
    }
    ++found->count;
    found->sum = found->sum.value_or(0) + value;
    found->min = std::min(found->min.value_or(value), value);
    found->max = std::max(found->max.value_or(value), value);
    found->last = value;
    found->last_at = slot * 900 * 1000;
  }
  Insights run(const std::string& zone = "UTC") {
    for (auto& [id, slots] : m_slots) {
      std::sort(slots.begin(), slots.end(), [](const SlotAggregate& a, const SlotAggregate& b) {
        return a.slot != b.slot ? a.slot < b.slot : a.key < b.key;
      });
    }
    return insights(m_trackers, m_slots, Calendar(zone), kInsightNow);
  }

 private:
  std::vector<Tracker> m_trackers;
  std::map<std::int64_t, std::vector<SlotAggregate>> m_slots;
};

const InsightFinding* find_relationship(const std::vector<InsightFinding>& findings, std::int64_t first,
                                        std::int64_t second, int lag) {
  for (const auto& finding : findings) {
    if (finding.kind == InsightKind::relationship && finding.tracker_ids == std::vector<std::int64_t>{first, second} &&
        finding.lag == lag) {
      return &finding;
    }
  }
  return nullptr;
}

}  // namespace

TEST(Insights, FindsAMoodThatFollowsMeditationOnTheSameDayWithItsNumbers) {
  std::mt19937 random(7);
  std::normal_distribution<double> noise(0, 0.6);
  InsightData data;
  const auto meditate = insight_tracker(1, "Meditate", TrackerType::boolean);
  const auto mood = insight_tracker(2, "Mood", TrackerType::rating);
  data.add(meditate);
  data.add(mood);
  for (int day = 0; day < 60; ++day) {
    const bool yes = random() % 2 == 0;
    data.log(meditate, day, yes ? 1 : 0, 7);
    data.log(mood, day, std::clamp(std::round(3 + (yes ? 1.0 : 0.0) + noise(random)), 1.0, 5.0), 21);
  }
  const auto result = data.run();
  const auto* finding = find_relationship(result.findings, 1, 2, 0);
  ASSERT_NE(finding, nullptr);
  EXPECT_TRUE(finding->reliable);
  EXPECT_EQ(finding->test, InsightTest::difference_of_means);
  EXPECT_GT(finding->effect, 0.5);
  EXPECT_LT(*finding->ci_low, finding->effect);
  EXPECT_GT(*finding->ci_high, finding->effect);
  EXPECT_LE(finding->q_value, kInsightFalseDiscoveryRate);
  EXPECT_EQ(finding->n, 60);
  ASSERT_EQ(finding->groups.size(), 2u);
  EXPECT_EQ(finding->groups[0].label, "Yes");
  EXPECT_EQ(finding->groups[0].n + finding->groups[1].n, 60);
  EXPECT_EQ(finding->sentence.rfind("On days you logged Meditate as Yes, Mood averaged ", 0), 0u) << finding->sentence;
  EXPECT_NE(finding->sentence.find(" on other days ("), std::string::npos) << finding->sentence;
  // The strongest finding comes first.
  EXPECT_EQ(result.findings.front().key, finding->key);
  // Nothing said of the next day that the same day explains.
  EXPECT_EQ(find_relationship(result.findings, 1, 2, 1), nullptr);
}

TEST(Insights, FindsCoffeeLoweringTheNextNightsSleepWithTheRightLagAndSign) {
  std::mt19937 random(11);
  std::normal_distribution<double> noise(0, 0.5);
  std::uniform_int_distribution<int> cups(0, 5);
  InsightData data;
  auto coffee = insight_tracker(1, "Coffee", TrackerType::numeric);
  coffee.unit = "cups";
  coffee.target = Target{TargetOp::at_most, 3, Aggregate::sum, {}};
  auto sleep = insight_tracker(2, "Sleep", TrackerType::numeric);
  sleep.unit = "h";
  data.add(coffee);
  data.add(sleep);
  std::vector<int> drunk(91);
  for (int day = 90; day >= 0; --day) drunk[static_cast<std::size_t>(day)] = cups(random);
  for (int day = 89; day >= 0; --day) {
    data.log(coffee, day, drunk[static_cast<std::size_t>(day)], 14);
    // Sleep logged on day d is the night after day d − 1's coffee.
    data.log(sleep, day, 8.5 - 0.4 * drunk[static_cast<std::size_t>(day + 1)] + noise(random), 7);
  }
  const auto result = data.run();
  const auto* finding = find_relationship(result.findings, 1, 2, 1);
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->test, InsightTest::spearman);
  EXPECT_LT(finding->effect, -0.5);
  EXPECT_EQ(finding->strength, InsightStrength::strong);
  EXPECT_EQ(finding->groups.size(), 5u);
  EXPECT_GT(*finding->groups.front().mean, *finding->groups.back().mean);
  EXPECT_EQ(finding->sentence.rfind("After days with more Coffee, Sleep tends to be lower the next day: ", 0), 0u)
      << finding->sentence;
  EXPECT_EQ(find_relationship(result.findings, 1, 2, 0), nullptr);
  EXPECT_EQ(find_relationship(result.findings, 2, 1, 1), nullptr);
}

TEST(Insights, IndependentTrackersRarelyYieldAFindingOverManySeeds) {
  // 30 trackers of noise over 90 days: 435 pairs, 3 comparisons each, plus
  // rhythms and trends. Benjamini–Hochberg at 5 % keeps the chance of any
  // finding at most about 5 % when nothing is true.
  constexpr int kSeeds = 60;  // bench/insights measures 1,000
  int seeds_with_a_finding = 0;
  std::int64_t comparisons = 0;
  for (int seed = 0; seed < kSeeds; ++seed) {
    std::mt19937 random(static_cast<unsigned>(1000 + seed));
    std::normal_distribution<double> normal(50, 10);
    InsightData data;
    for (int id = 1; id <= 30; ++id) {
      const TrackerType type = id % 3 == 0   ? TrackerType::boolean
                               : id % 3 == 1 ? TrackerType::numeric
                                             : TrackerType::rating;
      const auto tracker = insight_tracker(id, "T" + std::to_string(id), type);
      data.add(tracker);
      for (int day = 0; day < 90; ++day) {
        if (type == TrackerType::boolean) {
          data.log(tracker, day, random() % 2);
        } else if (type == TrackerType::rating) {
          data.log(tracker, day, static_cast<double>(1 + random() % 5));
        } else {
          data.log(tracker, day, std::round(normal(random) * 10) / 10);
        }
      }
    }
    const auto result = data.run();
    comparisons = result.comparisons;
    if (!result.findings.empty()) ++seeds_with_a_finding;
  }
  const double rate = static_cast<double>(seeds_with_a_finding) / kSeeds;
  std::printf("[ figures  ] %d of %d seeds (%.1f%%) gave a finding; %lld comparisons per seed\n", seeds_with_a_finding,
              kSeeds, rate * 100, static_cast<long long>(comparisons));
  EXPECT_GT(comparisons, 435 * 3);
  EXPECT_LE(rate, 0.15);
}

TEST(Insights, FindsAWeekdayRhythmAndNamesTheDays) {
  std::mt19937 random(3);
  std::normal_distribution<double> noise(0, 0.4);
  InsightData data;
  const auto mood = insight_tracker(1, "Mood", TrackerType::rating);
  data.add(mood);
  // Day 0 is Sunday 2026-11-29; day 6 a Monday.
  for (int day = 0; day < 84; ++day) {
    const bool monday = day % 7 == 6;
    data.log(mood, day, std::clamp(std::round((monday ? 2.0 : 4.0) + noise(random)), 1.0, 5.0));
  }
  const auto result = data.run();
  const auto found = std::find_if(result.findings.begin(), result.findings.end(),
                                  [](const InsightFinding& f) { return f.kind == InsightKind::weekday; });
  ASSERT_NE(found, result.findings.end());
  EXPECT_EQ(found->test, InsightTest::kruskal_wallis);
  EXPECT_EQ(found->groups.size(), 7u);
  EXPECT_EQ(found->groups[0].label, "Mondays");
  EXPECT_NE(found->sentence.find("lowest on Mondays"), std::string::npos) << found->sentence;
  ASSERT_EQ(result.rhythms.size(), 1u);
  ASSERT_EQ(result.rhythms[0].weekday.size(), 7u);
  EXPECT_EQ(result.rhythms[0].weekday[0].n, 12);
  EXPECT_LT(*result.rhythms[0].weekday[0].mean, *result.rhythms[0].weekday[1].mean);
  EXPECT_TRUE(result.rhythms[0].hour.empty());  // logged at one time of day
}

TEST(Insights, SaysAWeightIsGoingDownOnlyWhenItIsBeyondTheNoise) {
  std::mt19937 random(5);
  std::normal_distribution<double> noise(0, 0.3);
  InsightData data;
  auto weight = insight_tracker(1, "Weight", TrackerType::numeric);
  weight.unit = "kg";
  weight.options.decimals = 1;
  auto steady = insight_tracker(2, "Resting pulse", TrackerType::numeric);
  data.add(weight);
  data.add(steady);
  for (int day = 0; day < 90; ++day) {
    data.log(weight, day, std::round((80 + 0.03 * day + noise(random)) * 10) / 10);  // 2.7 kg down to yesterday
    data.log(steady, day, std::round(60 + noise(random) * 10));
  }
  const auto result = data.run();
  const auto trend = [&](const std::vector<InsightFinding>& findings, std::int64_t id, int window) {
    return std::find_if(findings.begin(), findings.end(), [&](const InsightFinding& f) {
      return f.kind == InsightKind::trend && f.tracker_ids.front() == id && f.window_days == window;
    });
  };
  const auto down = trend(result.findings, 1, 90);
  ASSERT_NE(down, result.findings.end());
  EXPECT_LT(down->effect, 0);
  EXPECT_NEAR(*down->change, -0.03 * 88, 0.5);
  EXPECT_EQ(down->sentence.rfind("Weight has gone down over the last 90 days: -", 0), 0u) << down->sentence;
  EXPECT_NE(down->sentence.find(" kg on the fitted line, from "), std::string::npos) << down->sentence;
  EXPECT_EQ(trend(result.findings, 2, 90), result.findings.end());
  const auto flat = trend(result.not_reliable, 2, 90);
  if (flat != result.not_reliable.end()) {
    EXPECT_NE(flat->sentence.find("shows no clear change over the last 90 days"), std::string::npos);
  }
}

TEST(Insights, CountsAnUntickedHabitAsNoOnlyOnDaysSomethingElseWasLogged) {
  InsightData data;
  const auto gym = insight_tracker(1, "Gym", TrackerType::boolean);
  const auto mood = insight_tracker(2, "Mood", TrackerType::rating);
  data.add(gym);
  data.add(mood);
  // Gym ticked every third day over 60 days; mood logged on the first 45 days only.
  for (int day = 0; day < 60; ++day) {
    if (day % 3 == 0) data.log(gym, day, 1);
    if (day >= 15) data.log(mood, day, day % 3 == 0 ? 5 : 2);
  }
  const auto result = data.run();
  const auto* finding = find_relationship(result.findings, 1, 2, 0);
  ASSERT_NE(finding, nullptr);
  // Gym counts from its first tick (57 days ago) on. Mood was logged 15 to
  // 57 days ago on those days: 43 days, ticked on 15 (15, 18, … 57), so 28 no.
  EXPECT_EQ(finding->groups[0].n, 15);
  EXPECT_EQ(finding->groups[1].n, 28);
  // The yes rate per weekday counts unticked days used as no.
  const auto& rhythm = result.rhythms[0];
  std::int64_t days = 0;
  for (const auto& weekday : rhythm.weekday) days += weekday.n;
  // Those 43 days and the ticks 0, 3, 6, 9 and 12 days ago: 48 days.
  EXPECT_EQ(days, 48);
}

TEST(Insights, NeverComparesATrackerWithItselfItsChoicesOrTheSameDataTwice) {
  std::mt19937 random(9);
  InsightData data;
  const auto weather = insight_tracker(1, "Weather", TrackerType::choice);
  auto steps = insight_tracker(2, "Steps", TrackerType::numeric);
  auto steps_again = insight_tracker(3, "Steps (imported)", TrackerType::numeric);
  data.add(weather);
  data.add(steps);
  data.add(steps_again);
  for (int day = 0; day < 60; ++day) {
    const int choice = 1 + static_cast<int>(random() % 3);
    data.log(weather, day, choice);
    const double walked = 4000 + 3000 * (choice == 1) + static_cast<double>(random() % 2000);
    data.log(steps, day, walked);
    data.log(steps_again, day, walked);
  }
  const auto result = data.run();
  for (const auto* list : {&result.findings, &result.not_reliable}) {
    for (const auto& finding : *list) {
      if (finding.kind != InsightKind::relationship) continue;
      EXPECT_NE(finding.tracker_ids[0], finding.tracker_ids[1]) << finding.key;
      const bool steps_twice = (finding.tracker_ids[0] == 2 && finding.tracker_ids[1] == 3) ||
                               (finding.tracker_ids[0] == 3 && finding.tracker_ids[1] == 2);
      EXPECT_FALSE(steps_twice) << finding.key;
    }
  }
  // Sunny days: more steps, found for the choice.
  const auto sunny = std::find_if(result.findings.begin(), result.findings.end(), [](const InsightFinding& f) {
    return f.kind == InsightKind::relationship && f.choice_ids.size() == 2 && f.choice_ids[0] == 1 &&
           f.tracker_ids[1] == 2 && f.lag == 0;
  });
  ASSERT_NE(sunny, result.findings.end());
  EXPECT_EQ(sunny->sentence.rfind("On days you logged Weather as Sunny, Steps averaged ", 0), 0u) << sunny->sentence;
}

TEST(Insights, PairsOnlyTheSixtySeriesWithTheMostData) {
  InsightData data;
  std::mt19937 random(13);
  for (int id = 1; id <= 80; ++id) {
    const auto tracker = insight_tracker(id, "T" + std::to_string(id), TrackerType::numeric);
    data.add(tracker);
    for (int day = 0; day < 20 + id; ++day) data.log(tracker, day, static_cast<double>(random() % 100));
  }
  const auto result = data.run();
  // Each of the C(60, 2) pairs gives at most 3 comparisons; 80 trackers give 80 trend and weekday tests at most.
  EXPECT_LE(result.comparisons, 60 * 59 / 2 * 3 + 80 * 3);
  for (const auto* list : {&result.findings, &result.not_reliable}) {
    for (const auto& finding : *list) {
      if (finding.kind == InsightKind::relationship) {
        EXPECT_GT(finding.tracker_ids[0], 20);
        EXPECT_GT(finding.tracker_ids[1], 20);
      }
    }
  }
}

TEST(Insights, OfOneTrackerKeepsItsFindingsAndRhythmUnderTheSameCorrection) {
  std::mt19937 random(7);
  InsightData data;
  const auto meditate = insight_tracker(1, "Meditate", TrackerType::boolean);
  const auto mood = insight_tracker(2, "Mood", TrackerType::rating);
  const auto other = insight_tracker(3, "Water", TrackerType::numeric);
  data.add(meditate);
  data.add(mood);
  data.add(other);
  for (int day = 0; day < 60; ++day) {
    const bool yes = random() % 2 == 0;
    data.log(meditate, day, yes ? 1 : 0);
    data.log(mood, day, yes ? 4 + static_cast<double>(random() % 2) : 2 + static_cast<double>(random() % 2));
    data.log(other, day, static_cast<double>(random() % 10));
  }
  const auto all = data.run();
  const auto water = insights_of_tracker(all, 3);
  EXPECT_EQ(water.comparisons, all.comparisons);
  ASSERT_EQ(water.rhythms.size(), 1u);
  EXPECT_EQ(water.rhythms[0].tracker_id, 3);
  for (const auto& finding : water.findings) {
    EXPECT_NE(std::find(finding.tracker_ids.begin(), finding.tracker_ids.end(), 3), finding.tracker_ids.end());
  }
  const auto mood_only = insights_of_tracker(all, 2);
  ASSERT_FALSE(mood_only.findings.empty());
  EXPECT_EQ(mood_only.findings.front().key, all.findings.front().key);
}
