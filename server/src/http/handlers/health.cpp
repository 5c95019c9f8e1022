// /health and /openapi.yaml: for operators and API clients; no login needed.

#include "http/api.hpp"

namespace qself::embedded {
extern const std::string_view openapi_yaml;
}

namespace qself::http {

void add_health_routes(Router& router, Services& services) {
  router.add("GET", "/health", Access::anyone, [&](Request&) {
    nlohmann::json checks;
    bool healthy = true;
    try {
      auto connection = services.db.connect();
      connection->query_integer("SELECT 1");
      checks["database"] = "ok";
    } catch (const std::exception&) {
      checks["database"] = "unavailable";
      healthy = false;
    }
    // Redis only carries the queue and the cache: without it qself still serves, slower.
    const bool redis_up = services.cache.version(0).has_value();
    checks["redis"] = redis_up ? "ok" : "unavailable";
    const char* status = !healthy ? "unavailable" : redis_up ? "ok" : "degraded";
    return Response::json(healthy ? 200 : 503, {{"status", status}, {"checks", checks}});
  });

  router.add("GET", "/openapi.yaml", Access::anyone, [](Request&) {
    Response response;
    response.body = std::string(embedded::openapi_yaml);
    response.content_type = "application/yaml";
    return response;
  });
}

}  // namespace qself::http
