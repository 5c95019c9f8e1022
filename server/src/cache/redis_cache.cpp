#include "cache/redis_cache.hpp"

#include "util/crypto.hpp"

namespace qself::cache {
namespace {

constexpr const char* kEpochKey = "qself:epoch";
const std::string kEntryTtl = std::to_string(kEntryTtlSeconds);

std::string version_key(std::int64_t user_id) { return "qself:ver:" + std::to_string(user_id); }
std::string user_prefix(std::int64_t user_id) { return "qself:cache:" + std::to_string(user_id) + ":"; }
std::string entry_key(std::int64_t user_id, const http::CacheStamp& stamp, const std::string& key) {
  return user_prefix(user_id) + stamp.epoch + ":" + std::to_string(stamp.version) + ":" + key;
}

// The run_id line of INFO server: 40 hex digits, new each time Redis starts.
std::string run_id_of(const std::string& info) {
  constexpr std::string_view kField = "run_id:";
  const auto at = info.find(kField);
  if (at == std::string::npos) throw redis::Error("Redis: INFO server has no run_id");
  const auto start = at + kField.size();
  const auto end = info.find_first_of("\r\n", start);
  const std::string run_id = info.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (run_id.empty()) throw redis::Error("Redis: INFO server has an empty run_id");
  return run_id;
}

}  // namespace

// A connection and what it learnt of the Redis process at its other end.
struct RedisUserCache::Connection {
  explicit Connection(const redis::Config& config) : client(config) {}
  redis::Client client;
  std::string run_id;                 // of the Redis process client talked to when it connected
  std::uint64_t run_id_connects = 0;  // client.connections() when run_id was read
};

// A pooled connection, returned when done — dropped instead after an error.
class RedisUserCache::Lease {
 public:
  explicit Lease(RedisUserCache& owner) : m_owner(owner), m_connection(owner.take()) {}
  ~Lease() {
    if (m_connection && m_healthy) m_owner.give_back(std::move(m_connection));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  redis::Client& operator*() { return m_connection->client; }
  Connection& connection() { return *m_connection; }
  void broken() { m_healthy = false; }

 private:
  RedisUserCache& m_owner;
  std::unique_ptr<Connection> m_connection;
  bool m_healthy = true;
};

RedisUserCache::RedisUserCache(redis::Config config, int connections, std::size_t local_bytes)
    : m_config(std::move(config)), m_local(local_bytes) {
  m_config.timeout = std::chrono::milliseconds{200};  // a slow cache is worse than none
  for (int i = 0; i < connections; ++i) m_idle.push_back(std::make_unique<Connection>(m_config));
}

RedisUserCache::~RedisUserCache() = default;

std::unique_ptr<RedisUserCache::Connection> RedisUserCache::take() {
  std::lock_guard lock(m_pool_mutex);
  if (m_idle.empty()) return std::make_unique<Connection>(m_config);
  auto connection = std::move(m_idle.back());
  m_idle.pop_back();
  return connection;
}

void RedisUserCache::give_back(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(m_pool_mutex);
  if (m_idle.size() < 32) m_idle.push_back(std::move(connection));
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
  const auto now = stamp(user_id);
  return now ? std::optional(now->version) : std::nullopt;
}

std::optional<http::CacheStamp> RedisUserCache::stamp(std::int64_t user_id) noexcept {
  Lease lease(*this);
  try {
    redis::Client& redis = *lease;
    retry_pending_invalidations(redis);
    Connection& connection = lease.connection();
    if (connection.run_id.empty() || connection.run_id_connects != redis.connections()) {
      connection.run_id = run_id_of(redis.command({"INFO", "server"}).text);
      connection.run_id_connects = redis.connections();
    }
    const auto reply = redis.command({"MGET", kEpochKey, version_key(user_id)});
    std::string stored_epoch = reply.items.at(0).text;
    if (reply.items.at(0).is_nil()) {
      redis.command({"SET", kEpochKey, util::random_hex(8), "NX"});  // the first to ask after a loss sets it
      const auto epoch = redis.command({"GET", kEpochKey});
      if (epoch.is_nil()) throw redis::Error("Redis: the cache epoch vanished");
      stored_epoch = epoch.text;
    }
    // Everything above must come from the Redis process whose run_id we hold:
    // a reconnect on the way may have reached a new one.
    if (connection.run_id_connects != redis.connections()) throw redis::Error("Redis: reconnected");
    http::CacheStamp now;
    now.epoch = connection.run_id.substr(0, 16) + "-" + stored_epoch;
    now.version = reply.items.at(1).is_nil() ? 0 : std::stoll(reply.items.at(1).text);
    bool new_epoch = false;
    {
      std::lock_guard lock(m_pool_mutex);
      new_epoch = now.epoch != m_last_epoch;
      if (new_epoch) m_last_epoch = now.epoch;
    }
    if (new_epoch) m_local.clear();  // nothing kept here can be read again
    return now;
  } catch (...) {
    lease.broken();
    return std::nullopt;
  }
}

std::shared_ptr<const http::CachedBody> RedisUserCache::get(std::int64_t user_id, const http::CacheStamp& stamp,
                                                            const std::string& key) noexcept {
  const std::string full_key = entry_key(user_id, stamp, key);
  if (auto body = m_local.find(full_key)) return body;
  Lease redis(*this);
  try {
    const auto reply = (*redis).command({"GET", full_key});
    if (reply.is_nil()) return nullptr;
    auto body = http::make_cached_body(reply.text);
    if (body->body.size() <= http::kMaxCachedBody) m_local.insert(full_key, body);
    return body;
  } catch (...) {
    redis.broken();
    return nullptr;
  }
}

void RedisUserCache::put(std::int64_t user_id, const http::CacheStamp& stamp, const std::string& key,
                         std::shared_ptr<const http::CachedBody> body) noexcept {
  if (body->body.size() > http::kMaxCachedBody) return;
  const std::string full_key = entry_key(user_id, stamp, key);
  m_local.insert(full_key, body);
  Lease redis(*this);
  try {
    (*redis).command({"SET", full_key, body->body, "EX", kEntryTtl});
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
    // The version counter stays: ids can be reused, and a new account must never
    // meet an entry written late under an old version.
  } catch (...) {
    redis.broken();  // what is left expires within ten minutes, under a version nobody reads
  }
}

}  // namespace qself::cache
