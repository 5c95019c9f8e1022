// /health and /openapi.yaml: for operators and API clients; no login needed.

#include "http/api.hpp"

namespace qself::embedded {
extern const std::string_view openapi_yaml;
}

namespace qself::http {

void add_health_routes(Router& router, Services& services) {
  router.add("GET", "/health", Access::anyone, [&](Request&) {
    const auto health = services.health.check();
    // Without Redis qself still serves, slower: degraded, not down.
    const char* status = !health.database ? "unavailable" : health.redis ? "ok" : "degraded";
    const nlohmann::json checks = {{"database", health.database ? "ok" : "unavailable"},
                                   {"redis", health.redis ? "ok" : "unavailable"}};
    return Response::json(health.database ? 200 : 503, {{"status", status}, {"checks", checks}});
  });

  router.add("GET", "/openapi.yaml", Access::anyone, [](Request&) {
    Response response;
    response.body = std::string(embedded::openapi_yaml);
    response.content_type = "application/yaml";
    return response;
  });
}

}  // namespace qself::http
