#include "services/throttle.hpp"

#include <algorithm>

#include "util/crypto.hpp"

namespace qself::services {
namespace {

// Whole seconds from `now` until `until`, rounded up; 0 when it has passed.
int seconds_until(util::Timestamp until, util::Timestamp now) {
  if (until <= now) return 0;
  const auto left = std::chrono::ceil<std::chrono::seconds>(until - now);
  return static_cast<int>(std::max<std::int64_t>(left.count(), 1));
}

// The entry for `hashed`, most recently used from now on: an existing one, or
// `fresh` — after forgetting the least recently used keys if the table is full.
template <class Entries, class Entry>
Entry& touch(Entries& entries, std::list<std::string>& order, std::size_t max_keys, const std::string& hashed,
             Entry fresh) {
  auto found = entries.find(hashed);
  if (found != entries.end()) {
    order.splice(order.end(), order, found->second.order);
    return found->second;
  }
  while (entries.size() >= max_keys) {
    entries.erase(order.front());
    order.pop_front();
  }
  order.push_back(hashed);
  fresh.order = std::prev(order.end());
  return entries.emplace(hashed, fresh).first->second;
}

}  // namespace

FailureThrottle::FailureThrottle(DelayRule rule, std::size_t max_keys)
    : m_rule(rule), m_max_keys(std::max<std::size_t>(max_keys, 1)) {}

int FailureThrottle::retry_after(const std::string& key, util::Timestamp now) {
  std::lock_guard lock(m_mutex);
  const auto found = m_entries.find(util::sha256_hex(key));
  if (found == m_entries.end()) return 0;
  const Entry& entry = found->second;
  if (entry.last_failure + m_rule.forget_after <= now) return 0;
  const int over = entry.failures - m_rule.free_failures;
  if (over < 0) return 0;
  auto delay = m_rule.first_delay;
  for (int i = 0; i < over && delay < m_rule.max_delay; ++i) delay *= 2;
  delay = std::min(delay, m_rule.max_delay);
  return seconds_until(entry.last_failure + delay, now);
}

void FailureThrottle::record_failure(const std::string& key, util::Timestamp now) {
  std::lock_guard lock(m_mutex);
  Entry& entry = touch(m_entries, m_order, m_max_keys, util::sha256_hex(key), Entry{0, now, {}});
  if (entry.last_failure + m_rule.forget_after <= now) entry.failures = 0;
  ++entry.failures;
  entry.last_failure = now;
}

void FailureThrottle::reset(const std::string& key) {
  std::lock_guard lock(m_mutex);
  const auto found = m_entries.find(util::sha256_hex(key));
  if (found == m_entries.end()) return;
  m_order.erase(found->second.order);
  m_entries.erase(found);
}

std::size_t FailureThrottle::size() {
  std::lock_guard lock(m_mutex);
  return m_entries.size();
}

RequestCounter::RequestCounter(int limit, std::chrono::seconds window, std::size_t max_keys)
    : m_limit(limit), m_window(window), m_max_keys(std::max<std::size_t>(max_keys, 1)) {}

int RequestCounter::take(const std::string& key, util::Timestamp now) {
  std::lock_guard lock(m_mutex);
  Entry& entry = touch(m_entries, m_order, m_max_keys, util::sha256_hex(key), Entry{now, 0, {}});
  if (entry.start + m_window <= now) entry = Entry{now, 0, entry.order};
  if (entry.count >= m_limit) return seconds_until(entry.start + m_window, now);
  ++entry.count;
  return 0;
}

std::size_t RequestCounter::size() {
  std::lock_guard lock(m_mutex);
  return m_entries.size();
}

}  // namespace qself::services
