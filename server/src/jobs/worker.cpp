#include "jobs/worker.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/errors.hpp"
#include "core/periods.hpp"
#include "services/data_service.hpp"
#include "services/job_service.hpp"
#include "services/push_service.hpp"
#include "services/report_service.hpp"
#include "store/job_repositories.hpp"
#include "store/push_repository.hpp"
#include "store/repositories.hpp"
#include "util/crypto.hpp"
#include "util/log.hpp"

namespace qself::jobs {
namespace {

using nlohmann::json;

constexpr int kBatch = 16;
// After a failure (Redis away, the database busy) the loop waits this long,
// doubling up to kLongestBackoff while failures go on.
constexpr std::chrono::milliseconds kFirstBackoff{200};
constexpr std::chrono::milliseconds kLongestBackoff{5000};
// A claim that met a row lock (publisher marking the job enqueued, the sweep,
// another worker mid-claim) asks again after these waits, doubling: the
// holders' transactions take milliseconds.
constexpr std::chrono::milliseconds kFirstClaimWait{5};
constexpr std::chrono::milliseconds kLongestClaimWait{160};

// Sleeps for `duration`, or less when `stop` is raised meanwhile.
void pause(const std::atomic<bool>& stop, std::chrono::milliseconds duration) {
  const auto until = std::chrono::steady_clock::now() + duration;
  while (!stop.load() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        std::chrono::milliseconds{100}, until - std::chrono::steady_clock::now()));
  }
}

// Idempotency keys become Message-IDs: the same email always has the same id.
std::string message_id_for(const std::string& key) {
  std::string id;
  for (char c : key) id += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ? c : '.';
  return id + "@qself";
}

json payload_of(const core::Job& job) {
  auto payload = json::parse(job.payload, nullptr, false);
  if (payload.is_discarded() || !payload.is_object()) throw PermanentError("the job's payload is not a JSON object");
  return payload;
}

// What a webhook gets of a notification: its words and a link, in the
// fields ntfy, Gotify and Home Assistant read ("title", "message"), the
// trackers it names, and no action token (a webhook is someone else's server).
std::string webhook_body(const std::string& payload, const std::string& public_url) {
  const auto notification = json::parse(payload, nullptr, false);
  if (!notification.is_object()) throw PermanentError("a notification that is not a JSON object");
  json trackers = json::array();
  for (const auto& tracker : notification.value("trackers", json::array())) {
    trackers.push_back({{"id", tracker.value("id", 0)}, {"name", tracker.value("name", "")}});
  }
  return json{{"source", "qself"},
              {"kind", notification.value("kind", "")},
              {"title", notification.value("title", "")},
              {"message", notification.value("body", "")},
              {"url", public_url + notification.value("url", "/")},
              {"tag", notification.value("tag", "")},
              {"trackers", std::move(trackers)}}
      .dump();
}

// Words without personal data for the jobs table and the log.
std::string describe_failure(const mail::SmtpError& error) {
  return error.code() == 0 ? "SMTP connection failed or timed out" : "SMTP answered " + std::to_string(error.code());
}

// Creates `path` empty, readable and writable by its owner alone, before any
// byte of personal data goes in (a file that was there gets the same mode).
void create_private_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw TransientError("could not create the export file");
  const bool private_mode = ::fchmod(fd, 0600) == 0;
  ::close(fd);
  if (!private_mode) throw TransientError("could not make the export file private");
}

// Passes bytes on to `target` until `limit` of them have passed; the next one
// throws PermanentError (exporting again cannot make the data smaller).
class CappedBuffer final : public std::streambuf {
 public:
  CappedBuffer(std::streambuf& target, std::uint64_t limit) : m_target(target), m_limit(limit) {}

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char byte = traits_type::to_char_type(c);
    return xsputn(&byte, 1) == 1 ? c : traits_type::eof();
  }
  std::streamsize xsputn(const char* data, std::streamsize count) override {
    m_written += static_cast<std::uint64_t>(count);
    if (m_written > m_limit) {
      throw PermanentError("the export is larger than the limit of " + std::to_string(m_limit) + " bytes");
    }
    return m_target.sputn(data, count);
  }
  int sync() override { return m_target.pubsync(); }

 private:
  std::streambuf& m_target;
  std::uint64_t m_limit;
  std::uint64_t m_written = 0;
};

}  // namespace

Worker::Worker(store::Database& db, redis::Client& redis, WorkerSettings settings)
    : m_db(db), m_queue(redis), m_settings(std::move(settings)) {}

void Worker::run(const std::atomic<bool>& stop) {
  auto last_reclaim = std::chrono::steady_clock::now() - std::chrono::hours{1};
  std::chrono::milliseconds backoff = kFirstBackoff;
  bool group_ready = false;
  bool retry_own = false;  // entries of ours left unacknowledged while the database was busy
  while (!stop.load()) {
    bool failed = false;
    try {
      if (!group_ready) {
        m_queue.ensure_group();
        group_ready = true;
      }
      std::vector<Delivery> deliveries;
      if (retry_own) {
        deliveries = m_queue.unacknowledged(m_settings.consumer, kBatch);
        retry_own = false;
      }
      const auto now = std::chrono::steady_clock::now();
      if (deliveries.empty() && now - last_reclaim > std::chrono::seconds{2}) {
        // Entries a dead worker took: idle longer than a lease.
        deliveries = m_queue.reclaim(m_settings.consumer, kBatch, m_settings.lease);
        last_reclaim = now;
      }
      if (deliveries.empty()) deliveries = m_queue.receive(m_settings.consumer, kBatch, m_settings.block);
      for (const auto& delivery : deliveries) {
        if (stop.load()) break;
        try {
          process(delivery);
        } catch (const redis::Error&) {
          throw;  // the connection, not the job: handled below
        } catch (const store::DatabaseBusy& error) {
          // The whole database is busy: the rest of the batch would wait the
          // same timeout each. All of it stays unacknowledged and is read again
          // after the pause.
          util::log(util::Level::warning, "worker: job " + std::to_string(delivery.job_id) +
                                              " waits: the database is busy (" + error.what() + ")");
          retry_own = true;
          failed = true;
          break;
        } catch (const std::exception& error) {
          // Left unacknowledged: after a lease it is handed out again, and the
          // scheduler's sweep re-sends a job that is due.
          util::log(util::Level::warning, "worker: job " + std::to_string(delivery.job_id) +
                                              " could not be claimed or its outcome recorded: " + error.what());
          failed = true;
        }
      }
    } catch (const redis::Error& error) {
      util::log(util::Level::warning, std::string("worker: Redis unavailable: ") + error.what());
      group_ready = false;
      failed = true;
    } catch (const std::exception& error) {
      util::log(util::Level::warning, std::string("worker: ") + error.what());
      failed = true;
    }
    if (failed) {
      pause(stop, backoff);
      backoff = std::min(backoff * 2, kLongestBackoff);
    } else {
      backoff = kFirstBackoff;
    }
  }
}

void Worker::process(const Delivery& delivery) {
  const auto now = util::now();
  std::optional<core::Job> job;
  for (auto wait = kFirstClaimWait;; wait *= 2) {
    {
      auto connection = m_db.connect();
      store::JobRepository jobs(*connection);
      job = jobs.claim(delivery.job_id, now, now + m_settings.lease);
      // Nothing to claim because it is done, or another worker has it: the
      // entry is acknowledged below. Skipped for a row lock: asked again.
      if (job || !jobs.claimable(delivery.job_id, now)) break;
    }
    if (wait > kLongestClaimWait) {
      // Left unacknowledged (see run()): read again after a pause.
      throw store::DatabaseBusy("its row stayed locked by another transaction");
    }
    std::this_thread::sleep_for(wait);
  }
  if (job) {
    std::string failure;
    bool permanent = false;
    try {
      execute(*job);
    } catch (const mail::SmtpError& error) {
      failure = describe_failure(error);
      permanent = error.permanent();
    } catch (const PermanentError& error) {
      failure = error.what();
      permanent = true;
    } catch (const std::invalid_argument& error) {
      failure = error.what();  // e.g. a message that cannot be composed: trying again cannot help
      permanent = true;
    } catch (const std::exception& error) {
      failure = error.what();
    }
    auto connection = m_db.connect();
    store::JobRepository jobs(*connection);
    const auto finished = util::now();
    if (failure.empty()) {
      jobs.complete(job->id, finished);
      m_queue.count("jobs_done");
    } else if (permanent || job->attempts >= m_settings.max_attempts) {
      jobs.bury(job->id, failure, finished);
      m_queue.count("jobs_dead");
      util::log(util::Level::warning, "job " + std::to_string(job->id) + " (" +
                                          std::string(core::to_string(job->kind)) + ") dead after " +
                                          std::to_string(job->attempts) + " attempts: " + failure);
      try {
        m_queue.dead_letter(job->id, failure);
      } catch (const redis::Error&) {
        // The jobs table says it is dead; the stream is only a convenience for operators.
      }
    } else {
      const auto delay = m_settings.retry_base * (1 << std::min(job->attempts - 1, 10));
      jobs.retry(job->id, finished + delay, failure, finished);
      m_queue.count("jobs_retried");
      util::log(util::Level::info, "job " + std::to_string(job->id) + " (" + std::string(core::to_string(job->kind)) +
                                       ") retry in " + std::to_string(delay.count()) + "s: " + failure);
    }
  }
  m_queue.ack(delivery.entry_id);  // the outcome is in SQL; the sweep re-sends a due retry
}

void Worker::execute(const core::Job& job) {
  switch (job.kind) {
    case core::JobKind::send_push:
      return send_push(job);
    case core::JobKind::send_email:
      return send_email(job);
    case core::JobKind::build_report:
      return build_report(job);
    case core::JobKind::export_data:
      return build_export(job);
    case core::JobKind::import_data:
      return run_import(job);
    case core::JobKind::noop:
      return;
    case core::JobKind::unknown:
      break;
  }
  throw PermanentError("a job kind this version of qself does not know");
}

void Worker::send_email(const core::Job& job) { deliver(payload_of(job).value("email_id", std::int64_t{0})); }

void Worker::deliver(std::int64_t email_id) {
  std::optional<store::Email> email;
  std::optional<core::User> user;
  {
    auto connection = m_db.connect();
    email = store::EmailRepository(*connection).find(email_id);
    if (email && email->user_id) user = store::UserRepository(*connection).find(*email->user_id);
  }
  if (!email || !user) return;  // the account was deleted: nothing to send
  if (email->status == "sent") return;
  if (email->status == "sending") {
    // A worker died after handing the whole message to the SMTP server: it was
    // most likely delivered. Sending it again could deliver it twice.
    util::log(util::Level::warning, "email " + std::to_string(email->id) +
                                        " was being sent by a worker that stopped; "
                                        "not sending it twice");
    return;
  }
  mail::Message message;
  message.from = m_settings.mail_from;
  message.to = user->email;
  message.subject = email->subject;
  message.text = email->text_body;
  message.html = email->html_body;
  message.message_id = message_id_for(email->idempotency_key);
  bool handed_over = false;
  try {
    mail::send(m_settings.smtp, message, [&] {
      auto connection = m_db.connect();
      store::EmailRepository(*connection).set_status(email->id, "sending", util::now());
      handed_over = true;
    });
  } catch (const mail::SmtpError& error) {
    m_queue.count("emails_failed");
    if (handed_over && error.code() != 0) {
      // The server answered the end of the message with a refusal: it was not accepted.
      auto connection = m_db.connect();
      store::EmailRepository(*connection).set_status(email->id, "pending", util::now());
    }
    if (handed_over && error.code() == 0) {
      util::log(util::Level::warning, "email " + std::to_string(email->id) +
                                          ": the connection ended after the "
                                          "message was sent; not sending it twice");
      return;
    }
    throw;
  }
  auto connection = m_db.connect();
  store::EmailRepository emails(*connection);
  emails.set_status(email->id, "sent", util::now());
  m_queue.count("emails_sent");
  if (email->kind == "password_reset" || email->kind == "email_verification") {
    emails.forget_bodies(email->id);  // the link is a secret
  }
}

void Worker::send_push(const core::Job& job) {
  const auto payload = payload_of(job);
  const auto message_id = payload.value("push_message_id", std::int64_t{0});
  const auto subscription_id = payload.value("subscription_id", std::int64_t{0});
  std::optional<store::PushMessage> message;
  std::optional<store::PushSubscription> subscription;
  {
    auto connection = m_db.connect();
    store::PushRepository pushes(*connection);
    message = pushes.find_message(message_id);
    subscription = pushes.find(subscription_id);
  }
  // The device was removed, the account deleted, or the message expired and swept: nothing to send.
  if (!message || !subscription || subscription->user_id != message->user_id) return;
  const auto now = util::now();
  if (message->expires_at <= now) return;  // a reminder a day late helps no one
  auto config = m_settings.push;
  push::Result result;
  if (subscription->kind == "webhook") {
    result = push::send_webhook(config, subscription->endpoint, webhook_body(message->payload, m_settings.public_url));
  } else {
    config.vapid = services::vapid_keys(m_db);
    push::PushRequest request;
    request.payload = message->payload;
    // The push service keeps it for an offline device until its buttons expire.
    request.ttl = std::chrono::duration_cast<std::chrono::seconds>(message->expires_at - now);
    result = push::send(config, {subscription->endpoint, subscription->p256dh, subscription->auth}, request,
                        std::chrono::time_point_cast<std::chrono::seconds>(now));
  }
  auto connection = m_db.connect();
  store::PushRepository pushes(*connection);
  switch (result.outcome) {
    case push::Outcome::delivered:
      pushes.set_last_sent(subscription->id, util::now());
      m_queue.count("pushes_sent");
      return;
    case push::Outcome::gone:
      pushes.remove_by_id(subscription->id);
      m_queue.count("push_subscriptions_gone");
      util::log(util::Level::info,
                "notification target " + std::to_string(subscription->id) + " removed: " + result.reason);
      return;
    case push::Outcome::refused:
      m_queue.count("pushes_failed");
      throw PermanentError(result.reason);
    case push::Outcome::retry:
      break;
  }
  m_queue.count("pushes_failed");
  throw TransientError(result.reason);
}

void Worker::build_report(const core::Job& job) {
  const auto payload = payload_of(job);
  if (!job.user_id) throw PermanentError("a report job needs a user");
  services::ReportJob request;
  request.user_id = *job.user_id;
  request.job_id = job.id;
  if (payload.contains("tracker_ids") && payload["tracker_ids"].is_array()) {
    request.tracker_ids = payload["tracker_ids"].get<std::vector<std::int64_t>>();
  }
  if (payload.contains("month")) {
    request.month = payload["month"].get<std::string>();  // "2026-10"
  } else {
    if (const auto from = util::parse_rfc3339(payload.value("from", ""))) request.from = from->utc;
    if (const auto to = util::parse_rfc3339(payload.value("to", ""))) request.to = to->utc;
  }
  std::optional<std::int64_t> email_id;
  try {
    email_id =
        services::ReportService(m_db, m_settings.public_url).build(request, [&](std::size_t done, std::size_t total) {
          auto connection = m_db.connect();
          const auto now = util::now();
          store::JobRepository(*connection)
              .extend(job.id, static_cast<int>(90 * done / total), now + m_settings.lease, now);
        });
  } catch (const ValidationError& error) {
    throw PermanentError(error.fields().count("month") ? "bad month in a monthly report job"
                                                       : "a report job needs from and to");
  }
  // The email is part of this job: the report is done only once it is sent.
  if (email_id) deliver(*email_id);
}

void Worker::build_export(const core::Job& job) {
  const auto payload = payload_of(job);
  const auto format =
      payload.value("format", "json") == "csv" ? services::ExportFormat::csv : services::ExportFormat::json;
  if (!job.user_id) throw PermanentError("an export job needs a user");
  std::optional<core::User> user;
  {
    auto connection = m_db.connect();
    user = store::UserRepository(*connection).find(*job.user_id);
  }
  if (!user) return;
  // The folder and the files hold everything the user owns: the owner (qself) alone reads them.
  std::filesystem::create_directories(m_settings.export_dir);
  std::filesystem::permissions(m_settings.export_dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace);
  // An unguessable name: the file is only served to its owner, but it sits on disk.
  const std::string name =
      std::to_string(job.id) + "-" + util::random_hex(16) + (format == services::ExportFormat::csv ? ".csv" : ".json");
  const std::string path = m_settings.export_dir + "/" + name;
  try {
    create_private_file(path + ".part");
    std::ofstream file(path + ".part", std::ios::binary | std::ios::trunc);
    CappedBuffer capped(*file.rdbuf(), m_settings.export_max_bytes);
    std::ostream out(&capped);
    out.exceptions(std::ios::badbit);  // the cap's exception ends the export at once
    services::export_user_data(m_db, *user, format, out, [&](double share) {
      auto connection = m_db.connect();
      const auto now = util::now();
      store::JobRepository(*connection).extend(job.id, static_cast<int>(share * 99), now + m_settings.lease, now);
    });
    if (!out.flush() || !file.flush()) throw TransientError("could not write the export file");
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(path + ".part", ignored);
    throw;
  }
  std::filesystem::rename(path + ".part", path);
  const auto now = util::now();
  std::vector<core::Job> older;
  {
    auto connection = m_db.connect();
    store::JobRepository jobs(*connection);
    jobs.set_result(job.id,
                    json{{"file", name}, {"expires_at", util::format_rfc3339(now + m_settings.export_lifetime)}}.dump(),
                    now);
    older = jobs.finished_exports_except(*job.user_id, job.id);
  }
  // A quota per user: only the newest export stays on disk.
  for (const auto& done : older) {
    const auto result = json::parse(done.result, nullptr, false);
    if (!result.is_object() || !result.contains("file") || !result["file"].is_string()) continue;
    const std::string file = result["file"].get<std::string>();
    if (file.empty() || file.find('/') != std::string::npos || file.starts_with(".")) continue;
    std::error_code ignored;
    std::filesystem::remove(m_settings.export_dir + "/" + file, ignored);
  }
}

void Worker::run_import(const core::Job& job) {
  const auto payload = payload_of(job);
  if (!job.user_id) throw PermanentError("an import job needs a user");
  const auto mode =
      payload.value("mode", "commit") == "preview" ? services::ImportMode::preview : services::ImportMode::commit;
  const std::int64_t upload = payload.value("upload", job.id);
  std::optional<core::User> user;
  {
    auto connection = m_db.connect();
    user = store::UserRepository(*connection).find(*job.user_id);
  }
  if (!user) return;  // the account was deleted; the sweep removes its upload
  const std::string path = services::import_upload_path(m_settings.import_dir, upload);
  std::string content;
  {
    std::ifstream file(path, std::ios::binary);
    // Not there yet (the request names the file just after its commit) or
    // expired: a retry tells the two apart.
    if (!file) throw TransientError("the uploaded file is not on disk");
    content.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  std::size_t rows_done = 0;  // rows before this point are in the database (a commit's batches)
  services::ImportResult result;
  try {
    result = services::ImportService(m_db).run(*user, content, mode, [&](std::size_t done, std::size_t total) {
      rows_done = done;
      auto connection = m_db.connect();
      const auto now = util::now();
      store::JobRepository(*connection)
          .extend(job.id, total ? static_cast<int>(99 * done / total) : 99, now + m_settings.lease, now);
    });
  } catch (const ValidationError& error) {
    // The file cannot be read at all (or would pass the account's limits): trying again cannot help.
    std::string reason;
    for (const auto& [field, problem] : error.fields()) reason += (reason.empty() ? "" : "; ") + problem;
    throw PermanentError(reason.empty() ? error.what() : "The file " + reason + ".");
  } catch (const Conflict& error) {
    throw PermanentError(error.what());  // e.g. more trackers than an account may hold
  } catch (const std::exception& error) {
    if (mode == services::ImportMode::preview || rows_done == 0) throw;
    // The rows before `rows_done` are the account's now; the retry skips them.
    throw TransientError("stopped after " + std::to_string(rows_done) +
                         " rows were imported; running it again skips those and imports the rest (" + error.what() +
                         ")");
  }
  nlohmann::json stored = {{"import", services::import_result_json(result, mode)}};
  if (mode == services::ImportMode::preview) {
    stored["expires_at"] = util::format_rfc3339(job.created_at + services::kImportUploadLifetime);
  }
  {
    auto connection = m_db.connect();
    store::JobRepository(*connection)
        .set_result(job.id, stored.dump(-1, ' ', false, json::error_handler_t::replace), util::now());
  }
  if (mode == services::ImportMode::commit) {
    std::error_code ignored;  // imported: the file has served; the sweep would remove it anyway
    std::filesystem::remove(path, ignored);
  }
}

}  // namespace qself::jobs
