#include "jobs/publisher.hpp"

#include "store/job_repositories.hpp"
#include "util/log.hpp"

namespace qself::jobs {

void RedisPublisher::publish(std::int64_t job_id) noexcept {
  try {
    {
      std::lock_guard lock(m_mutex);
      m_queue.publish(job_id);
    }
    auto connection = m_db.connect();
    store::JobRepository(*connection).mark_enqueued(job_id, util::now());
  } catch (const std::exception& error) {
    util::log(util::Level::warning,
              "job " + std::to_string(job_id) + " not published yet (the sweep will): " + error.what());
  }
}

}  // namespace qself::jobs
