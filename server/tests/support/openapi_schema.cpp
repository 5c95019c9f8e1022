#include "support/openapi_schema.hpp"

#include <algorithm>
#include <regex>
#include <stdexcept>

#include "support/yaml_reader.hpp"

namespace qself::testing {
namespace {

using nlohmann::json;

std::string type_of(const json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return "boolean";
  if (value.is_number_integer()) return "integer";
  if (value.is_number()) return "number";
  if (value.is_string()) return "string";
  if (value.is_array()) return "array";
  return "object";
}

bool has_type(const json& value, const std::string& type) {
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  return type_of(value) == type;
}

std::string at(const std::string& where) { return where.empty() ? "/" : where; }

// JSON pointer escaping of one key.
std::string pointer_key(const std::string& key) {
  std::string out;
  for (const char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

}  // namespace

OpenApiDocument::OpenApiDocument(const std::string& file) : m_root(read_yaml_file(file)) {
  if (!m_root.is_object() || !m_root.contains("paths")) throw std::runtime_error(file + " has no paths");
}

const json& OpenApiDocument::resolve(const json& node) const {
  const json* current = &node;
  for (int hops = 0; current->is_object() && current->contains("$ref"); ++hops) {
    const auto ref = (*current)["$ref"].get<std::string>();
    if (ref.rfind("#/", 0) != 0 || hops > 20) throw std::runtime_error("cannot follow $ref " + ref);
    current = &m_root.at(json::json_pointer(ref.substr(1)));
  }
  return *current;
}

std::vector<std::string> OpenApiDocument::check_response(const std::string& method, const std::string& path_template,
                                                         int status, const json& body) const {
  std::string operation = method;
  std::transform(operation.begin(), operation.end(), operation.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  const auto& paths = m_root["paths"];
  if (!paths.contains(path_template) || !paths[path_template].contains(operation)) {
    return {method + " " + path_template + " is not in the spec"};
  }
  const auto& responses = paths[path_template][operation].value("responses", json::object());
  const auto code = std::to_string(status);
  if (!responses.contains(code)) return {method + " " + path_template + " does not document status " + code};
  const auto& response = resolve(responses[code]);
  const auto schema = json::json_pointer("/content/application~1json/schema");
  if (!response.contains(schema)) return {method + " " + path_template + " " + code + " has no JSON schema"};
  return check(body, response[schema]);
}

std::vector<std::string> OpenApiDocument::check(const json& value, const json& schema) const {
  std::vector<std::string> problems;
  check(value, schema, "", problems);
  return problems;
}

void OpenApiDocument::check(const json& value, const json& schema_node, const std::string& where,
                            std::vector<std::string>& problems) const {
  const auto& schema = resolve(schema_node);
  if (!schema.is_object()) return;  // `{}` or `true`: anything goes
  if (value.is_null() && schema.value("nullable", false)) return;

  if (schema.contains("allOf")) {
    for (const auto& part : schema["allOf"]) check(value, part, where, problems);
  }
  for (const char* key : {"anyOf", "oneOf"}) {
    if (!schema.contains(key)) continue;
    std::vector<std::string> closest;
    bool fits = false;
    for (const auto& option : schema[key]) {
      std::vector<std::string> mismatches;
      check(value, option, where, mismatches);
      if (mismatches.empty()) {
        fits = true;
        break;
      }
      if (closest.empty() || mismatches.size() < closest.size()) closest = std::move(mismatches);
    }
    if (!fits) {
      problems.push_back(at(where) + ": fits none of " + key +
                         (closest.empty() ? std::string() : "; the closest option says: " + closest.front()));
    }
  }

  if (schema.contains("enum") &&
      std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
    problems.push_back(at(where) + ": " + value.dump() + " is not one of " + schema["enum"].dump());
  }
  if (!schema.contains("type")) return;
  const auto type = schema["type"].get<std::string>();
  if (!has_type(value, type)) {
    problems.push_back(at(where) + ": expected " + type + (schema.value("nullable", false) ? " or null" : "") +
                       ", got " + type_of(value) + " " + value.dump());
    return;
  }

  if (type == "object") {
    const auto& properties = schema.value("properties", json::object());
    for (const auto& name : schema.value("required", json::array())) {
      if (!value.contains(name.get<std::string>())) {
        problems.push_back(at(where) + ": required property `" + name.get<std::string>() + "` is missing");
      }
    }
    const auto extra = schema.value("additionalProperties", json(true));
    for (const auto& [name, member] : value.items()) {
      const auto inner = where + "/" + pointer_key(name);
      if (properties.contains(name)) {
        check(member, properties[name], inner, problems);
      } else if (extra.is_boolean() && !extra.get<bool>()) {
        problems.push_back(at(where) + ": property `" + name + "` is not in the schema");
      } else if (extra.is_object()) {
        check(member, extra, inner, problems);
      }
    }
  } else if (type == "array") {
    if (schema.contains("minItems") && value.size() < schema["minItems"].get<std::size_t>()) {
      problems.push_back(at(where) + ": " + std::to_string(value.size()) + " items, fewer than minItems " +
                         schema["minItems"].dump());
    }
    if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<std::size_t>()) {
      problems.push_back(at(where) + ": " + std::to_string(value.size()) + " items, more than maxItems " +
                         schema["maxItems"].dump());
    }
    if (schema.contains("items")) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        check(value[i], schema["items"], where + "/" + std::to_string(i), problems);
      }
    }
  } else if (type == "integer" || type == "number") {
    if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>()) {
      problems.push_back(at(where) + ": " + value.dump() + " is below the minimum " + schema["minimum"].dump());
    }
    if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>()) {
      problems.push_back(at(where) + ": " + value.dump() + " is above the maximum " + schema["maximum"].dump());
    }
  } else if (type == "string") {
    const auto text = value.get<std::string>();
    if (schema.contains("pattern") && !std::regex_search(text, std::regex(schema["pattern"].get<std::string>()))) {
      problems.push_back(at(where) + ": " + value.dump() + " does not match " + schema["pattern"].get<std::string>());
    }
    static const std::regex kDateTime(R"(\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))");
    if (schema.value("format", "") == "date-time" && !std::regex_match(text, kDateTime)) {
      problems.push_back(at(where) + ": " + value.dump() + " is not an RFC 3339 date-time");
    }
  }
}

std::string join_problems(const std::vector<std::string>& problems) {
  std::string out;
  for (const auto& problem : problems) out += "\n  " + problem;
  return out;
}

}  // namespace qself::testing
