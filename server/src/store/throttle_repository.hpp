#pragma once
// The counts behind the abuse limits (services/throttle.hpp), one row per key
// in `throttles`, shared by every process on the database.

#include <cstdint>
#include <optional>
#include <string>

#include "store/database.hpp"
#include "util/time.hpp"

namespace qself::store {

struct ThrottleCount {
  std::int64_t count = 0;
  util::Timestamp started_at{};  // the window's start, or the first failure
  util::Timestamp last_at{};     // the last one counted
};

class ThrottleRepository {
 public:
  explicit ThrottleRepository(Connection& connection) : m_db(connection) {}
  std::optional<ThrottleCount> find(const std::string& key);
  // Inserts or replaces the key's row.
  void put(const std::string& key, const ThrottleCount& count);
  void remove(const std::string& key);
  // The sweep: removes keys last counted before `quiet_since`, then the least
  // recently counted beyond `max_keys`. Answers how many went.
  std::int64_t sweep(util::Timestamp quiet_since, std::int64_t max_keys);

 private:
  Connection& m_db;
};

}  // namespace qself::store
