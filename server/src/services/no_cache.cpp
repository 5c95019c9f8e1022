#include "services/services.hpp"

namespace qself::services {

UserCache& no_cache() {
  static NoCache none;
  return none;
}

}  // namespace qself::services
