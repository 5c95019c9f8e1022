// /days/{date}: one local day of every tracker's logs, on the account's clock.

#include <gtest/gtest.h>

#include "support/openapi_schema.hpp"
#include "support/server_process.hpp"

using nlohmann::json;
using qself::testing::TestServer;

namespace {

struct DayTest : ::testing::Test {
  TestServer server;
  std::string ada = server.client.sign_up("ada@example.org", "Europe/Paris");

  static const qself::testing::OpenApiDocument& spec() {
    static const qself::testing::OpenApiDocument document(std::string(QSELF_SOURCE_DIR) + "/openapi.yaml");
    return document;
  }
  json day(const std::string& date, const std::string& token) {
    const auto reply = server.client.get("days/" + date, token);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    const auto problems = spec().check_response("GET", "/days/{date}", reply.status, reply.body);
    EXPECT_TRUE(problems.empty()) << qself::testing::join_problems(problems);
    return reply.body;
  }
  // "tracker name: value @ local time" of each log in the answer.
  static std::vector<std::string> lines(const json& body, const std::map<int, std::string>& names) {
    std::vector<std::string> out;
    for (const auto& log : body["logs"]) {
      out.push_back(names.at(log["tracker_id"].get<int>()) + ": " + log["value"].dump() + " @ " +
                    log["logged_at"].get<std::string>());
    }
    return out;
  }
  static int id_of(const std::string& path) { return std::stoi(path.substr(path.rfind('/') + 1)); }
};

}  // namespace

TEST_F(DayTest, EveryTrackersLogsOfThatLocalDayOldestFirst) {
  const auto water = server.client.create_tracker({{"name", "Water"}, {"type", "numeric"}}, ada);
  const auto mood = server.client.create_tracker({{"name", "Mood"}, {"type", "rating"}}, ada);
  const auto old = server.client.create_tracker({{"name", "Old"}, {"type", "boolean"}}, ada);
  server.client.add_logs(water,
                         {{1, "2026-11-29T23:59:00+01:00"},  // the day before, in Paris
                          {2, "2026-11-29T23:30:00Z"},       // 00:30 in Paris: this day
                          {3, "2026-11-30T12:00:00+01:00"},
                          {4, "2026-11-30T23:00:00Z"}},  // 00:00 the next day in Paris
                         ada);
  server.client.add_logs(mood, {{4, "2026-11-30T08:15:00+01:00"}}, ada);
  server.client.add_logs(old, {{true, "2026-11-30T20:00:00+01:00"}}, ada);
  ASSERT_EQ(server.client.patch(old, {{"archived", true}}, ada).status, 200);
  const std::map<int, std::string> names = {{id_of(water), "Water"}, {id_of(mood), "Mood"}, {id_of(old), "Old"}};

  const auto monday = day("2026-11-30", ada);
  EXPECT_EQ(lines(monday, names), (std::vector<std::string>{
                                      "Water: 2 @ 2026-11-29T23:30:00Z",  // each log keeps the offset it was given
                                      "Mood: 4 @ 2026-11-30T08:15:00+01:00", "Water: 3 @ 2026-11-30T12:00:00+01:00",
                                      "Old: true @ 2026-11-30T20:00:00+01:00",  // archived trackers' logs too
                                  }));
  EXPECT_EQ(monday["start"], "2026-11-30T00:00:00+01:00");
  EXPECT_EQ(monday["end"], "2026-12-01T00:00:00+01:00");
  EXPECT_EQ(monday["previous"], "2026-11-29");
  EXPECT_EQ(monday["next"], "2026-12-01");
  EXPECT_EQ(monday["truncated"], false);
  EXPECT_EQ(lines(day("2026-12-01", ada), names), (std::vector<std::string>{"Water: 4 @ 2026-11-30T23:00:00Z"}));

  // An edit shows at once (the answer is cached per account and a write drops it).
  const auto log_id = monday["logs"][2]["id"].get<int>();
  ASSERT_EQ(server.client.patch(water + "/logs/" + std::to_string(log_id), {{"value", 5}}, ada).status, 200);
  EXPECT_EQ(day("2026-11-30", ada)["logs"][2]["value"], 5);
}

TEST_F(DayTest, ADaylightSavingDayHasItsOwnLength) {
  // 2026-03-29 in Paris has 23 hours; 2026-10-25 has 25.
  const auto spring = day("2026-03-29", ada);
  EXPECT_EQ(spring["start"], "2026-03-29T00:00:00+01:00");
  EXPECT_EQ(spring["end"], "2026-03-30T00:00:00+02:00");
  const auto autumn = day("2026-10-25", ada);
  EXPECT_EQ(autumn["start"], "2026-10-25T00:00:00+02:00");
  EXPECT_EQ(autumn["end"], "2026-10-26T00:00:00+01:00");
}

TEST_F(DayTest, NoOneSeesAnotherAccountsDay) {
  const auto water = server.client.create_tracker({{"name", "Water"}, {"type", "numeric"}}, ada);
  server.client.add_logs(water, {{7, "2026-11-30T12:00:00+01:00"}}, ada);
  const auto eve = server.client.sign_up("eve@example.org", "Europe/Paris");
  EXPECT_TRUE(day("2026-11-30", eve)["logs"].empty());
  EXPECT_EQ(day("2026-11-30", ada)["logs"].size(), 1u);
  EXPECT_EQ(server.client.get("days/2026-11-30", "").status, 401);
}

TEST_F(DayTest, ADateThatIsNotADayIsRefused) {
  for (const std::string bad :
       {"2026-02-30", "2026-13-01", "2026-1-05", "20261205", "1969-12-31", "2026-12-05x", "today", "2026-12-0%C2%B9"}) {
    const auto reply = server.client.get("days/" + bad, ada);
    EXPECT_EQ(reply.status, 400) << bad << " " << reply.raw;
    EXPECT_NE(reply.raw.find("YYYY-MM-DD"), std::string::npos) << bad;
  }
  EXPECT_EQ(server.client.get("days/2028-02-29", ada).status, 200) << "a leap day";
}
