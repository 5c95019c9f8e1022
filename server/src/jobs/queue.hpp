#pragma once
// The job transport: a Redis stream with one consumer group. It carries job
// ids only; the jobs table in SQL is the source of truth (an outbox), so a lost
// stream entry is re-sent by the scheduler's sweep and nothing is lost.

#include <cstdint>
#include <string>
#include <vector>

#include "redis/client.hpp"

namespace qself::jobs {

struct Delivery {
  std::string entry_id;  // the stream entry, for XACK
  std::int64_t job_id = 0;
};

class JobQueue {
 public:
  static constexpr const char* kStream = "qself:jobs";
  static constexpr const char* kDeadStream = "qself:jobs:dead";
  static constexpr const char* kGroup = "workers";
  // What every worker has done, as counters in one hash (read by /metrics:
  // jobs/queue_metrics.hpp). Without an expiry: volatile-lru never evicts it.
  static constexpr const char* kOutcomes = "qself:metrics:outcomes";

  explicit JobQueue(redis::Client& redis) : m_redis(redis) {}

  // Adds a job id to the stream. Throws redis::Error.
  void publish(std::int64_t job_id);
  // New entries for this consumer, waiting up to `block`.
  std::vector<Delivery> receive(const std::string& consumer, int count, std::chrono::milliseconds block);
  // Entries this consumer received earlier and has not acknowledged, oldest
  // first (to try again after a failure); does not wait.
  std::vector<Delivery> unacknowledged(const std::string& consumer, int count);
  // Entries another consumer took but did not acknowledge within `min_idle` (a dead worker's).
  std::vector<Delivery> reclaim(const std::string& consumer, int count, std::chrono::milliseconds min_idle);
  void ack(const std::string& entry_id);
  // Records a job that will not be tried again, for the operator (`qself jobs dead`).
  void dead_letter(std::int64_t job_id, const std::string& reason);
  // Adds one to an outcome counter ("jobs_done", "emails_sent"…). Never
  // throws: a counter must not fail the job it counts.
  void count(const char* outcome) noexcept;
  // Creates the stream and group if missing (after a restart or a flush of Redis).
  void ensure_group();

 private:
  std::vector<Delivery> read_entries(const redis::Value& entries);
  redis::Client& m_redis;
};

}  // namespace qself::jobs
