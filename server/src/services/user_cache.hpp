#pragma once
// What services know of caching. Each account's data has a version
// (core::User::data_version, kept in users.data_version): every write that
// changes what the account's dashboards, log pages or statistics show
// increments it in the write's own transaction (commit_change). A version
// therefore names one state of the account's data for every process on every
// node, whatever the cache went through (a restart, a flush, older data): an
// answer computed before a write is never served after it. What is kept under
// a version (the rendered bodies) is the HTTP layer's business (http/cached.hpp).
// Implementations must never throw: without the cache, qself works, only slower.

#include <cstdint>

namespace qself::store {
class Connection;
class Transaction;
}  // namespace qself::store

namespace qself::services {

// Counts a change of the account's data in `transaction`, then commits it.
void commit_change(store::Connection& connection, store::Transaction& transaction, std::int64_t user_id);

class UserCache {
 public:
  virtual ~UserCache() = default;
  // Whether the cache shared by the processes answers (for the health check).
  virtual bool reachable() noexcept = 0;
  // Removes everything kept for the user (the account is being deleted): its
  // answers are never read again anyway, but they hold the user's data.
  virtual void forget(std::int64_t user_id) noexcept = 0;
};

// The cache used when none is given: none at all, every read computes.
UserCache& no_cache();

}  // namespace qself::services
