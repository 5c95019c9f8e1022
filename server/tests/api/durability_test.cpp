// A log that was acknowledged survives the server being killed (kill -9).

#include <gtest/gtest.h>

#include <thread>

#include "support/server_process.hpp"

using nlohmann::json;
using qself::testing::Client;
using qself::testing::ServerProcess;
using qself::testing::TempDir;

TEST(Durability, AcknowledgedLogsSurviveKillNine) {
  TempDir dir;
  std::string token;
  std::string logs;
  std::vector<int> acknowledged;
  {
    ServerProcess server(dir.path());
    Client client(server.port());
    token = client.sign_up("ada@example.org");
    logs = client.create_tracker({{"name", "Steps"}, {"type", "numeric"}}, token) + "/logs";
    // Two writers at once, then the process dies without any chance to flush.
    std::vector<std::thread> writers;
    std::mutex mutex;
    for (int w = 0; w < 2; ++w) {
      writers.emplace_back([&, w] {
        for (int i = 0; i < 100; ++i) {
          const int value = w * 1000 + i;
          if (client.post(logs, {{"value", value}}, token).status == 201) {
            std::lock_guard lock(mutex);
            acknowledged.push_back(value);
          }
        }
      });
    }
    for (auto& writer : writers) writer.join();
    server.kill_hard();
  }
  ASSERT_EQ(acknowledged.size(), 200u);

  ServerProcess restarted(dir.path());
  Client client(restarted.port());
  std::set<int> stored;
  const auto listed = client.get(logs + "?limit=500", token);
  for (const auto& item : listed.body["items"]) stored.insert(item["value"].get<int>());
  for (const int value : acknowledged) EXPECT_TRUE(stored.count(value)) << value << " was acknowledged but lost";
  EXPECT_EQ(stored.size(), acknowledged.size());
}
