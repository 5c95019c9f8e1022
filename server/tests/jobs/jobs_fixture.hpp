#pragma once
// A whole qself for background-job tests: a real Redis, the real maildev, a
// fresh SQLite file, `qself serve`, and workers and schedulers started on demand
// with short leases and ticks so that recovery shows within seconds. Every
// process runs on the test's pinned clock (support/test_clock.hpp), and users
// are signed up with reminder emails off, so only what a test asks for is sent.

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "redis/client.hpp"
#include "store/database.hpp"
#include "support/maildev_process.hpp"
#include "support/postgres_process.hpp"
#include "support/redis_process.hpp"
#include "support/server_process.hpp"
#include "support/test_clock.hpp"
#include "util/time.hpp"

namespace qself::testing {

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
  // Registers and logs in `email` with reminder emails and monthly reports off
  // (a new account has a daily reminder at 20:00): a test about reminders turns
  // them on. Answers the session token.
  std::string sign_up(const std::string& email, const std::string& timezone = "UTC") {
    const auto token = api->sign_up(email, timezone);
    const auto quiet = api->patch("me", {{"reminders", {{"enabled", false}, {"monthly_report", false}}}}, token);
    if (quiet.status != 200) throw std::runtime_error("turning reminders off failed: " + quiet.raw);
    return token;
  }
  // The first column of the first row of `sql`, read from the test's
  // database (-1 when there is no row).
  long long count(const std::string& sql, store::Params params = {}) const {
    auto db = store::open_database(qself::testing::test_database_url(dir.path()), 1);
    auto connection = db->connect();
    return connection->query_integer(sql, params).value_or(-1);
  }
  // The rounds leading schedulers have finished (jobs/scheduler.hpp).
  long long scheduler_rounds() const {
    redis::Config config;
    config.port = redis.port();
    redis::Client client(config);
    const auto reply = client.command({"GET", "qself:scheduler:rounds"});
    return reply.is_nil() ? 0 : std::stoll(reply.text);
  }
  // Waits until no job is pending or running and, when a scheduler runs, it has
  // finished `rounds` more rounds with none appearing: after that nothing more
  // is on its way. The condition to wait on before asserting "nothing more
  // arrived", instead of sleeping. Answers false if that did not happen in time.
  bool drained(int rounds = 0, std::chrono::milliseconds timeout = std::chrono::seconds(60)) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const auto left = [&] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    };
    const auto idle = [&] { return count("SELECT COUNT(*) FROM jobs WHERE status IN ('pending', 'running')") == 0; };
    // Jobs a round made (the worker may still be sending them when the rounds
    // are counted) are waited for, then `rounds` more rounds are counted again.
    do {
      if (!eventually(idle, left())) return false;
      if (rounds == 0) return true;
      const auto seen = scheduler_rounds();
      if (!eventually([&] { return scheduler_rounds() >= seen + rounds; }, left())) return false;
      if (idle()) return true;
    } while (left().count() > 0);
    return false;
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
