#pragma once
// The API's route table, built from one registration function per resource
// (each in handlers/<resource>.cpp).

#include "http/cached.hpp"
#include "http/router.hpp"
#include "services/data_service.hpp"
#include "services/health_service.hpp"
#include "services/job_service.hpp"
#include "services/log_service.hpp"
#include "services/password_service.hpp"
#include "services/profile_service.hpp"
#include "services/push_service.hpp"
#include "services/session_service.hpp"
#include "services/stats_service.hpp"
#include "services/tracker_service.hpp"

namespace qself::http {

// What the handlers may use: the services, and the cache of rendered bodies.
struct Services {
  services::SessionService& sessions;
  services::PasswordService& passwords;
  services::ProfileService& profile;
  services::TrackerService& trackers;
  services::LogService& logs;
  services::StatsService& stats;
  services::JobService& jobs;
  services::ImportService& imports;
  services::HealthService& health;
  services::PushService& push;
  ResponseCache& responses;
};

void add_session_routes(Router& router, Services& services);
void add_password_routes(Router& router, Services& services);
void add_profile_routes(Router& router, Services& services);
void add_data_routes(Router& router, Services& services);
void add_tracker_routes(Router& router, Services& services);
void add_log_routes(Router& router, Services& services);
void add_stats_routes(Router& router, Services& services);
void add_job_routes(Router& router, Services& services);
void add_health_routes(Router& router, Services& services);
void add_push_routes(Router& router, Services& services);

Router make_api_router(Services& services);

}  // namespace qself::http
