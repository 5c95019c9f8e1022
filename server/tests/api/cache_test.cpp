// The Redis cache of dashboards, statistics and log pages: per user, kept under
// the account's data version (which every write that affects it increments, in
// the database), and never needed — Redis may go away, and come back empty or
// with older data. Several servers on one database see each other's writes at
// once. Bounded: one entry per distinct query, and no entry for a body over 1 MiB.

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "redis/client.hpp"
#include "store/database.hpp"
#include "support/postgres_process.hpp"
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

namespace {

// The values of a tracker's logs, newest first, as the API lists them.
std::vector<int> cache_test_values(const qself::testing::Client& api, const std::string& path,
                                   const std::string& token) {
  const auto reply = api.get(path, token);
  EXPECT_EQ(reply.status, 200) << reply.raw;
  std::vector<int> values;
  for (const auto& item : reply.body["items"]) values.push_back(item["value"].get<int>());
  return values;
}

// The cache entries in Redis whose key contains `part`.
std::size_t cache_test_entries(const qself::testing::RedisProcess& redis, const std::string& part) {
  const std::string keys = redis.cli("--scan --pattern 'qself:cache:*" + part + "*'");
  return static_cast<std::size_t>(std::count(keys.begin(), keys.end(), '\n'));
}

}  // namespace

TEST_F(CacheTest, RedisRestartingEmptyNeverBringsBackAnOldCopy) {
  const std::string token = api.sign_up("ada@example.org");
  EXPECT_TRUE(dashboard(token)["items"].empty()) << "cached at version 0";
  const std::string logs = api.create_tracker({{"name", "Water"}, {"type", "numeric"}}, token) + "/logs";
  std::vector<int> stored;  // what SQLite holds, newest first
  EXPECT_EQ(cache_test_values(api, logs, token), stored) << "cached at version 1";
  for (int value = 1; value <= 3; ++value) {  // versions 2, 3 and 4, each page cached
    ASSERT_EQ(api.post(logs, {{"value", value}}, token).status, 201);
    stored.insert(stored.begin(), value);
    EXPECT_EQ(cache_test_values(api, logs, token), stored);
    EXPECT_EQ(cache_test_values(api, logs, token), stored);
  }

  redis->kill_hard();
  // While Redis is down, reads are computed, or come from this process's copy
  // of what was cached under the version SQLite holds now.
  ASSERT_EQ(api.post(logs, {{"value", 4}}, token).status, 201);
  stored.insert(stored.begin(), 4);
  EXPECT_EQ(cache_test_values(api, logs, token), stored);
  EXPECT_EQ(dashboard(token)["items"].size(), 1u);

  // Back, empty; this process still holds the pages it cached before.
  redis->start_again();
  EXPECT_EQ(dashboard(token)["items"].size(), 1u);
  EXPECT_EQ(cache_test_values(api, logs, token), stored);
  for (int value = 5; value <= 8; ++value) {
    ASSERT_EQ(api.post(logs, {{"value", value}}, token).status, 201);
    stored.insert(stored.begin(), value);
    EXPECT_EQ(cache_test_values(api, logs, token), stored) << "after the write of " << value;
    EXPECT_EQ(cache_test_values(api, logs, token), stored) << "cached after the write of " << value;
  }
  EXPECT_NE(cache_test_entries(*redis, ":logs:"), 0u) << "the cache works again";
}

TEST_F(CacheTest, AFlushedRedisNeverBringsBackAnOldCopy) {
  const std::string token = api.sign_up("ada@example.org");
  const std::string logs = api.create_tracker({{"name", "Water"}, {"type", "numeric"}}, token) + "/logs";
  std::vector<int> stored;
  EXPECT_EQ(cache_test_values(api, logs, token), stored);
  for (int value = 1; value <= 2; ++value) {
    ASSERT_EQ(api.post(logs, {{"value", value}}, token).status, 201);
    stored.insert(stored.begin(), value);
    EXPECT_EQ(cache_test_values(api, logs, token), stored);
  }
  redis->cli("FLUSHALL");  // the same Redis process, its data gone
  for (int value = 3; value <= 5; ++value) {
    ASSERT_EQ(api.post(logs, {{"value", value}}, token).status, 201);
    stored.insert(stored.begin(), value);
    EXPECT_EQ(cache_test_values(api, logs, token), stored) << "after the write of " << value;
  }
}

TEST_F(CacheTest, RedisComingBackWithOlderDataNeverBringsBackAnOldCopy) {
  const std::string token = api.sign_up("ada@example.org");
  const std::string logs = api.create_tracker({{"name", "Water"}, {"type", "numeric"}}, token) + "/logs";
  ASSERT_EQ(api.post(logs, {{"value", 1}}, token).status, 201);
  EXPECT_EQ(cache_test_values(api, logs, token), std::vector<int>{1});
  // What Redis holds now, as a snapshot or an AOF would keep it.
  qself::redis::Config config;
  config.port = redis->port();
  std::vector<std::pair<std::string, std::string>> snapshot;
  {
    qself::redis::Client client(config);
    for (const auto& key : client.command({"KEYS", "qself:cache:*"}).items) {
      snapshot.emplace_back(key.text, client.command({"GET", key.text}).text);
    }
  }
  ASSERT_FALSE(snapshot.empty());
  ASSERT_EQ(api.post(logs, {{"value", 2}}, token).status, 201);
  EXPECT_EQ(cache_test_values(api, logs, token), (std::vector<int>{2, 1}));

  // Redis restarts from persisted data that missed the last write, and a
  // second server, with no copy of its own, reads.
  redis->start_again();
  {
    qself::redis::Client client(config);
    for (const auto& [key, value] : snapshot) client.command({"SET", key, value});
  }
  qself::testing::ServerProcess second{dir.path(), {{"QSELF_REDIS_URL", redis->url()}}};
  const qself::testing::Client other{second.port()};
  EXPECT_EQ(cache_test_values(other, logs, token), (std::vector<int>{2, 1}));
  EXPECT_EQ(cache_test_values(api, logs, token), (std::vector<int>{2, 1}));
}

TEST_F(CacheTest, AWriteThroughOneServerIsSeenInTheNextReadThroughAnother) {
  qself::testing::ServerProcess second{dir.path(), {{"QSELF_REDIS_URL", redis->url()}}};
  const qself::testing::Client other{second.port()};
  const std::string token = api.sign_up("ada@example.org");
  const std::string logs = api.create_tracker({{"name", "Water"}, {"type", "numeric"}}, token) + "/logs";
  std::vector<int> stored;
  for (int value = 1; value <= 3; ++value) {
    EXPECT_EQ(cache_test_values(other, logs, token), stored);
    EXPECT_EQ(cache_test_values(other, logs, token), stored) << "cached by the second server";
    ASSERT_EQ(api.post(logs, {{"value", value}}, token).status, 201);  // written through the first
    stored.insert(stored.begin(), value);
    EXPECT_EQ(cache_test_values(other, logs, token), stored) << "after the write of " << value;
  }
  redis.reset();  // nothing shared but the database now
  for (int value = 4; value <= 5; ++value) {
    ASSERT_EQ(api.post(logs, {{"value", value}}, token).status, 201);
    stored.insert(stored.begin(), value);
    EXPECT_EQ(cache_test_values(other, logs, token), stored) << "after the write of " << value;
    EXPECT_EQ(cache_test_values(api, logs, token), stored);
  }
}

// SQLite gives a new account the id of the last one deleted; what any server
// still holds for the old account is never the new one's.
TEST_F(CacheTest, AnAccountGivenADeletedOnesIdNeverSeesItsAnswers) {
  qself::testing::ServerProcess second{dir.path(), {{"QSELF_REDIS_URL", redis->url()}}};
  const qself::testing::Client other{second.port()};
  const std::string ada = api.sign_up("ada@example.org");
  const int ada_id = api.get("me", ada).body["user"]["id"];
  api.create_tracker({{"name", "Ada's secret"}, {"type", "numeric"}}, ada);
  EXPECT_EQ(dashboard(ada)["items"][0]["name"], "Ada's secret");
  ASSERT_EQ(other.get("trackers", ada).body["items"][0]["name"], "Ada's secret") << "the second server keeps a copy";
  ASSERT_EQ(api.delete_account(ada).status, 204);
  if (qself::testing::test_backend() == qself::testing::Backend::postgresql) {
    // PostgreSQL's identity does not give an id out again by itself; a restored
    // or copied database can, so the test makes it.
    auto db = qself::store::open_database(qself::testing::test_database_url(dir.path()), 1);
    db->connect()->execute_script("ALTER TABLE users ALTER COLUMN id RESTART WITH " + std::to_string(ada_id));
  }

  const std::string bob = api.sign_up("bob@example.org");
  ASSERT_EQ(api.get("me", bob).body["user"]["id"], ada_id) << "the id is used again, as the test means";
  api.create_tracker({{"name", "Bob's"}, {"type", "numeric"}}, bob);  // as many writes as Ada made
  EXPECT_EQ(other.get("trackers", bob).body["items"][0]["name"], "Bob's");
  EXPECT_EQ(dashboard(bob)["items"][0]["name"], "Bob's");
}

TEST_F(CacheTest, EqualQueriesShareOneEntry) {
  const std::string token = api.sign_up("ada@example.org");
  const std::string water = api.create_tracker({{"name", "Water"}, {"type", "numeric"}}, token);
  ASSERT_EQ(api.post(water + "/logs", {{"value", 1}}, token).status, 201);
  for (const char* query : {"", "?limit=50", "?limit=050", "?limit=50&colour=red", "?colour=blue"}) {
    EXPECT_EQ(api.get(water + "/logs" + query, token).status, 200) << query;
  }
  EXPECT_EQ(cache_test_entries(*redis, ":logs:"), 1u) << "the default limit, written three ways, and unknown ones";

  for (const char* query :
       {"?from=2020-01-01T00:00:00Z", "?from=2020-01-01T01:00:00%2B01:00", "?from=2020-01-01T00:00:00.000Z&limit=50"}) {
    EXPECT_EQ(api.get(water + "/logs" + query, token).body["items"].size(), 1u) << query;
  }
  EXPECT_EQ(cache_test_entries(*redis, ":logs:"), 2u) << "one instant, written three ways";

  for (const char* query : {"?bucket=day&from=2020-01-01T00:00:00Z", "?from=2019-12-31T19:00:00-05:00&bucket=day"}) {
    EXPECT_EQ(api.get(water + "/stats" + query, token).status, 200) << query;
  }
  EXPECT_EQ(cache_test_entries(*redis, ":stats:"), 1u);
}

TEST_F(CacheTest, ABodyOverAMebibyteIsSentButNotCached) {
  const std::string token = api.sign_up("ada@example.org");
  const std::string logs = api.create_tracker({{"name", "Diary"}, {"type", "numeric"}}, token) + "/logs";
  const std::string note(10000, 'n');
  for (int i = 0; i < 110; ++i) {  // 110 notes of 10,000 characters: a page of them is over 1 MiB
    ASSERT_EQ(api.post(logs, {{"value", i}, {"note", note}}, token).status, 201);
  }
  for (int round = 0; round < 2; ++round) {
    const auto page = api.get(logs + "?limit=200", token);
    ASSERT_EQ(page.status, 200);
    EXPECT_GT(page.raw.size(), 1024u * 1024u);
    EXPECT_EQ(page.body["items"].size(), 110u);
  }
  EXPECT_EQ(cache_test_entries(*redis, ":logs:"), 0u);
  EXPECT_EQ(api.get(logs + "?limit=5", token).body["items"].size(), 5u);
  EXPECT_EQ(cache_test_entries(*redis, ":logs:"), 1u) << "a smaller page is cached";
}
