#pragma once
// The user cache (services/user_cache.hpp) and the rendered bodies kept under
// its versions (http/cached.hpp), shared by every server process through
// Redis, with an in-process copy in front of it bounded in bytes.
//
// Each user has a version counter in Redis (qself:ver:<id>); a write increments
// it. Entries are stored under the version they were computed at, so an entry
// computed from data older than the latest write is never read again — even one
// finished after the write. When Redis is unreachable the cache answers "no
// version" and callers compute; invalidations that failed are retried first
// thing once Redis answers again, and entries expire after ten minutes anyway.
//
// Version numbers start again at 0 when Redis loses its data (a restart without
// persistence, a flush) or goes back to older data (a restart that replays a
// snapshot or an AOF missing its last second). So every entry, here and in
// Redis, is also stamped with an epoch that never repeats: the run_id of the
// Redis process (new at every start) and a random id kept in qself:epoch (made
// anew, SET NX, whenever that key is missing). An entry of another epoch is
// never read.
//
// Keys: qself:epoch and qself:ver:<id> have no expiry, so a Redis running with
// maxmemory-policy volatile-lru never evicts them; every entry,
// qself:cache:<id>:<epoch>:<version>:<key>, is written with one (EX).

#include <cstddef>
#include <mutex>
#include <set>
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

  std::optional<std::int64_t> version(std::int64_t user_id) noexcept override;
  std::optional<http::CacheStamp> stamp(std::int64_t user_id) noexcept override;
  std::shared_ptr<const http::CachedBody> get(std::int64_t user_id, const http::CacheStamp& stamp,
                                              const std::string& key) noexcept override;
  void put(std::int64_t user_id, const http::CacheStamp& stamp, const std::string& key,
           std::shared_ptr<const http::CachedBody> body) noexcept override;
  void invalidate(std::int64_t user_id) noexcept override;
  void forget(std::int64_t user_id) noexcept override;

  // The in-process copy (for tests and measurements).
  const http::BodyLru& local() const { return m_local; }

 private:
  struct Connection;
  class Lease;
  std::unique_ptr<Connection> take();
  void give_back(std::unique_ptr<Connection> connection);
  // Sends the invalidations that failed earlier. Throws redis::Error when one
  // fails; that one and the ones not sent yet are kept for the next call.
  void retry_pending_invalidations(redis::Client& redis);
  // The epoch of the Redis process `connection` talks to. Throws redis::Error.
  std::string epoch(Connection& connection);

  redis::Config m_config;
  std::mutex m_pool_mutex;
  std::vector<std::unique_ptr<Connection>> m_idle;
  std::set<std::int64_t> m_unsent_invalidations;  // guarded by m_pool_mutex
  std::string m_last_epoch;                       // guarded by m_pool_mutex

  http::BodyLru m_local;
};

}  // namespace qself::cache
