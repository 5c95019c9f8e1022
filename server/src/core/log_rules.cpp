#include "core/log_rules.hpp"

namespace qself::core {

std::optional<std::string> logged_at_problem(util::Timestamp logged_at, util::Timestamp now) {
  if (logged_at < kEarliestLogTime) return "must not be before 1970";
  if (logged_at > now + kFutureLogTolerance) {
    return "must not be in the future (at most " + std::to_string(kFutureLogTolerance.count()) +
           " minutes ahead of now, for clocks that differ)";
  }
  return std::nullopt;
}

}  // namespace qself::core
