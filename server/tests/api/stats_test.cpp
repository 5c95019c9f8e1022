// Statistics and the dashboard summary, in the user's time zone, with the
// server's clock set to a fixed instant (Monday 2026-03-30 12:00 in Paris,
// the day after the spring daylight-saving change).

#include <gtest/gtest.h>

#include <chrono>

#include "support/server_process.hpp"
#include "support/test_clock.hpp"
#include "util/time.hpp"

using nlohmann::json;

namespace {

std::map<std::string, std::string> clock_at(const std::string& rfc3339) {
  return {{"QSELF_TEST_NOW", qself::testing::clock_at(rfc3339)}};
}

struct StatsTest : ::testing::Test {
  qself::testing::TempDir dir;
  qself::testing::ServerProcess process{dir.path(), clock_at("2026-03-30T12:00:00+02:00")};
  qself::testing::Client api{process.port()};
  std::string token = api.sign_up("ada@example.org", "Europe/Paris");

  std::string tracker(const json& fields, const std::vector<std::pair<json, std::string>>& logs) {
    const std::string path = api.create_tracker(fields, token);
    api.add_logs(path, logs, token);
    return path;
  }
};

const std::vector<std::pair<json, std::string>> kWater = {
    {3, "2026-03-28T10:00:00+01:00"},  // Saturday
    {2, "2026-03-29T23:30:00+02:00"},  // Sunday, the 23-hour day, late evening
    {1, "2026-03-30T08:00:00+02:00"},  // Monday, today
};

}  // namespace

TEST_F(StatsTest, TheDashboardSummarisesEachTrackerInOneRequest) {
  tracker({{"name", "Water"}, {"type", "numeric"}, {"target", {{"op", "at_least"}, {"value", 2}}}}, kWater);
  const auto reply = api.get("trackers", token);
  ASSERT_EQ(reply.status, 200) << reply.raw;
  const auto summary = reply.body["items"][0]["summary"];
  EXPECT_EQ(summary["last"]["value"], 1);
  EXPECT_EQ(summary["last"]["logged_at"], "2026-03-30T08:00:00+02:00");
  EXPECT_EQ(summary["period"]["start"], "2026-03-30T00:00:00+02:00");
  EXPECT_EQ(summary["period"]["end"], "2026-03-31T00:00:00+02:00");
  EXPECT_EQ(summary["period"]["count"], 1);
  EXPECT_EQ(summary["period"]["value"], 1.0);
  EXPECT_EQ(summary["period"]["done"], false);  // 1 of at least 2 glasses so far
  EXPECT_EQ(summary["current_streak"], 2);      // Saturday and Sunday; today is not over
  EXPECT_EQ(summary["best_streak"], 2);
  const auto trend = summary["trend"];
  ASSERT_EQ(trend.size(), 14u);
  EXPECT_EQ(trend[13]["start"], "2026-03-30T00:00:00+02:00");
  EXPECT_EQ(trend[12]["start"], "2026-03-29T00:00:00+01:00");
  EXPECT_EQ(trend[11]["value"], 3.0);
  EXPECT_EQ(trend[12]["value"], 2.0);
  EXPECT_EQ(trend[13]["value"], 1.0);
  EXPECT_TRUE(trend[10]["value"].is_null());
}

TEST_F(StatsTest, ATrackerWithoutLogsHasAnEmptySummary) {
  tracker({{"name", "Meditated"}, {"type", "boolean"}}, {});
  const auto summary = api.get("trackers", token).body["items"][0]["summary"];
  EXPECT_TRUE(summary["last"].is_null());
  EXPECT_EQ(summary["period"]["done"], false);
  EXPECT_EQ(summary["current_streak"], 0);
}

// Issue 11, point 4: an "at most" goal is not done, nor a streak, before any data.
TEST_F(StatsTest, AFreshAtMostTrackerIsNeitherDoneNorOnAStreak) {
  for (const char* frequency : {"hourly", "daily", "weekly", "monthly"}) {
    tracker({{"name", std::string("Coffee ") + frequency},
             {"type", "numeric"},
             {"frequency", frequency},
             {"target", {{"op", "at_most"}, {"value", 1}}}},
            {});
  }
  const auto reply = api.get("trackers", token);
  ASSERT_EQ(reply.status, 200) << reply.raw;
  for (const auto& item : reply.body["items"]) {
    EXPECT_EQ(item["summary"]["period"]["done"], false) << item["name"];
    EXPECT_EQ(item["summary"]["current_streak"], 0) << item["name"];
  }
}

TEST_F(StatsTest, AnAtMostLimitPassedTodayBreaksTheStreakAtOnce) {
  // At most 1 cup a day; logs since Saturday. Saturday 1 and Sunday 0 kept the
  // limit; today (Monday, 12:00) already holds 2.
  tracker({{"name", "Coffee"}, {"type", "numeric"}, {"target", {{"op", "at_most"}, {"value", 1}}}},
          {{1, "2026-03-28T09:00:00+01:00"}, {1, "2026-03-30T08:00:00+02:00"}, {1, "2026-03-30T10:00:00+02:00"}});
  const auto summary = api.get("trackers", token).body["items"][0]["summary"];
  EXPECT_EQ(summary["period"]["value"], 2.0);
  EXPECT_EQ(summary["period"]["done"], false);
  EXPECT_EQ(summary["current_streak"], 0);
  EXPECT_EQ(summary["best_streak"], 2);
}

TEST_F(StatsTest, WeeklyBucketsFollowLocalMondays) {
  const auto path =
      tracker({{"name", "Water"}, {"type", "numeric"}, {"target", {{"op", "at_least"}, {"value", 2}}}}, kWater);
  const auto reply =
      api.get(path + "/stats?bucket=week&from=2026-03-23T00:00:00%2B01:00&to=2026-04-06T00:00:00%2B02:00", token);
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body["bucket"], "week");
  const auto series = reply.body["series"];
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series[0]["start"], "2026-03-23T00:00:00+01:00");
  EXPECT_EQ(series[0]["count"], 2);
  EXPECT_EQ(series[0]["sum"], 5.0);
  EXPECT_EQ(series[0]["min"], 2.0);
  EXPECT_EQ(series[0]["max"], 3.0);
  EXPECT_EQ(series[0]["mean"], 2.5);
  EXPECT_EQ(series[1]["start"], "2026-03-30T00:00:00+02:00");
  EXPECT_EQ(series[1]["sum"], 1.0);
  const auto summary = reply.body["summary"];
  EXPECT_EQ(summary["count"], 3);
  EXPECT_EQ(summary["total"], 6.0);
  EXPECT_EQ(summary["mean"], 2.0);
  EXPECT_EQ(summary["min"], 1.0);
  EXPECT_EQ(summary["max"], 3.0);
  EXPECT_EQ(summary["current_streak"], 2);
  EXPECT_EQ(summary["best_streak"], 2);
  // Saturday and Sunday met the target; Monday is still under way.
  EXPECT_EQ(summary["target_hit_rate"], 1.0);
}

TEST_F(StatsTest, DailyBucketsSplitTheShortDayCorrectly) {
  const auto path = tracker({{"name", "Water"}, {"type", "numeric"}}, kWater);
  const auto reply =
      api.get(path + "/stats?bucket=day&from=2026-03-28T00:00:00%2B01:00&to=2026-03-31T00:00:00%2B02:00", token);
  ASSERT_EQ(reply.status, 200) << reply.raw;
  const auto series = reply.body["series"];
  ASSERT_EQ(series.size(), 3u);
  EXPECT_EQ(series[0]["start"], "2026-03-28T00:00:00+01:00");
  EXPECT_EQ(series[1]["start"], "2026-03-29T00:00:00+01:00");  // began in winter time
  EXPECT_EQ(series[1]["sum"], 2.0);
  EXPECT_EQ(series[2]["start"], "2026-03-30T00:00:00+02:00");
  EXPECT_TRUE(reply.body["summary"]["target_hit_rate"].is_null());
}

TEST_F(StatsTest, ChoiceBucketsCountEachLabel) {
  const auto path = tracker({{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"bad", "ok", "good"}}}}},
                            {{"ok", "2026-03-30T08:00:00+02:00"},
                             {"good", "2026-03-30T09:00:00+02:00"},
                             {"good", "2026-03-30T10:00:00+02:00"},
                             {"bad", "2026-03-27T10:00:00+01:00"}});
  const auto reply = api.get(path + "/stats?bucket=day", token);
  ASSERT_EQ(reply.status, 200) << reply.raw;
  const auto series = reply.body["series"];
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series[0]["counts"], json({{"bad", 1}, {"ok", 0}, {"good", 0}}));
  EXPECT_EQ(series[1]["counts"], json({{"bad", 0}, {"ok", 1}, {"good", 2}}));
  EXPECT_EQ(series[1]["value"], 3.0);  // a choice's period value is its number of logs
}

TEST_F(StatsTest, BooleanBucketsCountYesAndNo) {
  const auto path = tracker({{"name", "Meditated"}, {"type", "boolean"}},
                            {{true, "2026-03-30T07:00:00+02:00"}, {false, "2026-03-29T07:00:00+02:00"}});
  const auto reply = api.get(path + "/stats?bucket=day", token);
  const auto series = reply.body["series"];
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series[0]["counts"], json({{"yes", 0}, {"no", 1}}));
  EXPECT_EQ(series[1]["counts"], json({{"yes", 1}, {"no", 0}}));
  // A "no" does not make the day done: the streak is today's yes alone.
  EXPECT_EQ(reply.body["summary"]["current_streak"], 1);
}

TEST_F(StatsTest, RefusesBadParametersAndOtherUsersTrackers) {
  const auto path = tracker({{"name", "Water"}, {"type", "numeric"}}, kWater);
  EXPECT_EQ(api.get(path + "/stats?bucket=year", token).status, 400);
  EXPECT_EQ(api.get(path + "/stats?from=2026-03-30T00:00:00Z&to=2026-03-01T00:00:00Z", token).status, 400);
  EXPECT_EQ(api.get(path + "/stats?from=monday", token).status, 400);
  const std::string eve = api.sign_up("eve@example.org");
  EXPECT_EQ(api.get(path + "/stats", eve).status, 404);
  EXPECT_EQ(api.get("trackers/999999/stats", token).status, 404);
}

TEST_F(StatsTest, GroupsAtMostThirtyOneDaysByHour) {
  const auto path = tracker({{"name", "Water"}, {"type", "numeric"}}, kWater);
  const auto march =
      api.get(path + "/stats?bucket=hour&from=2026-03-01T00:00:00%2B01:00&to=2026-04-01T00:00:00%2B02:00", token);
  ASSERT_EQ(march.status, 200) << march.raw;
  EXPECT_EQ(march.body["series"].size(), 3u);
  EXPECT_EQ(api.get(path + "/stats?bucket=hour", token).status, 200) << "the default range, the last 30 days";

  const auto year =
      api.get(path + "/stats?bucket=hour&from=2025-03-31T00:00:00%2B02:00&to=2026-03-31T00:00:00%2B02:00", token);
  EXPECT_EQ(year.status, 422) << year.raw;
  EXPECT_EQ(year.error_code(), "validation_failed");
  EXPECT_EQ(year.field_error("bucket"), "hour covers at most 31 days; use day, week or month for a longer range");
  EXPECT_EQ(api.get(path + "/stats?bucket=hour&from=2026-02-27T00:00:00%2B01:00", token).status, 422)
      << "from 32 days ago up to the end of today, the default end";
  EXPECT_EQ(
      api.get(path + "/stats?bucket=day&from=2025-03-31T00:00:00%2B02:00&to=2026-03-31T00:00:00%2B02:00", token).status,
      200);

  // An hourly tracker's buckets are hours when none is asked for: the same bound holds.
  const auto coffee = tracker({{"name", "Coffee"}, {"type", "numeric"}, {"frequency", "hourly"}}, {});
  const auto hourly_year =
      api.get(coffee + "/stats?from=2025-03-31T00:00:00%2B02:00&to=2026-03-31T00:00:00%2B02:00", token);
  EXPECT_EQ(hourly_year.status, 422) << hourly_year.raw;
  EXPECT_EQ(hourly_year.field_error("bucket"),
            "hour covers at most 31 days; use day, week or month for a longer range");
  EXPECT_EQ(api.get(coffee + "/stats", token).status, 200) << "the default range, the last 30 days";
}
