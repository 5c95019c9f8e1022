#include "jobs/scheduler.hpp"

#include <date/tz.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/periods.hpp"
#include "jobs/email_content.hpp"
#include "store/job_repositories.hpp"
#include "store/repositories.hpp"
#include "store/sql_time.hpp"
#include "util/log.hpp"

namespace qself::jobs {
namespace {

using store::Transaction;

constexpr std::string_view kSelectMailUsers =
    "SELECT id, email, name, timezone, reminders_enabled, reminder_minutes, monthly_report,"
    " last_reminder_date, last_monthly_report FROM users WHERE reminders_enabled = 1 OR monthly_report = 1";
constexpr std::string_view kCheckFence = "UPDATE scheduler_fence SET token = ? WHERE name = 'scheduler' AND token <= ?";
constexpr std::string_view kSelectFence = "SELECT token FROM scheduler_fence WHERE name = 'scheduler'";
constexpr std::string_view kSetLastReminder = "UPDATE users SET last_reminder_date = ? WHERE id = ?";
constexpr std::string_view kSelectExportResult = "SELECT result FROM jobs WHERE id = ? AND kind = 'export'";
constexpr std::string_view kSetLastMonthly = "UPDATE users SET last_monthly_report = ? WHERE id = ?";

// Keeps the lock only if it is still ours; answers 1 when renewed.
constexpr const char* kRenewScript =
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
constexpr const char* kReleaseScript =
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
// Raises the token counter to at least ARGV[1] (after Redis lost it).
constexpr const char* kRaiseScript =
    "local v = tonumber(redis.call('get', KEYS[1]) or '0') if v < tonumber(ARGV[1]) then "
    "redis.call('set', KEYS[1], ARGV[1]) end return 1";
constexpr const char* kLockKey = "qself:scheduler:leader";
constexpr const char* kFenceKey = "qself:scheduler:fence";
// Counts the rounds a leader finished: a heartbeat for operators, and how tests
// know that the scheduler looked again and found nothing more to do.
constexpr const char* kRoundsKey = "qself:scheduler:rounds";

struct MailUser {
  core::User user;
  std::string last_reminder_date;
  std::string last_monthly_report;
};

struct LocalMoment {
  std::string date;   // YYYY-MM-DD
  std::string month;  // YYYY-MM
  std::string previous_month;
  int minutes = 0;  // since local midnight
  unsigned day = 1;
};

LocalMoment local_moment(const date::time_zone* zone, util::Timestamp now) {
  const auto local = zone->to_local(now);
  const auto day = std::chrono::floor<date::days>(local);
  const date::year_month_day ymd{day};
  char buffer[16];
  LocalMoment moment;
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
  moment.date = buffer;
  moment.month = moment.date.substr(0, 7);
  const date::year_month previous = date::year_month{ymd.year(), ymd.month()} - date::months{1};
  std::snprintf(buffer, sizeof buffer, "%04d-%02u", int(previous.year()), unsigned(previous.month()));
  moment.previous_month = buffer;
  moment.minutes = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
  moment.day = unsigned(ymd.day());
  return moment;
}

std::vector<DueTracker> due_trackers(store::Connection& connection, const core::User& user,
                                     const core::Calendar& calendar, util::Timestamp now) {
  const auto trackers = store::TrackerRepository(connection).list(user.id, store::ArchivedFilter::active);
  if (trackers.empty()) return {};
  const auto latest = store::LogRepository(connection).latest_for_user(user.id);
  std::vector<DueTracker> due;
  for (const auto& tracker : trackers) {
    if (!tracker.reminders) continue;
    // Hourly trackers join the daily digest: due when nothing was logged today.
    const auto unit = tracker.frequency == core::Frequency::hourly ? core::Frequency::daily : tracker.frequency;
    const auto period = calendar.period_of(now, unit);
    const auto found = latest.find(tracker.id);
    const bool logged = found != latest.end() && found->second.logged_at.utc >= period.start;
    if (!logged) {
      due.push_back({tracker, unit == core::Frequency::weekly    ? "this week"
                              : unit == core::Frequency::monthly ? "this month"
                                                                 : "today"});
    }
  }
  return due;
}

}  // namespace

long long recorded_fence(store::Database& db) {
  auto connection = db.connect();
  return connection->query_integer(kSelectFence).value_or(0);
}

PlanResult plan_due_mail(store::Database& db, util::Timestamp now, long long fence_token,
                         const std::string& public_url) {
  PlanResult result;
  auto connection = db.connect();
  Transaction transaction(*connection, Transaction::Mode::write);
  if (connection->execute(kCheckFence, {fence_token, fence_token}) == 0) {
    result.fenced_out = true;
    return result;  // rolled back: a newer scheduler leads
  }
  std::vector<MailUser> users;
  connection->query(kSelectMailUsers, {}, [&](const store::Row& row) {
    MailUser entry;
    entry.user.id = row.integer(0);
    entry.user.email = row.text(1);
    entry.user.name = row.text(2);
    entry.user.timezone = row.text(3);
    entry.user.reminders_enabled = row.integer(4) != 0;
    entry.user.reminder_minutes = static_cast<int>(row.integer(5));
    entry.user.monthly_report = row.integer(6) != 0;
    entry.last_reminder_date = row.text(7);
    entry.last_monthly_report = row.text(8);
    users.push_back(std::move(entry));
  });

  std::map<std::string, const date::time_zone*> zones;
  store::EmailRepository emails(*connection);
  store::JobRepository jobs(*connection);
  for (const auto& entry : users) {
    ++result.users_evaluated;
    const auto& user = entry.user;
    auto& zone = zones[user.timezone];
    if (!zone) zone = date::locate_zone(user.timezone);
    const LocalMoment moment = local_moment(zone, now);

    // Once per local day, at or after the chosen time. Dates compare as text.
    if (user.reminders_enabled && moment.minutes >= user.reminder_minutes && entry.last_reminder_date < moment.date) {
      const core::Calendar calendar(user.timezone);
      const auto due = due_trackers(*connection, user, calendar, now);
      if (!due.empty()) {
        const auto content = reminder_email(user, due, moment.date, public_url);
        store::Email email;
        email.user_id = user.id;
        email.idempotency_key = "reminder:" + std::to_string(user.id) + ":" + moment.date;
        email.kind = "reminder";
        email.subject = content.subject;
        email.text_body = content.text;
        email.html_body = content.html;
        if (const auto email_id = emails.create(email, now)) {
          const auto job = jobs.create({"send_email", user.id, nlohmann::json{{"email_id", *email_id}}.dump(),
                                        "send:" + email.idempotency_key, now},
                                       now);
          if (job) result.jobs.push_back(*job);
          ++result.reminders;
        }
      }
      connection->execute(kSetLastReminder, {moment.date, user.id});
    }
    // On the 1st (or the first pass after it), last month's report.
    if (user.monthly_report && entry.last_monthly_report < moment.previous_month &&
        moment.minutes >= user.reminder_minutes) {
      const std::string key = "monthly:" + std::to_string(user.id) + ":" + moment.previous_month;
      const auto job = jobs.create(
          {"build_report", user.id, nlohmann::json{{"month", moment.previous_month}}.dump(), key, now}, now);
      if (job) {
        result.jobs.push_back(*job);
        ++result.monthly_reports;
      }
      connection->execute(kSetLastMonthly, {moment.previous_month, user.id});
    }
  }
  transaction.commit();
  return result;
}

std::optional<long long> LeaderLock::acquire() {
  const std::string ttl = std::to_string(m_ttl.count());
  if (m_token) {
    const auto renewed = m_redis.command({"EVAL", kRenewScript, "1", kLockKey, m_instance, ttl});
    if (renewed.integer == 1) return m_token;
    m_token.reset();
  }
  const auto taken = m_redis.command({"SET", kLockKey, m_instance, "NX", "PX", ttl});
  if (taken.is_nil()) return std::nullopt;
  m_token = m_redis.command({"INCR", kFenceKey}).integer;
  return m_token;
}

void LeaderLock::step_down(long long at_least) {
  m_redis.command({"EVAL", kRaiseScript, "1", kFenceKey, std::to_string(at_least)});
  m_redis.command({"EVAL", kReleaseScript, "1", kLockKey, m_instance});
  m_token.reset();
}

Scheduler::Scheduler(store::Database& db, Redis& redis, services::JobPublisher& publisher, SchedulerSettings settings)
    : m_db(db),
      m_redis(redis),
      m_publisher(publisher),
      m_settings(std::move(settings)),
      m_lock(redis, m_settings.instance, m_settings.lock_ttl) {}

void Scheduler::run(const std::atomic<bool>& stop) {
  while (!stop.load()) {
    try {
      tick();
    } catch (const std::exception& error) {
      util::log(util::Level::warning, std::string("scheduler: ") + error.what());
    }
    const auto until = std::chrono::steady_clock::now() + m_settings.tick;
    while (!stop.load() && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(m_settings.tick, std::chrono::milliseconds{100}));
    }
  }
}

bool Scheduler::tick() {
  const auto token = m_lock.acquire();
  if (!token) return false;
  sweep();
  const auto plan = plan_due_mail(m_db, util::now(), *token, m_settings.public_url);
  if (plan.fenced_out) {
    util::log(util::Level::warning, "scheduler: a newer leader holds the fence; stepping down");
    m_lock.step_down(recorded_fence(m_db));
    return false;
  }
  for (const auto job : plan.jobs) m_publisher.publish(job);
  if (plan.reminders || plan.monthly_reports) {
    util::log(util::Level::info, "scheduler: " + std::to_string(plan.reminders) + " reminders, " +
                                     std::to_string(plan.monthly_reports) + " monthly reports");
  }
  m_redis.command({"INCR", kRoundsKey});
  return true;
}

void Scheduler::sweep() {
  const auto now = util::now();
  std::vector<std::int64_t> ids;
  {
    auto connection = m_db.connect();
    ids = store::JobRepository(*connection).needing_enqueue(now, now - m_settings.requeue_after, 1000);
  }
  for (const auto id : ids) m_publisher.publish(id);
  if (std::chrono::steady_clock::now() - m_last_export_sweep > std::chrono::minutes{1}) {
    m_last_export_sweep = std::chrono::steady_clock::now();
    remove_stale_exports();
  }
}

void Scheduler::remove_stale_exports() {
  std::error_code error;
  if (!std::filesystem::is_directory(m_settings.export_dir, error)) return;
  auto connection = m_db.connect();
  const auto now = util::now();
  for (const auto& entry : std::filesystem::directory_iterator(m_settings.export_dir, error)) {
    const std::string name = entry.path().filename().string();
    const auto dash = name.find('-');
    std::optional<std::string> result;
    if (dash != std::string::npos) {
      connection->query(kSelectExportResult, {std::atoll(name.substr(0, dash).c_str())},
                        [&](const store::Row& row) { result = row.text(0); });
    }
    const auto parsed = nlohmann::json::parse(result.value_or(""), nullptr, false);
    const auto expires = parsed.is_object() ? util::parse_rfc3339(parsed.value("expires_at", "")) : std::nullopt;
    const bool ours = parsed.is_object() && parsed.value("file", "") == name;
    // Half-written files (".part") of a live job are left alone for a day.
    const bool part_is_fresh = name.ends_with(".part") && result &&
                               std::filesystem::last_write_time(entry, error) >
                                   std::filesystem::file_time_type::clock::now() - std::chrono::hours{24};
    if (part_is_fresh) continue;
    if (!ours || !expires || expires->utc <= now) std::filesystem::remove(entry, error);
  }
}

}  // namespace qself::jobs
