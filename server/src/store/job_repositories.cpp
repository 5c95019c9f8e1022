#include "store/job_repositories.hpp"

#include "store/sql_time.hpp"

namespace qself::store {
namespace {

#define QSELF_JOB_COLUMNS \
  "id, kind, user_id, payload, status, attempts, progress, last_error, run_after, created_at, updated_at, result"

constexpr std::string_view kInsertJob =
    "INSERT INTO jobs (kind, user_id, payload, idempotency_key, run_after, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id";
#define QSELF_CLAIMABLE "((status = 'pending' AND run_after <= ?) OR (status = 'running' AND lease_until < ?))"
constexpr std::string_view kClaimJob =
    "UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_until = ?, updated_at = ?"
    " WHERE id = ? AND " QSELF_CLAIMABLE " RETURNING " QSELF_JOB_COLUMNS;
// PostgreSQL: a job another worker is claiming this instant is skipped, not
// waited for (its row lock says it is taken), so claims never queue behind
// one another. SQLite has one writer and no row locks: the plain UPDATE.
constexpr std::string_view kClaimJobSkipLocked =
    "UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_until = ?, updated_at = ?"
    " WHERE id = (SELECT id FROM jobs WHERE id = ? AND " QSELF_CLAIMABLE
    " FOR UPDATE SKIP LOCKED)"
    " RETURNING " QSELF_JOB_COLUMNS;
// Read without a lock: what the last commit says, even while a row lock is held.
constexpr std::string_view kJobClaimable = "SELECT 1 FROM jobs WHERE id = ? AND " QSELF_CLAIMABLE;
#undef QSELF_CLAIMABLE
constexpr std::string_view kExtendJob =
    "UPDATE jobs SET progress = ?, lease_until = ?, updated_at = ? WHERE id = ? AND status = 'running'";
constexpr std::string_view kCompleteJob =
    "UPDATE jobs SET status = 'done', progress = 100, lease_until = NULL, updated_at = ? WHERE id = ?";
constexpr std::string_view kSetJobResult = "UPDATE jobs SET result = ?, updated_at = ? WHERE id = ?";
constexpr std::string_view kRetryJob =
    "UPDATE jobs SET status = 'pending', run_after = ?, last_error = ?, lease_until = NULL, updated_at = ?"
    " WHERE id = ?";
constexpr std::string_view kBuryJob =
    "UPDATE jobs SET status = 'dead', last_error = ?, lease_until = NULL, updated_at = ? WHERE id = ?";
constexpr std::string_view kJobsNeedingEnqueue =
    "SELECT id FROM jobs WHERE"
    " (status = 'pending' AND run_after <= ?"
    "  AND (enqueued_at IS NULL OR enqueued_at < ? OR enqueued_at < run_after))"
    " OR (status = 'running' AND lease_until < ? AND (enqueued_at IS NULL OR enqueued_at < ?))"
    " ORDER BY id LIMIT ?";
constexpr std::string_view kMarkEnqueued = "UPDATE jobs SET enqueued_at = ? WHERE id = ?";
constexpr std::string_view kSelectUserJob = "SELECT " QSELF_JOB_COLUMNS " FROM jobs WHERE user_id = ? AND id = ?";
constexpr std::string_view kSelectExportResult = "SELECT result FROM jobs WHERE id = ? AND kind = 'export'";
constexpr std::string_view kSelectUnfinishedExport = "SELECT " QSELF_JOB_COLUMNS
                                                     " FROM jobs WHERE user_id = ? AND kind = 'export'"
                                                     " AND status IN ('pending', 'running') ORDER BY id LIMIT 1";
constexpr std::string_view kSelectOtherFinishedExports =
    "SELECT " QSELF_JOB_COLUMNS " FROM jobs WHERE user_id = ? AND kind = 'export' AND status = 'done' AND id <> ?";
constexpr std::string_view kSelectUnfinishedImport = "SELECT " QSELF_JOB_COLUMNS
                                                     " FROM jobs WHERE user_id = ? AND kind = 'import'"
                                                     " AND status IN ('pending', 'running') ORDER BY id LIMIT 1";
constexpr std::string_view kSelectImport = "SELECT " QSELF_JOB_COLUMNS " FROM jobs WHERE id = ? AND kind = 'import'";
constexpr std::string_view kSelectOtherImports =
    "SELECT " QSELF_JOB_COLUMNS " FROM jobs WHERE user_id = ? AND kind = 'import' AND id <> ?";
constexpr std::string_view kSelectDeadJobs =
    "SELECT " QSELF_JOB_COLUMNS " FROM jobs WHERE status = 'dead' ORDER BY updated_at DESC LIMIT ?";

// The queue as /metrics shows it: two ranges of the jobs_due index, never the
// whole table (done jobs are not visited).
constexpr std::string_view kQueueFigures =
    "SELECT COUNT(*), MIN(run_after), (SELECT COUNT(*) FROM jobs WHERE status = 'running')"
    " FROM jobs WHERE status = 'pending' AND run_after <= ?";

#undef QSELF_JOB_COLUMNS

constexpr std::string_view kHoldFence = "UPDATE scheduler_fence SET token = ? WHERE name = 'scheduler' AND token <= ?";
constexpr std::string_view kSelectFence = "SELECT token FROM scheduler_fence WHERE name = 'scheduler'";

constexpr std::string_view kInsertEmail =
    "INSERT INTO emails (user_id, idempotency_key, kind, subject, text_body, html_body, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id";
constexpr std::string_view kSelectEmail =
    "SELECT id, user_id, idempotency_key, kind, subject, text_body, html_body, status FROM emails WHERE id = ?";
constexpr std::string_view kForgetEmailBodies = "UPDATE emails SET text_body = '', html_body = '' WHERE id = ?";
constexpr std::string_view kSelectEmailByKey = "SELECT id FROM emails WHERE idempotency_key = ?";
constexpr std::string_view kSetEmailStatus =
    "UPDATE emails SET status = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?";

core::Job read_job(const Row& row) {
  core::Job job;
  job.id = row.integer(0);
  job.kind = core::parse_job_kind(row.text(1));
  if (!row.is_null(2)) job.user_id = row.integer(2);
  job.payload = row.text(3);
  job.status = core::parse_job_status(row.text(4)).value_or(core::JobStatus::pending);
  job.attempts = static_cast<int>(row.integer(5));
  job.progress = static_cast<int>(row.integer(6));
  job.last_error = row.text(7);
  job.run_after = at(row.integer(8));
  job.created_at = at(row.integer(9));
  job.updated_at = at(row.integer(10));
  job.result = row.text(11);
  return job;
}

Param optional_id(const std::optional<std::int64_t>& id) { return id ? Param{*id} : Param{nullptr}; }

}  // namespace

std::optional<std::int64_t> JobRepository::create(const NewJob& job, Timestamp now) {
  return m_db.query_integer(kInsertJob,
                            {std::string(core::to_string(job.kind)), optional_id(job.user_id), job.payload,
                             param(job.idempotency_key), seconds(job.run_after), seconds(now), seconds(now)});
}

std::optional<core::Job> JobRepository::claim(std::int64_t id, Timestamp now, Timestamp lease_until) {
  std::optional<core::Job> claimed;
  const auto sql = m_db.dialect() == Dialect::postgresql ? kClaimJobSkipLocked : kClaimJob;
  m_db.query(sql, {seconds(lease_until), seconds(now), id, seconds(now), seconds(now)},
             [&](const Row& row) { claimed = read_job(row); });
  return claimed;
}

bool JobRepository::claimable(std::int64_t id, Timestamp now) {
  return m_db.query_integer(kJobClaimable, {id, seconds(now), seconds(now)}).has_value();
}

void JobRepository::extend(std::int64_t id, int progress, Timestamp lease_until, Timestamp now) {
  m_db.execute(kExtendJob, {std::int64_t{progress}, seconds(lease_until), seconds(now), id});
}

void JobRepository::complete(std::int64_t id, Timestamp now) { m_db.execute(kCompleteJob, {seconds(now), id}); }

void JobRepository::set_result(std::int64_t id, const std::string& result_json, Timestamp now) {
  m_db.execute(kSetJobResult, {result_json, seconds(now), id});
}

void JobRepository::retry(std::int64_t id, Timestamp run_after, const std::string& error, Timestamp now) {
  m_db.execute(kRetryJob, {seconds(run_after), error, seconds(now), id});
}

void JobRepository::bury(std::int64_t id, const std::string& error, Timestamp now) {
  m_db.execute(kBuryJob, {error, seconds(now), id});
}

std::vector<std::int64_t> JobRepository::needing_enqueue(Timestamp now, Timestamp stale_before, int limit) {
  std::vector<std::int64_t> ids;
  m_db.query(kJobsNeedingEnqueue,
             {seconds(now), seconds(stale_before), seconds(now), seconds(stale_before), std::int64_t{limit}},
             [&](const Row& row) { ids.push_back(row.integer(0)); });
  return ids;
}

void JobRepository::mark_enqueued(std::int64_t id, Timestamp now) { m_db.execute(kMarkEnqueued, {seconds(now), id}); }

std::optional<core::Job> JobRepository::find_for_user(std::int64_t user_id, std::int64_t id) {
  std::optional<core::Job> found;
  m_db.query(kSelectUserJob, {user_id, id}, [&](const Row& row) { found = read_job(row); });
  return found;
}

std::optional<std::string> JobRepository::find_export_result(std::int64_t id) {
  std::optional<std::string> result;
  m_db.query(kSelectExportResult, {id}, [&](const Row& row) { result = row.text(0); });
  return result;
}

std::optional<core::Job> JobRepository::find_unfinished_export(std::int64_t user_id) {
  std::optional<core::Job> found;
  m_db.query(kSelectUnfinishedExport, {user_id}, [&](const Row& row) { found = read_job(row); });
  return found;
}

std::optional<core::Job> JobRepository::find_unfinished_import(std::int64_t user_id) {
  std::optional<core::Job> found;
  m_db.query(kSelectUnfinishedImport, {user_id}, [&](const Row& row) { found = read_job(row); });
  return found;
}

std::optional<core::Job> JobRepository::find_import(std::int64_t id) {
  std::optional<core::Job> found;
  m_db.query(kSelectImport, {id}, [&](const Row& row) { found = read_job(row); });
  return found;
}

std::vector<core::Job> JobRepository::imports_except(std::int64_t user_id, std::int64_t keep) {
  std::vector<core::Job> jobs;
  m_db.query(kSelectOtherImports, {user_id, keep}, [&](const Row& row) { jobs.push_back(read_job(row)); });
  return jobs;
}

std::vector<core::Job> JobRepository::finished_exports_except(std::int64_t user_id, std::int64_t keep) {
  std::vector<core::Job> jobs;
  m_db.query(kSelectOtherFinishedExports, {user_id, keep}, [&](const Row& row) { jobs.push_back(read_job(row)); });
  return jobs;
}

std::vector<core::Job> JobRepository::dead(int limit) {
  std::vector<core::Job> jobs;
  m_db.query(kSelectDeadJobs, {std::int64_t{limit}}, [&](const Row& row) { jobs.push_back(read_job(row)); });
  return jobs;
}

JobRepository::QueueFigures JobRepository::queue_figures(Timestamp now) {
  QueueFigures figures;
  m_db.query(kQueueFigures, {seconds(now)}, [&](const Row& row) {
    figures.due = row.integer(0);
    if (!row.is_null(1)) figures.oldest_due = Timestamp(std::chrono::seconds(row.integer(1)));
    figures.running = row.integer(2);
  });
  return figures;
}

bool SchedulerFenceRepository::hold(std::int64_t token) { return m_db.execute(kHoldFence, {token, token}) > 0; }

std::int64_t SchedulerFenceRepository::newest() { return m_db.query_integer(kSelectFence).value_or(0); }

std::optional<std::int64_t> EmailRepository::create(const Email& email, Timestamp now) {
  return m_db.query_integer(kInsertEmail, {optional_id(email.user_id), email.idempotency_key, email.kind, email.subject,
                                           email.text_body, email.html_body, seconds(now)});
}

std::optional<Email> EmailRepository::find(std::int64_t id) {
  std::optional<Email> found;
  m_db.query(kSelectEmail, {id}, [&](const Row& row) {
    Email email;
    email.id = row.integer(0);
    if (!row.is_null(1)) email.user_id = row.integer(1);
    email.idempotency_key = row.text(2);
    email.kind = row.text(3);
    email.subject = row.text(4);
    email.text_body = row.text(5);
    email.html_body = row.text(6);
    email.status = row.text(7);
    found = std::move(email);
  });
  return found;
}

std::optional<std::int64_t> EmailRepository::find_by_key(const std::string& idempotency_key) {
  return m_db.query_integer(kSelectEmailByKey, {idempotency_key});
}

void EmailRepository::forget_bodies(std::int64_t id) { m_db.execute(kForgetEmailBodies, {id}); }

void EmailRepository::set_status(std::int64_t id, const std::string& status, Timestamp now) {
  m_db.execute(kSetEmailStatus, {status, status, seconds(now), id});
}

}  // namespace qself::store
