#include "http/request.hpp"

#include "core/errors.hpp"

namespace qself::http {

const nlohmann::json& Request::json() {
  if (!m_json) {
    if (body.empty()) throw BadRequest("The request needs a JSON body.");
    auto parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_discarded()) throw BadRequest("The body is not valid JSON.");
    if (!parsed.is_object()) throw BadRequest("The body must be a JSON object.");
    m_json = std::move(parsed);
  }
  return *m_json;
}

std::int64_t Request::id(const std::string& name) const { return std::stoll(path_params.at(name)); }

std::optional<std::string> Request::param(const std::string& name) const {
  const auto found = query.find(name);
  if (found == query.end() || found->second.empty()) return std::nullopt;
  return found->second;
}

std::optional<util::Timestamp> Request::time_param(const std::string& name) const {
  const auto value = param(name);
  if (!value) return std::nullopt;
  const auto parsed = util::parse_rfc3339(*value);
  if (!parsed) throw BadRequest(name + " must be an RFC 3339 time with an offset.");
  return parsed->utc;
}

Response Response::json(int status, const nlohmann::json& body) {
  Response response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

Response Response::no_content() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

}  // namespace qself::http
