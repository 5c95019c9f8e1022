#pragma once
// The rendered bodies kept under each account's data version (http/cached.hpp),
// shared by every server process through Redis, with an in-process copy in
// front of it bounded in bytes.
//
// The version comes from the database with the caller (core::User::data_version)
// and is incremented in the transaction of every write that changes the
// account's answers (services/user_cache.hpp), so an entry is never stale for
// its version and Redis holds nothing that decides what is current. Whatever
// Redis goes through — unreachable, restarted empty, flushed, back with older
// data — at worst an entry is missing and the answer is computed again; the
// in-process copy stays right throughout.
//
// Keys: qself:cache:<user id>:<version>:<key>, each written with an expiry
// (EX), so a Redis running with maxmemory-policy volatile-lru evicts entries
// and never the job stream.

#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#include "http/cached.hpp"
#include "redis/client.hpp"
#include "services/user_cache.hpp"

namespace qself::cache {

// How long an entry is kept in Redis.
inline constexpr int kEntryTtlSeconds = 600;

class RedisUserCache final : public services::UserCache, public http::ResponseCache {
 public:
  // Keeps `connections` Redis connections ready and at most `local_bytes` of
  // bodies in this process (http::BodyLru::cost).
  RedisUserCache(redis::Config config, int connections, std::size_t local_bytes = http::kLocalCacheBytes);
  ~RedisUserCache() override;

  bool reachable() noexcept override;
  std::shared_ptr<const http::CachedBody> get(std::int64_t user_id, std::int64_t version,
                                              const std::string& key) noexcept override;
  void put(std::int64_t user_id, std::int64_t version, const std::string& key,
           std::shared_ptr<const http::CachedBody> body) noexcept override;
  void forget(std::int64_t user_id) noexcept override;

  // The in-process copy (for tests and measurements).
  const http::BodyLru& local() const { return m_local; }

 private:
  class Lease;
  std::unique_ptr<redis::Client> take();
  void give_back(std::unique_ptr<redis::Client> connection);

  redis::Config m_config;
  std::mutex m_pool_mutex;
  std::vector<std::unique_ptr<redis::Client>> m_idle;

  http::BodyLru m_local;
};

}  // namespace qself::cache
