#include "http/router.hpp"

#include <string_view>

namespace qself::http {
namespace {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) parts.push_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

bool is_id(std::string_view text) {
  if (text.empty() || text.size() > 18 || text[0] == '0') return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool matches(std::string_view pattern, std::string_view path, std::map<std::string, std::string>* params) {
  const auto want = split(pattern);
  const auto got = split(path);
  if (want.size() != got.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].front() == '{') {
      // {id} and {…_id} take a positive whole number; any other name one
      // short segment, which its handler reads (a {date}).
      const auto name = want[i].substr(1, want[i].size() - 2);
      const bool id = name == "id" || name.ends_with("_id");
      if (id ? !is_id(got[i]) : got[i].empty() || got[i].size() > 64) return false;
      if (params) (*params)[std::string(name)] = std::string(got[i]);
    } else if (want[i] != got[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Access access, Handler handler, Body body, Lane lane) {
  m_routes.push_back(Route{std::move(method), std::move(pattern), access, std::move(handler), body, lane});
}

Router::Match Router::match(const std::string& method, const std::string& path, Request& request) const {
  Match result;
  for (const Route& route : m_routes) {
    if (!matches(route.pattern, path, nullptr)) continue;
    result.path_known = true;
    if (route.method == method) {
      matches(route.pattern, path, &request.path_params);
      result.route = &route;
      return result;
    }
  }
  return result;
}

}  // namespace qself::http
