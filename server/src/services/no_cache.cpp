#include "services/user_cache.hpp"

namespace qself::services {
namespace {

class NoCache final : public UserCache {
 public:
  std::optional<std::int64_t> version(std::int64_t) noexcept override { return std::nullopt; }
  void invalidate(std::int64_t) noexcept override {}
};

}  // namespace

UserCache& no_cache() {
  static NoCache none;
  return none;
}

}  // namespace qself::services
