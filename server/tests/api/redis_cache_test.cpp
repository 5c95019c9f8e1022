// RedisUserCache (cache/redis_cache.hpp) against a real Redis: an invalidation
// that could not be sent is sent later, and one that fails again on the retry
// neither is lost nor takes the ones queued after it with it; a full Redis
// evicts cache entries and nothing else.

#include "cache/redis_cache.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "support/redis_process.hpp"

TEST(RedisUserCache, ARetriedInvalidationThatFailsAgainKeepsItselfAndTheRestQueued) {
  qself::testing::RedisProcess redis;
  qself::redis::Config config;
  config.port = redis.port();
  qself::cache::RedisUserCache cache(config, 1);

  // A version counter that is not a number makes Redis refuse the INCR: a real
  // failure, for one user at a time.
  for (const char* user : {"1", "2", "3"}) redis.cli(std::string("SET qself:ver:") + user + " not-a-number");
  for (const std::int64_t user : {1, 2, 3}) cache.invalidate(user);  // all three queued to retry

  redis.cli("DEL qself:ver:1 qself:ver:3");
  EXPECT_EQ(cache.version(9), std::nullopt) << "the retry met user 2's refusal";
  EXPECT_EQ(redis.cli("GET qself:ver:1"), "1\n") << "sent before the refusal";

  redis.cli("DEL qself:ver:2");
  EXPECT_EQ(cache.version(9), 0) << "the retry went through";
  EXPECT_EQ(redis.cli("GET qself:ver:1"), "1\n") << "not sent twice";
  EXPECT_EQ(redis.cli("GET qself:ver:2"), "1\n") << "the refused one was kept";
  EXPECT_EQ(redis.cli("GET qself:ver:3"), "1\n") << "the one after it was kept";
}

// Redis runs with maxmemory and volatile-lru (scripts/run.sh, and here): only
// keys with an expiry can be evicted, and only cache entries have one — the
// job stream, the versions and the epoch never go.
TEST(RedisUserCache, AFullRedisEvictsCacheEntriesOnly) {
  qself::testing::RedisProcess redis("8mb");
  qself::redis::Config config;
  config.port = redis.port();
  qself::redis::Client client(config);
  for (int job = 1; job <= 2000; ++job) client.command({"XADD", "qself:jobs", "*", "job", std::to_string(job)});

  qself::cache::RedisUserCache cache(config, 1);
  cache.invalidate(1);
  const auto stamp = cache.stamp(1);
  ASSERT_TRUE(stamp.has_value());
  const std::string epoch = client.command({"GET", "qself:epoch"}).text;
  for (int i = 0; i < 200; ++i) {  // 20 MB of entries into 8 MB
    auto body = std::make_shared<qself::http::CachedBody>();
    body->body.assign(100 * 1024, static_cast<char>('a' + i % 26));
    cache.put(1, *stamp, "page:" + std::to_string(i), body);
  }
  const auto info = client.command({"INFO", "stats"}).text;
  EXPECT_EQ(info.find("evicted_keys:0\r"), std::string::npos) << "entries were evicted";
  EXPECT_EQ(client.command({"XLEN", "qself:jobs"}).integer, 2000);
  EXPECT_EQ(client.command({"GET", "qself:ver:1"}).text, "1");
  EXPECT_EQ(client.command({"GET", "qself:epoch"}).text, epoch);
  EXPECT_FALSE(client.command({"GET", "qself:cache:1:" + stamp->epoch + ":1:page:199"}).is_nil())
      << "the newest entry was written";
  EXPECT_GT(client.command({"TTL", "qself:cache:1:" + stamp->epoch + ":1:page:199"}).integer, 0);
}
