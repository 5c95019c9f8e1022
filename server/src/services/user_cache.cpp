#include "services/user_cache.hpp"

#include "store/repositories.hpp"

namespace qself::services {
namespace {

class NoCache final : public UserCache {
 public:
  bool reachable() noexcept override { return false; }
  void forget(std::int64_t) noexcept override {}
};

}  // namespace

void commit_change(store::Connection& connection, store::Transaction& transaction, std::int64_t user_id) {
  store::UserRepository(connection).count_change(user_id);
  transaction.commit();
}

UserCache& no_cache() {
  static NoCache none;
  return none;
}

}  // namespace qself::services
