// /exports and /imports: everything a user owns, out and back in.

#include <filesystem>

#include "core/import.hpp"
#include "core/json_forms.hpp"
#include "http/api.hpp"
#include "http/render.hpp"
#include "services/job_service.hpp"

namespace qself::http {

void add_data_routes(Router& router, Services& services) {
  // An import runs as a job, one per user at a time: the upload is kept on
  // disk, the job previews or commits it, GET /jobs/{id} follows it, and a
  // preview's upload is committed by POST /imports/{id}/commit without being
  // sent again. While one of the user's imports waits or runs: 409 import_running.
  const auto request_import = [&](Request& request, services::ImportJobMode mode) {
    if (request.body.empty()) throw ValidationError("file", "Send the file as the request body.");
    if (request.body.size() > core::kMaxImportBytes) {
      throw ValidationError("file", "is larger than " + std::to_string(core::kMaxImportBytes >> 20) + " MiB");
    }
    const auto job = services.jobs.request_import(request.user(), request.body, mode);
    return Response::json(202, {{"job", render_job(job)}});
  };
  router.add(
      "POST", "/imports/preview", Access::user,
      [&, request_import](Request& request) { return request_import(request, services::ImportJobMode::preview); },
      Body::file);
  router.add(
      "POST", "/imports", Access::user,
      [&, request_import](Request& request) { return request_import(request, services::ImportJobMode::commit); },
      Body::file);
  router.add("POST", "/imports/{id}/commit", Access::user, [&](Request& request) {
    const auto job = services.jobs.commit_import(request.user(), core::JobId{request.id("id")});
    return Response::json(202, {{"job", render_job(job)}});
  });

  router.add("POST", "/exports", Access::user, [&](Request& request) {
    // Left out or null: json. Anything but one of the two names, a number too, is a 422.
    const auto& body = request.json();
    const auto sent = body.find("format");
    const bool left_out = sent == body.end() || sent->is_null();
    const std::string format = left_out ? "json" : core::as_text(*sent).value_or("");
    if (format != "json" && format != "csv") throw ValidationError("format", "must be json or csv");
    // One export at a time per user: while one waits or runs, that job is the answer (200).
    const auto requested = services.jobs.request_export(request.user(), format);
    return Response::json(requested.created ? 202 : 200, {{"job", render_job(requested.job)}});
  });

  router.add("GET", "/exports/{id}/download", Access::user, [&](Request& request) {
    const auto file = services.jobs.export_file(request.user(), core::JobId{request.id("id")});
    Response response;
    response.file = file.path;
    response.content_type = file.path.ends_with(".csv") ? "text/csv; charset=utf-8" : "application/json";
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file.download_name + "\"");
    return response;
  });
}

}  // namespace qself::http
