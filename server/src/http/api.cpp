#include "http/api.hpp"

namespace qself::http {

Router make_api_router(Services& services) {
  Router router;
  add_session_routes(router, services);
  add_password_routes(router, services);
  add_profile_routes(router, services);
  add_data_routes(router, services);
  add_tracker_routes(router, services);
  add_log_routes(router, services);
  add_stats_routes(router, services);
  add_job_routes(router, services);
  add_health_routes(router, services);
  add_push_routes(router, services);
  return router;
}

}  // namespace qself::http
