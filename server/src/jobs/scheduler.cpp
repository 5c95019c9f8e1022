#include "jobs/scheduler.hpp"

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "core/mail_schedule.hpp"
#include "core/periods.hpp"
#include "core/reminder_schedule.hpp"
#include "core/stats.hpp"
#include "services/emails.hpp"
#include "services/job_service.hpp"
#include "services/outbox.hpp"
#include "services/push_service.hpp"
#include "services/throttle.hpp"
#include "store/job_repositories.hpp"
#include "store/push_repository.hpp"
#include "store/repositories.hpp"
#include "util/log.hpp"

namespace qself::jobs {
namespace {

using store::Transaction;

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

// The user's reminders and monthly report, decided by core::mail_due. A
// reminder names the trackers due; a report is a job that builds and sends it.
// Counts what it made in `result` and adds the jobs to publish.
void plan_user_mail(store::Connection& connection, const store::MailRecipient& recipient, util::Timestamp now,
                    const std::string& public_url, PlanResult& result) {
  const auto& user = recipient.user;
  const core::Calendar calendar(user.timezone);
  const auto due = core::mail_due(user, calendar, recipient.markers, now);
  store::UserRepository users(connection);
  store::JobRepository jobs(connection);
  if (due.reminder_day) {
    const auto& day = *due.reminder_day;
    const auto trackers = store::TrackerRepository(connection).list(user.id, core::ArchivedFilter::active);
    const auto due_trackers =
        trackers.empty()
            ? std::vector<core::DueTracker>{}
            : core::due_trackers(trackers, store::LogRepository(connection).latest_for_user(user.id), calendar, now);
    if (!due_trackers.empty()) {
      const auto content = services::reminder_email(user, due_trackers, day, public_url);
      const std::string key = "reminder:" + std::to_string(user.id) + ":" + day;
      if (const auto job = services::queue_email(connection, user, key, "reminder", content, now)) {
        result.jobs.push_back(*job);
        ++result.reminders;
      }
    }
    users.set_last_reminder_date(
        user.id, day, now, due_trackers.empty() ? core::ReminderOutcome::nothing_due : core::ReminderOutcome::sent);
  }
  if (due.report_month) {
    const auto& month = *due.report_month;
    const std::string key = "monthly:" + std::to_string(user.id) + ":" + month;
    const auto job =
        jobs.create({core::JobKind::build_report, user.id, nlohmann::json{{"month", month}}.dump(), key, now}, now);
    if (job) {
      result.jobs.push_back(*job);
      ++result.monthly_reports;
    }
    users.set_last_monthly_report(user.id, month);
  }
}

// Whether the tracker's goal period under way at `now` already has what its
// target needs (without a target: something logged, a yes for yes/no).
bool period_already_met(store::Connection& connection, const core::Tracker& tracker, const core::Calendar& calendar,
                        util::Timestamp now) {
  const auto unit = core::goal_period(tracker);
  const auto period = calendar.period_of(now, unit);
  const auto slots = store::LogRepository(connection).aggregate(tracker, period.start, period.end);
  const auto folded = core::fold(slots, calendar, unit);
  const auto values = folded.empty() ? core::PeriodValues::of(period) : folded.front();
  return core::period_status(tracker, values, false) == core::PeriodStatus::met;
}

// The user's trackers whose own reminder time has come: each moment is looked
// at once (the tracker records how far it was checked), skipped when the
// period already meets the goal, and the trackers of one moment go out in one
// email, unique by the moment's local key.
void plan_tracker_reminders(store::Connection& connection, const core::User& user, util::Timestamp now,
                            const std::string& public_url, PlanResult& result) {
  const core::Calendar calendar(user.timezone);
  store::TrackerRepository trackers(connection);
  std::map<std::string, std::vector<core::DueTracker>> by_moment;
  std::map<std::string, core::ReminderMoment> moments;
  for (const auto& tracker : trackers.with_reminder_schedule(user.id)) {
    const auto moment =
        core::reminder_due(core::reminder_schedule_of(tracker), calendar, tracker.reminders_checked_at, now);
    if (!moment) continue;
    trackers.set_reminders_checked(tracker.id, now);
    if (period_already_met(connection, tracker, calendar, now)) continue;
    by_moment[moment->key()].push_back({tracker, core::goal_period(tracker)});
    moments.emplace(moment->key(), *moment);
  }
  // Notifications to the account's devices when it has any; email otherwise.
  const bool has_devices = !by_moment.empty() && store::PushRepository(connection).count(user.id) > 0;
  for (const auto& [key, due] : by_moment) {
    const auto& moment = moments.at(key);
    const std::string reminder_key = "tracker-reminder:" + std::to_string(user.id) + ":" + key;
    if (has_devices) {
      const auto jobs = services::queue_push(connection, user, reminder_key, services::reminder_push(due, key), now);
      result.jobs.insert(result.jobs.end(), jobs.begin(), jobs.end());
      if (!jobs.empty()) ++result.tracker_reminders;
      continue;
    }
    const auto when = core::format_date(moment.day) + " " + core::format_time_of_day(moment.time);
    const auto content =
        services::reminder_email(user, due, when, public_url, services::ReminderSource::tracker_schedule);
    if (const auto job = services::queue_email(connection, user, reminder_key, "reminder", content, now)) {
      result.jobs.push_back(*job);
      ++result.tracker_reminders;
    }
  }
}

// The users with a tracker whose own reminder moment has come, read in a
// snapshot without the write lock (two queries, whatever the number of
// accounts): the pass that writes then looks at these alone, so a tick with
// nothing due holds the lock no longer than before trackers had times.
std::set<std::int64_t> users_with_reminders_due(store::Database& db, util::Timestamp now) {
  auto connection = db.connect();
  Transaction snapshot(*connection, Transaction::Mode::read);
  std::map<std::int64_t, std::string> zones;
  for (const auto& user : store::UserRepository(*connection).list_with_reminder_schedules()) {
    zones.emplace(user.id, user.timezone);
  }
  std::set<std::int64_t> due;
  std::map<std::string, core::Calendar, std::less<>> calendars;  // one per zone: accounts share a few
  for (const auto& tracker : store::TrackerRepository(*connection).reminder_schedules()) {
    const auto zone = zones.find(tracker.user_id);
    if (zone == zones.end() || due.contains(tracker.user_id)) continue;  // unverified, or known already
    auto calendar = calendars.find(zone->second);
    if (calendar == calendars.end()) calendar = calendars.emplace(zone->second, core::Calendar(zone->second)).first;
    if (core::reminder_due(tracker.schedule, calendar->second, tracker.checked_at, now)) {
      due.insert(tracker.user_id);
    }
  }
  return due;
}

}  // namespace

long long recorded_fence(store::Database& db) {
  auto connection = db.connect();
  return store::SchedulerFenceRepository(*connection).newest();
}

PlanResult plan_due_mail(store::Database& db, util::Timestamp now, long long fence_token,
                         const std::string& public_url) {
  PlanResult result;
  const auto reminders_due = users_with_reminders_due(db, now);
  auto connection = db.connect();
  Transaction transaction(*connection, Transaction::Mode::write);
  if (!store::SchedulerFenceRepository(*connection).hold(fence_token)) {
    result.fenced_out = true;
    return result;  // rolled back: a newer scheduler leads
  }
  for (const auto& recipient : store::UserRepository(*connection).list_mail_recipients()) {
    ++result.users_evaluated;
    plan_user_mail(*connection, recipient, now, public_url, result);
  }
  if (!reminders_due.empty()) {
    for (const auto& user : store::UserRepository(*connection).list_with_reminder_schedules()) {
      if (reminders_due.contains(user.id)) plan_tracker_reminders(*connection, user, now, public_url, result);
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

Scheduler::Scheduler(store::Database& db, redis::Client& redis, services::JobPublisher& publisher,
                     SchedulerSettings settings)
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
  if (plan.reminders || plan.tracker_reminders || plan.monthly_reports) {
    util::log(util::Level::info, "scheduler: " + std::to_string(plan.reminders) + " daily reminders, " +
                                     std::to_string(plan.tracker_reminders) + " tracker reminders, " +
                                     std::to_string(plan.monthly_reports) + " monthly reports");
  }
  if (std::chrono::steady_clock::now() - m_last_account_sweep > std::chrono::minutes{1}) {
    m_last_account_sweep = std::chrono::steady_clock::now();
    remove_unverified_accounts();
    services::sweep_throttles(m_db, util::now());      // bounds the abuse limits' table
    services::sweep_push_messages(m_db, util::now());  // notifications whose buttons expired
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
    remove_stale_uploads();
  }
}

void Scheduler::remove_stale_uploads() {
  std::error_code error;
  if (!std::filesystem::is_directory(m_settings.import_dir, error)) return;
  auto connection = m_db.connect();
  const auto now = util::now();
  for (const auto& entry : std::filesystem::directory_iterator(m_settings.import_dir, error)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(".part")) {
      // A request writing it right now is done within minutes; the file's own clock says how old it is.
      if (std::filesystem::last_write_time(entry, error) <
          std::filesystem::file_time_type::clock::now() - std::chrono::hours{1}) {
        std::filesystem::remove(entry, error);
      }
      continue;
    }
    const auto id = name.ends_with(".upload") ? std::atoll(name.c_str()) : 0;
    const auto job = id > 0 ? store::JobRepository(*connection).find_import(id) : std::nullopt;
    if (!job || job->created_at + services::kImportUploadLifetime <= now) std::filesystem::remove(entry, error);
  }
}

void Scheduler::remove_unverified_accounts() {
  if (!m_settings.remove_unverified_after) return;
  std::int64_t removed = 0;
  {
    auto connection = m_db.connect();
    Transaction transaction(*connection, Transaction::Mode::write);
    removed = store::UserRepository(*connection).remove_unverified(util::now() - *m_settings.remove_unverified_after);
    transaction.commit();
  }
  if (removed > 0) {
    util::log(util::Level::info, "scheduler: removed " + std::to_string(removed) + " accounts never verified");
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
      result = store::JobRepository(*connection).find_export_result(std::atoll(name.substr(0, dash).c_str()));
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
