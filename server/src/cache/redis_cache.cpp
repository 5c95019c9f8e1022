#include "cache/redis_cache.hpp"

namespace qself::cache {
namespace {

constexpr const char* kTtlSeconds = "600";

std::string version_key(std::int64_t user_id) { return "qself:ver:" + std::to_string(user_id); }
std::string entry_key(std::int64_t user_id, std::int64_t version, const std::string& key) {
  return "qself:cache:" + std::to_string(user_id) + ":" + std::to_string(version) + ":" + key;
}

}  // namespace

// A pooled connection, returned when done — dropped instead after an error.
class RedisUserCache::Lease {
 public:
  explicit Lease(RedisUserCache& owner) : m_owner(owner), m_redis(owner.take()) {}
  ~Lease() {
    if (m_redis && m_healthy) m_owner.give_back(std::move(m_redis));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  redis::Client& operator*() { return *m_redis; }
  void broken() { m_healthy = false; }

 private:
  RedisUserCache& m_owner;
  std::unique_ptr<redis::Client> m_redis;
  bool m_healthy = true;
};

RedisUserCache::RedisUserCache(redis::Config config, int connections, std::size_t local_entries)
    : m_config(std::move(config)), m_local_capacity(local_entries) {
  m_config.timeout = std::chrono::milliseconds{200};  // a slow cache is worse than none
  for (int i = 0; i < connections; ++i) m_idle.push_back(std::make_unique<redis::Client>(m_config));
}

RedisUserCache::~RedisUserCache() = default;

std::unique_ptr<redis::Client> RedisUserCache::take() {
  std::lock_guard lock(m_pool_mutex);
  if (m_idle.empty()) return std::make_unique<redis::Client>(m_config);
  auto redis = std::move(m_idle.back());
  m_idle.pop_back();
  return redis;
}

void RedisUserCache::give_back(std::unique_ptr<redis::Client> redis) {
  std::lock_guard lock(m_pool_mutex);
  if (m_idle.size() < 32) m_idle.push_back(std::move(redis));
}

void RedisUserCache::retry_pending_invalidations(redis::Client& redis) {
  std::set<std::int64_t> pending;
  {
    std::lock_guard lock(m_pool_mutex);
    if (m_unsent_invalidations.empty()) return;
    pending.swap(m_unsent_invalidations);
  }
  for (auto next = pending.begin(); next != pending.end(); ++next) {
    try {
      redis.command({"INCR", version_key(*next)});
    } catch (...) {
      // This one (it may or may not have counted: one more INCR is harmless)
      // and all after it go back, to be sent once Redis answers again.
      std::lock_guard lock(m_pool_mutex);
      m_unsent_invalidations.insert(next, pending.end());
      throw;
    }
  }
}

std::optional<std::int64_t> RedisUserCache::version(std::int64_t user_id) noexcept {
  Lease redis(*this);
  try {
    retry_pending_invalidations(*redis);
    const auto reply = (*redis).command({"GET", version_key(user_id)});
    return reply.is_nil() ? 0 : std::stoll(reply.text);
  } catch (...) {
    redis.broken();
    return std::nullopt;
  }
}

std::shared_ptr<const http::CachedBody> RedisUserCache::get(std::int64_t user_id, std::int64_t version,
                                                            const std::string& key) noexcept {
  const std::string full_key = entry_key(user_id, version, key);
  {
    std::lock_guard lock(m_local_mutex);
    if (const auto found = m_local.find(full_key); found != m_local.end()) {
      m_order.splice(m_order.begin(), m_order, found->second);
      return found->second->second;
    }
  }
  Lease redis(*this);
  try {
    const auto reply = (*redis).command({"GET", full_key});
    if (reply.is_nil()) return nullptr;
    auto body = http::make_cached_body(reply.text);
    remember_locally(full_key, body);
    return body;
  } catch (...) {
    redis.broken();
    return nullptr;
  }
}

void RedisUserCache::put(std::int64_t user_id, std::int64_t version, const std::string& key,
                         std::shared_ptr<const http::CachedBody> body) noexcept {
  const std::string full_key = entry_key(user_id, version, key);
  remember_locally(full_key, body);
  Lease redis(*this);
  try {
    (*redis).command({"SET", full_key, body->body, "EX", kTtlSeconds});
  } catch (...) {
    redis.broken();
  }
}

void RedisUserCache::invalidate(std::int64_t user_id) noexcept {
  Lease redis(*this);
  try {
    (*redis).command({"INCR", version_key(user_id)});
  } catch (...) {
    redis.broken();
    std::lock_guard lock(m_pool_mutex);
    m_unsent_invalidations.insert(user_id);
  }
}

void RedisUserCache::forget(std::int64_t user_id) noexcept {
  invalidate(user_id);  // first, so that nothing cached before is read again even if the rest fails
  const std::string prefix = "qself:cache:" + std::to_string(user_id) + ":";
  {
    std::lock_guard lock(m_local_mutex);
    for (auto it = m_order.begin(); it != m_order.end();) {
      if (it->first.starts_with(prefix)) {
        m_local.erase(it->first);
        it = m_order.erase(it);
      } else {
        ++it;
      }
    }
  }
  Lease redis(*this);
  try {
    std::string cursor = "0";
    do {
      const auto reply = (*redis).command({"SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000"});
      cursor = reply.items.at(0).text;
      for (const auto& key : reply.items.at(1).items) (*redis).command({"DEL", key.text});
    } while (cursor != "0");
    // The version counter stays: ids can be reused, and a new account must never
    // meet an entry written late under an old version.
  } catch (...) {
    redis.broken();  // what is left expires within ten minutes, under a version nobody reads
  }
}

void RedisUserCache::remember_locally(const std::string& key, std::shared_ptr<const http::CachedBody> body) {
  std::lock_guard lock(m_local_mutex);
  if (const auto found = m_local.find(key); found != m_local.end()) {
    m_order.erase(found->second);
    m_local.erase(found);
  }
  m_order.emplace_front(key, std::move(body));
  m_local[key] = m_order.begin();
  while (m_order.size() > m_local_capacity) {
    m_local.erase(m_order.back().first);
    m_order.pop_back();
  }
}

}  // namespace qself::cache
