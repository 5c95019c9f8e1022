// Bad requests get a clear 4xx in the one error shape, and change nothing.

#include <gtest/gtest.h>

#include "support/server_process.hpp"

using nlohmann::json;
using qself::testing::TestServer;

TEST(HttpErrors, MalformedBodiesAre400) {
  TestServer server;
  const std::string token = server.client.sign_up("ada@example.org");
  for (const char* body : {"{\"name\": ", "[1,2]", "\"text\"", "null"}) {
    const auto reply = server.client.request_raw("POST", "/api/v1/trackers", body, "application/json", token);
    EXPECT_EQ(reply.status, 400) << body;
    EXPECT_EQ(reply.error_code(), "bad_request");
    EXPECT_TRUE(reply.body["request_id"].is_string());
    EXPECT_EQ(reply.headers.at("x-request-id"), reply.body["request_id"]);
  }
  const auto empty = server.client.request_raw("POST", "/api/v1/trackers", "", "application/json", token);
  EXPECT_EQ(empty.status, 400);
  EXPECT_TRUE(server.client.get("trackers", token).body["items"].empty());
}

TEST(HttpErrors, ABodyThatIsNotJsonIs415) {
  TestServer server;
  const auto reply =
      server.client.request_raw("POST", "/api/v1/auth/register", "email=a@b.c", "application/x-www-form-urlencoded");
  EXPECT_EQ(reply.status, 415);
  EXPECT_EQ(reply.error_code(), "unsupported_media_type");
}

TEST(HttpErrors, AnOversizedBodyIs413) {
  TestServer server;
  const std::string token = server.client.sign_up("ada@example.org");
  const std::string huge = "{\"name\":\"" + std::string(1 << 21, 'x') + "\"}";
  const auto reply = server.client.request_raw("POST", "/api/v1/trackers", huge, "application/json", token);
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(reply.error_code(), "payload_too_large");
}

TEST(HttpErrors, UnknownRoutesAre404AndWrongMethods405) {
  TestServer server;
  const std::string token = server.client.sign_up("ada@example.org");
  EXPECT_EQ(server.client.get("nothing-here", token).status, 404);
  EXPECT_EQ(server.client.get("/api/v2/trackers").status, 404);
  EXPECT_EQ(server.client.get("trackers/abc", token).status, 404);
  EXPECT_EQ(server.client.get("trackers/0", token).status, 404);
  EXPECT_EQ(server.client.get("trackers/-1", token).status, 404);
  const auto wrong = server.client.request("PUT", "trackers", json::object(), token);
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.error_code(), "method_not_allowed");
}

TEST(HttpErrors, HeadAnswersEveryGetRouteWithoutABody) {
  TestServer server;
  const std::string token = server.client.sign_up("ada@example.org");
  const auto get = server.client.get("trackers", token);
  const auto head = server.client.request("HEAD", "trackers", std::nullopt, token);
  EXPECT_EQ(head.status, 200) << head.raw;
  EXPECT_TRUE(head.raw.empty());
  EXPECT_EQ(head.headers.at("etag"), get.headers.at("etag")) << "the same answer, less its body";
  EXPECT_EQ(server.client.request("HEAD", "health").status, 200);
  EXPECT_EQ(server.client.request("HEAD", "me").status, 401) << "no token, as for GET";
  EXPECT_EQ(server.client.request("HEAD", "auth/login").status, 405) << "a route without GET";
}

TEST(HttpErrors, ApiResponsesAreNeverKeptBySharedCaches) {
  TestServer server;
  const auto reply = server.client.get("health");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.headers.at("cache-control"), "no-cache");
  const std::string token = server.client.sign_up("ada@example.org");
  for (const char* path : {"me", "trackers"}) {
    EXPECT_EQ(server.client.get(path, token).headers.at("cache-control"), "no-store") << path;
  }
  EXPECT_EQ(reply.headers.at("x-content-type-options"), "nosniff");
  const auto refused = server.client.post("auth/login", {{"email", "x@example.org"}, {"password", "12345678"}});
  EXPECT_EQ(refused.headers.at("cache-control"), "no-store");
}

TEST(Health, ReportsEachDependency) {
  TestServer server;
  const auto reply = server.client.get("health");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body["checks"]["database"], "ok");
  // These API tests run without Redis: qself serves, degraded.
  EXPECT_EQ(reply.body["checks"]["redis"], "unavailable");
  EXPECT_EQ(reply.body["status"], "degraded");
}

TEST(WebApp, DeepLinksFallBackToTheAppAndMissingAssetsAre404) {
  TestServer server;
  const auto root = server.client.get("/");
  EXPECT_EQ(root.status, 200);
  EXPECT_NE(root.headers.at("content-type").find("text/html"), std::string::npos);
  EXPECT_EQ(server.client.get("/trackers/12").status, 200);
  EXPECT_EQ(server.client.get("/assets/missing-abc123.js").status, 404);
  EXPECT_EQ(server.client.request("POST", "/trackers", json::object()).status, 405);
}

TEST(HttpErrors, AnUploadWithoutATokenIsRefusedBeforeItIsRead) {
  TestServer server;
  const std::string file(4 << 20, 'x');  // 4 MiB: discarded as it arrives, never held
  const auto reply = server.client.request_raw("POST", "/api/v1/imports", file, "application/octet-stream");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.error_code(), "unauthorized");
  std::string connection = reply.headers.at("connection");
  for (auto& c : connection) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(connection, "close");
}
