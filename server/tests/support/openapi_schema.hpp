#pragma once
// Checks JSON bodies against the schemas of openapi.yaml (OpenAPI 3.0), so API
// tests can tell when the server and the spec disagree about a shape.
//
// What is checked: `type` (integer means a whole JSON number), `nullable`,
// `enum`, `required`, `properties`, `additionalProperties` (false, or a schema
// for the other keys), `items`, `minItems`/`maxItems`, `minimum`/`maximum`,
// `pattern`, `format: date-time` (RFC 3339 with an offset), `$ref` to anywhere
// in the document, and `allOf`/`anyOf`/`oneOf` (oneOf as anyOf). Everything
// else (lengths, uniqueItems, discriminators…) is ignored.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace qself::testing {

class OpenApiDocument {
 public:
  // Reads the spec; throws std::runtime_error if it cannot.
  explicit OpenApiDocument(const std::string& file);

  // The problems of `body` as the answer to `method path_template` with
  // `status`, one line each ("/user/reminders: required property `time` is
  // missing"); empty when it fits. A status or route the spec does not list,
  // or a response without a JSON schema, is a problem too.
  std::vector<std::string> check_response(const std::string& method, const std::string& path_template, int status,
                                          const nlohmann::json& body) const;

  // The problems of `value` against `schema` (which may be a {"$ref": …}).
  std::vector<std::string> check(const nlohmann::json& value, const nlohmann::json& schema) const;

  const nlohmann::json& root() const { return m_root; }

 private:
  nlohmann::json m_root;

  const nlohmann::json& resolve(const nlohmann::json& node) const;
  void check(const nlohmann::json& value, const nlohmann::json& schema, const std::string& where,
             std::vector<std::string>& problems) const;
};

// "/user/reminders: …" lines as one message for a test failure.
std::string join_problems(const std::vector<std::string>& problems);

}  // namespace qself::testing
