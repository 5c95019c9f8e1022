// /exports and /imports: everything a user owns, out and back in.

#include <filesystem>

#include "core/json_forms.hpp"
#include "http/api.hpp"
#include "http/render.hpp"
#include "services/data_service.hpp"

namespace qself::http {
namespace {

nlohmann::json render_import(const services::ImportResult& result, bool committed) {
  nlohmann::json trackers = nlohmann::json::array();
  for (const auto& t : result.trackers) {
    trackers.push_back({{"name", t.name},
                        {"type", t.type},
                        {"action", t.reused ? "reuse" : "create"},
                        {"logs", t.logs},
                        {"duplicates", t.duplicates}});
  }
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : result.problems) problems.push_back({{"line", p.line}, {"reason", p.reason}});
  return {{"format", result.format}, {"committed", committed},          {"trackers", std::move(trackers)},
          {"logs", result.imported}, {"duplicates", result.duplicates}, {"problems", std::move(problems)}};
}

}  // namespace

void add_data_routes(Router& router, Services& services) {
  router.add(
      "POST", "/imports/preview", Access::user,
      [&](Request& request) {
        if (request.body.empty()) throw ValidationError("file", "Send the file as the request body.");
        const auto result = services.imports.run(request.user(), request.body, services::ImportMode::preview);
        return Response::json(200, render_import(result, false));
      },
      Body::file);

  router.add(
      "POST", "/imports", Access::user,
      [&](Request& request) {
        if (request.body.empty()) throw ValidationError("file", "Send the file as the request body.");
        const auto result = services.imports.run(request.user(), request.body, services::ImportMode::commit);
        return Response::json(200, render_import(result, true));
      },
      Body::file);

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
