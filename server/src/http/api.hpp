#pragma once
// The API's route table, built from one registration function per resource
// (each in handlers/<resource>.cpp).

#include "http/router.hpp"
#include "services/account_service.hpp"
#include "services/data_service.hpp"
#include "services/services.hpp"

namespace qself::http {

struct Services {
  store::Database& db;
  services::AuthService& auth;
  services::AccountService& account;
  services::TrackerService& trackers;
  services::LogService& logs;
  services::StatsService& stats;
  services::JobService& jobs;
  services::UserCache& cache;
  services::ImportService& imports;
};

void add_auth_routes(Router& router, Services& services);
void add_account_routes(Router& router, Services& services);
void add_data_routes(Router& router, Services& services);
void add_tracker_routes(Router& router, Services& services);
void add_log_routes(Router& router, Services& services);
void add_stats_routes(Router& router, Services& services);
void add_job_routes(Router& router, Services& services);
void add_health_routes(Router& router, Services& services);

Router make_api_router(Services& services);

}  // namespace qself::http
