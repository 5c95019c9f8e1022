#pragma once
// Reads the YAML that openapi.yaml is written in into JSON, for tests that check
// the server against the spec. Not a general YAML parser: block mappings and
// sequences by indentation, `[a, b]` and `{}` flow collections on one line,
// plain, 'single'- and "double"-quoted scalars (true/false/null, numbers), and
// `|` / `>` block scalars. Anchors, tags, multi-document files and flow
// collections over several lines are not supported.

#include <istream>
#include <nlohmann/json.hpp>
#include <string>

namespace qself::testing {

// Throws std::runtime_error, naming the line, on input it cannot read.
nlohmann::json read_yaml(std::istream& in);
nlohmann::json read_yaml_file(const std::string& path);

}  // namespace qself::testing
