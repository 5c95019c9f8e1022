#include "http/errors.hpp"

#include <cmath>

#include "core/errors.hpp"
#include "core/value_mapping.hpp"
#include "store/database.hpp"
#include "util/log.hpp"
#include "util/metrics.hpp"

namespace qself::http {
namespace {

Response make(int status, const std::string& code, const std::string& message, const ValidationError::Fields& fields,
              const std::string& request_id) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!fields.empty()) error["fields"] = fields;
  return Response::json(status, {{"error", error}, {"request_id", request_id}});
}

nlohmann::json natural_json(const core::NaturalValue& value) {
  if (const auto* yes = std::get_if<bool>(&value.kind)) return *yes;
  if (const auto* number = std::get_if<double>(&value.kind)) {
    if (std::floor(*number) == *number && std::fabs(*number) < 9e15) return static_cast<std::int64_t>(*number);
    return *number;
  }
  if (const auto* text = std::get_if<std::string>(&value.kind)) return *text;
  return nullptr;
}

// 409 mapping_required: the one error body, with every value to decide.
Response mapping_required(const core::MappingRequired& e, const std::string& request_id) {
  auto response = make(409, e.code(), e.what(), {}, request_id);
  nlohmann::json values = nlohmann::json::array();
  for (const auto& question : e.questions()) {
    values.push_back({{"value", natural_json(question.from)},
                      {"label", question.label},
                      {"count", question.count},
                      {"suggested", question.suggested ? natural_json(*question.suggested) : nlohmann::json(nullptr)}});
  }
  nlohmann::json body = nlohmann::json::parse(response.body);
  body["error"]["values"] = std::move(values);
  return Response::json(409, body);
}

}  // namespace

Response error_response(int status, const std::string& code, const std::string& message,
                        const std::string& request_id) {
  return make(status, code, message, {}, request_id);
}

Response error_response(std::exception_ptr error, const std::string& request_id) {
  try {
    std::rethrow_exception(error);
  } catch (const ValidationError& e) {
    return make(422, "validation_failed", e.what(), e.fields(), request_id);
  } catch (const BadRequest& e) {
    return make(400, "bad_request", e.what(), {}, request_id);
  } catch (const NotFound& e) {
    return make(404, "not_found", e.what(), {}, request_id);
  } catch (const core::MappingRequired& e) {
    return mapping_required(e, request_id);
  } catch (const Conflict& e) {
    return make(409, e.code(), e.what(), e.fields(), request_id);
  } catch (const Forbidden& e) {
    return make(403, "forbidden", e.what(), {}, request_id);
  } catch (const Unauthorized& e) {
    auto response = make(401, "unauthorized", e.what(), {}, request_id);
    if (e.reason().empty()) return response;
    nlohmann::json body = nlohmann::json::parse(response.body);
    body["error"]["reason"] = e.reason();
    return Response::json(401, body);
  } catch (const RateLimited& e) {
    auto response = make(429, "rate_limited", e.what(), {}, request_id);
    response.headers.emplace_back("Retry-After", std::to_string(e.retry_after()));
    return response;
  } catch (const Busy& e) {
    auto response = make(503, "busy", e.what(), {}, request_id);
    response.headers.emplace_back("Retry-After", "1");
    return response;
  } catch (const store::DatabaseBusy&) {
    // Another writer (an import, the command line, a backup) held the database
    // longer than the busy timeout: the write was rolled back, and trying again
    // will do. Not a fault of ours, so not an error line.
    util::log(util::Level::warning, "request " + request_id + ": the database was busy");
    util::metrics().db_busy_answers.add();
    auto response = make(503, "busy", "The database is busy; try again in a moment.", {}, request_id);
    response.headers.emplace_back("Retry-After", "2");
    return response;
  } catch (const std::exception& e) {
    util::log(util::Level::error, "request " + request_id + " failed: " + e.what());
  } catch (...) {
    util::log(util::Level::error, "request " + request_id + " failed with an unknown error");
  }
  return make(
      500, "internal",
      "Something went wrong on our side. Try again; if it keeps happening, give your administrator the request id.", {},
      request_id);
}

}  // namespace qself::http
