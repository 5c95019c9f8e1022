#include "jobs/queue_metrics.hpp"

#include <array>
#include <memory>
#include <mutex>
#include <optional>

#include "jobs/queue.hpp"
#include "store/job_repositories.hpp"
#include "util/metrics.hpp"
#include "util/time.hpp"

namespace qself::jobs {
namespace {

// A scrape must stay cheap when Redis is slow: it gives up after this.
constexpr std::chrono::milliseconds kRedisTimeout{200};

// The hash's fields and their labels: three job outcomes, two email ones, then three push ones.
struct Outcome {
  const char* field;  // in JobQueue::kOutcomes
  const char* label;
};
constexpr std::array<Outcome, 8> kOutcomeFields{{{"jobs_done", "done"},
                                                 {"jobs_retried", "retried"},
                                                 {"jobs_dead", "dead"},
                                                 {"emails_sent", "sent"},
                                                 {"emails_failed", "failed"},
                                                 {"pushes_sent", "sent"},
                                                 {"pushes_failed", "failed"},
                                                 {"push_subscriptions_gone", "gone"}}};
constexpr std::size_t kFirstEmailField = 3;
constexpr std::size_t kFirstPushField = 5;

// Reads both sources, then writes each family as one group (the format asks
// for it), saying which source could not be read.
class QueueSection {
 public:
  QueueSection(store::Database& db, redis::Config redis) : m_db(db), m_redis(with_timeout(std::move(redis))) {}

  void render(std::string& out) {
    const auto now = util::now();
    std::optional<store::JobRepository::QueueFigures> queue;
    // A scrape never queues for a connection behind requests: with every one
    // lent out it reports the database unread (source_up 0) at once. (The
    // read itself waits for no writer: WAL readers do not.) A backend that
    // does not report its pool (size 0) is read as before.
    const auto& pool = util::metrics();
    if (pool.db_pool_size.value() == 0 || pool.db_pool_in_use.value() < pool.db_pool_size.value()) {
      try {
        auto connection = m_db.connect();
        queue = store::JobRepository(*connection).queue_figures(now);
      } catch (const std::exception&) {
        // Busy or failing: said by source_up 0, like a full pool.
      }
    }
    const auto outcomes = read_outcomes();

    util::append_help(out, "qself_metrics_source_up", "gauge",
                      "Whether this scrape could read a source of the background figures.");
    util::append_sample(out, "qself_metrics_source_up", util::label_pair("source", "database"), queue ? 1.0 : 0.0);
    util::append_sample(out, "qself_metrics_source_up", util::label_pair("source", "redis"), outcomes ? 1.0 : 0.0);
    if (queue) {
      const auto waited = queue->oldest_due ? std::max<std::int64_t>((now - *queue->oldest_due).count(), 0) : 0;
      gauge(out, "qself_job_queue_length", "Jobs due and not yet taken by a worker.", queue->due);
      gauge(out, "qself_job_queue_oldest_seconds", "How long the oldest due job has waited (0 when none does).",
            waited);
      gauge(out, "qself_jobs_running", "Jobs a worker holds now.", queue->running);
    }
    if (outcomes) {
      util::append_help(out, "qself_jobs_total", "counter", "Job attempts finished by every worker, by outcome.");
      for (std::size_t field = 0; field < kFirstEmailField; ++field) {
        util::append_sample(out, "qself_jobs_total", util::label_pair("outcome", kOutcomeFields[field].label),
                            (*outcomes)[field]);
      }
      util::append_help(out, "qself_emails_total", "counter",
                        "Emails the SMTP server accepted, or attempts that failed.");
      for (std::size_t field = kFirstEmailField; field < kFirstPushField; ++field) {
        util::append_sample(out, "qself_emails_total", util::label_pair("outcome", kOutcomeFields[field].label),
                            (*outcomes)[field]);
      }
      util::append_help(out, "qself_push_total", "counter",
                        "Notifications a push service took, attempts that failed, and devices it said were gone.");
      for (std::size_t field = kFirstPushField; field < kOutcomeFields.size(); ++field) {
        util::append_sample(out, "qself_push_total", util::label_pair("outcome", kOutcomeFields[field].label),
                            (*outcomes)[field]);
      }
    }
  }

 private:
  using Counts = std::array<std::uint64_t, kOutcomeFields.size()>;

  static redis::Config with_timeout(redis::Config config) {
    config.timeout = kRedisTimeout;
    return config;
  }

  static void gauge(std::string& out, const char* name, const char* help, std::int64_t value) {
    util::append_help(out, name, "gauge", help);
    util::append_sample(out, name, "", static_cast<double>(value));
  }

  std::optional<Counts> read_outcomes() {
    std::lock_guard lock(m_redis_mutex);
    try {
      Counts counts{};
      const auto reply = m_redis.command({"HGETALL", JobQueue::kOutcomes});
      for (std::size_t i = 0; i + 1 < reply.items.size(); i += 2) {
        for (std::size_t field = 0; field < kOutcomeFields.size(); ++field) {
          if (reply.items[i].text == kOutcomeFields[field].field) counts[field] = std::stoull(reply.items[i + 1].text);
        }
      }
      return counts;
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }

  store::Database& m_db;
  std::mutex m_redis_mutex;
  redis::Client m_redis;
};

}  // namespace

void add_queue_metrics(store::Database& db, const redis::Config& redis) {
  auto section = std::make_shared<QueueSection>(db, redis);
  util::metrics().add_section([section](std::string& out) { section->render(out); });
}

}  // namespace qself::jobs
