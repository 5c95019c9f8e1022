// RedisUserCache (cache/redis_cache.hpp) against a real Redis: entries are
// shared through Redis and copied in-process, the copy keeps answering while
// Redis is away, deleting an account removes its entries, and a full Redis
// evicts cache entries and nothing else.

#include "cache/redis_cache.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "support/redis_process.hpp"

namespace {

std::shared_ptr<const qself::http::CachedBody> redis_cache_test_body(std::string text) {
  return qself::http::make_cached_body(std::move(text));
}

}  // namespace

TEST(RedisUserCache, SharesEntriesThroughRedisAndKeepsACopyThatOutlivesIt) {
  auto redis = std::make_unique<qself::testing::RedisProcess>();
  qself::redis::Config config;
  config.port = redis->port();
  qself::cache::RedisUserCache one(config, 1);
  qself::cache::RedisUserCache other(config, 1);  // another process, or another node
  EXPECT_TRUE(one.reachable());

  one.put(5, 900, "dashboard", redis_cache_test_body("{\"a\":1}"));
  const auto shared = other.get(5, 900, "dashboard");
  ASSERT_NE(shared, nullptr) << "found in Redis";
  EXPECT_EQ(shared->body, "{\"a\":1}");
  EXPECT_EQ(other.get(5, 901, "dashboard"), nullptr) << "another version";
  EXPECT_EQ(other.get(6, 900, "dashboard"), nullptr) << "another account";

  redis.reset();  // gone
  EXPECT_FALSE(one.reachable());
  ASSERT_NE(other.get(5, 900, "dashboard"), nullptr) << "its in-process copy still answers";
  EXPECT_EQ(other.get(5, 900, "dashboard")->body, "{\"a\":1}");
  EXPECT_EQ(other.get(5, 901, "dashboard"), nullptr);
}

TEST(RedisUserCache, ForgettingAnAccountRemovesItsEntriesHereAndInRedis) {
  qself::testing::RedisProcess redis;
  qself::redis::Config config;
  config.port = redis.port();
  qself::cache::RedisUserCache cache(config, 1);
  for (int page = 0; page < 3; ++page) cache.put(5, 900, "logs:" + std::to_string(page), redis_cache_test_body("[]"));
  cache.put(6, 900, "logs:0", redis_cache_test_body("[6]"));
  cache.forget(5);
  EXPECT_EQ(cache.get(5, 900, "logs:0"), nullptr);
  EXPECT_EQ(redis.cli("--scan --pattern 'qself:cache:5:*'"), "");
  ASSERT_NE(cache.get(6, 900, "logs:0"), nullptr) << "another account keeps its own";
}

// Redis runs with maxmemory and volatile-lru (scripts/run.sh, and here): only
// keys with an expiry can be evicted, and only cache entries have one — the
// job stream never goes.
TEST(RedisUserCache, AFullRedisEvictsCacheEntriesOnly) {
  qself::testing::RedisProcess redis("8mb");
  qself::redis::Config config;
  config.port = redis.port();
  qself::redis::Client client(config);
  for (int job = 1; job <= 2000; ++job) client.command({"XADD", "qself:jobs", "*", "job", std::to_string(job)});

  qself::cache::RedisUserCache cache(config, 1);
  for (int i = 0; i < 200; ++i) {  // 20 MB of entries into 8 MB
    auto body = std::make_shared<qself::http::CachedBody>();
    body->body.assign(100 * 1024, static_cast<char>('a' + i % 26));
    cache.put(1, 77, "page:" + std::to_string(i), body);
  }
  const auto info = client.command({"INFO", "stats"}).text;
  EXPECT_EQ(info.find("evicted_keys:0\r"), std::string::npos) << "entries were evicted";
  EXPECT_EQ(client.command({"XLEN", "qself:jobs"}).integer, 2000);
  EXPECT_FALSE(client.command({"GET", "qself:cache:1:77:page:199"}).is_nil()) << "the newest entry was written";
  EXPECT_GT(client.command({"TTL", "qself:cache:1:77:page:199"}).integer, 0);
}
