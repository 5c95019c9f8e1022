#pragma once
// Jobs (the outbox) and emails: the SQL side of background work.

#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "store/database.hpp"
#include "util/time.hpp"

namespace qself::store {

using util::Timestamp;

struct NewJob {
  core::JobKind kind = core::JobKind::noop;
  std::optional<std::int64_t> user_id;
  std::string payload = "{}";
  std::optional<std::string> idempotency_key;
  Timestamp run_after{};
};

class JobRepository {
 public:
  explicit JobRepository(Connection& connection) : m_db(connection) {}
  // Answers the new job's id, or nullopt when a job with the same key exists.
  std::optional<std::int64_t> create(const NewJob& job, Timestamp now);
  // Takes a job that is due (or whose worker's lease ran out) for this worker.
  // On PostgreSQL a job whose row another transaction holds locked is skipped,
  // not waited for; see claimable().
  std::optional<core::Job> claim(std::int64_t id, Timestamp now, Timestamp lease_until);
  // Whether the last committed state of job `id` lets it be claimed. A claim
  // that found nothing for a job still claimable met a row lock (another
  // worker claiming it this instant, or a short write such as mark_enqueued):
  // the job is not the claimer's to drop.
  bool claimable(std::int64_t id, Timestamp now);
  void extend(std::int64_t id, int progress, Timestamp lease_until, Timestamp now);
  void complete(std::int64_t id, Timestamp now);
  void set_result(std::int64_t id, const std::string& result_json, Timestamp now);
  void retry(std::int64_t id, Timestamp run_after, const std::string& error, Timestamp now);
  void bury(std::int64_t id, const std::string& error, Timestamp now);
  // Jobs that should be in the stream but may not be: never enqueued, due
  // again after a retry, enqueued before `stale_before`, or with an expired lease.
  std::vector<std::int64_t> needing_enqueue(Timestamp now, Timestamp stale_before, int limit);
  void mark_enqueued(std::int64_t id, Timestamp now);
  std::optional<core::Job> find_for_user(std::int64_t user_id, std::int64_t id);
  // The result JSON of the export job `id`; nullopt when there is no such export.
  std::optional<std::string> find_export_result(std::int64_t id);
  // The user's export that is waiting or being built, if any (there is at most one).
  std::optional<core::Job> find_unfinished_export(std::int64_t user_id);
  // The user's finished exports other than `keep`: their files are to be removed.
  std::vector<core::Job> finished_exports_except(std::int64_t user_id, std::int64_t keep);
  // The user's import (preview or commit) that is waiting or running, if any (there is at most one).
  std::optional<core::Job> find_unfinished_import(std::int64_t user_id);
  // The import job `id`, whoever's it is (the scheduler's sweep of stored uploads).
  std::optional<core::Job> find_import(std::int64_t id);
  // The user's import jobs other than `keep`: the uploads they received are to be removed.
  std::vector<core::Job> imports_except(std::int64_t user_id, std::int64_t keep);
  std::vector<core::Job> dead(int limit);
  // Jobs due and not taken (how long the oldest has waited) and jobs running, for /metrics.
  struct QueueFigures {
    std::int64_t due = 0;
    std::optional<Timestamp> oldest_due;
    std::int64_t running = 0;
  };
  QueueFigures queue_figures(Timestamp now);

 private:
  Connection& m_db;
};

// The scheduler's fencing token as SQL knows it: writes made in a transaction
// that holds the newest token cannot come from a stale leader.
class SchedulerFenceRepository {
 public:
  explicit SchedulerFenceRepository(Connection& connection) : m_db(connection) {}
  // Records `token` unless a newer one is recorded; answers whether `token`
  // is now the newest (false: a newer scheduler leads).
  bool hold(std::int64_t token);
  // The newest token recorded (0 before any).
  std::int64_t newest();

 private:
  Connection& m_db;
};

struct Email {
  std::int64_t id = 0;
  std::optional<std::int64_t> user_id;
  std::string idempotency_key;
  std::string kind;
  std::string subject;
  std::string text_body;
  std::string html_body;
  std::string status;  // pending, sending, sent
};

class EmailRepository {
 public:
  explicit EmailRepository(Connection& connection) : m_db(connection) {}
  // Answers the new email's id, or nullopt when one with this key exists already.
  std::optional<std::int64_t> create(const Email& email, Timestamp now);
  std::optional<Email> find(std::int64_t id);
  std::optional<std::int64_t> find_by_key(const std::string& idempotency_key);
  void set_status(std::int64_t id, const std::string& status, Timestamp now);
  // Blanks a sent email's bodies (they held a secret link that must not stay at rest).
  void forget_bodies(std::int64_t id);

 private:
  Connection& m_db;
};

}  // namespace qself::store
