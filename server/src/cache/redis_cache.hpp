#pragma once
// The user cache (services/user_cache.hpp) and the rendered bodies kept under
// its versions (http/cached.hpp), shared by every server process through
// Redis, with a small in-process copy in front of it.
//
// Each user has a version counter in Redis (qself:ver:<id>); a write increments
// it. Entries are stored under the version they were computed at, so an entry
// computed from data older than the latest write is never read again — even one
// finished after the write. When Redis is unreachable the cache answers "no
// version" and callers compute; invalidations that failed are retried first
// thing once Redis answers again, and entries expire after ten minutes anyway.

#include <list>
#include <mutex>
#include <set>
#include <unordered_map>
#include <vector>

#include "http/cached.hpp"
#include "redis/client.hpp"
#include "services/user_cache.hpp"

namespace qself::cache {

class RedisUserCache final : public services::UserCache, public http::ResponseCache {
 public:
  RedisUserCache(redis::Config config, int connections, std::size_t local_entries);
  ~RedisUserCache() override;

  std::optional<std::int64_t> version(std::int64_t user_id) noexcept override;
  std::shared_ptr<const http::CachedBody> get(std::int64_t user_id, std::int64_t version,
                                              const std::string& key) noexcept override;
  void put(std::int64_t user_id, std::int64_t version, const std::string& key,
           std::shared_ptr<const http::CachedBody> body) noexcept override;
  void invalidate(std::int64_t user_id) noexcept override;
  void forget(std::int64_t user_id) noexcept override;

 private:
  class Lease;
  std::unique_ptr<redis::Client> take();
  void give_back(std::unique_ptr<redis::Client> redis);
  // Sends the invalidations that failed earlier. Throws redis::Error when one
  // fails; that one and the ones not sent yet are kept for the next call.
  void retry_pending_invalidations(redis::Client& redis);
  void remember_locally(const std::string& key, std::shared_ptr<const http::CachedBody> body);

  redis::Config m_config;
  std::mutex m_pool_mutex;
  std::vector<std::unique_ptr<redis::Client>> m_idle;
  std::set<std::int64_t> m_unsent_invalidations;  // guarded by m_pool_mutex

  // A small LRU of bodies already fetched or computed here, by full key.
  std::mutex m_local_mutex;
  std::size_t m_local_capacity;
  std::list<std::pair<std::string, std::shared_ptr<const http::CachedBody>>> m_order;
  std::unordered_map<std::string, decltype(m_order)::iterator> m_local;
};

}  // namespace qself::cache
