// /reports and /jobs/{id}: background work a user asked for, and its progress.

#include "http/api.hpp"
#include "http/parse.hpp"
#include "http/render.hpp"

namespace qself::http {

void add_job_routes(Router& router, Services& services) {
  router.add("POST", "/reports", Access::user, [&](Request& request) {
    const auto job = services.jobs.request_report(request.user(), parse_report_request(request.json()));
    return Response::json(202, {{"job", render_job(job)}});
  });

  router.add("GET", "/jobs/{id}", Access::user, [&](Request& request) {
    return Response::json(200, {{"job", render_job(services.jobs.get(request.user(), core::JobId{request.id("id")}))}});
  });
}

}  // namespace qself::http
