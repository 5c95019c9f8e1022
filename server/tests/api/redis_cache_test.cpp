// RedisUserCache (cache/redis_cache.hpp) against a real Redis: an invalidation
// that could not be sent is sent later, and one that fails again on the retry
// neither is lost nor takes the ones queued after it with it.

#include "cache/redis_cache.hpp"

#include <gtest/gtest.h>

#include "support/redis_process.hpp"

TEST(RedisUserCache, ARetriedInvalidationThatFailsAgainKeepsItselfAndTheRestQueued) {
  qself::testing::RedisProcess redis;
  qself::redis::Config config;
  config.port = redis.port();
  qself::cache::RedisUserCache cache(config, 1, 16);

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
