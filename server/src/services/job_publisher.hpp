#pragma once
// Hands committed jobs to the workers. The jobs table is the outbox: a
// publisher may fail (Redis down) and nothing is lost, because the scheduler's
// sweep sends again whatever is pending.

#include <cstdint>

namespace qself::services {

class JobPublisher {
 public:
  virtual ~JobPublisher() = default;
  // Never throws: a failure is logged and left to the sweep.
  virtual void publish(std::int64_t job_id) noexcept = 0;
};

}  // namespace qself::services
