#pragma once
// Whether this process can do its work: for operators and load balancers (/health).

#include "services/user_cache.hpp"
#include "store/database.hpp"

namespace qself::services {

struct Health {
  bool database = false;  // without it nothing works
  bool redis = false;     // without it qself still serves, slower, and jobs wait
};

class HealthService {
 public:
  HealthService(store::Database& db, UserCache& cache) : m_db(db), m_cache(cache) {}

  // Never throws: a failing check is reported, not raised.
  Health check() noexcept;

 private:
  store::Database& m_db;
  UserCache& m_cache;
};

}  // namespace qself::services
