// HTTP caching: ETag / If-None-Match answers 304 until the data changes, and
// bodies worth it are gzip-compressed for clients that accept it.

#include <Poco/InflatingStream.h>
#include <gtest/gtest.h>

#include <sstream>

#include "support/server_process.hpp"

using nlohmann::json;
using qself::testing::TestServer;

namespace {

std::string gunzip(const std::string& data) {
  std::istringstream in(data);
  Poco::InflatingInputStream inflater(in, Poco::InflatingStreamBuf::STREAM_GZIP);
  std::ostringstream out;
  out << inflater.rdbuf();
  return out.str();
}

}  // namespace

TEST(HttpCache, AnUnchangedListAnswers304AndAChangeAFreshBody) {
  TestServer server;
  const std::string token = server.client.sign_up("ada@example.org");
  const std::string logs =
      "/api/v1/" + server.client.create_tracker({{"name", "Water"}, {"type", "numeric"}}, token) + "/logs";

  const auto first = server.client.request_raw("GET", logs, "", "", token);
  ASSERT_EQ(first.status, 200);
  const std::string etag = first.headers.at("etag");
  EXPECT_EQ(first.headers.at("cache-control"), "no-store") << "a user's data is kept by no cache";

  const auto again = server.client.request_raw("GET", logs, "", "", token, {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.raw.empty());

  ASSERT_EQ(server.client.post(logs, {{"value", 3}}, token).status, 201);
  const auto changed = server.client.request_raw("GET", logs, "", "", token, {{"If-None-Match", etag}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_NE(changed.headers.at("etag"), etag);
  EXPECT_EQ(changed.body["items"].size(), 1u);
}

TEST(HttpCache, AnotherUsersTagNeverUnlocksTheirBody) {
  TestServer server;
  const std::string ada = server.client.sign_up("ada@example.org");
  const std::string eve = server.client.sign_up("eve@example.org");
  ASSERT_EQ(server.client.post("trackers", {{"name", "Secret"}, {"type", "numeric"}}, ada).status, 201);
  const auto adas = server.client.request_raw("GET", "/api/v1/trackers", "", "", ada);
  const auto eves =
      server.client.request_raw("GET", "/api/v1/trackers", "", "", eve, {{"If-None-Match", adas.headers.at("etag")}});
  EXPECT_EQ(eves.status, 200);
  EXPECT_EQ(eves.raw.find("Secret"), std::string::npos);
}

TEST(HttpCache, LargeJsonIsGzippedForClientsThatAcceptIt) {
  TestServer server;
  const std::string token = server.client.sign_up("ada@example.org");
  for (int i = 0; i < 12; ++i) {
    ASSERT_EQ(
        server.client
            .post(
                "trackers",
                {{"name", "Tracker " + std::to_string(i)}, {"type", "numeric"}, {"description", std::string(100, 'd')}},
                token)
            .status,
        201);
  }
  const auto plain = server.client.request_raw("GET", "/api/v1/trackers", "", "", token);
  EXPECT_EQ(plain.headers.count("content-encoding"), 0u);
  const auto zipped =
      server.client.request_raw("GET", "/api/v1/trackers", "", "", token, {{"Accept-Encoding", "gzip, br"}});
  ASSERT_EQ(zipped.status, 200);
  EXPECT_EQ(zipped.headers.at("content-encoding"), "gzip");
  EXPECT_EQ(zipped.headers.at("vary"), "Accept-Encoding");
  EXPECT_LT(zipped.raw.size(), plain.raw.size() / 3);
  EXPECT_EQ(json::parse(gunzip(zipped.raw)), plain.body);
  const auto refused =
      server.client.request_raw("GET", "/api/v1/trackers", "", "", token, {{"Accept-Encoding", "gzip;q=0"}});
  EXPECT_EQ(refused.headers.count("content-encoding"), 0u);
}
