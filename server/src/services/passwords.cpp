#include "services/passwords.hpp"

#include "core/errors.hpp"
#include "util/crypto.hpp"

namespace qself::services {

std::string hash_or_busy(std::string_view password) {
  try {
    return util::hash_password(password);
  } catch (const util::HashingBusy&) {
    throw Busy("The server is busy; try again in a moment.");
  }
}

bool verify_or_busy(std::string_view password, const std::string& hash) {
  try {
    return util::verify_password(password, hash);
  } catch (const util::HashingBusy&) {
    throw Busy("The server is busy; try again in a moment.");
  }
}

std::string new_bearer_token() { return std::string(kTokenPrefix) + util::random_token(32); }

}  // namespace qself::services
