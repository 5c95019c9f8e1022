// Insights through the API (GET /insights, GET /trackers/{id}/insights): data
// with a planted dependency is found with its sign and lag, independent noise
// gives no finding, a tracker's insights are its owner's alone, and a write
// is seen at once. The server's clock is pinned to Monday 2026-11-30 12:00 in
// Paris; every log is placed relative to it.

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "support/openapi_schema.hpp"
#include "support/postgres_process.hpp"
#include "support/server_process.hpp"
#include "support/test_clock.hpp"
#include "util/time.hpp"

using nlohmann::json;

namespace {

constexpr const char* kInsightsNow = "2026-11-30T12:00:00+01:00";

// "YYYY-MM-DDTHH:MM:00+01:00", `days_ago` full days before the pinned day.
std::string insight_day(int days_ago, int hour) {
  const auto day = qself::util::parse_rfc3339(kInsightsNow)->utc - std::chrono::hours{24 * (days_ago + 1)};
  std::string text = qself::util::format_rfc3339(day, 60).substr(0, 10);
  char time[32];
  std::snprintf(time, sizeof time, "T%02d:00:00+01:00", hour);
  return text + time;
}

struct InsightsTest : ::testing::Test {
  qself::testing::TempDir dir;
  qself::testing::ServerProcess process{dir.path(), {{"QSELF_TEST_NOW", qself::testing::clock_at(kInsightsNow)}}};
  qself::testing::Client api{process.port()};
  std::string ada = api.sign_up("ada@example.org", "Europe/Paris");

  static const qself::testing::OpenApiDocument& spec() {
    static const qself::testing::OpenApiDocument document(std::string(QSELF_SOURCE_DIR) + "/openapi.yaml");
    return document;
  }
  static void conforms(const std::string& route, const qself::testing::Reply& reply) {
    const auto problems = spec().check_response("GET", route, reply.status, reply.body);
    EXPECT_TRUE(problems.empty()) << route << ": " << qself::testing::join_problems(problems);
  }
  json insights(const std::string& token) {
    const auto reply = api.get("insights", token);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    conforms("/insights", reply);
    return reply.body;
  }
  static std::int64_t id_of(const std::string& path) { return std::stoll(path.substr(path.find('/') + 1)); }
  static const json* relationship(const json& findings, std::int64_t first, std::int64_t second, int lag) {
    for (const auto& finding : findings) {
      if (finding["kind"] == "relationship" && finding["tracker_ids"] == json::array({first, second}) &&
          finding["lag"] == lag) {
        return &finding;
      }
    }
    return nullptr;
  }
};

}  // namespace

TEST_F(InsightsTest, FindsAPlantedSameDayAndNextDayDependencyWithItsSignAndLag) {
  std::mt19937 random(21);
  std::normal_distribution<double> noise(0, 0.5);
  const auto meditate = api.create_tracker({{"name", "Meditate"}, {"type", "boolean"}}, ada);
  const auto mood = api.create_tracker({{"name", "Mood"}, {"type", "rating"}, {"options", {{"scale", 5}}}}, ada);
  const auto coffee = api.create_tracker({{"name", "Coffee"}, {"type", "numeric"}, {"unit", "cups"}}, ada);
  const auto sleep = api.create_tracker({{"name", "Sleep"},
                                         {"type", "numeric"},
                                         {"unit", "h"},
                                         {"target", {{"op", "at_least"}, {"value", 7}, {"aggregate", "average"}}}},
                                        ada);
  std::vector<std::pair<json, std::string>> meditated, moods, cups, nights;
  std::vector<int> drunk(61);
  for (auto& count : drunk) count = static_cast<int>(random() % 6);
  for (int day = 59; day >= 0; --day) {
    const bool yes = random() % 2 == 0;
    meditated.emplace_back(yes, insight_day(day, 7));
    moods.emplace_back(std::clamp(static_cast<int>(std::lround(3 + (yes ? 1.2 : 0) + noise(random))), 1, 5),
                       insight_day(day, 21));
    cups.emplace_back(drunk[static_cast<std::size_t>(day)], insight_day(day, 15));
    // The night logged on day d follows day d − 1's coffee.
    nights.emplace_back(std::round((8.5 - 0.45 * drunk[static_cast<std::size_t>(day + 1)] + noise(random)) * 4) / 4,
                        insight_day(day, 7));
  }
  api.add_logs(meditate, meditated, ada);
  api.add_logs(mood, moods, ada);
  api.add_logs(coffee, cups, ada);
  api.add_logs(sleep, nights, ada);

  const json body = insights(ada);
  EXPECT_EQ(body["from"], "2023-12-01T00:00:00+01:00");
  EXPECT_EQ(body["to"], "2026-12-01T00:00:00+01:00");
  EXPECT_EQ(body["false_discovery_rate"], 0.05);
  EXPECT_GT(body["comparisons"].get<int>(), 6 * 3);

  const json* same_day = relationship(body["findings"], id_of(meditate), id_of(mood), 0);
  ASSERT_NE(same_day, nullptr) << body.dump(2);
  EXPECT_TRUE((*same_day)["reliable"].get<bool>());
  EXPECT_EQ((*same_day)["test"], "difference_of_means");
  EXPECT_GT((*same_day)["effect"].get<double>(), 0.5);
  EXPECT_LE((*same_day)["q_value"].get<double>(), 0.05);
  EXPECT_EQ((*same_day)["n"], 60);
  EXPECT_EQ((*same_day)["groups"][0]["label"], "Yes");
  EXPECT_EQ((*same_day)["sentence"].get<std::string>().rfind("On days you logged Meditate as Yes, Mood averaged ", 0),
            0u)
      << (*same_day)["sentence"];

  const json* next_day = relationship(body["findings"], id_of(coffee), id_of(sleep), 1);
  ASSERT_NE(next_day, nullptr) << body.dump(2);
  EXPECT_EQ((*next_day)["test"], "spearman");
  EXPECT_LT((*next_day)["effect"].get<double>(), -0.4);
  EXPECT_LT((*next_day)["ci_high"].get<double>(), 0);
  EXPECT_EQ((*next_day)["sentence"].get<std::string>().rfind(
                "After days with more Coffee, Sleep tends to be lower the next day: ", 0),
            0u)
      << (*next_day)["sentence"];
  EXPECT_NE((*next_day)["sentence"].get<std::string>().find(" h after your top fifth of Coffee days"),
            std::string::npos);
  // Not the wrong lag, nor the wrong way round.
  EXPECT_EQ(relationship(body["findings"], id_of(coffee), id_of(sleep), 0), nullptr);
  EXPECT_EQ(relationship(body["findings"], id_of(sleep), id_of(coffee), 1), nullptr);

  // The tracker page's view: the same finding under the same correction.
  const auto reply = api.get(mood + "/insights", ada);
  ASSERT_EQ(reply.status, 200) << reply.raw;
  conforms("/trackers/{id}/insights", reply);
  EXPECT_EQ(reply.body["comparisons"], body["comparisons"]);
  ASSERT_NE(relationship(reply.body["findings"], id_of(meditate), id_of(mood), 0), nullptr);
  EXPECT_EQ(relationship(reply.body["findings"], id_of(coffee), id_of(sleep), 1), nullptr);
  ASSERT_EQ(reply.body["rhythms"].size(), 1u);
  EXPECT_EQ(reply.body["rhythms"][0]["tracker_id"], id_of(mood));
  EXPECT_EQ(reply.body["rhythms"][0]["weekday"].size(), 7u);
  EXPECT_EQ(reply.body["rhythms"][0]["last_at"], insight_day(0, 21));
}

TEST_F(InsightsTest, IndependentTrackersGiveNoFinding) {
  // 30 trackers of noise over 90 days, three fixed seeds (the data, and so the
  // answer, is the same on every run): nothing survives the correction.
  // core's spec measures the rate over many seeds. The 2,700 logs of each
  // account go in through `qself import` (a CSV file, as a user would bring
  // one), the insights come from the API.
  for (const unsigned seed : {1u, 2u, 3u}) {
    const std::string email = "seed" + std::to_string(seed) + "@example.org";
    const std::string token = api.sign_up(email, "Europe/Paris");
    std::mt19937 random(seed);
    std::normal_distribution<double> normal(50, 10);
    std::string csv = "tracker,type,unit,logged_at,value,note\r\n";
    for (int i = 0; i < 30; ++i) {
      const std::string type = i % 3 == 0 ? "boolean" : i % 3 == 1 ? "numeric" : "rating";
      for (int day = 89; day >= 0; --day) {
        const std::string value = type == "boolean"  ? (random() % 2 == 0 ? "yes" : "no")
                                  : type == "rating" ? std::to_string(1 + random() % 5)
                                                     : std::to_string(std::round(normal(random) * 10) / 10);
        csv += "Noise " + std::to_string(i) + "," + type + ",," + insight_day(day, 12) + "," + value + ",\r\n";
      }
    }
    const std::string file = dir.path() + "/noise.csv";
    std::ofstream(file, std::ios::binary) << csv;
    const auto [status, output] = qself::testing::run_command(
        "QSELF_DATABASE='" + qself::testing::test_database_url(dir.path()) + "' QSELF_DATA_DIR='" + dir.path() +
        "' QSELF_TEST_NOW='" + qself::testing::clock_at(kInsightsNow) + "' '" + QSELF_BINARY + "' import --user " +
        email + " '" + file + "' 2>/dev/null");
    ASSERT_EQ(status, 0) << output;
    ASSERT_NE(output.find("2700 logs"), std::string::npos) << output;

    const json body = insights(token);
    EXPECT_GT(body["comparisons"].get<int>(), 435 * 3) << "seed " << seed;
    EXPECT_TRUE(body["findings"].empty()) << "seed " << seed << ": " << body["findings"].dump(2);
    EXPECT_EQ(body["not_reliable"].size(), 20u) << "seed " << seed;
    for (const auto& finding : body["not_reliable"]) EXPECT_FALSE(finding["reliable"].get<bool>());
  }
}

TEST_F(InsightsTest, ATrackersInsightsAreItsOwnersAlone) {
  const auto water = api.create_tracker({{"name", "Water"}, {"type", "numeric"}}, ada);
  const std::string bob = api.sign_up("bob@example.org");
  EXPECT_EQ(api.get(water + "/insights", bob).status, 404);
  EXPECT_EQ(api.get("trackers/999999/insights", ada).status, 404);
  EXPECT_EQ(api.get("insights").status, 401);
  EXPECT_EQ(api.get(water + "/insights").status, 401);
  const json empty = insights(bob);
  EXPECT_TRUE(empty["findings"].empty());
  EXPECT_TRUE(empty["rhythms"].empty());
  EXPECT_EQ(empty["comparisons"], 0);
}

TEST_F(InsightsTest, ANewLogIsSeenAtOnceAndArchivedOrTextTrackersStayOut) {
  const auto gym = api.create_tracker({{"name", "Gym"}, {"type", "boolean"}}, ada);
  const auto energy = api.create_tracker({{"name", "Energy"}, {"type", "rating"}}, ada);
  const auto journal = api.create_tracker({{"name", "Journal"}, {"type", "text"}}, ada);
  std::vector<std::pair<json, std::string>> went, felt;
  for (int day = 29; day >= 1; --day) {
    const bool yes = day % 2 == 0;
    went.emplace_back(yes, insight_day(day, 18));
    felt.emplace_back(yes ? 4 + day % 3 / 2 : 2 - day % 3 / 2, insight_day(day, 21));
  }
  api.add_logs(gym, went, ada);
  api.add_logs(journal, {{"A good day", insight_day(3, 22)}}, ada);
  const json before = insights(ada);
  EXPECT_EQ(relationship(before["findings"], id_of(gym), id_of(energy), 0), nullptr);
  for (const auto& rhythm : before["rhythms"]) EXPECT_NE(rhythm["tracker_id"], id_of(journal));

  api.add_logs(energy, felt, ada);
  const json after = insights(ada);
  ASSERT_NE(relationship(after["findings"], id_of(gym), id_of(energy), 0), nullptr) << after.dump(2);

  ASSERT_EQ(api.patch(energy, {{"archived", true}}, ada).status, 200);
  const json archived = insights(ada);
  EXPECT_EQ(relationship(archived["findings"], id_of(gym), id_of(energy), 0), nullptr);
  for (const auto& rhythm : archived["rhythms"]) EXPECT_NE(rhythm["tracker_id"], id_of(energy));
}
