// openapi.yaml and the server's route table describe the same API.

#include <gtest/gtest.h>

#include "http/api.hpp"
#include "support/openapi_routes.hpp"
#include "support/openapi_schema.hpp"
#include "support/server_process.hpp"

using qself::testing::join_problems;
using qself::testing::openapi_routes;
using qself::testing::OpenApiDocument;
using qself::testing::Reply;

TEST(OpenApi, EveryRegisteredRouteIsDocumentedAndViceVersa) {
  qself::testing::TempDir dir;
  auto db = qself::store::open_database("sqlite:" + dir.path() + "/routes.db");
  struct : qself::services::JobPublisher {
    void publish(std::int64_t) noexcept override {}
  } nowhere;  // routes are only listed here, never called
  qself::services::SessionService sessions(*db, nowhere, "http://qself.test", {});
  qself::services::ProfileService profile(*db);
  qself::services::TrackerService trackers(*db);
  qself::services::LogService logs(*db);
  qself::services::StatsService stats(*db);
  qself::services::JobService jobs(*db, nowhere);
  qself::services::PasswordService passwords(*db, nowhere, "http://qself.test");
  qself::services::ImportService imports(*db);
  qself::services::HealthService health(*db, qself::services::no_cache());
  qself::services::PushService push(*db, nowhere, {});
  qself::http::NoResponseCache responses;
  qself::http::Services services{sessions, passwords, profile, trackers, logs,     stats,
                                 jobs,     imports,   health,  push,     responses};
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

namespace {

const OpenApiDocument& spec() {
  static const OpenApiDocument document(std::string(QSELF_SOURCE_DIR) + "/openapi.yaml");
  return document;
}

const nlohmann::json& schema(const std::string& name) { return spec().root()["components"]["schemas"][name]; }

// `reply` has `status` and a body that fits what the spec says `method route` answers with it.
void expect_documented(const Reply& reply, const std::string& method, const std::string& route, int status) {
  ASSERT_EQ(reply.status, status) << method << " " << route << ": " << reply.raw;
  const auto problems = spec().check_response(method, route, status, reply.body);
  EXPECT_TRUE(problems.empty()) << method << " " << route << " " << status
                                << " does not fit openapi.yaml:" << join_problems(problems)
                                << "\n  body: " << reply.raw;
}

const nlohmann::json kUser = {{"id", 1},
                              {"email", "ada@example.com"},
                              {"name", "Ada"},
                              {"timezone", "Europe/Paris"},
                              {"reminders", {{"enabled", true}, {"time", "20:00"}, {"monthly_report", false}}},
                              {"created_at", "2026-02-18T10:00:00Z"}};

}  // namespace

// The checker the response tests rely on sees each kind of mismatch.
TEST(OpenApi, TheSchemaCheckerFindsMissingWrongAndUndocumentedProperties) {
  EXPECT_TRUE(spec().check(kUser, schema("User")).empty()) << join_problems(spec().check(kUser, schema("User")));

  auto missing = kUser;
  missing.erase("reminders");
  EXPECT_EQ(spec().check(missing, schema("User")),
            std::vector<std::string>{"/: required property `reminders` is missing"});

  auto wrong_type = kUser;
  wrong_type["id"] = "1";
  EXPECT_EQ(spec().check(wrong_type, schema("User")),
            std::vector<std::string>{"/id: expected integer, got string \"1\""});

  auto undocumented = kUser;
  undocumented["password_hash"] = "x";
  EXPECT_EQ(spec().check(undocumented, schema("User")),
            std::vector<std::string>{"/: property `password_hash` is not in the schema"});

  auto nested = kUser;  // through User.reminders' $ref to ReminderSettings
  nested["reminders"]["time"] = "25:00";
  nested["reminders"].erase("enabled");
  EXPECT_EQ(spec().check(nested, schema("User")).size(), 2u) << join_problems(spec().check(nested, schema("User")));

  auto bad_time = kUser;
  bad_time["created_at"] = "2026-02-18 10:00";
  EXPECT_EQ(spec().check(bad_time, schema("User")).size(), 1u);

  const nlohmann::json log = {{"id", 3},
                              {"uid", "4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c43"},
                              {"tracker_id", 2},
                              {"value", nlohmann::json::array()},
                              {"logged_at", "2026-02-18T10:00:00+01:00"},
                              {"note", ""},
                              {"created_at", "2026-02-18T10:00:00Z"},
                              {"updated_at", "2026-02-18T10:00:00Z"}};
  EXPECT_EQ(spec().check(log, schema("Log")).size(), 1u) << "an array is none of LogValue's anyOf";
  EXPECT_EQ(spec().check(nullptr, schema("Target")).size(), 0u) << "Target is nullable";
  EXPECT_EQ(spec().check(nullptr, schema("Tracker")).size(), 1u);

  EXPECT_EQ(spec().check_response("GET", "/me", 418, kUser).size(), 1u) << "an undocumented status";
  EXPECT_EQ(spec().check_response("GET", "/nowhere", 200, kUser).size(), 1u) << "an undocumented route";
}

// A representative answer of each kind, from a real server, fits its schema in openapi.yaml.
TEST(OpenApi, ResponsesFitTheirSchemas) {
  qself::testing::TestServer server;
  const auto& client = server.client;
  const nlohmann::json account = {
      {"email", "shapes@example.com"}, {"password", "correct horse battery"}, {"timezone", "Europe/Paris"}};
  expect_documented(client.post("auth/register", account), "POST", "/auth/register", 201);
  const auto login = client.post("auth/login", {{"email", account["email"]}, {"password", account["password"]}});
  expect_documented(login, "POST", "/auth/login", 200);
  const std::string token = login.body.value("token", "");

  expect_documented(client.get("me", token), "GET", "/me", 200);
  expect_documented(client.patch("me", {{"name", "Ada"}, {"reminders", {{"time", "07:30"}}}}, token), "PATCH", "/me",
                    200);

  // One tracker of each type, so that every kind of options and value is rendered.
  const std::vector<std::pair<nlohmann::json, nlohmann::json>> trackers = {
      {{{"name", "Water"},
        {"type", "numeric"},
        {"options", {{"min", 0}, {"decimals", 0}}},
        {"target", {{"op", "at_least"}, {"value", 8}}}},
       2},
      {{{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"bad", "ok", "good"}}}}}, "good"},
      {{{"name", "Sleep quality"},
        {"type", "rating"},
        {"options", {{"scale", 3}, {"labels", {"poor", "fine", "great"}}}}},
       3},
      {{{"name", "Meditated"}, {"type", "boolean"}, {"frequency", "weekly"}}, true},
      {{{"name", "Run"}, {"type", "duration"}}, 1800},
      {{{"name", "Journal"}, {"type", "text"}}, "A quiet day."},
  };
  std::vector<std::int64_t> ids;
  for (const auto& [fields, value] : trackers) {
    const auto created = client.post("trackers", fields, token);
    expect_documented(created, "POST", "/trackers", 201);
    ids.push_back(created.body.value("id", std::int64_t{0}));
    const auto path = "trackers/" + std::to_string(ids.back());
    expect_documented(client.post(path + "/logs", {{"value", value}, {"note", "first"}}, token), "POST",
                      "/trackers/{id}/logs", 201);
    expect_documented(client.post(path + "/logs", {{"value", value}}, token), "POST", "/trackers/{id}/logs", 201);
    expect_documented(client.get(path + "/logs?limit=1", token), "GET", "/trackers/{id}/logs", 200);  // with `next`
    expect_documented(client.get(path + "/logs", token), "GET", "/trackers/{id}/logs", 200);
    expect_documented(client.get(path + "/stats", token), "GET", "/trackers/{id}/stats", 200);
    expect_documented(client.get(path, token), "GET", "/trackers/{id}", 200);
  }
  // The dashboard: every tracker with its summary.
  expect_documented(client.get("trackers", token), "GET", "/trackers", 200);
  expect_documented(client.patch("trackers/" + std::to_string(ids[0]), {{"target", nullptr}}, token), "PATCH",
                    "/trackers/{id}", 200);

  const auto phone = client.post("me/tokens", {{"name", "Phone"}}, token);
  expect_documented(phone, "POST", "/me/tokens", 201);
  expect_documented(client.get("me/tokens", phone.body["token"].get<std::string>()), "GET", "/me/tokens", 403);
  expect_documented(client.get("me/tokens", token), "GET", "/me/tokens", 200);
  expect_documented(client.get("me/sessions", token), "GET", "/me/sessions", 200);
  expect_documented(client.get("health"), "GET", "/health", 200);

  // Errors: the one error body, with and without `fields`.
  expect_documented(client.get("me"), "GET", "/me", 401);
  expect_documented(client.get("trackers/999999", token), "GET", "/trackers/{id}", 404);
  expect_documented(client.post("trackers", {{"name", ""}, {"type", "colour"}}, token), "POST", "/trackers", 422);
  expect_documented(client.post("trackers", {{"name", "Water"}, {"type", "numeric"}}, token), "POST", "/trackers", 409);
  expect_documented(client.get("trackers?archived=maybe", token), "GET", "/trackers", 400);
}
