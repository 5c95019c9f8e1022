// POST /exports queues one export at a time per user: asked again while one
// waits, it answers that job instead of queueing another (no worker runs here,
// so the first one keeps waiting).

#include <gtest/gtest.h>

#include "support/server_process.hpp"

using nlohmann::json;
using qself::testing::TestServer;

TEST(Exports, ASecondRequestWhileOneIsPendingAnswersTheSameJob) {
  TestServer server;
  const std::string ada = server.client.sign_up("ada@example.org");
  const auto first = server.client.post("exports", {{"format", "json"}}, ada);
  ASSERT_EQ(first.status, 202) << first.raw;
  EXPECT_EQ(first.body["job"]["status"], "queued");

  for (const json& body : {json{{"format", "json"}}, json{{"format", "csv"}}, json::object()}) {
    const auto again = server.client.post("exports", body, ada);
    EXPECT_EQ(again.status, 200) << body.dump() << " " << again.raw;
    EXPECT_EQ(again.body["job"]["id"], first.body["job"]["id"]) << again.raw;
    EXPECT_EQ(again.body["job"]["status"], "queued");
    EXPECT_EQ(again.body["job"]["format"], "json") << "the job answered makes JSON, whatever was asked now";
  }
  // A request that is refused does not count, and another user has their own.
  EXPECT_EQ(server.client.post("exports", {{"format", "xml"}}, ada).status, 422);
  const std::string grace = server.client.sign_up("grace@example.org");
  const auto theirs = server.client.post("exports", {{"format", "csv"}}, grace);
  EXPECT_EQ(theirs.status, 202) << theirs.raw;
  EXPECT_EQ(theirs.body["job"]["format"], "csv");
  EXPECT_NE(theirs.body["job"]["id"], first.body["job"]["id"]);
}
