// The Redis cache of dashboards, statistics and log pages: per user, emptied
// by every write that affects it, and never needed — Redis may go away.

#include <gtest/gtest.h>

#include "support/redis_process.hpp"
#include "support/server_process.hpp"

using nlohmann::json;

namespace {

struct CacheTest : ::testing::Test {
  qself::testing::TempDir dir;
  std::unique_ptr<qself::testing::RedisProcess> redis = std::make_unique<qself::testing::RedisProcess>();
  qself::testing::ServerProcess server{dir.path(), {{"QSELF_REDIS_URL", redis->url()}}};
  qself::testing::Client api{server.port()};

  json dashboard(const std::string& token) { return api.get("trackers", token).body; }
};

}  // namespace

TEST_F(CacheTest, AWriteIsVisibleInTheVeryNextRead) {
  const std::string token = api.sign_up("ada@example.org");
  const std::string water = api.create_tracker({{"name", "Water"}, {"type", "numeric"}}, token);
  const std::string logs = water + "/logs";
  EXPECT_TRUE(dashboard(token)["items"][0]["summary"]["last"].is_null());
  EXPECT_TRUE(dashboard(token)["items"][0]["summary"]["last"].is_null()) << "now served from the cache";
  EXPECT_NE(redis->cli("DBSIZE"), "0\n") << "something was cached";
  EXPECT_EQ(api.get("health").body["checks"]["redis"], "ok");

  for (int value = 1; value <= 5; ++value) {
    ASSERT_EQ(api.post(logs, {{"value", value}}, token).status, 201);
    EXPECT_EQ(dashboard(token)["items"][0]["summary"]["last"]["value"], value);
    EXPECT_EQ(api.get(logs, token).body["items"][0]["value"], value);
    EXPECT_EQ(api.get(water + "/stats", token).body["summary"]["count"], value);
  }
  // Renames, deletes and time zone changes empty it too.
  ASSERT_EQ(api.patch(water, {{"name", "Agua"}}, token).status, 200);
  EXPECT_EQ(dashboard(token)["items"][0]["name"], "Agua");
  const int last = api.get(logs, token).body["items"][0]["id"];
  ASSERT_EQ(api.del(logs + "/" + std::to_string(last), token).status, 204);
  EXPECT_EQ(dashboard(token)["items"][0]["summary"]["last"]["value"], 4);
  ASSERT_EQ(api.patch("me", {{"timezone", "Asia/Tokyo"}}, token).status, 200);
  EXPECT_NE(dashboard(token)["items"][0]["summary"]["period"]["start"].get<std::string>().find("+09:00"),
            std::string::npos);
}

TEST_F(CacheTest, NeverServesOneUsersDataToAnother) {
  const std::string ada = api.sign_up("ada@example.org");
  const std::string bob = api.sign_up("bob@example.org");
  ASSERT_EQ(api.post("trackers", {{"name", "Ada's secret"}, {"type", "boolean"}}, ada).status, 201);
  ASSERT_EQ(api.post("trackers", {{"name", "Bob's"}, {"type", "boolean"}}, bob).status, 201);
  for (int round = 0; round < 3; ++round) {  // cold, then warm
    const auto adas = dashboard(ada)["items"];
    const auto bobs = dashboard(bob)["items"];
    ASSERT_EQ(adas.size(), 1u);
    ASSERT_EQ(bobs.size(), 1u);
    EXPECT_EQ(adas[0]["name"], "Ada's secret");
    EXPECT_EQ(bobs[0]["name"], "Bob's");
  }
}

TEST_F(CacheTest, RedisGoingAwayMidTestCausesNoErrors) {
  const std::string token = api.sign_up("ada@example.org");
  const std::string water = api.create_tracker({{"name", "Water"}, {"type", "numeric"}}, token);
  const std::string logs = water + "/logs";
  ASSERT_EQ(api.post(logs, {{"value", 1}}, token).status, 201);
  EXPECT_EQ(dashboard(token)["items"][0]["summary"]["last"]["value"], 1);

  redis.reset();  // Redis dies
  for (int value = 2; value <= 4; ++value) {
    const auto written = api.post(logs, {{"value", value}}, token);
    EXPECT_EQ(written.status, 201) << written.raw;
    const auto read = api.get("trackers", token);
    EXPECT_EQ(read.status, 200) << read.raw;
    EXPECT_EQ(read.body["items"][0]["summary"]["last"]["value"], value) << "uncached, and still right";
  }
  const auto stats = api.get(water + "/stats", token);
  EXPECT_EQ(stats.status, 200);
  EXPECT_EQ(stats.body["summary"]["count"], 4);
  const auto health = api.get("health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body["checks"]["redis"], "unavailable");
}
