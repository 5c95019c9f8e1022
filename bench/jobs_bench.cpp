// Background-job benchmarks: queue throughput through a real Redis with one
// and two workers, and the scheduler's time to evaluate 100,000 users, each
// with a tracker that has reminder times of its own (08:00 and 20:00).
//
//   build/bench/qself_jobs_bench [jobs=20000] [users=100000]

#include <atomic>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "jobs/publisher.hpp"
#include "jobs/scheduler.hpp"
#include "jobs/worker.hpp"
#include "redis/client.hpp"
#include "store/job_repositories.hpp"
#include "store/repositories.hpp"
#include "support/redis_process.hpp"
#include "support/server_process.hpp"
#include "util/crypto.hpp"

using namespace qself;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double run_queue(int jobs_count, int workers) {
  testing::TempDir dir;
  testing::RedisProcess redis_server;
  auto db = store::open_database("sqlite:" + dir.path() + "/bench.db");
  db->migrate();
  const auto redis_config = redis::parse_url(redis_server.url());
  redis::Client producer(redis_config);
  jobs::JobQueue queue(producer);
  queue.ensure_group();
  {
    auto connection = db->connect();
    store::Transaction transaction(*connection, store::Transaction::Mode::write);
    store::JobRepository repository(*connection);
    const auto now = util::now();
    for (int i = 0; i < jobs_count; ++i)
      repository.create({core::JobKind::noop, std::nullopt, "{}", std::nullopt, now}, now);
    transaction.commit();
  }
  for (int i = 1; i <= jobs_count; ++i) queue.publish(i);

  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (int w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      redis::Client redis(redis_config);
      jobs::WorkerSettings settings;
      settings.consumer = "bench-" + std::to_string(w);
      settings.block = std::chrono::milliseconds{100};
      jobs::Worker worker(*db, redis, settings);
      worker.run(stop);
    });
  }
  while (true) {
    auto connection = db->connect();
    const auto done = connection->query_integer("SELECT COUNT(*) FROM jobs WHERE status = 'done'").value_or(0);
    if (done >= jobs_count) break;
    std::this_thread::sleep_for(std::chrono::milliseconds{5});
  }
  const double elapsed = seconds_since(start);
  stop = true;
  for (auto& thread : threads) thread.join();
  return jobs_count / elapsed;
}

void run_scheduler(int users) {
  testing::TempDir dir;
  auto db = store::open_database("sqlite:" + dir.path() + "/bench.db");
  db->migrate();
  const char* zones[] = {"UTC",        "Europe/Paris", "Europe/London",    "America/New_York",  "America/Los_Angeles",
                         "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney", "America/Sao_Paulo", "Africa/Lagos"};
  std::mt19937 random(42);
  // Today 07:30 UTC, and 08:00:05 UTC: the moment of the Water reminder of
  // every account on UTC's clock that day.
  const auto day = std::chrono::floor<std::chrono::days>(util::now());
  const util::Timestamp now = day + std::chrono::minutes{7 * 60 + 30};
  const util::Timestamp eight = day + std::chrono::hours{8} + std::chrono::seconds{5};
  {
    auto connection = db->connect();
    store::Transaction transaction(*connection, store::Transaction::Mode::write);
    store::UserRepository user_rows(*connection);
    store::TrackerRepository tracker_rows(*connection);
    for (int u = 0; u < users; ++u) {
      core::User user;
      user.email = "user" + std::to_string(u) + "@example.org";
      user.timezone = zones[u % 10];
      user.reminder_minutes = static_cast<int>(random() % 1440);
      user.verified_at = now;  // an unverified account gets no reminders
      user = user_rows.insert(user, "x", now);
      for (const char* name : {"Water", "Mood", "Sleep"}) {
        core::Tracker tracker;
        tracker.user_id = user.id;
        tracker.name = name;
        tracker.created_at = tracker.updated_at = now - std::chrono::hours{48};
        if (std::string_view(name) == "Water") tracker.reminder_times = {std::chrono::hours{8}, std::chrono::hours{20}};
        tracker_rows.insert(tracker);
      }
    }
    transaction.commit();
  }
  // First pass: every user whose reminder time has passed today is due (a catch-up).
  auto start = Clock::now();
  auto plan = jobs::plan_due_mail(*db, now, 1, "http://127.0.0.1:8080");
  const double first = seconds_since(start);
  std::printf("scheduler first pass   %7d users evaluated, %6d reminders written  %8.2f s  (%.1f µs/user)\n",
              plan.users_evaluated, plan.reminders, first, first * 1e6 / plan.users_evaluated);
  // A later tick the same day: nothing new is due, every user is still evaluated.
  start = Clock::now();
  plan = jobs::plan_due_mail(*db, now + std::chrono::seconds{15}, 2, "http://127.0.0.1:8080");
  const double steady = seconds_since(start);
  std::printf("scheduler steady tick  %7d users evaluated, %6d reminders written  %8.2f s  (%.1f µs/user)\n",
              plan.users_evaluated, plan.reminders, steady, steady * 1e6 / plan.users_evaluated);
  // 08:00:05 UTC: the Water reminder of the accounts in UTC and London (a fifth) is due.
  jobs::plan_due_mail(*db, eight - std::chrono::seconds{15}, 3, "http://127.0.0.1:8080");
  start = Clock::now();
  plan = jobs::plan_due_mail(*db, eight, 4, "http://127.0.0.1:8080");
  const double moment = seconds_since(start);
  std::printf("scheduler 08:00 tick   %7d users evaluated, %6d tracker reminders written  %8.2f s\n",
              plan.users_evaluated, plan.tracker_reminders, moment);
}

}  // namespace

int main(int argc, char** argv) {
  util::init_crypto();
  const int jobs_count = argc > 1 ? std::atoi(argv[1]) : 20000;
  const int users = argc > 2 ? std::atoi(argv[2]) : 100000;
  std::printf("machine: %u cores\n", std::thread::hardware_concurrency());
  for (const int workers : {1, 2}) {
    const double rate = run_queue(jobs_count, workers);
    std::printf("queue  %d worker%s  %7d no-op jobs   %8.0f jobs/s\n", workers, workers == 1 ? " " : "s", jobs_count,
                rate);
  }
  run_scheduler(users);
  return 0;
}
