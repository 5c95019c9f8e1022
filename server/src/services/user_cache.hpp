#pragma once
// A cache of rendered, slowly-changing data per user (the dashboard, statistics).
// Every write that affects a user's data calls invalidate(user) after its commit,
// so the very next read recomputes. Implementations must never throw: without
// the cache, qself works, only slower.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace qself::services {

struct CachedBody {
  std::string body;
  std::string etag;
  std::shared_ptr<const std::string> gzipped;
};

class UserCache {
 public:
  virtual ~UserCache() = default;
  // The user's data version, or nullopt when the cache is unavailable (then bypass it).
  virtual std::optional<std::int64_t> version(std::int64_t user_id) noexcept = 0;
  virtual std::shared_ptr<const CachedBody> get(std::int64_t user_id, std::int64_t version,
                                                const std::string& key) noexcept = 0;
  virtual void put(std::int64_t user_id, std::int64_t version, const std::string& key,
                   std::shared_ptr<const CachedBody> body) noexcept = 0;
  virtual void invalidate(std::int64_t user_id) noexcept = 0;
  // Removes everything kept for the user (the account is being deleted).
  virtual void forget(std::int64_t user_id) noexcept { invalidate(user_id); }
};

// No cache at all: every read computes.
class NoCache final : public UserCache {
 public:
  std::optional<std::int64_t> version(std::int64_t) noexcept override { return std::nullopt; }
  std::shared_ptr<const CachedBody> get(std::int64_t, std::int64_t, const std::string&) noexcept override {
    return nullptr;
  }
  void put(std::int64_t, std::int64_t, const std::string&, std::shared_ptr<const CachedBody>) noexcept override {}
  void invalidate(std::int64_t) noexcept override {}
};

}  // namespace qself::services
