// qself: one executable, several commands. main() only wires.

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>

#include "cache/redis_cache.hpp"
#include "cli/data_commands.hpp"
#include "cli/database_commands.hpp"
#include "http/server.hpp"
#include "jobs/publisher.hpp"
#include "jobs/queue_metrics.hpp"
#include "jobs/scheduler.hpp"
#include "jobs/worker.hpp"
#include "store/database.hpp"
#include "util/config.hpp"
#include "util/crypto.hpp"
#include "util/log.hpp"
#include "util/time.hpp"

namespace {

constexpr const char* kUsage =
    "qself — self-hosted self-tracking\n"
    "\n"
    "Usage: qself <command>\n"
    "\n"
    "Commands:\n"
    "  serve       migrate the database, then serve the API and the web app\n"
    "  worker      run background jobs (emails, reports) from the Redis queue\n"
    "  scheduler   enqueue reminders, monthly reports and anything the queue lost\n"
    "  migrate     apply pending database migrations and print the schema version\n"
    "  jobs dead   list jobs that failed for good (the dead letters)\n"
    "  import      qself import --user EMAIL [--preview] FILE  (qself, Loop, Track & Graph, Daylio)\n"
    "  export      qself export --user EMAIL [--format json|csv] FILE\n"
    "  backup      qself backup FILE  (a consistent copy of the SQLite database, while qself runs)\n"
    "  copy-database  qself copy-database --from URL --to URL [--replace]  (SQLite <-> PostgreSQL)\n"
    "  help        show this help\n"
    "\n"
    "Configuration comes from QSELF_* environment variables; see README.md.\n";

// The data folder, the database and the exports hold personal data: qself's
// own user alone may read them. New ones are made private (folders 0700,
// files 0600 — the umask set in main() covers SQLite's -wal and -shm too);
// a database found readable by others is made private as well.
void make_private(const std::filesystem::path& path, std::filesystem::perms mode) {
  std::error_code ignored;  // not ours to change (another owner): left as it is
  if (std::filesystem::exists(path, ignored)) {
    std::filesystem::permissions(path, mode, std::filesystem::perm_options::replace, ignored);
  }
}

void ensure_data_dir(const qself::util::Config& config) {
  namespace fs = std::filesystem;
  const auto private_folder = [](const fs::path& folder) {
    if (folder.empty() || fs::exists(folder)) return;
    fs::create_directories(folder);
    make_private(folder, fs::perms::owner_all);
  };
  private_folder(config.data_dir);
  if (config.database.starts_with("sqlite:")) {
    const fs::path database = config.database.substr(7);
    private_folder(database.parent_path());
    for (const char* suffix : {"", "-wal", "-shm"}) {
      make_private(database.string() + suffix, fs::perms::owner_read | fs::perms::owner_write);
    }
  }
}

int migrate(const qself::util::Config& config) {
  ensure_data_dir(config);
  auto db = qself::store::open_database(config.database, config.db_connections);
  std::cout << "schema version " << db->migrate() << std::endl;
  return 0;
}

// Blocks until SIGINT or SIGTERM. The signals are blocked in every thread
// (set before any thread starts) so that this thread alone receives them.
int wait_for_termination(sigset_t& signals) {
  int received = 0;
  sigwait(&signals, &received);
  return received;
}

int serve(const qself::util::Config& config, sigset_t& signals) {
  ensure_data_dir(config);
  auto db = qself::store::open_database(config.database, config.db_connections);
  const std::string version = db->migrate();

  const auto redis_config = qself::redis::parse_url(config.redis_url);
  qself::cache::RedisUserCache cache(redis_config, 8);  // in-process copy: http::kLocalCacheBytes
  qself::services::AuthPolicy policy{};
  policy.email_verification = config.email_verification;
  qself::jobs::RedisPublisher publisher(*db, redis_config);
  qself::services::SessionService sessions(*db, publisher, config.public_url, policy);
  qself::services::PasswordService passwords(*db, publisher, config.public_url, policy);
  qself::services::ProfileService profile(*db, cache);
  qself::services::TrackerService trackers(*db);
  qself::services::LogService logs(*db);
  qself::services::StatsService stats(*db);
  qself::services::JobService jobs(*db, publisher, config.data_dir + "/exports", config.data_dir + "/imports");
  qself::services::ImportService imports(*db);
  qself::services::HealthService health(*db, cache);
  qself::services::PushService push(*db, publisher, {config.push_allow_private});
  qself::http::Services services{sessions, passwords, profile, trackers, logs, stats,
                                 jobs,     imports,   health,  push,     cache};
  if (!config.metrics_token.empty()) qself::jobs::add_queue_metrics(*db, redis_config);
  qself::http::Server server(config, services);
  server.start();
  qself::util::log(qself::util::Level::info, "schema version " + version);
  std::cout << "qself listening on http://" << config.bind << ":" << server.port() << std::endl;

  const int signal_number = wait_for_termination(signals);
  qself::util::log(qself::util::Level::info, "stopping on signal " + std::to_string(signal_number));
  server.stop();
  return 0;
}

// A name for this process among several workers or schedulers.
std::string instance_name(const char* role) {
  char host[256] = "host";
  gethostname(host, sizeof host - 1);
  return std::string(role) + "-" + host + "-" + std::to_string(getpid()) + "-" + qself::util::random_hex(3);
}

// Runs `body` with a stop flag that SIGINT or SIGTERM raises. However `body`
// ends — returning or throwing — the waiting thread is woken and joined, so an
// exception reaches main() as an error instead of aborting the process.
template <typename Body>
int run_until_signal(sigset_t& signals, Body body) {
  std::atomic<bool> stop{false};
  std::jthread waiter([&] {
    wait_for_termination(signals);
    stop = true;
  });
  // Destroyed before `waiter` joins: a waiter still in sigwait gets its signal.
  struct WakeWaiter {
    std::jthread& waiter;
    const std::atomic<bool>& stop;
    ~WakeWaiter() {
      if (!stop) pthread_kill(waiter.native_handle(), SIGTERM);
    }
  } wake{waiter, stop};
  body(stop);
  return 0;
}

int worker(const qself::util::Config& config, sigset_t& signals) {
  ensure_data_dir(config);
  auto db = qself::store::open_database(config.database, config.db_connections);
  db->migrate();
  const auto redis_config = qself::redis::parse_url(config.redis_url);
  qself::redis::Client redis(redis_config);
  qself::jobs::WorkerSettings settings;
  settings.consumer = instance_name("worker");
  settings.lease = std::chrono::seconds{config.job_lease_seconds};
  settings.retry_base = std::chrono::seconds{config.job_retry_seconds};
  settings.max_attempts = config.job_max_attempts;
  settings.smtp = qself::mail::parse_smtp_url(config.smtp_url);
  settings.smtp.timeout = std::chrono::milliseconds{config.smtp_timeout_ms};
  settings.mail_from = config.mail_from;
  settings.public_url = config.public_url;
  settings.export_dir = config.data_dir + "/exports";
  settings.import_dir = config.data_dir + "/imports";
  settings.push.subject = config.push_subject;
  settings.push.allow_private = config.push_allow_private;
  settings.push.timeout = std::chrono::milliseconds{config.push_timeout_ms};
  qself::jobs::Worker worker(*db, redis, settings);
  std::cout << "qself worker " << settings.consumer << " started" << std::endl;
  return run_until_signal(signals, [&](const std::atomic<bool>& stop) { worker.run(stop); });
}

int scheduler(const qself::util::Config& config, sigset_t& signals) {
  ensure_data_dir(config);
  auto db = qself::store::open_database(config.database, config.db_connections);
  db->migrate();
  const auto redis_config = qself::redis::parse_url(config.redis_url);
  qself::redis::Client redis(redis_config);
  qself::jobs::RedisPublisher publisher(*db, redis_config);
  qself::jobs::SchedulerSettings settings;
  settings.instance = instance_name("scheduler");
  settings.tick = std::chrono::milliseconds{config.scheduler_tick_ms};
  settings.lock_ttl = std::max(settings.tick * 3, std::chrono::milliseconds{3000});
  settings.requeue_after = std::chrono::seconds{config.requeue_after_seconds};
  settings.public_url = config.public_url;
  settings.export_dir = config.data_dir + "/exports";
  settings.import_dir = config.data_dir + "/imports";
  if (config.email_verification == qself::util::EmailVerification::required) {
    settings.remove_unverified_after = qself::services::AuthPolicy{}.unverified_account_lifetime;
  }
  qself::jobs::Scheduler scheduler(*db, redis, publisher, settings);
  std::cout << "qself scheduler " << settings.instance << " started" << std::endl;
  return run_until_signal(signals, [&](const std::atomic<bool>& stop) { scheduler.run(stop); });
}

int dead_jobs(const qself::util::Config& config) {
  auto db = qself::store::open_database(config.database, config.db_connections);
  auto connection = db->connect();
  const auto jobs = qself::store::JobRepository(*connection).dead(100);
  if (jobs.empty()) std::cout << "no dead jobs\n";
  for (const auto& job : jobs) {
    std::cout << job.id << '\t' << qself::core::to_string(job.kind) << '\t' << job.attempts << " attempts\t"
              << qself::util::format_rfc3339(job.updated_at) << '\t' << job.last_error << '\n';
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "help";
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kUsage;
    return 0;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  ::umask(077);  // every file qself creates (database, exports, CLI output) is its user's alone

  try {
    qself::util::init_crypto();
    const auto config = qself::util::load_config();
    qself::util::set_log_format(config.log_format);
    if (config.test_now) {
      qself::util::pin_clock(*config.test_now);
      qself::util::log(qself::util::Level::warning, "the clock is pinned by QSELF_TEST_NOW: for tests only");
    }
    if (config.test_now_ignored) {
      qself::util::log(qself::util::Level::warning, "QSELF_TEST_NOW is ignored: this is not a test build");
    }
    qself::util::set_max_concurrent_hashes(config.max_password_hashes, std::chrono::seconds{10});
    if (command == "serve") return serve(config, signals);
    if (command == "migrate") return migrate(config);
    if (command == "worker") return worker(config, signals);
    if (command == "scheduler") return scheduler(config, signals);
    if (command == "jobs" && argc > 2 && std::string(argv[2]) == "dead") return dead_jobs(config);
    if (command == "import") return qself::cli::import_command(config, {argv + 2, argv + argc});
    if (command == "export") return qself::cli::export_command(config, {argv + 2, argv + argc});
    if (command == "backup") return qself::cli::backup_command(config, {argv + 2, argv + argc});
    if (command == "copy-database") return qself::cli::copy_database_command({argv + 2, argv + argc});
    std::cerr << "qself: unknown command '" << command << "'\n\n" << kUsage;
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "qself: " << error.what() << '\n';
    return 1;
  }
}
