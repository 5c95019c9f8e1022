#include "http/cached.hpp"

#include "http/http_cache.hpp"

namespace qself::http {
namespace {

// Roughly what a list node, an index slot and the shared_ptr control blocks
// of an entry cost beyond its text.
constexpr std::size_t kEntryOverhead = 256;

}  // namespace

std::size_t BodyLru::cost(std::string_view key, const CachedBody& body) {
  return key.size() + body.body.size() + body.etag.size() + (body.gzipped ? body.gzipped->size() : 0) + kEntryOverhead;
}

std::shared_ptr<const CachedBody> BodyLru::find(const std::string& key) {
  std::lock_guard lock(m_mutex);
  const auto found = m_index.find(key);
  if (found == m_index.end()) return nullptr;
  m_order.splice(m_order.begin(), m_order, found->second);
  return found->second->body;
}

void BodyLru::insert(const std::string& key, std::shared_ptr<const CachedBody> body) {
  const std::size_t entry_cost = cost(key, *body);
  std::lock_guard lock(m_mutex);
  if (const auto found = m_index.find(key); found != m_index.end()) erase(found->second);
  if (entry_cost > m_max_bytes / 4) return;
  m_order.push_front(Entry{key, std::move(body), entry_cost});
  m_index.emplace(m_order.front().key, m_order.begin());
  m_bytes += entry_cost;
  while (m_bytes > m_max_bytes) erase(std::prev(m_order.end()));
}

void BodyLru::erase_prefix(std::string_view prefix) {
  std::lock_guard lock(m_mutex);
  for (auto entry = m_order.begin(); entry != m_order.end();) {
    const auto next = std::next(entry);
    if (entry->key.starts_with(prefix)) erase(entry);
    entry = next;
  }
}

void BodyLru::clear() {
  std::lock_guard lock(m_mutex);
  m_index.clear();
  m_order.clear();
  m_bytes = 0;
}

std::size_t BodyLru::bytes() const {
  std::lock_guard lock(m_mutex);
  return m_bytes;
}

std::size_t BodyLru::size() const {
  std::lock_guard lock(m_mutex);
  return m_order.size();
}

void BodyLru::erase(std::list<Entry>::iterator entry) {
  m_index.erase(entry->key);  // before the node that holds the key's text goes
  m_bytes -= entry->cost;
  m_order.erase(entry);
}

std::string cache_key_part(const std::optional<util::Timestamp>& instant) {
  return instant ? util::format_rfc3339(*instant) : std::string();
}

std::shared_ptr<CachedBody> make_cached_body(std::string text) {
  auto body = std::make_shared<CachedBody>();
  body->body = std::move(text);
  body->etag = etag_of(body->body);
  if (body->body.size() >= kGzipFrom && body->body.size() <= kMaxCachedBody) {
    body->gzipped = std::make_shared<const std::string>(gzip(body->body, 6));
  }
  return body;
}

Response cached_json(ResponseCache& cache, const core::User& user, const std::string& key,
                     const std::function<std::string()>& render) {
  Response response;
  // user.data_version was read (with the caller) before computing: a write
  // after that makes a newer version, so what is computed here is never served
  // after it — it may only be newer than its version, never older.
  std::shared_ptr<const CachedBody> body = cache.get(user.id, user.data_version, key);
  if (!body) {
    const std::string flight = std::to_string(user.id) + ":" + std::to_string(user.data_version) + ":" + key;
    body = cache.flights().run(flight, [&]() -> std::shared_ptr<const CachedBody> {
      auto computed = make_cached_body(render());
      if (computed->body.size() <= kMaxCachedBody) cache.put(user.id, user.data_version, key, computed);
      return computed;
    });
  }
  response.body = body->body;
  response.etag = body->etag;
  response.gzipped = body->gzipped;
  return response;
}

}  // namespace qself::http
