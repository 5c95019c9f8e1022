// /reports and /jobs/{id}: background work a user asked for, and its progress.

#include "http/api.hpp"

namespace qself::http {
namespace {

nlohmann::json render_job(const store::Job& job) {
  // A job waiting for its first try or for a retry reads as queued.
  const std::string status = job.status == "pending" ? "queued" : job.status == "dead" ? "failed" : job.status;
  nlohmann::json out = {{"id", job.id},
                        {"kind", job.kind == "build_report" ? "report" : job.kind},
                        {"status", status},
                        {"progress", job.progress},
                        {"attempts", job.attempts},
                        {"created_at", util::format_rfc3339(job.created_at)},
                        {"updated_at", util::format_rfc3339(job.updated_at)}};
  out["error"] = job.status == "dead" ? nlohmann::json(job.last_error) : nlohmann::json(nullptr);
  return out;
}

}  // namespace

void add_job_routes(Router& router, Services& services) {
  router.add("POST", "/reports", Access::user, [&](Request& request) {
    const auto job = services.jobs.request_report(request.user(), request.json());
    return Response::json(202, {{"job", render_job(job)}});
  });

  router.add("GET", "/jobs/{id}", Access::user, [&](Request& request) {
    return Response::json(200, {{"job", render_job(services.jobs.get(request.user(), request.id("id")))}});
  });
}

}  // namespace qself::http
