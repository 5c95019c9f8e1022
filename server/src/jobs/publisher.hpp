#pragma once
// JobPublisher over the Redis stream, safe to share between threads, and the
// outbox bookkeeping (enqueued_at) that tells the sweep what was sent.

#include <mutex>

#include "jobs/queue.hpp"
#include "services/job_publisher.hpp"
#include "store/database.hpp"

namespace qself::jobs {

class RedisPublisher final : public services::JobPublisher {
 public:
  RedisPublisher(store::Database& db, redis::Config config) : m_db(db), m_redis(std::move(config)), m_queue(m_redis) {}
  void publish(std::int64_t job_id) noexcept override;

 private:
  store::Database& m_db;
  std::mutex m_mutex;
  redis::Client m_redis;
  JobQueue m_queue;
};

}  // namespace qself::jobs
