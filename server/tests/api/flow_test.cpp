// The whole journey of one user, start to finish, as the issue describes it.

#include <gtest/gtest.h>

#include "support/server_process.hpp"

using nlohmann::json;
using qself::testing::TestServer;

TEST(Flow, RegisterTrackLogEditChangeTypeDeleteLogout) {
  TestServer server;
  auto& api = server.client;
  ASSERT_EQ(api.post("auth/register", {{"email", "grace@example.org"},
                                       {"password", "hopper-1906"},
                                       {"name", "Grace"},
                                       {"timezone", "America/New_York"}})
                .status,
            201);
  const auto login = api.post("auth/login", {{"email", "grace@example.org"}, {"password", "hopper-1906"}});
  ASSERT_EQ(login.status, 200);
  const std::string token = login.body["token"];

  const std::vector<std::pair<json, json>> trackers = {
      {{{"name", "Weight"}, {"type", "numeric"}, {"unit", "kg"}, {"options", {{"decimals", 1}}}}, 61.4},
      {{{"name", "Flossed"}, {"type", "boolean"}}, true},
      {{{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"low", "fine", "high"}}}}}, "high"},
      {{{"name", "Focus"}, {"type", "rating"}, {"options", {{"scale", 10}}}}, 8},
      {{{"name", "Reading"}, {"type", "duration"}, {"frequency", "weekly"}}, 2700},
      {{{"name", "Gratitude"}, {"type", "text"}}, "COBOL compiled first time"},
  };
  std::map<std::string, std::string> paths;
  for (const auto& [fields, value] : trackers) {
    const std::string path = api.create_tracker(fields, token);
    paths[fields["name"]] = path;
    const auto logged = api.post(path + "/logs", {{"value", value}}, token);
    ASSERT_EQ(logged.status, 201) << logged.raw;
    EXPECT_EQ(logged.body["value"], value);
  }
  EXPECT_EQ(api.get("trackers", token).body["items"].size(), 6u);

  // Edit a log.
  const auto weight_logs = api.get(paths["Weight"] + "/logs", token).body["items"];
  const std::string log_path = paths["Weight"] + "/logs/" + std::to_string(weight_logs[0]["id"].get<int>());
  EXPECT_EQ(api.patch(log_path, {{"value", 61.2}, {"note", "after run"}}, token).body["value"], 61.2);

  // Change a type: the focus rating becomes a number, keeping its log.
  EXPECT_EQ(api.patch(paths["Focus"], {{"type", "numeric"}}, token).status, 200);
  EXPECT_EQ(api.get(paths["Focus"] + "/logs", token).body["items"][0]["value"], 8);

  // Delete a log and a tracker.
  EXPECT_EQ(api.del(log_path, token).status, 204);
  EXPECT_TRUE(api.get(paths["Weight"] + "/logs", token).body["items"].empty());
  EXPECT_EQ(api.del(paths["Gratitude"], token).status, 204);
  EXPECT_EQ(api.get("trackers", token).body["items"].size(), 5u);

  EXPECT_EQ(api.request("POST", "auth/logout", std::nullopt, token).status, 204);
  EXPECT_EQ(api.get("trackers", token).status, 401);
}
