#pragma once
// What a handler sees of a request and gives back as a response.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "services/auth_policy.hpp"

namespace qself::http {

struct Request {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> path_params;
  std::string body;
  std::string content_type;
  std::string request_id;
  std::string client;                      // the client's IP address (behind a trusted proxy, from X-Forwarded-For)
  std::optional<services::Caller> caller;  // set on routes that need a user

  // The body as a JSON object. Throws BadRequest when it is not one.
  const nlohmann::json& json();
  // A path parameter that the router has checked to be a positive integer.
  std::int64_t id(const std::string& name) const;
  // A query parameter, if present and non-empty.
  std::optional<std::string> param(const std::string& name) const;
  // A query parameter holding an RFC 3339 time. Throws BadRequest when malformed.
  std::optional<util::Timestamp> time_param(const std::string& name) const;
  const core::User& user() const { return caller->user; }

 private:
  std::optional<nlohmann::json> m_json;
};

struct Response {
  int status = 200;
  std::string body;
  std::shared_ptr<const std::string> gzipped;  // a precompressed body (static files)
  std::string etag;                            // precomputed (static files); else computed for GETs
  std::string file;                            // a file to send as the body instead (downloads)
  bool close_connection = false;               // after answering before reading the request's body
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  // Held back until then (by a timer: no thread waits), so that its timing
  // tells nothing; the default leaves at once.
  std::chrono::steady_clock::time_point not_before{};

  static Response json(int status, const nlohmann::json& body);
  static Response no_content();
};

}  // namespace qself::http
