#include "cache/redis_cache.hpp"

#include "util/metrics.hpp"

namespace qself::cache {
namespace {

const std::string kEntryTtl = std::to_string(kEntryTtlSeconds);

std::string user_prefix(std::int64_t user_id) { return "qself:cache:" + std::to_string(user_id) + ":"; }
std::string entry_key(std::int64_t user_id, std::int64_t version, const std::string& key) {
  return user_prefix(user_id) + std::to_string(version) + ":" + key;
}

}  // namespace

// A pooled connection, returned when done — dropped instead after an error.
class RedisUserCache::Lease {
 public:
  explicit Lease(RedisUserCache& owner) : m_owner(owner), m_connection(owner.take()) {}
  ~Lease() {
    if (m_connection && m_healthy) m_owner.give_back(std::move(m_connection));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  redis::Client& operator*() { return *m_connection; }
  void broken() { m_healthy = false; }

 private:
  RedisUserCache& m_owner;
  std::unique_ptr<redis::Client> m_connection;
  bool m_healthy = true;
};

RedisUserCache::RedisUserCache(redis::Config config, int connections, std::size_t local_bytes)
    : m_config(std::move(config)), m_local(local_bytes) {
  m_config.timeout = std::chrono::milliseconds{200};  // a slow cache is worse than none
  for (int i = 0; i < connections; ++i) m_idle.push_back(std::make_unique<redis::Client>(m_config));
}

RedisUserCache::~RedisUserCache() = default;

std::unique_ptr<redis::Client> RedisUserCache::take() {
  std::lock_guard lock(m_pool_mutex);
  if (m_idle.empty()) return std::make_unique<redis::Client>(m_config);
  auto connection = std::move(m_idle.back());
  m_idle.pop_back();
  return connection;
}

void RedisUserCache::give_back(std::unique_ptr<redis::Client> connection) {
  std::lock_guard lock(m_pool_mutex);
  if (m_idle.size() < 32) m_idle.push_back(std::move(connection));
}

bool RedisUserCache::reachable() noexcept {
  Lease redis(*this);
  try {
    return (*redis).command({"PING"}).text == "PONG";
  } catch (...) {
    redis.broken();
    return false;
  }
}

std::shared_ptr<const http::CachedBody> RedisUserCache::get(std::int64_t user_id, std::int64_t version,
                                                            const std::string& key) noexcept {
  const std::string full_key = entry_key(user_id, version, key);
  if (auto body = m_local.find(full_key)) {
    util::metrics().cache_local_hits.add();
    return body;
  }
  Lease redis(*this);
  try {
    const auto reply = (*redis).command({"GET", full_key});
    if (reply.is_nil()) {
      util::metrics().cache_misses.add();
      return nullptr;
    }
    auto body = http::make_cached_body(reply.text);
    if (body->body.size() <= http::kMaxCachedBody) m_local.insert(full_key, body);
    util::metrics().cache_redis_hits.add();
    return body;
  } catch (...) {
    redis.broken();
    util::metrics().cache_misses.add();  // Redis down or slow: computed again, as on a miss
    return nullptr;
  }
}

void RedisUserCache::put(std::int64_t user_id, std::int64_t version, const std::string& key,
                         std::shared_ptr<const http::CachedBody> body) noexcept {
  if (body->body.size() > http::kMaxCachedBody) return;
  const std::string full_key = entry_key(user_id, version, key);
  m_local.insert(full_key, body);
  Lease redis(*this);
  try {
    (*redis).command({"SET", full_key, body->body, "EX", kEntryTtl});
  } catch (...) {
    redis.broken();
  }
}

void RedisUserCache::forget(std::int64_t user_id) noexcept {
  const std::string prefix = user_prefix(user_id);
  m_local.erase_prefix(prefix);
  Lease redis(*this);
  try {
    std::string cursor = "0";
    do {
      const auto reply = (*redis).command({"SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000"});
      cursor = reply.items.at(0).text;
      for (const auto& key : reply.items.at(1).items) (*redis).command({"DEL", key.text});
    } while (cursor != "0");
  } catch (...) {
    redis.broken();  // what is left expires within ten minutes, under versions nobody reads
  }
}

}  // namespace qself::cache
