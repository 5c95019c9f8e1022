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

}  // namespace

std::string ThrottleTable::stored_key(const std::string& key) const { return m_name + ":" + util::sha256_hex(key); }

std::optional<store::ThrottleCount> ThrottleTable::find(const std::string& key) {
  auto connection = m_db.connect();
  return store::ThrottleRepository(*connection).find(stored_key(key));
}

void ThrottleTable::update(const std::string& key,
                           const std::function<bool(std::optional<store::ThrottleCount>&)>& change) {
  const std::string stored = stored_key(key);
  auto connection = m_db.connect();
  store::Transaction transaction(*connection, store::Transaction::Mode::write);
  store::ThrottleRepository rows(*connection);
  auto count = rows.find(stored);
  if (!change(count) || !count) return;
  rows.put(stored, *count);
  transaction.commit();
}

void ThrottleTable::remove(const std::string& key) {
  const std::string stored = stored_key(key);
  auto connection = m_db.connect();
  store::ThrottleRepository rows(*connection);
  // A success is the common case and usually has nothing to forget: no write then.
  if (rows.find(stored)) rows.remove(stored);
}

int FailureThrottle::retry_after(const std::string& key, util::Timestamp now) {
  const auto entry = m_table.find(key);
  if (!entry || entry->last_at + m_rule.forget_after <= now) return 0;
  const auto over = entry->count - m_rule.free_failures;
  if (over < 0) return 0;
  auto delay = m_rule.first_delay;
  for (std::int64_t i = 0; i < over && delay < m_rule.max_delay; ++i) delay *= 2;
  delay = std::min(delay, m_rule.max_delay);
  return seconds_until(entry->last_at + delay, now);
}

void FailureThrottle::record_failure(const std::string& key, util::Timestamp now) {
  m_table.update(key, [&](std::optional<store::ThrottleCount>& entry) {
    if (!entry || entry->last_at + m_rule.forget_after <= now) entry = store::ThrottleCount{0, now, now};
    ++entry->count;
    entry->last_at = now;
    return true;
  });
}

void FailureThrottle::reset(const std::string& key) { m_table.remove(key); }

int RequestCounter::take(const std::string& key, util::Timestamp now) {
  int wait = 0;
  m_table.update(key, [&](std::optional<store::ThrottleCount>& entry) {
    if (!entry || entry->started_at + m_window <= now) entry = store::ThrottleCount{0, now, now};
    if (entry->count >= m_limit) {
      wait = seconds_until(entry->started_at + m_window, now);
      return false;
    }
    ++entry->count;
    entry->last_at = now;
    return true;
  });
  return wait;
}

int AttemptLimiter::retry_after(const std::string& key, util::Timestamp now) {
  const auto entry = m_table.find(key);
  if (!entry || entry->count < m_max) return 0;
  return seconds_until(entry->started_at + m_window, now);
}

void AttemptLimiter::record_failure(const std::string& key, util::Timestamp now) {
  m_table.update(key, [&](std::optional<store::ThrottleCount>& entry) {
    if (!entry || entry->started_at + m_window <= now) entry = store::ThrottleCount{0, now, now};
    ++entry->count;
    entry->last_at = now;
    return true;
  });
}

void AttemptLimiter::reset(const std::string& key) { m_table.remove(key); }

std::int64_t sweep_throttles(store::Database& db, util::Timestamp now, std::int64_t max_keys) {
  auto connection = db.connect();
  store::Transaction transaction(*connection, store::Transaction::Mode::write);
  const auto removed = store::ThrottleRepository(*connection).sweep(now - kThrottleQuietTime, max_keys);
  transaction.commit();
  return removed;
}

}  // namespace qself::services
