// Several `qself serve` behind a real HAProxy, run from the configuration the
// deployment guide ships (support/haproxy_process.hpp): one database, one
// Redis. A write through any server is seen by the next read through any
// other, cache included; a server killed -9 under load loses no acknowledged
// write, and the balancer routes around it.
//
// The servers share a SQLite file here (the backend the other suites pick
// with QSELF_TEST_BACKEND applies to them as to every ServerProcess).

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "support/haproxy_process.hpp"
#include "support/redis_process.hpp"
#include "support/server_process.hpp"

using qself::testing::Client;
using qself::testing::HaproxyProcess;
using qself::testing::RedisProcess;
using qself::testing::ServerProcess;
using qself::testing::TempDir;

namespace {

struct BalancerTest : ::testing::Test {
  TempDir dir;
  RedisProcess redis;
  std::map<std::string, std::string> env{{"QSELF_REDIS_URL", redis.url()}, {"QSELF_TRUSTED_PROXIES", "127.0.0.1"}};
  std::unique_ptr<ServerProcess> first = std::make_unique<ServerProcess>(dir.path(), env);
  ServerProcess second{dir.path(), env};
  HaproxyProcess balancer{{first->port(), second.port()}};
  Client api{balancer.port()};
};

}  // namespace

TEST_F(BalancerTest, AnswersOverTlsAndChecksTheServersHealth) {
  const auto result = qself::testing::run_command(
      "curl -sk --max-time 10 https://127.0.0.1:" + std::to_string(balancer.tls_port()) + "/api/v1/health");
  EXPECT_EQ(result.status, 0);
  EXPECT_NE(result.output.find("\"status\":\"ok\""), std::string::npos) << result.output << "\n" << balancer.config();
}

TEST_F(BalancerTest, AWriteThroughAnyServerIsSeenByTheNextReadThroughAnyOther) {
  const std::string token = api.sign_up("ada@example.org");
  const std::string tracker = api.create_tracker({{"name", "Water"}, {"type", "numeric"}}, token);
  const std::string logs = tracker + "/logs";
  const Client one(first->port());
  const Client two(second.port());
  std::multiset<int> stored;
  for (int value = 1; value <= 10; ++value) {
    // Each server caches the page, then a write through the balancer (either server).
    EXPECT_EQ(one.log_values(tracker, token), stored);
    EXPECT_EQ(two.log_values(tracker, token), stored);
    ASSERT_EQ(api.post(logs, {{"value", value}}, token).status, 201);
    stored.insert(value);
    EXPECT_EQ(one.log_values(tracker, token), stored) << "after the write of " << value;
    EXPECT_EQ(two.log_values(tracker, token), stored) << "after the write of " << value;
    EXPECT_EQ(api.log_values(tracker, token), stored) << "after the write of " << value;
  }
}

TEST_F(BalancerTest, AServerKilledUnderLoadLosesNoAcknowledgedWriteAndIsRoutedAround) {
  const std::string token = api.sign_up("ada@example.org");
  const std::string tracker = api.create_tracker({{"name", "Steps"}, {"type", "numeric"}}, token);
  const std::string logs = tracker + "/logs";
  std::mutex mutex;
  std::set<int> acknowledged;
  std::atomic<int> answered{0};
  std::atomic<bool> killed{false};
  std::atomic<bool> stop{false};
  std::atomic<int> after_kill{0};         // writes answered 201 once the balancer had seen the server go
  std::atomic<int> failed_after_kill{0};  // and writes that failed then
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; !stop && i < 100000; ++i) {
        const int value = w * 1000000 + i;
        const auto reply = api.post(logs, {{"value", value}}, token);
        ++answered;
        const bool routed_around = killed;
        if (reply.status == 201) {
          std::lock_guard lock(mutex);
          acknowledged.insert(value);
          if (routed_around) ++after_kill;
        } else if (routed_around) {
          ++failed_after_kill;
        }
      }
    });
  }
  while (answered < 200) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  first->kill_hard();  // mid-load, with requests in flight on it
  // Two failed checks 200 ms apart take it out; give the balancer a second.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  after_kill = 0;
  failed_after_kill = 0;
  killed = true;
  const int before = answered;
  while (answered < before + 200) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  stop = true;
  for (auto& writer : writers) writer.join();

  EXPECT_EQ(failed_after_kill, 0) << "the balancer routes around the dead server";
  EXPECT_GE(after_kill, 200);
  const auto stored = api.log_values(tracker, token);
  const std::set<int> distinct(stored.begin(), stored.end());
  EXPECT_EQ(distinct.size(), stored.size()) << "no write twice";
  for (const int value : acknowledged) EXPECT_TRUE(distinct.contains(value)) << value << " was acknowledged but lost";
}
