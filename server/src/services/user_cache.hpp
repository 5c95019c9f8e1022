#pragma once
// What services know of caching: each user's data has a version, and every
// write that affects it calls invalidate(user) after its commit, so anything
// computed before is never served again. What is cached under a version (the
// rendered bodies) is the HTTP layer's business (http/cached.hpp).
// Implementations must never throw: without the cache, qself works, only slower.

#include <cstdint>
#include <optional>

namespace qself::services {

class UserCache {
 public:
  virtual ~UserCache() = default;
  // The user's data version, or nullopt when the cache is unavailable (then bypass it).
  virtual std::optional<std::int64_t> version(std::int64_t user_id) noexcept = 0;
  virtual void invalidate(std::int64_t user_id) noexcept = 0;
  // Removes everything kept for the user (the account is being deleted).
  virtual void forget(std::int64_t user_id) noexcept { invalidate(user_id); }
};

// The cache used when none is given: none at all, every read computes.
UserCache& no_cache();

}  // namespace qself::services
