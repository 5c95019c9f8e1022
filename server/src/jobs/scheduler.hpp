#pragma once
// `qself scheduler`: decides what is due and enqueues it — reminders at each
// user's local time, monthly reports on the 1st, and the outbox sweep that
// re-sends pending jobs the stream lost. Trackers with their own reminder times
// (core/reminder_schedule.hpp) get an email at each of those moments. Several may run; one leads, chosen by
// a Redis lock, and every write it makes is fenced in SQL by its token, so even
// two that both believe they lead cannot act twice. Emails are also unique by
// key, so a reminder is never created twice for one user and day.

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "jobs/queue.hpp"
#include "services/job_publisher.hpp"
#include "store/database.hpp"
#include "util/time.hpp"

namespace qself::jobs {

struct SchedulerSettings {
  std::string instance;  // unique per process
  std::chrono::milliseconds tick{15000};
  std::chrono::milliseconds lock_ttl{30000};
  std::chrono::seconds requeue_after{60};
  std::string public_url = "http://127.0.0.1:8080";
  std::string export_dir = "data/exports";
  // Accounts not verified within this are removed (with everything they hold);
  // unset when email verification is off.
  std::optional<std::chrono::seconds> remove_unverified_after;
  std::string import_dir = "data/imports";  // uploads expire after services::kImportUploadLifetime
};

// What one planning pass decided.
struct PlanResult {
  int users_evaluated = 0;
  int reminders = 0;          // daily reminders
  int tracker_reminders = 0;  // emails for trackers' own reminder times
  int monthly_reports = 0;
  bool fenced_out = false;  // a newer scheduler holds the fence: nothing was written
  std::vector<std::int64_t> jobs;
};

// Evaluates every user's daily reminder, trackers' own reminder times and
// monthly report at `now` and writes the emails and jobs due, in one
// transaction guarded by `fence_token`.
PlanResult plan_due_mail(store::Database& db, util::Timestamp now, long long fence_token,
                         const std::string& public_url);

// The newest fencing token recorded in SQL.
long long recorded_fence(store::Database& db);

class LeaderLock {
 public:
  LeaderLock(redis::Client& redis, std::string instance, std::chrono::milliseconds ttl)
      : m_redis(redis), m_instance(std::move(instance)), m_ttl(ttl) {}
  // Takes or keeps the lock; answers the fencing token while leading.
  std::optional<long long> acquire();
  // Gives the lock up and makes the next token larger than `at_least`.
  void step_down(long long at_least);

 private:
  redis::Client& m_redis;
  std::string m_instance;
  std::chrono::milliseconds m_ttl;
  std::optional<long long> m_token;
};

class Scheduler {
 public:
  Scheduler(store::Database& db, redis::Client& redis, services::JobPublisher& publisher, SchedulerSettings settings);
  void run(const std::atomic<bool>& stop);
  // One round: lead or wait, sweep, plan. Answers whether it led. Each round
  // a leader finishes adds one to the Redis counter qself:scheduler:rounds.
  bool tick();

 private:
  void sweep();
  // Deletes export files that expired or whose job (or account) is gone.
  void remove_stale_exports();
  // Uploads of imports past their lifetime, whose job is gone (a deleted
  // account), or half written and abandoned.
  void remove_stale_uploads();
  // Deletes the accounts still unverified after remove_unverified_after.
  void remove_unverified_accounts();

  store::Database& m_db;
  redis::Client& m_redis;
  services::JobPublisher& m_publisher;
  SchedulerSettings m_settings;
  LeaderLock m_lock;
  std::chrono::steady_clock::time_point m_last_export_sweep{};
  std::chrono::steady_clock::time_point m_last_account_sweep{};
};

}  // namespace qself::jobs
