// HTTP caching (http/http_cache.hpp): ETags and gzip; and the cache of
// rendered bodies (http/cached.hpp).

#include "http/http_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "http/cached.hpp"

using namespace qself::http;

TEST(Etag, IsStableAndChangesWithTheBody) {
  EXPECT_EQ(etag_of("{\"a\":1}"), etag_of("{\"a\":1}"));
  EXPECT_NE(etag_of("{\"a\":1}"), etag_of("{\"a\":2}"));
  EXPECT_EQ(etag_of("").rfind("W/\"", 0), 0u);
}

TEST(Etag, MatchesAnyTagOfTheListWeakly) {
  const std::string tag = etag_of("body");
  EXPECT_TRUE(etag_matches(tag, tag));
  EXPECT_TRUE(etag_matches("\"x\", " + tag, tag));
  EXPECT_TRUE(etag_matches(tag.substr(2), tag)) << "a strong form of the same tag";
  EXPECT_TRUE(etag_matches("*", tag));
  EXPECT_FALSE(etag_matches("", tag));
  EXPECT_FALSE(etag_matches("W/\"0000000000000000\"", tag));
}

TEST(Gzip, IsAcceptedUnlessRefused) {
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("gzip;q=0.5"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("br"));
  EXPECT_FALSE(accepts_gzip(""));
}

TEST(Gzip, CompressesTextTypesOnly) {
  EXPECT_TRUE(is_compressible("application/json"));
  EXPECT_TRUE(is_compressible("text/html; charset=utf-8"));
  EXPECT_FALSE(is_compressible("image/png"));
  const std::string body(4000, 'a');
  const auto zipped = gzip(body, 1);
  EXPECT_LT(zipped.size(), 200u);
  EXPECT_EQ(static_cast<unsigned char>(zipped[0]), 0x1f);  // the gzip magic
  EXPECT_EQ(static_cast<unsigned char>(zipped[1]), 0x8b);
}

// The rendered bodies kept per user (http/cached.hpp): bounded in bytes, large
// bodies never kept, and concurrent misses of one key computed once.

namespace {

std::shared_ptr<const CachedBody> cached_body_of_size(std::size_t bytes, char fill = 'x') {
  auto body = std::make_shared<CachedBody>();
  body->body.assign(bytes, fill);
  body->etag = etag_of(body->body);
  return body;
}

// The entries kept in a map: what cached_json decides is under test, not
// where entries live.
class MapResponses final : public ResponseCache {
 public:
  std::shared_ptr<const CachedBody> get(std::int64_t user, std::int64_t version,
                                        const std::string& key) noexcept override {
    std::lock_guard lock(m_mutex);
    const auto found = m_entries.find(full_key(user, version, key));
    return found == m_entries.end() ? nullptr : found->second;
  }
  void put(std::int64_t user, std::int64_t version, const std::string& key,
           std::shared_ptr<const CachedBody> body) noexcept override {
    std::lock_guard lock(m_mutex);
    m_entries[full_key(user, version, key)] = std::move(body);
  }
  std::size_t entries() {
    std::lock_guard lock(m_mutex);
    return m_entries.size();
  }

 private:
  static std::string full_key(std::int64_t user, std::int64_t version, const std::string& key) {
    return std::to_string(user) + ":" + std::to_string(version) + ":" + key;
  }
  std::mutex m_mutex;
  std::map<std::string, std::shared_ptr<const CachedBody>> m_entries;
};

qself::core::User user_at(std::int64_t id, std::int64_t version) {
  qself::core::User user;
  user.id = id;
  user.data_version = version;
  return user;
}

// Spins until `ready` holds, for at most ten seconds: a broken single flight
// then fails its test instead of hanging it. Answers whether it held.
bool flight_test_await(const std::function<bool()>& ready) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!ready()) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::yield();
  }
  return true;
}

}  // namespace

TEST(BodyLru, StaysWithinItsBytesDroppingTheLeastRecentlyUsed) {
  BodyLru lru(1024 * 1024);
  const auto body = cached_body_of_size(50 * 1024);
  const std::size_t each = BodyLru::cost("k00", *body);
  lru.insert("k00", body);
  for (int i = 1; i < 100; ++i) {  // about five times the bound
    lru.insert("k" + std::to_string(i), body);
    ASSERT_NE(lru.find("k00"), nullptr) << "used after every insert, so never the least recent";
    EXPECT_LE(lru.bytes(), lru.max_bytes());
  }
  EXPECT_EQ(lru.size(), lru.max_bytes() / each);
  EXPECT_EQ(lru.bytes(), lru.size() * each);
  EXPECT_EQ(lru.find("k1"), nullptr) << "the least recently used went first";
  EXPECT_NE(lru.find("k99"), nullptr);

  lru.insert("k99", cached_body_of_size(10));  // a replacement counts once
  EXPECT_EQ(lru.find("k99")->body.size(), 10u);
  EXPECT_LE(lru.bytes(), lru.max_bytes());
  lru.erase_prefix("k9");
  EXPECT_EQ(lru.find("k99"), nullptr);
  EXPECT_NE(lru.find("k00"), nullptr);
  lru.clear();
  EXPECT_EQ(lru.bytes(), 0u);
}

TEST(BodyLru, CountsKeysBodiesTagsAndGzippedCopies) {
  auto body = std::make_shared<CachedBody>();
  body->body.assign(1000, 'b');
  body->etag = etag_of(body->body);
  const std::size_t plain = BodyLru::cost("key", *body);
  EXPECT_GE(plain, 3u + 1000u + body->etag.size());
  body->gzipped = std::make_shared<const std::string>(400, 'z');
  EXPECT_EQ(BodyLru::cost("key", *body), plain + 400);
}

TEST(BodyLru, NeverKeepsAnEntryLargerThanAQuarterOfItsBound) {
  BodyLru lru(1024 * 1024);
  lru.insert("small", cached_body_of_size(1000));
  lru.insert("large", cached_body_of_size(300 * 1024));
  EXPECT_EQ(lru.find("large"), nullptr);
  EXPECT_NE(lru.find("small"), nullptr) << "nothing was dropped to make room for it";
  EXPECT_EQ(lru.size(), 1u);
}

TEST(CachedJson, ABodyOverTheLimitIsSentButNeverCached) {
  MapResponses cache;
  const std::string large(kMaxCachedBody + 1, 'l');
  const auto sent = cached_json(cache, user_at(1, 1), "logs:big", [&] { return large; });
  EXPECT_EQ(sent.body, large);
  EXPECT_EQ(sent.gzipped, nullptr) << "compressed when sent, not kept";
  EXPECT_EQ(cache.entries(), 0u);

  const auto small = cached_json(cache, user_at(1, 1), "logs:small", [] { return std::string(kMaxCachedBody, 's'); });
  EXPECT_NE(small.gzipped, nullptr);
  EXPECT_EQ(cache.entries(), 1u) << "a body of exactly the limit is kept";
}

TEST(CachedJson, ServesAnEntryOnlyToItsAccountAtItsVersion) {
  MapResponses cache;
  int renders = 0;
  const auto render = [&] { return "{\"render\":" + std::to_string(++renders) + "}"; };
  EXPECT_EQ(cached_json(cache, user_at(1, 40), "dashboard", render).body, "{\"render\":1}");
  EXPECT_EQ(cached_json(cache, user_at(1, 40), "dashboard", render).body, "{\"render\":1}") << "kept";
  EXPECT_EQ(cached_json(cache, user_at(1, 41), "dashboard", render).body, "{\"render\":2}") << "a write since";
  EXPECT_EQ(cached_json(cache, user_at(2, 40), "dashboard", render).body, "{\"render\":3}") << "another account";
  EXPECT_EQ(cached_json(cache, user_at(1, 40), "logs", render).body, "{\"render\":4}") << "another key";
}

TEST(SingleFlight, ConcurrentMissesOfOneKeyComputeOnce) {
  MapResponses cache;
  constexpr int kReaders = 8;
  std::atomic<int> renders{0};
  std::vector<std::string> bodies(kReaders);
  std::vector<std::thread> readers;
  for (int i = 0; i < kReaders; ++i) {
    readers.emplace_back([&, i] {
      bodies[i] = cached_json(cache, user_at(7, 1), "dashboard", [&] {
                    ++renders;
                    // Finishes only once every other reader waits for it.
                    flight_test_await([&] { return cache.flights().waiting() == kReaders - 1; });
                    return std::string("{\"items\":[]}");
                  }).body;
    });
  }
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(renders, 1);
  for (const auto& body : bodies) EXPECT_EQ(body, "{\"items\":[]}");
  EXPECT_EQ(cache.flights().in_flight(), 0u);
  EXPECT_EQ(cache.flights().waiting(), 0u);
}

TEST(SingleFlight, DifferentKeysDoNotWaitForEachOther) {
  SingleFlight<int> flights(std::chrono::seconds(10));
  std::atomic<bool> b_done{false};
  std::thread a([&] {
    EXPECT_EQ(flights.run("a",
                          [&] {
                            EXPECT_TRUE(flight_test_await([&] { return b_done.load(); }));
                            return 1;
                          }),
              1);
  });
  ASSERT_TRUE(flight_test_await([&] { return flights.in_flight() == 1; }));
  EXPECT_EQ(flights.run("b", [] { return 2; }), 2);
  b_done = true;
  a.join();
}

TEST(SingleFlight, AThrowingComputationReleasesEveryWaiterWithItsError) {
  SingleFlight<int> flights(std::chrono::seconds(10));
  constexpr int kWaiters = 3;
  std::atomic<int> computes{0};
  std::atomic<int> errors{0};
  std::vector<std::thread> callers;
  for (int i = 0; i <= kWaiters; ++i) {
    callers.emplace_back([&] {
      try {
        flights.run("key", [&]() -> int {
          ++computes;
          flight_test_await([&] { return flights.waiting() == kWaiters; });
          throw std::runtime_error("no connection came free");
        });
      } catch (const std::runtime_error& error) {
        if (std::string(error.what()) == "no connection came free") ++errors;
      }
    });
  }
  for (auto& caller : callers) caller.join();
  EXPECT_EQ(computes, 1);
  EXPECT_EQ(errors, kWaiters + 1);
  EXPECT_EQ(flights.in_flight(), 0u);
  EXPECT_EQ(flights.run("key", [] { return 5; }), 5) << "the failed flight is gone";
}

TEST(SingleFlight, AWaiterGivesUpAfterItsBoundAndComputesItself) {
  SingleFlight<int> flights(std::chrono::milliseconds(20));
  std::atomic<bool> release{false};
  std::thread stuck([&] {
    EXPECT_EQ(flights.run("key",
                          [&] {
                            EXPECT_TRUE(flight_test_await([&] { return release.load(); }));
                            return 1;
                          }),
              1);
  });
  ASSERT_TRUE(flight_test_await([&] { return flights.in_flight() == 1; }));
  EXPECT_EQ(flights.run("key", [] { return 2; }), 2);
  release = true;
  stuck.join();
}
