// openapi.yaml and the server's route table describe the same API.

#include <gtest/gtest.h>

#include "http/api.hpp"
#include "support/openapi_routes.hpp"
#include "support/server_process.hpp"

using qself::testing::openapi_routes;

TEST(OpenApi, EveryRegisteredRouteIsDocumentedAndViceVersa) {
  qself::testing::TempDir dir;
  auto db = qself::store::open_database("sqlite:" + dir.path() + "/routes.db");
  qself::services::AuthService auth(*db, {});
  qself::services::TrackerService trackers(*db);
  qself::services::LogService logs(*db);
  qself::services::StatsService stats(*db);
  struct : qself::services::JobPublisher {
    void publish(std::int64_t) noexcept override {}
  } nowhere;  // routes are only listed here, never called
  qself::services::JobService jobs(*db, nowhere);
  qself::services::AccountService account(*db, nowhere, "http://qself.test");
  qself::services::ImportService imports(*db);
  qself::http::Services services{*db, auth, account, trackers, logs, stats, jobs, qself::services::no_cache(), imports};
  const auto router = qself::http::make_api_router(services);

  std::set<std::pair<std::string, std::string>> registered;
  for (const auto& route : router.routes()) registered.emplace(route.method, route.pattern);
  const auto documented = openapi_routes(std::string(QSELF_SOURCE_DIR) + "/openapi.yaml");

  for (const auto& route : registered) {
    EXPECT_TRUE(documented.count(route)) << route.first << " " << route.second << " is not in openapi.yaml";
  }
  for (const auto& route : documented) {
    EXPECT_TRUE(registered.count(route)) << route.first << " " << route.second << " is documented but not served";
  }
  EXPECT_GE(registered.size(), 15u);
}

TEST(OpenApi, TheServerServesTheDocument) {
  qself::testing::TestServer server;
  const auto reply = server.client.get("openapi.yaml");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.raw.rfind("openapi: 3", 0), 0u) << reply.raw.substr(0, 40);
  EXPECT_NE(reply.raw.find("/trackers/{id}/logs:"), std::string::npos);
}
