#include "services/attempt_limiter.hpp"

#include "util/crypto.hpp"

namespace qself::services {

int AttemptLimiter::retry_after(const std::string& key, util::Timestamp now) {
  std::lock_guard lock(m_mutex);
  const auto found = m_windows.find(util::sha256_hex(key));
  if (found == m_windows.end() || found->second.failures < m_max) return 0;
  const auto left = found->second.start + m_window - now;
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

void AttemptLimiter::record_failure(const std::string& key, util::Timestamp now) {
  std::lock_guard lock(m_mutex);
  if (m_windows.size() > 100000) {  // forget expired windows before growing further
    std::erase_if(m_windows, [&](const auto& entry) { return entry.second.start + m_window <= now; });
  }
  auto& window = m_windows[util::sha256_hex(key)];
  if (window.failures == 0 || window.start + m_window <= now) window = Window{now, 0};
  ++window.failures;
}

void AttemptLimiter::reset(const std::string& key) {
  std::lock_guard lock(m_mutex);
  m_windows.erase(util::sha256_hex(key));
}

}  // namespace qself::services
