#pragma once
// Rendered JSON bodies kept per user under their data version (services/user_cache.hpp):
// a user's GET is served from here when their data has not changed since, and
// fills the cache otherwise.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "http/request.hpp"

namespace qself::http {

// A body as it is sent: with its ETag, and gzipped once when it is large enough.
struct CachedBody {
  std::string body;
  std::string etag;
  std::shared_ptr<const std::string> gzipped;
};

// Implementations must never throw; a miss or an unavailable store just means computing.
class ResponseCache {
 public:
  virtual ~ResponseCache() = default;
  // The user's data version, or nullopt when the cache is unavailable (then bypass it).
  virtual std::optional<std::int64_t> version(std::int64_t user_id) noexcept = 0;
  virtual std::shared_ptr<const CachedBody> get(std::int64_t user_id, std::int64_t version,
                                                const std::string& key) noexcept = 0;
  virtual void put(std::int64_t user_id, std::int64_t version, const std::string& key,
                   std::shared_ptr<const CachedBody> body) noexcept = 0;
};

// No cache at all: every read computes.
class NoResponseCache final : public ResponseCache {
 public:
  std::optional<std::int64_t> version(std::int64_t) noexcept override { return std::nullopt; }
  std::shared_ptr<const CachedBody> get(std::int64_t, std::int64_t, const std::string&) noexcept override {
    return nullptr;
  }
  void put(std::int64_t, std::int64_t, const std::string&, std::shared_ptr<const CachedBody>) noexcept override {}
};

// A body as sent, from its text: its ETag, and the gzipped copy when it is large enough.
std::shared_ptr<CachedBody> make_cached_body(std::string body);

// `key` names the resource and its parameters; `render` computes the JSON body.
Response cached_json(ResponseCache& cache, std::int64_t user_id, const std::string& key,
                     const std::function<std::string()>& render);

}  // namespace qself::http
