#pragma once
// Abuse limits per key (a client address, a client address and an account, an
// account). The counts live in the database (store/throttle_repository.hpp),
// so that every server process behind a balancer counts against one limit
// rather than each its own, and a restart forgets nothing. Keys are hashed
// before they are stored: the table never holds an address or an email. The
// scheduler sweeps keys quiet for a day and keeps at most kMaxThrottleKeys
// (sweep_throttles). Nothing here is in Redis, whose keys can be evicted under
// pressure.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "store/database.hpp"
#include "store/throttle_repository.hpp"
#include "util/time.hpp"

namespace qself::services {

inline constexpr std::int64_t kMaxThrottleKeys = 100000;
// A key counted nothing for this long is forgotten by the sweep: longer than
// any limit's window or memory.
inline constexpr std::chrono::hours kThrottleQuietTime{24};

// The rows of one limit (`name`, e.g. "login-client").
class ThrottleTable {
 public:
  ThrottleTable(store::Database& db, std::string name) : m_db(db), m_name(std::move(name)) {}

  std::optional<store::ThrottleCount> find(const std::string& key);
  // In one write transaction: reads the key's count (nullopt when none), lets
  // `change` set the new one (left as it was when it answers false), writes it.
  void update(const std::string& key, const std::function<bool(std::optional<store::ThrottleCount>&)>& change);
  void remove(const std::string& key);

 private:
  std::string stored_key(const std::string& key) const;

  store::Database& m_db;
  std::string m_name;
};

// Growing delays after repeated failures (failed logins). The first
// `free_failures` cost nothing; after that, each further attempt must wait
// first_delay, then twice as long after each further failure, at most
// max_delay, counted from the last failure. A key with no failure for `forget_after`
// starts again from nothing, and so does a key that is reset (a success).
struct DelayRule {
  int free_failures = 5;
  std::chrono::seconds first_delay{1};
  std::chrono::seconds max_delay{std::chrono::minutes{15}};
  std::chrono::seconds forget_after{std::chrono::hours{1}};
};

class FailureThrottle {
 public:
  FailureThrottle(store::Database& db, std::string name, DelayRule rule) : m_table(db, std::move(name)), m_rule(rule) {}

  // Seconds until `key` may try again, or 0 if it may try now.
  int retry_after(const std::string& key, util::Timestamp now);
  void record_failure(const std::string& key, util::Timestamp now);
  void reset(const std::string& key);

 private:
  ThrottleTable m_table;
  DelayRule m_rule;
};

// At most `limit` requests per key in a fixed window (password reset requests,
// registrations per client address).
class RequestCounter {
 public:
  RequestCounter(store::Database& db, std::string name, int limit, std::chrono::seconds window)
      : m_table(db, std::move(name)), m_limit(limit), m_window(window) {}

  // Counts a request for `key` and answers 0, or answers the seconds until the
  // window ends (and counts nothing) when `limit` requests were counted in it.
  int take(const std::string& key, util::Timestamp now);

 private:
  ThrottleTable m_table;
  int m_limit;
  std::chrono::seconds m_window;
};

// At most `max_failures` failed attempts per key in a fixed window (wrong
// current passwords of a signed-in user); a success resets it.
class AttemptLimiter {
 public:
  AttemptLimiter(store::Database& db, std::string name, int max_failures, std::chrono::seconds window)
      : m_table(db, std::move(name)), m_max(max_failures), m_window(window) {}

  // Seconds until `key` may try again, or 0 if it may try now.
  int retry_after(const std::string& key, util::Timestamp now);
  void record_failure(const std::string& key, util::Timestamp now);
  void reset(const std::string& key);

 private:
  ThrottleTable m_table;
  int m_max;
  std::chrono::seconds m_window;
};

// Forgets keys quiet for kThrottleQuietTime, then the least recently counted
// beyond kMaxThrottleKeys (or `max_keys`); answers how many went.
std::int64_t sweep_throttles(store::Database& db, util::Timestamp now, std::int64_t max_keys = kMaxThrottleKeys);

}  // namespace qself::services
