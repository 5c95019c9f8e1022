#pragma once
// `qself worker`: takes job ids from the stream, claims each job in SQL, runs
// it, records the outcome, then acknowledges the stream entry (at least once).
// Several workers may run; a job is claimed by exactly one at a time.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "jobs/queue.hpp"
#include "mail/smtp_client.hpp"
#include "push/sender.hpp"
#include "store/database.hpp"
#include "store/job_repositories.hpp"

namespace qself::jobs {

// The job failed but may succeed later (SMTP 4xx, a network error).
class TransientError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The job can never succeed (SMTP 5xx, bad payload): dead-letter it at once.
class PermanentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct WorkerSettings {
  std::string consumer;  // unique per process
  std::chrono::seconds lease{120};
  std::chrono::seconds retry_base{10};
  int max_attempts = 5;
  std::chrono::milliseconds block{2000};
  mail::SmtpConfig smtp;
  std::string mail_from = "qself <qself@localhost>";
  std::string public_url = "http://127.0.0.1:8080";
  std::string export_dir = "data/exports";
  std::chrono::hours export_lifetime{24};
  // An export that would be larger fails (dead, not retried); only a user's
  // newest finished export is kept on disk.
  std::uint64_t export_max_bytes = 512ULL * 1024 * 1024;
  // Uploads of imports (services::JobService stores them; a done commit removes its own).
  std::string import_dir = "data/imports";
  // Web Push: the VAPID subject, the private-network rule and the timeout
  // (the keys themselves come from the database, services::vapid_keys).
  push::SenderConfig push;
};

class Worker {
 public:
  Worker(store::Database& db, redis::Client& redis, WorkerSettings settings);

  // Runs until `stop` is set, and nothing else ends it: it rides out Redis and
  // SMTP outages and a busy or failing database, pausing a little after each
  // failure. An entry it could not finish stays unacknowledged and comes back.
  void run(const std::atomic<bool>& stop);
  // Claims, runs and records one job; then acknowledges its entry. Whatever the
  // job itself throws is recorded: retried with backoff, or dead. Throws only
  // when the claim or the record failed (store::DatabaseBusy when the database
  // was busy) or the acknowledgement did (redis::Error); the entry is then left
  // unacknowledged, and the job in SQL as it was or still leased.
  void process(const Delivery& delivery);

 private:
  void execute(const core::Job& job);
  void send_email(const core::Job& job);
  // One notification to one device; forgets the device when its push service says it is gone.
  void send_push(const core::Job& job);
  void build_report(const core::Job& job);
  void build_export(const core::Job& job);
  void run_import(const core::Job& job);
  // Sends one stored email at most once (see the `sending` state).
  void deliver(std::int64_t email_id);

  store::Database& m_db;
  JobQueue m_queue;
  WorkerSettings m_settings;
};

}  // namespace qself::jobs
