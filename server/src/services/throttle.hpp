#pragma once
// Abuse limits kept in this process's memory, per key (a client address, or a
// client address and an account). Keys are hashed before they are kept, and
// each table holds at most `max_keys` of them: when full, the key least
// recently counted is forgotten first, so memory stays bounded whatever the
// traffic. Nothing here is in Redis, whose keys can be evicted under pressure.

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "util/time.hpp"

namespace qself::services {

inline constexpr std::size_t kDefaultThrottleKeys = 100000;

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
  explicit FailureThrottle(DelayRule rule, std::size_t max_keys = kDefaultThrottleKeys);

  // Seconds until `key` may try again, or 0 if it may try now.
  int retry_after(const std::string& key, util::Timestamp now);
  void record_failure(const std::string& key, util::Timestamp now);
  void reset(const std::string& key);
  std::size_t size();

 private:
  struct Entry {
    int failures = 0;
    util::Timestamp last_failure;
    std::list<std::string>::iterator order;  // in m_order, oldest first
  };
  DelayRule m_rule;
  std::size_t m_max_keys;
  std::mutex m_mutex;
  std::unordered_map<std::string, Entry> m_entries;
  std::list<std::string> m_order;  // hashed keys, least recently counted first
};

// At most `limit` requests per key in a fixed window (password reset requests,
// registrations per client address).
class RequestCounter {
 public:
  RequestCounter(int limit, std::chrono::seconds window, std::size_t max_keys = kDefaultThrottleKeys);

  // Counts a request for `key` and answers 0, or answers the seconds until the
  // window ends (and counts nothing) when `limit` requests were counted in it.
  int take(const std::string& key, util::Timestamp now);
  std::size_t size();

 private:
  struct Entry {
    util::Timestamp start;
    int count = 0;
    std::list<std::string>::iterator order;
  };
  int m_limit;
  std::chrono::seconds m_window;
  std::size_t m_max_keys;
  std::mutex m_mutex;
  std::unordered_map<std::string, Entry> m_entries;
  std::list<std::string> m_order;
};

}  // namespace qself::services
