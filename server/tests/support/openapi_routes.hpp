#pragma once
// Reads the (METHOD, path) pairs of openapi.yaml's `paths:` section.

#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>

namespace qself::testing {

inline std::set<std::pair<std::string, std::string>> openapi_routes(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file);
  std::set<std::pair<std::string, std::string>> routes;
  std::string line, path;
  bool in_paths = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != ' ' && line[0] != '#') in_paths = line.rfind("paths:", 0) == 0;
    if (!in_paths) continue;
    if (line.rfind("  /", 0) == 0 && line.back() == ':') {
      path = line.substr(2, line.size() - 3);
    } else if (line.size() > 4 && line.rfind("    ", 0) == 0 && line[4] != ' ' && line.back() == ':') {
      std::string method = line.substr(4, line.size() - 5);
      if (method == "parameters") continue;
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      routes.emplace(method, path);
    }
  }
  return routes;
}

}  // namespace qself::testing
