#include "services/health_service.hpp"

namespace qself::services {

Health HealthService::check() noexcept {
  Health health;
  try {
    auto connection = m_db.connect();
    connection->query_integer("SELECT 1");
    health.database = true;
  } catch (const std::exception&) {
    health.database = false;
  }
  // Redis carries only the queue and the cache.
  health.redis = m_cache.reachable();
  return health;
}

}  // namespace qself::services
