#pragma once
// Counts failed attempts per key in a fixed window (wrong current passwords of
// a signed-in user; failed logins are throttle.hpp's FailureThrottle),
// in this process's memory. Keys are hashed before they are kept.

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "util/time.hpp"

namespace qself::services {

class AttemptLimiter {
 public:
  AttemptLimiter(int max_failures, std::chrono::seconds window) : m_max(max_failures), m_window(window) {}

  // Seconds until `key` may try again, or 0 if it may try now.
  int retry_after(const std::string& key, util::Timestamp now);
  void record_failure(const std::string& key, util::Timestamp now);
  void reset(const std::string& key);

 private:
  struct Window {
    util::Timestamp start;
    int failures = 0;
  };
  int m_max;
  std::chrono::seconds m_window;
  std::mutex m_mutex;
  std::unordered_map<std::string, Window> m_windows;
};

}  // namespace qself::services
