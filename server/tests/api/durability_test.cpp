// A log that was acknowledged survives the server being killed (kill -9).

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
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

// Accounts writing at once (on PostgreSQL side by side, each under its own
// lock, two writers per account taking turns) while writes that must run
// alone come between them (new accounts, which take the writer lock
// exclusively): every write is answered 201 and stored once, and no lock
// order makes one wait into a 503 or a deadlock.
TEST(Durability, AccountsWritingAtOnceBesidePlainWritesAllLand) {
  TempDir dir;
  ServerProcess server(dir.path());
  const Client client(server.port());
  constexpr int kAccounts = 6;
  constexpr int kLogs = 30;
  std::vector<std::string> tokens;
  std::vector<std::string> trackers;
  for (int a = 0; a < kAccounts; ++a) {
    tokens.push_back(client.sign_up("writer" + std::to_string(a) + "@example.org"));
    trackers.push_back(client.create_tracker({{"name", "Steps"}, {"type", "numeric"}}, tokens.back()));
  }
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int a = 0; a < kAccounts; ++a) {
    for (int half = 0; half < 2; ++half) {  // two writers per account
      threads.emplace_back([&, a, half] {
        for (int i = 0; i < kLogs / 2; ++i) {
          const auto reply = client.post(trackers[a] + "/logs", {{"value", half * 100 + i}}, tokens[a]);
          if (reply.status != 201) ++refused;
        }
      });
    }
  }
  threads.emplace_back([&] {
    for (int i = 0; i < 3; ++i) {
      try {
        client.sign_up("newcomer" + std::to_string(i) + "@example.org");
      } catch (const std::exception&) {
        ++refused;
      }
    }
  });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(refused.load(), 0);
  for (int a = 0; a < kAccounts; ++a) {
    std::multiset<int> expected;
    for (int half = 0; half < 2; ++half) {
      for (int i = 0; i < kLogs / 2; ++i) expected.insert(half * 100 + i);
    }
    EXPECT_EQ(client.log_values(trackers[a], tokens[a]), expected) << "account " << a;
  }
}
