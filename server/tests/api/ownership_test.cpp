// No user ever sees or touches another user's data: every route that takes an
// id answers 404 for someone else's tracker or log, whatever the method.

#include <gtest/gtest.h>

#include "support/openapi_routes.hpp"
#include "support/server_process.hpp"

using nlohmann::json;
using qself::testing::TestServer;

namespace {

std::string fill(std::string pattern, const std::string& tracker_id, const std::string& log_id) {
  for (const auto& [name, value] : {std::pair{std::string("{id}"), tracker_id}, {std::string("{log_id}"), log_id}}) {
    const auto at = pattern.find(name);
    if (at != std::string::npos) pattern.replace(at, name.size(), value);
  }
  return pattern;
}

}  // namespace

TEST(Ownership, EveryRouteWithAnIdHidesAnotherUsersObjects) {
  TestServer server;
  const std::string ada = server.client.sign_up("ada@example.org");
  const std::string eve = server.client.sign_up("eve@example.org");

  const auto tracker = server.client.post("trackers", {{"name", "Secret"}, {"type", "numeric"}}, ada);
  const std::string tracker_id = std::to_string(tracker.body["id"].get<int>());
  const auto log = server.client.post("trackers/" + tracker_id + "/logs", {{"value", 42}, {"note", "private"}}, ada);
  const std::string log_id = std::to_string(log.body["id"].get<int>());

  // Eve's own tracker: Ada's log id under Eve's tracker must not be reachable either.
  const auto eve_tracker = server.client.post("trackers", {{"name", "Mine"}, {"type", "numeric"}}, eve);
  const std::string eve_tracker_id = std::to_string(eve_tracker.body["id"].get<int>());

  const json body = {{"value", 1}, {"name", "Stolen"}, {"type", "numeric"}, {"ids", {tracker.body["id"]}}};
  int checked = 0;
  for (const auto& [method, pattern] :
       qself::testing::openapi_routes(std::string(QSELF_SOURCE_DIR) + "/openapi.yaml")) {
    if (pattern.find("{id}") == std::string::npos) continue;
    for (const auto& owner_tracker : {tracker_id, eve_tracker_id}) {
      if (owner_tracker == eve_tracker_id && pattern.find("{log_id}") == std::string::npos) continue;
      const std::string path = fill(pattern, owner_tracker, log_id);
      const auto reply =
          server.client.request(method, path.substr(1),
                                method == "GET" || method == "DELETE" ? std::nullopt : std::optional<json>(body), eve);
      EXPECT_EQ(reply.status, 404) << method << " " << path << " → " << reply.raw;
      EXPECT_EQ(reply.raw.find("private"), std::string::npos);
      EXPECT_EQ(reply.raw.find("Secret"), std::string::npos);
      ++checked;
    }
  }
  EXPECT_GE(checked, 8);
  // Reordering with someone else's id is refused too.
  EXPECT_EQ(server.client.post("trackers/reorder", {{"ids", {tracker.body["id"]}}}, eve).status, 404);

  // Eve's list holds only her own tracker, and Ada's data is untouched.
  const auto eve_list = server.client.get("trackers?archived=all", eve).body["items"];
  ASSERT_EQ(eve_list.size(), 1u);
  EXPECT_EQ(eve_list[0]["name"], "Mine");
  const auto ada_tracker = server.client.get("trackers/" + tracker_id, ada);
  EXPECT_EQ(ada_tracker.body["name"], "Secret");
  const auto ada_logs = server.client.get("trackers/" + tracker_id + "/logs", ada).body["items"];
  ASSERT_EQ(ada_logs.size(), 1u);
  EXPECT_EQ(ada_logs[0]["value"], 42);
}
