#pragma once
// A whole qself for background-job tests: a real Redis, the real maildev, a
// fresh SQLite file, `qself serve`, and workers and schedulers started on demand
// with short leases and ticks so that recovery shows within seconds.

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "support/maildev_process.hpp"
#include "support/redis_process.hpp"
#include "support/server_process.hpp"
#include "util/time.hpp"

namespace qself::testing {

// The skew that puts the processes' clock at `rfc3339`.
inline std::string skew_to(const std::string& rfc3339) {
  const auto wanted = util::parse_rfc3339(rfc3339)->utc;
  const auto real = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return std::to_string((wanted - real).count());
}

struct JobsTest : ::testing::Test {
  TempDir dir;
  RedisProcess redis;
  MaildevProcess maildev;
  std::map<std::string, std::string> env = {
      {"QSELF_REDIS_URL", redis.url()},
      {"QSELF_SMTP_URL", "smtp://127.0.0.1:" + std::to_string(maildev.smtp_port())},
      {"QSELF_PUBLIC_URL", "http://qself.test"},
      {"QSELF_MAIL_FROM", "qself <qself@qself.test>"},
      {"QSELF_JOB_LEASE_SECONDS", "3"},
      {"QSELF_JOB_RETRY_SECONDS", "1"},
      {"QSELF_SCHEDULER_TICK_MS", "200"},
      {"QSELF_REQUEUE_AFTER_SECONDS", "2"},
      {"QSELF_SMTP_TIMEOUT_MS", "2000"},
  };
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<Client> api;

  void start_server(std::map<std::string, std::string> extra = {}) {
    auto all = env;
    for (auto& [key, value] : extra) all[key] = value;
    server = std::make_unique<ServerProcess>(dir.path(), all, "serve");
    api = std::make_unique<Client>(server->port());
  }
  std::unique_ptr<ServerProcess> start(const std::string& command, std::map<std::string, std::string> extra = {}) {
    auto all = env;
    for (auto& [key, value] : extra) all[key] = value;
    return std::make_unique<ServerProcess>(dir.path(), all, command);
  }
  // Polls `condition` every 50 ms for up to `timeout`.
  template <typename Condition>
  static bool eventually(Condition condition, std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (condition()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return condition();
  }
};

}  // namespace qself::testing
